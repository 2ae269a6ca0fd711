"""Internal consistency: does each stated figure agree with the figures stated beside it?

Each check compares a *stated* figure with one *computed* from other figures, and forgives exactly
the uncertainty the wording allows (rounding of the last written digit, "nearly", "just under"):
``tolerance`` is the half-width of the stated interval plus that of the computed one, and a check
is ``consistent`` when ``|computed − stated| <= tolerance``. Inconsistencies are findings about the
documents, reported in the ``checks`` table; they never stop the build.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.derive import TradeTriple, format_amount, index_observations, paired_flows, trade_pairs
from etl.model import SeriesDefinition
from etl.observations import Observation


@dataclass(frozen=True)
class Check:
    check_id: str
    kind: str
    series_id: str
    period: str
    stated: float
    computed: float
    difference: float
    tolerance: float
    status: str
    obs_ids: tuple[str, ...]
    message: str


def _half_width(low: float, high: float) -> float:
    return (high - low) / 2


def _compare(
    kind: str,
    stated: Observation,
    computed: float,
    computed_interval: tuple[float, float],
    inputs: list[Observation],
    describe: str,
) -> Check:
    tolerance = _half_width(stated.plausible_low, stated.plausible_high) + _half_width(
        *computed_interval
    )
    difference = computed - stated.value
    status = (
        "consistent" if abs(difference) <= tolerance + 1e-9 * abs(stated.value) else "inconsistent"
    )
    obs_ids = (stated.obs_id, *(o.obs_id for o in inputs))
    return Check(
        check_id=f"{kind}/{stated.obs_id}/" + "+".join(o.obs_id for o in inputs),
        kind=kind,
        series_id=stated.series_id,
        period=stated.period.label,
        stated=stated.value,
        computed=computed,
        difference=difference,
        tolerance=tolerance,
        status=status,
        obs_ids=obs_ids,
        message=f"{status}: {describe}",
    )


def check_stated_changes(
    observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Check]:
    """Each stated % change against the two levels it stands beside.

    Levels come from the same document when it has them (stated or derived from flows, never the
    level implied by this very change), otherwise from any document that states them.
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
                if base.plausible_low <= 0:
                    continue
                computed = (current.value / base.value - 1) * 100
                interval = (
                    (current.plausible_low / base.plausible_high - 1) * 100,
                    (current.plausible_high / base.plausible_low - 1) * 100,
                )
                verb = "fall" if change.value < 0 else "rise"
                checks.append(
                    _compare(
                        "stated_change_vs_levels",
                        change,
                        computed,
                        interval,
                        [current, base],
                        f"stated {abs(change.value):g}% {verb} ({change.period.label} on "
                        f"{change.base_period.label}); the levels {format_amount(base.value)} → "
                        f"{format_amount(current.value)} give {computed:+.1f}%",
                    )
                )
    return checks


def check_flow_identities(observations: list[Observation], pairs: list[TradeTriple]) -> list[Check]:
    """Stated turnover against exports + imports, and stated balance against exports − imports."""
    index = index_observations(observations)
    checks: list[Check] = []
    for pair in pairs:
        for source_id, label, exports, imports in paired_flows(index, pair):
            turnover = index.get((source_id, pair.turnover, label)) if pair.turnover else None
            if turnover is not None and not turnover.is_derived:
                total = exports.value + imports.value
                checks.append(
                    _compare(
                        "flows_sum_to_turnover",
                        turnover,
                        total,
                        (
                            exports.plausible_low + imports.plausible_low,
                            exports.plausible_high + imports.plausible_high,
                        ),
                        [exports, imports],
                        f"stated turnover {format_amount(turnover.value)} ({label}); exports "
                        f"{format_amount(exports.value)} + imports {format_amount(imports.value)}"
                        f" = {format_amount(total)}",
                    )
                )
            balance = index.get((source_id, pair.balance, label)) if pair.balance else None
            if balance is not None and not balance.is_derived:
                net = exports.value - imports.value
                checks.append(
                    _compare(
                        "balance_identity",
                        balance,
                        net,
                        (
                            exports.plausible_low - imports.plausible_high,
                            exports.plausible_high - imports.plausible_low,
                        ),
                        [exports, imports],
                        f"stated balance {format_amount(balance.value)} ({label}); exports "
                        f"{format_amount(exports.value)} − imports {format_amount(imports.value)}"
                        f" = {format_amount(net)}",
                    )
                )
    return checks


def check_subperiods_within_year(
    observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Check]:
    """A month or part-year of a flow cannot exceed the whole year it lies in (any document).

    Here ``computed`` is the part and ``stated`` the year; ``difference`` is by how much the
    smallest plausible part exceeds the largest plausible year (0 when it does not), so the general
    rule ``|difference| <= tolerance`` holds with a tolerance of 0 (rounding is already in the
    plausible intervals).
    """
    checks: list[Check] = []
    flows = {s.series_id for s in series.values() if s.measure == "flow" and s.flow != "balance"}
    years = [o for o in observations if o.series_id in flows and o.period.kind == "year"]
    for year in years:
        if year.is_derived:
            continue
        for part in observations:
            if (
                part.series_id != year.series_id
                or part.period.kind == "year"
                or not year.period.contains(part.period)
            ):
                continue
            excess = part.plausible_low - year.plausible_high
            status = "consistent" if excess <= 0 else "inconsistent"
            checks.append(
                Check(
                    check_id=f"subperiod_within_year/{year.obs_id}/{part.obs_id}",
                    kind="subperiod_within_year",
                    series_id=year.series_id,
                    period=part.period.label,
                    stated=year.value,
                    computed=part.value,
                    difference=max(0.0, excess),
                    tolerance=0.0,
                    status=status,
                    obs_ids=(year.obs_id, part.obs_id),
                    message=f"{status}: {part.period.label} ({format_amount(part.value)}) "
                    f"within the year {year.period.label} ({format_amount(year.value)})",
                )
            )
    return checks


def run_checks(
    observations: list[Observation], series: tuple[SeriesDefinition, ...]
) -> list[Check]:
    by_id = {s.series_id: s for s in series}
    checks = check_stated_changes(observations, by_id)
    checks += check_flow_identities(observations, trade_pairs(series))
    checks += check_subperiods_within_year(observations, by_id)
    return sorted(checks, key=lambda c: c.check_id)
