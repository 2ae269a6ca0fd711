"""Citation checks against the plain texts of the source documents.

The texts themselves are not in the repository (they are others' writing); they are found by the
SHA-256 recorded in each source's bibliographic record, so a renamed or re-extracted copy is
never silently used in place of the one that was curated. Two checks run against them:

* :func:`verify_citations` -- every quote the curator copied (fact and event evidence, the
  context of a dismissed mention) really is in the text, and every fact's number as written
  really is in its own quote. A number that is not in the sentence cited for it is the most
  likely transcription error, so this is the check that makes "every point cited to the sentence
  that states it" true rather than aspirational.
* :func:`scan_coverage` -- every numeric mention in the text that could be a measurement (a
  figure in digits, a number written as a word, a year that dates an event) is either curated
  as a fact, part of a cited event or claim, or explicitly dismissed with a reason. This is what
  keeps the dataset from silently cherry-picking figures or events.

All matching happens on a canonical form of the text (:func:`normalize_text`), because the texts
were partly extracted from PDFs: line breaks mid-sentence, trailing spaces, words hyphenated at
line ends, curly quotes and non-breaking spaces must not make a correct quote fail.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from etl.canonical import (
    _NL,  # line boundaries, as str.splitlines() knows them
    NormalizedText,
    find_number,
    line_offsets,
    normalize_text,
    numeric_core,
)
from etl.intake.grammar.language import Language, language_of
from etl.intake.grammar.quantities import Quantity, find_quantities
from etl.model import CuratedDataset, CuratedSource, Location
from etl.validate import quote_states

__all__ = [
    "MENTION_KINDS",
    "Mention",
    "NormalizedText",
    "ScanReport",
    "SourceScan",
    "UnaccountedMention",
    "VerifyReport",
    "find_number",
    "load_texts",
    "mention_context",
    "normalize_text",
    "note_spans",
    "numeric_core",
    "scan_coverage",
    "scan_mentions",
    "verify_citations",
]

# --------------------------------------------------------------------------------------------
# Loading texts
# --------------------------------------------------------------------------------------------


def load_texts(texts_dir: Path | Iterable[Path]) -> dict[str, Path]:
    """Map the SHA-256 (hex) of every regular file directly in ``texts_dir`` to its path.

    Texts are found by content hash, not by name, so the record's ``text_sha256`` pins the exact
    version that was curated. Any extension is accepted; subdirectories are not searched. Several
    directories may be given (the shared texts and the ones ``propose`` saved); the first copy
    of a text wins. A missing directory yields nothing: every source is then reported as
    skipped, which is visible in the report rather than an error (the texts are not part of the
    repository).
    """
    directories = [Path(texts_dir)] if isinstance(texts_dir, str | Path) else list(texts_dir)
    found: dict[str, Path] = {}
    for directory in directories:
        if not Path(directory).is_dir():
            continue
        for path in sorted(Path(directory).iterdir()):
            if path.is_file():
                found.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), path)
    return found


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def _short(sha: str) -> str:
    return f"{sha[:8]}…"


# --------------------------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------------------------

_COPY_HINT = "copy the sentence verbatim from the text (line breaks and curly quotes may differ)"


@dataclass
class VerifyReport:
    """What :func:`verify_citations` found; ``failures`` are complete, actionable messages."""

    failures: list[str] = field(default_factory=list)
    checked: int = 0
    skipped_sources: list[str] = field(default_factory=list)
    sources_checked: int = 0
    skip_notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def format(self) -> str:
        """A human report: one line per failure, one per skipped source, then a summary."""
        lines = [f"FAIL {f}" for f in self.failures]
        lines += [f"skipped: {note}" for note in self.skip_notes]
        summary = (
            f"verify: {self.checked} quotes checked in {self.sources_checked} sources, "
            f"{len(self.failures)} failures"
        )
        if self.skipped_sources:
            summary += f", {len(self.skipped_sources)} sources skipped (text not present)"
        lines.append(summary)
        return "\n".join(lines)


def _split_sources(
    dataset: CuratedDataset, texts: dict[str, Path]
) -> tuple[list[tuple[CuratedSource, Path]], list[str], list[str]]:
    present: list[tuple[CuratedSource, Path]] = []
    skipped: list[str] = []
    notes: list[str] = []
    for source in dataset.sources:
        record = source.record
        sha = (record.text_sha256 or "").lower()
        if sha and sha in texts:
            present.append((source, texts[sha]))
            continue
        skipped.append(record.source_id)
        why = f"text {_short(sha)} not present" if sha else "no text_sha256 recorded"
        notes.append(f"{record.location.file}: {record.source_id}: {why}")
    return present, skipped, notes


def verify_citations(dataset: CuratedDataset, texts_dir: Path | Iterable[Path]) -> VerifyReport:
    """Check every quote of every source whose text is present in ``texts_dir``.

    * each fact's, claim's and event's ``evidence`` occurs in the text (both normalized);
    * each fact's numbers as written occur in its evidence, by :func:`numeric_core`, as a
      whole number ("4.5" is not satisfied by "14.5"), or as the intake's grammar reads the
      quote ("Thirty-three percent" states 33, "1 млрд 607 млн" 1607 млн: the build's rule);
    * each dismissal's ``context`` occurs in the text and contains its ``mention`` (a word in
      any case: ``mention: five`` for "Five parties"; whole numbers and whole words only).

    Sources whose text is not present are skipped, not failed: the texts live outside the
    repository and a checkout without them must still be able to run the other checks.
    """
    texts = load_texts(texts_dir)
    present, skipped, notes = _split_sources(dataset, texts)
    report = VerifyReport(skipped_sources=skipped, skip_notes=notes)
    for source, path in present:
        report.sources_checked += 1
        text = NormalizedText(_read_text(path))
        sha = _short(source.record.text_sha256 or "")
        quote_fails = "evidence quote"
        for fact in source.facts:
            report.checked += 1
            report.failures += _check_quote(fact.location, fact.evidence, text, sha, quote_fails)
            evidence = normalize_text(fact.evidence)
            for written in fact.numbers_as_written:
                core = numeric_core(written)
                if not find_number(core, evidence) and not quote_states(
                    evidence, written, fact.unit, source.record.language
                ):
                    report.failures.append(
                        f"{fact.location}: number {written!r} (core {core!r}) is not in its "
                        "evidence quote as a whole number; quote the sentence that states it, "
                        "or correct the value"
                    )
        for cited in (*source.events, *source.claims, *source.statements):
            report.checked += 1
            report.failures += _check_quote(cited.location, cited.evidence, text, sha, quote_fails)
        for dismissal in source.dismissed:
            report.checked += 1
            loc = dismissal.location
            report.failures += _check_quote(loc, dismissal.context, text, sha, "dismissal context")
            context = normalize_text(dismissal.context)
            mention = normalize_text(dismissal.mention)
            if (
                not mention
                or mention.lower() not in context.lower()
                or not find_number(numeric_core(mention), context)
            ):
                report.failures.append(
                    f"{loc}: dismissed mention {dismissal.mention!r} is not in its context; "
                    "make the context the text around the mention, or fix the mention"
                )
    return report


def _check_quote(
    location: Location, quote: str, text: NormalizedText, sha: str, what: str
) -> list[str]:
    if not normalize_text(quote):
        return [f"{location}: {what} is empty; {_COPY_HINT}"]
    if text.contains(quote):
        return []
    return [f"{location}: {what} not found in text {sha}; {_COPY_HINT}"]


# --------------------------------------------------------------------------------------------
# Numeric mentions
# --------------------------------------------------------------------------------------------


MENTION_KINDS = ("figure", "number word", "event date")
"""What :func:`scan_mentions` reports: a figure written with digits, a number written as a word,
or a year that dates an event in the narrative."""


@dataclass(frozen=True)
class Mention:
    """A numeric mention in the canonical text: ``text == canonical[start:end]``.

    ``text`` includes a currency sign or code before the number and a percent sign, scale word
    or unit after it when present ("$4.5 billion", "74%", "10,2 млн тонн", "two hundred"), so the
    report reads naturally; matching uses its :attr:`core`, or any of its :attr:`reading`.
    ``kind`` is one of :data:`MENTION_KINDS`: ``"figure"`` (digits), ``"number word"`` ("five",
    "half", "sixth") or ``"event date"`` (a year, or a year range such as "2014–2015", that
    dates an event).

    ``reading`` holds the cores of the values the intake's grammar reads the mention as (both
    ends of a range): a curated value writes "Thirty-three percent" as "33", "quadrupled" as
    "4" and "¾" as "3/4", and a fact or dismissal written so covers the mention too.
    """

    start: int
    end: int
    text: str
    kind: str = "figure"
    reading: tuple[str, ...] = field(default=(), compare=False)

    @property
    def cores(self) -> tuple[str, ...]:
        """Every core a fact's or dismissal's number may match: as written, and as read."""
        return tuple(dict.fromkeys((self.core, *self.reading)))

    @property
    def core(self) -> str:
        return numeric_core(self.text)

    @property
    def core_span(self) -> tuple[int, int]:
        """Canonical span of the digits or the word itself (what must lie inside a quote)."""
        offset = max(self.text.lower().find(self.core), 0)
        return self.start + offset, self.start + offset + len(self.core)


_NUMBER = re.compile(r"(?<!\d)\d+(?:[.,]\d+)*(?:\u2044\d+)?")
"""Digits, with their separators; "3⁄4" is one number (NFKC writes "¾" so)."""

_MONTHS_EN_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTHS_EN_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTHS_EN = f"(?:{_MONTHS_EN_FULL}|(?:{_MONTHS_EN_ABBR})\\.?)"
_MONTHS_RU = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_ORD = r"(?:st|nd|rd|th)?"
# "December 8, 2019", "On February 1, 2020", "April1, 2019", "Dec. 8": the day (and the year).
_MONTH_DAY = re.compile(
    rf"\b{_MONTHS_EN}\s?(?P<day>{_DAY}){_ORD}(?!\d)(?![.,]\d)(?:,?\s?(?P<year>\d{{4}})(?!\d))?"
)
# "8 December 2019", "20th of May", "26 мая 2020".
_DAY_MONTH = re.compile(
    rf"(?<![\d.,])(?P<day>{_DAY}){_ORD}\s+(?:of\s+)?(?:{_MONTHS_EN}|(?i:{_MONTHS_RU}))(?!\w)"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d.,])\d{4}-\d{2}-\d{2}(?!\d)|(?<![\d.,])\d{1,2}([./])\d{1,2}\1\d{4}(?!\d)"
)
_FOOTNOTE_MARK = re.compile(r"\[\s*\d+(?:\s*[,–—-]\s*\d+)*\s*\]")
_NUM = r"\d+(?:[.,]\d+)*"
# NFKC turns "№" into "No", so a bare capitalised "No" before a number is bibliographic too.
# "էջ" is Armenian for "page" (one footnote of the Orbeli text is in Armenian).
_BIBLIO = re.compile(
    rf"(?<!\w)(?:(?i:pp?\.|nos?\.|vols?\.|iss\.|с\.|стр\.|выпуск|том|issue)|No|№|էջ)\s*{_NUM}"
    rf"(?:\s*[-–—]\s*{_NUM})?(?:\s*\(\s*{_NUM}\s*\))?"
)
_URL = re.compile(r"(?:https?://|www\.)\S+")

_CURRENCY_BEFORE = re.compile(r"(?:US\$|\$|€|£|₽|¥|₴|\b(?:USD|EUR|RUB|BYN|BYR|UAH|GBP|CNY)\s?)$")
_SCALE = r"(?:thousand|million|billion|trillion|bn|mn|mln|bln|(?:тыс|млн|млрд|трлн)\.?)"
_UNIT_WORD = (
    r"(?:dollars|euros|rubles|roubles|hryvnias?|USD|EUR|RUB|BYN|UAH|tonnes|tons|"
    r"barrels|cubic metres|cubic meters|тонн|руб\.?|рублей|долл\.?|долларов|евро)"
)
_UNIT_AFTER = re.compile(
    rf"(?:\s?%|\s(?:percent|per cent|percentage points?|процент\w*)"
    rf"|\s?{_SCALE}(?:\s{_UNIT_WORD})?|\s{_UNIT_WORD})(?![^\W\d_])"
)
_COUNT_NOUN = re.compile(
    r"\s(?:[A-ZА-ЯЁ][\w-]*\s)?(?:people|persons|men|women|soldiers|troops|servicemen|"
    r"personnel|officers|tanks|vehicles|aircraft|units|deputies|seats|votes|workers|employees|"
    r"jobs|companies|firms|enterprises|refugees|migrants|prisoners|casualties|victims|deaths|"
    r"dead|killed|wounded|injured|arrested|detained|cases|"
    r"residents|citizens|students|km|kilometers|kilometres|человек|солдат)(?!\w)"
)
_APPROX_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:approximately|about|around|nearly|almost|roughly|some|over|under|"
    r"more than|less than|fewer than|at least|up to|as many as|as much as|total of|"
    r"estimated|примерно|около|более|менее|свыше)\s$"
)
# "since around 2015", "in about 2000": the approximation word qualifies a date, not a count.
_DATE_BEFORE_APPROX = re.compile(
    r"(?i)(?<!\w)(?:since|in|until|till|before|after|circa|c\.)\s+\w+(?:\s\w+)?\s$"
)
_DECADE_AFTER = re.compile(r"(?:'?s|-(?:х|е|ые|ых|x|ies))(?![^\W\d_])")


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2099


_LINE_NUMBER = re.compile(r"[^\S\n]*(\d{1,3})(?:([.)])(?=\s)|\s+(?=[A-ZА-ЯЁ\"'“«\[(]))")


def _footnote_line_offsets(
    raw: str, canonical: str, starts: dict[int, int] | None = None
) -> set[int]:
    """Canonical offsets of numbers that open a footnote or list line in the raw text.

    Line structure only exists in the raw text, so this is the one rule that needs it. A line
    opening with a 1-3 digit number counts when the number is followed by "." or ")" and the
    previous line is blank, ends a sentence or is itself such a line ("1. Between 2008-2009"),
    or when it is followed by a capitalised word and the previous line is blank ("12 Interview
    with ...").
    A number opening a line in the middle of a paragraph ("more than\\n200 tanks") is a PDF
    line break, not a footnote, and stays a mention. ``starts`` is :func:`line_offsets` of the
    two texts when the caller has it already.
    """
    offsets: set[int] = set()
    pos = 0
    previous = ""
    previous_was_item = False
    starts = line_offsets(raw, canonical) if starts is None else starts
    for line in raw.splitlines(keepends=True):
        match = _LINE_NUMBER.match(line)
        is_item = False
        if match:
            prev = previous.strip()
            after_sentence = not prev or prev[-1] in ".:;!?\"')]»”" or previous_was_item
            if (match.group(2) and after_sentence) or not prev:
                offset = starts.get(pos, -1)
                if canonical.startswith(match.group(1), offset):
                    offsets.add(offset)
                    is_item = True
        previous, previous_was_item = line, is_item
        pos += len(line)
    return offsets


def _mark(mask: bytearray, start: int, end: int) -> None:
    mask[start:end] = b"\x01" * (end - start)


# --- years that date events ------------------------------------------------------------------

# Words that put a year on the time line of the narrative when they stand right before it.
_DATE_PREPOSITION = (
    r"in|on|since|by|until|till|from|to|after|before|during|between|through|throughout|"
    r"в|с|со|до|после|к"
)
_DATE_APPROX = r"around|about|approximately|roughly|circa|c\."
_DATE_PERIOD = (
    r"(?:the\s+)?(?:(?:very\s+)?(?:early|late|mid)|spring|summer|autumn|fall|winter"
    r"|(?:beginning|start|end|middle|close|turn|(?:first|second)\s+half"
    r"|(?:first|second|third|fourth)\s+quarter)\s+of)"
)
# Matched against the text right before a year, so every branch ends at the year ("$").
_YEAR_TRIGGER = re.compile(
    rf"(?:(?<!\w)(?i:{_DATE_PREPOSITION})\s+(?:(?i:the)\s+)?(?:(?i:{_DATE_APPROX})\s+)?"
    rf"(?:(?i:{_DATE_PERIOD})[\s-]+)*"
    rf"|(?<!\w)(?:(?i:{_DATE_PERIOD})[\s-]+)+"
    rf"|(?<!\w){_MONTHS_EN}\s?(?:{_DAY}{_ORD}(?!\d))?,?\s?"
    rf"|(?<!\w)(?i:{_MONTHS_RU})\s"
    rf")$"
)
# "mid-2021": the one word a year may be hyphenated to and still be a date, not a name.
_MID_BEFORE = re.compile(r"(?i)(?<!\w)mid[-\u2010\u2011]$")
# "2014–2015", "2015-16", "2019/2020": the second year of a range belongs to the first.
_YEAR_RANGE_AFTER = re.compile(r"\s?[-\u2010\u2011–—/]\s?(?:\d{4}|\d{2})(?!\d)(?![.,]\d)")
# "in 2009, 2011 and 2014–2015": years listed after a dated one are dated too.
_YEAR_LIST_GAP = re.compile(r",\s*|,?\s+(?:and|or)\s+")

# Lines of notes rather than body text: "[5] E-mail from Melyantsou, November 14, 2019."
_BRACKET_NOTE_LINE = re.compile(r"[^\S\n]*\[\s*\d+\s*\]")
_REFERENCE_HEADING = re.compile(
    r"(?i)\s*(?:references|bibliography|notes|endnotes|footnotes|sources|literature|"
    r"works cited|список литературы|литература|примечания|источники)\s*:?\s*"
)


def note_spans(
    raw: str,
    canonical: str,
    *,
    starts: dict[int, int] | None = None,
    numbered: set[int] | None = None,
) -> list[tuple[int, int]]:
    """Canonical spans of footnote lines and reference lists, where years date nothing.

    A note line opens with a bracketed number ("[5] E-mail from ...") or is a footnote line
    found by :func:`_footnote_line_offsets` whose number is followed by a capitalised word
    ("12 Interview with ..."); numbered list items ("1. Between 2008-2009, ...") are body text.
    A line that is only a heading such as "References", "Notes" or "Литература" starts a
    reference list that runs to the end of the text. ``starts`` (:func:`line_offsets`) and
    ``numbered`` (:func:`_footnote_line_offsets`) may be passed when the caller has them.
    """
    spans: list[tuple[int, int]] = []
    starts = line_offsets(raw, canonical) if starts is None else starts
    if numbered is None:
        has_lines = any(c in raw for c in _NL)
        numbered = _footnote_line_offsets(raw, canonical, starts) if has_lines else set()
    pos = 0
    for line in raw.splitlines(keepends=True):
        if _REFERENCE_HEADING.fullmatch(line.strip() + " ") and pos:
            spans.append((starts[pos], len(canonical)))
            break
        bracket = _BRACKET_NOTE_LINE.match(line)
        number = _LINE_NUMBER.match(line)
        if bracket or (number and not number.group(2)):
            offset = starts[pos]
            if bracket or offset in numbered:
                spans.append((offset, offset + len(normalize_text(line))))
        pos += len(line)
    return spans


# --- numbers written as words ----------------------------------------------------------------

_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORDINAL_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_CARDINAL_WORDS = _word_set(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety"
)
_ORDINAL_WORDS = _word_set(
    "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth "
    "fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth"
)
_SCALE_WORDS = _word_set("hundred thousand million billion trillion")
_OTHER_WORDS = _word_set("dozen couple half quarter twice thrice double triple")
_ALL_WORDS = sorted(
    _CARDINAL_WORDS | _ORDINAL_WORDS | _SCALE_WORDS | _OTHER_WORDS, key=lambda w: (-len(w), w)
)
_NUMBER_WORD = re.compile(
    # The lookahead names every word's first letter: it changes nothing that matches, but lets
    # the engine skip most positions of a long text at once (twice as fast).
    rf"(?i)(?=[{''.join(sorted({w[0] for w in _ALL_WORDS}))}])(?<!\w)"
    rf"(?:(?:{_TENS_WORDS})-(?:{_UNIT_WORDS}|{_ORDINAL_UNITS})"
    rf"|{'|'.join(_ALL_WORDS)})(?!\w)"
)
_SCALES_AFTER = re.compile(r"(?i)(?:\s+(?:hundred|thousand|million|billion|trillion)(?!\w))+")
# "five-year", "two-day": a compound adjective naming a quantity. Any other ("one-sided",
# "two-way", "half-forgotten") is an idiom, not a number.
_HYPHEN_WORD_AFTER = re.compile(r"[-\u2010\u2011]([^\W\d_]+)")
_COMPOUND_UNITS = re.compile(
    r"(?i)(?:year|month|week|day|hour|minute|decade|centur(?:y|ies)|percent|point|member|"
    r"part(?:y|ies)|countr(?:y|ies)|state|nation|seat|round|term|stage|step|fold|times?|"
    r"kilomet(?:re|er)|mile|ton|tonne|million|billion|thousand|hundred)s?(?:-old)?"
)
# "one of its key suppliers", "one another"; "the one that", "no one", "on the one hand".
_ONE_PRONOUN_AFTER = re.compile(r"(?i)\s+(?:of|another)(?!\w)")
_ONE_PRONOUN_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:the|no|any|every|each|this|that|which|such|a|someone)\s+$"
)
# "the two states", "between the two": the pair of parties a bilateral text is about.
_PAIR_AFTER = re.compile(
    r"(?i)\s+(?:countries|states|sides|presidents|leaders|men|economies|nations|governments|"
    r"capitals|neighbou?rs|parties|allies)(?!\w)"
)
_THE_BEFORE = re.compile(r"(?i)(?<!\w)the\s+$")
_BETWEEN_THE_BEFORE = re.compile(r"(?i)(?<!\w)between\s+the\s+$")
# "The second reason", "One reason is": an enumeration of the argument, not a count.
_ARGUMENT_AFTER = re.compile(r"(?i)\s+(?:reasons?|explanations?|arguments?|points?)(?!\w)")
_A_BEFORE = re.compile(r"(?i)(?<!\w)a\s+$")
_OF_AFTER = re.compile(r"(?i)\s+of(?!\w)")
# "the second half of 2017", "the first quarter": a period, not a figure.
_PERIOD_PART_AFTER = re.compile(r"(?i)\s+(?:half|quarter)(?!\w)")
_PERIOD_PART_BEFORE = re.compile(r"(?i)(?<!\w)(?:first|second|third|fourth|last|latter|other)\s+$")
# What may stand right before the first word of a sentence, heading or list item.
_SENTENCE_START = ".!?:;\"'([]•*–—-"


def _sentence_start(canonical: str, start: int) -> bool:
    """Whether only spaces and one of :data:`_SENTENCE_START` stand between ``start`` and the
    word before it (or the start of the text)."""
    index = start - 1
    while index >= 0 and canonical[index].isspace():
        index -= 1
    return index < 0 or canonical[index] in _SENTENCE_START


def _number_words(canonical: str, excluded: bytearray) -> list[Mention]:
    """Numbers written as words, by the rules in :func:`scan_mentions`."""
    mentions: list[Mention] = []
    absorbed = 0
    for m in _NUMBER_WORD.finditer(canonical):
        start, end = m.span()
        word = m.group().lower()
        if start < absorbed or any(excluded[start:end]):
            continue
        before = _before(canonical, start)
        hyphenated = _after(_HYPHEN_WORD_AFTER, canonical, end)
        if hyphenated and not (
            hyphenated.group(1).lower() in _CARDINAL_WORDS | _ORDINAL_WORDS
            or _COMPOUND_UNITS.fullmatch(hyphenated.group(1))
        ):
            continue  # "one-sided", "two-way", "half-forgotten"
        starts_sentence = _sentence_start(canonical, start)
        if m.group()[0].isupper() and not starts_sentence:
            continue  # part of a name or title: "One Belt, One Road", "Double Elections"
        if word == "one" and (
            _after(_ONE_PRONOUN_AFTER, canonical, end) or _ONE_PRONOUN_BEFORE.search(before)
        ):
            continue
        if word == "two" and (
            (_THE_BEFORE.search(before) and _after(_PAIR_AFTER, canonical, end))
            or _BETWEEN_THE_BEFORE.search(before)
        ):
            continue  # "the two states", "between the two": the pair, not a count
        if (word == "one" or word in _ORDINAL_WORDS) and _after(_ARGUMENT_AFTER, canonical, end):
            continue  # "One reason is", "The second reason"
        if word in _SCALE_WORDS and not _A_BEFORE.search(before):
            continue  # "a million" counts; "billion" after a figure belongs to that figure
        if word == "couple" and not (
            _A_BEFORE.search(before) and _after(_OF_AFTER, canonical, end)
        ):
            continue
        if word in ("half", "quarter") and _PERIOD_PART_BEFORE.search(before):
            continue
        if word in _ORDINAL_WORDS:
            if _after(_PERIOD_PART_AFTER, canonical, end):
                continue
            if starts_sentence and canonical.startswith(",", end):
                continue  # "Third, Minsk failed ...": an enumeration of the argument
        if word in _CARDINAL_WORDS or "-" in word:
            scales = _after(_SCALES_AFTER, canonical, end)
            if scales:
                end = scales.end()
                absorbed = end
        mentions.append(Mention(start, end, canonical[start:end], "number word"))
    return mentions


def scan_mentions(text: str, language: Language | None = None) -> list[Mention]:
    """Every numeric mention in ``text`` that could be a measurement, over its canonical form.

    ``language`` is the text's ("en", "ru", "uk"), found from its letters when not given: the
    intake's grammar (:func:`etl.intake.grammar.quantities.find_quantities`) reads the text in
    it, and every quantity it reads that the rules below do not report is a mention too
    ("Br328.6 trillion", "USD554 million", "пятимиллиардный", "втричі", "Thirty-three
    percent"), so a figure the intake cannot read is reported, never silently absent —
    unless it lies where the rules below exclude numbers on purpose (a footnote mark, a
    bibliographic reference, a URL, a numeric date, a footnote line).

    Pass the raw text when you have it: spans refer to ``normalize_text(text)`` either way, but
    footnote lines can only be recognised while line breaks still exist. The rules err on the
    side of reporting: a borderline mention costs the curator one dismissal, a dropped real
    figure is invisible. Mentions come in three kinds (:data:`MENTION_KINDS`), in text order.
    Each rule reads a fixed window around its number (:data:`_BEFORE` characters before it,
    :data:`_AFTER` after it), and the text's line structure is read once, so the scan's time
    grows linearly with the text.

    **Figures** (digits). Not reported:

    * dates: a bare 4-digit year 1800-2099 (also in ranges "2014–2015", "2015-16"), unless it
      carries a currency before it, a percent/scale/unit/count noun after it ("2000 Russian
      soldiers") or an approximation word before it ("approximately 2000") -- a year may still
      be an *event date*, below; decades ("1990s", "'90s", "1990-х"); the day in
      "December 8, 2019", "April1, 2019", "8 December", "26 мая 2020"; numeric dates
      "2020-08-03", "03.08.2020";
    * footnote markers "[12]", "[14, 15]" and footnote/list numbers opening a line;
    * bibliographic furniture after "p.", "pp.", "no.", "vol.", "issue", "№", "с.", "стр.",
      "выпуск", "том", including a following range ("pp. 72–73") and a parenthesised number
      ("№ 8 (257)"); numbers inside URLs;
    * names and codes: digits glued to a letter on their left ("A50", "April1") or joined by a
      hyphen to a word on their left ("A-50", "T-72A", "BMP-2", "Zapad-2017"; "mid-2021" is a
      date).

    Deliberately still reported (the curator dismisses them with a reason): reading times like
    "17 m.", ordinals ("20th"), model numbers after a space ("Nord Stream 2"), "1+3".

    **Number words** (English, any case, whole words): the cardinals "zero" to "twenty" and the
    tens to "ninety" (a following "hundred"/"thousand"/"million"/"billion" is part of the
    mention: "two hundred"; "twenty-five" is one mention), "a hundred" ... "a billion",
    "a dozen", "a couple of", "half", "quarter", "twice", "thrice", "double", "triple", and the
    ordinals "second" to "twentieth" and the tens ordinals (a rank or a count: "the second
    largest export market", "sixth term", "the eighth year of the war"). Words joined by dashes
    ("three–four–five") are separate mentions. Not reported:

    * "first" and "last" (they open or close a sequence, they count nothing), and "a few",
      "several", "many" (no definite number);
    * "one" as a pronoun: "one of ...", "one another", and after "the", "no", "any", "every",
      "each", "this", "that", "which", "such", "a" ("the one that", "no one", "on the one
      hand");
    * periods: "half" or "quarter" after "first", "second", "third", "fourth", "last",
      "latter", "other", and an ordinal before "half" or "quarter" ("the second half of 2017");
    * idioms: a number word hyphenated to a following word that is not a unit of time or
      quantity ("one-sided", "two-way", "half-forgotten"; "five-year" is reported);
    * names and titles: a capitalised number word that does not open a sentence, heading or
      list item ("One Belt, One Road", "Double Elections"); an ordinal opening a sentence and
      followed by a comma ("Third, Minsk failed ...") enumerates the argument;
    * the pair a bilateral text is about: "two" in "the two states" (also countries, sides,
      presidents, leaders, men, economies, nations, governments, capitals, neighbours,
      parties, allies) and in "between the two";
    * an enumeration of the argument: "one" or an ordinal right before "reason",
      "explanation", "argument" or "point" ("One reason is", "The second reason");
    * "couple" except in "a couple of"; a scale word except after "a" ("a million").

    **Event dates**: a year (or a year range, one mention: "2014–2015", "2015-16") in the body
    text that dates something in the narrative, i.e. stands right after a month name with or
    without a day ("In March 2014", "On July 11, 2020", "26 мая 2020"), after "in", "on",
    "since", "by", "until", "till", "from", "to", "after", "before", "during", "between",
    "through(out)" (or Russian "в", "с", "до", "после", "к"), optionally followed by "the", an
    approximation ("since around 2015") or a period word ("in mid-2021", "late spring 2014",
    "at the beginning of 2022", "in the first half of 2023"), or right after such a period
    word alone; or continues a list of such years ("in 2009, 2011 and 2014–2015"). A year used
    as an attribute ("the 2017 protests", "the 1999 elections") is not an event date. Years in
    note lines (a line opening with "[5]", or a footnote line "12 Interview with ...") and in a
    reference list (after a line "References", "Bibliography", "Notes", "Литература", ...) are
    never reported. A year that is a figure by the rules above ("1999 tonnes") is a figure.
    Figures and number words in note lines are still reported: a footnote can state a figure.
    """
    canonical = normalize_text(text)
    excluded = bytearray(len(canonical))
    for pattern in (_FOOTNOTE_MARK, _BIBLIO, _URL, _NUMERIC_DATE):
        for m in pattern.finditer(canonical):
            _mark(excluded, *m.span())
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(canonical):
            _mark(excluded, *m.span("day"))
    starts = line_offsets(text, canonical)
    has_lines = any(c in text for c in _NL)
    line_starts = _footnote_line_offsets(text, canonical, starts) if has_lines else set()
    in_notes = bytearray(len(canonical))
    for note in note_spans(text, canonical, starts=starts, numbered=line_starts):
        _mark(in_notes, *note)

    mentions: list[Mention] = []
    skip_until = 0
    last_date_end = -1
    for m in _NUMBER.finditer(canonical):
        start, end = m.span()
        token = m.group()
        if start < skip_until or any(excluded[start:end]) or start in line_starts:
            continue
        before = _before(canonical, start)
        year = _is_year(token)
        if _is_name_or_code(canonical, start) and not (year and _MID_BEFORE.search(before)):
            continue
        if (
            token.isdigit()
            and len(token) in (2, 4)
            and token.endswith("0")
            and _after(_DECADE_AFTER, canonical, end)
        ):
            continue
        currency = _CURRENCY_BEFORE.search(before[-6:])
        unit = _after(_UNIT_AFTER, canonical, end)
        if year and not (
            currency or unit or _after(_COUNT_NOUN, canonical, end) or _approximately(before)
        ):
            span_end = end
            year_range = _after(_YEAR_RANGE_AFTER, canonical, end)
            if year_range and not _not_a_range_end(token, year_range.group()):
                span_end = year_range.end()
                skip_until = span_end
            dated = _YEAR_TRIGGER.search(before[-60:]) or (
                last_date_end >= 0 and _YEAR_LIST_GAP.fullmatch(canonical, last_date_end, start)
            )
            if dated and not in_notes[start]:
                mentions.append(Mention(start, span_end, canonical[start:span_end], "event date"))
                last_date_end = span_end
            continue
        if _is_year_suffix(token, before) and not unit:
            continue  # "2015-16": the second year of a range
        m_start = start - len(currency.group()) if currency else start
        m_end = unit.end() if unit else end
        mentions.append(Mention(m_start, m_end, canonical[m_start:m_end]))
    mentions += _number_words(canonical, excluded)
    mentions.sort(key=lambda mention: (mention.start, mention.end))
    mentions = _with_grammar(canonical, language, mentions, excluded, line_starts)
    return sorted(mentions, key=lambda mention: (mention.start, mention.end))


def _with_grammar(
    canonical: str,
    language: Language | None,
    mentions: list[Mention],
    excluded: bytearray,
    line_starts: set[int],
) -> list[Mention]:
    """The mentions with every quantity the intake's grammar reads: a quantity whose numeral
    lies in a mention gives that mention its reading; one that lies in none is a mention of
    its own. Both lists are in text order, so one sweep pairs them."""
    read_in = language or language_of(canonical) or "en"
    result = list(mentions)
    added: list[Mention] = []
    index = 0
    for item in find_quantities(canonical, read_in):
        if not isinstance(item, Quantity):
            continue
        start, end = item.number_start, item.number_end
        while index < len(result) and result[index].end <= start:
            index += 1
        overlapping = index
        reading = _reading(item)
        found = False
        while overlapping < len(result) and result[overlapping].start < end:
            mention = result[overlapping]
            if mention.kind != "event date":
                result[overlapping] = Mention(
                    mention.start, mention.end, mention.text, mention.kind, reading
                )
            found = True
            overlapping += 1
        if found or any(excluded[start:end]) or start in line_starts:
            continue
        kind = "figure" if any(c.isdigit() for c in canonical[start:end]) else "number word"
        added.append(Mention(item.start, item.end, item.written, kind, reading))
    return result + added


def _reading(quantity: Quantity) -> tuple[str, ...]:
    """The cores of the values a curated file would write for a quantity: one, or a range's
    two ends."""
    texts = (
        (quantity.low_text, quantity.high_text)
        if quantity.number is None
        else (quantity.value_text,)
    )
    return tuple(numeric_core(text) for text in texts if text)


_BEFORE = 60
"""How far before a number its rules read: the longest (a date's trigger words) needs 60."""
_AFTER = 200
"""How far after a number its rules read: a unit, a count noun after a name, scale words."""


def _before(canonical: str, start: int) -> str:
    """The text a rule may read before a number: a fixed window, never the whole text before it.

    Every rule decides on a few words next to the number; reading (or copying) everything before
    each number would make the scan quadratic in the length of the text.
    """
    return canonical[max(0, start - _BEFORE) : start]


def _after(pattern: re.Pattern[str], canonical: str, end: int) -> re.Match[str] | None:
    """``pattern`` matched right after a number, within :data:`_AFTER` characters of it."""
    return pattern.match(canonical, end, end + _AFTER)


def _not_a_range_end(token: str, suffix: str) -> bool:
    """Whether what follows a year only looks like a range end ("2014-10" is no range end)."""
    second = suffix.lstrip(" -\u2010\u2011–—/").strip()
    if len(second) == 4:
        return not (_is_year(second) and int(second) >= int(token))
    return int(second) <= int(token[2:]) and second != "00"


def _approximately(before: str) -> bool:
    """An approximation word right before a number ("approximately 2000"), not after "since"."""
    tail = before[-30:]
    approx = _APPROX_BEFORE.search(tail)
    return bool(approx) and not _DATE_BEFORE_APPROX.search(tail[: approx.end()])


def _is_year_suffix(token: str, before: str) -> bool:
    """A two-digit number right after "2015-" or "2015/" ends a year range ("2015-16")."""
    if len(token) != 2 or not token.isdigit() or len(before) < 5 or before[-1] not in "-–—/":
        return False
    return _is_year(before[-5:-1]) and not before[-6:-5].isdigit()


def _is_name_or_code(text: str, start: int) -> bool:
    """Digits glued to a letter, or hyphenated to a word, on their left: "A50", "T-72A"."""
    if start >= 1 and text[start - 1].isalpha():
        return True
    return start >= 2 and text[start - 1] in "-\u2010\u2011" and text[start - 2].isalpha()


# --------------------------------------------------------------------------------------------
# Coverage
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnaccountedMention:
    """A mention neither curated nor dismissed, with a verbatim context to paste."""

    source_id: str
    file: str
    mention: Mention
    context: str


@dataclass(frozen=True)
class SourceScan:
    """Mention counts for one source text."""

    source_id: str
    file: str
    total: int
    covered: int
    dismissed: int
    unaccounted: int


@dataclass
class ScanReport:
    """What :func:`scan_coverage` found, per source and in total."""

    sources: list[SourceScan] = field(default_factory=list)
    unaccounted: list[UnaccountedMention] = field(default_factory=list)
    skipped_sources: list[str] = field(default_factory=list)
    skip_notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sources)

    @property
    def covered(self) -> int:
        return sum(s.covered for s in self.sources)

    @property
    def dismissed(self) -> int:
        return sum(s.dismissed for s in self.sources)

    @property
    def coverage(self) -> float:
        """Fraction of mentions accounted for (covered or dismissed); 1.0 when there are none."""
        return (self.covered + self.dismissed) / self.total if self.total else 1.0

    @property
    def ok(self) -> bool:
        return not self.unaccounted

    def format(self) -> str:
        """Per-source counts, each unaccounted mention with its context, then a summary."""
        lines = [
            f"{s.file}: {s.source_id}: {s.total} mentions, {s.covered} covered, "
            f"{s.dismissed} dismissed, {s.unaccounted} unaccounted"
            for s in self.sources
        ]
        lines += [
            f"  {u.file}: unaccounted {u.mention.kind} {u.mention.text!r} in: {u.context!r}"
            for u in self.unaccounted
        ]
        lines += [f"skipped: {note}" for note in self.skip_notes]
        lines.append(
            f"scan: {self.total} mentions, {self.covered} covered, {self.dismissed} dismissed, "
            f"{len(self.unaccounted)} unaccounted — coverage {self.coverage:.1%}"
        )
        return "\n".join(lines)


def _language(source: CuratedSource) -> Language | None:
    """The source's language as its record names it; None (found from the text) otherwise."""
    language = source.record.language
    return language if language in ("en", "ru", "uk") else None  # type: ignore[return-value]


def _inside(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def mention_context(canonical: str, mention: Mention, width: int = 30) -> str:
    """About ``width`` characters either side, cut at word boundaries: a pasteable quote."""
    start = max(mention.start - width, 0)
    end = min(mention.end + width, len(canonical))
    if start > 0:
        space = canonical.find(" ", start, mention.start)
        start = space + 1 if space != -1 else start
    if end < len(canonical):
        space = canonical.rfind(" ", mention.end, end)
        end = space if space != -1 else end
    return canonical[start:end]


def scan_coverage(dataset: CuratedDataset, texts_dir: Path | Iterable[Path]) -> ScanReport:
    """Account for every numeric mention of every source whose text is present.

    A mention is *covered* when its digits (or its word) lie inside an occurrence of a fact's
    evidence whose numbers as written have the same numeric core, or inside an occurrence of an
    event's or claim's evidence (events cite dated sentences; their numbers are part of what is
    cited); an *event date* is also covered by any fact's evidence (the year a figure is
    dated by). It is *dismissed* when it lies inside an occurrence of a dismissal's context
    whose mention has the same core (a word's core is the word in lower case, so "Five" and
    "five" match; "five" never matches inside "fifteen"). Anything else is *unaccounted*: the
    curator must add a fact, an event or a dismissal. Quotes that are not found in the text
    cover nothing (verify reports them).
    """
    texts = load_texts(texts_dir)
    present, skipped, notes = _split_sources(dataset, texts)
    report = ScanReport(skipped_sources=skipped, skip_notes=notes)
    for source, path in present:
        raw = _read_text(path)
        text = NormalizedText(raw)
        fact_spans: dict[str, list[tuple[int, int]]] = {}
        any_fact_spans: list[tuple[int, int]] = []
        for fact in source.facts:
            spans = text.find_all(fact.evidence)
            any_fact_spans += spans
            for written in fact.numbers_as_written:
                fact_spans.setdefault(numeric_core(written), []).extend(spans)
        event_spans = [
            span
            for cited in (*source.events, *source.claims, *source.statements)
            for span in text.find_all(cited.evidence)
        ]
        dismissal_spans: dict[str, list[tuple[int, int]]] = {}
        for dismissal in source.dismissed:
            spans = text.find_all(dismissal.context)
            dismissal_spans.setdefault(numeric_core(dismissal.mention), []).extend(spans)

        covered = dismissed = 0
        unaccounted: list[UnaccountedMention] = []
        mentions = scan_mentions(raw, _language(source))
        for mention in mentions:
            span = mention.core_span
            by_fact = (
                any_fact_spans
                if mention.kind == "event date"
                else [s for core in mention.cores for s in fact_spans.get(core, ())]
            )
            dismissals = [s for core in mention.cores for s in dismissal_spans.get(core, ())]
            if _inside(span, by_fact) or _inside(span, event_spans):
                covered += 1
            elif _inside(span, dismissals):
                dismissed += 1
            else:
                unaccounted.append(
                    UnaccountedMention(
                        source.record.source_id,
                        source.record.location.file,
                        mention,
                        mention_context(text.canonical, mention),
                    )
                )
        report.sources.append(
            SourceScan(
                source.record.source_id,
                source.record.location.file,
                len(mentions),
                covered,
                dismissed,
                len(unaccounted),
            )
        )
        report.unaccounted += unaccounted
    return report
