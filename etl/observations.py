"""Normalized observations: curated facts in base units and canonical periods, each with the
interval its words allow (``etl.intervals``).

The interval matters because the documents round ("$1.6 billion", "74%") and hedge ("nearly",
"just under"). Derivations carry it forward and checks ask whether two intervals meet: a check
that forgives too much finds nothing, one that forgives too little cries wolf.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from etl.intervals import (
    Interval,
    Wording,
    domain_of,
    find_wording,
    stated_interval,
    wording_by_phrase,
)
from etl.model import CuratedDataset, CuratedFact, SeriesDefinition
from etl.normalize import Period, parse_period, parse_value

NO_WORDING = "none"
"""``wording: none`` says a phrase before the figure is not hedging ("go up to 15" is a rise)."""


@dataclass(frozen=True)
class Observation:
    """One row of the observations table, with the interval that derive and check work on."""

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
    interval: Interval
    base_period: Period | None = None
    derived_from: tuple[str, ...] = ()
    method: str | None = None
    note: str | None = None
    value_text: str | None = None
    see_also: tuple[str, ...] = ()
    wording: str | None = None
    statistics_from: str | None = None
    statistics_basis: str | None = None
    caveat: str | None = None

    @property
    def is_derived(self) -> bool:
        return self.qualifier == "derived"


def fact_wording(fact: CuratedFact) -> tuple[str, Wording] | None:
    """The hedging of a fact's figure: named by the curator, else read from the quote.

    Words that allow more than one qualifier ("almost 89%" is approximate and at most 89; "more
    than 5%" in a forecast is a forecast) are returned with the one the curator chose, so the
    qualifier check asks only whether the words allow it; the interval is the words' either way.
    """
    if fact.wording is not None:
        if fact.wording.lower() == NO_WORDING:
            return None
        wording = wording_by_phrase(fact.wording)
        found = (fact.wording.lower(), wording) if wording else None
    elif fact.qualifier == "range" or not fact.value_text:
        return None
    else:
        found = find_wording(fact.evidence, fact.value_text)
    if found is None:
        return None
    phrase, wording = found
    if fact.qualifier != wording.qualifier and wording.allows(fact.qualifier):
        return phrase, replace(wording, qualifier=fact.qualifier)
    return found


def fact_to_observation(
    fact: CuratedFact, definition: SeriesDefinition | None = None, language: str | None = None
) -> Observation:
    """Base units, canonical period, signed change, and the interval the wording allows.

    ``language`` is the source's (``SourceRecord.language``): how its figures are written
    ("19,407" is 19.407 in a Russian source, 19407 in an English one).

    Everything is computed on the magnitude as written and then signed: "fell by nearly 87%" lies
    between a fall of 85% and one of 87%, so on the signed scale −87 is the *highest* value.
    """
    period = parse_period(fact.period_text)
    base = parse_period(fact.base_period_text) if fact.base_period_text else None
    domain = domain_of(
        fact.unit,
        definition.measure if definition else "level",
        definition.flow if definition else "balance",
    )
    negative = fact.direction == "decrease" or fact.sign == "-"
    magnitude_domain = Interval(0.0, domain.high) if fact.direction or fact.sign else domain
    found = fact_wording(fact)
    low = high = None
    if fact.qualifier == "range":
        assert fact.low_text and fact.high_text
        low = parse_value(fact.low_text, fact.unit, language).value
        high = parse_value(fact.high_text, fact.unit, language).value
        value = (low + high) / 2
        interval = Interval(low, high)
    else:
        assert fact.value_text
        parsed = parse_value(fact.value_text, fact.unit, language)
        value = parsed.value
        wording = found[1] if found else None
        interval = stated_interval(value, parsed.rounding, fact.unit, wording, magnitude_domain)
        if fact.qualifier == "lower_bound":
            low = value
        elif fact.qualifier == "upper_bound":
            high = value
    if negative:
        value = -value
        low, high = (None if high is None else -high), (None if low is None else -low)
        interval = -interval
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
        interval=interval.clip(domain),
        base_period=base,
        note=fact.note,
        value_text=fact.value_text or f"{fact.low_text}–{fact.high_text}",
        see_also=fact.see_also,
        wording=found[0] if found else ("between" if fact.qualifier == "range" else None),
        statistics_from=fact.statistics_from,
        statistics_basis=fact.statistics_basis,
    )


def normalize_facts(dataset: CuratedDataset) -> list[Observation]:
    """Every curated fact as an observation, in a stable order (source file, then fact order)."""
    series = {s.series_id: s for s in dataset.series}
    return [
        fact_to_observation(fact, series.get(fact.series_id), source.record.language)
        for source in dataset.sources
        for fact in source.facts
    ]
