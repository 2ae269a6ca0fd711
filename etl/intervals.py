"""What a stated figure allows: the interval its words leave open, read in one place.

A document rarely states an exact number. "$1.6 billion" is rounded to the last written digit,
"just under $1.4 billion" lies below $1.4 billion, "more than 40 percent" above 40 percent,
"around $7 million" on either side of $7 million, "between 30,000 and 40,000" between its two ends.
Every check and every derivation works on these intervals, so the rules are stated here once,
as data (:data:`WORDINGS`), and property-tested:

* **rounding** — half a unit of the last written digit (``etl.normalize.parse_value``);
* **near, one-sided** ("just under", "almost", "почти", "майже" below; "just over", "чуть
  более" above) — from the figure towards its side by the rounding plus a slack, never past it;
* **open, one-sided** ("more than", "не менее", "понад", "up to", "до", "less than") — from the
  figure to the edge of what the quantity can be (no upper limit for an amount, 100 for a share);
* **symmetric** ("around", "около", "близько") — the rounding plus a slack on both sides;
* **range** ("between 30,000 and 40,000") — exactly its two ends.

The hedging phrases are the intake's (``etl.intake.grammar.modifiers``), in English, Russian and
Ukrainian: what the intake proposes, the ETL reads the same way.

The slack is :data:`SLACK_RELATIVE` of the figure for amounts and counts, and
:data:`SLACK_POINTS` percentage points for percentages: "nearly 87%" is 85–87%, never 91.9%.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from etl.canonical import find_number, normalize_text, numeric_core
from etl.intake.grammar.language import Language, language_of
from etl.intake.grammar.modifiers import (
    ADJACENT,
    ADJACENT_WORDS,
    APPROX,
    CHANGE_WORDS,
    LOWER,
    TO,
    UPPER,
    read_modifiers,
)

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
    qualifier: str  # the qualifier its interval names: a bound for one side, approximate for both
    meaning: str  # plain words for the docs and for the record panel
    also: tuple[str, ...] = ()
    """Other qualifiers a curator may give a figure with these words (see :data:`WORDINGS`)."""

    def allows(self, qualifier: str) -> bool:
        """True when a fact hedged by these words may carry ``qualifier``."""
        return qualifier == self.qualifier or qualifier in self.also


NEARLY = ("almost", "nearly", "почти", "чуть ли не", "майже")
"""Approximations that stop at the figure: "almost 89%" is close to 89%, and not above it."""

SLIGHTLY = ("just", "slightly", "a little", "not quite", "чуть", "немногим", "трохи")
"""Words that bring a bound close to its figure: "just over", "чуть более", "трохи менше"."""


def _starts_with(phrase: str, words: tuple[str, ...]) -> bool:
    return any(phrase == word or phrase.startswith(word + " ") for word in words)


def _shape(phrase: str, qualifier: str) -> tuple[str, str]:
    """The side and reach of a phrase the intake reads as ``qualifier``."""
    if _starts_with(phrase, NEARLY):  # "almost", whichever qualifier the intake gives it
        return "below", "near"
    if qualifier == APPROX:
        return "both", "near"
    side = "above" if qualifier == LOWER else "below"
    return side, "near" if _starts_with(phrase, SLIGHTLY) else "open"


_SHAPES = {
    ("both", "near"): "on either side of the figure, by its rounding plus the slack",
    ("below", "near"): "below the figure, by at most its rounding plus the slack",
    ("below", "open"): "anywhere below the figure, down to the smallest possible value",
    ("above", "near"): "above the figure, by at most its rounding plus the slack",
    ("above", "open"): "anywhere above the figure, up to the largest possible value",
}
"""Every interval a wording can leave open (its side and reach), in plain words."""
_QUALIFIER_OF_SIDE = {"both": APPROX, "below": UPPER, "above": LOWER}


def _hedging_phrases() -> dict[str, tuple[str, tuple[Language, ...]]]:
    """Every phrase the intake reads as a bound or an approximation, with its qualifier and the
    languages that write it; "up to"/"до" count here too (a ceiling, unless a change precedes)."""
    phrases: dict[str, tuple[str, tuple[Language, ...]]] = {}
    for language, words in ADJACENT_WORDS.items():
        for phrase, (kind, value) in words.items():
            if value in (APPROX, LOWER, UPPER) and kind in (APPROX, LOWER, UPPER, TO):
                _, languages = phrases.get(phrase, (value, ()))
                phrases[phrase] = (value, (*languages, language))
    return phrases


_HEDGING = _hedging_phrases()
_LEVEL_WORDS = frozenset(
    phrase
    for words in ADJACENT_WORDS.values()
    for phrase, (kind, _) in words.items()
    if kind == TO and phrase in _HEDGING
)
""""до", "up to": a ceiling, or the level a change reached ("вырос на 5% до 20 млн")."""


def _also_allowed(side: str, reach: str) -> tuple[str, ...]:
    """A figure close to its value on one side of it ("almost 89%", "just under $1.4 billion")
    is approximate and bounded alike: the curator may say either, its interval is the same. Any
    hedged figure may be a forecast: a future value is a forecast first."""
    return (APPROX, "forecast") if reach == "near" and side != "both" else ("forecast",)


def _wordings() -> tuple[Wording, ...]:
    """The intake's hedging phrases grouped by the interval they leave open."""
    groups: dict[tuple[str, str], list[str]] = {shape: [] for shape in _SHAPES}
    for phrase, (qualifier, _) in _HEDGING.items():
        groups[_shape(phrase, qualifier)].append(phrase)
    return tuple(
        Wording(
            tuple(sorted(phrases)),
            side,
            reach,
            _QUALIFIER_OF_SIDE[side],
            meaning,
            _also_allowed(side, reach),
        )
        for (side, reach), meaning in _SHAPES.items()
        if (phrases := groups[(side, reach)])
    )


WORDINGS: tuple[Wording, ...] = _wordings()
"""The ETL's reading of every hedging phrase the intake reads (``ADJACENT_WORDS`` of
``etl.intake.grammar.modifiers``): one vocabulary, so a draft the intake proposes is a draft
the ETL accepts. The intake's reading of a phrase gives its side (an approximation both, a lower
bound above, an upper bound below); the ETL adds how far it reaches (:data:`NEARLY`,
:data:`SLIGHTLY`) and names the qualifier of that interval.

"almost", "nearly", "почти", "майже" leave [X − r − s, X] open: the figure is close to X and
never above it. That is an upper bound near its figure, as "just under" is, and an
approximation, as the intake reads it: such near, one-sided wordings allow ``approximate``
besides their bound (the qualifier vocabulary has one word per figure; the interval says both,
and is the same whichever the curator picks). Every wording allows ``forecast``."""

_BY_PHRASE = {phrase: wording for wording in WORDINGS for phrase in wording.phrases}


def _at_end(alternation: str) -> re.Pattern[str]:
    return re.compile(r"(?:^|(?<=[\s(\[«\"„]))(" + alternation + r")\s*$", re.IGNORECASE)


_PHRASE_AT_END = _at_end("|".join(re.escape(p) for p in sorted(_BY_PHRASE, key=len, reverse=True)))
"""One pattern for every phrase, longest first, so "не менее" wins over "менее"."""
_CURRENCY_AT_END = re.compile(
    r"(?:US\$|\$|€|£|₽|¥|(?<![\w-])(?:USD|EUR|RUB|BYN|BYR|UAH|Br|руб\.?|грн\.?))\s?$",
    re.IGNORECASE,
)
"""A currency written before the figure ("около $3 млрд", "around Br8 trillion")."""
_GAP_AT_END = _at_end("by|на|в|во|у|a|an")
"""A preposition between a bound and its figure ("почти на 63%", "більш ніж на 10 трлн", "more
than by 5%", "почти в 3 раза"), or an article before an amount ("nearly a third")."""
_CHANGE_WORD = re.compile(
    "|".join(f"(?:{up}|{down})" for up, down in CHANGE_WORDS.values()), re.IGNORECASE
)


def _is_verb_of_change(phrase: str) -> bool:
    """ "exceeded", "превысил": before "by"/"на" the figure is how much it exceeded, no bound."""
    return any(_CHANGE_WORD.fullmatch(word) for word in phrase.split())


def find_wording(evidence: str, number_as_written: str) -> tuple[str, Wording] | None:
    """The hedging phrase before the figure in the quote ("nearly" in "nearly 87%").

    The figure is found as written (:func:`_figure_span`), and the phrase read right before it,
    past a currency ("около $3 млрд") or a preposition ("почти на 63%").
    "до", "up to" right after a change ("вырос на 5% до 20 млн", "went up to 15") give the level
    it reached, not a ceiling (the intake's reading, ``read_modifiers``): the hedging of that
    level is the phrase before them ("снизилась почти до 5%"), if any.
    """
    text = normalize_text(evidence)
    figure = _figure_span(text, number_as_written)
    if figure is None:
        return None
    window = max(0, figure[0] - ADJACENT)
    currency = _CURRENCY_AT_END.search(text, window, figure[0])
    end = currency.start() if currency else figure[0]
    found = _phrase_ending_at(text, window, end)
    if found is None:  # "почти на 63%": a preposition between the words and their figure
        gap = _GAP_AT_END.search(text, window, end)
        found = _phrase_ending_at(text, window, gap.start()) if gap else None
        if found is None or found[0] in _LEVEL_WORDS or _is_verb_of_change(found[0]):
            return None
    elif found[0] in _LEVEL_WORDS and _reaches_level(text, figure, found[0]):
        found = _phrase_ending_at(text, window, found[1])
        if found is None or found[0] in _LEVEL_WORDS:
            return None
    return found[0], _BY_PHRASE[found[0]]


def _figure_span(text: str, number_as_written: str) -> tuple[int, int] | None:
    """Where the quote writes the figure: the first place its number is followed by what the
    curator wrote after it ("5%" in "$3–5 billion, or up to 5% of GDP"), else its number's first
    place."""
    core = numeric_core(number_as_written)
    spans = find_number(core, text)
    if not spans:
        return _read_figure_span(text, number_as_written)
    written = normalize_text(number_as_written).lower()
    after = written[written.find(core.lower()) + len(core) :].strip()
    if after and len(spans) > 1:
        for start, end in spans:
            if text[end : end + len(after) + 1].lstrip().lower().startswith(after):
                return start, end
    return spans[0]


def _read_figure_span(text: str, number_as_written: str) -> tuple[int, int] | None:
    """Where the quote states the figure in other words, as the intake's grammar reads it:
    "втричі" for 3, "Thirty-three" for 33, "1 млрд 607 млн" for 1607 млн."""
    from etl.intake.grammar.language import language_of
    from etl.intake.grammar.numerals import read_digits
    from etl.intake.grammar.quantities import Quantity, find_quantities

    language = language_of(text) or ("en" if text.isascii() else "ru")
    wanted = read_digits(numeric_core(number_as_written), language)
    if wanted is None:
        return None
    for item in find_quantities(text, language):
        if isinstance(item, Quantity) and item.number == wanted:
            return item.number_start, item.number_end
    return None


def _phrase_ending_at(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The hedging phrase that ends ``text[start:end]`` (spaces aside), and where it starts."""
    match = _PHRASE_AT_END.search(text, start, end)
    return (match.group(1).lower(), match.start(1)) if match else None


def _reaches_level(text: str, figure: tuple[int, int], phrase: str) -> bool:
    """ "до"/"up to" after a verb of change or a change's amount: the level the change reached,
    as the intake reads it in the quote's language (or, where the letters do not tell, in each
    language that writes the phrase)."""
    _, languages = _HEDGING[phrase]
    guessed = language_of(text)
    candidates = (guessed,) if guessed in languages else languages
    sentence = (0, len(text))
    return any(
        read_modifiers(text, figure, sentence, language).is_level_reached for language in candidates
    )


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
