"""What every chart shares, whatever it draws: the palette, type and ink, the figure as plain
data, the options that differ between page and image, and the date form Plotly reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#B57A00", "#2E8FCC", "#000000")
"""Okabe–Ito: distinguishable with the common colour-vision deficiencies. Its orange (#E69F00)
and sky blue (#56B4E9) are darkened within their hue to reach 3:1 against a white page (WCAG
1.4.11): a chart with five or six series draws them as marks and lines."""


FONT = "Inter, system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"


Figure = dict[str, Any]
"""A Plotly figure as plain JSON-able data: what Dash sends and kaleido renders, built without
plotly.py's per-property validation (which cost most of a callback's time)."""


INK, MUTED, GRID = "#1f2933", "#52606d", "#e4e7eb"


@dataclass(frozen=True)
class FigureOptions:
    """Presentation that differs between the page and an exported image or embed."""

    width: int | None = None
    height: int = 520
    text_in_figure: bool = True
    """Bake title, subtitle, source line, notes and the event key into the figure (images and
    embeds); the page sets it False and renders them as HTML, which wraps on narrow screens."""


def scatter(**properties: Any) -> dict[str, Any]:
    """A scatter trace as a dict, leaving out properties that are None."""
    return {"type": "scatter", **{k: v for k, v in properties.items() if v is not None}}


def iso(moment: date) -> str:
    """Plotly's date form; a date is its midnight."""
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    return moment.isoformat()
