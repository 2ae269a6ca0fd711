"""Where a mention stands in its document: section heading, sentence, quotable clause.

Everything is in offsets of the canonical text (:mod:`etl.canonical`), the text every quote is
matched in. Headings can only be seen while line breaks exist, so they are found in the raw
text and mapped across; sentences and clauses are cut in the canonical text, so that a quote
cut from it is, by construction, a verbatim quote ``verify`` will find.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import pairwise

from etl.canonical import NormalizedText, line_offsets, normalize_text
from etl.intake.header import furniture_in_lines
from etl.texts import note_spans

__all__ = ["MAX_QUOTE_WORDS", "Layout", "Span", "furniture_spans"]

MAX_QUOTE_WORDS = 25
"""The contract's limit for a short quote (validation allows 30 to leave room for context)."""

MIN_QUOTE_WORDS = 8
"""A clause shorter than this is widened word by word: a figure needs the words that name it."""

MAX_SENTENCE_CHARS = 2000
"""A longer run without a sentence end is cut, at a space, into pieces read as sentences.

Every figure's period, quote and clause are read in its sentence, so the work per figure grows
with its sentence: without a bound, a text that never ends a sentence (a table flattened into
one line, a list of a million numbers) would cost the square of its length. Real sentences are
far shorter (the longest in the curated documents has 644 characters)."""

SECTION_CONTEXT = 3000
"""How far back in its section a figure's period may be carried from (characters)."""

Span = tuple[int, int]

_HEADING_END = re.compile(r"[.,;:!]$")
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?:[\"')\]»”]|\[\d+(?:[,–-]\s?\d+)*\])*\s+(?=[\"'(«“•]?[A-ZА-ЯЁІЇЄҐ\d])"
)
_CLAUSE_BREAK = re.compile(
    r"[,;:—–(]\s|\s[—–(]|\)\s|\s(?=(?:and|but|while|whereas|although|when)\s)"
)
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|vs|etc|e\.g|i\.e|No|Nos|p|pp|U\.S|Jan|Feb"
    r"|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z]"
    # Russian and Ukrainian abbreviations that stand mid-sentence far more often than at its
    # end: years, scale words, currencies ("в 2023 г. ВВП вырос", "5 млрд. рублей")
    r"|гг?|рр?|тыс|тис|млн|млрд|трлн|руб|дол|долл|грн|коп|бел|им|обл|ул|ст|тел)\.)$"
)


@dataclass(frozen=True)
class Layout:
    """Headings, paragraphs and sentences of one text, in canonical offsets."""

    text: NormalizedText
    headings: tuple[tuple[int, str], ...]  # (canonical offset, heading text), in order
    paragraph_starts: tuple[int, ...]
    sentences: tuple[Span, ...]
    notes: tuple[Span, ...]  # footnote lines and reference lists
    furniture: tuple[Span, ...] = ()  # the page around the text: timestamps, bylines, captions
    # Indexes for the lookups made once per mention (each a binary search, not a pass).
    _sentence_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _heading_offsets: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _heading_starts: frozenset[int] = field(init=False, repr=False, compare=False)
    _note_starts: tuple[int, ...] | None = field(init=False, repr=False, compare=False)
    _furniture_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = object.__setattr__
        index(self, "_sentence_starts", tuple(start for start, _ in self.sentences))
        index(self, "_heading_offsets", tuple(offset for offset, _ in self.headings))
        index(self, "_heading_starts", frozenset(self._heading_offsets))
        ordered = all(a[1] <= b[0] for a, b in pairwise(self.notes))
        index(self, "_note_starts", tuple(s for s, _ in self.notes) if ordered else None)
        index(self, "_furniture_starts", tuple(start for start, _ in self.furniture))

    @classmethod
    def of(cls, raw: str) -> Layout:
        text = NormalizedText(raw)
        starts = line_offsets(raw, text.canonical)
        furniture = tuple(furniture_spans(raw, starts))
        headings, paragraphs = _headings_and_paragraphs(raw, starts)
        headings = _without_furniture(headings, furniture)  # a caption locates nothing
        boundaries = sorted({0, *(h for h, _ in headings), *paragraphs})
        notes = tuple(note_spans(raw, text.canonical, starts=starts))
        cuts = sorted({*boundaries, *(start for start, _ in notes), *(end for _, end in notes)})
        sentences = _sentences(text.canonical, cuts)
        return cls(text, tuple(headings), tuple(paragraphs), tuple(sentences), notes, furniture)

    def furniture_at(self, offset: int) -> Span | None:
        """The span of page furniture containing ``offset`` (a timestamp, a byline, a caption,
        a reading time, a dateline…), if any: a number there is the page's, not a figure."""
        index = bisect.bisect_right(self._furniture_starts, offset) - 1
        if index >= 0 and offset < self.furniture[index][1]:
            return self.furniture[index]
        return None

    def note_at(self, offset: int) -> Span | None:
        """The footnote line (or reference list) containing ``offset``, if any."""
        if self._note_starts is None:  # overlapping notes: the first that contains it
            return next((span for span in self.notes if span[0] <= offset < span[1]), None)
        index = bisect.bisect_right(self._note_starts, offset) - 1
        return self.notes[index] if index >= 0 and offset < self.notes[index][1] else None

    @property
    def canonical(self) -> str:
        return self.text.canonical

    def locator(self, offset: int) -> str:
        """The nearest heading before ``offset``, else "paragraph N" (texts without headings)."""
        index = bisect.bisect_right(self._heading_offsets, offset) - 1
        if index >= 0:
            return self.headings[index][1]
        paragraph = bisect.bisect_right(self.paragraph_starts, offset)
        return f"paragraph {max(paragraph, 1)}"

    def paragraph(self, offset: int) -> Span:
        """The paragraph containing ``offset``: from its start to the next paragraph's or
        heading's, whichever comes first."""
        index = bisect.bisect_right(self.paragraph_starts, offset) - 1
        start = self.paragraph_starts[index] if index >= 0 else 0
        ends = [len(self.canonical)]
        if index + 1 < len(self.paragraph_starts):
            ends.append(self.paragraph_starts[index + 1])
        following = bisect.bisect_right(self._heading_offsets, offset)
        if following < len(self._heading_offsets):
            ends.append(self._heading_offsets[following])
        heading = self.heading_of(offset)
        if heading is not None and heading[0] >= start:
            start = max(start, heading[1])
        return (start, max(start, min(ends)))

    def heading_of(self, offset: int) -> Span | None:
        """The span of the heading of the section containing ``offset``, if it has one."""
        index = bisect.bisect_right(self._heading_offsets, offset) - 1
        if index < 0:
            return None
        start, title = self.headings[index]
        return (start, min(start + len(title), len(self.canonical)))

    def section_before(self, paragraph: Span, limit: int = SECTION_CONTEXT) -> Span:
        """The text of ``paragraph``'s section before it, at most ``limit`` characters: where a
        period stated earlier in the section may still hold (a bounded window, so that reading
        every figure of a long section costs no more than its length)."""
        heading = self.heading_of(paragraph[0])
        start = max(heading[1] if heading else 0, paragraph[0] - limit)
        return (min(start, paragraph[0]), paragraph[0])

    def sentence(self, offset: int) -> Span:
        """The sentence containing ``offset``."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[max(index, 0)]

    def previous_sentences(self, offset: int, count: int) -> list[Span]:
        """Up to ``count`` sentences before the one containing ``offset``, nearest first,
        not crossing a heading (a new section starts a new context)."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        found = []
        for i in range(index - 1, max(index - 1 - count, -1), -1):
            if self.sentences[i + 1][0] in self._heading_starts:
                break
            found.append(self.sentences[i])
        return found

    def quote(self, must: Span, prefer: Span | None = None) -> Span:
        """A verbatim quote of at most :data:`MAX_QUOTE_WORDS` words containing ``must``.

        The whole sentence when it is short enough; otherwise the clauses around ``must``
        (cut at commas, semicolons, dashes, brackets and conjunctions), widened clause by
        clause while the quote stays within the limit, and word by word only when it is still
        shorter than :data:`MIN_QUOTE_WORDS`. ``prefer`` (the words that date the
        figure) is included when it fits.
        """
        start, end = self.sentence(must[0])
        sentence = (start, max(end, must[1]))
        if _words(self.canonical, sentence) <= MAX_QUOTE_WORDS:
            return _trim(self.canonical, sentence)
        core = must
        if prefer and sentence[0] <= prefer[0] and prefer[1] <= sentence[1]:
            widened = (min(must[0], prefer[0]), max(must[1], prefer[1]))
            if _words(self.canonical, widened) <= MAX_QUOTE_WORDS - 4:
                core = widened
        cuts = sorted(
            {sentence[0], sentence[1]}
            | {m.end() for m in _CLAUSE_BREAK.finditer(self.canonical, *sentence)}
        )
        left = max((c for c in cuts if c <= core[0]), default=sentence[0])
        right = min((c for c in cuts if c >= core[1]), default=sentence[1])
        span = (left, right)
        if _words(self.canonical, span) > MAX_QUOTE_WORDS:
            span = core
        grown = True
        while grown:
            grown = False
            for candidate in (
                (max((c for c in cuts if c < span[0]), default=span[0]), span[1]),
                (span[0], min((c for c in cuts if c > span[1]), default=span[1])),
            ):
                if candidate != span and _words(self.canonical, candidate) <= MAX_QUOTE_WORDS:
                    span, grown = candidate, True
                    break
        if span[0] not in cuts:
            span = _back_to_cut(self.canonical, span, cuts)
        if _words(self.canonical, span) < MIN_QUOTE_WORDS:
            span = _widen_by_words(self.canonical, span, sentence)
        return _trim(self.canonical, span)


def furniture_spans(raw: str, starts: dict[int, int] | None = None) -> list[Span]:
    """The page furniture of ``raw`` (:func:`etl.intake.header.furniture_in_lines`) as spans
    of its canonical text, in order and apart.

    The rules read each line in its canonical form, so a span's offsets inside the line are
    offsets in the canonical text from where the line starts there. ``starts`` is
    :func:`line_offsets` of ``raw`` when the caller has it.
    """
    starts = line_offsets(raw) if starts is None else starts
    lines = raw.splitlines(keepends=True)
    positions = [0]
    for line in lines:
        positions.append(positions[-1] + len(line))
    canonical_lines = [normalize_text(line) for line in lines]
    spans: list[Span] = []
    for index, inside in furniture_in_lines(canonical_lines):
        begin = starts[positions[index]]
        spans += [(begin + a, begin + b) for a, b in inside]
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _without_furniture(
    headings: list[tuple[int, str]], furniture: tuple[Span, ...]
) -> list[tuple[int, str]]:
    """The headings that are not page furniture ("Фото: БЕЛТА", "Share", a timestamp): a line
    of the page around the text names no section of it."""
    starts = [start for start, _ in furniture]
    kept = []
    for offset, heading in headings:
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0 or offset >= furniture[index][1]:
            kept.append((offset, heading))
    return kept


PARAGRAPH_LINE = 120
"""A line longer than this that ends a sentence ends its paragraph (wrapped text is narrower)."""
_PARAGRAPH_END = re.compile(r"[.!?…:»\"”)]$")


def _headings_and_paragraphs(
    raw: str, starts: dict[int, int] | None = None
) -> tuple[list[tuple[int, str]], list[int]]:
    """Heading lines and paragraph starts of the raw text, as canonical offsets.

    A heading is a short line (2-12 words, or one capitalised word), not ending like a
    sentence, starting with a capital, that stands alone: a blank line (or the start) before
    it or after it. Paragraphs start after blank lines, and after a long line that ends a
    sentence: news pages are often stored a paragraph per line, while a text wrapped to a
    width ends its lines wherever a word does. ``starts`` is :func:`line_offsets` of ``raw``
    when the caller has it.
    """
    starts = line_offsets(raw) if starts is None else starts
    lines = raw.splitlines(keepends=True)
    headings: list[tuple[int, str]] = []
    paragraphs: list[int] = []
    previous_blank = True
    previous = ""
    pos = 0
    for i, line in enumerate(lines):
        position, pos = pos, pos + len(line)
        stripped = normalize_text(line)
        if not stripped:
            previous_blank = True
            continue
        offset = starts[position]
        ends_paragraph = len(previous) > PARAGRAPH_LINE and _PARAGRAPH_END.search(previous)
        if previous_blank or ends_paragraph:
            paragraphs.append(offset)
        previous = stripped
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        words = stripped.split()
        if (
            (previous_blank or next_blank)
            and 1 <= len(words) <= 12
            and stripped[0].isupper()
            and not _HEADING_END.search(stripped)
            and not stripped.startswith("[")
            and (len(words) >= 2 or (previous_blank and next_blank))
        ):
            headings.append((offset, stripped))
        previous_blank = False
    return headings, paragraphs


def _sentences(canonical: str, boundaries: list[int]) -> list[Span]:
    cuts = set(boundaries)
    for match in _SENTENCE_END.finditer(canonical):
        if not _ABBREVIATION.search(canonical[max(0, match.start() - 6) : match.start()]):
            cuts.add(match.end())
    ordered = sorted(c for c in cuts if 0 <= c < len(canonical))
    spans = []
    for start, end in zip(ordered, [*ordered[1:], len(canonical)], strict=True):
        for piece in _bounded(canonical, start, end):
            if canonical[piece[0] : piece[1]].strip():
                spans.append(piece)
    return spans


def _bounded(canonical: str, start: int, end: int) -> list[Span]:
    """``(start, end)``, cut after the last space before every :data:`MAX_SENTENCE_CHARS`
    characters (or right there when a piece has no space)."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        space = canonical.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = space + 1 if space != -1 else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _words(text: str, span: Span) -> int:
    return len(text[span[0] : span[1]].split())


_DATE_LEAD = frozenset(
    [
        "at",
        "in",
        "on",
        "by",
        "since",
        "during",
        "from",
        "until",
        "the",
        "a",
        "beginning",
        "start",
        "end",
        "middle",
        "early",
        "late",
        "mid",
        "of",
        "first",
        "second",
        "last",
        "half",
        "quarter",
    ]
)


def _back_to_cut(text: str, span: Span, cuts: list[int]) -> Span:
    """Start a quote where its clause starts ("at the beginning of 2022 when ..."), not on the
    date inside it, when the clause start is within the word limit."""
    previous = max((c for c in cuts if c <= span[0]), default=None)
    if previous is not None and _words(text, (previous, span[1])) <= MAX_QUOTE_WORDS:
        return previous, span[1]
    start = span[0]
    while start > 0:
        space = text.rfind(" ", 0, max(start - 1, 0))
        word = text[space + 1 : start].strip().lower()
        if word not in _DATE_LEAD or _words(text, (space + 1, span[1])) > MAX_QUOTE_WORDS:
            break
        start = space + 1
    return start, span[1]


def _widen_by_words(text: str, span: Span, limit: Span) -> Span:
    """Add whole words on either side, up to the word limit, never past ``limit``."""
    start, end = span
    while True:
        grew = False
        for side in ("left", "right"):
            if side == "left" and start > limit[0]:
                space = text.rfind(" ", limit[0], max(start - 1, limit[0]))
                candidate = (space + 1 if space != -1 else limit[0], end)
            elif side == "right" and end < limit[1]:
                space = text.find(" ", end + 1, limit[1])
                candidate = (start, space if space != -1 else limit[1])
            else:
                continue
            if _words(text, candidate) <= MAX_QUOTE_WORDS and candidate != (start, end):
                start, end = candidate
                grew = True
        if not grew:
            return start, end


def _trim(text: str, span: Span) -> Span:
    """Drop spaces and dangling punctuation at the ends of a quote (still verbatim)."""
    start, end = span
    while start < end and (text[start].isspace() or text[start] in ",;:—–)"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–("):
        end -= 1
    return start, end
