"""Every page's HTML carries its first view, rendered on the server from the same layout the app
renders: readable before (and without) JavaScript, with the app's scripts run after it is drawn."""

from __future__ import annotations

import re

import pytest
from dash import dcc, html

from dashboard.prerender import GRAPH_NOTE, to_html

PAGES = ["/", "/trade", "/energy", "/subsidies", "/debt", "/more", "/sources", "/quality", "/data"]


def first_view(page: str) -> str:
    found = re.search(r'<div id="prerender">(.*?)</div>\s*<div id="react-entry-point">', page, re.S)
    assert found, "no first view before the app's root"
    return found.group(1)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_readable_in_its_html_before_any_script_runs(client, path):
    page = client.get(path).get_data(as_text=True)
    view = first_view(page)
    assert view.count("<h1>") == 1
    assert 'class="site-nav"' in view and 'class="site-footer"' in view
    assert " id=" not in view, "ids belong to the app's own nodes and must stay unique"


def test_a_topic_page_shows_the_view_its_url_asks_for_with_its_source_and_description(
    client, dataset
):
    view = first_view(client.get("/trade?chart=ua-flows&from=2021").get_data(as_text=True))
    assert "Belarus sold Ukraine far more than it bought" in view  # the chart's title
    assert 'class="source-line">Source: Rad &amp; Chornogor (2024)' in view
    assert "2 points from 2021" in view  # the generated text description
    assert GRAPH_NOTE in view and 'class="graph graph-pending"' in view


def test_a_link_parameter_that_was_not_understood_is_said_in_the_first_view_too(client):
    view = first_view(client.get("/trade?chart=nope").get_data(as_text=True))
    assert "Ignored &#x27;chart=nope&#x27;" in view


def test_the_apps_scripts_are_listed_inert_and_started_after_the_first_frame(client):
    page = client.get("/trade").get_data(as_text=True)
    executable = re.findall(r'<script src="([^"]+)"', page)
    assert [src.split("?")[0] for src in executable] == ["/assets/boot.js"]
    inert = re.findall(r'<script type="text/plain" class="boot-script" src="([^"]+)"', page)
    assert any("plotly" in src for src in inert) and any("dash_renderer" in src for src in inert)
    assert inert.index(next(s for s in inert if "plotly" in s)) < inert.index(
        next(s for s in inert if "dash_core_components" in s)
    ), "plotly.js runs before dcc.Graph looks for window.Plotly"
    assert "window.dashBoot.then(function () { new DashRenderer(); });" in page
    assert "dash_table/bundle" not in page, "no page has a DataTable"


def test_components_become_the_html_they_stand_for():
    tree = html.Div(
        [
            html.H2("Title & more", className="t"),
            dcc.Link("Trade", href="/trade?a=1&b=2", className="tab"),
            html.Nav("x", **{"aria-label": "Pages"}),
            html.Div("hidden", style={"display": "none", "marginTop": "1px"}),
            html.A("CSV", href="/x.csv", download=""),
            dcc.Graph(id="g", className="graph"),
            dcc.Checklist(id="c", options=["a"], value=[]),
            html.Br(),
        ],
        id="root",
    )
    assert to_html(tree) == (
        "<div>"
        '<h2 class="t">Title &amp; more</h2>'
        '<a href="/trade?a=1&amp;b=2" class="tab">Trade</a>'
        '<nav aria-label="Pages">x</nav>'
        '<div style="display: none; margin-top: 1px">hidden</div>'
        '<a download="" href="/x.csv">CSV</a>'
        f'<div class="graph graph-pending">{GRAPH_NOTE}</div>'
        "<br>"
        "</div>"
    )


def test_a_page_with_a_chart_fetches_the_chart_code_with_the_rest(client):
    """dcc.Graph's code is a chunk it would fetch only on mounting: one round trip saved."""

    def preloaded(path: str) -> list[str]:
        page = client.get(path).get_data(as_text=True)
        return re.findall(r'<link rel="preload" as="script" href="([^"]+)"', page)

    chunk = "/_dash-component-suites/dash/dcc/async-graph.js"
    assert chunk in preloaded("/trade")
    assert chunk not in preloaded("/sources")


def test_the_scripts_download_from_the_head_while_the_first_view_is_drawn(client):
    page = client.get("/trade").get_data(as_text=True)
    head = page.split("</head>")[0]
    inert = re.findall(r'class="boot-script" src="([^"]+)"', page)
    preloaded = re.findall(r'<link rel="preload" as="script" href="([^"]+)"', head)
    assert preloaded[0].startswith("/assets/boot.js"), "the script the parser waits for, first"
    assert set(inert) <= set(preloaded)
