"""A document's own currency conversion, checked against the reference rate of its period.

A fact with ``converts: <fact id>`` is the document's conversion of another of its figures
("€10.93 billion ($12.19 billion)"). The two intervals imply an interval of exchange rates; the
check sets it against the mean ECB reference rate over the figure's period
(``etl.reference_rates``) and says which years' (and, near the document's date, which months')
average rates the conversion matches — a conversion made at the rate of the day of writing rather
than that of the year it describes is a finding a reader should see.
"""

from __future__ import annotations

from dataclasses import replace

from etl.checks import Check, said, verdict
from etl.describe import format_interval, format_quantity
from etl.intervals import Interval, ratio
from etl.model import CuratedDataset
from etl.observations import Observation
from etl.problems import CuratedDataError, Problem
from etl.reference_rates import annual_averages, covered, monthly_averages, period_average

KIND = "conversion_vs_reference_rate"


def quoted(currency: str) -> bool:
    """Whether the ECB ever quoted ``currency``: the Belarusian rouble (BYR, BYN) and the
    hryvnia (UAH) never were, so a document's conversion from or to them is kept as stated and
    not checked — neither converted by the ETL nor a problem for the curator."""
    return covered(currency) is not None


def check_conversions(dataset: CuratedDataset, observations: list[Observation]) -> list[Check]:
    """One check per curated conversion; a CuratedDataError for any that cannot be checked."""
    by_id = {o.obs_id: o for o in observations}
    problems: list[Problem] = []
    checks: list[Check] = []
    for source in dataset.sources:
        for fact in source.facts:
            if not fact.converts:
                continue
            where = fact.location

            def problem(message: str, fix: str, where=where) -> None:
                problems.append(Problem(where.file, where.entry, message, fix))

            original = by_id.get(f"{fact.source_id}/{fact.converts}")
            converted = by_id[fact.obs_id]
            if original is None:
                problem(
                    f"converts names no fact '{fact.converts}' of this document",
                    "name the id of the figure this one converts",
                )
                continue
            from_unit = next(f.unit for f in source.facts if f.fact_id == fact.converts)
            if from_unit == fact.unit or original.period.label != converted.period.label:
                problem(
                    "a conversion needs the same period in another currency",
                    "point converts at the same figure in its original currency",
                )
                continue
            if not all(map(quoted, (from_unit, fact.unit))):
                continue  # no reference rate exists (BYN, UAH, tonnes): stated, never checked
            check = _check_one(original, converted, from_unit, fact.unit, problem)
            if check is not None:
                checks.append(check)
    if problems:
        raise CuratedDataError(problems)
    return checks


def _check_one(
    original: Observation, converted: Observation, from_unit: str, to_unit: str, problem
) -> Check | None:
    rate_unit = f"{to_unit} per {from_unit}"
    period = converted.period
    reference = period_average(to_unit, from_unit, period) if period.is_dated else None
    if reference is None:
        spans = [covered(u) for u in (to_unit, from_unit)]
        quoted = ", ".join(
            f"{u}: {'not quoted' if s is None else f'{s[0]} to {s[1]}'}"
            for u, s in zip((to_unit, from_unit), spans, strict=True)
        )
        problem(
            f"no ECB reference rate {rate_unit} for {period.label} ({quoted})",
            "check the period and units, or record the figures without 'converts'",
        )
        return None
    implied = ratio(converted.interval, original.interval)
    assert implied is not None, "amounts with a positive original currency figure"
    years = annual_averages(to_unit, from_unit)
    matching_years = [y for y, r in years.items() if implied.contains(r)]
    closest = min(years, key=lambda y: abs(years[y] - converted.value / original.value))
    months: dict[str, float] = {}
    for year in range(period.start.year, period.end.year + 2):
        months |= monthly_averages(to_unit, from_unit, year)
    matching_months = [m for m, r in months.items() if implied.contains(r)]
    matches = (
        f"matches the annual average of {', '.join(map(str, matching_years))}"
        if matching_years
        else f"matches no annual average (closest: {closest}, "
        f"{format_quantity(years[closest], rate_unit)})"
    )
    if matching_months:
        matches += f"; monthly averages it matches: {', '.join(matching_months)}"
    elif months:
        implied_rate = converted.value / original.value
        month = min(months, key=lambda m: abs(months[m] - implied_rate))
        matches += (
            f"; closest monthly average: {month} ({format_quantity(months[month], rate_unit)})"
        )
    check = verdict(
        KIND,
        f"{KIND}/{converted.obs_id}/{original.obs_id}",
        converted.series_id,
        period.label,
        rate_unit,
        (converted.value / original.value, implied),
        (reference, Interval.point(reference)),
        [converted, original],
        (
            f"the conversion {said(original, from_unit)} = {said(converted, to_unit)} implies "
            f"{format_interval(implied, rate_unit)}; the ECB reference rate averaged over "
            f"{period.label} is {format_quantity(reference, rate_unit)}; the conversion {matches}"
        ),
    )
    return replace(check, scope="against a reference dataset")
