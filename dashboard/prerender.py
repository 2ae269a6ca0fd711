"""The page's first view as plain HTML in the page shell: readable before any script has run.

A Dash page is an empty shell until ~1.5 MB of JavaScript has loaded and three requests have
come back; on a phone that is seconds of a blank "Loading..." (Lighthouse mobile LCP 5.5 s). The
shell therefore carries the same layout the app is about to render — the same components, turned
into HTML here, so there is one source for both — with the interactive parts (chart, controls)
left as reserved space. CSS (assets/base.css) shows it until the app has drawn the page content,
then shows the app instead in the same frame; the app's nodes were never laid out before, so
nothing shifts. Without JavaScript the reader still gets the text, the sources and the links.

Ids are left out (the app's own nodes carry them; ids must stay unique).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from dash.development.base_component import Component

ATTRIBUTE_NAMES = {
    "className": "class",
    "htmlFor": "for",
    "tabIndex": "tabindex",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "readOnly": "readonly",
}
SKIPPED_PROPS = {
    "id",
    "children",
    "n_clicks",
    "n_clicks_timestamp",
    "disable_n_clicks",
    "loading_state",
    "key",
    "setProps",
}
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr"}
GRAPH_NOTE = "The interactive chart is loading…"


def _style(style: dict[str, Any]) -> str:
    def css_name(name: str) -> str:
        return "".join(f"-{c.lower()}" if c.isupper() else c for c in name)

    return "; ".join(f"{css_name(k)}: {v}" for k, v in style.items())


def _attributes(component: Component, skip: Iterable[str] = ()) -> str:
    parts = []
    wildcards = [k for k in vars(component) if k.startswith(("aria-", "data-"))]
    for name in [*component._prop_names, *wildcards]:
        value = getattr(component, name, None)
        if name in SKIPPED_PROPS or name in skip or value is None or value is False:
            continue
        if name == "style" and isinstance(value, dict):
            value = _style(value)
        name = ATTRIBUTE_NAMES.get(name, name)
        parts.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return "".join(parts)


def to_html(node: Any) -> str:
    """HTML for a tree of Dash components: html.* elements as themselves, dcc.Link as a link,
    dcc.Graph as a box of its height saying the chart is on its way, other dcc controls left
    out (they appear with the app)."""
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
    if kind == ("dash_core_components", "Graph"):
        return f'<div class="{escape(node.className or "")} graph-pending">{GRAPH_NOTE}</div>'
    return ""


def first_view(path: str, query: dict[str, str | list[str]]) -> str:
    """The page at ``path`` (as Dash Pages would render it for ``query``) inside the site's frame,
    as HTML; '' for a path that is not a page."""
    import dash

    from dashboard.layout import site

    page = next((p for p in dash.page_registry.values() if p["path"] == path), None)
    if page is None:
        return ""
    layout = page["layout"](**query) if callable(page["layout"]) else page["layout"]
    return f'<div id="prerender">{to_html(site(layout))}</div>'
