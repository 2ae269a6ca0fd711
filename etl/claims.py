"""Comparative statements ("reached its peak in 2021") checked against every document's levels.

A claim names a series and a period, and for ``higher_than``/``lower_than`` the period it is
compared with. The claimed level is the claim's own document's figure for that period when it has
one (stated or derived), else another document's. Each document that gives levels of the series
is then a witness: for a peak, its highest level at another period of the same kind; for a trough,
its lowest; for a comparison, its level at the other period. The claim holds against a witness
exactly when the two intervals allow it (``etl.checks.verdict``): "a peak in 2021" is refuted only
by a level that lies wholly above every value 2021 can have.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from etl.checks import Check, said, verdict
from etl.intervals import INF, Interval
from etl.model import CLAIM_KINDS, CuratedClaim, CuratedDataset, SeriesDefinition
from etl.normalize import NormalizationError, Period, parse_period
from etl.observations import Observation
from etl.problems import CuratedDataError, Problem

WORDS = {
    "peak": "peaked in {period}",
    "trough": "was at its lowest in {period}",
    "higher_than": "was higher in {period} than in {than}",
    "lower_than": "was lower in {period} than in {than}",
}


@dataclass(frozen=True)
class Claim:
    """A curated claim with its periods read."""

    curated: CuratedClaim
    period: Period
    than: Period | None


def _levels(observations: list[Observation], series_id: str) -> list[Observation]:
    """Levels of a series a claim can be checked against: not levels implied by a stated change
    (those already assume the change is right)."""
    return [
        o
        for o in observations
        if o.series_id == series_id
        and o.period.is_dated
        and not (o.method or "").startswith("level implied by a stated change")
    ]


def read_claims(dataset: CuratedDataset, observations: list[Observation]) -> list[Claim]:
    """Every claim, or a CuratedDataError naming each claim that cannot be checked and why."""
    series = {s.series_id: s for s in dataset.series}
    problems: list[Problem] = []
    claims: list[Claim] = []
    for source in dataset.sources:
        for curated in source.claims:
            found = _read_one(curated, series, observations, problems)
            if found is not None:
                claims.append(found)
    if problems:
        raise CuratedDataError(problems)
    return claims


def _read_one(
    claim: CuratedClaim,
    series: dict[str, SeriesDefinition],
    observations: list[Observation],
    problems: list[Problem],
) -> Claim | None:
    def problem(message: str, fix: str) -> None:
        problems.append(Problem(claim.location.file, claim.location.entry, message, fix))

    count = len(problems)
    if claim.kind not in CLAIM_KINDS:
        problem(f"unknown claim kind '{claim.kind}'", f"use one of: {', '.join(CLAIM_KINDS)}")
    if claim.series_id not in series:
        problem(f"claim names an unknown series '{claim.series_id}'", "use a series in series.yaml")
    elif series[claim.series_id].measure == "change":
        problem("a claim compares levels, not changes", "name the level series")
    needs_than = claim.kind in ("higher_than", "lower_than")
    if needs_than and not claim.than_text:
        problem(f"a '{claim.kind}' claim needs 'than'", "write the period it is compared with")
    if not needs_than and claim.than_text:
        problem("'than' applies only to higher_than/lower_than", "remove it")
    periods: list[Period | None] = []
    for key, text in (("period", claim.period_text), ("than", claim.than_text)):
        if not text:
            periods.append(None)
            continue
        try:
            period = parse_period(text)
        except NormalizationError as error:
            problem(f"unparseable {key}: {error}", f"fix the {key}")
            periods.append(None)
            continue
        levels = _levels(observations, claim.series_id)
        if claim.series_id in series and not any(o.period.label == period.label for o in levels):
            problem(
                f"no document gives {claim.series_id} for {period.label} ({key})",
                "name a period some document covers, or curate the level first",
            )
        periods.append(period)
    if len(problems) > count or periods[0] is None:
        return None
    return Claim(claim, periods[0], periods[1])


def _claimed_level(claim: Claim, levels: list[Observation]) -> Observation | None:
    at_period = [o for o in levels if o.period.label == claim.period.label]
    own = [o for o in at_period if o.source_id == claim.curated.source_id]
    stated_first = sorted(own or at_period, key=lambda o: (o.is_derived, o.obs_id))
    return stated_first[0] if stated_first else None


def _witnesses(claim: Claim, levels: list[Observation]) -> list[Observation]:
    """Per document, the level that could refute the claim most strongly."""
    kind = claim.curated.kind
    by_source: dict[str, list[Observation]] = {}
    for o in levels:
        if kind in ("peak", "trough"):
            if o.period.label == claim.period.label or o.period.kind != claim.period.kind:
                continue
        elif claim.than is None or o.period.label != claim.than.label:
            continue
        by_source.setdefault(o.source_id, []).append(o)
    witnesses = []
    for source_id in sorted(by_source):
        candidates = by_source[source_id]
        if kind in ("peak", "higher_than"):
            witnesses.append(max(candidates, key=lambda o: (o.interval.low, o.obs_id)))
        else:
            witnesses.append(min(candidates, key=lambda o: (o.interval.high, o.obs_id)))
    return witnesses


def check_claims(
    claims: list[Claim], observations: list[Observation], series: dict[str, SeriesDefinition]
) -> list[Check]:
    checks: list[Check] = []
    for claim in claims:
        curated = claim.curated
        unit = series[curated.series_id].unit
        levels = _levels(observations, curated.series_id)
        claimed = _claimed_level(claim, levels)
        if claimed is None:
            continue  # only while explaining: a corrected figure set may lack the level
        for witness in _witnesses(claim, levels):
            above = curated.kind in ("peak", "higher_than")
            bound = (
                Interval(witness.interval.low, INF)
                if above
                else Interval(-INF, witness.interval.high)
            )
            check = verdict(
                f"claim_{curated.kind}",
                f"claim_{curated.kind}/{curated.obs_id}/{witness.source_id}",
                curated.series_id,
                claim.period.label,
                unit,
                (claimed.value, claimed.interval),
                (witness.value, bound),
                [claimed, witness],
                (
                    f"{curated.source_id} says {series[curated.series_id].title} "
                    + WORDS[curated.kind].format(
                        period=claim.period.label, than=claim.than.label if claim.than else ""
                    )
                    + f" ({claimed.source_id}: {said(claimed, unit)}); {witness.source_id} "
                    f"gives {said(witness, unit)} for {witness.period.label}"
                ),
            )
            checks.append(replace(check, claim_id=curated.obs_id))
    return checks
