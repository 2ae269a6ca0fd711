"""Which existing series a proposed figure belongs to: same unit, most words in common.

A series is described by its id, title and description; a figure by the clause that states it.
Words shared with the clause count by how rare they are among the series (``idf``), so
"gasoline" says more than "Belarus". A percentage near a verb of change ("fell by 70%") goes to a
change series, one without to a share; a figure that matches no series well is proposed a new
series for the curator to name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from etl.model import SeriesDefinition

__all__ = ["CHANGE_WORDS", "SeriesMatch", "SeriesMatcher", "direction_of"]

_WORD = re.compile(r"[a-zа-яё]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "to",
        "and",
        "or",
        "for",
        "by",
        "with",
        "from",
        "as",
        "at",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "its",
        "it",
        "this",
        "that",
        "their",
        "which",
        "than",
        "more",
        "less",
        "over",
        "under",
        "into",
        "per",
        "has",
        "have",
        "had",
        "not",
        "only",
        "also",
        "so",
        "such",
    ]
)
_DECREASE = re.compile(
    r"(?i)\b(?:fell|fall(?:s|en)?|drop(?:ped|s)?|declin\w*|decreas\w*|down|lower|plummet\w*|"
    r"shr[ai]nk\w*|contract\w*|reduc\w*|lost|loss)\b"
)
_INCREASE = re.compile(
    r"(?i)\b(?:rose|ris(?:e|es|en|ing)|gr[eo]w\w*|increas\w*|up|higher|jump\w*|climb\w*|"
    r"boom\w*|expand\w*|gain\w*)\b"
)
CHANGE_WORDS = re.compile(f"{_DECREASE.pattern}|{_INCREASE.pattern[4:]}")
_SYNONYMS = {
    "bilateral": "turnover",
    "commerce": "trade",
    "soldiers": "troops",
    "troop": "troops",
    "contingent": "troops",
    "men": "troops",
    "petrol": "gasoline",
    "fuel": "gasoline",
    "deputies": "seats",
    "parliament": "seats",
    "imported": "imports",
    "exported": "exports",
    "exporting": "exports",
    "importing": "imports",
}


_RUSSIAN_STEMS = {
    "согласов": "agreed",
    "предлож": "proposed",
    "намерен": "proposed",
    "тариф": "tariff",
    "транзит": "transit",
    "нефт": "oil",
    "повы": "increase",
    "кредит": "loan",
    "госкредит": "loan",
    "поставк": "supply",
    "постав": "supply",
    "товарооборот": "turnover",
}
"""Russian words the series registry knows in English (some documents quote Russian sources)."""


def _stem(word: str) -> str:
    for russian, english in _RUSSIAN_STEMS.items():
        if word.startswith(russian):
            word = english
            break
    word = _SYNONYMS.get(word, word)
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1]


def direction_of(clause: str) -> str | None:
    """ "decrease" for "fell by 70%", "increase" for "up by 20.6 percent", else None."""
    down, up = _DECREASE.search(clause), _INCREASE.search(clause)
    if down and (not up or down.start() <= up.start()):
        return "decrease"
    return "increase" if up else None


@dataclass(frozen=True)
class SeriesMatch:
    """The best series for a figure, with its score (0-1) and the words that matched."""

    series: SeriesDefinition | None
    score: float
    shared: tuple[str, ...]


class SeriesMatcher:
    """Scores every series of the right unit against a clause (built once per dataset)."""

    MIN_SCORE = 0.2
    """Below this the figure is proposed a new series: fewer shared words is a guess."""

    def __init__(self, series: tuple[SeriesDefinition, ...]) -> None:
        self.series = series
        self.words = {
            s.series_id: Counter(
                _words(" ".join((s.series_id.replace(".", " ").replace("_", " "), s.title))) * 2
                + _words(s.description)
            )
            for s in series
        }
        frequency = Counter(w for counts in self.words.values() for w in set(counts))
        self.idf = {w: math.log((1 + len(series)) / (1 + n)) + 1 for w, n in frequency.items()}

    def match(
        self,
        unit: str,
        before: str,
        after: str,
        neighbours: frozenset[str] = frozenset(),
        subject: str = "",
    ) -> SeriesMatch:
        """The best series of ``unit`` for a figure with ``before`` and ``after`` around it.

        Words count by rarity and by closeness to the figure (the words right before a number
        usually name it); a series whose partner the clause names, or else the document's
        title (``subject``), is preferred; a trade flow named from the partner's side
        ("Ukraine's imports from Belarus") counts as the reporter's opposite flow.
        """
        near = _weighted_words(before, after)
        is_change = bool(CHANGE_WORDS.search(before[-60:] + after[:20]))
        best, best_raw = SeriesMatch(None, 0.0, ()), 0.0
        total = sum(self.idf.get(w, 1.0) * weight for w, weight in near.items()) or 1.0
        for series in self.series:
            if series.unit != unit:
                continue
            counts = self.words[series.series_id]
            shared = tuple(sorted(w for w in near if w in counts))
            weight = sum(self.idf[w] * near[w] * (1.5 if counts[w] >= 2 else 1.0) for w in shared)
            score = weight / (total + 2.0)
            if unit == "percent" and (series.measure == "change") != is_change:
                score *= 0.4
            if series.partner:
                partner = re.escape(series.partner[:5].lower())
                if re.search(rf"\b{partner}", f"{before} {after}".lower()):
                    score *= 1.3
                elif re.search(rf"\b{partner}", subject.lower()):
                    score *= 1.15  # the document is about this partner ("... and Ukraine")
            if series.change_of in neighbours:
                score *= 1.3  # "$1.6 billion in 2022, a 74% fall": the change of that level
            flow = flow_named(before[-100:], series.partner)
            if series.flow and flow:
                score *= 1.5 if flow == series.flow else 0.5
            if score > best_raw:
                best_raw = score
                best = SeriesMatch(series, round(min(score, 1.0), 2), shared)
        return best


def _weighted_words(before: str, after: str) -> dict[str, float]:
    """Each word's weight: 1 right next to the figure, falling with distance (in words)."""
    weights: dict[str, float] = {}
    for distance, word in enumerate(reversed(_words(before))):
        weights[word] = max(weights.get(word, 0.0), 1.0 / (1.0 + distance / 4.0))
    for distance, word in enumerate(_words(after)):
        weights[word] = max(weights.get(word, 0.0), 0.5 / (1.0 + distance / 2.0))
    return weights


_FLOW_WORD = re.compile(
    r"(?i)\b(?P<flow>export\w*|import\w*|turnover|bilateral trade|trade between|balance)\b"
)


def flow_named(before: str, partner: str | None) -> str | None:
    """The trade flow the words before a figure name, seen from the reporter's side.

    "exporting goods worth" → exports; "Ukraine's imports from Belarus" or "imports to
    Belarus" (when Ukraine is the partner) → exports, the same goods seen from Minsk.
    """
    matches = list(_FLOW_WORD.finditer(before))
    if not matches:
        return None
    last = matches[-1]
    word = last.group("flow").lower()
    if word.startswith(("turnover", "bilateral", "trade")):
        return "turnover"
    if word.startswith("balance"):
        return "balance"
    flow = "exports" if word.startswith("export") else "imports"
    if partner:
        stem = re.escape(partner[:5])
        partner_side = re.search(rf"(?i)\b{stem}\w*['’]?s?\s+$", before[: last.start()])
        toward_reporter = re.match(r"(?i)\s+(?:to|from)\s+Belarus", before[last.end() :])
        if partner_side or toward_reporter:
            flow = "imports" if flow == "exports" else "exports"
    return flow
