"""Values the documents imply but do not state, each labelled ``derived`` with method and inputs.

Rules that keep derived values honest:
- inputs come from one document, so a derived point has one source to cite;
- nothing is derived where a document states the value (the statement wins; the disagreement, if
  any, goes to the checks table instead);
- the interval of the inputs is carried through, so a level implied by "a 99% fall" shows how wide
  the rounding of "99%" leaves it (``value_low``/``value_high``);
- whose statistics it reports is said only when all its inputs say the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from etl.intervals import Interval, level_before_change, percent_change
from etl.model import SeriesDefinition
from etl.normalize import Period, parse_period
from etl.observations import Observation


@dataclass(frozen=True)
class TradeTriple:
    """The four series of one reporter–partner pair, found from series metadata, not names."""

    exports: str
    imports: str
    turnover: str | None
    balance: str | None


_BY_IDENTITY: dict[tuple[str, int], tuple[object, object]] = {}


def _per_series_set(name: str, series: tuple[SeriesDefinition, ...], build):
    """``build(series)``, once per series tuple (by identity: hashing 33 definitions on every
    call would cost more than building). The hypothesis search derives hundreds of times from
    the same tuple."""
    key = (name, id(series))
    entry = _BY_IDENTITY.get(key)
    if entry is None or entry[0] is not series:
        entry = (series, build(series))
        _BY_IDENTITY[key] = entry
    return entry[1]


def trade_pairs(series: tuple[SeriesDefinition, ...]) -> list[TradeTriple]:
    """Reporter–partner pairs that have both flows defined in the same unit, of the same
    indicator and product: a payments balance is not the trade balance of the same pair, nor
    is trade in fuel the sum of trade in goods."""
    return _per_series_set("trade_pairs", series, _trade_pairs)


def series_by_id(series: tuple[SeriesDefinition, ...]) -> dict[str, SeriesDefinition]:
    return _per_series_set("by_id", series, lambda s: {d.series_id: d for d in s})


def _trade_pairs(series: tuple[SeriesDefinition, ...]) -> list[TradeTriple]:
    by_key: dict[tuple[str | None, ...], dict[str, str]] = {}
    for s in series:
        if s.flow and s.measure == "flow":
            key = (s.reporter, s.partner, s.unit, s.indicator, s.product)
            by_key.setdefault(key, {})[s.flow] = s.series_id
    return [
        TradeTriple(flows["exports"], flows["imports"], flows.get("turnover"), flows.get("balance"))
        for _, flows in sorted(by_key.items(), key=lambda item: str(item[0]))
        if "exports" in flows and "imports" in flows
    ]


def format_amount(value: float) -> str:
    """Short human figure for method texts: 6.9 billion, 13.8 million, 74.1."""
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:.4g} {word}"
    return f"{value:.4g}"


def _statistics(inputs: list[Observation]) -> tuple[str | None, str | None]:
    reporters = {o.statistics_from for o in inputs}
    if len(reporters) == 1:
        reporter = reporters.pop()
        return reporter, None if reporter is None else "as its inputs"
    return "not stated", "its inputs report different statistics"


def _derived(
    series_id: str,
    period: Period,
    value: float,
    interval: Interval,
    inputs: list[Observation],
    method: str,
    kind: str,
    base_period: Period | None = None,
    note: str | None = None,
) -> Observation:
    source_id = inputs[0].source_id
    assert all(o.source_id == source_id for o in inputs), "derivations stay within one document"
    statistics_from, statistics_basis = _statistics(inputs)
    return Observation(
        obs_id=f"{source_id}/{kind}:{series_id}:{period.label.replace('/', '_')}",
        series_id=series_id,
        period=period,
        value=value,
        value_low=interval.low,
        value_high=interval.high,
        qualifier="derived",
        source_id=source_id,
        locator=None,
        evidence=None,
        interval=interval,
        base_period=base_period,
        derived_from=tuple(o.obs_id for o in inputs),
        method=method,
        note=note,
        statistics_from=statistics_from,
        statistics_basis=statistics_basis,
    )


ObservationIndex = dict[tuple[str, str, str], Observation]


def index_observations(observations: Iterable[Observation]) -> ObservationIndex:
    """(source, series, period label) → observation; curated facts guarantee uniqueness."""
    return {(o.source_id, o.series_id, o.period.label): o for o in observations}


def paired_flows(
    index: ObservationIndex, pair: TradeTriple
) -> Iterator[tuple[str, str, Observation, Observation]]:
    """(source, period label, exports, imports) wherever one document gives both flows."""
    for (source_id, series_id, label), exports in sorted(index.items()):
        if series_id == pair.exports:
            imports = index.get((source_id, pair.imports, label))
            if imports is not None:
                yield source_id, label, exports, imports


def derive_flows(observations: list[Observation], pairs: list[TradeTriple]) -> list[Observation]:
    """Turnover = exports + imports and balance = exports − imports, where not stated."""
    index = index_observations(observations)
    derived: list[Observation] = []
    for pair in pairs:
        for source_id, label, exports, imports in paired_flows(index, pair):
            pair_inputs = [exports, imports]
            if pair.turnover and (source_id, pair.turnover, label) not in index:
                derived.append(
                    _derived(
                        pair.turnover,
                        exports.period,
                        exports.value + imports.value,
                        exports.interval + imports.interval,
                        pair_inputs,
                        f"turnover = exports + imports = {format_amount(exports.value)} + "
                        f"{format_amount(imports.value)}",
                        "turnover-from-flows",
                        note=_bound_note(pair_inputs),
                    )
                )
            if pair.balance and (source_id, pair.balance, label) not in index:
                derived.append(
                    _derived(
                        pair.balance,
                        exports.period,
                        exports.value - imports.value,
                        exports.interval - imports.interval,
                        pair_inputs,
                        f"balance = exports − imports = {format_amount(exports.value)} − "
                        f"{format_amount(imports.value)}",
                        "balance-from-flows",
                        note=_bound_note(pair_inputs),
                    )
                )
    return derived


def _bound_note(inputs: list[Observation]) -> str | None:
    bounded = [o for o in inputs if o.qualifier in ("lower_bound", "upper_bound", "approximate")]
    if not bounded:
        return None
    return "; ".join(f"input {o.obs_id} is {o.qualifier.replace('_', ' ')}" for o in bounded)


def derive_levels_implied_by_changes(
    observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Observation]:
    """Base-period level = current level / (1 + stated change), where no document states it.

    E.g. January–July 2022 turnover from "$13.8 million, a 99% fall on the same period in 2022".
    """
    index = index_observations(observations)
    stated_anywhere = {(o.series_id, o.period.label) for o in observations}
    derived: list[Observation] = []
    for change in observations:
        definition = series.get(change.series_id)
        if change.is_derived or change.base_period is None or not definition:
            continue
        level_series = definition.change_of
        if level_series is None or (level_series, change.base_period.label) in stated_anywhere:
            continue
        current = index.get((change.source_id, level_series, change.period.label))
        if current is None:
            continue
        interval = level_before_change(current.interval, change.interval)
        if interval is None:
            continue
        value = current.value / (1 + change.value / 100)
        derived.append(
            _derived(
                level_series,
                change.base_period,
                value,
                interval,
                [current, change],
                f"level implied by a stated change: {format_amount(current.value)} / "
                f"(1 {'−' if change.value < 0 else '+'} {abs(change.value):g}%); low–high from the "
                "rounding of both stated figures",
                "implied-by-change",
                note=_bound_note([current, change]),
            )
        )
    return derived


@cache
def _previous_year(period: Period) -> Period | None:
    """The same span one year earlier (2013 → 2012; 2023-01/2023-07 → 2022-01/2022-07)."""
    if period.kind not in ("year", "interval", "month"):
        return None  # days and undated figures have no "same span a year earlier"
    try:
        start = period.start.replace(year=period.start.year - 1)
        end_label = f"{period.end.year - 1:04d}-{period.end.month:02d}"
    except ValueError:
        return None
    if period.kind == "year":
        return parse_period(f"{start.year:04d}")
    if period.kind == "month":
        return parse_period(f"{start.year:04d}-{start.month:02d}")
    return parse_period(f"{start.year:04d}-{start.month:02d}/{end_label}")


def derive_changes_from_levels(
    observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Observation]:
    """Year-on-year percent change from two levels of one document, where no change is stated."""
    index = index_observations(observations)
    change_series = {s.change_of: s.series_id for s in series.values() if s.change_of}
    stated_changes = {
        (o.series_id, o.period.label, o.base_period.label)
        for o in observations
        if o.base_period is not None
    }
    derived: list[Observation] = []
    for (source_id, series_id, _label), current in sorted(index.items()):
        target = change_series.get(series_id)
        base_period = _previous_year(current.period)
        if target is None or base_period is None:
            continue
        base = index.get((source_id, series_id, base_period.label))
        if base is None or base.value <= 0:
            continue
        if (target, current.period.label, base_period.label) in stated_changes:
            continue
        interval = percent_change(current.interval, base.interval)
        if interval is None:
            continue
        value = (current.value / base.value - 1) * 100
        derived.append(
            _derived(
                target,
                current.period,
                value,
                interval,
                [current, base],
                f"change = {format_amount(current.value)} / {format_amount(base.value)} − 1",
                "change-from-levels",
                base_period=base_period,
                note=_bound_note([current, base]),
            )
        )
    return derived


def derive_all(
    observations: list[Observation], series: tuple[SeriesDefinition, ...]
) -> list[Observation]:
    """Every derivation in order; each step sees what the previous ones produced."""
    by_id = series_by_id(series)
    derived = derive_flows(observations, trade_pairs(series))
    derived += derive_levels_implied_by_changes(observations + derived, by_id)
    derived += derive_changes_from_levels(observations + derived, by_id)
    return derived
