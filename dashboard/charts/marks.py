"""How each figure is drawn for what it is: its qualifier's marker (hollow when approximate or a
forecast, a triangle the way a bound runs), a range's bar, a bound's arrow, a derived value's
interval, the ring around a figure a failed check questions, a part-year's span, and the plain
words the legend gives each mark (docs/dashboard.md, "Drawing rules")."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import combinations
from typing import Any

from dashboard.charts.state import ViewState
from dashboard.charts.style import MUTED, iso, scatter
from dashboard.model.data import Dataset
from dashboard.model.formatting import bound_side
from dashboard.model.lookups import Record, lookups
from etl.checks import WITHIN

CAVEAT = "#b3261e"
"""The ring and ⚠ around a point a failed consistency check questions."""


SYMBOLS = {
    "reported": "circle",
    "approximate": "circle",
    "range": "circle",
    "forecast": "circle-dot",
    "derived": "diamond",
}
"""Each qualifier's marker; a bound's marker is the way it runs (``BOUND_SYMBOLS``)."""


BOUND_SYMBOLS = {"at least": "triangle-up", "at most": "triangle-down"}


HOLLOW = frozenset({"approximate", "forecast"})
"""Qualifiers drawn hollow (a white fill inside the series' colour): not a figure as given."""


KEY_WORDS = {
    "approximate": "approximate (“about”)",
    "at least": "at least (a lower bound)",
    "at most": "at most (an upper bound)",
    "range": "range (bar: low to high)",
    "forecast": "forecast",
    "forecast line": "forecast (dashed line to it)",
    "derived": "computed from stated figures",
    "derived interval": "computed (bar: the range its inputs allow)",
    "questioned": "⚠ questioned by a consistency check",
    "span": "horizontal bar: the months covered",
    "gap": "dotted line: years with no data",
}
"""The legend's plain words for each mark; a chart's legend lists only the marks it draws."""


def error_bars(points: Sequence[Record], color: str) -> dict | None:
    """Capped error bars where a range or a derived value has both a low and a high."""
    has = [interval(p) is not None for p in points]
    if not any(has):
        return None
    return {
        "type": "data",
        "symmetric": False,
        "array": [(p["y_high"] - p["y"]) if ok else 0 for p, ok in zip(points, has, strict=True)],
        "arrayminus": [
            (p["y"] - p["y_low"]) if ok else 0 for p, ok in zip(points, has, strict=True)
        ],
        "color": color,
        "thickness": 2,
        "width": 6,
    }


def interval(point: Record) -> tuple[float, float] | None:
    """The low–high a range states or a derived value's inputs allow, when it has both ends."""
    if point["qualifier"] not in ("range", "derived"):
        return None
    if point["y_low"] is None or point["y_high"] is None or point["y_low"] == point["y_high"]:
        return None
    return point["y_low"], point["y_high"]


def bound_way(point: Record) -> str | None:
    """'at least' / 'at most' for a bound (the way it runs in the drawn value's terms)."""
    return bound_side(point["qualifier"], point["value_low"], point["value_high"])


def symbol(point: Record) -> str:
    side = bound_way(point)
    return BOUND_SYMBOLS[side] if side else SYMBOLS[point["qualifier"]]


def stub_length(drawn: Sequence[Record], state: ViewState) -> float:
    """How far a bound's arrow runs on a linear axis: a tenth of what the chart spans."""
    values = [v for p in drawn for v in (p["y"], p["y_low"], p["y_high"]) if v is not None]
    if state.transform == "level":
        values.append(0.0)
    span = max(values, default=1.0) - min(values, default=0.0)
    return 0.1 * (span or abs(max(values, default=1.0)) or 1.0)


def stub_end(point: Record, length: float, log: bool) -> float | None:
    """Where a bound's arrow ends: up from "at least X", down from "at most X"; on a log axis
    by a constant factor, and never through zero for a positive value."""
    side = bound_way(point)
    if side is None:
        return None
    y = point["y"]
    if log and y > 0:
        return y * 1.8 if side == "at least" else y / 1.8
    if side == "at least":
        return y + length
    return max(y - length, y * 0.5) if y > 0 else y - length


def extent(point: Record) -> tuple[float, float]:
    """The vertical space a point takes: its value, interval and bound arrow."""
    values = [point["y"], point.get("_stub"), *(interval(point) or ())]
    present = [v for v in values if v is not None]
    return min(present), max(present)


def dodged(drawn: Sequence[Record], order: Sequence[str], plot_px: float) -> tuple[Record, ...]:
    """Points of different series at the same x that would hide one another, moved apart
    side by side (in series order, a marker's width apart, never out of their period)."""
    if len({p["series_id"] for p in drawn}) < 2:
        return tuple(drawn)
    start = min(p["period_start"] for p in drawn)
    end = max(p["period_end"] for p in drawn)
    step = timedelta(days=((end - start).days + 200) * 24 / plot_px)
    lows, highs = zip(*(extent(p) for p in drawn), strict=True)
    margin = 0.045 * ((max(highs) - min(lows)) or 1.0)
    log_margin = None
    if min(lows) > 0:
        log_margin = 0.045 * ((math.log10(max(highs)) - math.log10(min(lows))) or 1.0)

    def collide(a: Record, b: Record) -> bool:
        (a_lo, a_hi), (b_lo, b_hi) = extent(a), extent(b)
        if a_lo - margin <= b_hi and b_lo - margin <= a_hi:
            return True
        if log_margin is None:
            return False
        a_lo, a_hi, b_lo, b_hi = (math.log10(v) for v in (a_lo, a_hi, b_lo, b_hi))
        return a_lo - log_margin <= b_hi and b_lo - log_margin <= a_hi

    groups: dict[str, list[Record]] = {}
    for point in drawn:
        groups.setdefault(point["_x"], []).append(point)
    moved: dict[str, str] = {}
    rank = {series_id: i for i, series_id in enumerate(order)}
    for x, group in groups.items():
        if len(group) < 2 or not any(collide(a, b) for a, b in combinations(group, 2)):
            continue
        group.sort(key=lambda p: rank.get(p["series_id"], len(rank)))
        room = min(p["period_end"] - p["period_start"] for p in group) * 0.8
        gap = min(step, room / (len(group) - 1))
        centre = datetime.fromisoformat(x)
        for i, point in enumerate(group):
            moved[point["obs_id"]] = iso(centre + gap * (i - (len(group) - 1) / 2))
    return tuple({**p, "_x": moved[p["obs_id"]]} if p["obs_id"] in moved else p for p in drawn)


def legend_key(
    name: str, group: str | None, marker: dict[str, Any], line: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A legend entry with no data: the legend shows what a symbol means, not whichever symbol
    a trace's first point happens to have. Series keys toggle their group; mark keys have
    none, so a horizontal legend flows them on one line instead of stacking a group."""
    return scatter(
        x=[None],
        y=[None],
        mode="markers+lines" if line else "markers",
        name=name,
        legendgroup=group,
        marker={"size": 10, **marker},
        line=line,
        hoverinfo="skip",
    )


def point_trace(
    points: Sequence[Record], name: str, color: str, group: str, hover: list[str]
) -> dict[str, Any]:
    symbols = [symbol(p) for p in points]
    return scatter(
        x=[p["_x"] for p in points],
        y=[float(p["y"]) for p in points],
        mode="markers",
        name=name,
        legendgroup=group,
        showlegend=False,
        cliponaxis=False,  # a point at zero sits on the axis line, whole
        marker={
            "color": ["white" if p["qualifier"] in HOLLOW else color for p in points],
            "symbol": symbols,
            "size": [10 if s == "circle" else 12 for s in symbols],
            "opacity": 1,
            "line": {"color": color, "width": 2},
        },
        error_y=error_bars(points, color),
        customdata=[[p["obs_id"]] for p in points],
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
    )


def range_bars(points: Sequence[Record], color: str, group: str) -> dict[str, Any] | None:
    """A stated range as a broad bar from its low to its high."""
    xs: list = []
    ys: list = []
    for point in points:
        if point["qualifier"] == "range" and interval(point):
            xs += [point["_x"], point["_x"], None]
            ys += [point["y_low"], point["y_high"], None]
    return _bar(xs, ys, color, group, width=10) if xs else None


def _bar(xs: list, ys: list, color: str, group: str, width: int) -> dict[str, Any]:
    """Broad translucent line segments (``None`` between them): a range's or a span's bar."""
    return scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": color, "width": width},
        opacity=0.35,
        legendgroup=group,
        showlegend=False,
        hoverinfo="skip",
    )


def bound_arrows(points: Sequence[Record], color: str, group: str) -> dict[str, Any] | None:
    """From each bound, a short arrow the way it runs: up from "at least", down from "at most"."""
    xs: list = []
    ys: list = []
    sizes: list = []
    for point in points:
        if point.get("_stub") is not None:
            xs += [point["_x"], point["_x"], None]
            ys += [point["y"], point["_stub"], None]
            sizes += [0, 11, 0]
    if not xs:
        return None
    return scatter(
        x=xs,
        y=ys,
        mode="lines+markers",
        line={"color": color, "width": 2},
        marker={
            "symbol": "arrow",
            "angleref": "previous",
            "size": sizes,
            "color": color,
            "opacity": 1,
        },
        cliponaxis=False,
        legendgroup=group,
        showlegend=False,
        hoverinfo="skip",
    )


def questioned_rings(
    points: Sequence[Record], questioned: dict[str, str], group: str
) -> dict[str, Any] | None:
    """A red ring and ⚠ around each point a failed consistency check questions."""
    marked = [p for p in points if p["obs_id"] in questioned]
    if not marked:
        return None
    return scatter(
        x=[p["_x"] for p in marked],
        y=[float(p["y"]) for p in marked],
        mode="markers+text",
        text=["⚠" for _ in marked],
        textposition="top right",
        textfont={"color": CAVEAT, "size": 12},
        marker={"symbol": "circle-open", "size": 24, "color": CAVEAT, "line": {"width": 2}},
        cliponaxis=False,
        name="questioned",
        legendgroup=group,
        showlegend=False,
        hoverinfo="skip",
    )


def span_trace(points: Sequence[Record], color: str, group: str) -> dict[str, Any]:
    """A part-year or month as a bar over the days it covers."""
    xs: list = []
    ys: list = []
    for point in points:
        xs += [iso(point["period_start"]), iso(point["period_end"]), None]
        ys += [point["y"], point["y"], None]
    return _bar(xs, ys, color, group, width=6)


def mark_keys(marks: set[str]) -> list[dict[str, Any]]:
    """Legend entries, in plain words, for exactly the marks the chart draws."""
    if "forecast line" in marks:
        marks = marks - {"forecast"}
    if "derived interval" in marks:
        marks = marks - {"derived"}
    hollow = {"color": "white", "line": {"color": MUTED, "width": 2}}
    drawings: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {
        "approximate": ({"symbol": "circle", **hollow}, None),
        "at least": ({"symbol": "triangle-up", "color": MUTED}, None),
        "at most": ({"symbol": "triangle-down", "color": MUTED}, None),
        "range": ({"symbol": "line-ns", "size": 14, "line": {"color": MUTED, "width": 6}}, None),
        "forecast": ({"symbol": "circle-dot", **hollow}, None),
        "forecast line": ({"symbol": "circle-dot", **hollow}, {"color": MUTED, "dash": "dash"}),
        "derived": ({"symbol": "diamond", "color": MUTED}, None),
        "derived interval": ({"symbol": "diamond", "color": MUTED}, None),
        "questioned": (
            {"symbol": "circle-open", "size": 14, "color": CAVEAT, "line": {"width": 2}},
            None,
        ),
        "span": ({"symbol": "line-ew", "size": 16, "line": {"color": MUTED, "width": 6}}, None),
        "gap": ({"size": 0, "color": MUTED}, {"color": MUTED, "dash": "dot", "width": 1}),
    }
    return [
        legend_key(KEY_WORDS[mark], None, *drawings[mark]) for mark in KEY_WORDS if mark in marks
    ]


@lru_cache(maxsize=8)
def questioned_points(data: Dataset) -> dict[str, str]:
    """obs_id → why a failed consistency check questions it, in words.

    The ETL's own rule: a failed check of a document against itself (not a claim) puts its
    figures in doubt, and a derived value built on them carries a caveat saying so. When
    documents disagree, or a conversion misses the reference rate, no figure is doubted."""
    checks = data.checks
    failed = checks[
        (checks["status"] == "inconsistent")
        & (checks["scope"] == WITHIN)
        & checks["claim_id"].isna()
    ]
    messages: dict[str, list[str]] = {}
    for obs_ids, message in zip(failed["obs_ids"], failed["message"], strict=True):
        for obs_id in obs_ids:
            messages.setdefault(str(obs_id), []).append(message.removeprefix("inconsistent: "))
    reasons = {
        obs_id: "questioned by a consistency check: " + "; ".join(sorted(set(found)))
        for obs_id, found in messages.items()
    }
    for row in lookups(data).observations.values():
        for record in row:
            if isinstance(record.get("caveat"), str):
                reasons[record["obs_id"]] = record["caveat"].removeprefix("Caveat: ")
    return reasons
