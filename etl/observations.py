"""Normalized observations: curated facts in base units and canonical periods, with the interval
each stated figure really allows.

The interval matters because the documents round ("$1.6 billion", "74%") and hedge ("nearly",
"just under"). Derivations carry it forward and consistency checks forgive exactly what it allows,
no more: a check that forgives too much finds nothing, one that forgives too little cries wolf.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.model import CuratedDataset, CuratedFact
from etl.normalize import Period, parse_period, parse_value

APPROXIMATE_SLACK = 0.05
""""About", "around", "nearly": the true figure is taken to be within 5% of the stated one."""

BOUND_SLACK = 0.10
""""Just under 1.4", "more than 200": taken to lie within 10% beyond the stated bound."""


@dataclass(frozen=True)
class Observation:
    """One row of the observations table, plus the plausible interval used by derive and check."""

    obs_id: str
    series_id: str
    period: Period
    value: float
    value_low: float | None
    value_high: float | None
    qualifier: str
    source_id: str
    locator: str | None
    evidence: str | None
    plausible_low: float
    plausible_high: float
    base_period: Period | None = None
    derived_from: tuple[str, ...] = ()
    method: str | None = None
    note: str | None = None
    value_text: str | None = None
    see_also: tuple[str, ...] = ()

    @property
    def is_derived(self) -> bool:
        return self.qualifier == "derived"


def plausible_interval(value: float, rounding: float, qualifier: str) -> tuple[float, float]:
    """The range of true values a stated figure is compatible with, given its wording."""
    low, high = value - rounding, value + rounding
    spread = abs(value)
    if qualifier == "approximate":
        low, high = low - APPROXIMATE_SLACK * spread, high + APPROXIMATE_SLACK * spread
    elif qualifier == "lower_bound":
        high = high + BOUND_SLACK * spread
    elif qualifier == "upper_bound":
        low = low - BOUND_SLACK * spread
    return low, high


def fact_to_observation(fact: CuratedFact) -> Observation:
    """Base units, canonical period, signed change, bounds per the qualifier (DESIGN.md).

    Everything is computed on the magnitude as written and then signed: "fell by up to 70%" is an
    upper bound on the size of the fall, so on the signed scale −70 is the *lowest* value.
    """
    period = parse_period(fact.period_text)
    base = parse_period(fact.base_period_text) if fact.base_period_text else None
    low = high = None
    if fact.qualifier == "range":
        assert fact.low_text and fact.high_text
        low_parsed = parse_value(fact.low_text, fact.unit)
        high_parsed = parse_value(fact.high_text, fact.unit)
        value = (low_parsed.value + high_parsed.value) / 2
        low, high = low_parsed.value, high_parsed.value
        plausible = (low - low_parsed.rounding, high + high_parsed.rounding)
    else:
        assert fact.value_text
        parsed = parse_value(fact.value_text, fact.unit)
        value = parsed.value
        plausible = plausible_interval(value, parsed.rounding, fact.qualifier)
        if fact.qualifier == "lower_bound":
            low = value
        elif fact.qualifier == "upper_bound":
            high = value
    if fact.direction == "decrease":
        value = -value
        low, high = (None if high is None else -high), (None if low is None else -low)
        plausible = (-plausible[1], -plausible[0])
    return Observation(
        obs_id=fact.obs_id,
        series_id=fact.series_id,
        period=period,
        value=value,
        value_low=low,
        value_high=high,
        qualifier=fact.qualifier,
        source_id=fact.source_id,
        locator=fact.locator,
        evidence=fact.evidence,
        plausible_low=min(plausible),
        plausible_high=max(plausible),
        base_period=base,
        note=fact.note,
        value_text=fact.value_text or f"{fact.low_text}–{fact.high_text}",
        see_also=fact.see_also,
    )


def normalize_facts(dataset: CuratedDataset) -> list[Observation]:
    """Every curated fact as an observation, in a stable order (source file, then fact order)."""
    return [fact_to_observation(fact) for source in dataset.sources for fact in source.facts]
