"""Where a figure's points land in pixels, estimated before Plotly lays the figure out.

Some marks must know how far apart points are drawn, not how far apart their values are: the
rings around questioned points must not crowd one another, and a derived value's interval
shorter than its marker must still show. Plotly decides the final pixels, but the builder knows
everything that decides them — the time span (the year slots of ``x_range``), the values drawn,
the axis type and the figure's size — so it can place them closely enough to judge "closer than
a ring" or "shorter than a marker".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dashboard.model.lookups import Record

PAGE_WIDTH = 600
"""The width assumed for the page's figure, which fills its box at any width: the chart box of
a tablet or a small laptop (the phone's 360 px image is built at its own width)."""
MARGIN_X = 100
"""The figure's left and right margins together (axis title and ticks, and room on the right)."""
MARGIN_Y = 140
"""Top and bottom margins, the x axis' labels and the legend together, about."""


def x_range(drawn: Sequence[Record]) -> tuple[date, date]:
    """The time axis' ends: the drawn periods with half a slot's padding on each side (more for
    a single year, which would otherwise fill the whole width)."""
    first = min(p["period_start"] for p in drawn)
    last = max(p["period_end"] for p in drawn)
    padding = timedelta(days=200 if last.year > first.year else 400)
    return first - padding / 2, last + padding / 2


def _values(point: Record, log: bool) -> list[float]:
    """What of a point takes vertical room on an axis of that type: value, interval, arrow."""
    stub = "_stub_log" if log else "_stub_linear"
    present = [point.get(k) for k in ("y", "y_low", "y_high", stub)]
    return [v for v in present if v is not None]


@dataclass(frozen=True)
class PlotFrame:
    """The plot area's pixels for one figure: ``x(iso)`` and ``y(value)`` from the top left, and
    back; ``log`` when the value axis is logarithmic."""

    x0: datetime
    x1: datetime
    y0: float
    y1: float
    width: float
    height: float
    log: bool

    def x(self, moment: str) -> float:
        return (datetime.fromisoformat(moment) - self.x0) / (self.x1 - self.x0) * self.width

    def y(self, value: float) -> float:
        v = math.log10(value) if self.log else value
        return (self.y1 - v) / (self.y1 - self.y0) * self.height

    def moment(self, px: float) -> str:
        return (self.x0 + (self.x1 - self.x0) * (px / self.width)).isoformat()

    def value(self, py: float) -> float:
        v = self.y1 - py / self.height * (self.y1 - self.y0)
        return 10**v if self.log else v


def plot_frame(
    drawn: Sequence[Record], log: bool, level: bool, width: int | None, height: int
) -> PlotFrame | None:
    """The frame of a figure drawing ``drawn`` (None when nothing is drawn, or a log axis has
    nothing positive to draw). ``level``: the axis starts at zero, as a linear axis of levels
    does; ``width`` None is the page's responsive figure (``PAGE_WIDTH``)."""
    if not drawn:
        return None
    values = [v for p in drawn for v in _values(p, log)]
    if log:
        values = [math.log10(v) for v in values if v > 0]
    elif level:
        values.append(0.0)
    if not values:
        return None
    lo, hi = min(values), max(values)
    span = (hi - lo) or abs(hi) or 1.0
    start, end = x_range(drawn)
    return PlotFrame(
        datetime(start.year, start.month, start.day),
        datetime(end.year, end.month, end.day),
        lo - 0.05 * span,
        hi + 0.1 * span,
        float((width or PAGE_WIDTH) - MARGIN_X),
        float(max(height - MARGIN_Y, 120)),
        log,
    )
