"""The period a figure is about, read from its clause, its sentence, its paragraph and the
document's date, in English, Russian and Ukrainian.

A curator dates a figure by the nearest words that date it. Those words come in a few shapes,
the same in the three languages: a year ("in 2015", "в 2019 г.", "у 2011 році"), a month with
or without its year ("In December 2012", "в январе текущего года", "у грудні"), a day ("1
January 2016", "1 июля 2019 года"), a stock's date ("as of 1 January 2016", "на 1 июля",
"станом на 1 січня", "at the end of 2015" — the first day of the next year, as statistics state
stocks), a span of years ("2015–2019", "с 2015 по 2019 год"), a part of a year counted from
January ("январь–сентябрь", "у першому півріччі", "Q1", "за 10 місяців", "the first five
months"), a period named from the document's date ("last year", "в прошлом месяце", "поточного
року"), the time of writing ("now", "Today, …", "the current situation", "сейчас", "наразі"),
or a comparison's base ("к тому же периоду прошлого года", "compared to January – May 2022",
"y/y"). A total counted "since" a date, or "already" reached in the English present perfect,
runs from that date to the time of writing ("since 2022" in a text of 2024: 2022/2024).

Reading goes in two steps. :func:`period_mentions` finds every period expression of a window
once (a paragraph, capped in size), resolves what the document's date resolves, and tells each
mention's role: a figure's own period, the base of a comparison, the start of a change ("since
March 2021"), the time of an event rather than of a figure ("On January 25th, the National Bank
published …", "заявил на прошлой неделе"), or an explicit "up to now" that dates nothing.
:func:`read_period` then picks, for one figure, the nearest own period: in its clause first, then
its sentence, then the sentences before it in its paragraph (a period stated once frames what
follows: "В первом полугодии экспорт… Импорт… снизился"; what an earlier sentence compared its
figure with does not), then — when the caller passes them — the paragraphs before it in its
section, then its section's heading; a note ("[12] …") takes nothing from before it. A figure
nothing dates is undated: the date of writing dates a figure only where the text names it ("now",
a rank in the present tense), never by itself. A paragraph in another script than the
document's (a Russian source's title cited in an English article) is read by its own rules.

Every pattern is a compiled regex without nested unbounded repetition, run over a window of at
most :data:`MAX_CONTEXT_CHARS` before the figure's sentence, so reading a text's figures stays
linear in its length; a paragraph's mentions are found once and reused for each of its figures.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from calendar import monthrange
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from etl.intake.grammar.language import Language, language_of

__all__ = [
    "MAX_CONTEXT_CHARS",
    "PeriodMention",
    "PeriodReading",
    "period_mentions",
    "read_period",
]

Source = Literal["clause", "sentence", "paragraph", "section", "heading", "document date", "none"]
"""Where a period was read: the figure's clause, its sentence, an earlier sentence of its
paragraph, an earlier paragraph of its section, the section's heading — or nowhere ("none",
undated). "document date" is never the source of a reading: the date of writing completes what
the text names from it ("in December", "last year"), it never dates a figure by itself."""
Role = Literal["period", "base", "start", "event", "timeless", "name"]
Span = tuple[int, int]
Groups = dict[str, str | None]

MAX_CONTEXT_CHARS = 3000
"""How far before a figure's sentence a stated period is looked for (in its paragraph, or in its
section's earlier paragraphs): a period stated once frames the sentences after it, but not
forever — and the bound keeps the work per figure constant."""

MAX_PARAGRAPH_CHARS = 8000
"""A paragraph up to this long is scanned whole, once, for all its figures; in a longer one,
each figure's window is the :data:`MAX_CONTEXT_CHARS` before its sentence, and the sentence."""

MAX_SENTENCE_CHARS = 600
"""A figure's sentence is read this far on either side of it: a caller's sentence may be a
whole table flattened into one line."""

WINDOW_BLOCK_CHARS = 2000
"""In a paragraph too long to scan whole, windows start at multiples of this from its start, so
that the figures of one block share one scan."""

MAX_HEADING_CHARS = 300
"""A heading is a line; a longer one is read only this far."""

ATTACHED_WORDS = 6
"""A period at most this many words after a figure, with no other figure between, is that
figure's ("$7.5 billion in 2012", "Thirty-seven percent of those polled in March")."""


# --------------------------------------------------------------------------------------------
# What a reading and a mention are.


@dataclass(frozen=True)
class PeriodReading:
    """The period proposed for one figure, and the period it is compared with."""

    period: str | None
    """"2016", "2016-01", "2016-01-01" (a stock at a date), "2011-01/2011-10", "2021/2024";
    None when nothing in the text dates the figure (undated, for the curator)."""
    base_period: str | None
    """For a change or an index, the period it is compared with; None when none is stated."""
    source: Source
    written: str | None
    span: Span | None
    confidence: float
    why: str


@dataclass(frozen=True)
class PeriodMention:
    """One period expression in a text, and what it does there."""

    start: int
    end: int
    written: str
    role: Role
    period: str | None
    """The period it names, resolved against the document's date where it needs that; None
    when it is named from the figure's own ("the same period last year", "y/y"), or names none
    ("up to now", an event's time)."""
    stated: bool
    """Whether the text states the period whole, or the document's date completed it ("in
    December" → the last December before the document): the second is a weaker reading."""
    frame: bool
    """Whether it stands before the first number of its sentence (or its sentence has none): a
    period that opens a sentence frames the sentences after it; one after a figure is that
    figure's."""
    why: str
    role_after_figure: Role | None = None
    """The role it takes after a figure when that differs: "вырос на 5% к 2021 году" compares
    with 2021 where "к 2024 году достигнет $5 млрд" dates the figure; "up 5% from 2021" too."""
    shift: tuple[int, int] | None = None
    """Named from the figure's own period ("y/y", "the same period last year", "the previous
    month"): (years, months) to add to it."""
    same_year: int | None = None
    """"the same period of 2021": the figure's own months, in that year."""
    until_now: bool = False
    """A start that counts up to the time of writing: English "since" ("since 2022", "since
    the start of the war in 2022"), where Russian "с" and Ukrainian "з" may also mean "from"
    (a tariff raised "с сентября" takes effect then)."""


# --------------------------------------------------------------------------------------------
# The document's date.


@dataclass(frozen=True)
class _Calendar:
    """The document's date, to resolve what the text names from it."""

    year: int | None
    month: int | None
    day: int | None
    now: str | None = None
    """The time of writing, as "now", "today" and "currently" name it: its year ("2016" for
    2016-01-29), or the whole span when the document is dated only across years
    ("2023-10/2024": written some time from October 2023 into 2024)."""
    until: str | None = None
    """The last point of the document's date ("2024" of "2023-10/2024", "2021-05"): where a
    total counted "since" a date, or "already" reached, ends."""

    def latest_year(self, month: int, day: int = 1) -> int | None:
        """The year of the most recent (month, day) not after the document's date."""
        if self.year is None:
            return None
        if self.month is None:
            return self.year
        today = (self.month, self.day if self.day is not None else 31)
        return self.year if (month, day) <= today else self.year - 1


@lru_cache(maxsize=64)
def _calendar(document_date: str | None) -> _Calendar:
    """The first date a label names: "2023-07/08" → July 2023, "2016-01-29" → that day."""
    match = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", document_date or "")
    if not match:
        return _Calendar(None, None, None)
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        month = day = None
    first = "-".join(f"{n:02d}" if i else str(n) for i, n in enumerate((year, month, day)) if n)
    later = re.fullmatch(
        r"[^/]*/\s*((\d{4})(?:-(?:0[1-9]|1[0-2])(?:-[0-3]\d)?)?)\s*", document_date or ""
    )
    if later and int(later.group(2)) > (year or 0):
        return _Calendar(year, month, day, f"{first}/{later.group(1)}", later.group(1))
    if later and int(later.group(2)) == year:
        return _Calendar(year, month, day, str(year), later.group(1))
    return _Calendar(year, month, day, str(year), first)


# --------------------------------------------------------------------------------------------
# Lexicon: how months, years, counts and ordinals are written.

_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_CYRILLIC_MONTHS = (  # stems; "март" before "ма", whose prefix it is
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
    ("ма", 5),
    ("січ", 1),
    ("лют", 2),
    ("берез", 3),
    ("квіт", 4),
    ("трав", 5),
    ("черв", 6),
    ("лип", 7),
    ("серп", 8),
    ("верес", 9),
    ("жовт", 10),
    ("листопад", 11),
    ("груд", 12),
)
_EN_MONTH = (  # capitalised, as English writes them ("may" is a verb, "May" a month)
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z]))"
)
_CYRILLIC_MONTH = (  # every case: "январь", "января", "январе", "січень", "січня", "січні"
    r"(?:(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)(?:ь|я|е|ю|ём|ем)"
    r"|(?:март|август)(?:а|е|у|ом)?|ма(?:й|я|е|ю|ем)"
    r"|(?:січ|берез|квіт|трав|черв|лип|серп|верес|жовт|груд)(?:ень|ня|ні|нем|ню)"
    r"|лют(?:ий|ого|ому|им)|листопад(?:а|і|ом|у)?)(?![а-яёіїєґ])"
)
_CYRILLIC_MONTH_OF = (  # the genitive a day takes: "1 июля", "1 липня"
    r"(?:(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)я|марта|августа|мая"
    r"|(?:січ|берез|квіт|трав|черв|лип|серп|верес|жовт|груд)ня|лютого|листопада)"
    r"(?![а-яёіїєґ])"
)

_COUNTS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "одного": 1,
    "два": 2,
    "двух": 2,
    "двох": 2,
    "три": 3,
    "трех": 3,
    "трёх": 3,
    "трьох": 3,
    "четыре": 4,
    "четырех": 4,
    "четырёх": 4,
    "чотири": 4,
    "чотирьох": 4,
    "пять": 5,
    "пяти": 5,
    "п'ять": 5,
    "п'яти": 5,
    "шесть": 6,
    "шести": 6,
    "шість": 6,
    "семь": 7,
    "семи": 7,
    "сім": 7,
    "восемь": 8,
    "восьми": 8,
    "вісім": 8,
    "девять": 9,
    "девяти": 9,
    "дев'ять": 9,
    "дев'яти": 9,
    "десять": 10,
    "десяти": 10,
    "одиннадцать": 11,
    "одиннадцати": 11,
    "одинадцять": 11,
    "одинадцяти": 11,
    "двенадцать": 12,
    "двенадцати": 12,
    "дванадцять": 12,
    "дванадцяти": 12,
}
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})

_RELATIVE_YEARS = {  # the word before "year" → years from the document's year
    "this": 0,
    "the current": 0,
    "current": 0,
    "last": -1,
    "the previous": -1,
    "previous": -1,
    "next": 1,
    "the next": 1,
    "the following": 1,
    "этом": 0,
    "этого": 0,
    "текущем": 0,
    "текущего": 0,
    "нынешнем": 0,
    "нынешнего": 0,
    "сего": 0,
    "прошлом": -1,
    "прошлого": -1,
    "минувшем": -1,
    "минувшего": -1,
    "прошедшем": -1,
    "прошедшего": -1,
    "прошлым": -1,
    "минувшим": -1,
    "предыдущим": -1,
    "текущим": 0,
    "этим": 0,
    "предыдущем": -1,
    "предыдущего": -1,
    "следующем": 1,
    "следующего": 1,
    "будущем": 1,
    "будущего": 1,
    "наступающем": 1,
    "позапрошлом": -2,
    "позапрошлого": -2,
    "торік": -1,
    "цьогоріч": 0,
    "позаторік": -2,
    "цьому": 0,
    "цього": 0,
    "поточному": 0,
    "поточного": 0,
    "нинішньому": 0,
    "нинішнього": 0,
    "минулому": -1,
    "минулого": -1,
    "попередньому": -1,
    "попереднього": -1,
    "минулим": -1,
    "попереднім": -1,
    "поточним": 0,
    "цим": 0,
    "наступному": 1,
    "наступного": 1,
    "майбутньому": 1,
    "майбутнього": 1,
}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "перв": 1,
    "перш": 1,
    "втор": 2,
    "друг": 2,
    "трет": 3,
    "четв": 4,
}


_STATES_OF_AFFAIRS = (
    "situation",
    "problem",
    "problems",
    "crisis",
    "state of affairs",
    "moment",
    "conditions",
    "circumstances",
    "stage",
)
"""What "the current …" names the present by ("The current problem is that …"); not "the
current account", "current prices" or "the current year", which name other things."""


def _alternatives(words: Sequence[str]) -> str:
    """A regex alternation of ``words``, longest first, any apostrophe for an apostrophe."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace("'", "['’ʼ`]") for w in ordered)


def _year(name: str) -> str:
    """A year 1900–2099 standing alone: not a piece of a bigger number, a price or a share, nor
    a decade ("the 1990s", "2000-х"), nor part of a name ("Expo-2017")."""
    return (  # a year hyphened to a word names something: "Expo-2017", "Беларусь-2030"
        rf"(?<![\d.,$€£₽/])(?<![^\W\d_]-)(?P<{name}>(?:19|20)\d\d)"
        r"(?![\d%]|[.,]\d|['’]?s\b|-(?:х|е|ые|ті)(?![а-яёіїєґ]))"
    )


_CYRILLIC_YEAR_WORD = (  # "году", "г.", "гг.", "року", "р.", "рр.", also after "2019-м", "-го"
    r"(?:\s?-?(?:го|му|м|й|е)(?![а-яёіїєґ]))?\s*"
    r"(?:(?:год(?:ах|ом|ов|а|у|ы)?|рок(?:ах|ів|и|у|ом)|році|рік)(?![а-яёіїєґ])"
    r"|(?:гг|рр|г|р)\.|(?:г|р)(?![а-яёіїєґ.]))"
)
_CYRILLIC_REL_WORDS = [w for w in _RELATIVE_YEARS if re.match("[а-яё]", w)]
_EN_REL_WORDS = [w for w in _RELATIVE_YEARS if re.match("[a-z]", w)]
_CYRILLIC_PREP = (  # the words a date follows; captured, since they tell its role
    r"по\s+состоянию\s+на|станом\s+на|по\s+итогам|за\s+підсумками|в\s+течение|протягом"
    r"|впродовж|после|після|перед|между|між|против|проти|чем|ніж|в|во|у|за|с|со|з|із|зі|по"
    r"|до|к|ко|от|від|на"
)
_EN_PREP = (
    r"as\s+of|as\s+at|in|during|for|over|throughout|through|since|by|until|till|from|at|on"
    r"|of|than|against|before|after"
)


def _year_ref(language: Language, name: str = "y") -> str:
    """The year of a month or a part of a year: stated ("2023", "2023 года") or relative
    ("this year", "текущего года", "поточного року")."""
    if language == "en":
        return (
            rf"(?:,?\s+(?:of\s+|in\s+)?(?:the\s+)?(?:{_year(name)}"
            rf"|(?P<{name}r>{_alternatives(_EN_REL_WORDS)})\s+year(?!['’]s)))"
        )
    return (
        rf"(?:\s+(?:{_year(name)}(?:{_CYRILLIC_YEAR_WORD})?"
        rf"|(?P<{name}r>{_alternatives(_CYRILLIC_REL_WORDS)})\s+(?:году|года|годом|році|року|роком)"
        rf"(?![а-яёіїєґ])|(?P<{name}t>года|року)(?![а-яёіїєґ])))"
    )


def _ordinal(word: str) -> int | None:
    """1–4 from "first", "1st", "II", "І" (Cyrillic), "первом", "третьому", "3-й"."""
    word = word.lower().replace("і", "i").strip()
    if word[:1].isdigit():
        return int(word[0]) if word[0] in "1234" else None
    return _ORDINALS.get(word, _ORDINALS.get(word[:4]))


def _month_number(word: str) -> int:
    word = word.lower()
    if word[:3] in _EN_MONTHS:
        return _EN_MONTHS.index(word[:3]) + 1
    return next(n for stem, n in _CYRILLIC_MONTHS if word.startswith(stem))


def _count(word: str) -> int:
    word = word.lower().translate(_APOSTROPHES)
    return int(word) if word.isdigit() else _COUNTS[word]


# --------------------------------------------------------------------------------------------
# What a mention says before its year is known.


@dataclass(frozen=True)
class _When:
    """A period as written: months ``first``..``last`` of a year (a day of a month, a span of
    years), its year stated, named from the document's ("last year": relative -1), or left to
    the most recent such period before the document's date."""

    kind: Literal["months", "day", "year", "years", "reference", "shift", "present", "none"]
    year: int | None = None
    relative: int | None = None
    first: int = 1
    last: int = 12
    day: int = 1
    first_year: int | None = None  # of a span of years, or of months across a new year
    edge: Literal["start", "end"] | None = None  # the first day of, or the first day after
    months_back: int | None = None  # "last month": -1 from the document's month
    shift: tuple[int, int] | None = None
    same_year: int | None = None
    is_span: bool = False  # "с января по май", "from 2015 to 2019": "с", "from" open a span
    previous: bool = False  # "the previous month": as a base, the one before the figure's


def _stated_year(groups: Groups, name: str = "y") -> tuple[int | None, int | None]:
    """(year, years from the document's) of a year reference captured under ``name``."""
    if groups.get(name):
        return int(groups[name] or 0), None
    if groups.get(name + "t"):  # "of the year": the document's
        return None, 0
    relative = groups.get(name + "r")
    if relative:
        return None, _RELATIVE_YEARS[re.sub(r"\s+", " ", relative.lower())]
    return None, None


def _build_month(groups: Groups) -> _When:
    month = _month_number(groups["m"] or "")
    year, relative = _stated_year(groups)
    return _When("months", year=year, relative=relative, first=month, last=month)


def _build_month_span(groups: Groups) -> _When | None:
    first, last = _month_number(groups["m"] or ""), _month_number(groups["m2"] or "")
    year, relative = _stated_year(groups)
    first_year, _ = _stated_year(groups, "y1")
    if first_year is not None and year is not None and (first_year, first) > (year, last):
        return None
    return _When(
        "months",
        year=year,
        relative=relative,
        first=first,
        last=last,
        first_year=first_year,
        is_span=True,
    )


def _build_day(groups: Groups) -> _When | None:
    month = _month_number(groups["m"]) if groups.get("m") else int(groups["mn"] or 0)
    day = int(groups["d"] or 0)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    year, relative = _stated_year(groups)
    if year is None and groups.get("y2"):
        year = 2000 + int(groups["y2"] or 0)
    return _When("day", year=year, relative=relative, first=month, day=day)


def _build_year(groups: Groups) -> _When:
    return _When("year", year=int(groups["y"] or 0))


def _build_years(groups: Groups) -> _When | None:
    first, last = groups["y1"] or "", groups["y"] or ""
    end = int(last if len(last) == 4 else first[:2] + last)
    if end <= int(first):
        return None
    return _When("years", first_year=int(first), year=end, is_span=True)


_PREVIOUS = re.compile(r"(?:the\s+)?previous|предыдущ|попередн", re.IGNORECASE)


def _build_relative_year(groups: Groups) -> _When:
    word = re.sub(r"\s+", " ", (groups["rel"] or groups.get("rel_") or "").lower())
    return _When("year", relative=_RELATIVE_YEARS[word], previous=bool(_PREVIOUS.match(word)))


def _build_relative_month(groups: Groups) -> _When:
    word = (groups["rel"] or "").lower()
    back = -1 if re.match(r"last|the\s+previous|прошл|минул|предыдущ|попередн", word) else 0
    back = 1 if re.match(r"next|the\s+next|следующ|наступн", word) else back
    return _When("months", months_back=back, previous=bool(_PREVIOUS.match(word)))


def _build_part(groups: Groups) -> _When | None:
    """A half or a quarter, or several ("Q1 and Q2 of 2012"): its months."""
    unit = (groups["unit"] or "").lower()
    size = 6 if unit.startswith(("h", "пол", "пів")) else 3
    words = re.findall(r"[A-Za-zА-Яа-яЁёІіЇїЄєҐґ]+|\d", groups["n"] or "")
    numbers = [n for n in map(_ordinal, words) if n is not None and n * size <= 12]
    if not numbers:
        return None
    year, relative = _stated_year(groups)
    if year is None and groups.get("y2"):
        year = 2000 + int(groups["y2"] or 0)
    first, last = (min(numbers) - 1) * size + 1, max(numbers) * size
    return _When("months", year=year, relative=relative, first=first, last=last)


def _build_months_to(groups: Groups) -> _When | None:
    """ "the three months to June": April to June."""
    n, last = _count(groups["n"] or ""), _month_number(groups["m"] or "")
    if not 1 <= n <= 12:
        return None
    year, relative = _stated_year(groups)
    return _When("months", year=year, relative=relative, first=(last - n) % 12 + 1, last=last)


def _build_first_months(groups: Groups) -> _When | None:
    """ "за 10 месяцев", "the first five months", "за первый месяц": January to the n-th."""
    n = _count(groups["n"]) if groups.get("n") else 1
    if not 1 <= n <= 12:
        return None
    year, relative = _stated_year(groups)
    return _When("months", year=year, relative=relative, first=1, last=n)


EDGE_MONTHS = 2
"""How many months "the beginning of a year" or "its end" spans when it is a stretch of time
rather than a stock's date: January–February, November–December."""


def _build_edge(groups: Groups) -> _When:
    """The start or the end of a year or a month, as a stock's date: its first day, or the
    first day after it ("at the end of 2015" → 2016-01-01). Two other readings, by the words
    around it: a deadline ("by the end of this year", "к концу года", "до кінця року") is met
    within the period, so a figure expected by then is that period's; and a time a clause
    describes ("at the beginning of 2022, when the contingent numbered …", "в начале 2022
    года, когда …") is a stretch of the period, its first or last :data:`EDGE_MONTHS`."""
    word = (groups.get("edge") or "").lower()
    edge: Literal["start", "end"] = (
        "end" if re.match(r"end|close|year-end|кон|кін|наприкін", word) else "start"
    )
    prep = (groups.get("prep") or "").lower().split()
    deadline = edge == "end" and bool(prep) and prep[-1] in _TARGET_PREPS
    during = bool(groups.get("during"))
    if groups.get("m"):
        year, relative = _stated_year(groups, "ym")
        month = _month_number(groups["m"] or "")
        bound = None if deadline or during else edge
        return _When("months", year=year, relative=relative, first=month, last=month, edge=bound)
    year, relative = _stated_year(groups)
    if year is None and relative is None:
        if not (deadline or during):
            return _When("reference", edge=edge)
        relative = 0
    if deadline:
        return _When("months", year=year, relative=relative)
    if during:
        first, last = (1, EDGE_MONTHS) if edge == "start" else (13 - EDGE_MONTHS, 12)
        return _When("months", year=year, relative=relative, first=first, last=last)
    return _When("months", year=year, relative=relative, edge=edge)


def _build_vague_year(groups: Groups) -> _When:
    """ "in early 2015", "с начала 2015 года", "since the beginning of the year": the year (of
    the text's reference date when none is named)."""
    year, relative = _stated_year(groups)
    if year is None and relative is None:
        return _When("reference")
    return _When("year", year=year, relative=relative)


def _build_same_period(groups: Groups) -> _When:
    year, _ = _stated_year(groups)
    return _When("shift", same_year=year) if year is not None else _When("shift", shift=(-1, 0))


def _shifted_by(years: int, months: int) -> Callable[[Groups], _When]:
    return lambda groups: _When("shift", shift=(years, months))


def _constant(kind: Literal["present", "none"]) -> Callable[[Groups], _When]:
    return lambda groups: _When(kind)


def _renamed(
    build: Callable[[Groups], _When | None], **names: str
) -> Callable[[Groups], _When | None]:
    """``build`` reading groups under other names (one rule, two word orders)."""

    def rebuild(groups: Groups) -> _When | None:
        moved = dict(groups)
        for name, other in names.items():
            if groups.get(other) is not None:
                moved[name] = groups[other]
        return build(moved)

    return rebuild


# --------------------------------------------------------------------------------------------
# The grammar: one rule per way of writing a period.


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    build: Callable[[Groups], _When | None]
    why: str
    role: Role = "period"


def _rule(
    pattern: str, build: Callable[[Groups], _When | None], why: str, role: Role = "period"
) -> _Rule:
    return _Rule(re.compile(pattern, re.IGNORECASE), build, why, role)


def _en_rules() -> list[_Rule]:
    prep = rf"(?:\b(?P<prep>{_EN_PREP})\s+(?:the\s+)?)"
    year_ref = _year_ref("en")
    month = _EN_MONTH
    day = r"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    count = r"(?P<n>\d{1,2}(?!\d)|" + _alternatives([w for w in _COUNTS if w.isascii()]) + ")"
    ordinal = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
    relative_year = rf"(?P<yr>{_alternatives(_EN_REL_WORDS)})\s+year(?!['’]s)"
    return [
        _rule(
            rf"\bsince\s+(?:the\s+)?(?:early|beginning\s+of|start\s+of)\s+(?:the\s+)?"
            rf"(?:{_year('y')}|{relative_year}|year\b)|\byear[-\s]to[-\s]date\b|\bYTD\b",
            _build_vague_year,
            "a change since a year began",
        ),
        _rule(
            rf"(?:{prep}?(?:the\s+)?(?P<edge>end|close|start|beginning|outset)\s+of\s+(?:the\s+)?"
            rf"(?:(?P<m>{month})(?:{_year_ref('en', 'ym')})?|{_year('y')}|{relative_year}|year\b)"
            rf"|\b(?P<edge_>year-end|end-)\s?(?P<y_>(?:19|20)\d\d)(?![\d%]|[.,]\d))"
            r"(?:(?=,?\s+(?P<during>when)\b)|)",
            _renamed(_build_edge, edge="edge_", y="y_"),
            "the start or the end of a year or a month",
        ),
        _rule(
            rf"{prep}?\b(?:early|late|mid)[-\s]+(?P<y>(?:19|20)\d\d)(?![\d%]|[.,]\d)",
            _build_vague_year,
            "a year",
        ),
        _rule(
            rf"\bbetween\s+{_year('y1')}\s+and\s+{_year('y')}",
            _build_years,
            "a span of years",
        ),
        _rule(
            rf"(?:\b(?P<prep>from|in|during|for|over|of)\s+(?:the\s+)?)?{_year('y1')}"
            rf"\s*(?:[-–—/]|\bto\b|\bthrough\b|\buntil\b)\s*"
            r"(?P<y>(?:19|20)\d\d|\d\d)(?![\d%]|[.,]\d)",
            _build_years,
            "a span of years",
        ),
        _rule(
            rf"(?:{prep}|\b(?P<between>between)\s+)?(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+)?"
            rf"(?P<m>{month})(?:{_year_ref('en', 'y1')})?\s*"
            rf"(?:[-–—]|\bto\b|\bthrough\b|\buntil\b|\btill\b|(?(between)\band\b|(?!)))\s*"
            rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+)?(?P<m2>{month})(?:{year_ref})?",
            _build_month_span,
            "a span of months",
        ),
        _rule(
            rf"{prep}?(?:(?:the\s+)?{day}\s+(?:of\s+)?(?P<m>{month})"
            rf"|(?P<m_>{month})\s+(?P<d_>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
            rf"(?!\s*(?:%|percent|per\s+cent|[.,]\d)))(?:,?\s+{_year('y')})?",
            _renamed(_build_day, m="m_", d="d_"),
            "a day",
        ),
        _rule(rf"{prep}?(?P<m>{month})(?:{year_ref})?", _build_month, "a month"),
        _rule(
            rf"{prep}?(?:the\s+)?(?P<n>{ordinal}(?:\s*(?:,|and|&|to|-|–)\s*(?:the\s+)?{ordinal})*)"
            rf"\s+(?P<unit>half|halves|quarters?)\b(?:\s+of\s+(?P<yt>the\s+year)|{year_ref})?",
            _build_part,
            "a half or a quarter",
        ),
        _rule(
            rf"{prep}?(?-i:\b(?P<n>[QH][1-4](?:\s*(?:,|and|&|-|–|to)\s*[QH][1-4])*)\b"
            r"|\b(?P<n_>[1-4])(?P<unit_>[QH])\b)"
            rf"(?:(?:\s+of)?\s+{_year('y')}|\s?['’](?P<y2>\d\d)(?!\d))?",
            lambda g: _build_part(
                {**g, "unit": (g["n"] or g["unit_"] or "Q")[0], "n": g["n"] or g["n_"]}
            ),
            "a half or a quarter",
        ),
        _rule(
            rf"{prep}?(?:the\s+)?first\s+(?:{count}\s+months|month)\b"
            rf"(?:\s+of\s+(?P<yt>the\s+year)|{year_ref})?"
            rf"|\b(?:in|for|during)\s+(?P<n_>\d{{1,2}}(?!\d)|"
            + _alternatives([w for w in _COUNTS if w.isascii()])
            + rf")\s+months\s+of{_year_ref('en', 'y_')}",
            _renamed(_build_first_months, n="n_", y="y_", yr="y_r"),
            "the first months of a year",
        ),
        _rule(
            rf"{prep}?(?:the\s+)?(?P<n>\d{{1,2}}(?!\d)|"
            + _alternatives([w for w in _COUNTS if w.isascii()])
            + rf")\s+months\s+(?:to|through|ending|ended|until)\s+(?:the\s+end\s+of\s+)?"
            rf"(?P<m>{month})(?:{year_ref})?",
            _build_months_to,
            "the months up to a month",
        ),
        _rule(
            rf"\b(?:the\s+)?(?:same|corresponding|comparable|like)\s+"
            rf"(?:period|month|quarter|half|time)(?:\s+(?:of|in)\s+|\s+)?"
            rf"(?:{_year('y')}|(?:the\s+)?(?:previous|last|prior)\s+year|a\s+year\s+(?:earlier|ago))?"
            rf"|\b(?:the\s+)?(?:last|previous|prior)\s+year['’]s(?:\s+(?:level|figure|value|result"
            rf"|volume|rate)s?)?",
            _build_same_period,
            "the figure's period a year before",
            role="base",
        ),
        _rule(
            r"\b(?:y/y|yoy|year[-\s]on[-\s]year|year[-\s]over[-\s]year|on\s+the\s+year"
            r"|on\s+an\s+annual\s+basis|in\s+annual\s+terms)\b",
            _shifted_by(-1, 0),
            "a change on a year earlier",
            role="base",
        ),
        _rule(
            r"\b(?:m/m|month[-\s]on[-\s]month|month[-\s]over[-\s]month)\b",
            _shifted_by(0, -1),
            "a change on the month before",
            role="base",
        ),
        _rule(
            r"\ba\s+year\s+(?:earlier|ago|before)\b|\bthe\s+year\s+before\b",
            _shifted_by(-1, 0),
            "a year before the figure's period",
        ),
        _rule(
            rf"(?:\b(?P<prep>{_EN_PREP}|between|and|or|to)\s+(?:the\s+)?(?:year\s+)?){_year('y')}"
            r"(?!\s*(?:million|billion|trillion|thousand|tons?|tonnes|barrels|people|units|rubles"
            r"|dollars|euros)\b)",
            _build_year,
            "a year",
        ),
        _rule(
            rf"{prep}?(?:\bfiscal\s+(?:year\s+)?|\bFY\s?){_year('y')}",
            _build_year,
            "a fiscal year",
        ),
        _rule(
            rf"{prep}?\b(?P<rel>{_alternatives(_EN_REL_WORDS)})\s+year\b(?!['’]s)",
            _build_relative_year,
            "a year named from the document's date",
        ),
        _rule(
            rf"{prep}?\b(?P<rel>last|this|next|the\s+previous|the\s+next|the\s+current)\s+month\b",
            _build_relative_month,
            "a month named from the document's date",
        ),
        _rule(
            rf"\b(?:at|in)\s+(?:constant\s+|current\s+|comparable\s+|average\s+)?{_year('y')}"
            rf"\s+prices\b|\bprices\s+of\s+{_year('y_')}",
            _constant("none"),
            "the year prices are counted in, not a period",
            role="name",
        ),
        _rule(
            r"\b(?:now|currently|at\s+present|at\s+the\s+moment|nowadays)\b"
            r"|(?-i:\bToday\b)(?!['’]s)"
            rf"|\bthe\s+current\s+(?:{_alternatives(_STATES_OF_AFFAIRS)})\b",
            _constant("present"),
            "the present: the time of writing",
        ),
        _rule(
            r"\b(?:until\s+now|up\s+to\s+now|to\s+date|so\s+far|hitherto)\b",
            _constant("none"),
            "up to now, which names no period",
            role="timeless",
        ),
        _rule(
            r"\b(?:(?:last|this|next)\s+week|yesterday|today|recently|in\s+recent\s+(?:days|weeks)"
            r"|on\s+(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
            _constant("none"),
            "the time of an event, not of a figure",
            role="event",
        ),
    ]


def _cyrillic_rules() -> list[_Rule]:
    """Russian and Ukrainian together: they share their shapes, and quote each other."""
    b, e = r"(?<![а-яёіїєґa-z])", r"(?![а-яёіїєґ])"  # a word's start and end
    prep = rf"(?:{b}(?P<prep>{_CYRILLIC_PREP})\s+)"
    yw = _CYRILLIC_YEAR_WORD
    year_ref = _year_ref("ru")
    month = _CYRILLIC_MONTH
    relative_year = (
        rf"(?P<yr>{_alternatives(_CYRILLIC_REL_WORDS)})\s+(?:году|года|годом|році|року|роком){e}"
    )
    ordinal = (
        r"(?:(?:перв|втор|трет|четв[её]рт|перш|друг)[а-яёіїєґ]*|(?-i:[IІ]{1,3}|[IІ]V)"
        r"|[1-4](?:\s?-?(?:й|м|е|го|ом|ий|му))?(?![\d,.]))"
    )
    count = rf"(?:\d{{1,2}}(?!\d)|{_alternatives([w for w in _COUNTS if not w.isascii()])})"
    month_word = r"(?:месяц|місяц)[а-яі]*"
    return [
        _rule(
            rf"{b}(?:с|со|з|із|від)\s+(?:самого\s+)?(?:начала|початку)\s+"
            rf"(?:{_year('y')}(?:{yw})?|{relative_year}|года{e}|року{e})",
            _build_vague_year,
            "a change since a year began",
        ),
        _rule(
            rf"{b}(?:(?P<prep>(?:по\s+состоянию\s+|станом\s+)?(?:на|к|до|в|у))\s+)?"
            r"(?P<edge>начал[оеау]|конец|конце|концу|початок|початку|кінець|кінця|кінці"
            rf"|наприкінці)\s+(?:(?P<m>{month})(?:{_year_ref('ru', 'ym')})?|{_year('y')}(?:{yw})?"
            rf"|{relative_year}|года{e}|року{e})(?:(?=,?\s+(?P<during>когда|коли){e})|)",
            _build_edge,
            "the start or the end of a year or a month",
        ),
        _rule(
            rf"{b}(?:между|між)\s+{_year('y1')}(?:{yw})?\s+(?:и|і|та)\s+{_year('y')}(?:{yw})?",
            _build_years,
            "a span of years",
        ),
        _rule(
            rf"{b}(?:(?P<prep>с|со|з|із|від|в|во|у|за)\s+)?{_year('y1')}(?:{yw})?"
            rf"(?:\s*[-–—/]\s*|\s+(?:по|до)\s+)(?P<y>(?:19|20)\d\d|\d\d)(?![\d%]|[.,]\d)(?:{yw})?",
            _build_years,
            "a span of years",
        ),
        _rule(
            rf"{prep}?(?P<m>{month})(?:{_year_ref('ru', 'y1')})?(?:\s*[-–—]\s*|\s+(?:по|до)\s+)"
            rf"(?P<m2>{month})(?:{year_ref})?",
            _build_month_span,
            "a span of months",
        ),
        _rule(
            rf"{prep}?{b}(?P<d>[12]\d|3[01]|0?[1-9])(?:\s?-?(?:го|е))?\s+(?P<m>{_CYRILLIC_MONTH_OF})"
            rf"(?:\s+{_year('y')}(?:{yw})?)?",
            _build_day,
            "a day",
        ),
        _rule(rf"{prep}?{b}(?P<m>{month})(?:{year_ref})?", _build_month, "a month"),
        _rule(
            rf"{prep}?{b}(?P<n>{ordinal}(?:\s*(?:,|и|і|та|-|–)\s*{ordinal})*)\s+"
            rf"(?P<unit>полугоди[а-яё]*|півріч[а-яі]*|пів\s?року|квартал[а-яёі]*){e}"
            rf"(?:{year_ref})?",
            _build_part,
            "a half or a quarter",
        ),
        _rule(
            rf"{b}(?:(?:за|по\s+итогам|за\s+підсумками)\s+(?:(?:перв|перш)[а-яі]*\s+)?"
            rf"(?P<n>{count})\s+|(?:(?:за|по\s+итогам|за\s+підсумками|в|во|у)\s+)?"
            rf"(?:перв|перш)[а-яі]*\s+(?:(?P<n2>{count})\s+)?)"
            rf"{month_word}(?:{year_ref})?"
            rf"|{b}(?P<n_>{count})\s+{month_word}\s+{_year('y_')}(?:{yw})?",
            lambda g: _build_first_months(
                {**g, "n": g["n"] or g["n2"] or g["n_"], "y": g["y"] or g["y_"]}
            ),
            "the first months of a year",
        ),
        _rule(
            rf"{b}(?:за|по\s+итогам|за\s+підсумками)\s+(?P<unit>полгода|полугодие|пів\s?року"
            rf"|півроку|півріччя){e}(?:{year_ref})?",
            lambda g: _build_part({**g, "n": "1"}),
            "a half year, counted from January",
        ),
        _rule(
            rf"{b}(?:(?:тот|того|тому|том|та|той|тим)\s+(?:же|ж)\s+"
            r"|(?:аналогичн|соответствующ|сопоставим|відповідн|аналогічн|порівнянн)[а-яёі]*\s+)"
            r"(?:период|період|показател|показник|месяц|місяц|уровн|рів)[а-яёі]*"
            rf"(?:\s+(?:{_year('y')}(?:{yw})?|(?:прошлого|предыдущего|минувшего|минулого"
            rf"|попереднього)\s+(?:года|року){e}))?"
            rf"|{b}(?:прошлогодн|минулорічн)[а-яёі]*(?:\s+(?:показател|показник|уровн|рів"
            rf"|значени|значенн|период|період)[а-яёі]*)?"
            rf"|{b}(?:уровн|рів)[а-яёі]*\s+(?:прошлого|минулого)\s+(?:года|року){e}",
            _build_same_period,
            "the figure's period a year before",
            role="base",
        ),
        _rule(
            rf"{b}(?:г/г|р/р|год\s+к\s+году|рік\s+до\s+року|в\s+годовом\s+(?:выражении"
            r"|исчислении|сопоставлении)|(?:у|в)\s+річному\s+(?:вимірі|обчисленні|вираженні))"
            rf"{e}",
            _shifted_by(-1, 0),
            "a change on a year earlier",
            role="base",
        ),
        _rule(
            rf"{b}(?:м/м|месяц\s+к\s+месяцу|місяць\s+до\s+місяця){e}",
            _shifted_by(0, -1),
            "a change on the month before",
            role="base",
        ),
        _rule(
            rf"{b}(?:годом\s+(?:ранее|раньше)|год\s+назад|роком\s+раніше|рік\s+тому){e}",
            _shifted_by(-1, 0),
            "a year before the figure's period",
        ),
        _rule(rf"{prep}?{b}{_year('y')}(?:{yw})", _build_year, "a year"),
        _rule(
            rf"{prep}{_year('y')}(?!\s*[\d%$€]|\s+[а-яёіїєґ]+\.?\s*\d"
            r"|\s+(?:млн|млрд|тыс|тис|трлн|тонн|руб|долл|дол|евро|євро|человек|осіб|чел))",
            _build_year,
            "a year",
        ),
        _rule(
            rf"{prep}?{b}(?P<rel>{_alternatives(_CYRILLIC_REL_WORDS)})\s+(?:году|года|годом|році|року|роком){e}"
            rf"|{b}(?P<rel_>торік|цьогоріч|позаторік){e}",
            _build_relative_year,
            "a year named from the document's date",
        ),
        _rule(
            rf"{prep}?{b}(?P<rel>прошл[а-я]+|предыдущ[а-я]+|эт[а-я]+|текущ[а-я]+|следующ[а-я]+"
            r"|минул[а-яі]+|попередн[а-яі]+|ць[а-яі]+|поточн[а-яі]+|наступн[а-яі]+)\s+"
            rf"(?:месяц[еа]|місяц[іяю]){e}",
            _build_relative_month,
            "a month named from the document's date",
        ),
        _rule(
            rf"{b}(?:в|у)\s+(?:(?:сопоставимых|постоянных|текущих|порівнянних|незмінних|поточних)"
            rf"\s+)?(?:ценах|цінах)\s+{_year('y')}(?:{yw})?",
            _constant("none"),
            "the year prices are counted in, not a period",
            role="name",
        ),
        _rule(
            rf"{b}(?:сейчас|ныне|в\s+настоящее\s+время|на\s+данный\s+момент|зараз|нині|наразі"
            rf"|на\s+сьогодні|на\s+сегодня|(?-i:Сегодня|Сьогодні)"
            r"|(?:нынешн|текущ|нинішн|поточн)[а-яі]*\s+(?:ситуац|положени|становищ|проблем|кризис|момент"
            rf"|этап|етап|криз|обстановк|обстанов)[а-яі]*){e}",
            _constant("present"),
            "the present: the time of writing",
        ),
        _rule(
            rf"{b}(?:до\s+сих\s+пор|по\s+сей\s+день|до\s+настоящего\s+времени|досі|дотепер"
            rf"|до\s+цього\s+часу){e}",
            _constant("none"),
            "up to now, which names no period",
            role="timeless",
        ),
        _rule(
            rf"{b}(?:на\s+(?:прошлой|этой|минувшей|следующей)\s+неделе|(?:минулого|цього"
            r"|наступного)\s+тижня|на\s+(?:минулому|цьому)\s+тижні|вчера|вчора|сегодня"
            r"|сьогодні|накануне|напередодні|недавно|нещодавно"
            r"|(?:в|во|у)\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье"
            rf"|понеділок|вівторок|середу|четвер|п['’ʼ]ятницю|суботу|неділю)){e}",
            _constant("none"),
            "the time of an event, not of a figure",
            role="event",
        ),
    ]


def _numeric_rules() -> list[_Rule]:
    """Days written in digits, the same in the three languages: 01.07.2019, 2019-07-01."""
    return [
        _rule(
            r"(?<![\d.,])(?P<d>[12]\d|3[01]|0?[1-9])\.(?P<mn>0?[1-9]|1[0-2])\."
            r"(?:(?P<y>(?:19|20)\d\d)|(?P<y2>\d\d))(?![\d]|[.,]\d)",
            _build_day,
            "a day",
        ),
        _rule(
            r"(?<![\d.,])(?P<y>(?:19|20)\d\d)-(?P<mn>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])(?!\d)",
            _build_day,
            "a day",
        ),
    ]


@lru_cache(maxsize=4)
def _rules(language: Language) -> tuple[_Rule, ...]:
    own = _en_rules() if language == "en" else _cyrillic_rules()
    return (*own, *_numeric_rules())


# --------------------------------------------------------------------------------------------
# What tells a mention's role: the words before it, and its sentence.

_BASE_CUE = re.compile(  # "compared to", "по сравнению с", "порівняно з", "than", "against"
    r"(?:\bcompared(?:\s+(?:with|to))?|\bfrom|\bcomparison(?:\s+(?:with|to))?|\brelative\s+to"
    r"|\bagainst|\bversus|\bvs\.?|\bthan|\bover|по\s+сравнению(?:\s+с)?|в\s+сравнении(?:\s+с)?"
    r"|сравнительно(?:\s+с)?|относительно|против|(?<![а-яё])чем|от\s+уровня|превыша[а-я]*"
    r"|порівняно(?:\s+(?:з|із|зі))?|(?:у|в)\s+порівнянні(?:\s+(?:з|із))?|відносно|проти|ніж"
    r"|від\s+рівня|перевищ[а-яі]*"
    r"|(?<![а-яёіїєґ])(?:больше|меньше|выше|ниже|більше|менше|вище|нижче))"
    r"\s+(?:the\s+)?(?:(?:level|figure|value|уровн[а-я]*|показател[а-я]*|рівн[а-я]*"
    r"|показник[а-я]*)\s+)?$",
    re.IGNORECASE,
)
_OWN_CUE = re.compile(  # "in the same period of 2021 exports were …": the figure's own
    r"(?:\b(?:in|for|during)|(?<![а-яёіїєґ])(?:в|во|за|у))\s+$", re.IGNORECASE
)
_SINCE_EVENT = re.compile(  # "since the start of the war in 2022": the war's year is a start
    r"(?:\bsince\s+(?:the\s+)?(?:start|beginning|outbreak|onset|end)\s+of\s+(?:the\s+)?[\w-]+"
    r"(?:\s+[\w-]+)?|(?<![а-яёіїєґ])(?:с|со|з|із)\s+(?:начала|момента|початку|моменту)"
    r"\s+[а-яёіїєґ-]+(?:\s+[а-яёіїєґ-]+)?)\s+$",
    re.IGNORECASE,
)
_START_PREPS = frozenset(["since", "с", "со", "з", "із", "зі", "від"])
_UNTIL_PREPS = frozenset(["until", "till", "by", "до", "по"])
_TARGET_PREPS = frozenset(["by", "until", "till", "к", "до"])
_BASE_PREPS = frozenset(["than", "against", "чем", "ніж", "против", "проти"])
_AFTER_FIGURE_BASE_PREPS = frozenset(["from", "on", "к", "ко", "over"])
"""Before a figure they date it or start it ("к 2024 году достигнет", "From 2015, exports
…"); after a figure they give what it is compared with ("вырос на 5% к 2021 году")."""
_STOCK_PREPS = re.compile(r"as\s+of|as\s+at|at|на|по\s+состоянию\s+на|станом\s+на", re.IGNORECASE)
_RECURRING = re.compile(
    r"\b(?:each|every)\s+year\b|\bannually\b|\byearly\b|(?<![а-яёіїєґ])(?:каждый\s+год"
    r"|ежегодно|из\s+года\s+в\s+год|щороку|щорічно|кожного\s+року|кожен\s+рік)(?![а-яёіїєґ])",
    re.IGNORECASE,
)
_RATE_OR_HABIT = re.compile(
    r"\b(?:(?:per|a|each|every)\s+year(?!\s+(?:earlier|ago|before))|annually|yearly|usually"
    r"|typically|normally|capacity"
    r"|capacities)\b|(?<![а-яёіїєґ])(?:в\s+год|ежегодно|обычно|как\s+правило|на\s+рік|в\s+рік"
    r"|щороку|щорічно|зазвичай|як\s+правило|мощност[а-я]*|потужніст[а-яі]*)(?![а-яёіїєґ])",
    re.IGNORECASE,
)
"""A rate per year ("$3–5 млрд в год"), a capacity ("12 million tons each") or a habit ("they
usually produce"): a general statement, which a period stated sentences before does not date."""
_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|announced|published|stated|noted|informed"
    r"|declared|wrote|writes|added|explained|released|revealed)\b"
    r"|(?<![а-яёіїєґ])(?:заяви[а-яі]*|сообщ[а-я]*|отмети[а-я]*|опубликова[а-я]*|рассказа[а-я]*"
    r"|сказа[а-яі]*|пишет|написа[а-я]*|переда[её]т|объяви[а-я]*|обнародова[а-я]*"
    r"|подчеркну[а-я]*|повідоми[а-яі]*|повідомля[а-яі]*|зазначи[а-яі]*|оприлюдни[а-яі]*"
    r"|опублікува[а-яі]*|розпові[а-яі]*|наголоси[а-яі]*|підкресли[а-яі]*)",
    re.IGNORECASE,
)
_DATELINE_AFTER = re.compile(  # "April 12, BPN.", "12 апреля (БЕЛТА) –"
    r"\s*(?:,\s*[A-ZА-ЯЁІЇЄҐ]{2,}[A-ZА-ЯЁІЇЄҐ-]*\s*[.(,–—-]|\(\s*[A-ZА-ЯЁІЇЄҐ][\w-]*\s*\)\s*[–—-])"
)
_DATELINE_BEFORE = re.compile(r"\b[A-ZА-ЯЁІЇЄҐ]{3,}[A-ZА-ЯЁІЇЄҐ\s.-]*,\s*$")  # "MINSK, "

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”)\]]*\s+(?=[\"'«“(\[]?[A-ZА-ЯЁІЇЄҐ\d])|\n+")
_NOT_A_SENTENCE_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|vs|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S"
    r"|[A-Z]|г|гг|р|рр|им|ул|т\.е|т\.к|тыс|тис|млн|млрд|трлн|руб|долл|дол))\.$"
)
_CLAUSE_BREAK = re.compile(
    r"[,;:](?=\s)|[()]|\s(?=(?:while|whereas|but|however|although|а|но|однако"
    r"|тогда\s+как|хотя|але|проте|однак|тоді\s+як|хоча)\s)"
    r"|\s[–—]\s(?P<elided>(?=(?:(?:на|до|by|to|почти|около|более|майже|близько|понад|about"
    r"|almost|nearly|over)\s+)*[$€£₽]?\s?\d))?",
    re.IGNORECASE,
)
_FROM_NUMBER = re.compile(  # a figure after these is what the one before is compared with
    r"(?:\b(?:from|since|than|against|compared\s+(?:with|to)|versus|vs\.?)"
    r"|(?<![а-яёіїєґ])(?:с|со|от|чем|против|з|із|від|ніж|проти|порівняно\s+з))"
    r"\s+(?:(?:the|a|about|almost|nearly|some|почти|около|майже|близько)\s+)?[$€£₽]?\s?(?=\d)",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _sentences(text: str, start: int, end: int) -> tuple[Span, ...]:
    """The sentences of ``text[start:end]``: cut after . ! ? before a capital, and at line
    breaks (a line of news is a paragraph), not after an abbreviation ("млн.", "г.", "Jan.")."""
    cuts = [start]
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.group().startswith("\n") or not _NOT_A_SENTENCE_END.search(
            text, max(start, match.start() - 6), match.start()
        ):
            cuts.append(match.end())
    cuts.append(end)
    return tuple((a, b) for a, b in pairwise(cuts) if text[a:b].strip())


class _Clauses:
    """The clauses of a sentence: cut at , ; : ( ) and dashes and "but", "а", "але"… — not
    inside a period expression ("January – May 2023"), nor at a dash that stands for a verb
    left out between a topic and its figure ("а в 2024-м — 2,5%"; but "вырос на 12% — до 19
    млрд" is two clauses, the figure before the dash having its own)."""

    def __init__(self, text: str, sentence: Span, inside: Sequence[Span]) -> None:
        self.sentence = sentence
        self.starts: list[int] = []
        self.ends: list[int] = []
        index = 0
        for match in _CLAUSE_BREAK.finditer(text, *sentence):
            at = match.start()
            while index < len(inside) and inside[index][1] <= at:
                index += 1
            if index < len(inside) and inside[index][0] <= at:
                continue
            topic = (self.ends[-1] if self.ends else sentence[0], at)
            if match.group("elided") is not None and not _numbers(text, topic, inside):
                continue
            self.starts.append(at)
            self.ends.append(match.end())

    def around(self, point: Span) -> Span:
        """The clause containing ``point`` (a break inside the point does not cut it)."""
        before = bisect_right(self.ends, point[0]) - 1
        after = bisect_left(self.starts, point[1])
        start = self.ends[before] if before >= 0 else self.sentence[0]
        end = self.starts[after] if after < len(self.starts) else self.sentence[1]
        return start, end


def _numbers(text: str, span: Span, outside: Sequence[Span]) -> list[Span]:
    """The numbers of ``text[span]`` outside ``outside`` (sorted spans: dates, the figure)."""
    found, index = [], 0
    for match in _NUMBER.finditer(text, *span):
        while index < len(outside) and outside[index][1] <= match.start():
            index += 1
        if index < len(outside) and outside[index][0] < match.end():
            continue
        found.append(match.span())
    return found


# --------------------------------------------------------------------------------------------
# Finding and resolving the mentions of a window.


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    rule: _Rule
    when: _When
    prep: str | None


def _find(text: str, start: int, end: int, language: Language) -> list[_Found]:
    """Every period expression of ``text[start:end]``: each rule's matches, the longest kept
    where they overlap ("1 January 2016" rather than "January 2016")."""
    candidates: list[_Found] = []
    for rule in _rules(language):
        for match in rule.pattern.finditer(text, start, end):
            end_ = match.end()
            while end_ > match.start() and text[end_ - 1].isspace():
                end_ -= 1
            if end_ == match.start():
                continue
            when = rule.build(match.groupdict())
            if when is not None:
                prep = match.groupdict().get("prep")
                candidates.append(_Found(match.start(), end_, rule, when, prep and prep.lower()))
    candidates.sort(key=lambda f: (f.start - f.end, f.start))
    taken = bytearray(end - start)
    kept = []
    for found in candidates:
        a, b = found.start - start, found.end - start
        if not any(taken[a:b]):
            taken[a:b] = b"\x01" * (b - a)
            kept.append(found)
    return sorted(kept, key=lambda f: f.start)


class _Resolver:
    """Gives each mention its period, left to right through a window: relative names from the
    document's date; "the year" from the last stock date stated before it ("As of 1 January
    2016 … since the beginning of the year" is 2015), else the document's year ("the end of
    the year": the latest before the document's date); a year-less month or day from the
    period its paragraph stated before it — a narrative goes forward, so it is the first such
    month from that period on ("In February 2022 … but in August" is August 2022, "In
    December 2012 … In January" is January 2013) — unless that is after the document's date,
    then from the document's date (the latest such month before it)."""

    def __init__(self, calendar: _Calendar) -> None:
        self.calendar = calendar
        self.stock_year: int | None = None  # the year a stock date stated before closes
        self.completed = ""
        self.context: tuple[int, int] | None = None  # (year, month) an own period stated

    def period(self, when: _When, prep: str | None, recurring: bool) -> tuple[str | None, bool]:
        """(period, stated) of ``when``; what completed it, if not the text, in ``completed``."""
        self.completed = "the document's date"
        calendar = self.calendar
        if when.kind == "years":
            return f"{when.first_year}/{when.year}", True
        if when.kind == "present" or when.relative is not None or when.months_back is not None:
            self.completed = ""  # the words name it from the document's date themselves
        if when.kind == "present":
            return calendar.now, False
        if when.kind == "reference":
            if self.stock_year is not None:
                self.completed = "the stock's date stated before it"
            year = self.stock_year if self.stock_year is not None else calendar.year
            if year is None:
                return None, False
            if when.edge is None:
                return str(year), False
            if when.edge == "end" and self.stock_year is None and prep not in _TARGET_PREPS:
                year -= 1  # the latest end of a year, unless one to come ("by the end of …")
            return date(year + (when.edge == "end"), 1, 1).isoformat(), False
        if when.kind in ("shift", "none"):
            return None, False
        if when.months_back is not None:
            if calendar.year is None or calendar.month is None:
                return None, False
            index = calendar.year * 12 + calendar.month - 1 + when.months_back
            return f"{index // 12}-{index % 12 + 1:02d}", False
        year, stated = self._year(when)
        if year is None:
            return None, False
        if when.kind == "year":
            if recurring and prep in _UNTIL_PREPS and calendar.year and calendar.year + 1 < year:
                return f"{calendar.year + 1}/{year}", False
            return str(year), stated
        if when.kind == "day":
            try:
                return date(year, when.first, when.day).isoformat(), stated
            except ValueError:
                return None, False
        first_year = when.first_year or (year - 1 if when.first > when.last else year)
        if when.edge == "start":
            return date(first_year, when.first, 1).isoformat(), stated
        if when.edge == "end":
            after = date(year + (when.last == 12), when.last % 12 + 1, 1)
            return after.isoformat(), stated
        return _months_label(first_year, when.first, year, when.last), stated

    def _year(self, when: _When) -> tuple[int | None, bool]:
        if when.year is not None:
            return when.year, True
        if when.relative is not None:
            base = self.calendar.year
            return (base + when.relative if base is not None else None), False
        if when.kind == "day":
            latest = self.calendar.latest_year(when.first, when.day)
        else:
            latest = self.calendar.latest_year(when.last, 1)
        following = self._following(when)
        if following is not None and (latest is None or not self._after_document(when, following)):
            self.completed = "the period stated before it"
            return following, False
        return latest, False

    def _following(self, when: _When) -> int | None:
        """The year of the first ``when`` (a year-less month or day) from the period stated
        before it on."""
        if self.context is None:
            return None
        year, month = self.context
        return year if when.first >= month else year + 1

    def _after_document(self, when: _When, year: int) -> bool:
        calendar = self.calendar
        if calendar.year is None:
            return False
        last = (year, when.first, when.day) if when.kind == "day" else (year, when.last, 1)
        return last > (calendar.year, calendar.month or 12, calendar.day or 31)

    def saw(self, when: _When, period: str | None, stated: bool, role: Role) -> None:
        """Remember what later mentions resolve against: a stock's date, and the own period
        the text states (a base it compares with is not where its narrative stands)."""
        if period is None:
            return
        if stated and role == "period":
            first, last = period.split("/")[0], period.split("/")[-1]
            year = int(last[:4])
            month = int(first[5:7]) if first[:4] == last[:4] and len(first) >= 7 else 1
            self.context = (year, month)
        if when.kind in ("day", "months", "reference") and len(period) == 10:
            day = date.fromisoformat(period) - timedelta(days=1)
            self.stock_year = day.year


def _months_label(first_year: int, first: int, year: int, last: int) -> str:
    if first_year == year and (first, last) == (1, 12):
        return str(year)
    if first_year == year and first == last:
        return f"{year}-{first:02d}"
    return f"{first_year}-{first:02d}/{year}-{last:02d}"


def _role(
    text: str, found: _Found, sentence: Span, clause: Span, speech: bool
) -> tuple[Role, Role | None]:
    """(role, role after a figure) of a found mention in its sentence and clause; ``speech``:
    whether the sentence reports a statement ("said", "заявил", "повідомив")."""
    lead = text[max(sentence[0], found.start - 60) : found.start]
    prep = re.sub(r"\s+", " ", found.prep or "")
    when = found.when
    if found.rule.role == "base" and _OWN_CUE.search(lead) and not _BASE_CUE.search(lead):
        return "period", None  # "in the same period of 2021 exports were …"
    if found.rule.role != "period":
        return found.rule.role, None
    if _BASE_CUE.search(lead) or prep in _BASE_PREPS:
        return "base", None
    if when.kind == "shift":
        return "period", None
    if prep in _AFTER_FIGURE_BASE_PREPS and when.kind != "day":
        if prep != "from":
            return "period", "base"
        if not when.is_span:
            return "start", "base"
    if when.is_span:
        return "period", None
    if (prep in _START_PREPS and when.kind != "reference") or _SINCE_EVENT.search(lead):
        return "start", None
    if when.kind == "day" and not _STOCK_PREPS.fullmatch(prep):
        dateline = _DATELINE_AFTER.match(
            text, found.end, found.end + 80
        ) or _DATELINE_BEFORE.search(text, max(sentence[0], found.start - 40), found.start)
        figures_in_clause = _numbers(text, clause, [(found.start, found.end)])
        if dateline or (not figures_in_clause and speech):
            return "event", None
    return "period", None


def _follows_since(text: str, found: _Found, sentence: Span) -> bool:
    """Whether a start is written with "since": "since 2022", "since the start of the war in
    2022"."""
    if found.prep == "since":
        return True
    event = _SINCE_EVENT.search(text, max(sentence[0], found.start - 60), found.start)
    return event is not None and event.group().lower().startswith("since")


@dataclass(frozen=True)
class _Scan:
    """The mentions of a window, and their starts (to find those of a span by bisection)."""

    mentions: tuple[PeriodMention, ...]
    starts: tuple[int, ...]

    def within(self, span: Span) -> tuple[PeriodMention, ...]:
        return self.mentions[bisect_left(self.starts, span[0]) : bisect_left(self.starts, span[1])]

    def stated_before(self, at: int) -> str | None:
        """The last own period stated before ``at``: what "a year earlier" is a year before."""
        for mention in reversed(self.mentions[: bisect_left(self.starts, at)]):
            if mention.role == "period" and mention.period and mention.end <= at:
                return mention.period
        return None


@lru_cache(maxsize=64)
def _scan(text: str, start: int, end: int, language: Language, document_date: str | None) -> _Scan:
    found = _find(text, start, end, language)
    resolver = _Resolver(_calendar(document_date))
    mentions = []
    next_found = 0
    for sentence in _sentences(text, start, end):
        inside = []
        while next_found < len(found) and found[next_found].start < sentence[1]:
            inside.append(found[next_found])
            next_found += 1
        if not inside:
            continue
        spans = [(f.start, f.end) for f in inside]
        numbers = _numbers(text, sentence, spans)
        first_number = numbers[0][0] if numbers else sentence[1]
        clauses = _Clauses(text, sentence, spans)
        recurring = _RECURRING.search(text, *sentence)
        has_day = any(f.when.kind == "day" for f in inside)
        speech = has_day and bool(_SPEECH.search(text, *sentence))
        for item in inside:
            clause = clauses.around((item.start, item.end))
            role, after = _role(text, item, sentence, clause, speech)
            when = item.when
            if role == "base" and when.previous:  # "compared to the previous month"
                when = _When("shift", shift=(0, -1) if when.months_back is not None else (-1, 0))
            each_year = recurring is not None and recurring.start() < item.start
            period, stated = resolver.period(when, item.prep, each_year)
            why = item.rule.why
            if period is not None and not stated and resolver.completed:
                why += f", its year from {resolver.completed}"
            if role in ("period", "base"):
                resolver.saw(when, period, stated, role)
            until_now = (
                role == "start" and language == "en" and _follows_since(text, item, sentence)
            )
            mentions.append(
                PeriodMention(
                    item.start,
                    item.end,
                    text[item.start : item.end],
                    role,
                    period,
                    stated,
                    item.start < first_number,
                    why,
                    after,
                    when.shift,
                    when.same_year,
                    until_now,
                )
            )
    return _Scan(tuple(mentions), tuple(m.start for m in mentions))


def _scanned(text: str, span: Span, language: Language, document_date: str | None) -> _Scan:
    start, end = max(span[0], span[1] - MAX_PARAGRAPH_CHARS), span[1]
    return _scan(text, start, end, language, document_date)


def period_mentions(
    text: str, span: Span, language: Language, document_date: str | None
) -> tuple[PeriodMention, ...]:
    """Every period expression of ``text[span]`` (a paragraph; only its last
    :data:`MAX_PARAGRAPH_CHARS` are read when it is longer), in order, with its role and its
    period resolved against ``document_date``.

    The answer is kept for the last few windows asked about, so reading each figure of a
    paragraph scans the paragraph once.
    """
    return _scanned(text, span, language, document_date).mentions


# --------------------------------------------------------------------------------------------
# Periods named from another: "a year earlier", "the same period of 2021", "y/y".


def _shifted(period: str, years: int, months: int) -> str | None:
    """``period`` moved by (years, months): "2023-01/2023-05" a year back is 2022-01/2022-05."""

    def point(text: str) -> str | None:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return str(parts[0] + years) if months == 0 else None
        index = parts[0] * 12 + parts[1] - 1 + years * 12 + months
        year, month = index // 12, index % 12 + 1
        if len(parts) == 2:
            return f"{year}-{month:02d}"
        day = min(parts[2], monthrange(year, month)[1])  # 31 March a month back: 28 February
        return f"{year}-{month:02d}-{day:02d}"

    points = [point(p) for p in period.split("/")]
    return None if None in points else "/".join(p for p in points if p)


def _in_year(period: str, year: int) -> str | None:
    """The months of ``period`` in ``year``: "the same period of 2021" for 2022-02 → 2021-02."""
    return _shifted(period, year - int(period[:4]), 0)


def _relative_to(mention: PeriodMention, other: str | None) -> str | None:
    """The period of ``mention``; if it is named from another period, from ``other``."""
    if mention.period is not None:
        return mention.period
    if other is None:
        return None
    if mention.same_year is not None:
        return _in_year(other, mention.same_year)
    if mention.shift is not None:
        return _shifted(other, *mention.shift)
    return None


def _inferred(base: PeriodMention, calendar: _Calendar) -> str | None:
    """The period a comparison with a part of a year implies when the figure's own is not
    stated: the same months a year later ("grew 4.1% compared to January – May 2022" →
    2023-01/2023-05), when that is not after the document's date."""
    if base.period is None or "-" not in base.period or len(base.period) == 10:
        return None
    later = _shifted(base.period, 1, 0)
    if later is None:
        return None
    if calendar.year is not None:
        end = later.split("/")[-1]
        if (int(end[:4]), int(end[5:7])) > (calendar.year, calendar.month or 12):
            return None
    return later


# --------------------------------------------------------------------------------------------
# Choosing a figure's period.


def _effective_role(mention: PeriodMention, figure: Span) -> Role:
    if mention.role_after_figure and mention.start >= figure[1]:
        return mention.role_after_figure
    return mention.role


def _reading(
    mention: PeriodMention, period: str | None, source: Source, confidence: float, why: str
) -> PeriodReading:
    if not mention.stated and period is not None:
        confidence -= 0.1
    span = (mention.start, mention.end)
    return PeriodReading(period, None, source, mention.written, span, round(confidence, 2), why)


def _undated(why: str) -> PeriodReading:
    return PeriodReading(None, None, "none", None, None, 0.5, why)


@dataclass(frozen=True)
class _Figure:
    """A figure in its sentence: the mentions, clauses and other numbers around it."""

    text: str
    span: Span
    sentence: Span
    scan: _Scan
    mentions: tuple[PeriodMention, ...]  # of its sentence
    clauses: _Clauses
    clause: Span
    numbers: list[Span]  # the sentence's other numbers

    @classmethod
    def of(cls, text: str, span: Span, sentence: Span, scan: _Scan) -> _Figure:
        mentions = tuple(m for m in scan.within(sentence) if not _overlaps(m, span))
        spans = sorted([*((m.start, m.end) for m in mentions), span])
        clauses = _Clauses(text, sentence, [(m.start, m.end) for m in mentions])
        numbers = _numbers(text, sentence, spans)
        return cls(text, span, sentence, scan, mentions, clauses, clauses.around(span), numbers)

    def in_clause(self, mention: PeriodMention) -> bool:
        return self.clause[0] <= mention.start < self.clause[1]

    def has_number(self, mention: PeriodMention) -> bool:
        """Whether the clause of ``mention`` has a figure of its own, whose period it is."""
        start, end = self.clauses.around((mention.start, mention.end))
        return self.first_number_after(start) < end

    def first_number_after(self, at: int) -> int:
        index = bisect_left([n[0] for n in self.numbers], at)
        return self.numbers[index][0] if index < len(self.numbers) else self.sentence[1]

    @property
    def claimed_from(self) -> int:
        """Where the text after the figure stops being its own: at another figure it is
        compared with or changed from ("до 5% с 14% в прошлом году": the year is the 14%'s);
        "fell by 4.7% to 191.4 billion in 2022" dates both."""
        word = _FROM_NUMBER.search(self.text, self.span[1], self.sentence[1])
        return word.end() if word else self.sentence[1]


def _overlaps(mention: PeriodMention, span: Span) -> bool:
    return mention.start < span[1] and span[0] < mention.end


_TO_LEVEL = re.compile(
    r"[\s,;:(–—-]*(?:to|до)\s+(?:[^\W\d_]+\s+){0,3}[$€£₽]?\s?(?=\d)", re.IGNORECASE
)
"""A change followed by the level it reached: "fell by 40%, to just under $2.5 billion",
"сократился на 57% (до 49 тыс. тонн)"."""


def _after_new_level(figure: _Figure, own: Sequence[PeriodMention]) -> list[PeriodMention]:
    """The period right after the level a change reached, which dates the change too ("fell
    by 40%, to just under $2.5 billion in 2018"), though a comma stands between them."""
    to = _TO_LEVEL.match(figure.text, figure.span[1], figure.sentence[1])
    if to is None:
        return []
    level = next((n for n in figure.numbers if n[0] == to.end()), None)
    if level is None:
        return []
    until = figure.first_number_after(level[1])
    return [
        m
        for m in own
        if level[1] <= m.start < until
        and len(figure.text[level[1] : m.start].split()) <= ATTACHED_WORDS
    ][:1]


def _stated(
    figure: _Figure, dates: Callable[[PeriodMention], bool] | None = None
) -> PeriodReading | None:
    """The own period its clause states (right after it, else before it, else later in the
    clause), else its sentence (before it, else later with no other figure between); with
    ``dates``, the nearest mention it accepts, in the same order."""
    if dates is None:
        own = [
            m for m in figure.mentions if _effective_role(m, figure.span) in ("period", "timeless")
        ]
    else:
        own = [m for m in figure.mentions if dates(m)]
    start, end = figure.span
    claimed = figure.claimed_from
    in_clause = [m for m in own if figure.in_clause(m)]
    after = [m for m in in_clause if m.start >= end and m.start < claimed]
    before = [m for m in in_clause if m.end <= start]
    attached = after[:1] if after and len(figure.text[end : after[0].start].split()) <= 6 else []
    elsewhere = [m for m in own if not figure.in_clause(m)]
    free_until = figure.first_number_after(end)
    for group, source, confidence, where in (
        (attached, "clause", 0.9, "right after the figure"),
        (_after_new_level(figure, own), "clause", 0.85, "right after the level it changed to"),
        (before[-1:], "clause", 0.85, "before the figure in its clause"),
        (after[:1], "clause", 0.75, "later in its clause"),
        (
            [m for m in elsewhere if m.end <= start][-1:],
            "sentence",
            0.75,
            "earlier in its sentence",
        ),
        (
            [m for m in elsewhere if end <= m.start < free_until and not figure.has_number(m)][:1],
            "sentence",
            0.6,
            "later in its sentence",
        ),
    ):
        if not group:
            continue
        mention = group[0]
        if mention.role == "timeless":
            return _reading(mention, None, source, confidence, f"{where}: {mention.why}")
        if mention.role == "start":
            return _reading(mention, mention.period, source, confidence, f"{where}: {mention.why}")
        period = _relative_to(mention, figure.scan.stated_before(mention.start))
        if period is not None:
            return _reading(mention, period, source, confidence, f"{where}: {mention.why}")
    return None


def _base_of(figure: _Figure) -> PeriodMention | None:
    """The base a figure is compared with: in its clause, else the nearest in its sentence with
    no other figure between nor in its own clause — after the figure, or opening the sentence
    ("По сравнению с аналогичным периодом прошлого года, рост составил 63%")."""
    bases = [m for m in figure.mentions if _effective_role(m, figure.span) == "base"]
    in_clause = [m for m in bases if figure.in_clause(m)]
    after = [m for m in in_clause if m.start >= figure.span[1]]
    if after or in_clause:  # a comparison follows its figure: the nearest after it first
        return after[0] if after else in_clause[-1]

    def free(m: PeriodMention) -> bool:
        clause = figure.clauses.around((m.start, m.end))
        between = (min(m.end, figure.span[1]), max(m.start, figure.span[0]))
        return (m.start >= figure.span[1] or m.frame) and not any(
            between[0] <= n[0] < between[1] or clause[0] <= n[0] < clause[1] for n in figure.numbers
        )

    candidates = [m for m in bases if free(m)]
    return min(candidates, key=lambda m: abs(m.start - figure.span[0])) if candidates else None


def _base_period(base: PeriodMention | None, own: str | None) -> str | None:
    if base is None:
        return None
    if base.period is not None:
        return base.period
    return _relative_to(base, own) if own is not None else None


def _carried(
    text: str,
    scan: _Scan,
    window: Span,
    calendar: _Calendar,
    source: Source,
    confidence: float,
    *,
    since: bool = False,
) -> PeriodReading | None:
    """The period stated in the sentences of ``window``, the nearest sentence first: the one
    that opens it (a frame) if any, else its last; else the period an earlier sentence's
    comparison with part of a year implies. What a sentence compares its figure with ("$1.6
    billion in 2022, a 74% fall on 2021") is that figure's base, never a period to carry."""
    for sentence in reversed(_sentences(text, *window)):
        inside = scan.within(sentence)
        named = [
            (m, _relative_to(m, scan.stated_before(m.start)))
            for m in inside
            if _role_in_sentence(m) in ("period", "timeless")
        ]
        named = [(m, p) for m, p in named if p is not None or m.role == "timeless"]
        if since and not named:
            starts = [m for m in inside if m.until_now and m.period is not None]
            if starts:
                why = f"carried from an earlier sentence: {starts[-1].why}"
                reading = _reading(starts[-1], starts[-1].period, source, confidence, why)
                return _up_to_now(reading, calendar, "counted since it up to the time of writing")
        if named:
            frames = [(m, p) for m, p in named if m.frame]
            mention, period = (frames or named)[-1]
            if mention.role == "timeless":
                why = "up to now, which names no period"
                return _reading(mention, None, source, confidence, why)
            what = "opens" if frames else "is stated in"
            why = f"carried from an earlier sentence that it {what}: {mention.why}"
            return _reading(mention, period, source, confidence, why)
        for base in inside:
            if base.role == "base" and (period := _inferred(base, calendar)):
                why = "carried: the period a year after an earlier sentence's base"
                return _reading(base, period, source, confidence - 0.1, why)
    return None


_NOTE_MARK = re.compile(r"\s*\[\s*\d+\s*\]")
"""A paragraph opening "[12]" is a note: a source's title or a remark of its own, which the
paragraphs and headings before it do not date."""


@lru_cache(maxsize=64)
def _language_of_window(text: str, window: Span, language: Language) -> Language:
    """The language ``window`` is written in when its script is not the document's: a Russian
    headline cited in an English article's note is read by the Russian rules ("в 2017 году")."""
    written = language_of(text[window[0] : window[0] + MAX_PARAGRAPH_CHARS])
    if written is None or (written == "en") == (language == "en"):
        return language
    return written


def _role_in_sentence(mention: PeriodMention) -> Role:
    """Its role in its own sentence: after a figure there ("a 74% fall on 2021"), the role it
    takes after a figure."""
    if mention.role_after_figure and not mention.frame:
        return mention.role_after_figure
    return mention.role


def _window(paragraph: Span, sentence: Span) -> Span:
    """The span scanned for a figure's periods: its paragraph, scanned once for all its
    figures; in a paragraph too long for that, a window of :data:`MAX_CONTEXT_CHARS` before
    its sentence, aligned to blocks of :data:`WINDOW_BLOCK_CHARS` so that the figures near
    each other share one scan."""
    inside = paragraph[0] <= sentence[0] and sentence[1] <= paragraph[1]
    if inside and paragraph[1] - paragraph[0] <= MAX_PARAGRAPH_CHARS:
        return paragraph
    origin = paragraph[0] if inside else sentence[0]
    block = origin + (sentence[0] - origin) // WINDOW_BLOCK_CHARS * WINDOW_BLOCK_CHARS
    end = block + WINDOW_BLOCK_CHARS + 2 * MAX_SENTENCE_CHARS
    if inside:
        end = min(end, paragraph[1])
    return max(min(paragraph[0], sentence[0]), block - MAX_CONTEXT_CHARS), max(end, sentence[1])


def read_period(
    text: str,
    figure: Span,
    sentence: Span,
    paragraph: Span,
    language: Language,
    document_date: str | None,
    *,
    heading: Span | None = None,
    before: Span | None = None,
) -> PeriodReading:
    """The period of the figure at ``figure`` in its ``sentence`` and ``paragraph``.

    The nearest own period wins: in the figure's clause (a period right after it, else one
    before it, else a later one no other figure claims), then its sentence (an English "since"
    there: from it to the time of writing), then the period a comparison with part of a year
    implies ("compared to January – May 2022" → January – May 2023), then the sentences
    before it in its paragraph, then — when ``before`` is given, the text of its section
    before its paragraph — the paragraphs before it, then its section's ``heading``. Each
    step is less sure than the one before. A rate per year, a capacity or a habit ("$3–5 bn a
    year", "they usually produce") takes no period from other sentences; a rank stated in the
    present tense holds at the time of writing. ``document_date`` completes what the text
    names from it ("in August", "last year", "now"); it never dates a figure alone.
    """
    calendar = _calendar(document_date)
    sentence = (
        max(min(sentence[0], figure[0]), figure[0] - MAX_SENTENCE_CHARS),
        min(max(sentence[1], figure[1]), figure[1] + MAX_SENTENCE_CHARS),
    )
    window = _window(paragraph, sentence)
    language = _language_of_window(text, window, language)
    if _NOTE_MARK.match(text, paragraph[0], paragraph[1]):
        before = heading = None  # a note stands alone: nothing carries into it
    scan = _scanned(text, window, language, document_date)
    context = _Figure.of(text, figure, sentence, scan)
    base = _base_of(context)
    reading = _own_period(text, context, base, window, calendar)
    if reading is None and before is not None and before[1] > before[0]:
        section = _scanned(text, before, language, document_date)
        earlier = (max(before[0], before[1] - MAX_CONTEXT_CHARS), before[1])
        since = _counts_up_to_now(text, context)
        reading = _carried(text, section, earlier, calendar, "section", 0.45, since=since)
    if reading is None and heading is not None:
        span = (heading[0], min(heading[1], heading[0] + MAX_HEADING_CHARS))
        for mention in _scanned(text, span, language, document_date).mentions:
            if mention.role == "period" and mention.period is not None:
                why = f"its section's heading: {mention.why}"
                reading = _reading(mention, mention.period, "heading", 0.4, why)
                break
    if reading is None:
        reading = _poll_date(text, context, language, document_date)
    reading = reading or _undated("no period in its clause, sentence or paragraph: undated")
    if base is not None:
        return replace(reading, base_period=_base_period(base, reading.period))
    earlier = list(scan.within((window[0], context.sentence[0])))
    if before is not None and before[1] > before[0]:
        section = _scanned(text, before, language, document_date).mentions
        earlier = [m for m in section if m.start >= before[1] - MAX_CONTEXT_CHARS] + earlier
    return replace(reading, base_period=_continued_base(earlier, reading.period))


_POLL = re.compile(
    r"\b(?:respondents?|polled|poll|polls|survey(?:ed)?|interviewed)\b"
    r"|(?<![а-яёіїєґ])(?:респондент[а-яіїє]*|опрошенн[а-я]*|опрос[а-я]*|опитан[а-яі]*"
    r"|опитуван[а-яі]*)(?![а-яёіїєґ])",
    re.IGNORECASE,
)
"""A figure of a poll: its respondents, or the poll itself, named in its sentence."""
_POLLED_WHEN = re.compile(
    r"(?:\b(?:polled|surveyed|interviewed)|\b(?:poll|survey)\s+(?:was\s+)?(?:conducted|held"
    r"|carried\s+out|taken)|(?<![а-яёіїєґ])(?:опрошенн[а-я]*|опрос[а-я]*\s+(?:был[аио]?\s+)?"
    r"(?:проведен[а-я]*|проводил[аио]?с[ья])|опитан[а-яі]*|опитуванн[яі]\s+(?:було\s+)?"
    r"(?:проведен[а-яі]*|проводил[аио]?с[яь])))(?:\s+(?:in|on|between|в|во|у))?\s*$",
    re.IGNORECASE,
)
"""When the poll was taken, written before its date: "those polled in March", "опрос был
проведен в марте", "опитування проводилося у березні"."""


def _poll_date(
    text: str, figure: _Figure, language: Language, document_date: str | None
) -> PeriodReading | None:
    """The month a poll was taken, for a result its sentence does not date: a report often
    gives the poll's headline results first and when its respondents were asked after ("33
    percent of respondents support …, a poll has revealed. Thirty-seven percent of those
    polled in March …"). Read only in the next few sentences (:data:`MAX_CONTEXT_CHARS`), and
    only for a figure whose own sentence is about a poll."""
    if not _POLL.search(text, *figure.sentence):
        return None
    after = (figure.sentence[1], min(len(text), figure.sentence[1] + MAX_CONTEXT_CHARS))
    block = after[0] // WINDOW_BLOCK_CHARS * WINDOW_BLOCK_CHARS  # the figures near share a scan
    scanned = _scan(
        text,
        block,
        min(len(text), block + WINDOW_BLOCK_CHARS + MAX_CONTEXT_CHARS),
        language,
        document_date,
    )
    for mention in scanned.within(after):
        lead = text[max(after[0], mention.start - 40) : mention.start]
        if mention.period is not None and _POLLED_WHEN.search(lead):
            why = f"the date of its poll, stated after it: {mention.why}"
            return _reading(mention, mention.period, "paragraph", 0.5, why)
    return None


def _continued_base(earlier: Sequence[PeriodMention], own: str | None) -> str | None:
    """The comparison with a year earlier that the text set up before a figure whose own
    sentence names no base: a report that compares "с тем же периодом прошлого года" goes on
    comparing so ("…увеличился на 12,4% к тому же периоду прошлого года. Но импорт прирастал
    активнее: на 22,6%"; "…grew 4.1% compared to January – May 2022. Mining recorded an
    increase of 3.8%"). Only the nearest base before it counts, and only when it names the same
    months a year before the figure's own period: another base (the month before, a named
    year) is its own figure's alone, and a figure nothing dates has none."""
    if own is None:
        return None
    year_before = _shifted(own, -1, 0)
    for mention in reversed(earlier):
        if _role_in_sentence(mention) != "base":
            continue
        base = _relative_to(mention, own)
        return base if base is not None and base == year_before else None
    return None


def _own_period(
    text: str,
    figure: _Figure,
    base: PeriodMention | None,
    window: Span,
    calendar: _Calendar,
) -> PeriodReading | None:
    """The period its sentence states or implies, else the one its paragraph carries to it."""
    if reading := _stated(figure):
        return _already(text, figure, reading, calendar)
    if (reading := _stated(figure, lambda m: m.until_now)) and reading.period:
        return _up_to_now(reading, calendar, "counted since it up to the time of writing")
    for other in [*([base] if base else []), *(m for m in figure.mentions if m.role == "base")]:
        if period := _inferred(other, calendar):
            why = "the period a year after the base its sentence compares with"
            return _reading(other, period, "sentence", 0.6, why)
    if _RATE_OR_HABIT.search(text, *figure.sentence):
        return _undated("a rate per year, a capacity or a habit: no other sentence dates it")
    if calendar.now and _is_standing(text, figure):
        why = "a rank stated in the present tense: the time of writing"
        return PeriodReading(calendar.now, None, "sentence", None, None, 0.5, why)
    sentence_start = figure.sentence[0]
    earlier = (max(window[0], sentence_start - MAX_CONTEXT_CHARS), sentence_start)
    since = _counts_up_to_now(text, figure)
    if earlier[1] > earlier[0] and (
        reading := _carried(text, figure.scan, earlier, calendar, "paragraph", 0.6, since=since)
    ):
        return reading
    return None


def _counts_up_to_now(text: str, figure: _Figure) -> bool:
    """Whether the figure's sentence counts it in the present perfect ("The regime has handed
    … more than 200 tanks"): a "since" before it then still runs."""
    return _PERFECT.search(text, figure.sentence[0], figure.span[0]) is not None


_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:(?:already|also|so\s+far|now|just|thus|since|effectively|reportedly"
    r"|repeatedly|jointly|only|even|not|never|ever)\s+)*(?:been|[a-z]+ed|paid|spent|lent|sent|lost"
    r"|sold|bought|brought|given|taken|made|grown|risen|fallen|built|won|got|gotten|seen|put|cut"
    r"|left|kept|held|shown|drawn|become|dealt|led|met|read|set|shipped|supplied)\b",
    re.IGNORECASE,
)
"""The English present perfect ("has handed", "have already paid"): what it counts runs up to
the time of writing."""
_ALREADY_PERFECT = re.compile(
    r"\b(?:has|have)\s+already\s+[a-z]+|\balready\s+(?:has|have)\s+[a-z]+", re.IGNORECASE
)
_ORDINAL_FIGURE = re.compile(
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
    r"(?![a-z])"
    r"|(?:перв|втор|трет|четв[её]рт|седьм|перш|друг|сьом)[а-яёіїєґь]{1,4}(?![а-яёіїєґ])"
    r"|(?:пят|шест|восьм|девят|десят|п['’ʼ]ят|дев['’ʼ]ят)"  # not "пять", "пяти", "восьми"
    r"(?:ый|ой|ий|ого|ому|ым|ом|им|ая|ое|ую|ої|ій|ім|а|е|у|і|я)(?![а-яёіїєґ])",
    re.IGNORECASE,
)
_STANDING = re.compile(
    r"\b(?:is|are|remains|remain|ranks|rank)\b"
    r"|(?<![а-яёіїєґ])(?:является|являются|занимает|занимают|остается|остаётся|остаются|є"
    r"|посідає|посідають|залишається|залишаються)(?![а-яёіїєґ])",
    re.IGNORECASE,
)


def _is_standing(text: str, figure: _Figure) -> bool:
    """Whether the figure is a rank ("the second largest export market") its clause states in
    the present tense ("is", "является", "є"): a standing holds at the time of writing."""
    if not _ORDINAL_FIGURE.match(text, figure.span[0], figure.span[1]):
        return False
    return _STANDING.search(text, figure.clause[0], figure.span[0]) is not None


def _point(label: str) -> tuple[int, ...]:
    """The first point of a period label, to order it: "2020-09/2021-05" → (2020, 9)."""
    return tuple(int(part) for part in label.split("/")[0].split("-"))


def _up_to_now(reading: PeriodReading, calendar: _Calendar, why: str) -> PeriodReading:
    """``reading``'s period, as the start of a span up to the time of writing; itself when the
    document's date is not after it."""
    start = reading.period
    if start is None or calendar.until is None:
        return reading
    end = calendar.until
    if _point(start)[: len(_point(end))] >= _point(end)[: len(_point(start))]:
        return reading
    return replace(reading, period=f"{start.split('/')[0]}/{end}", why=f"{reading.why}, {why}")


def _already(
    text: str, figure: _Figure, reading: PeriodReading, calendar: _Calendar
) -> PeriodReading:
    """A total an English present perfect says is "already" reached runs from the time its
    sentence states before it to the time of writing: "the draft brought from Sochi in
    September 2020, for which Russia has already paid USD 1 billion" (the perfect takes no
    past date of its own; the date is the draft's)."""
    if reading.span is None or reading.span[1] > figure.span[0]:
        return reading
    if not _ALREADY_PERFECT.search(text, reading.span[1], figure.span[0]):
        return reading
    return _up_to_now(reading, calendar, "and already reached by the time of writing")
