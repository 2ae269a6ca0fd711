"""How values, periods and qualifiers read to a person — one place, used by hover, tables, cards,
descriptions and images alike."""

from __future__ import annotations

import calendar
import math
import re
from datetime import date
from fractions import Fraction

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€"}
PRICE = re.compile(r"([A-Z]{3}) per (.+)")
"""A price's unit: a currency per something ('USD per tonne')."""
UNIT_WORDS = {
    "USD": "US dollars",
    "EUR": "euros",
    "RUB": "roubles",
    "BYN": "Belarusian roubles (BYN)",
    "BYR": "Belarusian roubles before 2016 (BYR)",
    "UAH": "hryvnias",
    "CNY": "yuan",
    "PLN": "zlotys",
    "percent": "percent",
    "persons": "persons",
    "count": "count",
    "tonnes": "tonnes",
    "rank": "rank",
}
QUALIFIER_WORDS = {
    "reported": "reported",
    "approximate": "approximate",
    "lower_bound": "lower bound",
    "upper_bound": "upper bound",
    "range": "range",
    "forecast": "forecast",
    "derived": "derived",
}


def _scaled(value: float) -> str:
    """3.3e14 → '330 trillion', 6.9e9 → '6.9 billion', 543.2e6 → '543.2 million', 30000 →
    '30,000'."""
    magnitude = abs(value)
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if magnitude >= scale:
            return f"{_trim(value / scale)} {word}"
    if magnitude >= 1000 or float(value).is_integer():
        return f"{value:,.0f}"
    return _trim(value)


def _trim(number: float) -> str:
    """Up to 3 decimals, no trailing zeros: 6.9, 543.2, 9.063."""
    text = f"{number:,.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_value(value: float | None, unit: str) -> str:
    """'$7.5 billion', '€10.93 billion', '54%', '2,000 persons', '0 RUB', '2nd'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit in CURRENCY_SYMBOLS:
        sign = "−" if value < 0 else ""
        return f"{sign}{CURRENCY_SYMBOLS[unit]}{_scaled(abs(value))}"
    if unit == "percent":
        return f"{_trim(value)}%".replace("-", "−")
    if unit == "rank":
        n = int(value)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if unit == "RUB":
        return f"{_scaled(value)} roubles".replace("-", "−")
    if unit == "count":
        return _scaled(value).replace("-", "−")
    price = PRICE.fullmatch(unit)
    if price and price.group(1) in CURRENCY_SYMBOLS:  # '$6 per tonne'
        sign = "−" if value < 0 else ""
        return f"{sign}{CURRENCY_SYMBOLS[price.group(1)]}{_scaled(abs(value))} per {price.group(2)}"
    if unit == "fraction":  # 'three quarters' was written: '3/4'
        part = Fraction(value).limit_denominator(12)
        if abs(float(part) - value) < 1e-9 and part.denominator > 1:
            return f"{part.numerator}/{part.denominator}".replace("-", "−")
        return _trim(value).replace("-", "−")
    return f"{_scaled(value)} {unit}".replace("-", "−")


def _unit_words(unit: str) -> tuple[str, ...]:
    """What follows the number of a value in ``unit`` ('… per tonne', '… persons')."""
    price = PRICE.fullmatch(unit)
    if price and price.group(1) in CURRENCY_SYMBOLS:
        return (f" per {price.group(2)}",)
    if unit in CURRENCY_SYMBOLS or unit in ("percent", "rank", "count", "fraction"):
        return ()
    return (" roubles",) if unit == "RUB" else (f" {unit}",)


def _given(number: float | None) -> float | None:
    """A bound or range end, or None when the record has none (None and NaN alike)."""
    if number is None or (isinstance(number, float) and math.isnan(number)):
        return None
    return number


def bound_side(qualifier: str, low: float | None, high: float | None) -> str | None:
    """'at least' or 'at most': the way a bound runs in the value's own terms, else None.

    The record's bound column decides, not the qualifier's name: "fell by nearly 87%" is an
    upper bound on the fall, so the change it gives, −87%, is the least the change can be
    (``value_low``), and it reads "at least −87%"."""
    if qualifier not in ("lower_bound", "upper_bound"):
        return None
    low, high = _given(low), _given(high)
    if low is not None and high is None:
        return "at least"
    if high is not None and low is None:
        return "at most"
    return "at least" if qualifier == "lower_bound" else "at most"


def format_observed(
    value: float, low: float | None, high: float | None, qualifier: str, unit: str
) -> str:
    """A value as its qualifier says it: '≈$7 million', 'at least 200', '30,000–40,000 persons'."""
    low, high = _given(low), _given(high)
    if qualifier == "range" and low is not None and high is not None:
        low_text, high_text = format_value(low, unit), format_value(high, unit)
        for suffix in _unit_words(unit):  # said once, after the high end: '6–10 per tonne'
            if low_text.endswith(suffix) and high_text.endswith(suffix):
                low_text = low_text[: -len(suffix)]
                break
        return f"{low_text}–{high_text}"
    text = format_value(value, unit)
    if qualifier == "approximate":
        return f"≈{text}"
    side = bound_side(qualifier, low, high)
    if side:
        return f"{side} {text}"
    if qualifier == "forecast":
        return f"{text} (forecast)"
    return text


def value_in_words(
    value: float,
    low: float | None,
    high: float | None,
    qualifier: str,
    unit: str,
    method: str | None = None,
    questioned: str | None = None,
) -> str:
    """The value with everything the chart draws around it, in words, for the table view:
    'at least 40%', '30,000–40,000 persons (range)', 'approximately $28 billion', '36.5%
    (forecast)', '$6.9 billion, $6.8–7 billion (derived: turnover = …)', '… ⚠ <why>'."""
    low, high = _given(low), _given(high)
    if qualifier == "approximate":
        text = f"approximately {format_value(value, unit)}"
    elif qualifier == "range":
        text = f"{format_observed(value, low, high, qualifier, unit)} (range)"
    elif qualifier == "derived":
        text = format_value(value, unit)
        if low is not None and high is not None and low != high:
            text += f", {format_observed(value, low, high, 'range', unit)}"
        text += f" (derived: {method})" if method else " (derived)"
    else:
        text = format_observed(value, low, high, qualifier, unit)
    return f"{text} ⚠ {questioned}" if questioned else text


def _month(year: int, month: int) -> str:
    return f"{calendar.month_abbr[month]} {year}"


def format_period(label: str) -> str:
    """'2012' → '2012'; '2022-02' → 'Feb 2022'; '2023-01/2023-07' → 'Jan–Jul 2023'."""
    if label == "undated":
        return "undated"
    if "/" in label:
        start, end = label.split("/")
        sy, sm = int(start[:4]), int(start[5:7])
        ey, em = int(end[:4]), int(end[5:7])
        if sy == ey:
            return f"{calendar.month_abbr[sm]}–{calendar.month_abbr[em]} {sy}"
        if sm == 1 and em == 12:
            return f"{sy}–{ey}"
        return f"{_month(sy, sm)}–{_month(ey, em)}"
    if len(label) == 7:
        return _month(int(label[:4]), int(label[5:7]))
    if len(label) == 10:
        day = date.fromisoformat(label)
        return f"{day.day} {calendar.month_abbr[day.month]} {day.year}"
    return label


def axis_scale(values: list[float]) -> tuple[float, str]:
    """Divide a chart's values by a common scale so ticks read '7.5', titled 'billions'."""
    finite = [abs(v) for v in values if v is not None and not math.isnan(v)]
    peak = max(finite, default=0)
    if peak >= 1e9:
        return 1e9, "billions"
    if peak >= 1e6:
        return 1e6, "millions"
    return 1.0, ""


def unit_title(unit: str, scale_word: str) -> str:
    """Axis title: 'US dollars, billions', 'percent', 'persons'."""
    words = UNIT_WORDS.get(unit, unit)
    return f"{words}, {scale_word}" if scale_word else words


ACRONYMS = {"gdp": "GDP", "it": "IT", "soe": "SOE", "eu": "EU", "cis": "CIS", "fx": "FX"}
"""Words of a snake_case name written as the acronyms they are."""


def name_words(name: str) -> str:
    """A topic or indicator name as a heading reads it: 'external_state_debt' → 'External state
    debt', 'it_share_of_gdp' → 'IT share of GDP'."""
    words = [ACRONYMS.get(word, word) for word in name.split("_") if word]
    if not words:
        return name
    first = words[0]
    return " ".join([first if first.isupper() else first.capitalize(), *words[1:]])


def format_coverage(first: str | None, last: str | None, undated: bool = False) -> str:
    """The periods a series covers, each said once: '2019' (not '2019 – 2019'), 'Oct 2023–Dec
    2024' for one span, '2012 – Jan–Jul 2023' from one period to another, '…; undated' when some
    figures have no date, 'undated' when none has. ``first`` is the earliest dated period's
    label, ``last`` the latest's (None when no figure is dated)."""
    if first is None or last is None:
        return "undated" if undated else ""
    span = (
        format_period(first) if first == last else f"{format_period(first)} – {format_period(last)}"
    )
    return f"{span}; undated" if undated else span
