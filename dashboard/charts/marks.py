"""How each figure is drawn for what it is: its qualifier's marker (hollow when approximate or a
forecast, a triangle the way a bound runs), a range's bar, a bound's arrow, a derived value's
interval, the ring around a figure a failed check questions, a part-year's span, and the plain
words the legend gives each mark (docs/dashboard.md, "Drawing rules")."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from itertools import combinations
from typing import Any

from dashboard.charts.frame import PlotFrame
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


MARKER_PX = {"circle": 10, "circle-dot": 12, "diamond": 16, "triangle-up": 14, "triangle-down": 14}
"""How tall each marker is drawn, in pixels (a diamond of size 12 stands 1.3 times its size)."""
CAP_PX = 6
"""An interval's caps: half their width, in pixels."""
WIDE_CAP_PX = 12
"""The caps of a trace with an interval shorter than its marker: wider than any marker, so they
show either side of it — the interval is drawn at its true length, and seen."""


def error_bars(points: Sequence[Record], color: str, frame: PlotFrame | None) -> dict | None:
    """Capped error bars where a range or a derived value has both a low and a high; wide caps
    (``WIDE_CAP_PX``) when some interval is shorter than its marker (``hidden_interval``)."""
    has = [interval(p) is not None for p in points]
    if not any(has):
        return None
    hidden = frame is not None and any(hidden_interval(p, frame) for p in points)
    return {
        "type": "data",
        "symmetric": False,
        "array": [(p["y_high"] - p["y"]) if ok else 0 for p, ok in zip(points, has, strict=True)],
        "arrayminus": [
            (p["y"] - p["y_low"]) if ok else 0 for p, ok in zip(points, has, strict=True)
        ],
        "color": color,
        "thickness": 2,
        "width": WIDE_CAP_PX if hidden else CAP_PX,
    }


def hidden_interval(point: Record, frame: PlotFrame) -> bool:
    """Whether the point's interval, drawn at its length, would lie within its marker."""
    ends = interval(point)
    if ends is None or (frame.log and min(ends) <= 0):
        return False
    length = abs(frame.y(ends[0]) - frame.y(ends[1]))
    return length < MARKER_PX.get(symbol(point), 14) + 2 * 2  # the marker and its outline


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


MIN_DECADES = 0.5
"""The least a log axis spans, in decades: values closer together (a single one) are drawn on
half a decade, and a bound's arrow is a tenth of it."""


def stub_factor(drawn: Sequence[Record]) -> float | None:
    """How far a bound's arrow runs on a log axis, as a factor: a tenth of the decades the chart
    spans (at least ``MIN_DECADES``), so an arrow is as long against its axis on a log axis as on
    a linear one. None when some value is not positive (no log axis is offered)."""
    values = [v for p in drawn for v in (p["y"], p["y_low"], p["y_high"]) if v is not None]
    if not values or min(values) <= 0:
        return None
    decades = math.log10(max(values)) - math.log10(min(values))
    return 10 ** (0.1 * max(decades, MIN_DECADES))


def stub_end(point: Record, length: float, factor: float | None, log: bool) -> float | None:
    """Where a bound's arrow ends: up from "at least X", down from "at most X"; on a log axis by
    ``factor`` (a constant length in log space), and on a linear one by ``length``, never through
    zero for a positive value."""
    side = bound_way(point)
    if side is None:
        return None
    y = point["y"]
    if log:
        if factor is None or y <= 0:
            return None
        return y * factor if side == "at least" else y / factor
    if side == "at least":
        return y + length
    return max(y - length, y * 0.5) if y > 0 else y - length


def with_stubs(drawn: Sequence[Record], state: ViewState) -> tuple[Record, ...]:
    """Each point with its bound arrow's end on both axes (``_stub_linear``, ``_stub_log``) and
    on the one drawn (``_stub``): the page's figure switches its axis in the browser
    (assets/explorer.js, ``setScale``), which then swaps in the arrows drawn for the other."""
    length, factor = stub_length(drawn, state), stub_factor(drawn)
    out = []
    for p in drawn:
        linear = stub_end(p, length, factor, log=False)
        log = stub_end(p, length, factor, log=True)
        current = log if state.scale == "log" else linear
        out.append({**p, "_stub": current, "_stub_linear": linear, "_stub_log": log})
    return tuple(out)


def extent(point: Record) -> tuple[float, float]:
    """The vertical space a point takes: its value, interval and bound arrow."""
    values = [point["y"], point.get("_stub"), *(interval(point) or ())]
    present = [v for v in values if v is not None]
    return min(present), max(present)


DODGE_PX = 18
"""Points of different series whose marks come closer than this, vertically, at the same x
would hide one another: a marker's height and its outline."""


def dodged(
    drawn: Sequence[Record], order: Sequence[str], frame: PlotFrame | None
) -> tuple[Record, ...]:
    """Points of different series at the same x that would hide one another — their marks
    (value, interval, arrow) within ``DODGE_PX`` of each other on the axis drawn — moved apart
    side by side (in series order, a marker's width apart, never out of their period)."""
    if len({p["series_id"] for p in drawn}) < 2 or frame is None:
        return tuple(drawn)
    step = (frame.x1 - frame.x0) * (24 / frame.width)

    def span(p: Record) -> tuple[float, float]:
        low, high = extent(p)
        if frame.log and low <= 0:
            low = high
        return frame.y(high), frame.y(low)  # pixels grow downwards

    def collide(a: Record, b: Record) -> bool:
        (a_top, a_bottom), (b_top, b_bottom) = span(a), span(b)
        return a_top - DODGE_PX < b_bottom and b_top - DODGE_PX < a_bottom

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
    points: Sequence[Record],
    name: str,
    color: str,
    group: str,
    hover: list[str],
    frame: PlotFrame | None = None,
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
        error_y=error_bars(points, color, frame),
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
    """From each bound, a short arrow the way it runs: up from "at least", down from "at most".
    Its ends for the other axis type ride along (``meta``) for the browser's log/linear switch."""
    xs: list = []
    ys: list = []
    ends: dict[str, list] = {"linear": [], "log": []}
    sizes: list = []
    for point in points:
        if point.get("_stub") is not None:
            xs += [point["_x"], point["_x"], None]
            ys += [point["y"], point["_stub"], None]
            for scale in ends:
                ends[scale] += [point["y"], point.get(f"_stub_{scale}"), None]
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
        meta=_both_axes(ends),
    )


def _both_axes(ends: dict[str, list]) -> dict[str, list] | None:
    """A trace's y values for each axis type, when it can be drawn on both."""
    if any(v is None for y, v in zip(ends["linear"], ends["log"], strict=True) if y is not None):
        return None
    return {"y_linear": ends["linear"], "y_log": ends["log"]}


RING_PX = 12
"""A questioned point's ring's radius, in pixels: wider than any marker."""
RING_GAP_PX = 4
"""The least room between two rings: closer than this, their points share one ring."""


def ring_clusters(points: Sequence[Record], frame: PlotFrame) -> list[list[Record]]:
    """Questioned points gathered so that no two rings crowd: a point whose ring would come
    within ``RING_GAP_PX`` of another ring shares one ring with it, and so on until every ring,
    drawn around all its points, stands clear of every other."""
    clusters = [[p] for p in points]

    def box(cluster: list[Record]) -> tuple[float, float, float, float]:
        xs = [frame.x(p["_x"]) for p in cluster]
        ys = [frame.y(p["y"]) for p in cluster]
        pad = RING_PX + RING_GAP_PX / 2
        return min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad

    merged = True
    while merged:
        merged = False
        for i, j in combinations(range(len(clusters)), 2):
            a, b = box(clusters[i]), box(clusters[j])
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                clusters[i] = clusters[i] + clusters.pop(j)
                merged = True
                break
    return clusters


def _capsule(cluster: Sequence[Record], frame: PlotFrame) -> tuple[list[float], list[float]]:
    """A rounded box ``RING_PX`` outside the cluster's points, in pixels: (xs, ys)."""
    xs = [frame.x(p["_x"]) for p in cluster]
    ys = [frame.y(p["y"]) for p in cluster]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    corners = ((right, top, -90), (right, bottom, 0), (left, bottom, 90), (left, top, 180))
    path_x: list[float] = []
    path_y: list[float] = []
    for cx, cy, start in corners:
        for step in range(7):
            angle = math.radians(start + 15 * step)
            path_x.append(cx + RING_PX * math.cos(angle))
            path_y.append(cy + RING_PX * math.sin(angle))
    return [*path_x, path_x[0]], [*path_y, path_y[0]]


def questioned_rings(
    points: Sequence[Record],
    questioned: dict[str, str],
    group: str,
    frames: dict[str, PlotFrame | None],
    scale: str,
) -> list[dict[str, Any]]:
    """A red ring and ⚠ around each point a failed consistency check questions — or, where
    rings would crowd (monthly points, a cluster of doubted figures), one ring around the
    cluster with the count beside its ⚠ (``ring_clusters``, judged on the axis drawn).

    A lone point's ring is a marker on the point, right on any axis. A cluster's ring is a line
    through the data's own coordinates, so it encloses its points at whatever width the chart is
    drawn; its y values for the other axis type ride along (``meta``) for the browser's
    log/linear switch."""
    marked = [p for p in points if p["obs_id"] in questioned]
    frame = frames.get(scale)
    if not marked:
        return []
    clusters = ring_clusters(marked, frame) if frame else [[p] for p in marked]
    lone = [c[0] for c in clusters if len(c) == 1]
    traces = []
    if lone:
        traces.append(
            scatter(
                x=[p["_x"] for p in lone],
                y=[float(p["y"]) for p in lone],
                mode="markers+text",
                text=["⚠" for _ in lone],
                textposition="top right",
                textfont={"color": CAVEAT, "size": 12},
                marker={
                    "symbol": "circle-open",
                    "size": 2 * RING_PX,
                    "color": CAVEAT,
                    "line": {"width": 2},
                },
                cliponaxis=False,
                name="questioned",
                legendgroup=group,
                showlegend=False,
                hoverinfo="skip",
            )
        )
    for cluster in (c for c in clusters if len(c) > 1):
        assert frame is not None  # clusters are only formed in a frame
        xs = [frame.moment(px) for px in _capsule(cluster, frame)[0]]
        per_axis = {
            name: [other.value(py) for py in _capsule(cluster, other)[1]]
            for name, other in frames.items()
            if other is not None
        }
        label_at = 1  # the top right corner's first step: the ⚠ sits above the ring's right end
        traces.append(
            scatter(
                x=[*xs, xs[label_at]],
                y=[*per_axis[scale], per_axis[scale][label_at]],
                mode="lines+text",
                text=[*("" for _ in xs), f"⚠ {len(cluster)}"],
                textposition="top right",
                textfont={"color": CAVEAT, "size": 12},
                line={"color": CAVEAT, "width": 2},
                cliponaxis=False,
                name="questioned",
                legendgroup=group,
                showlegend=False,
                hoverinfo="skip",
                meta={f"y_{name}": [*ys, ys[label_at]] for name, ys in per_axis.items()}
                if len(per_axis) == 2
                else None,
            )
        )
    return traces


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


CONVERSION_CHECKS = "conversion_"
"""The kind of check (``conversion_vs_reference_rate``, …) that sets a document's own currency
conversion against a reference rate."""


@lru_cache(maxsize=8)
def questioned_points(data: Dataset) -> dict[str, str]:
    """obs_id → why a failed consistency check questions it, in words.

    A failed check of a document against itself (not a claim) puts its figures in doubt, and a
    derived value built on them carries the ETL's caveat saying so. A document's currency
    conversion that misses the reference rate puts the converted figure in doubt: the document
    made it, and the reference rate says it is off (the figure it converted is not doubted).
    When two documents disagree, no figure is doubted: either may be right."""
    checks = data.checks
    failed = checks[(checks["status"] == "inconsistent") & checks["claim_id"].isna()]
    within = failed[failed["scope"] == WITHIN]
    converted = failed[failed["kind"].str.startswith(CONVERSION_CHECKS)]
    messages: dict[str, list[str]] = {}
    for obs_ids, message in zip(within["obs_ids"], within["message"], strict=True):
        for obs_id in obs_ids:
            messages.setdefault(str(obs_id), []).append(message.removeprefix("inconsistent: "))
    reasons = {
        obs_id: "questioned by a consistency check: " + "; ".join(sorted(set(found)))
        for obs_id, found in messages.items()
    }
    for obs_ids, message in zip(converted["obs_ids"], converted["message"], strict=True):
        said = message.removeprefix("inconsistent: ")
        obs_id = str(obs_ids[0])
        why = f"questioned by the reference rate: {said}"
        reasons[obs_id] = f"{reasons[obs_id]}; {why}" if obs_id in reasons else why
    for row in lookups(data).observations.values():
        for record in row:
            if isinstance(record.get("caveat"), str):
                reasons[record["obs_id"]] = record["caveat"].removeprefix("Caveat: ")
    return reasons
