"""Propose the curated file of a new document: one entry per numeric mention the scan finds.

Every mention becomes exactly one proposal — a fact (value, unit, period, qualifier, series,
locator, quote), a dismissal with its reason, or an event — so that a draft accepted as it
stands already passes ``scan``; every quote is cut from the canonical text, so it passes
``verify``; every field is filled the way validation requires (the qualifier from the same
wording rules the ETL applies, one fact per series and period, changes with a direction and a
base period), so it passes ``build``. The curator's work is to read, correct and confirm.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from etl.intake.calibration import calibrated
from etl.intake.documents import Document, IntakeError
from etl.intake.figures import FigureReader, FigureReading
from etl.intake.grammar.language import Language, language_of
from etl.intake.grammar.periods import period_mentions
from etl.intake.grammar.quantities import Numeral, Quantity, find_quantities
from etl.intake.structure import Layout, Span
from etl.model import UNITS, CuratedDataset, SeriesDefinition
from etl.normalize import NormalizationError, parse_period, parse_value
from etl.texts import Mention, mention_context, scan_mentions

__all__ = [
    "Draft",
    "ProposedDismissal",
    "ProposedEvent",
    "ProposedFact",
    "ProposedSeries",
    "first_year",
    "known_values",
    "propose",
]


@dataclass
class ProposedFact:
    id: str
    series: str
    period: str
    unit: str
    qualifier: str
    locator: str
    evidence: str
    confidence: float
    sentence: str
    how: list[str]
    spans: list[Span]  # canonical spans of the mentions this fact accounts for
    value: str | None = None
    low: str | None = None
    high: str | None = None
    direction: str | None = None
    base_period: str | None = None
    statistics_from: str | None = None
    statistics_basis: str | None = None
    sign: str | None = None
    raw_confidence: float = 0.0
    """The product of the parts' confidences, before calibration (etl/intake/calibration.py)."""


@dataclass
class ProposedDismissal:
    mention: str
    context: str
    reason: str
    confidence: float
    sentence: str
    spans: list[Span]


@dataclass
class ProposedEvent:
    id: str
    date: str
    label: str
    locator: str
    evidence: str
    confidence: float
    sentence: str
    spans: list[Span]


@dataclass
class ProposedSeries:
    id: str
    title: str
    unit: str
    measure: str
    topic: str
    description: str
    indicator: str | None = None
    reporter: str | None = None
    partner: str | None = None
    flow: str | None = None
    product: str | None = None


@dataclass
class Draft:
    """Everything ``propose`` suggests for one document, in the order the draft file lists it."""

    document: Document
    record: dict[str, object]
    proposed_fields: list[str]
    record_origin: dict[str, str]
    facts: list[ProposedFact] = field(default_factory=list)
    events: list[ProposedEvent] = field(default_factory=list)
    dismissed: list[ProposedDismissal] = field(default_factory=list)
    new_series: list[ProposedSeries] = field(default_factory=list)


_STATISTICS = {
    "Belarusian": re.compile(
        r"(?i)белстат|belstat|национальн\w+ статистическ\w+ комитет|національн\w+ статистичн\w+"
        r" комітет|national statistical committee|statistics committee of belarus"
    ),
    "Ukrainian": re.compile(
        r"(?i)госстат\w* украины|держстат|державн\w+ служб\w+ статистики|state statistics "
        r"service of ukraine|ukrstat"
    ),
}
"""Agencies whose statistics a trade figure reports, named in its paragraph."""


def propose(
    document: Document,
    source_id: str,
    series: tuple[SeriesDefinition, ...],
    first_year: int | None = None,
    date: str | None = None,
    known_values: dict[str, list[float]] | None = None,
) -> Draft:
    """Propose every fact, dismissal and event of ``document`` against the known ``series``.

    ``first_year`` is the first year the dataset's facts cover: a year before it that dates an
    event is proposed as background, dismissed, rather than as an event to mark on a chart.
    ``date`` is the document's date when the curator knows it (one date: published; a span:
    written); relative words ("last year", "в прошлом месяце") resolve against it instead of
    the date read from the text. ``known_values`` are the dataset's figures per series (in
    base units): a proposal far outside its series' is flagged for the curator.
    """
    layout = Layout.of(document.text)
    canonical = layout.canonical
    record, proposed_fields, origin = _record(document, source_id, layout, date)
    date_key = "written" if "written" in record else "published"
    document_date = str(record.get(date_key) or "") or None
    language = document.language or language_of(canonical) or "en"
    if "language" not in record:
        record["language"] = language
        proposed_fields.append("language")
    draft = Draft(document, record, proposed_fields, origin)
    by_id = {s.series_id: s for s in series}
    reader = FigureReader(layout, language, document_date, series)
    items = _Items(find_quantities(canonical, language, document_date=document_date))
    seen: dict[tuple[str, str], list[ProposedFact]] = {}
    dates: list[Mention] = []
    fact_ids: set[str] = set()
    owner: dict[int, ProposedFact] = {}  # a quantity's start → the fact it is
    dismissed: dict[int, str] = {}  # a quantity's start → why it is no fact
    for mention in scan_mentions(document.text, language):
        sentence_span = layout.sentence(mention.start)
        sentence = canonical[sentence_span[0] : sentence_span[1]].strip()
        item = items.at(mention)
        if isinstance(item, Quantity) and item.start in owner:
            owner[item.start].spans.append((mention.start, mention.end))  # more of its figure
            continue
        if isinstance(item, Quantity) and item.start in dismissed:
            reason = dismissed[item.start]
            draft.dismissed.append(_dismissal(mention, canonical, reason, 0.6, sentence))
            continue
        if mention.kind == "event date" and not isinstance(item, Quantity):
            dates.append(mention)
            continue
        if layout.furniture_at(mention.start):
            reason = "page furniture: part of the page around the text, not a figure"
            draft.dismissed.append(_dismissal(mention, canonical, reason, 0.8, sentence))
            continue
        if not isinstance(item, Quantity):
            reason = item.reason if item is not None else "no figure the grammar can read"
            if item is not None and item.role in ("year", "date") and mention.kind != "figure":
                dates.append(mention)
                continue
            draft.dismissed.append(_dismissal(mention, canonical, reason, 0.6, sentence))
            continue
        figure = reader.read(item)
        reason = _not_a_fact(figure)
        if reason:
            dismissed[item.start] = reason
            draft.dismissed.append(_dismissal(mention, canonical, reason, 0.6, sentence))
            continue
        fact = _fact(layout, figure, document_date, by_id, known_values or {})
        fact.series = _series_id(draft, figure, by_id)
        fact.spans = [(mention.start, mention.end)]
        owner[item.start] = fact
        key = (fact.series, fact.period)
        restated = next((f for f in seen.get(key, []) if _same_amount(f, fact, language)), None)
        if restated is not None:
            kept, dropped = _body_over_heading(layout, restated, fact)
            if kept is fact:  # the headline restates the body: the body's wording is the fact
                draft.facts[draft.facts.index(restated)] = fact
                seen[key][seen[key].index(restated)] = fact
                fact.id = restated.id
            reason = f"restates {kept.id} (same series, period and figure)"
            for start in [s for s, f in owner.items() if f is dropped]:
                del owner[start]
                dismissed[start] = reason
            draft.dismissed += _dismissals_of_fact(dropped, canonical, reason, 0.6, layout)
            continue
        if key in seen:
            others = ", ".join(f.id for f in seen[key])
            fact.how.append(
                f"same series and period as {others} with another figure: a component and "
                "its total, two statistics, or a misreading — keep one, or move one to "
                "another series"
            )
        _add_new_series(draft, fact, figure, by_id)
        fact.id = _unique_id(_fact_id(fact), fact_ids)
        fact_ids.add(fact.id)
        seen.setdefault(key, []).append(fact)
        draft.facts.append(fact)
    _headlines_restating_the_body(draft, layout, language)
    quoted = _within_any(
        [span for fact in draft.facts for span in layout.text.find_all(fact.evidence)]
    )
    event_ids: set[str] = set()
    for mention in dates:
        if quoted(mention.start, mention.end):
            continue  # the year dates a proposed figure and is cited with it
        _event_or_background(draft, layout, mention, first_year, document_date, event_ids, language)
    return draft


def _not_a_fact(figure: FigureReading) -> str | None:
    """Why a figure read whole is still no fact to propose, if it is not."""
    if figure.unit not in UNITS:
        return f"a figure in {figure.unit}, a unit the dataset lacks"
    indicator_words = figure.subject.words.get("indicator") or ""
    sentence = figure.reader_sentence
    if figure.unit == "count" and (
        not indicator_words or indicator_words.lower() not in sentence.lower()
    ):
        return "a count of things in the narrative, not a measure of anything its words name"
    return None


def _headlines_restating_the_body(draft: Draft, layout: Layout, language: str) -> None:
    """A headline or heading that repeats a figure of the body (the same amount, stated the
    same way, whatever period or subject the heading's few words allow) is dismissed in
    favour of the body's sentence, which says more; a headline that rounds it differently
    ("42%" over "42.6%") is a statement of its own."""
    for fact in list(draft.facts):
        if not _in_heading(layout, fact):
            continue
        body = next(
            (
                other
                for other in draft.facts
                if other is not fact
                and not _in_heading(layout, other)
                and _same_amount(fact, other, language)
            ),
            None,
        )
        if body is None:
            continue
        draft.facts.remove(fact)
        reason = f"the headline restates {body.id}"
        draft.dismissed += _dismissals_of_fact(fact, layout.canonical, reason, 0.6, layout)


class _Items:
    """The grammar's reading of the text, looked up by a scan mention (binary search)."""

    REACH = 200
    """How far before a mention an item that covers it may start (a compound amount's first
    part, a range's first end)."""

    def __init__(self, items: list[Quantity | Numeral]) -> None:
        self.items = items
        self.starts = [item.start for item in items]

    def at(self, mention: Mention) -> Quantity | Numeral | None:
        """The item overlapping the mention, a quantity before a numeral."""
        found = None
        index = bisect_right(self.starts, mention.end - 1) - 1
        while index >= 0 and self.items[index].start >= mention.start - self.REACH:
            item = self.items[index]
            if item.start < mention.end and mention.start < item.end:
                if isinstance(item, Quantity):
                    return item
                found = found or item
            index -= 1
        return found


def first_year(dataset: CuratedDataset, leave_out: str | None = None) -> int | None:
    """The first year any curated fact covers (excluding one document's facts)."""
    years = []
    for source in dataset.sources:
        if source.record.source_id == leave_out:
            continue
        for fact in source.facts:
            try:
                period = parse_period(fact.period_text)
            except NormalizationError:
                continue
            if period.is_dated:
                years.append(period.start.year)
    return min(years) if years else None


def known_values(dataset: CuratedDataset) -> dict[str, list[float]]:
    """The dataset's stated figures per series, in base units (for the plausibility flag)."""
    found: dict[str, list[float]] = {}
    for source in dataset.sources:
        for fact in source.facts:
            if not fact.value_text:
                continue
            try:
                value = parse_value(fact.value_text, fact.unit, source.record.language).value
            except NormalizationError:
                continue
            found.setdefault(fact.series_id, []).append(value)
    return found


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------


PLAUSIBLE_FACTOR = 10.0
"""A figure more than this many times away from every figure its series already has (or a
share above 100) is flagged: a scale word lost, a thousand read for a million, another
series' figure."""


def _fact(
    layout: Layout,
    figure: FigureReading,
    document_date: str | None,
    by_id: dict[str, SeriesDefinition],
    known: dict[str, list[float]],
) -> ProposedFact:
    canonical = layout.canonical
    quantity, modifiers, period = figure.quantity, figure.modifiers, figure.period
    must = (_modifier_start(canonical, quantity, figure.sentence, modifiers), quantity.end)
    quote_span = layout.quote(must, period.span)
    evidence = canonical[quote_span[0] : quote_span[1]]
    is_range = quantity.low is not None and quantity.high is not None
    definition = by_id.get(figure.match.series_id or "")
    if definition is not None:
        measure = definition.measure
    else:
        measure = figure.new_series.measure if figure.new_series else figure.subject.measure
    fact = ProposedFact(
        id="",
        series=figure.series_id,
        period=period.period or "undated",
        unit=figure.unit,
        qualifier="range" if is_range else modifiers.qualifier,
        locator=layout.locator(quantity.start),
        evidence=evidence,
        confidence=figure.confidence,
        sentence=canonical[figure.sentence[0] : figure.sentence[1]].strip(),
        how=list(figure.how),
        spans=[],
        value=None if is_range else quantity.value_text,
        low=quantity.low_text if is_range else None,
        high=quantity.high_text if is_range else None,
    )
    if measure == "change":
        fact.direction = modifiers.direction or "increase"
        fact.base_period = period.base_period or (
            fact.period if definition and definition.change_of else None
        )
        if definition and definition.change_of and not period.base_period:
            fact.how.append("base period not stated: set to the period itself, correct it")
    elif modifiers.sign and _may_be_negative(definition, figure):
        fact.sign = modifiers.sign  # a deficit, or a surplus said in words
    if figure.subject.indicator == "trade" and measure in ("flow", "change"):
        fact.statistics_from, fact.statistics_basis = _statistics(
            canonical, figure.paragraph, figure.stated_by
        )
    _cut_at_writing(fact, document_date)
    _flag_implausible(fact, definition, known)
    fact.raw_confidence = fact.confidence
    fact.confidence = calibrated(fact.confidence)
    return fact


def _modifier_start(canonical: str, quantity: Quantity, sentence: Span, modifiers) -> int:
    """Where the quote must start: the hedging and change words before the figure, and a few
    words more, so that the quote says what the figure is."""
    start = _word_start(canonical, quantity.start, 3)
    for word in modifiers.words:
        found = canonical.rfind(word, max(sentence[0], quantity.start - 200), quantity.start)
        if found != -1:
            start = min(start, found)
    return max(sentence[0], start)


def _may_be_negative(definition: SeriesDefinition | None, figure: FigureReading) -> bool:
    flow = definition.flow if definition else figure.subject.flow
    return flow == "balance" or (figure.subject.indicator or "").endswith("balance")


def _statistics(canonical: str, paragraph: Span, stated_by: str | None) -> tuple[str, str | None]:
    """Whose statistics a trade figure reports, and why: the agency its paragraph names; else
    the side the text gives the flow from, when that is not the registry's ("Ukraine's
    imports" are presumably Ukraine's statistics)."""
    window = canonical[paragraph[0] : min(paragraph[1], paragraph[0] + 3000)]
    for whose, pattern in _STATISTICS.items():
        if found := pattern.search(window):
            return whose, f'its paragraph names the agency: "{found.group()}"'
    adjectives = {"Ukraine": "Ukrainian", "Belarus": "Belarusian"}
    if stated_by in adjectives:
        return adjectives[stated_by], (
            f"inferred: the document gives the flow from {stated_by}'s side and names no statistics"
        )
    return "not stated", None


def _cut_at_writing(fact: ProposedFact, document_date: str | None) -> None:
    """A text reports nothing after its writing: a figure wholly after it is a forecast. (A
    year still running when the text was written stays that year: a plan, a budget or the
    year so far is stated for it.)"""
    writing = _parse(document_date)
    dated = _parse(fact.period)
    if not (writing and dated and dated.is_dated and dated.start > writing.end):
        return
    if fact.qualifier != "forecast":
        fact.qualifier = "forecast"
        fact.how.append("after the document's date: a forecast, or the document's date is wrong")
        fact.confidence = fact.confidence * 0.5


def _flag_implausible(
    fact: ProposedFact, definition: SeriesDefinition | None, known: dict[str, list[float]]
) -> None:
    """Flag a figure far outside what its series holds: the curator looks twice."""
    amount = _amount(fact)
    if amount is None:
        return
    value = abs(amount[0])
    if definition is not None and definition.measure == "share" and not 0 <= amount[0] <= 100:
        fact.how.append("implausible: a share outside 0–100")
    elif definition is not None and definition.measure in ("level", "flow"):
        others = [abs(v) for v in known.get(definition.series_id, []) if v]
        if (
            others
            and value
            and all(max(value, o) / min(value, o) > PLAUSIBLE_FACTOR for o in others)
        ):
            fact.how.append(
                f"implausible: more than {PLAUSIBLE_FACTOR:g}× away from every figure the "
                "series has — check the scale word and the series"
            )
        else:
            return
    else:
        return
    fact.confidence = fact.confidence * 0.5


def _same_amount(first: ProposedFact, second: ProposedFact, language: str) -> bool:
    """The same figure, stated the same way, within rounding: each value lies within the other's
    written precision ("42%" restates "42.4%"; "42%" does not restate "42.6%", which rounds to
    43; "almost 89%" does not restate "89%": its words say something else)."""
    if (first.value is None) != (second.value is None) or first.unit != second.unit:
        return False
    if first.value is None:
        return (first.low, first.high) == (second.low, second.high)
    try:
        a = parse_value(first.value, first.unit, language)
        b = parse_value(second.value, second.unit, language)
    except NormalizationError:
        return first.value == second.value
    same_words = first.sign == second.sign and first.qualifier == second.qualifier
    return same_words and abs(a.value - b.value) <= max(a.rounding, b.rounding)


def _body_over_heading(
    layout: Layout, first: ProposedFact, second: ProposedFact
) -> tuple[ProposedFact, ProposedFact]:
    """Of two proposals of one figure, the one to keep (and the one to dismiss): a sentence of
    the body over a headline or heading, which restates and rounds; else the first."""
    first_heading = _in_heading(layout, first)
    second_heading = _in_heading(layout, second)
    if first_heading and not second_heading:
        return second, first
    return first, second


def _in_heading(layout: Layout, fact: ProposedFact) -> bool:
    """Whether the fact stands in a heading, or in a line that repeats one (news pages print
    their title again above the photo, its caption glued on)."""
    start = fact.spans[0][0] if fact.spans else 0
    heading = layout.heading_of(start)
    if heading is not None and heading[0] <= start < heading[1]:
        return True
    sentence = layout.sentence(start)
    text = layout.canonical[sentence[0] : sentence[1]]
    return any(
        len(title.split()) >= 4 and text.startswith(title) and start < sentence[0] + len(title)
        for _, title in layout.headings
    )


UNCLASSIFIED = "unclassified"
"""The indicator of a proposed series whose figure's words name no measure the grammar knows:
a valid placeholder the curator replaces (the figure's confidence says how little is known)."""


def _series_id(draft: Draft, figure: FigureReading, by_id: dict[str, SeriesDefinition]) -> str:
    """The series a figure's fact names: the declared one it joins, else the new one read
    from its dimensions — told apart by unit when the text gives one reading in two units."""
    if figure.match.series_id or figure.new_series is None:
        return figure.series_id
    spec = figure.new_series
    clash = by_id.get(spec.id) is not None or any(
        s.id == spec.id and s.unit != spec.unit for s in draft.new_series
    )
    return f"{spec.id}_{_slug(spec.unit)}" if clash else spec.id


def _slug(words: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", words.lower()).strip("_")


def _add_new_series(
    draft: Draft,
    fact: ProposedFact,
    figure: FigureReading,
    by_id: dict[str, SeriesDefinition],
) -> None:
    """A figure no declared series fits gets the series named from what was read."""
    spec = figure.new_series
    if spec is None or fact.series in by_id or any(s.id == fact.series for s in draft.new_series):
        return
    dims = spec.dims
    draft.new_series.append(
        ProposedSeries(
            id=fact.series,
            title=spec.title,
            unit=spec.unit,
            measure=spec.measure,
            topic=spec.topic,
            description=spec.description,
            indicator=dims.get("indicator") or UNCLASSIFIED,
            reporter=dims.get("reporter"),
            partner=dims.get("partner"),
            flow=dims.get("flow"),
            product=dims.get("product"),
        )
    )


def _amount(fact: ProposedFact, language: str | None = None) -> tuple[float, str] | None:
    if fact.value is None:
        return None
    try:
        value = parse_value(fact.value, fact.unit, language).value
    except NormalizationError:
        return None
    return (-value if fact.sign == "-" else value), fact.unit


def _fact_id(fact: ProposedFact) -> str:
    tail = fact.series.split(".")[-1].replace("_", "-")
    period = fact.period.replace("/", "-to-").lower()
    return re.sub(r"[^a-z0-9-]+", "-", f"{tail}-{period}").strip("-")


def _within_any(spans: list[Span]) -> Callable[[int, int], bool]:
    """Whether ``(start, end)`` lies inside one of ``spans``: one binary search per question
    (the latest-reaching span among those starting at or before ``start``)."""
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach = list(accumulate((e for _, e in ordered), max))

    def within(start: int, end: int) -> bool:
        index = bisect_right(starts, start)
        return index > 0 and reach[index - 1] >= end

    return within


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _word_start(text: str, offset: int, words: int) -> int:
    """The offset ``words`` words before ``offset`` (to keep a hedge like "just under")."""
    start = offset
    for _ in range(words):
        space = text.rfind(" ", 0, max(start - 1, 0))
        if space == -1:
            return 0
        start = space + 1
    return start


def _parse(label: str | None):
    try:
        return parse_period(label) if label else None
    except NormalizationError:
        return None


# --------------------------------------------------------------------------------------------
# Dismissals and events
# --------------------------------------------------------------------------------------------


def _dismissal(
    mention: Mention, canonical: str, reason: str, confidence: float, sentence: str
) -> ProposedDismissal:
    return ProposedDismissal(
        mention=mention.text,
        context=mention_context(canonical, mention),
        reason=reason,
        confidence=confidence,
        sentence=sentence,
        spans=[(mention.start, mention.end)],
    )


def _dismissals_of_fact(
    fact: ProposedFact, canonical: str, reason: str, confidence: float, layout: Layout
) -> list[ProposedDismissal]:
    """A proposed fact turned into the dismissal of each of its mentions (a restatement)."""
    found = []
    for start, end in fact.spans:
        mention = Mention(start, end, canonical[start:end])
        sentence = layout.sentence(start)
        text = canonical[sentence[0] : sentence[1]].strip()
        found.append(_dismissal(mention, canonical, reason, confidence, text))
    return found


def _event_or_background(
    draft: Draft,
    layout: Layout,
    mention: Mention,
    first_year: int | None,
    document_date: str | None,
    event_ids: set[str],
    language: Language,
) -> None:
    """Propose the event a year dates, or dismiss it as background; ``event_ids`` are the ids
    taken so far (the new event's is added)."""
    canonical = layout.canonical
    sentence_span = layout.sentence(mention.start)
    sentence = canonical[sentence_span[0] : sentence_span[1]].strip()
    year = int(mention.core[:4])
    if first_year is not None and year < first_year:
        reason = f"background before the dataset's first year ({first_year}); nothing to mark"
        draft.dismissed.append(_dismissal(mention, canonical, reason, 0.6, sentence))
        return
    date = mention.text if "–" not in mention.text else None
    for phrase in period_mentions(canonical, sentence_span, language, document_date):
        if phrase.start <= mention.start and mention.end <= phrase.end and phrase.period:
            date = phrase.period
    date = date or _range_label(mention.text)
    if _parse(date) is None:
        date = str(year)
    quote = layout.quote((mention.start, mention.end))
    evidence = canonical[quote[0] : quote[1]]
    label = _label(sentence)
    event_id = _unique_id(f"event-{date.replace('/', '-to-')}", event_ids)
    event_ids.add(event_id)
    draft.events.append(
        ProposedEvent(
            id=event_id,
            date=date,
            label=label,
            locator=layout.locator(mention.start),
            evidence=evidence,
            confidence=0.4,
            sentence=sentence,
            spans=[(mention.start, mention.end)],
        )
    )


def _range_label(text: str) -> str | None:
    years = re.findall(r"\d{2,4}", text)
    if len(years) == 2:
        first, second = years
        second = second if len(second) == 4 else first[:2] + second
        return f"{first}/{second}"
    return None


_LEADING_DATE = re.compile(
    r"^(?:(?:In|On|By|Since|From|During|At)\s+)?(?:the\s+)?(?:(?:beginning|end|middle|start)\s+of\s+)?"
    r"(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?\d{4}(?:[–-]\d{2,4})?,?\s+"
)
_LABEL_WORDS = 10


def _label(sentence: str) -> str:
    """A short label for a dated sentence: its opening clause, without a leading date.

    "In March 2014, Belarus voted against the UN resolution ..." → "Belarus voted against the
    UN resolution"; "The Russian Federation launched its full-scale invasion of Ukraine in
    February 2022 from ..." → its first ten words. The curator shortens it for the chart.
    """
    text = _LEADING_DATE.sub("", re.sub(r"^\[\d+\]\s*", "", sentence.strip()))
    words = text.split()
    label: list[str] = []
    for word in words[:_LABEL_WORDS]:
        label.append(word)
        if len(label) >= 4 and word.endswith((",", ";", ":", ".")):
            break
    while label and label[-1].lower().strip(",.;:") in _DANGLING:
        label.pop()
    return " ".join(label).rstrip(",.;:—") if label else ""


_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "that",
        "which",
        "as",
        "at",
    ]
)


# --------------------------------------------------------------------------------------------
# The bibliographic record
# --------------------------------------------------------------------------------------------


def _record(
    document: Document, source_id: str, layout: Layout, given: str | None = None
) -> tuple[dict[str, object], list[str], dict[str, str]]:
    meta = document.metadata
    record: dict[str, object] = {"id": source_id}
    proposed: list[str] = []
    origin = dict(meta.origin)
    record["title"] = meta.title or document.path.stem
    proposed.append("title")
    if not meta.title:
        origin["title"] = "the file name: no title found"
    record["authors"] = list(meta.authors)
    proposed.append("authors")
    record["publisher"] = meta.publisher or "not established"
    proposed.append("publisher")
    if meta.container:
        record["container"] = meta.container
        proposed.append("container")
    date = _valid_date(meta.date)
    given_period = _parse(given)
    if given and given_period is None:
        raise IntakeError(
            f"--date {given!r} is not a date: write 2018-12, 2020-08-03 or 2023-10/2024"
        )
    if given_period is not None and given_period.kind != "interval":
        record["published"] = given_period.label
        origin["published"] = "given by the curator"
    elif date:
        record["published"] = date
        proposed.append("published")
    if given_period is not None and given_period.kind == "interval":
        record["written"] = given_period.label
        origin["written"] = "given by the curator"
    elif "published" not in record:
        record["written"] = _latest_dated(layout) or "undated"
        origin["written"] = "the latest month named in the text: it was written after it"
        proposed.append("written")
    if meta.url:
        record["url"] = meta.url
        proposed.append("url")
    record["text_sha256"] = document.sha256
    if not meta.authors:
        record["notes"] = ["No author is named in the document."]
    return record, proposed, origin


def _valid_date(text: str | None) -> str | None:
    if not text:
        return None
    text = text[:10]
    parsed = _parse(text)
    return parsed.label if parsed and parsed.kind in ("year", "month", "day") else None


_FUTURE = re.compile(
    r"(?i)\b(?:will|would|shall|due|scheduled|planned|expected|upcoming|coming|next|likely"
    r"|будет|будут|планируе\w*|ожидае\w*|намерен\w*|буде|будуть|плану\w*|очіку\w*)\b"
)


def _latest_dated(layout: Layout) -> str | None:
    """The latest month the text reports as past: the text was written after it."""
    canonical = layout.canonical
    language = language_of(canonical) or "en"
    labels = []
    for start, end in layout.sentences:
        if _FUTURE.search(canonical[start:end]):
            continue
        labels += [
            p.period[:7]
            for p in period_mentions(canonical, (start, end), language, None)
            if p.period and p.role == "period" and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", p.period)
        ]
    return max(labels) if labels else None
