"""Pieces every page shares: the site header and navigation, page headings, topic-page setup."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard.explorer import explorer_layout

NAV = (
    ("/", "Overview"),
    ("/trade", "Trade"),
    ("/energy", "Energy"),
    ("/subsidies", "Subsidies"),
    ("/debt", "Debt"),
    ("/more", "Politics & security"),
    ("/sources", "Sources"),
    ("/quality", "Quality"),
    ("/data", "Data"),
)


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


def page_header(title: str, intro: str) -> html.Div:
    return html.Div([html.H1(title), html.P(intro, className="intro")], className="page-header")


def register_page_for_topic(module: str, topic: str, name: str, order: int, intro: str) -> None:
    """Register a topic page at /<topic> whose layout is the explorer over the topic's charts.

    (Dash imports only page files whose text contains "register_page", hence this name.)
    """
    path = f"/{topic}"

    def layout(**query: str) -> list:
        return [page_header(name, intro), explorer_layout(topic, path, query)]

    dash.register_page(
        module,
        path=path,
        name=name,
        title=f"{name} — belarus-indicators",
        order=order,
        description=intro,
        layout=layout,
    )
