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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from etl.canonical import numeric_core
from etl.intake.documents import Document, IntakeError
from etl.intake.periods import base_period_after, dated_phrases, read_period
from etl.intake.quantities import Reading, read_mention
from etl.intake.series_match import SeriesMatcher, direction_of
from etl.intake.structure import Layout, Span
from etl.intervals import find_wording
from etl.model import TOPICS, UNITS, CuratedDataset, SeriesDefinition
from etl.normalize import NormalizationError, parse_period, parse_value
from etl.texts import Mention, mention_context, scan_mentions

__all__ = [
    "Draft",
    "ProposedDismissal",
    "ProposedEvent",
    "ProposedFact",
    "ProposedSeries",
    "first_year",
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


_FORECAST = re.compile(
    r"(?i)\b(?:expected|forecast\w*|projected|predicted|likely|set)\s+to\b|\bforecast\w*"
    r"|\bwill\s+(?:be|reach|amount|rise|fall|grow|increase|decrease|drop)\b"
)
_AMOUNT_OR_BREAK = re.compile(r";|[$€₽]|\d[\d,.]*\s?(?:%|percent|per cent|billion|million)")
_RANGE_BETWEEN = re.compile(r"(?i)^\s*(?:and|to|[–—-])\s*$")


def propose(
    document: Document,
    source_id: str,
    series: tuple[SeriesDefinition, ...],
    first_year: int | None = None,
    date: str | None = None,
) -> Draft:
    """Propose every fact, dismissal and event of ``document`` against the known ``series``.

    ``first_year`` is the first year the dataset's facts cover: a year before it that dates an
    event is proposed as background, dismissed, rather than as an event to mark on a chart.
    ``date`` is the document's date when the curator knows it (one date: published; a span:
    written); "today" and "this year" resolve against it instead of the date read from the text.
    """
    layout = Layout.of(document.text)
    canonical = layout.canonical
    record, proposed_fields, origin = _record(document, source_id, layout, date)
    date_key = "written" if "written" in record else "published"
    document_date = str(record.get(date_key) or "") or None
    draft = Draft(document, record, proposed_fields, origin)
    matcher = SeriesMatcher(series)
    by_id = {s.series_id: s for s in series}
    mentions = scan_mentions(document.text)
    figures = tuple(sorted({m.core_span[0] for m in mentions if m.kind == "figure"}))
    consumed: set[int] = set()
    seen_keys: dict[tuple[str, str], tuple[str, tuple[float, str] | None]] = {}
    dates: list[Mention] = []
    fact_ids: set[str] = set()
    for index, mention in enumerate(mentions):
        if index in consumed:
            continue
        if mention.kind == "event date":
            dates.append(mention)
            continue
        if _repeats_a_quoted_fact(mention, draft.facts, layout):
            continue  # "zero rubles and zero kopeks": the fact's quote already cites it
        reading = read_mention(mention, canonical)
        sentence_span = layout.sentence(mention.start)
        sentence = canonical[sentence_span[0] : sentence_span[1]].strip()
        if reading.dismiss or reading.unit not in UNITS:
            reason = reading.dismiss or f"a figure in {reading.unit}, a unit the dataset lacks"
            draft.dismissed.append(_dismissal(mention, canonical, reason, 0.6, sentence))
            continue
        partner = _range_partner(mentions, index, canonical, reading)
        figure: Span = (mention.start, mention.end)
        low = high = None
        if partner is not None:
            consumed.add(partner)
            other = mentions[partner]
            figure = (mention.start, other.end)
            low, high = reading.value, read_mention(other, canonical).value
        neighbours = frozenset(
            f.series for f in draft.facts[-3:] if layout.sentence(f.spans[0][0]) == sentence_span
        )
        fact = _fact(
            layout,
            figure,
            reading,
            low,
            high,
            sentence_span,
            document_date,
            matcher,
            figures,
            neighbours,
        )
        fact.spans = [
            (m.start, m.end)
            for m in (mention, *([mentions[partner]] if partner is not None else []))
        ]
        _add_new_series(draft, fact, matcher, by_id)
        key = (fact.series, fact.period)
        if key in seen_keys:
            first, first_amount = seen_keys[key]
            same = _amount(fact) == first_amount
            reason = (
                f"restates {first} (same series, period and figure)"
                if same
                else f"same series and period as {first}: a restatement, or another series "
                "(then make it a fact with that series)"
            )
            draft.dismissed.append(
                _dismissal(mention, canonical, reason, 0.55 if same else 0.3, sentence)
            )
            continue
        fact.id = _unique_id(_fact_id(fact), fact_ids)
        fact_ids.add(fact.id)
        seen_keys[key] = (fact.id, _amount(fact))
        draft.facts.append(fact)
    quoted = _within_any(
        [span for fact in draft.facts for span in layout.text.find_all(fact.evidence)]
    )
    event_ids: set[str] = set()
    for mention in dates:
        if quoted(mention.start, mention.end):
            continue  # the year dates a proposed figure and is cited with it
        _event_or_background(draft, layout, mention, first_year, document_date, event_ids)
    return draft


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


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------


def _fact(
    layout: Layout,
    figure: Span,
    reading: Reading,
    low: str | None,
    high: str | None,
    sentence_span: Span,
    document_date: str | None,
    matcher: SeriesMatcher,
    figures: Sequence[int],
    neighbours: frozenset[str],
    subject: str = "",
) -> ProposedFact:
    canonical = layout.canonical
    note = layout.note_at(figure[0])
    earlier = [] if note else layout.previous_sentences(figure[0], 3)
    period = read_period(
        canonical,
        figure,
        note or sentence_span,
        earlier,
        document_date,
        figures,
        in_note=bool(note),
    )
    prefer = (period.phrase.start, period.phrase.end) if period.phrase else None
    must = (max(sentence_span[0], _word_start(canonical, figure[0], 3)), figure[1])
    quote_span = layout.quote(must, prefer)
    evidence = canonical[quote_span[0] : quote_span[1]]
    unit = reading.unit or "count"
    before = canonical[max(sentence_span[0], figure[0] - 160) : figure[0]]
    if re.search(r"(?i)\bout of\s+(?:the\s+)?$", before):
        before += " total"  # "5 out of 110 deputies": 110 is the whole
    match = matcher.match(
        unit,
        before,
        _AMOUNT_OR_BREAK.split(canonical[figure[1] : min(sentence_span[1], figure[1] + 60)])[0],
        neighbours,
        subject,
    )
    how = [f"unit: {reading.why}", f"period {period.label}: {period.how}"]
    is_range = low is not None
    value = None if is_range else reading.value
    qualifier = (
        "range" if is_range else _qualifier(canonical, figure, sentence_span, evidence, value)
    )
    series = match.series
    fact = ProposedFact(
        id="",
        series=series.series_id if series and match.score >= SeriesMatcher.MIN_SCORE else "",
        period=period.label,
        unit=unit,
        qualifier=qualifier,
        locator=layout.locator(figure[0]),
        evidence=evidence,
        confidence=0.0,
        sentence=canonical[sentence_span[0] : sentence_span[1]].strip(),
        how=how,
        spans=[],
        value=value,
        low=low,
        high=high,
    )
    if series and fact.series:
        how.append(
            f"series: shares {', '.join(match.shared) or 'only the unit'} (score {match.score})"
        )
        _complete_for_series(fact, series, canonical, figure, sentence_span, document_date, figures)
    writing = _parse(document_date)
    dated = _parse(fact.period)
    period_confidence = period.confidence
    if writing and dated and dated.is_dated and dated.end > writing.end and qualifier != "forecast":
        if dated.start <= writing.end:
            fact.period = f"{dated.start.isoformat()}/{writing.end.isoformat()}"
            how.append("cut at the document's date: a text reports no later than its writing")
        else:
            fact.qualifier = "forecast"
            how.append("after the document's date: a forecast, or the document's date is wrong")
            period_confidence = 0.1
    fact.confidence = round(
        0.45 * reading.confidence + 0.35 * period_confidence + 0.2 * min(match.score * 2, 1.0), 2
    )
    return fact


def _qualifier(
    canonical: str, figure: Span, sentence: Span, evidence: str, value: str | None
) -> str:
    before = canonical[max(sentence[0], figure[0] - 50) : figure[0]]
    if _FORECAST.search(before.split(",")[-1]):
        return "forecast"
    found = find_wording(evidence, value or "")
    return found[1].qualifier if found else "reported"


def _complete_for_series(
    fact: ProposedFact,
    series: SeriesDefinition,
    canonical: str,
    figure: Span,
    sentence: Span,
    document_date: str | None,
    figures: Sequence[int],
) -> None:
    """Fill what validation requires of this series: trade statistics, a change's terms."""
    if series.flow is not None:
        fact.statistics_from = "not stated"
    if series.measure == "change":
        clause = canonical[max(sentence[0], figure[0] - 60) : min(sentence[1], figure[1] + 40)]
        fact.direction = direction_of(clause) or "increase"
        year = _parse(document_date).start.year if _parse(document_date) else None
        fact.base_period = base_period_after(
            canonical, figure, sentence, fact.period, year, figures
        )
        if series.change_of and not fact.base_period:
            fact.base_period = fact.period
            fact.how.append("base period not found: set to the period itself, correct it")


def _add_new_series(
    draft: Draft, fact: ProposedFact, matcher: SeriesMatcher, by_id: dict[str, SeriesDefinition]
) -> None:
    """A figure no series fits well gets a proposed series of its own (one per unit and words)."""
    if fact.series:
        return
    words = [w for w in re.findall(r"[a-z]{4,}", fact.sentence.lower()) if w not in _GENERIC][:3]
    topic = _topic(fact.sentence)
    measure = "share" if fact.unit == "percent" else "level"
    slug = "_".join(words) or "figure"
    series_id = f"{topic}.proposed_{fact.unit.lower()}_{slug}"
    fact.series = series_id
    fact.how.append("series: none fits; a new series is proposed (name and describe it)")
    if series_id not in by_id and all(s.id != series_id for s in draft.new_series):
        draft.new_series.append(
            ProposedSeries(
                id=series_id,
                title=f"Proposed: {' '.join(words) or 'figure'} ({fact.unit})",
                unit=fact.unit,
                measure=measure,
                topic=topic,
                description=f"Proposed for {draft.record['id']}: {fact.evidence}",
            )
        )


_GENERIC = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "been",
        "were",
        "which",
        "their",
        "there",
        "they",
        "about",
        "into",
        "than",
        "also",
        "what",
        "when",
        "belarus",
        "belarusian",
        "russia",
        "russian",
        "ukraine",
        "ukrainian",
        "minsk",
        "moscow",
        "kyiv",
        "country",
    ]
)
_TOPIC_WORDS = {
    "trade": ("trade", "export", "import", "turnover"),
    "energy": ("oil", "gas", "gasoline", "energy", "pipeline", "tariff", "transit"),
    "debt": ("debt", "reserve", "loan", "credit"),
    "subsidies": ("subsid", "maneuver", "payment", "paid"),
    "security": ("troop", "soldier", "military", "tank", "army", "weapon", "munition"),
    "politics": ("election", "parliament", "seat", "deput", "party", "vote", "embassy"),
    "opinion": ("poll", "survey", "attitude", "percent of respondents", "support"),
}


def _topic(sentence: str) -> str:
    lowered = sentence.lower()
    for topic, stems in _TOPIC_WORDS.items():
        if any(stem in lowered for stem in stems):
            return topic
    return "economy" if "economy" in TOPICS else TOPICS[0]


def _repeats_a_quoted_fact(mention: Mention, facts: list[ProposedFact], layout: Layout) -> bool:
    core = mention.core
    for fact in facts[-3:]:
        if core not in {numeric_core(t) for t in (fact.value, fact.low, fact.high) if t}:
            continue
        if any(
            s <= mention.start and mention.end <= e for s, e in layout.text.find_all(fact.evidence)
        ):
            return True
    return False


def _range_partner(
    mentions: list[Mention], index: int, canonical: str, reading: Reading
) -> int | None:
    """The mention that closes a range opened by this one: "between 30,000 and 40,000"."""
    if index + 1 >= len(mentions) or mentions[index + 1].kind != "figure":
        return None
    mention, other = mentions[index], mentions[index + 1]
    between = canonical[mention.end : other.start]
    opened = re.search(
        r"(?i)\b(?:between|from)\s+\S*$", canonical[max(0, mention.start - 12) : mention.start]
    )
    dash = re.fullmatch(r"\s?[–—-]\s?", between)
    if not (_RANGE_BETWEEN.match(between) and (opened or dash)):
        return None
    other_reading = read_mention(other, canonical)
    if other_reading.unit != reading.unit and not (
        other_reading.unit == "count" or reading.unit == "count"
    ):
        return None
    return index + 1


def _amount(fact: ProposedFact) -> tuple[float, str] | None:
    if fact.value is None:
        return None
    try:
        return parse_value(fact.value, fact.unit).value, fact.unit
    except NormalizationError:
        return None


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


def _event_or_background(
    draft: Draft,
    layout: Layout,
    mention: Mention,
    first_year: int | None,
    document_date: str | None,
    event_ids: set[str],
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
    for phrase in dated_phrases(canonical, max(0, mention.start - 30), mention.end, year):
        if phrase.start <= mention.start and mention.end <= phrase.end and "{" not in phrase.label:
            date = phrase.label
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
    r"(?i)\b(?:will|would|shall|due|scheduled|planned|expected|upcoming|coming|next|likely)\b"
)


def _latest_dated(layout: Layout) -> str | None:
    """The latest month the text reports as past: the text was written after it."""
    canonical = layout.canonical
    labels = []
    for start, end in layout.sentences:
        if _FUTURE.search(canonical[start:end]):
            continue
        labels += [
            p.label[:7]
            for p in dated_phrases(canonical, start, end, None)
            if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", p.label)
        ]
    return max(labels) if labels else None
