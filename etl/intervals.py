"""What a stated figure allows: the interval its words leave open, read in one place.

A document rarely states an exact number. "$1.6 billion" is rounded to the last written digit,
"just under $1.4 billion" lies below $1.4 billion, "more than 40 percent" above 40 percent,
"around $7 million" on either side of $7 million, "between 30,000 and 40,000" between its two ends.
Every check and every derivation works on these intervals, so the rules are stated here once,
as data (:data:`WORDINGS`), and property-tested:

* **rounding** — half a unit of the last written digit (``etl.normalize.parse_value``);
* **near, one-sided** ("just under", "almost", "nearly" below; "just over" above) — from the
  figure towards its side by the rounding plus a slack, never past the figure;
* **open, one-sided** ("more than", "over", "up to", "less than") — from the figure to the edge
  of what the quantity can be (no upper limit for an amount, 100 for a share);
* **symmetric** ("around", "about", "approximately") — the rounding plus a slack on both sides;
* **range** ("between 30,000 and 40,000") — exactly its two ends.

The slack is :data:`SLACK_RELATIVE` of the figure for amounts and counts, and
:data:`SLACK_POINTS` percentage points for percentages: "nearly 87%" is 85–87%, never 91.9%.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from etl.canonical import find_number, normalize_text, numeric_core

SLACK_RELATIVE = 0.05
"""How far "nearly", "just under" or "around" may reach beyond the rounding: 5% of the figure."""

SLACK_POINTS = 2.0
"""The same reach for percentages, in percentage points: "nearly 87%" is at least 85%."""

INF = math.inf


@dataclass(frozen=True, order=True)
class Interval:
    """A closed interval of real numbers; ``-inf``/``inf`` ends mean "no limit on that side"."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if math.isnan(self.low) or math.isnan(self.high) or self.low > self.high:
            raise ValueError(f"not an interval: [{self.low}, {self.high}]")

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    @property
    def width(self) -> float:
        return self.high - self.low

    def gap(self, other: Interval) -> float:
        """Smallest distance between a point of one and a point of the other; 0 when they meet."""
        if self.high < other.low:
            return other.low - self.high
        if other.high < self.low:
            return self.low - other.high
        return 0.0

    def overlaps(self, other: Interval) -> bool:
        """True when the two share at least one value (touching ends count), up to float noise."""
        scale = max(
            abs(v) for v in (self.low, self.high, other.low, other.high) if math.isfinite(v)
        )
        return self.gap(other) <= 1e-9 * max(scale, 1.0)

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def __neg__(self) -> Interval:
        return Interval(-self.high, -self.low)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def clip(self, domain: Interval) -> Interval:
        """The part inside ``domain``; a figure wholly outside it collapses to the nearest edge."""
        low = min(max(self.low, domain.low), domain.high)
        high = max(min(self.high, domain.high), domain.low)
        return Interval(low, high)

    def scaled(self, factor: float) -> Interval:
        ends = (self.low * factor, self.high * factor)
        return Interval(min(ends), max(ends))


def _quotient(numerator: Interval, denominator: Interval) -> Interval | None:
    """numerator / denominator for a strictly positive denominator and non-negative numerator."""
    if denominator.low <= 0 or numerator.low < 0:
        return None
    return Interval(numerator.low / denominator.high, numerator.high / denominator.low)


def percent_change(current: Interval, base: Interval) -> Interval | None:
    """Every change (in percent) from a base in ``base`` to a level in ``current``.

    None when the base may be zero or negative: a change from nothing has no percentage.
    """
    ratio = _quotient(current, base)
    return None if ratio is None else Interval((ratio.low - 1) * 100, (ratio.high - 1) * 100)


def level_before_change(current: Interval, change: Interval) -> Interval | None:
    """The base level that a change (in percent) in ``change`` would have led to ``current`` from.

    None when the change may reach −100% (a fall to nothing says nothing about where it began).
    """
    return _quotient(current, Interval(1 + change.low / 100, 1 + change.high / 100))


def ratio(numerator: Interval, denominator: Interval) -> Interval | None:
    """numerator / denominator, for a conversion rate implied by two amounts."""
    return _quotient(numerator, denominator)


# ------------------------------------------------------------------------------------------------
# Wording
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    """A hedging phrase and what it does to the figure after it."""

    phrases: tuple[str, ...]
    side: str  # "both" | "below" | "above"
    reach: str  # "near" (rounding + slack) | "open" (to the edge of the domain)
    qualifier: str  # the qualifier the curated fact must carry
    meaning: str  # plain words for the docs and for the record panel


WORDINGS: tuple[Wording, ...] = (
    Wording(
        (
            "around",
            "about",
            "approximately",
            "roughly",
            "some",
            "circa",
            "an estimated",
            "estimated",
            "close to",
            "около",
            "примерно",
            "порядка",
        ),
        "both",
        "near",
        "approximate",
        "on either side of the figure, by its rounding plus the slack",
    ),
    Wording(
        (
            "just under",
            "just below",
            "almost",
            "nearly",
            "not quite",
            "slightly less than",
            "a little under",
            "почти",
        ),
        "below",
        "near",
        "upper_bound",
        "below the figure, by at most its rounding plus the slack",
    ),
    Wording(
        (
            "less than",
            "fewer than",
            "under",
            "below",
            "up to",
            "at most",
            "no more than",
            "до",
            "менее",
            "не более",
        ),
        "below",
        "open",
        "upper_bound",
        "anywhere below the figure, down to the smallest possible value",
    ),
    Wording(
        ("just over", "just above", "slightly more than", "a little over"),
        "above",
        "near",
        "lower_bound",
        "above the figure, by at most its rounding plus the slack",
    ),
    Wording(
        (
            "more than",
            "over",
            "above",
            "exceeding",
            "in excess of",
            "at least",
            "upwards of",
            "свыше",
            "более",
            "больше",
        ),
        "above",
        "open",
        "lower_bound",
        "anywhere above the figure, up to the largest possible value",
    ),
)

_PHRASES = sorted(
    ((phrase, wording) for wording in WORDINGS for phrase in wording.phrases),
    key=lambda item: -len(item[0]),
)
_BY_PHRASE = dict(_PHRASES)
_PHRASE_AT_END = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(phrase) for phrase, _ in _PHRASES) + r")\s*$"
)
"""One pattern for every phrase, longest first, so "just under" wins over "under"."""
_CURRENCY = r"(?:US\$|\$|€|£|₽|USD|EUR|RUB)?\s?"
_RISE_BEFORE = re.compile(
    r"(?i)\b(?:go|goes|went|gone|going|rise|rises|rose|risen|climb\w*|"
    r"grow|grew|grown|jump\w*|increase\w*)\s+$"
)


def find_wording(evidence: str, number_as_written: str) -> tuple[str, Wording] | None:
    """The hedging phrase right before the figure in the quote ("nearly" in "nearly 87%").

    The figure is found as written (its digits or word, the first occurrence); "go up to 15" is a
    rise to 15, not a ceiling, so "up to" after a verb of rising does not count.
    """
    text = normalize_text(evidence)
    spans = find_number(numeric_core(number_as_written), text)
    if not spans:
        return None
    before = re.sub(_CURRENCY + "$", "", text[: spans[0][0]]).lower()
    match = _PHRASE_AT_END.search(before)
    if match is None:
        return None
    phrase = match.group(1)
    if phrase == "up to" and _RISE_BEFORE.search(before[: match.start()]):
        return None
    return phrase, _BY_PHRASE[phrase]


def wording_by_phrase(phrase: str) -> Wording | None:
    """The rule for a phrase a curator names explicitly (the ``wording:`` key)."""
    return _BY_PHRASE.get(phrase.lower().strip())


def slack(value: float, unit: str) -> float:
    """How far hedging reaches beyond the rounding: points for percentages, a share otherwise."""
    return SLACK_POINTS if unit == "percent" else SLACK_RELATIVE * abs(value)


def stated_interval(
    value: float, rounding: float, unit: str, wording: Wording | None, domain: Interval
) -> Interval:
    """The interval a figure (its magnitude, as written) allows, given its hedging.

    ``domain`` is what the quantity can be at all (a share lies in 0–100, an amount is never
    negative); open wording reaches to its edge, and nothing leaves it.
    """
    reach = rounding + slack(value, unit)
    if wording is None:
        interval = Interval(value - rounding, value + rounding)
    elif wording.side == "both":
        interval = Interval(value - reach, value + reach)
    elif wording.side == "below":
        interval = Interval(value - reach if wording.reach == "near" else -INF, value)
    else:
        interval = Interval(value, value + reach if wording.reach == "near" else INF)
    return interval.clip(domain)


def domain_of(unit: str, measure: str, flow: str | None) -> Interval:
    """What a quantity of this kind can be: shares 0–100, changes from −100%, amounts ≥ 0."""
    if measure == "share":
        return Interval(0.0, 100.0)
    if measure == "change":
        return Interval(-100.0, INF)
    if flow == "balance":
        return Interval(-INF, INF)
    if unit == "rank":
        return Interval(1.0, INF)
    return Interval(0.0, INF)


def hull(intervals: Iterable[Interval]) -> Interval:
    """The smallest interval holding all of them."""
    items = list(intervals)
    return Interval(min(i.low for i in items), max(i.high for i in items))
