"""Every page's HTML carries its first view, rendered on the server from the same layout the app
renders: the whole page — chart as an SVG, controls showing their settings — before (and without)
JavaScript; the app's scripts download after it is drawn and run when the reader interacts."""

from __future__ import annotations

import io
import re
from html import escape, unescape
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest
from dash import dcc, html

from dashboard.charts.declarations import default_registry
from dashboard.charts.figures import build_figure
from dashboard.charts.state import parse_state
from dashboard.exports import images
from dashboard.model.formatting import format_observed, format_period
from dashboard.site.explorer import PAGE_FIGURE
from dashboard.site.layout import NAV
from dashboard.site.prerender import GRAPH_NOTE, IMAGE_WIDTHS, hover_html, to_html

PAGES = [path for path, _ in NAV]  # every registered page (tests/test_pages.py)


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
    ids = re.findall(r' id="([^"]*)"', view)
    assert ids == ["main"], "ids belong to the app's own nodes, but for the skip link's target"


def test_a_topic_page_shows_the_view_its_url_asks_for_with_its_source_and_description(
    client, dataset
):
    view = first_view(client.get("/trade?chart=ua-flows&from=2021").get_data(as_text=True))
    assert "Belarus sold Ukraine far more than it bought" in view  # the chart's title
    assert 'class="source-line">Source: Rad &amp; Chornogor (2024)' in view
    assert "2 points from 2021" in view  # the generated text description


def static_chart_urls(view: str) -> list[str]:
    picture = re.search(r"<picture>(.*?)</picture>", view, re.S)
    assert picture, "no static chart"
    return [unescape(u) for u in re.findall(r'(?:srcset|src)="([^"]+)"', picture.group(1))]


def test_the_first_view_draws_the_chart_of_its_view_as_an_svg_at_each_screen_width(client):
    view = first_view(
        client.get("/trade?chart=ua-flows&from=2021&scale=log").get_data(as_text=True)
    )
    urls = static_chart_urls(view)
    assert len(urls) == len(IMAGE_WIDTHS)
    widths = []
    for url in urls:
        parts = urlsplit(url)
        assert parts.path == "/charts/ua-flows.svg"
        args = dict(parse_qsl(parts.query))
        assert args["from"] == "2021" and args["axis"] == "log" and args["context"] == "page"
        assert args["series"].split(",") == [
            "trade.by_ua.exports",
            "trade.by_ua.imports",
            "trade.by_ua.balance",
        ]
        assert args["height"] == "460", "the page's chart box (no shift when the app replaces it)"
        widths.append(int(args["width"]))
    assert widths == [w for _, w in IMAGE_WIDTHS]
    assert 'alt="Chart: Belarus sold Ukraine far more than it bought"' in view


def test_the_static_chart_is_the_pages_figure_without_the_text_the_page_shows_around_it(
    client, monkeypatch
):
    drawn = []

    def render(figure, fmt, width, height, scale):
        drawn.append((figure, fmt, width, height))
        return b"<svg></svg>"

    monkeypatch.setattr(images.RENDERER, "render", render)
    view = first_view(client.get("/debt?from=2013").get_data(as_text=True))
    url = static_chart_urls(view)[0]
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    figure, fmt, width, height = drawn[0]
    assert (fmt, width, height) == ("svg", IMAGE_WIDTHS[0][1], 460)
    assert not figure["layout"].get("title"), "the page shows the title as HTML"
    assert not figure["layout"].get("annotations") or all(
        "Source" not in a.get("text", "") for a in figure["layout"]["annotations"]
    ), "the page shows the source line as HTML"
    assert min(x for t in figure["data"] for x in t.get("x", []) if x)[:4] >= "2013"


def test_a_table_view_shows_its_table_and_no_chart_image(client):
    view = first_view(client.get("/trade?view=table").get_data(as_text=True))
    assert "<picture>" not in view and "<table" in view


def test_the_controls_show_the_views_settings_and_wait_for_the_app(client, registry, dataset):
    from dashboard.site.series_picker import series_groups

    view = first_view(
        client.get("/trade?chart=ua-flows&from=2015&transform=change").get_data(as_text=True)
    )
    panel = view[view.index('class="control-panel"') :]
    assert re.search(r'value="trade\.by_ua\.exports" checked', panel)
    assert not re.search(r'value="trade\.by_ua\.turnover" checked', panel)
    assert re.search(r'<input type="number" value="2015"[^>]*inert>', panel)
    assert re.search(r'value="change" checked', panel) and not re.search(
        r'value="level" checked', panel
    )
    lists = re.findall(r'<div class="options[^"]*"( inert)?>', panel)
    groups = len(series_groups(registry.get("ua-flows"), dataset))
    assert len(lists) == groups + 5, "series by group, transform, axis, events, as-of, view"
    assert all(lists), "no list takes input yet"
    boxes = re.findall(r'<input type="(?:number|search)"[^>]*>', panel)
    assert boxes and all(box.endswith(" inert>") for box in boxes), "nor any box"
    names = set(re.findall(r'name="([^"]+)"', panel))
    assert names and all(n.endswith("-first-view") for n in names), "never grouped with the app's"


def test_a_vintage_link_shows_only_what_the_documents_had_said_by_then(client):
    view = first_view(client.get("/trade?as_of=2019-12").get_data(as_text=True))
    panel = view[view.index('class="control-panel"') :]
    assert re.search(r'value="2019-12" checked', panel)
    source = unescape(re.search(r'class="source-line"[^>]*>([^<]*)<', view).group(1))
    assert "Moshes & Nizhnikau (2018)" in source and "Rad & Chornogor" not in source


def test_a_link_parameter_that_was_not_understood_is_said_in_the_first_view_too(client):
    view = first_view(client.get("/trade?chart=nope").get_data(as_text=True))
    assert "Ignored &#x27;chart=nope&#x27;" in view


def test_the_apps_scripts_are_listed_inert_and_only_the_first_views_own_scripts_run(client):
    page = client.get("/trade").get_data(as_text=True)
    executable = re.findall(r'<script src="([^"]+)"', page)
    assert [src.split("?")[0] for src in executable] == [
        "/assets/first-chart.js",
        "/assets/boot.js",
    ], "the static chart's points, then the boot script"
    sources = client.get("/sources").get_data(as_text=True)
    assert [s.split("?")[0] for s in re.findall(r'<script src="([^"]+)"', sources)] == [
        "/assets/boot.js"
    ], "a page without a chart has no points to place"
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
            dcc.Checklist(id="c", options=["a", "b"], value=["b"]),
            dcc.Dropdown(id="d", options=["a"]),
            dcc.Textarea(id="t", value="<img src='x'>", readOnly=True, rows=2),
            html.Label("Year", htmlFor="y"),
            html.Button("record", id={"type": "record-link", "index": 1}),
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
        '<div class="" inert>'
        '<label><input type="checkbox" name="c-first-view" value="a"><span>a</span></label>'
        '<label><input type="checkbox" name="c-first-view" value="b" checked><span>b</span></label>'
        "</div>"
        '<textarea readonly rows="2">&lt;img src=&#x27;x&#x27;&gt;</textarea>'
        "<label>Year</label>"
        "<button>record</button>"
        "<br>"
        "</div>"
    )


def test_a_page_with_a_chart_fetches_the_chart_code_with_the_rest(client):
    """dcc.Graph's code is a chunk it would fetch only on mounting: one round trip saved."""

    def chunks(path: str) -> list[str]:
        page = client.get(path).get_data(as_text=True)
        return re.search(r'<script src="/assets/boot.js[^"]*" data-chunks="([^"]*)"', page)[
            1
        ].split()

    chunk = "/_dash-component-suites/dash/dcc/async-graph.js"
    assert chunks("/trade") == [chunk]
    assert chunks("/sources") == []


def test_only_the_boot_script_downloads_before_the_first_view_is_drawn(client):
    """The app's scripts download once the page is painted (assets/boot.js): on a slow network
    they would otherwise share the chart image's bandwidth."""
    page = client.get("/trade").get_data(as_text=True)
    head = page.split("</head>")[0]
    preloaded = re.findall(r'<link rel="preload" as="script" href="([^"]+)"', head)
    assert [p.split("?")[0] for p in preloaded] == ["/assets/boot.js"]


# --- the static chart's points -----------------------------------------------------------------

POINT_LINK = re.compile(
    r'<a class="chart-point" href="([^"]+)" data-obs="([^"]+)" tabindex="(-?\d)">'
    r'<span class="chart-point-tip">(.*?)</span></a>'
)


def point_links(view: str) -> list[tuple[str, str, str, str]]:
    """(record href, obs_id, tabindex, tooltip HTML) of each point link, in order."""
    return [(unescape(h), unescape(o), t, tip) for h, o, t, tip in POINT_LINK.findall(view)]


def words(markup: str) -> str:
    """Text as a reader sees it: tags gone, line breaks as spaces, entities read."""
    return " ".join(unescape(re.sub(r"<br>", " ", re.sub(r"<(?!br>)[^>]+>", "", markup))).split())


def charts_catalogue(client) -> list[dict]:
    return client.get("/api/v1/charts").get_json()["charts"]


def test_every_charts_first_view_has_one_point_link_per_observation_it_draws(client):
    """The default view of every chart draws every observation of its series (as the browser
    tests check of the interactive chart): the first view has one link for each, no more."""
    problems = []
    for chart in charts_catalogue(client):
        view = first_view(client.get(chart["page"]).get_data(as_text=True))
        linked = [obs for _, obs, _, _ in point_links(view)]
        series = ",".join(chart["series"])
        listed = client.get(f"/api/v1/observations.csv?series={series}").get_data()
        expected = sorted(pd.read_csv(io.BytesIO(listed), usecols=["obs_id"])["obs_id"])
        if sorted(linked) != expected or len(set(linked)) != len(linked):
            problems.append(f"{chart['chart_id']}: links {sorted(linked)} != drawn {expected}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "url",
    [
        "/trade",
        "/trade?chart=ua-flows&from=2021",
        "/trade?transform=change",
        "/energy?chart=transit-tariff",
        "/more?chart=troops&scale=log",
    ],
)
def test_each_point_links_tooltip_has_the_words_of_the_interactive_charts_hover(
    app, client, dataset, url
):
    """Same words, same lines as the figure's hover text for that point; among them the value
    as the site writes it and the document it is from, as the tables have them."""
    query = dict(parse_qsl(urlsplit(url).query))
    page = urlsplit(url).path.strip("/")
    with app.server.app_context():
        registry = default_registry()
        state, _ = parse_state(query, page, registry, dataset)
        figure = build_figure(registry.get(state.chart_id), dataset, state, PAGE_FIGURE)
    hovers = {
        item[0]: text
        for trace in figure["data"]
        if trace.get("customdata") and trace.get("hovertext")
        for item, text in zip(trace["customdata"], trace["hovertext"], strict=True)
    }
    links = point_links(first_view(client.get(url).get_data(as_text=True)))
    assert links and len(links) == len(hovers)
    observations = dataset.observations.set_index("obs_id")
    series = dataset.series.set_index("series_id")
    sources = dataset.sources.set_index("source_id")
    for _, obs_id, _, tip in links:
        assert tip.count("<br>") == hovers[obs_id].count("<br>"), "the same lines"
        assert words(tip) == words(hovers[obs_id]), obs_id
        obs = observations.loc[obs_id]
        low, high = (None if pd.isna(v) else v for v in (obs["value_low"], obs["value_high"]))
        unit = series.loc[obs["series_id"], "unit"]
        value = format_observed(obs["value"], low, high, obs["qualifier"], unit)
        assert f"{format_period(obs['period'])}: {value}" in words(tip), obs_id
        assert sources.loc[obs["source_id"], "short_citation"] in words(tip), obs_id


def test_the_point_links_are_one_tab_stop_in_a_named_group_hidden_until_placed(client):
    view = first_view(client.get("/trade").get_data(as_text=True))
    layer = re.search(r'<div class="chart-points" role="group" aria-label="([^"]+)" hidden>', view)
    assert layer and "value and source" in layer.group(1)
    tabindexes = [t for _, _, t, _ in point_links(view)]
    assert tabindexes[0] == "0" and set(tabindexes[1:]) == {"-1"}


def test_a_point_links_to_the_same_view_with_its_record_open(client, dataset):
    view = first_view(client.get("/trade?chart=ua-flows&from=2021").get_data(as_text=True))
    quoted = dataset.observations.set_index("obs_id")["evidence"].dropna()
    href, obs_id, _, _ = next(link for link in point_links(view) if link[1] in quoted.index)
    parts = urlsplit(href)
    args = dict(parse_qsl(parts.query))
    assert parts.path == "/trade" and args["obs"] == obs_id
    assert args["chart"] == "ua-flows" and args["from"] == "2021", "the same view"
    opened = first_view(client.get(href).get_data(as_text=True))
    record = opened[opened.index('class="record-panel"') :]
    assert "Evidence" in record and escape(quoted[obs_id], quote=False) in unescape(record)
    assert "Ignored" not in opened


def test_a_record_link_to_a_point_the_view_does_not_draw_is_ignored_with_a_notice(client):
    view = first_view(client.get("/trade?chart=ua-flows&obs=nope").get_data(as_text=True))
    assert "Ignored &#x27;obs=nope&#x27;: no such point in this view." in view
    assert "Click a point in the chart" in view[view.index('class="record-panel"') :]


def test_hover_markup_becomes_the_same_html_with_everything_else_escaped():
    text = "<b>A & B</b><br>2021: $5<br><span style='font-size:11px'>Click</span> <img src=x>"
    assert hover_html(text) == (
        "<b>A &amp; B</b><br>2021: $5<br><small>Click</small> &lt;img src=x&gt;"
    )


def test_the_series_filter_box_and_the_keyboard_chart_box_are_drawn_before_the_app(client):
    """What the app will show is there from the first paint — the long series list's filter box
    with its label (inert until the app), the chart's box with how to reach its points — so
    nothing moves when the app takes over."""
    from dashboard.site.explorer import CHART_KEYS

    view = first_view(client.get("/trade?chart=ua-flows").get_data(as_text=True))
    panel = view[view.index('class="control-panel"') :]
    assert re.search(r'<label class="filter-label">Filter series</label>', panel)
    assert re.search(r'<input type="search"[^>]*class="series-filter" inert>', panel)
    assert re.search(r'<p class="filter-status muted" role="status">\d+ series', panel)
    box = re.search(r'<div class="graph-box"[^>]*>', view)
    assert box and 'tabindex="0"' in box.group(0) and 'role="group"' in box.group(0)
    label = re.search(r'aria-label="([^"]+)"', box.group(0))
    assert label and unescape(label.group(1)) == CHART_KEYS
    assert 'class="chart-points" role="group"' in view[box.end() :], "the points are inside it"
