"""Turn numbers and periods as written ("4.5 billion", "February 2022") into base units and labels.

Curators transcribe what the document says; this module is the one place that decides what that
text means as a number or a time span, so the rules are stated once and property-tested.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache

from etl.intake.grammar.language import Language
from etl.intake.grammar.numerals import plain_digits, scale_of

SCALE_WORDS: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "млн": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "млрд": 10**9,
    "trillion": 10**12,
}

NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
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
    "twenty": 20,
}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
}

FRACTION_WORDS: dict[str, Decimal] = {
    "half": Decimal("0.5"),
    "third": Decimal(1) / Decimal(3),
    "quarter": Decimal("0.25"),
}

CURRENCY_PREFIXES = ("$", "€", "£", "₽", "₴", "USD", "EUR", "RUB", "BYN", "BYR", "UAH", "US$", "Br")

MONTH_PATTERN = "|".join(calendar.month_name[1:])
"""The English month names as a regular-expression alternation ("January|February|...")."""

MONTH_NAMES: dict[str, int] = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}


class NormalizationError(ValueError):
    """A value or period the ETL cannot read; the message says what was expected."""


class ValueTooLarge(NormalizationError):
    """A figure whose value, with its scale word, is beyond what a float can hold (about 1.8e308):
    every computation on it (intervals, sums, ratios) would give inf or nan."""


@dataclass(frozen=True)
class ParsedValue:
    """A written number in base units, with the half-width its written precision implies.

    ``rounding`` is half a unit of the last written digit ("4.5 billion" → 0.05 billion), which is
    what consistency checks may forgive; word numbers ("five") are exact.
    """

    value: float
    rounding: float


def parse_value(text: str, unit: str, language: str | None = None) -> ParsedValue:
    """Read a figure as written ("4.5 billion", "30,000", "74%", "five", "600 млн", "half",
    "19,407 млрд", "190 тыс.", "3/4").

    ``language`` is the document's ("en", "ru", "uk"; None for English): it decides what a comma
    means, by :func:`etl.intake.grammar.numerals.read_digits`, the reader the intake writes
    its values with — in Russian and Ukrainian a comma is always decimal ("19,407" is 19.407),
    in English it groups thousands when exactly three digits follow ("30,000"). Fractions
    written as words ("half") or as "3/4" are fractions of a whole; for a percent unit they
    become percent points (half → 50), because shares are stored in percent points.
    """
    if not isinstance(text, str) or not text.strip():
        raise NormalizationError(
            "empty value; write the figure as the document does, e.g. '4.5 billion'"
        )
    cleaned = text.strip()
    for prefix in CURRENCY_PREFIXES:
        if cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix) :].strip()
    cleaned = cleaned.replace("\u00a0", " ")
    percent = cleaned.endswith("%")
    if percent:
        cleaned = cleaned[:-1].strip()
    for suffix in (" per cent", " percent"):
        if cleaned.lower().endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
    tokens = cleaned.split()
    if not tokens:
        raise NormalizationError(f"no number in {text!r}")

    scale = 1
    if len(tokens) == 2 and (factor := _scale_word(tokens[1])) is not None:
        scale = factor
        tokens = tokens[:1]
    if len(tokens) != 1:
        raise NormalizationError(
            f"cannot read {text!r}: expected a number with an optional scale word "
            f"({', '.join(sorted(SCALE_WORDS))}), e.g. '4.5 billion'"
        )
    token = tokens[0].lower()

    if token in NUMBER_WORDS:
        return ParsedValue(float(NUMBER_WORDS[token] * scale), 0.0)
    if token in ORDINAL_WORDS and unit == "rank":
        return ParsedValue(float(ORDINAL_WORDS[token]), 0.0)
    if token in FRACTION_WORDS or _FRACTION.fullmatch(token):
        fraction = FRACTION_WORDS.get(token) or _fraction(token)
        fraction *= 100 if unit == "percent" else 1
        return ParsedValue(float(fraction * scale), 0.0)

    negative = token.startswith("-")
    digits = plain_digits(token.removeprefix("-"), _reading_language(language))
    if digits is None:
        raise NormalizationError(
            f"cannot read {text!r} as a number: use digits with optional thousands commas "
            "and a decimal point, e.g. '30,000' or '543.2 million'"
        )
    digits = f"-{digits}" if negative else digits
    try:
        number = Decimal(digits)
    except InvalidOperation as error:  # pragma: no cover - plain_digits returns plain digits
        raise NormalizationError(f"cannot read {text!r} as a number") from error
    place = _last_significant_place(digits, large=scale > 1 or len(digits.split(".")[0]) >= 4)
    half_unit = Decimal(5) * Decimal(10) ** (place - 1)
    value, rounding = float(number * scale), float(half_unit * scale)
    if not (math.isfinite(value) and math.isfinite(rounding)):
        shown = text if len(text) <= 40 else f"{text[:20]}…{text[-15:]}"
        raise ValueTooLarge(
            f"{shown!r} is about 10^{(number * scale).adjusted()}, too large to compute with "
            "(a float holds up to about 1.8e308)"
        )
    return ParsedValue(value, rounding)


_FRACTION = re.compile(r"(\d+)/([1-9]\d*)")
"""A fraction in digits, as the intake writes "¾" or "a third": "3/4", "1/3"."""


def _fraction(token: str) -> Decimal:
    numerator, denominator = token.split("/")
    return Decimal(numerator) / Decimal(denominator)


def _scale_word(word: str) -> int | None:
    """A scale word the ETL reads: the English ones of :data:`SCALE_WORDS` and every form the
    intake's grammar knows ("тыс.", "тис.", "млрд.", "трлн", "миллиарда", "мільйонів")."""
    return SCALE_WORDS.get(word.lower()) or scale_of(word)


def _reading_language(language: str | None) -> Language | None:
    """The language whose separators a value is read by: a source's, or English."""
    return language if language in ("en", "ru", "uk") else None  # type: ignore[return-value]


def _last_significant_place(digits: str, large: bool) -> int:
    """Power of ten of the last significant written digit: '4.5' → -1, '74' → 0, '2000' → 3.

    Trailing zeros count as rounding only for large round amounts (a scale word, or four or more
    integer digits): "$20 million" or "30,000" are usually rounded, while "70%" or "110 deputies"
    are usually exact. Checks then forgive what the wording allows, and no more.
    """
    if "." in digits:
        return -len(digits.split(".")[1])
    if not large:
        return 0
    stripped = digits.lstrip("-").rstrip("0")
    return len(digits.lstrip("-")) - len(stripped) if stripped else 0


@dataclass(frozen=True, order=True)
class Period:
    """A time span with its canonical label (docs/data-model.md): 2012, 2022-02, 2023-01/2023-07."""

    start: date
    end: date
    label: str
    kind: str  # year | month | day | interval | undated

    @property
    def is_partial_year(self) -> bool:
        """True for spans shorter than a year that must never be drawn as a full year."""
        return self.kind in ("month", "day") or (
            self.kind == "interval" and (self.end - self.start).days < 364
        )

    @property
    def is_dated(self) -> bool:
        return self.kind != UNDATED

    def contains(self, other: Period) -> bool:
        if not (self.is_dated and other.is_dated):
            return False
        return self.start <= other.start and other.end <= self.end


UNDATED = "undated"
UNDATED_PERIOD = Period(date.max, date.max, UNDATED, UNDATED)
"""A figure its document gives no date for. It sorts last and lies within no other period; the
published tables write its start and end as null, and charts never place it on a time axis."""


_YEAR = re.compile(r"(?P<y>\d{4})")
_MONTH_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})")
_DAY_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_MONTH_NAME = re.compile(r"(?P<name>[A-Za-z]+)\.?\s+(?P<y>\d{4})")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_FOUR_DIGITS = re.compile(r"\b\d{4}\b")


def _parse_point(text: str) -> tuple[date, date, str]:
    """One period point → (start, end, precision) where precision is year, month or day."""
    text = text.strip()
    year = _FOUR_DIGITS.search(text)
    if year and int(year.group()) < 1:
        raise NormalizationError(f"no year 0 in {text!r}: the calendar starts at year 1")
    if m := _DAY_ISO.fullmatch(text):
        try:
            day = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError as error:
            raise NormalizationError(f"no such day {text!r}: {error}") from None
        return day, day, "day"
    if m := _MONTH_ISO.fullmatch(text):
        year, month = int(m["y"]), int(m["m"])
        if not 1 <= month <= 12:
            raise NormalizationError(f"month {month} out of range in {text!r}")
        return date(year, month, 1), _month_end(year, month), "month"
    if m := _MONTH_NAME.fullmatch(text):
        month = MONTH_NAMES.get(m["name"].lower())
        if month is None:
            raise NormalizationError(f"unknown month name {m['name']!r} in {text!r}")
        year = int(m["y"])
        return date(year, month, 1), _month_end(year, month), "month"
    if m := _YEAR.fullmatch(text):
        year = int(m["y"])
        return date(year, 1, 1), date(year, 12, 31), "year"
    raise NormalizationError(
        f"cannot read period {text!r}: use a year (2012), a month (2022-02 or February 2022), "
        "a day (2019-12-07) or an interval (2023-01/2023-07)"
    )


def _label(start: date, end: date) -> tuple[str, str]:
    """The simplest canonical label for a span: year, month, day or a month interval."""
    if start == end:
        return start.isoformat(), "day"
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if not whole_months:
        return f"{start.isoformat()}/{end.isoformat()}", "interval"
    if start.year == end.year and start.month == 1 and end.month == 12:
        return f"{start.year:04d}", "year"
    if start.year == end.year and start.month == end.month:
        return f"{start.year:04d}-{start.month:02d}", "month"
    return f"{start.year:04d}-{start.month:02d}/{end.year:04d}-{end.month:02d}", "interval"


@cache
def parse_period(text: str) -> Period:
    """Read a period as curated and give it its canonical label.

    Intervals ("2023-01/2023-07", "2022/2024", "Jan 2023..Jul 2023") span from the start of the
    first point to the end of the last; an interval that is exactly a year or a month collapses to
    that label, so one span has exactly one label.
    """
    if not isinstance(text, str) and isinstance(text, int):
        text = str(text)
    if not isinstance(text, str) or not text.strip():
        raise NormalizationError("empty period; write e.g. 2012, 2022-02 or 2023-01/2023-07")
    if text.strip().lower() == UNDATED:
        return UNDATED_PERIOD
    parts = re.split(r"\s*(?:/|\.\.)\s*", text.strip())
    if len(parts) == 1:
        start, end, _ = _parse_point(parts[0])
    elif len(parts) == 2:
        start, _, _ = _parse_point(parts[0])
        _, end, _ = _parse_point(parts[1])
    else:
        raise NormalizationError(f"cannot read period {text!r}: an interval has two ends")
    if end < start:
        raise NormalizationError(f"period {text!r} ends before it starts")
    label, kind = _label(start, end)
    return Period(start=start, end=end, label=label, kind=kind)
