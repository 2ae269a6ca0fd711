"""What a proposal's confidence means: the share of proposals of that raw score that were right.

The intake scores each proposal as the product of its parts' own confidences (etl/intake/
figures.py). That product orders proposals well but says little by itself: each part's rules
are more often right than their modest numbers admit. So the score is mapped to a probability
by a monotone table learned from documents whose answers are known — the curated documents,
each proposed again from its text with the others known, and the development reports with
answer keys — each proposal judged right when value, unit, period, qualifier, sign and series
are the answer's, by isotonic regression (pool adjacent violators): of the proposals with a raw
score up to ``raw[i]``, a share ``probability[i]`` were right. ``make calibrate``
(bench/calibrate.py) learns the table again after the rules change, and measures by
cross-validation what it means for a document it has not seen.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("calibration.json")


@cache
def _table() -> tuple[tuple[float, ...], tuple[float, ...]]:
    try:
        data = json.loads(TABLE.read_text(encoding="utf-8"))
        return tuple(data["raw"]), tuple(data["probability"])
    except (OSError, ValueError, KeyError):
        return (), ()


def calibrated(raw: float) -> float:
    """The probability a proposal with this raw score is right (the raw score without a
    table)."""
    bounds, probabilities = _table()
    if not bounds:
        return round(raw, 2)
    index = min(bisect_left(bounds, raw), len(bounds) - 1)
    return round(probabilities[index], 2)


def isotonic(pairs: list[tuple[float, bool]]) -> tuple[list[float], list[float]]:
    """Pool adjacent violators: for scores sorted ascending, the non-decreasing step function
    closest to the outcomes (1 right, 0 wrong); each step as (its highest score, its share).

    A step's share is counted with one right and one wrong proposal added (Laplace's rule):
    a handful of proposals that were all right says "probably", not "certainly"."""
    blocks: list[list[float]] = []  # [highest score, right, count]
    for score, right in sorted(pairs):
        blocks.append([score, float(right), 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            last = blocks.pop()
            blocks[-1] = [last[0], blocks[-1][1] + last[1], blocks[-1][2] + last[2]]
    shares, highest = [], 0.0
    for _, right, count in blocks:
        highest = max(highest, (right + 1) / (count + 2))
        shares.append(highest)
    return [b[0] for b in blocks], shares
