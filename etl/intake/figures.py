"""One figure of a text read whole, as a curator reads it: the quantity, its direction and
qualifier, the period it is about, what it is about, and the series it joins.

Each part is read by the intake's grammar (etl/intake/grammar/) from a bounded window around the
figure; this module puts them together and says how sure the whole reading is. The confidence
of a proposal is the probability that it is right as proposed — value and unit, period,
qualifier and sign, and series — taken as the product of each part's own confidence (the parts
are read from different words, so their errors are close to independent). A figure joins a
declared series only when every dimension agrees; its confidence is high only when every
dimension was read from its own words.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from etl.intake.grammar.language import Language
from etl.intake.grammar.modifiers import Modifiers, read_modifiers
from etl.intake.grammar.periods import PeriodReading, read_period
from etl.intake.grammar.quantities import Quantity
from etl.intake.grammar.series import (
    ProposedSeriesSpec,
    SeriesMatch,
    match_series,
    new_series_for,
)
from etl.intake.grammar.subjects import Subject, read_subject
from etl.intake.structure import Layout, Span
from etl.model import CURRENCIES, SeriesDefinition

__all__ = ["FigureReader", "FigureReading"]

CARRIED_UNIT = 0.6
"""How much a unit carried from an earlier figure of the paragraph is worth ("191.4 billion"
after "$2,172.9 million" is dollars, probably)."""
NEW_SERIES_READ = 0.85
"""How likely a new series is right when the dimensions that set it apart from every declared
series were read from the figure's own words."""
NEW_SERIES_GUESSED = 0.5
"""… and when one of them was carried or defaulted."""


@dataclass(frozen=True)
class FigureReading:
    """Everything read about one figure, with how sure the whole is and why."""

    quantity: Quantity
    unit: str
    modifiers: Modifiers
    period: PeriodReading
    subject: Subject
    match: SeriesMatch
    new_series: ProposedSeriesSpec | None
    sentence: Span
    paragraph: Span
    confidence: float
    how: tuple[str, ...] = field(default=())

    text: str = ""
    """The sentence the figure stands in."""
    stated_by: str | None = None
    """When the text gives a flow from the partner's side ("Ukraine's imports from Belarus")
    and the registry keeps the other ("Belarus exports to Ukraine"): the side the text gave,
    whose statistics the figure presumably is."""

    @property
    def reader_sentence(self) -> str:
        return self.text

    @property
    def series_id(self) -> str:
        return self.match.series_id or (self.new_series.id if self.new_series else "")


class FigureReader:
    """Reads the figures of one text, in order: a figure's subject may carry to the next."""

    def __init__(
        self,
        layout: Layout,
        language: Language,
        document_date: str | None,
        series: tuple[SeriesDefinition, ...],
    ) -> None:
        self.layout = layout
        self.language = language
        self.document_date = document_date
        self.series = series
        self._previous: Subject | None = None
        self._currency: tuple[int, str] | None = None  # (paragraph start, unit) last stated

    def read(self, quantity: Quantity) -> FigureReading:
        layout, text = self.layout, self.layout.canonical
        figure = (quantity.start, quantity.end)
        sentence = layout.sentence(quantity.start)
        paragraph = layout.paragraph(quantity.start)
        unit, unit_confidence, unit_why = self._unit(quantity, paragraph)
        modifiers = read_modifiers(text, figure, sentence, self.language)
        period = read_period(
            text,
            figure,
            sentence,
            paragraph,
            self.language,
            self.document_date,
            heading=layout.heading_of(quantity.start),
            before=layout.section_before(paragraph),
        )
        subject = read_subject(
            text,
            figure,
            sentence,
            paragraph,
            self.language,
            unit=unit,
            is_change=modifiers.is_change,
            previous=self._previous,
        )
        self._previous = subject
        match = match_series(subject, unit, self.series)
        mirrored = None
        if not match.series_id and (mirror := _mirrored(subject)) is not None:
            seen_from_partner = match_series(mirror, unit, self.series)
            if seen_from_partner.series_id:  # the registry keeps the other side of this flow
                directed = subject.flow in ("exports", "imports")
                match, mirrored = seen_from_partner, subject.reporter if directed else None
                subject = mirror
        new_series = None if match.series_id else new_series_for(subject, unit)
        series_confidence = (
            match.confidence if match.series_id else _new_series_confidence(subject, match)
        )
        confidence = unit_confidence * modifiers.confidence * period.confidence * series_confidence
        seen = (
            f" (the registry keeps {subject.reporter}'s side; the text gives {mirrored}'s)"
            if mirrored
            else ""
        )
        how = (
            f"value and unit: {unit_why}",
            f"direction and qualifier: {modifiers.why}",
            f"period: {period.why}",
            f"about: {subject.why}",
            f"series: {match.why}{seen}",
        )
        return FigureReading(
            quantity,
            unit,
            modifiers,
            period,
            subject,
            match,
            new_series,
            sentence,
            paragraph,
            confidence,
            how,
            text[sentence[0] : sentence[1]],
            mirrored,
        )

    def _unit(self, quantity: Quantity, paragraph: Span) -> tuple[str, float, str]:
        """The quantity's unit; one the text leaves out is the currency an earlier figure of
        the same paragraph stated, less surely; else a count."""
        if quantity.unit:
            if quantity.unit in CURRENCIES:
                self._currency = (paragraph[0], quantity.unit)
            return quantity.unit, quantity.confidence, quantity.why or quantity.kind
        if quantity.kind in ("amount", "bare") and self._currency and quantity.scale > 1:
            start, currency = self._currency
            same = start == paragraph[0]
            where = "the paragraph's" if same else "the text's"
            why = f"no unit written: {currency}, as {where} earlier amount"
            sure = CARRIED_UNIT if same else CARRIED_UNIT * CARRIED_UNIT
            return currency, quantity.confidence * sure, why
        return "count", quantity.confidence * CARRIED_UNIT, "no unit written: a count"


_FLIPPED = {"exports": "imports", "imports": "exports", "turnover": "turnover"}


def _mirrored(subject: Subject) -> Subject | None:
    """The same flow seen from its other end: Ukraine's imports from Belarus are Belarus's
    exports to Ukraine; a turnover is the same from either end. None for anything else (a
    balance changes sign, a stock has no other end)."""
    if not (subject.reporter and subject.partner and subject.flow in _FLIPPED):
        return None
    return replace(
        subject,
        reporter=subject.partner,
        partner=subject.reporter,
        flow=_FLIPPED[subject.flow],
        words={
            **subject.words,
            **({"reporter": subject.words["partner"]} if "partner" in subject.words else {}),
            **({"partner": subject.words["reporter"]} if "reporter" in subject.words else {}),
        },
    )


def _new_series_confidence(subject: Subject, match: SeriesMatch) -> float:
    """How likely it is that no declared series fits: the dimensions that differ from the
    closest one were read from the figure's words, or only carried and defaulted."""
    differing = {d for d, agrees in match.agreeing.items() if not agrees}
    if not subject.indicator:
        return NEW_SERIES_GUESSED * subject.confidence
    read = differing & (subject.read_from_words | {"unit"})  # the unit is the figure's own
    sure = NEW_SERIES_READ if read or not differing else NEW_SERIES_GUESSED
    return sure * max(subject.confidence, 0.5)
