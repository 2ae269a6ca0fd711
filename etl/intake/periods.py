"""The period a figure is for, read from the words around it, and the period it compares with.

Read the way a curator reads: the date right after the figure ("$7.5 billion in 2012",
"58 percent in February 2016", "36.5 percent by the end of this year"), else the date that
opens its clause or sentence ("In 2017, bilateral trade reached only $4.5 billion"), else the
date of the sentences before it in the same section ("In 2023, ... In the first seven months,
turnover was $13.8 million"). Part-years are intervals ("the first seven months of 2023" →
2023-01/2023-07), relative years resolve against the document's date ("this year", "last
year"), and "today" or no date at all is the time of writing. A year the figure is compared
*with* ("a 74% fall on 2021", "the same period in 2022") is its base period, never its period.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from etl.normalize import MONTH_NAMES, MONTH_PATTERN, NUMBER_WORDS, NormalizationError, parse_period

__all__ = ["DatedPhrase", "PeriodReading", "base_period_after", "dated_phrases", "read_period"]

_MONTHS = f"(?:{MONTH_PATTERN})"
_COUNT_WORDS = {word: n for word, n in NUMBER_WORDS.items() if 2 <= n <= 12}
_YEAR = r"(?:19|20)\d{2}"
_PART_YEAR = re.compile(
    rf"(?i)\b(?:the\s+)?(?P<which>first|last)\s+(?P<n>\d{{1,2}}|{'|'.join(_COUNT_WORDS)})\s+months"
    rf"(?:\s+of\s+(?P<year>{_YEAR}))?"
)
_HALF_QUARTER = re.compile(
    rf"(?i)\b(?:the\s+)?(?P<which>first|second|third|fourth)\s+(?P<part>half|quarter)"
    rf"(?:\s+of\s+(?P<year>{_YEAR}))?"
)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTHS})(?:\s+\d{{1,2}},?)?(?:\s+(?P<year>{_YEAR}))?\b")
_YEAR_RANGE = re.compile(
    rf"(?<![\d.,])(?P<a>{_YEAR})\s?[–—-]\s?(?P<b>{_YEAR}|\d{{2}})(?![\d%]|[.,]\d)"
)
_YEAR_ALONE = re.compile(
    rf"(?<![\d.,$€])(?P<year>{_YEAR})(?![\d%]|[.,]\d|\s?(?:percent|million|billion))"
)
_RELATIVE = re.compile(r"(?i)\b(?P<rel>this|last|next|current|previous|past)\s+year\b")
_NOW = re.compile(
    r"(?i)\b(?:today|now|current|currently|at present|at the moment|presently|nowadays)\b"
)
_RUSSIAN_YEAR = re.compile(rf"(?P<year>{_YEAR})\s+год")

# What makes a year the period a figure is *compared with*, not the one it is for.
_BASE_BEFORE = re.compile(
    r"(?i)(?:\bon|compared\s+(?:with|to)|as\s+compared\s+with|than(?:\s+in)?|relative\s+to|"
    r"against|since|same\s+period\s+(?:in|of|last)|from)\s+(?:the\s+)?(?:same\s+period\s+in\s+)?$"
)
_FORECAST_BEFORE = re.compile(r"(?i)\b(?:by\s+the\s+end\s+of|by)\s+$")


@dataclass(frozen=True)
class DatedPhrase:
    """A date expression in the text: its span, period label and whether it is a base period."""

    start: int
    end: int
    label: str
    base: bool = False


@dataclass(frozen=True)
class PeriodReading:
    """The period proposed for a figure, the phrase it came from and how sure the reading is."""

    label: str
    phrase: DatedPhrase | None
    confidence: float
    how: str


def dated_phrases(
    text: str,
    start: int,
    end: int,
    year_of_document: int | None,
    figures: Sequence[int] = (),
) -> list[DatedPhrase]:
    """Every date expression in ``text[start:end]``, in order, non-overlapping, longest first.

    ``figures`` are start offsets of numbers the scan reads as figures, not years ("about 2000
    soldiers"): they date nothing. They are sorted, so that only those next to a date are looked
    up; the text outside the span is never read either (each figure's sentence is read, not the
    whole text up to it).
    """
    found: list[DatedPhrase] = []
    taken = bytearray(max(end - start, 0))

    def on_a_figure(a: int, b: int) -> bool:
        """Whether a figure's first four characters (within the span) overlap ``[a, b)``."""
        first = bisect_left(figures, max(a - 3, start))
        return first < len(figures) and figures[first] < min(b, end)

    def add(match: re.Match[str], label: str) -> None:
        a, b = match.span()
        if any(taken[a - start : b - start]) or on_a_figure(a, b):
            return
        taken[a - start : b - start] = b"\x01" * (b - a)
        base = bool(_BASE_BEFORE.search(text[max(0, a - 40) : a]))
        found.append(DatedPhrase(a, b, label, base))

    for match in _PART_YEAR.finditer(text, start, end):
        n = match.group("n")
        months = int(n) if n.isdigit() else _COUNT_WORDS[n.lower()]
        year = match.group("year")
        if 1 <= months <= 12:
            first = match.group("which").lower() == "first"
            span = (1, months) if first else (13 - months, 12)
            label = f"{year or '{year}'}-{span[0]:02d}/{year or '{year}'}-{span[1]:02d}"
            add(match, label)
    for match in _HALF_QUARTER.finditer(text, start, end):
        index = ["first", "second", "third", "fourth"].index(match.group("which").lower())
        size = 6 if match.group("part").lower() == "half" else 3
        if size == 6 and index > 1:
            continue
        year = match.group("year") or "{year}"
        a, b = index * size + 1, index * size + size
        add(match, f"{year}-{a:02d}/{year}-{b:02d}")
    for match in _YEAR_RANGE.finditer(text, start, end):
        a, b = match.group("a"), match.group("b")
        b = b if len(b) == 4 else a[:2] + b
        if int(b) > int(a):
            add(match, f"{a}/{b}")
    for match in _MONTH_YEAR.finditer(text, start, end):
        month = MONTH_NAMES[match.group("month").lower()]
        year = match.group("year")
        if year:
            add(match, f"{year}-{month:02d}")
        else:
            add(match, "{year}-" + f"{month:02d}")  # "in August": its year from context
    for match in _RUSSIAN_YEAR.finditer(text, start, end):
        add(match, match.group("year"))
    for match in _YEAR_ALONE.finditer(text, start, end):
        add(match, match.group("year"))
    if year_of_document is not None:
        offsets = {"this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "next": 1}
        for match in _RELATIVE.finditer(text, start, end):
            add(match, str(year_of_document + offsets[match.group("rel").lower()]))
    return sorted(found, key=lambda p: p.start)


def read_period(
    text: str,
    figure: tuple[int, int],
    sentence: tuple[int, int],
    earlier: list[tuple[int, int]],
    document_date: str | None,
    figures: Sequence[int] = (),
    *,
    in_note: bool = False,
) -> PeriodReading:
    """The period of the figure at ``figure`` (canonical span) in its ``sentence``.

    ``earlier`` are the sentences before it in its section, nearest first; ``document_date`` is
    the proposed date of the document (a period label), used for "today" and for no date. A
    figure in a footnote (``in_note``, ``sentence`` being the note) is dated by its note only:
    a note cites another text, whose date is not the document's.
    """
    year_of_document = _year_of(document_date)
    phrases = [p for p in dated_phrases(text, *sentence, year_of_document, figures) if not p.base]
    context_year = _context_year(text, figure, sentence, earlier, year_of_document, figures)
    after = [p for p in phrases if p.start >= figure[1]]
    before = [p for p in phrases if p.end <= figure[0]]
    # The date right after the figure, before the next figure or clause, is its own.
    if after and _close_after(text, figure[1], after[0].start):
        return _resolved(after[0], context_year, 0.85, "the date right after the figure")
    if before:
        nearest = before[-1]
        return _resolved(nearest, context_year, 0.75, "the date earlier in its sentence")
    if in_note and not after:
        return PeriodReading("undated", None, 0.5, "a note with no date of its own: undated")
    if (
        not _is_past(_clause(text, figure, sentence), text[sentence[0] : figure[0]])
        and document_date
    ):
        return _writing_year(document_date, year_of_document)
    if after:
        return _resolved(after[0], context_year, 0.6, "a date later in its sentence")
    for span in earlier:
        earlier_phrases = [
            p for p in dated_phrases(text, *span, year_of_document, figures) if not p.base
        ]
        if earlier_phrases:
            return _resolved(
                earlier_phrases[-1], context_year, 0.5, "the date of a sentence before"
            )
    if document_date:
        reading = _writing_year(document_date, year_of_document)
        return PeriodReading(reading.label, None, 0.35, "no date in the text: the time of writing")
    return PeriodReading("undated", None, 0.2, "no date in the text and none for the document")


def base_period_after(
    text: str,
    figure: tuple[int, int],
    sentence: tuple[int, int],
    period: str,
    year_of_document: int | None,
    figures: Sequence[int] = (),
) -> str | None:
    """The period a stated change compares with: "a 74% fall on 2021", else the year before."""
    for phrase in dated_phrases(text, figure[1], sentence[1], year_of_document, figures):
        if phrase.base and "{year}" not in phrase.label:
            same = re.search(r"(?i)same\s+period", text[max(0, phrase.start - 30) : phrase.start])
            if same and "/" in period and len(phrase.label) == 4:
                months = [part.split("-")[1] for part in period.split("/")]
                return f"{phrase.label}-{months[0]}/{phrase.label}-{months[1]}"
            return phrase.label
    try:
        parsed = parse_period(period)
    except NormalizationError:
        return None
    if parsed.kind == "year":
        return str(parsed.start.year - 1)
    return None


_PAST = re.compile(
    r"(?i)\b(?:was|were|had|did|ago|last|previous|then|fell|rose|grew|paid|made|took|went|saw|"
    r"became|began|gave|got|lost|spent|sold|bought|brought|led|left|held|kept|ran|stood|won|"
    r"wrote|came|shrank|sank|struck|fought|sent|built|told|said|thought|met|felt|drew)\b"
    r"|(?<!has )(?<!have )(?<!had )(?<!-)\b\w{3,}ed\b"
)
_NOT_PAST = re.compile(r"(?i)\b(?:based|called|so-called|expected|estimated|related|united)\b")


def _is_past(text: str, lead: str = "") -> bool:
    """Whether a clause reports the past ("Belarus imported goods worth ...", "was").

    "now", "today" make it present whatever else it says; present perfect ("has stabilized")
    and participles used as adjectives ("so-called") are not past.
    """
    if _NOW.search(text) or _NOW.search(lead):
        return False
    return bool(_PAST.search(_NOT_PAST.sub(" ", f"{lead} {text}")))


def _clause(text: str, figure: tuple[int, int], sentence: tuple[int, int]) -> str:
    """The clause around a figure: from the last , ; : ( before it to the next after it."""
    start = max(text.rfind(mark, sentence[0], figure[0]) for mark in ",;:(—")
    ends = [i for i in (text.find(mark, figure[1], sentence[1]) for mark in ",;:)—") if i != -1]
    return text[max(start + 1, sentence[0]) : min(ends, default=sentence[1])]


def _writing_year(document_date: str, year: int | None) -> PeriodReading:
    """Present tense, no date: the year of writing, or the document's date when the year would
    run past it (a text of September 2018 cannot report all of 2018)."""
    how = "present tense and no date: the time of writing"
    try:
        writing = parse_period(document_date)
    except NormalizationError:
        return PeriodReading(document_date, None, 0.4, how)
    whole_year = writing.start.year == writing.end.year and writing.end.month == 12
    if year is not None and whole_year and writing.end.day == 31:
        return PeriodReading(str(year), None, 0.45, how)
    return PeriodReading(writing.label, None, 0.4, how)


def _year_of(label: str | None) -> int | None:
    match = re.match(r"(\d{4})", label or "")
    return int(match.group(1)) if match else None


def _context_year(text, figure, sentence, earlier, year_of_document, figures) -> int | None:
    """The latest full year named before the figure (its sentence, then the ones before)."""
    spans = [(sentence[0], figure[0]), *earlier]
    for span in spans:
        years = [
            int(p.label[:4])
            for p in dated_phrases(text, *span, year_of_document, figures)
            if "{year}" not in p.label
        ]
        if years:
            return years[-1]
    return year_of_document


def _close_after(text: str, end: int, start: int) -> bool:
    """Whether a date starting at ``start`` belongs to the figure ending at ``end``.

    Not when another figure, a clause break or a conjunction stands between them: in "$543.2
    million but in August it had fallen to $7 million", August is the second figure's.
    """
    between = text[end:start]
    return (
        len(between.split()) <= 6
        and not re.search(r"[;:—]|\d", between)
        and not re.search(r"(?i)\b(?:but|while|whereas|although|then|after|before)\b", between)
    )


def _resolved(phrase: DatedPhrase, year: int | None, confidence: float, how: str) -> PeriodReading:
    if "{year}" in phrase.label:
        if year is None:
            return PeriodReading("undated", phrase, 0.2, f"{how}, but no year for it")
        return PeriodReading(
            phrase.label.replace("{year}", str(year)),
            phrase,
            confidence - 0.15,
            f"{how}; its year from the text before",
        )
    return PeriodReading(phrase.label, phrase, confidence, how)
