"""The dashboard in a real browser, against its DOM contract.

Every page: one <h1>, a title, <html lang="en">, a <nav> linking every page, no console errors, no
serious or critical axe-core violations. Topic pages: the chart explorer (#explorer) — every plotted
point carries its obs_id in customdata and the chart plots exactly the observations the API lists
for it; hovering a point shows a citation, clicking it opens its record with the quote; each control
writes itself to the URL and a reload restores it; bad URL parameters fall back with a notice.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlparse

import pandas as pd
import pytest

from dashboard.charts.declarations import declared_pages
from dashboard.site.layout import NAV

REPO = Path(__file__).resolve().parents[2]
PARQUET = REPO / "datasets" / "parquet"  # what the served app reads (tests/browser/conftest.py)
PAGES = [path for path, _ in NAV]  # every registered page (tests/test_pages.py)
TOPICS = [page.path for page in declared_pages()]
GRAPH = "#explorer-graph .js-plotly-plot"

# True once the Dash renderer has mounted and no callback is requested, queued or running.
DASH_IDLE_JS = """() => {
    const store = window.store;
    if (!store || !document.querySelector('#react-entry-point')) return false;
    const state = store.getState();
    if (state.isLoading) return false;
    if (document.querySelector('._dash-loading, [data-dash-is-loading="true"]')) return false;
    const callbacks = Object.assign({}, state.callbacks || {});
    delete callbacks.stored;
    delete callbacks.completed;
    return Object.values(callbacks).every(v => !Array.isArray(v) || v.length === 0);
}"""

# Every data point's obs_id: the first element of its customdata. Traces without customdata are
# decorations (connectors, gaps, events).
OBS_IDS_JS = """(selector) => {
    const gd = document.querySelector(selector);
    const ids = [];
    for (const trace of gd.data) {
        if (!trace.customdata) continue;
        for (const cd of Array.from(trace.customdata)) {
            const id = Array.isArray(cd) ? cd[0] : cd;
            if (id !== null && id !== undefined) ids.push(String(id));
        }
    }
    return ids;
}"""

# Screen position of a point (curve c, point i) from Plotly's own axis conversions.
POINT_POSITION_JS = """([selector, c, i]) => {
    const gd = document.querySelector(selector);
    const trace = gd._fullData[c];
    const layout = gd._fullLayout;
    const xa = layout['xaxis' + (trace.xaxis || 'x').slice(1)];
    const ya = layout['yaxis' + (trace.yaxis || 'y').slice(1)];
    const point = gd.calcdata[c][i];
    const px = xa._offset + xa.c2p(point.x), py = ya._offset + ya.c2p(point.y);
    if (!isFinite(px) || !isFinite(py)) return null;
    const box = gd.querySelector('.main-svg').getBoundingClientRect();
    return {x: box.left + px, y: box.top + py};
}"""

# Data points as (curve, point index, obs_id) in drawing order, finite points only.
DATA_POINTS_JS = """(selector) => {
    const gd = document.querySelector(selector);
    const out = [];
    gd.data.forEach((trace, c) => {
        if (!trace.customdata || !gd.calcdata[c]) return;
        const custom = Array.from(trace.customdata);
        gd.calcdata[c].forEach((point, i) => {
            const cd = custom[point.i !== undefined ? point.i : i];
            const id = Array.isArray(cd) ? cd[0] : cd;
            if (id == null || !isFinite(point.x) || !isFinite(point.y)) return;
            out.push({curve: c, point: point.i !== undefined ? point.i : i, obs_id: String(id)});
        });
    });
    return out;
}"""


# --- helpers ---------------------------------------------------------------------------------


def open_page(page: Any, url: str) -> Any:
    """Navigate as a reader does — the page arrives whole (its first view), the reader moves the
    pointer, the app starts and takes its place — then wait until Dash has rendered and run its
    callbacks; returns the response."""
    response = page.goto(url, wait_until="load")
    start_app(page)
    wait_for_dash(page)
    return response


APP_DRAWN_JS = "() => document.documentElement.classList.contains('app-drawn')"


def start_app(page: Any) -> None:
    """Move the pointer, as any reader does (assets/boot.js starts the app on it); wait until the
    app has replaced the first view."""
    page.mouse.move(3, 3)
    page.mouse.move(4, 4)  # the pointer may already be at one of the two
    page.wait_for_function(APP_DRAWN_JS)


def wait_for_dash(page: Any) -> None:
    page.wait_for_function(DASH_IDLE_JS)
    page.wait_for_timeout(100)  # a callback chain may queue its next step just after idling
    page.wait_for_function(DASH_IDLE_JS)


def wait_for_graph(page: Any) -> None:
    page.wait_for_selector("#explorer", state="attached")
    page.wait_for_function(
        """(selector) => {
            const gd = document.querySelector(selector);
            return gd && gd._fullLayout && Array.isArray(gd.data) && gd.data.length > 0
                && gd.calcdata;
        }""",
        arg=GRAPH,
    )


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, f"{url}: HTTP {response.status}"
        return json.loads(response.read())


def search_params(page: Any) -> dict[str, list[str]]:
    return parse_qs(page.evaluate("location.search").lstrip("?"), keep_blank_values=True)


def wait_for_param(page: Any, key: str, value: str | None = None) -> None:
    """Wait until location.search holds key (with that value, if given)."""
    page.wait_for_function(
        """([key, value]) => {
            const params = new URLSearchParams(location.search);
            if (!params.has(key)) return false;
            return value === null || params.getAll(key).join(',') === value;
        }""",
        arg=[key, value],
    )


def chart_tabs(page: Any) -> list[tuple[str, str]]:
    """(chart_id, absolute url) for each tab link on the page."""
    tabs = []
    for href in page.eval_on_selector_all("a.chart-tab", "els => els.map(e => e.href)"):
        chart = parse_qs(urlparse(href).query).get("chart", [None])[0]
        assert chart, f"tab link {href!r} carries no ?chart=<chart_id>"
        tabs.append((chart, urljoin(page.url, href)))
    return tabs


def normalize(text: str) -> str:
    return " ".join(text.split())


def format_violations(violations: list[dict], max_nodes: int = 3) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:max_nodes]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
        if len(v["nodes"]) > max_nodes:
            lines.append(f"    … and {len(v['nodes']) - max_nodes} more")
    return "\n".join(lines)


def checked_values(page: Any, control: str) -> list[str]:
    return page.eval_on_selector_all(f"#{control} input:checked", "els => els.map(e => e.value)")


@pytest.fixture(scope="session")
def observations() -> pd.DataFrame:
    return pd.read_parquet(PARQUET / "observations.parquet")


@pytest.fixture(scope="session")
def series() -> pd.DataFrame:
    return pd.read_parquet(PARQUET / "series.parquet").set_index("series_id")


@pytest.fixture(scope="session")
def sources() -> pd.DataFrame:
    return pd.read_parquet(PARQUET / "sources.parquet").set_index("source_id")


# --- every page ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_page_structure(page: Any, app_server: str, path: str):
    response = open_page(page, app_server + path)
    assert response is not None and response.status == 200
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title().strip(), "empty <title>"
    assert page.locator("h1").count() == 1, "expected exactly one <h1>"
    navs = page.eval_on_selector_all(
        "nav",
        "navs => navs.map(n => Array.from(n.querySelectorAll('a[href]')).map(a => a.href))",
    )
    linked = [{urlparse(href).path or "/" for href in hrefs} for hrefs in navs]
    assert any(set(PAGES) <= paths for paths in linked), (
        f"no <nav> links every page; navs link: {[sorted(p) for p in linked]}"
    )


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_console_errors(page: Any, app_server: str, path: str):
    open_page(page, app_server + path)
    if path in TOPICS:
        wait_for_graph(page)
    page.wait_for_timeout(300)  # let late errors (e.g. a failed asset) arrive
    assert page.console_errors == []


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violations(page: Any, app_server: str, axe, path: str):
    open_page(page, app_server + path)
    if path in TOPICS:
        wait_for_graph(page)
    violations = axe(page)
    assert not violations, "\n" + format_violations(violations)


# --- the chart explorer ----------------------------------------------------------------------


@pytest.mark.parametrize("path", TOPICS)
def test_topic_page_has_the_explorer(page: Any, app_server: str, path: str):
    open_page(page, app_server + path)
    wait_for_graph(page)
    assert chart_tabs(page), "no a.chart-tab links"
    for control in ("series", "from", "to", "transform", "base", "scale", "events", "view"):
        assert page.locator(f"#control-{control}").count() == 1, f"#control-{control} missing"
    assert page.locator("#control-from").get_attribute("type") == "number"
    assert page.locator("#control-to").get_attribute("type") == "number"
    assert page.locator("#control-base").get_attribute("type") == "number"
    assert set(
        page.eval_on_selector_all("#control-transform input", "els => els.map(e => e.value)")
    ) == {"level", "change", "index"}
    assert set(
        page.eval_on_selector_all("#control-scale input", "els => els.map(e => e.value)")
    ) == {"linear", "log"}
    assert page.eval_on_selector_all("#control-events input", "els => els.map(e => e.value)") == [
        "on"
    ]
    assert set(
        page.eval_on_selector_all("#control-view input", "els => els.map(e => e.value)")
    ) == {"chart", "table"}
    assert normalize(page.locator("#chart-description").inner_text()), "empty #chart-description"
    assert page.locator("#chart-source").is_visible(), "#chart-source not visible"
    assert normalize(page.locator("#chart-source").inner_text()), "empty #chart-source"
    assert page.locator("#record-panel").count() == 1
    assert page.locator("#explorer-table").count() == 1
    notice = page.locator("#url-notice")
    assert not notice.is_visible() or not normalize(notice.inner_text()), (
        f"#url-notice shown on a clean URL: {notice.inner_text()!r}"
    )


def api_obs_ids(app_server: str, chart_id: str) -> set[str]:
    """The observations the API lists for a chart's default view: every observation of the series
    its catalogue entry declares (the default view sets no year range and no as-of date)."""
    charts = {c["chart_id"]: c for c in get_json(app_server + "/api/v1/charts")["charts"]}
    assert chart_id in charts, f"a chart tab links to {chart_id!r}, which the API does not list"
    series = ",".join(charts[chart_id]["series"])
    url = f"{app_server}/api/v1/observations.csv?series={series}"
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, f"{url}: HTTP {response.status}"
        listed = pd.read_csv(response, usecols=["obs_id"])["obs_id"]
    assert len(listed), f"the API lists no observation for {chart_id}"
    return set(listed)


@pytest.mark.parametrize("path", TOPICS)
def test_every_chart_plots_exactly_its_observations(page: Any, app_server: str, path: str):
    open_page(page, app_server + path)
    tabs = chart_tabs(page)
    assert tabs, "no a.chart-tab links"
    problems = []
    for chart_id, url in tabs:
        open_page(page, url)
        wait_for_graph(page)
        plotted = page.evaluate(OBS_IDS_JS, GRAPH)
        expected = api_obs_ids(app_server, chart_id)
        if not plotted:
            problems.append(f"{chart_id}: no trace carries customdata")
            continue
        missing, extra = expected - set(plotted), set(plotted) - expected
        if missing or extra:
            problems.append(
                f"{chart_id}: missing {sorted(missing)[:5]} ({len(missing)}), "
                f"unexpected {sorted(extra)[:5]} ({len(extra)})"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", TOPICS)
def test_hovering_a_point_shows_its_citation(
    page: Any,
    app_server: str,
    path: str,
    observations: pd.DataFrame,
    series: pd.DataFrame,
    sources: pd.DataFrame,
):
    """The hover names the point's series, its period and value (as the site writes periods and
    values) and the document it is from, all as the observations table has them."""
    from dashboard.model.formatting import format_observed, format_period

    open_page(page, app_server + path)
    wait_for_graph(page)
    points = page.evaluate(DATA_POINTS_JS, GRAPH)
    assert points, "no data point with customdata"
    first = points[0]
    obs = observations.set_index("obs_id").loc[first["obs_id"]]
    unit = series.loc[obs["series_id"], "unit"]
    low, high = (None if pd.isna(v) else v for v in (obs["value_low"], obs["value_high"]))
    value = format_observed(obs["value"], low, high, obs["qualifier"], unit)
    page.evaluate(
        """([selector, c, i]) => Plotly.Fx.hover(
            document.querySelector(selector), [{curveNumber: c, pointNumber: i}])""",
        [GRAPH, first["curve"], first["point"]],
    )
    hover = page.locator("#explorer-graph .hoverlayer")
    page.wait_for_function(
        "(s) => { const h = document.querySelector(s); return h && h.textContent.trim(); }",
        arg="#explorer-graph .hoverlayer",
    )
    text = normalize(hover.text_content() or "")
    assert normalize(series.loc[obs["series_id"], "title"]) in text, text
    assert f"{format_period(obs['period'])}: {value}" in text, f"{first['obs_id']}: {text!r}"
    citation = normalize(sources.loc[obs["source_id"], "short_citation"])
    assert citation in text, f"{first['obs_id']} is from {citation}: {text!r}"


@pytest.mark.parametrize("path", TOPICS)
def test_clicking_a_point_opens_its_record(
    page: Any, app_server: str, path: str, observations: pd.DataFrame
):
    open_page(page, app_server + path)
    wait_for_graph(page)
    evidence = observations.set_index("obs_id")["evidence"].dropna().to_dict()
    points = [p for p in page.evaluate(DATA_POINTS_JS, GRAPH) if p["obs_id"] in evidence]
    assert points, "no plotted point is a stated observation with a quote"
    page.evaluate(
        """(s) => { window.__clicked = [];
            document.querySelector(s).on('plotly_click', e =>
                window.__clicked.push(e.points.map(p => p.customdata))); }""",
        GRAPH,
    )
    target = points[0]
    position = page.evaluate(POINT_POSITION_JS, [GRAPH, target["curve"], target["point"]])
    assert position, f"point {target} has no screen position"
    page.mouse.move(position["x"], position["y"])
    page.wait_for_function(
        "(s) => (document.querySelector(s)._hoverdata || []).length > 0", arg=GRAPH
    )
    page.mouse.click(position["x"], position["y"])
    page.wait_for_function("() => window.__clicked.length > 0")
    clicked = page.evaluate("window.__clicked[0][0]")
    obs_id = clicked[0] if isinstance(clicked, list) else clicked
    assert obs_id in evidence, f"the click landed on {obs_id!r}, which has no quote"
    wait_for_dash(page)
    panel = page.locator("#record-panel")
    page.wait_for_function(
        "(s) => document.querySelector(s).textContent.includes('Evidence')", arg="#record-panel"
    )
    text = normalize(panel.inner_text())
    assert "Evidence" in text
    assert normalize(evidence[obs_id]) in text, f"quote of {obs_id} not in record panel: {text!r}"


# --- URL state -------------------------------------------------------------------------------

TRADE = "/trade"


def _set_number(page: Any, control: str, value: int) -> None:
    box = page.locator(f"#{control}")
    box.fill(str(value))
    box.press("Enter")  # dcc.Input(debounce=True) commits on Enter or blur
    box.blur()


def _number_bounds(page: Any, control: str) -> tuple[int, int]:
    box = page.locator(f"#{control}")
    low, high = box.get_attribute("min"), box.get_attribute("max")
    assert low and high, f"#{control} has no min/max"
    return int(float(low)), int(float(high))


def _reload(page: Any) -> None:
    url = page.url
    open_page(page, url)
    wait_for_graph(page)


@pytest.mark.parametrize("value", ["log"])
def test_scale_is_kept_in_the_url(page: Any, app_server: str, value: str):
    open_page(page, app_server + TRADE)
    wait_for_graph(page)
    page.locator(f"#control-scale input[value='{value}']").check()
    wait_for_param(page, "scale", value)
    _reload(page)
    assert page.locator(f"#control-scale input[value='{value}']").is_checked()
    assert page.evaluate("(s) => document.querySelector(s)._fullLayout.yaxis.type", GRAPH) == "log"


@pytest.mark.parametrize("value", ["change", "index"])
def test_transform_is_kept_in_the_url(page: Any, app_server: str, value: str):
    open_page(page, app_server + TRADE)
    wait_for_graph(page)
    page.locator(f"#control-transform input[value='{value}']").check()
    wait_for_param(page, "transform", value)
    wait_for_dash(page)
    _reload(page)
    assert page.locator(f"#control-transform input[value='{value}']").is_checked()


def test_view_table_is_kept_in_the_url_and_shows_the_table(page: Any, app_server: str):
    open_page(page, app_server + TRADE)
    wait_for_graph(page)
    page.locator("#control-view input[value='table']").check()
    wait_for_param(page, "view", "table")
    page.wait_for_selector("#explorer-table", state="visible")
    _reload(page)
    assert page.locator("#control-view input[value='table']").is_checked()
    table = page.locator("#explorer-table")
    assert table.is_visible()
    assert table.locator("tr").count() > 1, "the table has no data rows"


def test_events_toggle_is_kept_in_the_url(page: Any, app_server: str):
    open_page(page, app_server + TRADE)
    wait_for_graph(page)
    box = page.locator("#control-events input[value='on']")
    was_on = box.is_checked()
    box.set_checked(not was_on)
    page.wait_for_function("() => new URLSearchParams(location.search).has('events')")
    _reload(page)
    assert page.locator("#control-events input[value='on']").is_checked() == (not was_on)


@pytest.mark.parametrize("control,key", [("control-from", "from"), ("control-to", "to")])
def test_year_range_is_kept_in_the_url(page: Any, app_server: str, control: str, key: str):
    open_page(page, app_server + TRADE)
    wait_for_graph(page)
    low, high = _number_bounds(page, control)
    assert high - low >= 2, f"#{control} range {low}–{high} too short to test"
    year = low + 1 if key == "from" else high - 1
    _set_number(page, control, year)
    wait_for_param(page, key, str(year))
    wait_for_dash(page)
    _reload(page)
    assert page.locator(f"#{control}").input_value() == str(year)


def test_index_base_year_is_kept_in_the_url(page: Any, app_server: str, observations: pd.DataFrame):
    open_page(page, app_server + TRADE)
    wait_for_graph(page)
    series = checked_values(page, "control-series-picker")
    annual = observations[
        observations["series_id"].isin(series) & (observations["period_kind"] == "year")
    ]
    assert set(annual["series_id"]) == set(series), f"a default /trade series has no year: {series}"
    years = sorted(
        set.intersection(*(set(g["period"].astype(int)) for _, g in annual.groupby("series_id")))
    )
    assert len(years) >= 2, f"the default /trade series {series} share fewer than two years"
    page.locator("#control-transform input[value='index']").check()
    wait_for_param(page, "transform", "index")
    wait_for_dash(page)
    _set_number(page, "control-base", years[1])
    wait_for_param(page, "base", str(years[1]))
    wait_for_dash(page)
    _reload(page)
    assert page.locator("#control-transform input[value='index']").is_checked()
    assert page.locator("#control-base").input_value() == str(years[1])


def test_series_choice_is_kept_in_the_url(page: Any, app_server: str):
    open_page(page, app_server + TRADE)
    wait_for_graph(page)
    boxes = page.locator("#control-series-picker input[type='checkbox']")
    values = boxes.evaluate_all("els => els.map(e => [e.value, e.checked])")
    unchecked = [v for v, on in values if not on]
    checked = [v for v, on in values if on]
    assert len(values) >= 2, "the /trade series picker offers more than one series"
    if unchecked:
        page.locator(f"#control-series-picker input[value='{unchecked[0]}']").check()
        wanted = {*checked, unchecked[0]}
    else:
        page.locator(f"#control-series-picker input[value='{checked[-1]}']").uncheck()
        wanted = set(checked[:-1])
    page.wait_for_function(
        """(wanted) => {
            const got = new URLSearchParams(location.search).getAll('series')
                .flatMap(v => v.split(',')).filter(Boolean);
            return got.length === wanted.length && wanted.every(s => got.includes(s));
        }""",
        arg=sorted(wanted),
    )
    wait_for_dash(page)
    _reload(page)
    assert set(checked_values(page, "control-series-picker")) == wanted


def test_invalid_url_parameters_fall_back_with_a_notice(page: Any, app_server: str):
    open_page(page, app_server + TRADE)
    wait_for_graph(page)
    default_from = page.locator("#control-from").input_value()

    response = open_page(page, app_server + TRADE + "?transform=bogus&from=abc")
    assert response is not None and response.status == 200
    wait_for_graph(page)
    notice = page.locator("#url-notice")
    assert notice.is_visible(), "#url-notice not visible for invalid parameters"
    text = normalize(notice.inner_text())
    assert "transform" in text, f"notice does not name 'transform': {text!r}"
    assert "from" in text, f"notice does not name 'from': {text!r}"
    assert page.locator("#control-transform input[value='level']").is_checked()
    assert page.locator("#control-from").input_value() == default_from
    assert page.console_errors == []


FOCUS_JS = """() => { const e = document.activeElement;
    return e ? (e.id || e.tagName) + (e.value ? '=' + e.value : '') : null; }"""


def tab_to(page: Any, selector: str, limit: int = 80) -> list[str]:
    """Press Tab, as a keyboard reader does, until the focus is inside ``selector``; returns the
    elements the focus passed through. Fails if ``limit`` presses do not get there."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.closest(s) !== null", selector):
            return passed
        passed.append(page.evaluate(FOCUS_JS))
    raise AssertionError(f"{limit} Tabs never reached {selector}: {passed}")


def test_controls_work_from_the_keyboard(page: Any, app_server: str):
    """From the top of the page, Tab reaches the vertical-axis radios and the arrow key chooses
    the log scale; Tab moves on to the events box, which Space turns off, and on to the
    chart/table radios, where the arrow key switches to the table. Each change reaches the chart
    and the URL: the controls are native inputs, reachable and operable without a mouse."""
    open_page(page, app_server + TRADE)
    wait_for_graph(page)
    axis_type = "(s) => document.querySelector(s)._fullLayout.yaxis.type"
    assert page.evaluate(axis_type, GRAPH) == "linear"
    page.evaluate("() => document.activeElement && document.activeElement.blur()")

    passed = tab_to(page, "#control-scale")
    assert "control-from" in passed and "control-to" in passed, "Tab follows the panel's order"
    assert page.evaluate(FOCUS_JS) == "INPUT=linear", "Tab lands on the chosen radio"
    page.keyboard.press("ArrowRight")
    wait_for_param(page, "scale", "log")
    page.wait_for_function(f"(s) => ({axis_type})(s) === 'log'", arg=GRAPH)
    assert page.locator("#control-scale input[value='log']").is_checked()

    tab_to(page, "#control-events", limit=3)
    page.keyboard.press("Space")
    wait_for_param(page, "events", "off")
    assert not page.locator("#control-events input[value='on']").is_checked()

    tab_to(page, "#control-view", limit=5)
    page.keyboard.press("ArrowRight")
    wait_for_param(page, "view", "table")
    page.wait_for_selector("#explorer-table", state="visible")
    assert not page.locator("#explorer-graph").is_visible()
    assert search_params(page)["scale"] == ["log"], "each change keeps the others"


def test_a_narrow_screen_keeps_the_chart_inside_the_page(page: Any, app_server: str):
    page.set_viewport_size({"width": 360, "height": 800})
    open_page(page, app_server + TRADE)
    wait_for_graph(page)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.querySelector('#explorer-graph .main-svg').getBoundingClientRect().right]"
    )
    scroll_width, client_width, svg_right = widths
    assert scroll_width <= client_width, "the page scrolls sideways at 360 px"
    assert svg_right <= client_width + 1, "the chart overflows the screen at 360 px"


def test_a_derived_point_shows_its_method_and_its_inputs_open_their_own_records(
    page: Any, app_server: str, observations: pd.DataFrame
):
    derived = observations[observations["qualifier"] == "derived"].set_index("obs_id")
    open_page(page, app_server + "/trade")
    wait_for_graph(page)
    points = [p for p in page.evaluate(DATA_POINTS_JS, GRAPH) if p["obs_id"] in derived.index]
    assert points, "the turnover chart draws no derived point"
    target = points[0]
    position = page.evaluate(POINT_POSITION_JS, [GRAPH, target["curve"], target["point"]])
    page.mouse.move(position["x"], position["y"])
    page.wait_for_function(
        "(s) => (document.querySelector(s)._hoverdata || []).length > 0", arg=GRAPH
    )
    page.mouse.click(position["x"], position["y"])
    page.wait_for_function(
        "(s) => document.querySelector(s).textContent.includes('Method')", arg="#record-panel"
    )
    inputs = list(derived.loc[target["obs_id"], "derived_from"])
    buttons = page.locator("#record-panel button.link-button")
    assert buttons.count() == len(inputs)
    buttons.first.click()
    page.wait_for_function(
        "(s) => document.querySelector(s).textContent.includes('Evidence')", arg="#record-panel"
    )
    text = normalize(page.locator("#record-panel").inner_text())
    assert normalize(observations.set_index("obs_id").loc[inputs[0], "evidence"]) in text


# --- sharing: images, links, embeds ----------------------------------------------------------


def test_share_links_follow_the_view_on_screen(page: Any, app_server: str):
    open_page(page, app_server + TRADE)
    wait_for_graph(page)
    page.locator("#control-scale input[value='log']").check()
    page.wait_for_function(
        "() => document.querySelector('#download-png').href.includes('axis=log')"
    )
    assert "axis=log" in page.locator("#download-svg").get_attribute("href")
    page.locator(".embed summary").click()
    img = page.locator("#embed-img").input_value()
    assert img.startswith("<img src=") and 'alt="Belarus–Ukraine trade collapsed' in img
    assert "axis=log" in img and "axis=log" in page.locator("#embed-iframe").input_value()


def test_copy_image_link_puts_the_link_on_the_clipboard(browser: Any, app_server: str):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        open_page(page, app_server + TRADE)
        page.locator("#copy-image-link").click()
        page.wait_for_function(
            "() => document.querySelector('#copy-image-link').textContent.includes('copied')"
        )
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(app_server + "/charts/ua-turnover.png?")
    finally:
        context.close()


def test_img_and_iframe_embeds_load_from_a_plain_html_page(page: Any, app_server: str):
    image = f"{app_server}/charts/polls.png?preset=article"
    frame = f"{app_server}/embed/polls"
    page.set_content(
        f'<!DOCTYPE html><html lang="en"><body><h1>A newspaper article</h1>'
        f'<img id="chart-image" src="{image}" width="800" height="500" alt="polls">'
        f'<iframe id="chart-frame" src="{frame}" width="800" height="640" title="polls"></iframe>'
        f"</body></html>"
    )
    page.wait_for_function(
        "() => { const i = document.getElementById('chart-image'); "
        "return i.complete && i.naturalWidth > 0; }",
        timeout=30_000,
    )
    assert page.evaluate("document.getElementById('chart-image').naturalWidth") == 800
    embedded = page.frame_locator("#chart-frame")
    embedded.locator("#chart .main-svg").first.wait_for(timeout=20_000)
    assert embedded.locator("#chart .scatterlayer .points path").count() >= 2
    assert "Ukrainians' positive attitudes" in embedded.locator("#chart").inner_text()


# --- the server-rendered first view ------------------------------------------------------------


def test_without_javascript_a_page_still_shows_its_chart_text_sources_and_links(
    browser: Any, app_server: str
):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        images = []
        page.on("response", lambda r: images.append(r) if "/charts/" in r.url else None)
        page.goto(app_server + "/trade?chart=ua-flows", wait_until="load")
        assert page.locator("h1").inner_text() == "Trade"
        assert [urlparse(r.url).path for r in images] == ["/charts/ua-flows.svg"]
        assert images[0].status == 200, "the chart itself, as an image"
        assert page.locator("h2.chart-title").is_visible()
        assert page.locator("p.source-line").inner_text().startswith("Source")
        assert page.locator("nav.site-nav a").count() == len(PAGES)
    finally:
        context.close()


LAYOUT_SHIFTS_JS = """window.__shifts = 0; new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value;
}).observe({type: 'layout-shift', buffered: true});"""
STATIC_CHART_JS = """() => { const i = document.querySelector('#prerender img.first-chart');
    return i !== null && i.complete && i.naturalWidth > 0; }"""


APP_SCRIPTS = "**/_dash-component-suites/**"
"""The app's scripts (Dash's, React's, the components'): blocked, the first view stays."""


def test_the_first_view_shows_the_chart_and_its_settings_until_the_app_has_drawn(
    page: Any, app_server: str
):
    page.route(APP_SCRIPTS, lambda route: route.abort())
    page.goto(app_server + "/trade?chart=ua-flows", wait_until="load")
    page.wait_for_function(STATIC_CHART_JS)
    assert page.locator("#explorer").count() == 0
    box = page.locator("#prerender .graph").bounding_box()
    assert box and box["height"] == 460
    assert page.locator("#prerender .control-panel input:checked").count() >= 3


def test_the_first_view_gives_way_to_the_app_in_place_with_nothing_shifting(
    page: Any, app_server: str
):
    page.add_init_script(LAYOUT_SHIFTS_JS)
    page.goto(app_server + "/trade", wait_until="load")
    start_app(page)
    page.wait_for_function(DASH_IDLE_JS)
    assert page.locator("#prerender").count() == 0, "the first view is removed once replaced"
    assert page.locator("h1").count() == 1 and page.locator("#explorer").is_visible()
    assert page.locator(GRAPH + " .scatterlayer .points path").count() > 0, "drawn before shown"
    assert page.evaluate("window.__shifts") < 0.01
    assert not page.console_errors


def test_when_the_static_chart_cannot_load_the_app_starts_by_itself(page: Any, app_server: str):
    """E.g. a server without chromium answers 503 for images: the reader then gets the
    interactive chart without having to do anything."""
    page.route("**/charts/*.svg?*", lambda route: route.fulfill(status=503, body="no renderer"))
    page.goto(app_server + "/debt", wait_until="load")
    page.wait_for_function(APP_DRAWN_JS)
    wait_for_graph(page)
    assert page.locator("#prerender").count() == 0


def test_the_app_takes_over_even_if_its_chart_never_draws(page: Any, app_server: str):
    """Should the interactive chart fail (here its code chunk is blocked), the first view does not
    stay on screen with controls that take no input."""
    page.route("**/async-graph.js", lambda route: route.abort())
    page.goto(app_server + "/trade", wait_until="load")
    page.wait_for_function(STATIC_CHART_JS)
    start_app(page)  # waits for the swap, within the default timeout (10 s)
    assert page.locator("#prerender").count() == 0
    assert page.locator("#control-series-picker input").count() > 0


FOCUSED_JS = """() => [document.activeElement.tagName, document.activeElement.textContent,
    document.activeElement.closest('#react-entry-point') !== null]"""


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("nav.site-nav a[href='/energy']", ["A", "Energy", True]),
        (".embed summary", ["SUMMARY", "Embed this chart", True]),
    ],
)
def test_focus_starts_the_app_and_the_focused_element_keeps_the_focus(
    page: Any, app_server: str, selector: str, expected: list
):
    """A keyboard reader's first Tab lands in the first view; the app then takes its place."""
    page.goto(app_server + "/trade", wait_until="load")
    page.wait_for_function(STATIC_CHART_JS)
    page.locator("#prerender " + selector).focus()  # focus alone starts the app
    page.wait_for_function(APP_DRAWN_JS)
    assert page.evaluate(FOCUSED_JS) == expected


@pytest.mark.parametrize("path", ["/", "/trade", "/more?chart=troops", "/sources"])
def test_the_first_view_has_no_serious_accessibility_violations(
    page: Any, app_server: str, axe, path: str
):
    """What a reader (and a screen reader) gets before the app has started — the static chart's
    points included (the app's scripts are blocked, so the first view stays)."""
    page.route(APP_SCRIPTS, lambda route: route.abort())
    page.goto(app_server + path, wait_until="load")
    if path != "/" and path != "/sources":
        page.wait_for_function(STATIC_CHART_JS)
        page.wait_for_selector("#prerender .chart-points:not([hidden])", state="attached")
    assert page.locator("#prerender").count() == 1
    page.evaluate(
        "() => document.querySelectorAll('#prerender details').forEach(d => d.open = true)"
    )
    violations = axe(page)
    assert not violations, "\n" + format_violations(violations)
