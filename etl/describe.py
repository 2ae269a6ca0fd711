"""Numbers in words for check messages: rounded to what the inputs justify, never "−74.074%".

Amounts keep three significant digits with a scale word ("$1.42 billion"), percentages one decimal
("74.1%"), rates three decimals ("1.115 USD per EUR"); an interval reads "$1.28–1.40 billion",
"at least 200" or "at most $1.40 billion" when one side is open.
"""

from __future__ import annotations

import math
from functools import lru_cache

from etl.intervals import Interval

CURRENCY_SIGNS = {"USD": "$", "EUR": "€"}
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _significant(value: float, digits: int = 3) -> str:
    if value == 0:
        return "0"
    places = max(digits - 1 - math.floor(math.log10(abs(value))), 0)
    text = f"{value:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scale_for(value: float) -> tuple[float, str]:
    for scale, word in SCALES:
        if abs(value) >= scale:
            return scale, word
    return 1.0, ""


@lru_cache(maxsize=4096)
def format_quantity(value: float, unit: str) -> str:
    """One figure in its unit: "$1.6 billion", "−74.1%", "2,000 persons", "1.115 USD per EUR"."""
    if math.isinf(value):
        return "no limit"
    sign = "−" if value < 0 else ""
    magnitude = abs(value)
    if unit == "percent":
        text = f"{magnitude:.1f}".removesuffix(".0")
        return f"{sign}{text}%"
    if " per " in unit:
        return f"{sign}{magnitude:.3f} {unit}"
    return _on_scale(value, unit, *_scale_for(magnitude))


@lru_cache(maxsize=4096)
def format_interval(interval: Interval, unit: str) -> str:
    """An interval in its unit, with one scale word for both ends where they share it."""
    low, high = interval.low, interval.high
    if math.isinf(low) and math.isinf(high):
        return "any value"
    if math.isinf(high):
        return f"at least {format_quantity(low, unit)}"
    if math.isinf(low):
        return f"at most {format_quantity(high, unit)}"
    if math.isclose(low, high, rel_tol=1e-12, abs_tol=1e-12):
        return format_quantity(low, unit)
    if unit == "percent":
        places = _places_to_tell_apart(low, high, 1)
        return f"{_signed(low, places)} to {_signed(high, places)}%"
    if " per " in unit:
        places = _places_to_tell_apart(low, high, 3)
        return f"{low:.{places}f}–{high:.{places}f} {unit}"
    scale, word = _scale_for(max(abs(low), abs(high)))
    digits = _digits_to_tell_apart(low / scale, high / scale)
    if unit in CURRENCY_SIGNS and low >= 0:
        sign = CURRENCY_SIGNS[unit]
        ends = f"{_significant(low / scale, digits)}–{_significant(high / scale, digits)}"
        return f"{sign}{ends}{' ' + word if word else ''}"
    ends = format_quantity(low, unit), format_quantity(high, unit)
    if ends[0] == ends[1]:  # a narrow interval: enough digits, on one scale, to tell them apart
        ends = tuple(_on_scale(end, unit, scale, word, digits) for end in (low, high))
    return f"{ends[0]} to {ends[1]}"


def _on_scale(value: float, unit: str, scale: float, word: str, digits: int = 3) -> str:
    """``value`` in ``scale`` (named ``word``), to ``digits`` significant digits, with its
    currency sign or unit."""
    sign = "−" if value < 0 else ""
    number = _significant(abs(value) / scale, digits)
    suffix = f" {word}" if word else ""
    if unit in CURRENCY_SIGNS:
        return f"{sign}{CURRENCY_SIGNS[unit]}{number}{suffix}"
    tail = "" if unit in ("count", "rank") else f" {unit}"
    return f"{sign}{number}{suffix}{tail}"


def _signed(value: float, places: int) -> str:
    return ("−" if value < 0 else "") + f"{abs(value):.{places}f}"


def _places_to_tell_apart(low: float, high: float, places: int) -> int:
    """Decimal places enough for the two ends of a narrow interval not to print alike."""
    while places < 6 and f"{low:.{places}f}" == f"{high:.{places}f}":
        places += 1
    return places


def _digits_to_tell_apart(low: float, high: float, digits: int = 3) -> int:
    while digits < 7 and _significant(low, digits) == _significant(high, digits):
        digits += 1
    return digits


@lru_cache(maxsize=4096)
def format_gap(gap: float, unit: str) -> str:
    """How far apart two intervals are: "$125 million", "3.4 points"."""
    if unit == "percent":
        return f"{gap:.1f}".removesuffix(".0") + " percentage points"
    return format_quantity(gap, unit)
