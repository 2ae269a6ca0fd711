"""Pieces every page shares: the site header and navigation, page headings, topic-page setup."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any

import dash
from dash import dcc, html

from dashboard.charts.declarations import ChartRegistry, TopicPage, declared_pages
from dashboard.charts.state import parse_state
from dashboard.model.data import Dataset, active_dataset
from dashboard.site.explorer import explorer_layout, static_chart
from dashboard.site.prerender import IMAGE_WIDTHS, to_html

NAV = (
    ("/", "Overview"),
    *((page.path, page.nav) for page in declared_pages()),
    ("/sources", "Sources"),
    ("/quality", "Quality"),
    ("/data", "Data"),
)
"""The navigation: the overview, the topic pages charts.yaml declares, then the data pages."""


def site_header() -> html.Header:
    return html.Header(
        [
            dcc.Link("belarus-indicators", href="/", className="brand"),
            html.Nav(
                html.Ul([html.Li(dcc.Link(label, href=href)) for href, label in NAV]),
                className="site-nav",
                **{"aria-label": "Pages"},
            ),
        ],
        className="site-header",
    )


def site_footer() -> html.Footer:
    return html.Footer(
        html.P(
            [
                "Every number is cited to the sentence that states it. ",
                dcc.Link("Sources", href="/sources"),
                " · ",
                dcc.Link("Consistency checks", href="/quality"),
                " · ",
                dcc.Link("Data and downloads", href="/data"),
            ]
        ),
        className="site-footer",
    )


def site(content: Any) -> html.Div:
    """The frame of every page: header, the page's content as the main landmark, footer. The
    app renders it around Dash Pages' container; the server-rendered first view around the
    page's own layout (dashboard/site/prerender.py), so both look the same."""
    return html.Div(
        [site_header(), html.Main(content, id="main", tabIndex="-1"), site_footer()],
        className="site",
    )


def page_header(title: str, intro: str) -> html.Div:
    return html.Div([html.H1(title), html.P(intro, className="intro")], className="page-header")


_DATA_ONLY_PAGES: list[Callable[..., Any]] = []


def built_once_per_dataset(layout: Callable[..., Any]) -> Callable[..., Any]:
    """For a page that shows the data and nothing of its URL (Overview, Sources, Quality, Data):
    its layout is built once per dataset, not on every visit (see ``build_data_only_pages``)."""

    @lru_cache(maxsize=2)
    def for_data(_data: Dataset) -> Any:
        return layout()

    @wraps(layout)
    def cached(**_query: str) -> Any:
        return for_data(active_dataset())

    _DATA_ONLY_PAGES.append(cached)
    return cached


def build_data_only_pages() -> None:
    """Build those pages now: at start, and under gunicorn before the workers fork (they share
    the result), instead of on some reader's first visit (up to ~250 ms each)."""
    for layout in _DATA_ONLY_PAGES:
        layout()


def register_page_for_topic(module: str, page: TopicPage, order: int) -> None:
    """Register a topic page at /<id> whose layout is the explorer over the page's charts.

    (Dash imports only page files whose text contains "register_page", hence this name.)
    """

    def layout(**query: str) -> list:
        return [page_header(page.name, page.intro), explorer_layout(page.page_id, page.path, query)]

    dash.register_page(
        module,
        path=page.path,
        name=page.name,
        title=f"{page.name} — belarus-indicators",
        order=order,
        description=page.intro,
        layout=layout,
    )


def first_view(path: str, query: dict[str, str | list[str]]) -> str:
    """The page at ``path`` (as Dash Pages would render it for ``query``) inside the site's frame,
    as HTML for the page shell (dashboard/site/prerender.py); '' for a path that is not a page."""
    page = next((p for p in dash.page_registry.values() if p["path"] == path), None)
    if page is None:
        return ""
    layout = page["layout"](**query) if callable(page["layout"]) else page["layout"]
    return f'<div id="prerender">{to_html(site(layout))}</div>'


def first_view_image_urls(data: Dataset, registry: ChartRegistry) -> list[str]:
    """The image-route URLs of every topic page's first-view chart, opened without a query, at
    every width the page may ask for: what ``make publish`` bakes and the warm-up renders."""
    urls = []
    for path, _ in NAV:
        page = path.strip("/")
        if not registry.for_page(page):
            continue
        state, _ = parse_state({}, page, registry, data)
        chart = static_chart(registry.get(state.chart_id), state)
        urls.extend(chart.app_url(width) for _, width in IMAGE_WIDTHS)
    return urls
