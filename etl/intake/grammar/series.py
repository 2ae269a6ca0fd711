"""Which declared series a figure joins, by its dimensions; and the series to propose when none
fits.

A series is its dimensions (datasets/curated/series.yaml): reporter, partner, indicator, flow,
product, measure and unit. A figure joins a series only when it agrees on every one of them —
the same economies, the same thing measured, the same direction, the same goods (where the
series names goods), the same measure and the same unit (a series' unit: a figure in euros does
not join a series in dollars because the document also converts it). Anything less is a
different series: Belarus's total exports are not its exports to Ukraine, a change is not a
level, Ukraine's imports from Belarus are Ukraine's statistic, not Belarus's exports. A figure
that joins none is proposed a new series named from its dimensions, never from the words of
its sentence, so the same reading always proposes the same id.

A match is as sure as the reading behind it: high only when every dimension the series names
was read from the figure's words, not carried from the previous figure or defaulted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from etl.intake.grammar.subjects import (
    _ECONOMY_BY_NAME,
    _INDICATOR_BY_NAME,
    DUE,
    GOODS_FLOW,
    PAIR_FLOW,
    Subject,
)
from etl.model import TOPICS, SeriesDefinition

__all__ = [
    "DIMENSIONS",
    "ProposedSeriesSpec",
    "SeriesMatch",
    "agreement",
    "match_series",
    "new_series_for",
]

DIMENSIONS: tuple[str, ...] = (
    "reporter",
    "partner",
    "indicator",
    "flow",
    "product",
    "measure",
    "unit",
)
UNSURE = 0.5
"""The most a match is worth when a dimension it rests on was carried or defaulted."""
AMBIGUOUS = 0.4
"""The most a match is worth when several series agree on every dimension (they differ in
something the dimensions do not say, e.g. a tariff proposed and one agreed)."""


@dataclass(frozen=True)
class SeriesMatch:
    """The series a figure joins (or None), how each dimension compares with it (or with the
    closest series when none agrees), how sure the match is, and why."""

    series_id: str | None
    agreeing: dict[str, bool]
    confidence: float
    why: str
    closest: str | None = None
    """When no series agrees: the one that agrees on most dimensions."""


@dataclass(frozen=True)
class ProposedSeriesSpec:
    """A series to propose for a figure no declared series fits, named from its dimensions."""

    id: str
    title: str
    topic: str
    measure: str
    unit: str
    dims: dict[str, str | None]
    description: str


def agreement(subject: Subject, unit: str, series: SeriesDefinition) -> dict[str, bool]:
    """Per dimension, whether the figure agrees with the series. The product agrees when the
    series names none (it takes any goods) unless the figure's is a payment falling due (no
    part of the payments made); every other dimension must be equal, None with None (a total
    with the world is not a flow with one partner)."""
    return {
        "reporter": subject.reporter == series.reporter,
        "partner": subject.partner == series.partner,
        "indicator": subject.indicator == series.indicator,
        "flow": subject.flow == series.flow,
        "product": subject.product == series.product
        or (series.product is None and subject.product != DUE),
        "measure": subject.measure == series.measure,
        "unit": unit == series.unit,
    }


def _read(subject: Subject, series: SeriesDefinition) -> list[str]:
    """The dimensions the series names that the figure's words did not say."""
    named = {
        "reporter": series.reporter,
        "partner": series.partner,
        "indicator": series.indicator,
        "flow": series.flow,
        "product": series.product,
        "measure": series.measure,
    }
    return [d for d, value in named.items() if value is not None and d not in subject.words]


def match_series(subject: Subject, unit: str, series: Sequence[SeriesDefinition]) -> SeriesMatch:
    """The declared series the figure joins: the one that agrees on every dimension."""
    if subject.indicator is None:
        return SeriesMatch(None, {}, 0.0, "no indicator was read: no series can be matched")
    compared = [(s, agreement(subject, unit, s)) for s in series]
    joined = sorted(
        (s for s, agrees in compared if all(agrees.values())),
        key=lambda s: (s.product is None, s.series_id),  # one naming the product first
    )
    if joined:
        best = joined[0]
        unread = _read(subject, best)
        confidence = subject.confidence
        why = f"agrees on every dimension with {best.series_id}"
        if unread:
            confidence = min(confidence, UNSURE)
            why += f"; not read from the figure's words: {', '.join(unread)}"
        if len(joined) > 1:
            confidence = min(confidence, AMBIGUOUS)
            others = ", ".join(s.series_id for s in joined[1:])
            why += f"; so do {others} (choose one)"
        return SeriesMatch(
            best.series_id, agreement(subject, unit, best), round(confidence, 2), why
        )
    if not compared:
        return SeriesMatch(None, {}, subject.confidence, "no series declared")
    closest, agrees = max(
        compared, key=lambda pair: (sum(pair[1].values()), pair[1]["indicator"], pair[0].series_id)
    )
    differ = [d for d, ok in agrees.items() if not ok]
    why = f"no series agrees on every dimension; closest {closest.series_id} differs in " + (
        ", ".join(
            f"{d} ({_value(subject, unit, d)} vs {_value(closest, closest.unit, d)})"
            for d in differ
        )
    )
    mirror = _mirror(subject, unit, series)
    if mirror:
        why += f"; {mirror.series_id} is the same flow from the partner's side"
    return SeriesMatch(None, agrees, subject.confidence, why, closest.series_id)


def _value(thing: Subject | SeriesDefinition, unit: str, dimension: str) -> str:
    if dimension == "unit":
        return unit
    return str(getattr(thing, dimension) or "none")


def _mirror(
    subject: Subject, unit: str, series: Sequence[SeriesDefinition]
) -> SeriesDefinition | None:
    """A series of the same goods flow seen from the other end ("Ukraine's imports from
    Belarus" against Belarus's exports to Ukraine): a different statistic, worth naming."""
    opposite = {"exports": "imports", "imports": "exports"}.get(subject.flow or "")
    if opposite is None:
        return None
    for s in series:
        if (
            s.reporter == subject.partner
            and s.partner == subject.reporter
            and s.flow == opposite
            and s.indicator == subject.indicator
            and s.measure == subject.measure
            and s.unit == unit
        ):
            return s
    return None


# ---------------------------------------------------------------------------------------------
# New series


def _code(economy: str | None) -> str:
    if economy is None:
        return "xx"
    known = _ECONOMY_BY_NAME.get(economy)
    return known.code if known else _slug(economy)


def _slug(words: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", words.lower()).strip("_") or "x"


def new_series_for(subject: Subject, unit: str) -> ProposedSeriesSpec:
    """The series to propose for a figure no declared series fits, named from its dimensions.

    The id is ``<topic>.<reporter>[_<partner>|_world].<what>``: the topic of the indicator,
    the economies by code ("by", "ua", "cis"; "world" for a flow with no partner), then what
    is measured — a trade flow by its flow ("trade.by_cis.exports"), a fuel flow by its product
    and flow ("energy.by_ru.gasoline_exports"), anything else by its indicator — with the
    product and the measure appended where they are not the indicator's own
    ("economy.by.gdp_change", "trade.by_world.exports_change"). The same reading always gives
    the same id; the title says the same in words ("Belarus exports of goods to CIS
    countries", "Change in Belarus GDP")."""
    entry = _INDICATOR_BY_NAME.get(subject.indicator or "")
    indicator = subject.indicator or "figure"
    topic = entry.topic if entry and entry.topic in TOPICS else "economy"
    relation = entry.relation if entry else None
    own_measure = entry.measure if entry else "level"
    if subject.indicator in ("trade", "fuel_supply", "fuel_transit") and own_measure != "share":
        own_measure = "flow"
    economies = _code(subject.reporter)
    if subject.partner:
        economies += f"_{_code(subject.partner)}"
    elif relation in (GOODS_FLOW, PAIR_FLOW):
        economies += "_world"
    product = subject.product
    implied = entry.product if entry else None
    goods = product if product not in (None, "goods", implied) else None
    if indicator == "trade":
        what = subject.flow or "trade"
        if goods:
            what = f"{_slug(goods)}_{what}"
    elif indicator in ("fuel_supply", "fuel_transit"):
        kind = "transit" if indicator == "fuel_transit" else (subject.flow or "supply")
        what = f"{_slug(product or 'fuel')}_{kind}"
    else:
        what = indicator + (f"_{_slug(goods)}" if goods else "")
    if subject.measure != own_measure:
        what += f"_{subject.measure}"
    series_id = f"{topic}.{economies}.{what}"
    dims = {
        "reporter": subject.reporter,
        "partner": subject.partner,
        "indicator": subject.indicator,
        "flow": subject.flow,
        "product": subject.product,
        "measure": subject.measure,
        "unit": unit,
    }
    title = _title(subject, entry.title if entry else indicator.replace("_", " "))
    named = ", ".join(f"{k} {v}" for k, v in dims.items() if v)
    description = (
        f"Proposed from a figure's dimensions: {named}. Describe what the series means and how "
        "documents word it."
    )
    return ProposedSeriesSpec(series_id, title, topic, subject.measure, unit, dims, description)


_FLOW_WORDS = {
    "exports": ("exports", "to"),
    "imports": ("imports", "from"),
    "turnover": ("trade turnover", "with"),
    "balance": ("trade balance", "with"),
}
_PARTNER_WORDS = {"lender": "from", "creditor": "to"}


def _the(economy: str) -> str:
    """ "the IMF", "the European Union", "CIS countries"."""
    if economy in ("IMF", "IBRD", "EFSD", "EBRD", "European Union", "United States", "CIS"):
        return f"the {economy}" if economy != "CIS" else "CIS countries"
    return economy


def _title(subject: Subject, name: str) -> str:
    """The series' title in words: "Belarus exports of goods to CIS countries"."""
    reporter = subject.reporter or "Unknown economy"
    partner = subject.partner
    entry = _INDICATOR_BY_NAME.get(subject.indicator or "")
    relation = entry.relation if entry else None
    product = subject.product
    if subject.indicator in ("trade", "fuel_supply", "fuel_transit"):
        flow_words, preposition = _FLOW_WORDS.get(subject.flow or "", ("trade", "with"))
        if subject.indicator == "fuel_transit":
            flow_words, preposition = "transit", "through"
        goods = f" of {product}" if product and subject.indicator == "trade" else ""
        if subject.indicator != "trade" and product:
            flow_words = f"{product} {flow_words}"
        base = f"{reporter} {flow_words}{goods}"
        if partner:
            base += f" {preposition} {_the(partner)}"
    else:
        base = f"{reporter} {name}"
        if product and entry and product != entry.product:
            base += f" ({product})"
        if partner:
            base += f" {_PARTNER_WORDS.get(relation or '', 'with')} {_the(partner)}"
    if subject.measure == "change":
        return f"Change in {base}"
    if subject.measure == "share" and subject.indicator in ("trade", "fuel_supply"):
        whole = f"{reporter} {_FLOW_WORDS.get(subject.flow or '', ('trade', ''))[0]}"
        goods = f" of {product}" if product and product != "goods" else ""
        return f"{_the(partner) if partner else 'Partners'}'s share of {whole}{goods}"
    if subject.measure == "index":
        return f"{base}, volume index"
    return base[0].upper() + base[1:]
