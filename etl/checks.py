"""Consistency: does each stated figure agree with what other stated figures imply?

Each check sets the interval a stated figure's words allow against the interval computed from
other figures (``etl.intervals``). It is ``consistent`` exactly when the two intervals share a
value; otherwise ``gap`` is the smallest distance between them, so a reader sees how robust the
verdict is ("at least $125 million apart"). Checks within one document find a document
contradicting itself; checks across documents find documents disagreeing. Findings about the
documents go to the ``checks`` table; they never stop the build.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from etl.derive import (
    TradeTriple,
    index_observations,
    paired_flows,
    series_by_id,
    trade_pairs,
)
from etl.describe import CURRENCY_SIGNS, format_gap, format_interval, format_quantity
from etl.intervals import INF, Interval, percent_change
from etl.model import SeriesDefinition
from etl.observations import Observation

WITHIN = "within one document"
ACROSS = "across documents"


@dataclass(frozen=True)
class Check:
    check_id: str
    kind: str
    scope: str
    series_id: str
    period: str
    unit: str
    stated: float
    stated_interval: Interval
    computed: float
    computed_interval: Interval
    gap: float
    status: str
    obs_ids: tuple[str, ...]
    source_ids: tuple[str, ...]
    message: str
    claim_id: str | None = None
    statistics: tuple[str, ...] = ()
    """The national statistics its figures report, through any derived value to its inputs
    (``statistics_from``; "not stated" left out): two of them is a finding of its own."""

    @property
    def consistent(self) -> bool:
        return self.status == "consistent"

    @property
    def failed(self) -> bool:
        """Figures that contradict each other (an unusual figure contradicts nothing)."""
        return self.status == "inconsistent"


def verdict(
    kind: str,
    check_id: str,
    series_id: str,
    period: str,
    unit: str,
    stated: tuple[float, Interval],
    computed: tuple[float, Interval],
    observations: Iterable[Observation],
    describe: str,
    lookup: Mapping[str, Observation] | None = None,
) -> Check:
    """The one place a check's status and gap are decided: do the two intervals meet?

    ``lookup`` (obs_id → observation) lets the check see through a derived value to the
    statistics of its inputs: a turnover summed from Ukraine's figure for one flow and Belarus's
    for the other mixes two countries' statistics even though the sum itself says "not stated".
    """
    stated_value, stated_interval = stated
    computed_value, computed_interval = computed
    cited = list(observations)
    sources = tuple(dict.fromkeys(o.source_id for o in cited))
    consistent = stated_interval.overlaps(computed_interval)
    gap = 0.0 if consistent else stated_interval.gap(computed_interval)
    status = "consistent" if consistent else "inconsistent"
    apart = "they overlap" if consistent else f"at least {format_gap(gap, unit)} apart"
    reporters = statistics_behind(cited, lookup or {})
    if len(reporters) > 1:
        apart += f"; the figures come from {' and '.join(reporters)} statistics"
    message = f"{status}: {describe}; {apart}"
    return Check(
        check_id=check_id,
        kind=kind,
        scope=WITHIN if len(sources) == 1 else ACROSS,
        series_id=series_id,
        period=period,
        unit=unit,
        stated=stated_value,
        stated_interval=stated_interval,
        computed=computed_value,
        computed_interval=computed_interval,
        gap=gap,
        status=status,
        obs_ids=tuple(dict.fromkeys(o.obs_id for o in cited)),
        source_ids=sources,
        message=message,
        statistics=reporters,
    )


def statistics_behind(
    observations: Iterable[Observation], lookup: Mapping[str, Observation]
) -> tuple[str, ...]:
    """The national statistics the figures report, sorted: a derived value's are its inputs'
    (followed through ``lookup``), and "not stated" says nothing."""
    found: set[str] = set()
    pending = list(observations)
    seen: set[str] = set()
    while pending:
        o = pending.pop()
        if o.obs_id in seen:
            continue
        seen.add(o.obs_id)
        inputs = [lookup[i] for i in o.derived_from if i in lookup] if o.is_derived else []
        if inputs:
            pending.extend(inputs)
        elif o.statistics_from not in (None, "not stated"):
            found.add(o.statistics_from)
    return tuple(sorted(found))


def _compare(
    kind: str,
    stated: Observation,
    computed: float,
    computed_interval: Interval,
    inputs: list[Observation],
    unit: str,
    describe: str,
    lookup: Mapping[str, Observation] | None = None,
) -> Check:
    return verdict(
        kind,
        f"{kind}/{stated.obs_id}/" + "+".join(o.obs_id for o in inputs),
        stated.series_id,
        stated.period.label,
        unit,
        (stated.value, stated.interval),
        (computed, computed_interval),
        [stated, *inputs],
        describe,
        lookup,
    )


def said(o: Observation, unit: str) -> str:
    """A figure as the document words it ("just under $1.4 billion", "€10.93 billion"); a
    derived one as the interval it can be ("$6.8–7 billion (derived)")."""
    if o.is_derived or not o.value_text:
        return f"{format_interval(o.interval, unit)} (derived)"
    written = o.value_text.replace("–", " and ") if o.qualifier == "range" else o.value_text
    if unit in CURRENCY_SIGNS:
        written = f"{CURRENCY_SIGNS[unit]}{written}"
    elif unit not in ("percent", "count", "rank") and not written.endswith(unit):
        written = f"{written} {unit}"
    return f"{o.wording} {written}" if o.wording else written


def check_stated_changes(
    observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Check]:
    """Each stated % change against the two levels it stands beside.

    Levels come from the same document when it has them (stated or derived from flows, never the
    level implied by this very change), otherwise from any document that states them; such a
    check is across documents and says so.
    """
    levels: dict[tuple[str, str], list[Observation]] = {}
    for o in observations:
        levels.setdefault((o.series_id, o.period.label), []).append(o)
    lookup = {o.obs_id: o for o in observations}
    checks: list[Check] = []
    for change in observations:
        definition = series.get(change.series_id)
        if (
            change.is_derived
            or change.base_period is None
            or not definition
            or not definition.change_of
        ):
            continue
        level_series = definition.change_of
        level_unit = series[level_series].unit

        def candidates(
            label: str, change: Observation = change, level_series: str = level_series
        ) -> list[Observation]:
            found = [
                o
                for o in levels.get((level_series, label), [])
                if change.obs_id not in o.derived_from
            ]
            same_source = [o for o in found if o.source_id == change.source_id]
            return same_source or found

        for current in candidates(change.period.label):
            for base in candidates(change.base_period.label):
                interval = percent_change(current.interval, base.interval)
                if interval is None or base.value <= 0:
                    continue
                computed = (current.value / base.value - 1) * 100
                verb = "fall" if change.value < 0 else "rise"
                checks.append(
                    _compare(
                        "stated_change_vs_levels",
                        change,
                        computed,
                        interval,
                        [current, base],
                        "percent",
                        (
                            f"stated {verb} of {said(change, 'percent').lstrip('−')} "
                            f"({change.period.label} on {change.base_period.label}); the levels "
                            f"{said(base, level_unit)} → {said(current, level_unit)} give "
                            f"{format_interval(interval, 'percent')}"
                        ),
                        lookup,
                    )
                )
    return checks


def check_flow_identities(
    observations: list[Observation], pairs: list[TradeTriple], units: dict[str, str]
) -> list[Check]:
    """Stated turnover against exports + imports, and stated balance against exports − imports."""
    index = index_observations(observations)
    lookup = {o.obs_id: o for o in observations}
    checks: list[Check] = []
    for pair in pairs:
        unit = units[pair.exports]
        for source_id, label, exports, imports in paired_flows(index, pair):
            turnover = index.get((source_id, pair.turnover, label)) if pair.turnover else None
            flows = f"exports {said(exports, unit)} and imports {said(imports, unit)}"
            if turnover is not None and not turnover.is_derived:
                total = exports.interval + imports.interval
                checks.append(
                    _compare(
                        "flows_sum_to_turnover",
                        turnover,
                        exports.value + imports.value,
                        total,
                        [exports, imports],
                        unit,
                        (
                            f"stated turnover {said(turnover, unit)} ({label}); {flows} sum to "
                            f"{format_interval(total, unit)}"
                        ),
                        lookup,
                    )
                )
            balance = index.get((source_id, pair.balance, label)) if pair.balance else None
            if balance is not None and not balance.is_derived:
                net = exports.interval - imports.interval
                checks.append(
                    _compare(
                        "balance_identity",
                        balance,
                        exports.value - imports.value,
                        net,
                        [exports, imports],
                        unit,
                        (
                            f"stated balance {said(balance, unit)} ({label}); {flows} leave "
                            f"{format_interval(net, unit)}"
                        ),
                        lookup,
                    )
                )
    return checks


SAME_FIGURE = "same figure"
PART_OF_WHOLE = "part of the whole"

PAIR_KINDS = frozenset(
    {"same_figure_across_documents", "subperiod_within_year", "subperiod_within_period"}
)
"""Checks that set exactly two figures of one series side by side: one check per pair."""


def overlapping_pairs(
    observations: Iterable[Observation],
) -> Iterator[tuple[Observation, Observation]]:
    """Every pair of dated figures of one series whose periods share at least a day, each pair
    once, the one listed first first.

    Per series the figures are sorted by the start of their period and swept in that order,
    keeping only the periods still open (a heap on their ends): the cost is the sorting plus the
    pairs themselves, never every figure against every other.
    """
    by_series: dict[str, list[tuple[int, Observation]]] = {}
    for position, o in enumerate(observations):
        if o.period.is_dated:
            by_series.setdefault(o.series_id, []).append((position, o))
    for series_id in sorted(by_series):
        ordered = sorted(by_series[series_id], key=lambda item: (item[1].period.start, item[0]))
        still_open: list[tuple[date, int, Observation]] = []
        for position, o in ordered:
            while still_open and still_open[0][0] < o.period.start:
                heapq.heappop(still_open)
            for _, other_position, other in still_open:
                yield (other, o) if other_position < position else (o, other)
            heapq.heappush(still_open, (o.period.end, position, o))


@dataclass(frozen=True)
class Relation:
    """What two figures of one series over overlapping periods can be held to."""

    kind: str  # SAME_FIGURE or PART_OF_WHOLE
    whole: Observation
    part: Observation


def relation(
    first: Observation, second: Observation, definition: SeriesDefinition | None
) -> Relation | str:
    """The rule that ties two figures of one series over overlapping periods, or why none does.

    * **The same period** (and, for a change, the same base period), both stated: the same
      figure, so their intervals must meet (a derived value is a reading, not a statement).
    * **A flow over a part of the other's period** — a month or a part-year within a year, a
      month within January–July — with the longer figure stated: the part is at most the whole,
      because exports, imports and turnover cannot be negative. It is not the same figure: a
      year's flow is not its January's.
    * **Nothing else** follows: a level is a stock at a date, and a level for a year is not one
      for a month of it (nor a share, change or index for a span one for a part of it); a balance
      over a part of the year can exceed the year's (it is a difference); spans that only partly
      overlap bound neither; a forecast or target says what a document expected, not what
      happened.
    """
    if "forecast" in (first.qualifier, second.qualifier):
        return "a forecast is not a statement of what happened"
    if first.period.label == second.period.label:
        if first.is_derived or second.is_derived:
            return "a derived value is a reading of its document, not a statement"
        first_base = first.base_period.label if first.base_period else None
        second_base = second.base_period.label if second.base_period else None
        if first_base != second_base:
            return "changes on different base periods"
        return Relation(SAME_FIGURE, first, second)
    if first.period.contains(second.period):
        whole, part = first, second
    elif second.period.contains(first.period):
        whole, part = second, first
    else:
        return "periods that only partly overlap"
    if definition is None or definition.measure != "flow" or definition.flow == "balance":
        measure = "a balance" if definition and definition.flow == "balance" else "not a flow"
        return f"a part of the period against the whole, {measure}"
    if whole.is_derived:
        return "the whole is derived"
    return Relation(PART_OF_WHOLE, whole, part)


def check_figure_pairs(
    observations: list[Observation],
    series: dict[str, SeriesDefinition],
    kinds: frozenset[str] = PAIR_KINDS,
) -> list[Check]:
    """Every pair of figures of one series over overlapping periods that a rule ties (``relation``):
    the same figure stated by two documents, and a part of a flow's period within the whole (in
    one document or across). One check per pair, in the order the figures are listed."""
    found: list[tuple[int, int, Check]] = []
    position = {o.obs_id: i for i, o in enumerate(observations)}
    lookup = {o.obs_id: o for o in observations}
    for first, second in overlapping_pairs(observations):
        tie = relation(first, second, series.get(first.series_id))
        if isinstance(tie, str):
            continue
        if tie.kind == SAME_FIGURE:
            if first.source_id == second.source_id or ("same_figure_across_documents" not in kinds):
                continue
            check = _same_figure(first, second, series[first.series_id].unit, lookup)
        else:
            kind = (
                "subperiod_within_year"
                if tie.whole.period.kind == "year"
                else "subperiod_within_period"
            )
            if kind not in kinds:
                continue
            check = _part_of_whole(kind, tie.whole, tie.part, series[first.series_id].unit, lookup)
        first_id, second_id = check.obs_ids[0], check.obs_ids[-1]
        found.append((position[first_id], position[second_id], check))
    return [check for _, _, check in sorted(found, key=lambda item: item[:2])]


def _same_figure(
    first: Observation, second: Observation, unit: str, lookup: Mapping[str, Observation]
) -> Check:
    return verdict(
        "same_figure_across_documents",
        f"same_figure_across_documents/{first.obs_id}/{second.obs_id}",
        first.series_id,
        first.period.label,
        unit,
        (first.value, first.interval),
        (second.value, second.interval),
        [first, second],
        (
            f"{first.source_id} states {said(first, unit)} and {second.source_id} "
            f"{said(second, unit)} for {first.period.label}"
        ),
        lookup,
    )


def _part_of_whole(
    kind: str, whole: Observation, part: Observation, unit: str, lookup: Mapping[str, Observation]
) -> Check:
    """The stated interval is "at most the whole" (everything up to the whole's high end), the
    computed one the part's interval: they meet exactly when the part can fit in the whole."""
    span = f"the year {whole.period.label}" if whole.period.kind == "year" else whole.period.label
    return verdict(
        kind,
        f"{kind}/{whole.obs_id}/{part.obs_id}",
        whole.series_id,
        part.period.label,
        unit,
        (whole.value, Interval(-INF, whole.interval.high)),
        (part.value, part.interval),
        [whole, part],
        (
            f"{part.period.label} ({said(part, unit)}) within {span} ({said(whole, unit)}, so at "
            f"most {format_quantity(whole.interval.high, unit)})"
        ),
        lookup,
    )


def check_subperiods_within_year(
    observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Check]:
    """A month or part-year of a flow cannot exceed the stated flow over a period containing it
    (any document): a year (``subperiod_within_year``) or a longer span
    (``subperiod_within_period``)."""
    return check_figure_pairs(
        observations, series, frozenset({"subperiod_within_year", "subperiod_within_period"})
    )


def check_same_figure_across_documents(
    observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Check]:
    """Two documents stating the same series for the same period (and base): do their intervals
    meet? Agreement within the rounding and wording is consistent; beyond it, a disagreement
    between documents, shown side by side. A year against a month or part-year of it is not the
    same figure (``relation``)."""
    return check_figure_pairs(observations, series, frozenset({"same_figure_across_documents"}))


@dataclass(frozen=True)
class PairCensus:
    """Figures from different documents on one series over overlapping periods: how many pairs,
    how many a rule ties (each one a check), and why the rest are not comparable."""

    overlapping: int
    compared: int
    not_comparable: dict[str, int]


def pair_census(observations: list[Observation], series: dict[str, SeriesDefinition]) -> PairCensus:
    """Count the pairs of figures from different documents (stated, or derived by one of them)
    on one series over overlapping periods: what the Quality page and the findings say was
    compared."""
    overlapping = compared = 0
    reasons: dict[str, int] = {}
    for first, second in overlapping_pairs(observations):
        if first.source_id == second.source_id:
            continue
        overlapping += 1
        tie = relation(first, second, series.get(first.series_id))
        if isinstance(tie, str):
            reasons[tie] = reasons.get(tie, 0) + 1
        else:
            compared += 1
    return PairCensus(overlapping, compared, dict(sorted(reasons.items())))


def pairs_compared(
    kinds: Iterable[str], scopes: Iterable[str], statuses: Iterable[str]
) -> tuple[int, int]:
    """(pairs compared, pairs that contradict each other) among figures from different documents,
    read off the checks table's ``kind``, ``scope`` and ``status`` columns: one check per pair."""
    compared = contradicting = 0
    for kind, scope, status in zip(kinds, scopes, statuses, strict=True):
        if kind in PAIR_KINDS and scope == ACROSS:
            compared += 1
            contradicting += status == "inconsistent"
    return compared, contradicting


PLAUSIBLE_FACTOR = 10.0
"""A stated level or flow more than ten times away from every other figure of its series is
probably misread — a scale word lost, a thousand for a million, another series' figure."""


DAYS_PER_MONTH = 365.25 / 12


def _per_month(o: Observation, definition: SeriesDefinition) -> float:
    """How many months a figure's size is spread over: a flow's period in months (a year's
    exports are twelve months' worth), 1 for a level, which is a stock at a date."""
    if definition.measure != "flow":
        return 1.0
    return ((o.period.end - o.period.start).days + 1) / DAYS_PER_MONTH


def check_plausible_magnitudes(
    observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Check]:
    """A stated figure far outside its series: more than ``PLAUSIBLE_FACTOR`` times away from
    every other stated figure of the series, or a share outside 0–100.

    Levels are compared as they are, flows as amounts per month, so January's exports are set
    against a year's as one twelfth of it, not as a collapse. A balance is left out: it is a
    difference of two flows and may lie near zero in any year. Undated flows have no length
    to spread over and are left out too.

    Not a contradiction between documents but a figure a reader should not take on trust until
    a curator has looked again. It runs on every stated figure of the dataset, so it is one pass
    per series over its figures sorted by size: a figure's nearest other figure is one of its two
    neighbours in that order, and the cost is the sorting, never every figure against every
    other."""
    stated = [o for o in observations if not o.is_derived and o.value == o.value]
    by_series: dict[str, list[Observation]] = {}
    for o in stated:
        by_series.setdefault(o.series_id, []).append(o)
    checks: list[Check] = []
    for series_id in sorted(by_series):
        found = by_series[series_id]
        definition = series.get(series_id)
        if definition is None:
            continue
        unit = definition.unit
        if definition.measure == "share":
            for o in found:
                if not 0 <= o.value <= 100:
                    checks.append(
                        _implausible(o, unit, Interval(0.0, 100.0), "a share outside 0–100")
                    )
            continue
        if definition.measure not in ("level", "flow") or definition.flow == "balance":
            continue
        flow = definition.measure == "flow"
        ranked = sorted(
            (
                (abs(o.value) / _per_month(o, definition), o)
                for o in found
                if o.value and (o.period.is_dated or not flow)
            ),
            key=lambda item: item[0],
        )
        for index, (size, o) in enumerate(ranked):
            neighbours = [ranked[i] for i in (index - 1, index + 1) if 0 <= i < len(ranked)]
            if not neighbours:
                continue
            nearest, other = min(
                neighbours, key=lambda item: max(size, item[0]) / min(size, item[0])
            )
            if max(size, nearest) / min(size, nearest) <= PLAUSIBLE_FACTOR:
                continue
            scaled = nearest * _per_month(o, definition) * (-1 if o.value < 0 else 1)
            allowed = Interval(
                min(scaled / PLAUSIBLE_FACTOR, scaled * PLAUSIBLE_FACTOR),
                max(scaled / PLAUSIBLE_FACTOR, scaled * PLAUSIBLE_FACTOR),
            )
            rate = " as amounts per month" if flow else ""
            describe = (
                f"more than {PLAUSIBLE_FACTOR:g}× away from every other figure of the series"
                f"{rate} (the nearest: {other.source_id} states {said(other, unit)} for "
                f"{other.period.label})"
            )
            checks.append(_implausible(o, unit, allowed, describe, scaled))
    return checks


UNUSUAL = "unusual"
"""The status of a figure a curator confirmed that lies far outside its series: not a
contradiction between figures (no other figure implies another value), but one a reader should
know is out of the ordinary — a collapse, a boom, or a slip nobody caught."""


def _implausible(
    o: Observation, unit: str, allowed: Interval, describe: str, nearest: float | None = None
) -> Check:
    return Check(
        check_id=f"plausible_magnitude/{o.obs_id}",
        kind="plausible_magnitude",
        scope=WITHIN,
        series_id=o.series_id,
        period=o.period.label,
        unit=unit,
        stated=o.value,
        stated_interval=o.interval,
        computed=nearest if nearest is not None else allowed.low,
        computed_interval=allowed,
        gap=o.interval.gap(allowed),
        status=UNUSUAL,
        obs_ids=(o.obs_id,),
        source_ids=(o.source_id,),
        message=(
            f"{UNUSUAL}: {o.source_id} states {said(o, unit)} for {o.period.label}, {describe}"
        ),
    )


def run_checks(
    observations: list[Observation],
    series: tuple[SeriesDefinition, ...],
    kinds: frozenset[str] | None = None,
) -> list[Check]:
    """Every check over stated and derived figures (claims and conversions are checked apart);
    with ``kinds``, only those kinds (the hypothesis search rebuilds just what it compares)."""
    by_id = series_by_id(series)
    units = {series_id: s.unit for series_id, s in by_id.items()}

    def wanted(*names: str) -> bool:
        return kinds is None or any(name in kinds for name in names)

    checks: list[Check] = []
    if wanted("stated_change_vs_levels"):
        checks += check_stated_changes(observations, by_id)
    if wanted("flows_sum_to_turnover", "balance_identity"):
        checks += check_flow_identities(observations, trade_pairs(series), units)
    pair_kinds = PAIR_KINDS if kinds is None else PAIR_KINDS & kinds
    if pair_kinds:
        checks += check_figure_pairs(observations, by_id, pair_kinds)
    if wanted("plausible_magnitude"):
        checks += check_plausible_magnitudes(observations, by_id)
    return checks
