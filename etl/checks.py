"""Consistency: does each stated figure agree with what other stated figures imply?

Each check sets the interval a stated figure's words allow against the interval computed from
other figures (``etl.intervals``). It is ``consistent`` exactly when the two intervals share a
value; otherwise ``gap`` is the smallest distance between them, so a reader sees how robust the
verdict is ("at least $125 million apart"). Checks within one document find a document
contradicting itself; checks across documents find documents disagreeing. Findings about the
documents go to the ``checks`` table; they never stop the build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
) -> Check:
    """The one place a check's status and gap are decided: do the two intervals meet?"""
    stated_value, stated_interval = stated
    computed_value, computed_interval = computed
    cited = list(observations)
    sources = tuple(dict.fromkeys(o.source_id for o in cited))
    consistent = stated_interval.overlaps(computed_interval)
    gap = 0.0 if consistent else stated_interval.gap(computed_interval)
    status = "consistent" if consistent else "inconsistent"
    apart = "they overlap" if consistent else f"at least {format_gap(gap, unit)} apart"
    reporters = sorted({o.statistics_from for o in cited} - {None, "not stated"})
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
    )


def _compare(
    kind: str,
    stated: Observation,
    computed: float,
    computed_interval: Interval,
    inputs: list[Observation],
    unit: str,
    describe: str,
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
        (describe),
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
                for o in observations
                if o.series_id == level_series
                and o.period.label == label
                and change.obs_id not in o.derived_from
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
                    )
                )
    return checks


def check_flow_identities(
    observations: list[Observation], pairs: list[TradeTriple], units: dict[str, str]
) -> list[Check]:
    """Stated turnover against exports + imports, and stated balance against exports − imports."""
    index = index_observations(observations)
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
                    )
                )
    return checks


def check_subperiods_within_year(
    observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Check]:
    """A month or part-year of a flow cannot exceed the whole year it lies in (any document).

    The stated interval is "at most the year" (everything up to the year's high end), the computed
    one the part's interval: they meet exactly when the part can fit in the year.
    """
    checks: list[Check] = []
    flows = {s.series_id for s in series.values() if s.measure == "flow" and s.flow != "balance"}
    years = [o for o in observations if o.series_id in flows and o.period.kind == "year"]
    for year in years:
        if year.is_derived:
            continue
        unit = series[year.series_id].unit
        at_most = Interval(-INF, year.interval.high)
        for part in observations:
            if (
                part.series_id != year.series_id
                or part.period.kind == "year"
                or not year.period.contains(part.period)
            ):
                continue
            checks.append(
                verdict(
                    "subperiod_within_year",
                    f"subperiod_within_year/{year.obs_id}/{part.obs_id}",
                    year.series_id,
                    part.period.label,
                    unit,
                    (year.value, at_most),
                    (part.value, part.interval),
                    [year, part],
                    (
                        f"{part.period.label} ({said(part, unit)}) within the year "
                        f"{year.period.label} ({said(year, unit)}, so at most "
                        f"{format_quantity(year.interval.high, unit)})"
                    ),
                )
            )
    return checks


def check_same_figure_across_documents(
    observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Check]:
    """Two documents stating the same series for the same period: do their intervals meet?

    Agreement within the rounding and wording is consistent; beyond it, a disagreement between
    documents, shown side by side. Stated figures only: a derived value is a reading, not a
    statement.
    """
    stated = [o for o in observations if not o.is_derived and o.period.is_dated]
    checks: list[Check] = []
    for i, first in enumerate(stated):
        for second in stated[i + 1 :]:
            if (
                first.series_id != second.series_id
                or first.period.label != second.period.label
                or first.source_id == second.source_id
                or (first.base_period and second.base_period != first.base_period)
            ):
                continue
            unit = series[first.series_id].unit
            checks.append(
                verdict(
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
                )
            )
    return checks


PLAUSIBLE_FACTOR = 10.0
"""A stated level or flow more than ten times away from every other figure of its series is
probably misread — a scale word lost, a thousand for a million, another series' figure."""


def check_plausible_magnitudes(
    observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Check]:
    """A stated figure far outside its series: more than ``PLAUSIBLE_FACTOR`` times away from
    every other stated figure of the series (levels and flows), or a share outside 0–100.

    Not a contradiction between documents but a figure a reader should not take on trust until
    a curator has looked again; one pass per series over its sorted figures (each figure is
    compared with its nearest neighbours by size)."""
    stated = [o for o in observations if not o.is_derived and o.value == o.value]
    by_series: dict[str, list[Observation]] = {}
    for o in stated:
        by_series.setdefault(o.series_id, []).append(o)
    checks: list[Check] = []
    for series_id, found in by_series.items():
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
        if definition.measure not in ("level", "flow"):
            continue
        sizes = sorted((abs(o.value), o.obs_id) for o in found if o.value)
        for index, (size, obs_id) in enumerate(sizes):
            neighbours = [sizes[i][0] for i in (index - 1, index + 1) if 0 <= i < len(sizes)]
            if not neighbours:
                continue
            nearest = min(neighbours, key=lambda other: max(size, other) / min(size, other))
            if max(size, nearest) / min(size, nearest) <= PLAUSIBLE_FACTOR:
                continue
            o = next(x for x in found if x.obs_id == obs_id)
            allowed = Interval(nearest / PLAUSIBLE_FACTOR, nearest * PLAUSIBLE_FACTOR)
            describe = (
                f"more than {PLAUSIBLE_FACTOR:g}× away from every other figure of the series "
                f"(the nearest is {format_quantity(nearest, unit)})"
            )
            checks.append(_implausible(o, unit, allowed, describe, nearest))
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
    if wanted("subperiod_within_year"):
        checks += check_subperiods_within_year(observations, by_id)
    if wanted("same_figure_across_documents"):
        checks += check_same_figure_across_documents(observations, by_id)
    if wanted("plausible_magnitude"):
        checks += check_plausible_magnitudes(observations, by_id)
    return checks
