"""The page's first view as plain HTML in the page shell: the whole page before any script has run.

A Dash page is an empty shell until ~1.5 MB of JavaScript has loaded and three requests have
come back; on a phone that is seconds of a blank "Loading..." (Lighthouse mobile LCP 5.5 s). The
shell therefore carries the same layout the app would render — the same components, turned into
HTML here, so there is one source for both. The chart is the same figure drawn as an SVG by the
image route (``StaticChart``), with a layer of links over its points (``chart_points``): each
gives the point's hover text and opens its record, before the app has started. The controls show
the view's settings but take no input (``inert``) until the app replaces them. assets/boot.js
starts the app once the browser is idle after the first paint, or at the reader's first
interaction; CSS (assets/base.css) shows the first view until the app has drawn, then the app in
the same frame (assets/first-view.js); the app's nodes were never laid out before, so nothing
shifts. Without JavaScript the reader still gets the chart, the text, the sources and the links.

Ids and the labels' ``for`` are left out (the app's own nodes carry the ids; ids must stay unique),
but for the skip link's target.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape, unescape
from typing import Any
from urllib.parse import quote

from dash.development.base_component import Component

from dashboard.charts.state import RECORD_PARAMETER
from dashboard.web.baked import published_url

ATTRIBUTE_NAMES = {
    "className": "class",
    "tabIndex": "tabindex",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "readOnly": "readonly",
}
SKIPPED_PROPS = {
    "id",
    "htmlFor",  # it names an id, and ids are the app's
    "children",
    "n_clicks",
    "n_clicks_timestamp",
    "disable_n_clicks",
    "loading_state",
    "key",
    "setProps",
}
KEPT_IDS = {"main"}
"""Ids the first view keeps: the skip link's target. The app's own ``main`` only exists from the
moment it has drawn, and the first view is removed in that same task."""
INPUT_TYPES = ("number", "search")
"""The dcc.Input boxes the first view draws (showing their value, taking no input)."""
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr"}
GRAPH_NOTE = "The interactive chart is loading…"
IMAGE_WIDTHS: tuple[tuple[str | None, int], ...] = (
    ("(max-width: 520px)", 360),
    ("(max-width: 720px)", 560),
    ("(max-width: 900px)", 760),
    ("(max-width: 1100px)", 600),
    (None, 840),
)
"""(media query, image width) for the static chart: close to the chart's width on the page at
those screen widths (base.css: one column below 900 px, chart beside the controls above), so the
image's text is drawn at about the size the interactive chart's will be."""


@dataclass(frozen=True)
class StaticChart:
    """What the first view shows in a chart's place: the same view of the same chart, drawn by
    the same figure builder as an SVG (/charts/<id>.svg, context 'page'), so a reader sees the
    chart before any script has run — and without JavaScript at all."""

    chart_id: str
    query: str
    """The view's image parameters (dashboard.site.share.image_query)."""
    height: int
    alt: str
    page_url: str
    """The page's URL for this view (``/trade?chart=…``): a point's record link adds ``obs``."""

    def record_url(self, obs_id: str) -> str:
        """The view with ``obs_id``'s record open in the record panel (no script needed)."""
        separator = "&" if "?" in self.page_url else "?"
        return f"{self.page_url}{separator}{RECORD_PARAMETER}={quote(obs_id, safe='/:')}"

    def app_url(self, width: int) -> str:
        """The image route's URL for this chart at ``width``, which ``make publish`` bakes."""
        # commas separate candidates in a srcset: keep them out of its URLs
        query = f"{self.query.replace(',', '%2C')}&" if self.query else ""
        return f"/charts/{self.chart_id}.svg?{query}context=page&width={width}&height={self.height}"

    def url(self, width: int) -> str:
        """Where the page loads it from: the baked file's immutable URL when there is one."""
        return published_url(self.app_url(width))

    def to_html(self) -> str:
        sources = "".join(
            f'<source media="{media}" srcset="{escape(self.url(width))}">'
            for media, width in IMAGE_WIDTHS
            if media
        )
        width = IMAGE_WIDTHS[-1][1]
        image = (
            f'<img class="first-chart" src="{escape(self.url(width))}" width="{width}" '
            f'height="{self.height}" alt="{escape(self.alt)}" fetchpriority="high">'
        )
        return f"<picture>{sources}{image}</picture>"

    def points_html(self, figure: dict[str, Any]) -> str:
        """The layer of links over the drawn points (``chart_points``): each one's text is the
        interactive chart's hover text for it, shown as a tooltip on hover or focus
        (assets/base.css), and its link opens the point's record. Hidden until
        assets/first-chart.js has placed the links over the image's own points; one tab stop,
        the arrow keys move between the points."""
        points = chart_points(figure)
        if not points:
            return ""
        links = "".join(
            f'<a class="chart-point" href="{escape(self.record_url(point.obs_id))}" '
            f'data-obs="{escape(point.obs_id)}" tabindex="{0 if index == 0 else -1}">'
            f'<span class="chart-point-tip">{hover_html(point.hover)}</span></a>'
            for index, point in enumerate(points)
        )
        label = "Points of the chart: each gives its value and source, and opens its record"
        return f'<div class="chart-points" role="group" aria-label="{label}" hidden>{links}</div>'


@dataclass(frozen=True)
class ChartPoint:
    obs_id: str
    hover: str
    """The figure's hover text for the point (Plotly's markup: <b>, <i>, <br>, <span>)."""


def chart_points(figure: dict[str, Any]) -> list[ChartPoint]:
    """The points the interactive chart answers hover and click for — every drawn point of a
    trace with customdata, on the main axes — in the order the figure's SVG draws them: bars
    (their layer is under the markers'), then markers, each in trace and point order. A point
    without both coordinates is not drawn, so it has no place here either."""
    bars: list[ChartPoint] = []
    markers: list[ChartPoint] = []
    for trace in figure.get("data", []):
        custom = trace.get("customdata")
        if not custom or trace.get("yaxis", "y") != "y" or trace.get("visible", True) is not True:
            continue
        texts = trace.get("hovertext") or []
        xs, ys = trace.get("x") or [], trace.get("y") or []
        found = bars if trace.get("type") == "bar" else markers
        for index, item in enumerate(custom):
            if index >= len(xs) or index >= len(ys) or xs[index] is None or ys[index] is None:
                continue
            obs_id = item[0] if isinstance(item, list | tuple) else item
            text = texts[index] if isinstance(texts, list) and index < len(texts) else ""
            found.append(ChartPoint(str(obs_id), str(text)))
    return [*bars, *markers]


HOVER_TAG = re.compile(r"<(/?)(b|i|em|sup|sub|br|span)\b[^>]*>", re.IGNORECASE)
"""The markup Plotly draws in hover text; any other tag is shown as the text it is."""


def hover_html(text: str) -> str:
    """Plotly hover text as HTML with the same words and line breaks: its tags as themselves
    (a <span>, in the figure only a smaller line, as <small>), entities read as Plotly reads
    them, everything else escaped."""
    parts, position = [], 0
    for tag in HOVER_TAG.finditer(text):
        parts.append(escape(unescape(text[position : tag.start()])))
        closing, name = tag.group(1), tag.group(2).lower()
        if name == "br":
            parts.append("<br>")
        else:
            parts.append(f"<{closing}{'small' if name == 'span' else name}>")
        position = tag.end()
    parts.append(escape(unescape(text[position:])))
    return "".join(parts)


def show_static_chart(graph: Component, chart: StaticChart) -> Component:
    """Mark a dcc.Graph to be drawn as ``chart`` in the first view. Not a Dash property: the
    app never sees it."""
    graph.first_view_chart = chart  # type: ignore[attr-defined]
    return graph


def _style(style: dict[str, Any]) -> str:
    def css_name(name: str) -> str:
        return "".join(f"-{c.lower()}" if c.isupper() else c for c in name)

    return "; ".join(f"{css_name(k)}: {v}" for k, v in style.items())


def _attributes(component: Component, skip: Iterable[str] = ()) -> str:
    parts = []
    wildcards = [k for k in vars(component) if k.startswith(("aria-", "data-"))]
    for name in [*component._prop_names, *wildcards]:
        value = getattr(component, name, None)
        kept = name == "id" and isinstance(value, str) and value in KEPT_IDS
        skipped = name in SKIPPED_PROPS or name in skip or value is None or value is False
        if skipped and not kept:
            continue
        if name == "style" and isinstance(value, dict):
            value = _style(value)
        name = ATTRIBUTE_NAMES.get(name, name)
        parts.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return "".join(parts)


def to_html(node: Any) -> str:
    """HTML for a tree of Dash components: html.* elements as themselves, dcc.Link as a link,
    dcc.Graph as a box of its height holding its static chart (``show_static_chart``) or saying
    the chart is on its way, option lists and number and search boxes showing their values,
    text areas (the embed snippets) read-only, other dcc components left out (they appear with
    the app)."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, str | int | float):
        return escape(str(node))
    if isinstance(node, list | tuple):
        return "".join(to_html(child) for child in node)
    if not isinstance(node, Component):
        return ""
    kind = (node._namespace, node._type)
    children = getattr(node, "children", None)
    if kind[0] == "dash_html_components":
        tag = kind[1].lower()
        if tag in VOID_TAGS:
            return f"<{tag}{_attributes(node)}>"
        return f"<{tag}{_attributes(node)}>{to_html(children)}</{tag}>"
    if kind == ("dash_core_components", "Link"):
        attributes = _attributes(node, ("href", "refresh"))
        return f'<a href="{escape(node.href)}"{attributes}>{to_html(children)}</a>'
    if kind in (("dash_core_components", "Checklist"), ("dash_core_components", "RadioItems")):
        return _options(node, "checkbox" if kind[1] == "Checklist" else "radio")
    if kind == ("dash_core_components", "Input") and getattr(node, "type", None) in INPUT_TYPES:
        return _input(node)
    if kind == ("dash_core_components", "Textarea"):
        rows = getattr(node, "rows", None)
        attributes = f' rows="{escape(str(rows))}"' if rows else ""
        value = escape(str(getattr(node, "value", None) or ""))
        return f"<textarea readonly{attributes}>{value}</textarea>"
    if kind == ("dash_core_components", "Graph"):
        chart = getattr(node, "first_view_chart", None)
        figure = getattr(node, "figure", None) or {}
        content, kind = (
            (chart.to_html() + chart.points_html(figure), " static-chart")
            if chart
            else (GRAPH_NOTE, "")
        )
        box = escape(getattr(node, "className", None) or "")
        return f'<div class="{box} graph-pending{kind}">{content}</div>'
    return ""


def _options(node: Component, input_type: str) -> str:
    """A checklist or radio group showing its current choice. ``inert``: it takes no input until
    the app, whose own control replaces it, is there (a choice made here would be lost)."""
    value = getattr(node, "value", None)
    chosen = value if isinstance(value, list) else [value]
    name = escape(str(node.id))
    items = []
    for option in _option_dicts(getattr(node, "options", None)):
        checked = " checked" if option["value"] in chosen else ""
        disabled = " disabled" if option.get("disabled") else ""
        items.append(
            f'<label><input type="{input_type}" name="{name}-first-view" '
            f'value="{escape(str(option["value"]))}"{checked}{disabled}>'
            f"<span>{to_html(option['label'])}</span></label>"
        )
    kind = escape(getattr(node, "className", None) or "")
    return f'<div class="{kind}" inert>{"".join(items)}</div>'


def _option_dicts(options: Any) -> list[dict[str, Any]]:
    """Dash's shorthand option forms ([value, ...] and {value: label}) as option dicts."""
    if isinstance(options, dict):
        return [{"label": label, "value": value} for value, label in options.items()]
    return [o if isinstance(o, dict) else {"label": str(o), "value": o} for o in options or []]


def _input(node: Component) -> str:
    """A number or search box showing its current value, with its class (its size is the app's
    box's); ``inert`` like the option lists."""
    attributes = "".join(
        f' {ATTRIBUTE_NAMES.get(name, name)}="{escape(str(value))}"'
        for name in ("value", "placeholder", "min", "max", "className")
        if (value := getattr(node, name, None)) not in (None, "")
    )
    return f'<input type="{node.type}"{attributes} inert>'
