"""The explorer at three times the data, in a real browser: a long series list narrowed from the
keyboard, the open record kept in the URL through control changes, the keyboard's place on the
chart kept when the app takes over from the first view, and static point targets that never
overlap however densely the points are drawn."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pandas as pd
import pytest
from test_smoke import (
    APP_DRAWN_JS,
    DATA_POINTS_JS,
    GRAPH,
    POINT_POSITION_JS,
    normalize,
    open_page,
    wait_for_dash,
    wait_for_graph,
    wait_for_param,
)

from dashboard.charts.state import comparable_series
from dashboard.site.series_picker import SCREENFUL

PARQUET = Path(__file__).resolve().parents[2] / "datasets" / "parquet"
APP_SCRIPTS = "**/_dash-component-suites/**"
PLACED = "#prerender .chart-points:not([hidden])"
ALL_BOXES_JS = """() => Array.from(
    document.querySelectorAll('#control-series-picker input[type=checkbox]'))
    .map(box => [box.value, box.checked])"""
VISIBLE_BOXES_JS = """() => Array.from(
    document.querySelectorAll('#control-series-picker input[type=checkbox]'))
    .filter(box => box.checkVisibility()).map(box => [box.value, box.checked])"""
LINK_BOXES_JS = """() => Array.from(document.querySelectorAll('#prerender a.chart-point'))
    .map(a => { const r = a.getBoundingClientRect();
                return {obs: a.dataset.obs, left: r.left, top: r.top, right: r.right,
                        bottom: r.bottom}; })"""


@pytest.fixture(scope="module")
def data() -> dict[str, pd.DataFrame]:
    return {
        name: pd.read_parquet(PARQUET / f"{name}.parquet")
        for name in ("observations", "series", "sources")
    }


@pytest.fixture(scope="module")
def registry():
    from dashboard.charts.declarations import load_charts
    from dashboard.model.data import load_dataset

    dataset = load_dataset(PARQUET)
    return load_charts(dataset), dataset


def search(page: Any) -> dict[str, list[str]]:
    return parse_qs(page.evaluate("location.search").lstrip("?"))


def test_the_series_filter_narrows_the_list_as_you_type_and_works_from_the_keyboard(
    page: Any, app_server: str, registry, data
):
    """The list folds the topics the chart draws nothing of. Typed into the labelled search
    box, a word leaves the series that name it (and the ticked ones), hides the empty groups
    and opens the topics it finds in; the status says how many match; Tab goes on to the
    first series shown and Space ticks it, which reaches the chart and the URL; clearing the
    box brings every series back, the topics folded again but the one now drawn from."""
    charts, dataset = registry
    spec = next(c for c in charts.charts if len(comparable_series(c, dataset)) > SCREENFUL)
    open_page(page, f"{app_server}/{spec.page}?chart={spec.chart_id}")
    wait_for_graph(page)
    everything = page.evaluate(ALL_BOXES_JS)
    assert len(everything) > SCREENFUL
    folded = page.locator("#control-series-picker details:not([open])").count()
    assert folded and len(page.evaluate(VISIBLE_BOXES_JS)) < len(everything)
    titles = data["series"].set_index("series_id")["title"]
    ticked = {value for value, on in everything if on}
    word = next(
        w
        for value, on in everything
        if not on
        for w in re.findall(r"[a-z]{4,}", titles[value].lower())
        if 0 < sum(w in titles[v].lower() or w in v for v, _ in everything) < len(everything) - 2
    )
    page.locator("label[for='control-series-filter']").click()  # the label focuses the box
    assert page.evaluate("document.activeElement.id") == "control-series-filter"
    page.keyboard.type(word)
    page.wait_for_function(
        "(n) => document.querySelectorAll('#control-series-picker input[type=checkbox]')"
        ".length < n",
        arg=len(everything),
    )
    page.wait_for_timeout(100)  # the topics open in the same update
    shown = page.evaluate(VISIBLE_BOXES_JS)
    matching = [v for v, _ in everything if word in titles[v].lower() or word in v]
    assert {v for v, _ in shown} == set(matching) | ticked
    status = normalize(page.locator("#series-filter-status").inner_text())
    assert status.startswith(f"{len(matching)} of {len(everything)} series match")
    hidden_groups = page.locator("#control-series-picker [hidden]").count()
    assert hidden_groups > 0, "groups left empty are hidden"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY", "its topic, open"
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.type, document.activeElement.value]")
    assert focused == ["checkbox", shown[0][0]], "then the first series shown"
    target = next(v for v, on in shown if not on)
    while page.evaluate("document.activeElement.value") != target:
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.wait_for_function(
        "(s) => (new URLSearchParams(location.search).get('series') || '').split(',').includes(s)",
        arg=target,
    )
    wait_for_dash(page)
    drawn = {p["obs_id"] for p in page.evaluate(DATA_POINTS_JS, GRAPH)}
    observations = data["observations"]
    wanted = observations[
        (observations["series_id"] == target) & (observations["period_kind"] != "undated")
    ]
    assert set(wanted["obs_id"]) <= drawn, "the ticked series reaches the chart"

    page.locator("#control-series-filter").fill("")
    page.wait_for_function(
        "(n) => document.querySelectorAll('#control-series-picker input[type=checkbox]')"
        ".length === n",
        arg=len(everything),
    )
    assert page.locator("#control-series-picker [hidden]").count() == 0
    page.wait_for_function(
        "(s) => document.querySelector(`#control-series-picker input[value='${s}']`)"
        ".closest('details').open",
        arg=target,
    )


def _drawn_point_with_a_quote(page: Any, data) -> dict:
    evidence = data["observations"].set_index("obs_id")["evidence"].dropna()
    return next(p for p in page.evaluate(DATA_POINTS_JS, GRAPH) if p["obs_id"] in evidence.index)


def test_the_open_record_stays_in_the_url_after_a_control_change(page: Any, app_server: str, data):
    """A point clicked in the app puts its record in the URL; changing the axis, the events or
    the years keeps it there, and a reload opens the same record."""
    open_page(page, app_server + "/trade?chart=ua-flows")
    wait_for_graph(page)
    point = _drawn_point_with_a_quote(page, data)
    at = page.evaluate(POINT_POSITION_JS, [GRAPH, point["curve"], point["point"]])
    page.mouse.move(at["x"], at["y"])
    page.wait_for_function("(s) => (document.querySelector(s)._hoverdata || []).length", arg=GRAPH)
    page.mouse.click(at["x"], at["y"])
    wait_for_param(page, "obs")
    obs = search(page)["obs"][0]
    page.locator("#control-scale input[value='log']").check()
    wait_for_param(page, "scale", "log")
    page.locator("#control-events input[value='on']").uncheck()
    wait_for_param(page, "events", "off")
    assert search(page)["obs"] == [obs], "each change keeps the open record"
    assert re.search(r"[?&]obs=[^&]+$", page.evaluate("location.search")), "last, as written"
    open_page(page, page.url)
    quote = data["observations"].set_index("obs_id").loc[obs, "evidence"]
    assert normalize(quote) in normalize(page.locator("#record-panel").inner_text())


def test_keyboard_focus_on_a_static_point_goes_on_at_the_same_point_of_the_apps_chart(
    page: Any, app_server: str, data
):
    """A keyboard reader on the first view's chart — a point's tooltip open — keeps the focus
    on the chart when the app takes over, on the same point, whose hover the app shows; the
    arrow keys go on from there and Enter opens the point's record, as on the static chart."""
    sources = data["sources"].set_index("source_id")
    observations = data["observations"].set_index("obs_id")
    held: list = []
    released: list = []

    def hold(route: Any) -> None:
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route(APP_SCRIPTS, hold)
    page.goto(app_server + "/trade", wait_until="load")
    page.wait_for_selector(PLACED)
    page.locator("#prerender a.chart-point").first.focus()  # starts the app, scripts held
    page.keyboard.press("ArrowRight")
    obs = page.evaluate("document.activeElement.dataset.obs")
    released.append(True)
    for route in held:
        route.continue_()
    page.wait_for_function(APP_DRAWN_JS, timeout=15_000)
    assert page.evaluate("document.activeElement.id") == "graph-container"
    status = page.locator("#chart-point-status")
    page.wait_for_function("() => document.querySelector('#chart-point-status').textContent")
    citation = sources.loc[observations.loc[obs, "source_id"], "short_citation"]
    assert citation in status.inner_text(), "the same point, read out"
    hover = page.locator("#explorer-graph .hoverlayer")
    assert citation in (hover.text_content() or ""), "and shown by the chart's own hover"

    before = page.evaluate("document.querySelector('#chart-point-status').textContent")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(before) => document.querySelector('#chart-point-status').textContent !== before",
        arg=before,
    )
    wait_for_dash(page)
    page.keyboard.press("Enter")
    wait_for_param(page, "obs")
    opened = search(page)["obs"][0]
    assert opened != obs
    page.wait_for_function(
        "() => document.querySelector('#record-panel').textContent.includes('Qualifier')"
    )
    evidence = observations.loc[opened, "evidence"]
    if isinstance(evidence, str):
        assert normalize(evidence) in normalize(page.locator("#record-panel").inner_text())


def test_a_link_that_appears_twice_keeps_the_focus_on_the_one_the_reader_was_on(
    page: Any, app_server: str
):
    """The header's and the footer's "Sources" links are alike: focus on the footer's stays in
    the footer when the app takes over."""
    page.goto(app_server + "/trade", wait_until="load")
    page.locator("#prerender footer a[href='/sources']").focus()
    page.wait_for_function(APP_DRAWN_JS)
    assert page.evaluate(
        "() => document.activeElement.closest('footer') !== null"
        " && document.activeElement.getAttribute('href') === '/sources'"
    )


def _overlap(a: dict, b: dict) -> float:
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(width, 0) * max(height, 0)


def test_static_point_targets_never_overlap_however_dense_the_points(
    browser: Any, app_server: str, registry
):
    """Each chart with monthly or part-year points, at a phone's width and a laptop's: every
    point's link is a target no larger than 24 px that overlaps no other."""
    charts, dataset = registry
    observations = dataset.observations
    dense = [
        spec
        for spec in charts.charts
        if observations[
            observations["series_id"].isin(spec.series)
            & observations["period_kind"].isin(["month", "interval"])
        ].shape[0]
    ]
    assert dense, "some chart draws months or parts of a year"
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            page.route(APP_SCRIPTS, lambda route: route.abort())
            for spec in dense:
                page.goto(f"{app_server}/{spec.page}?chart={spec.chart_id}", wait_until="load")
                page.wait_for_selector(PLACED)
                boxes = page.evaluate(LINK_BOXES_JS)
                assert boxes, spec.chart_id
                for box in boxes:
                    assert box["right"] - box["left"] <= 24.5, (spec.chart_id, box)
                for a, b in itertools.combinations(boxes, 2):
                    assert _overlap(a, b) < 0.5, (spec.chart_id, width, a["obs"], b["obs"])
        finally:
            context.close()
