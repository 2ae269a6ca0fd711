"""What a numeric mention measures: its value as written, scale, unit — or why it is no value.

The scan (:func:`etl.texts.scan_mentions`) finds every number that could be a measurement; this
module reads each one the way a curator would: "$4.5 billion" is 4.5 billion USD, "54 percent"
a percentage, "more than 200 T-72A tanks" a count, "approximately 2000 Russian soldiers"
persons, "the second largest export market" a rank, "almost half of the country's GDP" a share.
Numbers that are not indicator values — a reading time, part of a name or formula, a duration,
a number word used in the argument ("three stages", "one faction") — are read as dismissals
with the reason, so the curator confirms the judgement instead of making it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.canonical import numeric_core
from etl.normalize import SCALE_WORDS
from etl.texts import Mention

__all__ = ["Reading", "read_mention"]


@dataclass(frozen=True)
class Reading:
    """A mention read as a value (``unit`` set) or as a dismissal (``dismiss`` set)."""

    value: str | None = None  # as written, without currency: "4.5 billion", "54%", "half"
    unit: str | None = None
    confidence: float = 0.0
    dismiss: str | None = None  # the reason, when the mention is not an indicator value
    why: str = ""  # how the unit was read, for the curator


_CURRENCY_SIGNS = {
    "US$": "USD",
    "$": "USD",
    "USD": "USD",
    "€": "EUR",
    "EUR": "EUR",
    "₽": "RUB",
    "RUB": "RUB",
}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "долл": "USD",
    "euro": "EUR",
    "евро": "EUR",
    "rubl": "RUB",
    "roubl": "RUB",
    "руб": "RUB",
}
_PERCENT = re.compile(r"(?i)\s?%|\s(?:percent|per cent|процент\w*)")
_TONNES = re.compile(r"(?i)\b(?:tonnes|tons|тонн\w*|т\.)")
_PERSONS = [
    "people",
    "persons",
    "men",
    "women",
    "soldiers",
    "troops",
    "servicemen",
    "personnel",
    "officers",
    "workers",
    "employees",
    "refugees",
    "migrants",
    "prisoners",
    "residents",
    "citizens",
    "students",
    "staff",
    "diplomats",
    "civilians",
    "человек",
    "солдат",
    "военнослужащих",
]
_THINGS = [
    "tanks",
    "vehicles",
    "aircraft",
    "units",
    "deputies",
    "seats",
    "votes",
    "members",
    "mps",
    "companies",
    "firms",
    "enterprises",
    "cases",
    "projects",
    "agreements",
    "candidates",
    "parties",
    "trucks",
    "weapons",
]
_TIME_UNITS = re.compile(
    r"(?i)^[\s-]*(?:years?|months?|weeks?|days?|hours?|decades?|centuries|century)\b"
)
_READING_TIME = re.compile(r"(?i)^\s?(?:m\.|min\b|mins\b|minutes? read)")
_FORMULA = re.compile(r"^\s?\+|\+\s?$")
_RANK_AFTER = re.compile(
    r"(?i)^\s+(?:largest|biggest|most important|main|leading|export market|trading partner"
    r"|market)\b"
)
_SHARE_AFTER = re.compile(
    r"(?i)^\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,2}"
    r"(?:gdp|exports?|imports?|trade|market|debt|budget|output|population)"
)
_COUNT_AFTER = re.compile(r"(?i)^\s+(?:[\"“'’]?[\w-]+[\"”'’]?\s+){0,2}(\w+)")
_OUT_OF = re.compile(r"(?i)^\s+out of\s+(?:the\s+)?[\d,]+\s+(?:[\w-]+\s+)?(\w+)")

_NUMBER_WORD_VALUES = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "thousand",
        "million",
        "billion",
        "half",
        "quarter",
        "dozen",
    ]
)


def read_mention(mention: Mention, canonical: str) -> Reading:
    """Read one scan mention in its text: a value with unit, or a dismissal with its reason."""
    after = canonical[mention.end : mention.end + 80]
    before = canonical[max(0, mention.start - 40) : mention.start]
    if mention.kind == "number word":
        return _read_word(mention, before, after)
    text = mention.text
    core = numeric_core(text)
    scale = _scale(text)
    value = f"{core} {scale}" if scale else core
    for sign, code in _CURRENCY_SIGNS.items():
        if text.startswith(sign):
            return Reading(value, code, 0.9, why=f"currency sign {sign!r}")
    if _PERCENT.search(text):
        return Reading(f"{core}%", "percent", 0.9, why="percent sign or word")
    lowered = text.lower()
    for stem, code in _CURRENCY_WORDS.items():
        if stem in lowered[len(core) :]:
            return Reading(value, code, 0.85, why=f"currency word {stem!r}")
    if _TONNES.search(text[len(core) :]):
        return Reading(value, "tonnes", 0.85, why="tonnes")
    if _READING_TIME.match(after):
        return Reading(dismiss="a reading time (page furniture), not a measurement")
    if _FORMULA.match(after) or _FORMULA.search(before):
        return Reading(dismiss="part of a formula or a name, not a measurement")
    if _TIME_UNITS.match(after):
        return Reading(dismiss="a duration in the narrative, not an indicator value")
    name = _name_before(before)
    if name and not scale:
        return Reading(dismiss=f"part of a name ({name} {core}), not a measurement")
    unit, why = _count_unit(after)
    if unit:
        return Reading(value, unit, 0.75, why=why)
    return Reading(value, "count", 0.4, why="a bare number: no currency, percent or noun")


def _name_before(before: str) -> str | None:
    """A capitalised word right before the number that does not open a sentence: "Stream 2"."""
    words = before.split()
    if len(words) < 2 or not before.endswith(" "):
        return None
    last, previous = words[-1], words[-2]
    if not (last.isalpha() and last[:1].isupper()) or previous.endswith((".", "!", "?", '"', ":")):
        return None
    return last


_SCALE_ALIASES = {"bln": "billion", "mn": "million", "тыс": "thousand", "трлн": "trillion"}
"""Scale words the scan finds that the ETL's reader (SCALE_WORDS) does not: written out."""


def _scale(text: str) -> str | None:
    """The scale word as the ETL reads it: as written when SCALE_WORDS knows it ("billion",
    "bn", "млн"), else its full form."""
    for word in re.findall(r"[^\W\d_]+\.?", text.lower()):
        word = word.rstrip(".")
        if word in SCALE_WORDS and len(word) > 1:
            return word
        if word in _SCALE_ALIASES:
            return _SCALE_ALIASES[word]
    return None


def _count_unit(after: str) -> tuple[str | None, str]:
    """Persons or things counted by the noun after a number ("2000 Russian soldiers")."""
    out_of = _OUT_OF.match(after)
    if out_of:
        after = " " + out_of.group(1)
    words = re.findall(r"[^\W\d_]+", after.lower())[:3]
    for word in words:
        if word in _PERSONS:
            return "persons", f"counts {word}"
        if word in _THINGS or (word.endswith("s") and word[:-1] in _THINGS):
            return "count", f"counts {word}"
    return None, ""


def _read_word(mention: Mention, before: str, after: str) -> Reading:
    word = mention.core
    if _RANK_AFTER.match(after):
        return Reading(word, "rank", 0.8, why=f"a rank ({word} largest)")
    if word in ("half", "quarter") and _SHARE_AFTER.match(after):
        return Reading(word, "percent", 0.7, why=f"a share ({word} of ...)")
    lowered = after.lower()
    for stem, code in _CURRENCY_WORDS.items():
        if re.match(rf"\s+{stem}", lowered):
            return Reading(word, code, 0.8, why=f"currency word {stem!r}")
    if word in _NUMBER_WORD_VALUES:
        if _TIME_UNITS.match(after):
            return Reading(dismiss="a duration in the narrative, not an indicator value")
        unit, why = _count_unit(after)
        if unit:
            return Reading(word, unit, 0.55, why=why)
    if mention.text[:1].isupper():
        return Reading(
            dismiss="a number word opening a sentence or name: an enumeration of the argument"
        )
    return Reading(
        dismiss="a number word without a unit: rhetoric or a count of the argument's items, "
        "not an indicator value"
    )
