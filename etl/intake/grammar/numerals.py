"""How a number is written in English, Russian and Ukrainian: digits, words, scales, fractions.

One reader for the intake and the ETL: the intake finds a figure in a sentence and writes it
down as ``value_text`` ("195,6 млн", "1607 млн", "3/4"); the ETL reads that text back
(``etl.normalize.parse_value``). Both read it with the rules here, so what one writes the other
reads the same way.

The rules are the languages' own:

* **Separators.** English groups thousands with a comma and marks decimals with a point
  ("2,172.9"); a comma followed by anything but exactly three digits is a decimal comma
  ("1,5"). Russian and Ukrainian mark decimals with a comma, always ("19,407" is nineteen and
  a bit), and group thousands with a space of any width ("21 014"). Where a comma and a point
  both appear, the last one is the decimal mark ("1.234,5" is the rarer point-grouped form).
* **Scale words** multiply the number before them, abbreviated or not, in every grammatical
  case: "тыс.", "тысячи", "тис.", "млн", "мільйонів", "bn", "trillion".
* **Cardinals in words** combine as each language combines them: "two hundred and five",
  "двадцать пять миллионов", "п'ятдесятьох"; every case form of a Russian or Ukrainian
  cardinal is listed, because a case changes the word, never the number.
* **Other number words** name a number too: multipliers ("втричі", "quadrupled", "вдвое"),
  fractions ("треть", "three quarters", "½"), ordinals ("третьему", "second"), adjectives
  built on a cardinal ("пятимиллиардный", "двухпроцентный") and half a scale
  ("полмиллиона").

What the words around a number make of it — its unit, or that it is a year — is
:mod:`etl.intake.grammar.quantities`'s to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from etl.intake.grammar.language import Language

__all__ = [
    "CARDINALS",
    "EN_ORDINALS",
    "FRACTION_WORDS",
    "GROUP_SPACES",
    "ORDINAL_FRACTIONS",
    "SCALE",
    "SCALE_ABBREVIATIONS",
    "SCALE_FACTORS",
    "TWICE",
    "VULGAR_FRACTIONS",
    "WordNumeral",
    "fraction_value",
    "half_scale",
    "multiplier_word",
    "number_adjective",
    "ordinal_value",
    "plain_digits",
    "read_digits",
    "scale_of",
    "word_key",
    "word_numeral",
    "written_scale",
]

GROUP_SPACES = " \u00a0\u2009\u202f"
"""Spaces that group thousands: plain, no-break, thin and narrow no-break."""

_SPACE_GROUPED = re.compile(rf"\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+(?:[.,]\d+)?")
_PLAIN = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+")
_THOUSANDS_POINT = re.compile(r"\d{1,3}(?:\.\d{3})+")


def read_digits(written: str, language: Language | None) -> Decimal | None:
    """The number that ``written`` (digits and separators only) denotes in ``language``.

    None when its separators make no number in that language: "1,23,456" (groups of three or
    nothing), "1.2.3". ``language`` None reads as English, the language the ETL's first
    documents are in.
    """
    plain = plain_digits(written, language)
    if plain is None:
        return None
    try:
        return Decimal(plain)
    except InvalidOperation:  # pragma: no cover - plain_digits returns digits and one point
        return None


def plain_digits(written: str, language: Language | None) -> str | None:
    """``written`` without group separators and with a decimal point: "2,172.9" → "2172.9",
    "19,407" (ru) → "19.407", "21 014" → "21014". None when it is no number (see
    :func:`read_digits`); the decimal places are kept as written, which is what the ETL's
    rounding rests on ("4.50" has two)."""
    if any(space in written for space in GROUP_SPACES):
        if not _SPACE_GROUPED.fullmatch(written):
            return None
        for space in GROUP_SPACES:
            written = written.replace(space, "")
        return _one_mark(written, language)
    if not _PLAIN.fullmatch(written):
        return None
    return _one_mark(written, language)


def _one_mark(written: str, language: Language | None) -> str | None:
    """Digits with at most one group separator kind and one decimal mark, made plain."""
    commas, points = written.count(","), written.count(".")
    if commas and points:
        decimal_mark = "," if written.rfind(",") > written.rfind(".") else "."
        group = "." if decimal_mark == "," else ","
        integer, _, fraction = written.rpartition(decimal_mark)
        grouped = _THOUSANDS_POINT if group == "." else _THOUSANDS_COMMA
        if decimal_mark in integer or not grouped.fullmatch(integer):
            return None
        return f"{integer.replace(group, '')}.{fraction}"
    if points:
        if points == 1:
            return written
        return written.replace(".", "") if _THOUSANDS_POINT.fullmatch(written) else None
    if not commas:
        return written
    if commas > 1:
        return written.replace(",", "") if _THOUSANDS_COMMA.fullmatch(written) else None
    if language in ("ru", "uk"):
        return written.replace(",", ".")  # a comma is always decimal in Russian and Ukrainian
    if _THOUSANDS_COMMA.fullmatch(written):
        return written.replace(",", "")
    return written.replace(",", ".")  # "1,5": no group of three, so a decimal comma


# --------------------------------------------------------------------------------------------
# Scale words
# --------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """The words of a space-separated list (tables of words read best written as prose)."""
    return text.split()


def _expand(spec: str) -> list[str]:
    """Word forms from a compact spec: "миллион|,а,ов" is a stem and its endings; a spec
    without "|" is one word. Several specs are separated by spaces."""
    forms: list[str] = []
    for item in spec.split():
        stem, bar, endings = item.partition("|")
        forms += [stem + ending for ending in endings.split(",")] if bar else [stem]
    return forms


_RU_NOUN = ",а,ов,ы,у,ом,ам,ами,ах,е"
_UK_NOUN = ",а,ів,и,у,ом,ам,ами,ах,і"
_SCALE_WORDS: dict[Language, dict[int, str]] = {
    "en": {10**3: "thousand", 10**6: "million", 10**9: "billion", 10**12: "trillion"},
    "ru": {
        10**3: "тысяч|а,и,,у,ей,ью,ам,ами,ах,е",
        10**6: f"миллион|{_RU_NOUN}",
        10**9: f"миллиард|{_RU_NOUN}",
        10**12: f"триллион|{_RU_NOUN}",
    },
    "uk": {
        10**3: "тисяч|а,і,,у,ею,ам,ами,ах",
        10**6: f"мільйон|{_UK_NOUN}",
        10**9: f"мільярд|{_UK_NOUN}",
        10**12: f"трильйон|{_UK_NOUN}",
    },
}
"""Each language's scale words, spelled out, in every case."""
_SCALE_SHORT: dict[int, str] = {
    10**3: "k тыс тис",
    10**6: "mln mn m млн",
    10**9: "bn bln b млрд",
    10**12: "tn trn трлн",
}
"""The abbreviations, written with or without a dot; "k", "m", "b" only right after an amount
of money ("$12m"), which the reader of a sentence decides."""
SCALE_FACTORS: dict[str, int] = {
    form: factor
    for specs in (*_SCALE_WORDS.values(), _SCALE_SHORT)
    for factor, spec in specs.items()
    for form in _expand(spec)
}
"""Every written form of a scale word, lower case and without its abbreviation dot."""
SCALE_ABBREVIATIONS: dict[str, dict[int, str]] = {
    "en": {10**3: "thousand", 10**6: "million", 10**9: "billion", 10**12: "trillion"},
    "ru": {10**3: "тыс.", 10**6: "млн", 10**9: "млрд", 10**12: "трлн"},
    "uk": {10**3: "тис.", 10**6: "млн", 10**9: "млрд", 10**12: "трлн"},
}
"""How each language writes a scale in a curated value: the usual abbreviation (English spells
its scale words out)."""
_ONE_LETTER = frozenset({"k", "m", "b"})


def scale_of(word: str) -> int | None:
    """The factor of a scale word as written ("млрд.", "Billion", "тисячі"), or None."""
    return SCALE_FACTORS.get(word.lower().removesuffix("."))


def written_scale(word: str, factor: int, language: Language | None) -> str:
    """The scale word to write in a curated value: as written when it is a word the reader
    knows, the language's abbreviation for an abbreviation or a one-letter form ("$12m" →
    "million", "млн." → "млн")."""
    bare = word.removesuffix(".").lower()
    abbreviations = SCALE_ABBREVIATIONS[language or "en"]
    if len(bare) <= 4 or bare in _ONE_LETTER:
        return abbreviations[factor]
    return bare


# --------------------------------------------------------------------------------------------
# Cardinals in words
# --------------------------------------------------------------------------------------------

UNIT, TEN, HUNDRED, HUNDRED_WORD, SCALE = "unit", "ten", "hundred", "hundred word", "scale"
"""The places a cardinal word fills: 1–19, the tens, the hundreds (Russian "двести", one word),
English "hundred" (which multiplies what stands before it), and the scale words."""

_EN_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_EN_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")

_RU_CARDINALS: dict[int, str] = {
    0: "ноль нуль ноля нуля нолю нулю нолем нулем",
    1: "один одна одно одного одной одному одним одном одну одною",
    2: "два две двух двум двумя",
    3: "три трех трёх трем трём тремя",
    4: "четыре четырех четырёх четырем четырём четырьмя",
    5: "пять пяти пятью",
    6: "шесть шести шестью",
    7: "семь семи",  # "семью" is also "family"
    8: "восемь восьми восемью восьмью",
    9: "девять девяти девятью",
    10: "десять десяти десятью",
    11: "одиннадцат|ь,и,ью",
    12: "двенадцат|ь,и,ью",
    13: "тринадцат|ь,и,ью",
    14: "четырнадцат|ь,и,ью",
    15: "пятнадцат|ь,и,ью",
    16: "шестнадцат|ь,и,ью",
    17: "семнадцат|ь,и,ью",
    18: "восемнадцат|ь,и,ью",
    19: "девятнадцат|ь,и,ью",
    20: "двадцат|ь,и,ью",
    30: "тридцат|ь,и,ью",
    40: "сорок сорока",
    50: "пятьдесят пятидесяти пятьюдесятью",
    60: "шестьдесят шестидесяти шестьюдесятью",
    70: "семьдесят семидесяти семьюдесятью",
    80: "восемьдесят восьмидесяти восемьюдесятью восьмьюдесятью",
    90: "девяносто девяноста",
    100: "сто ста",
    200: "двести двухсот двумстам двумястами двухстах",
    300: "триста трехсот трёхсот тремстам тремястами трехстах трёхстах",
    400: "четыреста четырехсот четырёхсот четыремстам четырьмястами четырехстах четырёхстах",
    500: "пятьсот пятисот пятистам пятьюстами пятистах",
    600: "шестьсот шестисот шестистам шестьюстами шестистах",
    700: "семьсот семисот семистам семьюстами семистах",
    800: "восемьсот восьмисот восьмистам восемьюстами восьмьюстами восьмистах",
    900: "девятьсот девятисот девятистам девятьюстами девятистах",
}
_UK_CARDINALS: dict[int, str] = {
    0: "нуль нуля нулю нулем",
    1: "один одна одне одно одного одної одному одній одним одну одною",
    2: "два дві двох двом двома",
    3: "три трьох трьом трьома",
    4: "чотири чотирьох чотирьом чотирма",
    5: "п'ять п'яти п'ятьох п'ятьом п'ятьма",
    6: "шість шести шістьох шістьом шістьма",
    7: "сім семи сімох сімом сімома",  # "сьома" is also "the seventh"
    8: "вісім восьми вісьмох вісьмом вісьмома",
    9: "дев'ять дев'яти дев'ятьох дев'ятьом дев'ятьма",
    10: "десять десяти десятьох десятьом десятьма",
    11: "одинадцят|ь,и,ьох,ьом,ьма",
    12: "дванадцят|ь,и,ьох,ьом,ьма",
    13: "тринадцят|ь,и,ьох,ьом,ьма",
    14: "чотирнадцят|ь,и,ьох,ьом,ьма",
    15: "п'ятнадцят|ь,и,ьох,ьом,ьма",
    16: "шістнадцят|ь,и,ьох,ьом,ьма",
    17: "сімнадцят|ь,и,ьох,ьом,ьма",
    18: "вісімнадцят|ь,и,ьох,ьом,ьма",
    19: "дев'ятнадцят|ь,и,ьох,ьом,ьма",
    20: "двадцят|ь,и,ьох,ьом,ьма",
    30: "тридцят|ь,и,ьох,ьом,ьма",
    40: "сорок сорока",
    50: "п'ятдесят п'ятдесяти п'ятдесятьох п'ятдесятьом п'ятдесятьма",
    60: "шістдесят шістдесяти шістдесятьох шістдесятьом шістдесятьма",
    70: "сімдесят сімдесяти сімдесятьох сімдесятьом сімдесятьма",
    80: "вісімдесят вісімдесяти вісімдесятьох вісімдесятьом вісімдесятьма",
    90: "дев'яносто дев'яноста",
    100: "сто ста",
    200: "двісті двохсот двомстам двомастами двохстах",
    300: "триста трьохсот трьомстам трьомастами трьохстах",
    400: "чотириста чотирьохсот чотирьомстам чотирмастами чотирьохстах",
    500: "п'ятсот п'ятисот п'ятистам п'ятьмастами п'ятистах",
    600: "шістсот шестисот шестистам шістьмастами шестистах",
    700: "сімсот семисот семистам сьомастами семистах",
    800: "вісімсот восьмисот восьмистам вісьмастами восьмистах",
    900: "дев'ятсот дев'ятисот дев'ятистам дев'ятьмастами дев'ятистах",
}


def _place(value: int) -> str:
    if value >= 100:
        return HUNDRED
    return TEN if value >= 20 else UNIT


def _cardinal_table() -> dict[Language, dict[str, tuple[Decimal, str]]]:
    tables: dict[Language, dict[str, tuple[Decimal, str]]] = {"en": {}, "ru": {}, "uk": {}}
    for value, word in enumerate(_EN_UNITS):
        tables["en"][word] = (Decimal(value), UNIT)
    for index, word in enumerate(_EN_TENS):
        tables["en"][word] = (Decimal(20 + 10 * index), TEN)
    tables["en"]["hundred"] = (Decimal(100), HUNDRED_WORD)
    for language, cardinals in (("ru", _RU_CARDINALS), ("uk", _UK_CARDINALS)):
        for value, spec in cardinals.items():
            for form in _expand(spec):
                tables[language][form] = (Decimal(value), _place(value))
        tables[language].update(
            {"полтора": (Decimal("1.5"), UNIT), "полторы": (Decimal("1.5"), UNIT)}
            if language == "ru"
            else {"півтора": (Decimal("1.5"), UNIT), "півтори": (Decimal("1.5"), UNIT)}
        )
    for language, scales in _SCALE_WORDS.items():
        for factor, spec in scales.items():
            for form in _expand(spec):
                tables[language][form] = (Decimal(factor), SCALE)
    return tables


CARDINALS: dict[Language, dict[str, tuple[Decimal, str]]] = _cardinal_table()
"""Each language's cardinal words (every case form), lower case, apostrophes written "'":
word → (value, place)."""

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})


def word_key(word: str) -> str:
    """A word as the tables spell it: lower case, "ё" kept, every apostrophe a plain "'"."""
    return word.lower().translate(_APOSTROPHES)


@dataclass(frozen=True)
class WordNumeral:
    """A cardinal written in words, read: its value before its last scale word, that scale,
    and how many of the words it took."""

    number: Decimal
    scale: int
    words: int


def word_numeral(words: list[str], language: Language) -> WordNumeral | None:
    """The cardinal the first of ``words`` starts, read as far as the words combine.

    "two hundred and five" is 205; "двадцать пять миллионов триста тысяч" is 25 300 thousand
    (the smallest scale word the value is a whole multiple of); "пять двадцать" stops after
    "пять", because a ten never follows a unit. ``words`` are bare words in text order
    ("and"/"и"/"і" between them included); None when the first is no cardinal.
    """
    table = CARDINALS[language]
    total = Decimal(0)
    group = Decimal(0)
    group_places: list[str] = []
    scales: list[int] = []
    used = 0
    consumed = 0
    for index, raw in enumerate(words):
        key = word_key(raw)
        if key in ("and", "и", "і", "й") and group_places and index + 1 < len(words):
            continue  # "two hundred and five": the "and" joins, it adds nothing
        entry = table.get(key)
        if entry is None:
            break
        value, place = entry
        if place == SCALE:
            if scales and int(value) >= scales[-1]:
                break  # "тысяча миллионов" is no compound: a larger scale ends the number
            total += (group or Decimal(1)) * value
            scales.append(int(value))
            group, group_places = Decimal(0), []
        elif place == HUNDRED_WORD:
            if not group_places or group >= 100:
                break
            group *= 100
            group_places.append(HUNDRED)
        else:
            if not _may_follow(group_places, place, group):
                break
            group += value
            group_places.append(place)
        used += 1
        consumed = index + 1
    if not used:
        return None
    total += group
    scale = next((s for s in reversed(scales) if total % s == 0), 1)
    return WordNumeral(total / scale, scale, consumed)


def _may_follow(places: list[str], place: str, group: Decimal) -> bool:
    """Whether a word of ``place`` may continue a group: hundreds, then tens, then units."""
    if not places:
        return True
    last = places[-1]
    if last == HUNDRED:
        return place in (TEN, UNIT)
    return last == TEN and place == UNIT and group % 10 == 0


# --------------------------------------------------------------------------------------------
# Fractions
# --------------------------------------------------------------------------------------------

VULGAR_FRACTIONS: dict[str, tuple[int, int]] = {
    "½": (1, 2),
    "⅓": (1, 3),
    "⅔": (2, 3),
    "¼": (1, 4),
    "¾": (3, 4),
    "⅕": (1, 5),
    "⅖": (2, 5),
    "⅗": (3, 5),
    "⅘": (4, 5),
    "⅙": (1, 6),
    "⅚": (5, 6),
    "⅛": (1, 8),
    "⅜": (3, 8),
    "⅝": (5, 8),
    "⅞": (7, 8),
}


def fraction_value(numerator: int, denominator: int) -> Decimal:
    """The value of a fraction, exact where a decimal can be (3/4 → 0.75)."""
    return Decimal(numerator) / Decimal(denominator)


# --------------------------------------------------------------------------------------------
# Multipliers, fractions and ordinals in words; adjectives built on numbers
# --------------------------------------------------------------------------------------------

_EN_MULTIPLIERS = {
    "twofold": 2,
    "threefold": 3,
    "fourfold": 4,
    "fivefold": 5,
    "sixfold": 6,
    "sevenfold": 7,
    "eightfold": 8,
    "ninefold": 9,
    "tenfold": 10,
    "hundredfold": 100,
}
_VERB_MULTIPLIERS = re.compile(
    r"(?i)(?:doubl|tripl|quadrupl|quintupl)(?:ed|es|ing)"
    r"|(?:удво|утро|учетвер|подво|потро|почетвер)[^\W\d_]*"
)
_VERB_FACTORS = {
    "doubl": 2,
    "tripl": 3,
    "quadrupl": 4,
    "quintupl": 5,
    "удво": 2,
    "утро": 3,
    "учетвер": 4,
    "подво": 2,
    "потро": 3,
    "почетвер": 4,
}
_ADVERB_MULTIPLIERS = {
    "вдвое": 2,
    "втрое": 3,
    "вчетверо": 4,
    "впятеро": 5,
    "вшестеро": 6,
    "всемеро": 7,
    "ввосьмеро": 8,
    "вдевятеро": 9,
    "вдесятеро": 10,
    "вдвічі": 2,
    "удвічі": 2,
    "втричі": 3,
    "утричі": 3,
    "учетверо": 4,
    "вп'ятеро": 5,
    "уп'ятеро": 5,
    "ушестеро": 6,
    "усемеро": 7,
    "увосьмеро": 8,
    "удесятеро": 10,
}
TWICE = {"twice": 2, "thrice": 3}
"""English words for twice and thrice: multipliers before a comparative, else how often."""

FRACTION_WORDS: dict[str, tuple[int, int]] = {
    form: fraction
    for spec, fraction in (
        ("half halves половин|а,ы,е,у,ой,ою,и,і", (1, 2)),
        ("third thirds треть трети третин|а,и,і,у,ою", (1, 3)),
        ("quarter quarters четверть четверти четвертью чверть чверті чвертю", (1, 4)),
        ("fifth fifths", (1, 5)),
        ("tenth tenths", (1, 10)),
    )
    for form in _expand(spec)
}
"""Fractions in words: the noun names the denominator ("a third", "две трети", "три чверті")."""
ORDINAL_FRACTIONS = frozenset(
    {"third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"}
)
"""Fraction words that are also ordinals or periods: a fraction only after "a", "one" or a
cardinal, or before "of" ("a third of exports"; "the third round" is an ordinal)."""
EN_ORDINALS = _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth"
)
_ORDINAL_TENS = (20, 30, 40, 50, 60, 70, 80, 90, 100, 1000)
_EN_ORDINAL_VALUES = dict(zip(EN_ORDINALS, (*range(1, 21), *_ORDINAL_TENS[1:]), strict=True))
_RU_ORDINAL_VALUES = dict(
    zip(
        _words(
            "перв втор трет четверт пят шест седьм восьм девят десят одиннадцат двенадцат "
            "тринадцат четырнадцат пятнадцат шестнадцат семнадцат восемнадцат девятнадцат "
            "двадцат тридцат сороков пятидесят шестидесят семидесят восьмидесят девяност сот "
            "тысячн"
        ),
        (*range(1, 20), *_ORDINAL_TENS),
        strict=True,
    )
)
_UK_ORDINAL_VALUES = dict(
    zip(
        _words(
            "перш трет четверт п'ят шост сьом восьм дев'ят десят одинадцят дванадцят "
            "тринадцят чотирнадцят п'ятнадцят шістнадцят сімнадцят вісімнадцят дев'ятнадцят "
            "двадцят тридцят сороков п'ятдесят шістдесят сімдесят вісімдесят дев'яност сот "
            "тисячн"
        ),
        (1, *range(3, 20), *_ORDINAL_TENS),
        strict=True,
    )
)


def _longest_first(stems: dict[str, int]) -> dict[str, int]:
    return dict(sorted(stems.items(), key=lambda item: -len(item[0])))


_RU_ORDINAL_VALUES = _longest_first({**_RU_ORDINAL_VALUES, "четвёрт": 4})
_UK_ORDINAL_VALUES = _longest_first(_UK_ORDINAL_VALUES)
_RU_ORDINAL = re.compile(
    rf"(?:{'|'.join(_RU_ORDINAL_VALUES)})"
    r"(?:ый|ой|ий|ая|яя|ое|ее|ого|его|ому|ему|ом|ем|ую|юю|ые|ие|ых|их|ым|им|ыми|ими|ья|ье|ьего"
    r"|ьей|ьему|ьем|ью|ьи|ьих|ьим|ьими)"
)
_UK_ORDINAL = re.compile(
    rf"(?:{'|'.join(_UK_ORDINAL_VALUES)})"
    r"(?:ий|ій|а|я|е|є|ого|ього|ої|ьої|ому|ьому|ім|им|у|ю|ою|ьою|і|их|іх|ими|іми)"
)
"""Russian and Ukrainian ordinals in every form. Ukrainian "другий" is left out: it means
"other" as often as "second"."""

_ADJECTIVE_STEMS: dict[Language, dict[str, int]] = {
    "ru": {
        "одно": 1, "дву": 2, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4,
        "пяти": 5, "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10,
        "одиннадцати": 11, "двенадцати": 12, "пятнадцати": 15, "двадцати": 20,
        "тридцати": 30, "сорока": 40, "пятидесяти": 50, "шестидесяти": 60,
        "семидесяти": 70, "восьмидесяти": 80, "девяноста": 90, "сто": 100,
    },
    "uk": {
        "одно": 1, "дво": 2, "двох": 2, "три": 3, "трьох": 3, "чотири": 4, "чотирьох": 4,
        "п'яти": 5, "шести": 6, "семи": 7, "восьми": 8, "дев'яти": 9, "десяти": 10,
        "одинадцяти": 11, "дванадцяти": 12, "п'ятнадцяти": 15, "двадцяти": 20,
        "тридцяти": 30, "сорока": 40, "п'ятдесяти": 50, "шістдесяти": 60,
        "сімдесяти": 70, "вісімдесяти": 80, "дев'яноста": 90, "сто": 100,
    },
    "en": {},
}  # fmt: skip
_ADJECTIVE_STEMS = {language: _longest_first(stems) for language, stems in _ADJECTIVE_STEMS.items()}
"""How a cardinal combines into an adjective ("пяти-миллиардный", "дво-відсотковий"), longest
first ("двух" before "дву")."""
_ADJECTIVE_HEADS: list[tuple[str, str, int]] = [
    ("миллиардн", "scale", 10**9),
    ("миллионн", "scale", 10**6),
    ("триллионн", "scale", 10**12),
    ("мільярдн", "scale", 10**9),
    ("мільйонн", "scale", 10**6),
    ("трильйонн", "scale", 10**12),
    ("процентн", "percent", 1),
    ("відсотков", "percent", 1),
    ("кратн", "multiplier", 1),
    ("разов", "multiplier", 1),
    ("летн", "duration", 1),
    ("годичн", "duration", 1),
    ("месячн", "duration", 1),
    ("дневн", "duration", 1),
    ("недельн", "duration", 1),
    ("річн", "duration", 1),
    ("місячн", "duration", 1),
    ("денн", "duration", 1),
    ("тижнев", "duration", 1),
]
"""What an adjective built on a number measures: "пятимиллиардный" five billion,
"двухпроцентный" two percent, "трехкратный" threefold, "пятилетний" a duration."""
_ADJECTIVE_KINDS = {head: (kind, factor) for head, kind, factor in _ADJECTIVE_HEADS}
_ADJECTIVE = {
    language: re.compile(
        f"(?P<stem>{'|'.join(map(re.escape, stems))})"
        f"(?P<head>{'|'.join(map(re.escape, _ADJECTIVE_KINDS))})"
    )
    for language, stems in _ADJECTIVE_STEMS.items()
    if stems
}
"""One pattern per language: a number's combining stem, then what it measures."""

_HALF_SCALE = re.compile(
    r"(?:пол|пів)(?P<scale>миллиона|миллиарда|триллиона|мільйона|мільярда|трильйона)"
)
"""Half a scale in one word: "полмиллиона", "півмільярда"."""


def multiplier_word(key: str, language: Language) -> int | None:
    """The factor a multiplier word names: "втричі", "вдвое", "quadrupled", "fivefold",
    "удвоился", "twice"; each language's words in that language only. ``key`` is the word as
    :func:`word_key` spells it."""
    if key in _ADVERB_MULTIPLIERS and language != "en":
        return _ADVERB_MULTIPLIERS[key]
    if language == "en" and key in _EN_MULTIPLIERS:
        return _EN_MULTIPLIERS[key]
    if language == "en" and key in TWICE:
        return TWICE[key]
    if _VERB_MULTIPLIERS.fullmatch(key):
        return next(v for stem, v in _VERB_FACTORS.items() if key.startswith(stem))
    return None


def ordinal_value(key: str, language: Language) -> int | None:
    """The number an ordinal word stands for ("second" 2, "третьему" 3, "п'ятий" 5), or None
    when ``key`` is no ordinal of ``language``."""
    if language == "en":
        return _EN_ORDINAL_VALUES.get(key)
    pattern, stems = (
        (_RU_ORDINAL, _RU_ORDINAL_VALUES) if language == "ru" else (_UK_ORDINAL, _UK_ORDINAL_VALUES)
    )
    if pattern.fullmatch(key) is None:
        return None
    return next((value for stem, value in stems.items() if key.startswith(stem)), 0)


def number_adjective(key: str, language: Language) -> tuple[int, str, int] | None:
    """An adjective built on a number, read: ("пятимиллиардный") → (5, "scale", 10**9);
    ("двухпроцентный") → (2, "percent", 1); "трехкратный" a multiplier, "пятилетний" a
    duration. None when ``key`` is none."""
    pattern = _ADJECTIVE.get(language)
    found = pattern.match(key) if pattern else None
    if found is None:
        return None
    kind, factor = _ADJECTIVE_KINDS[found.group("head")]
    return _ADJECTIVE_STEMS[language][found.group("stem")], kind, factor


def half_scale(key: str) -> int | None:
    """The scale of "полмиллиона", "півмільярда" (half of it), or None."""
    found = _HALF_SCALE.fullmatch(key)
    return scale_of(found.group("scale")) if found else None
