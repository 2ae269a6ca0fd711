"""The first view's static chart in a real browser: its point links sit on the image's own points
at every width the page draws it, hovering one shows its value and citation, clicking one opens
its record — all before the app has started; and the app starts by itself once the browser is
idle, or at once at the reader's first interaction."""

from __future__ import annotations

import re
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dashboard.model.formatting import format_observed, format_period
from dashboard.site.prerender import IMAGE_WIDTHS

PARQUET = Path(__file__).resolve().parents[2] / "datasets" / "parquet"
APP_SCRIPTS = "**/_dash-component-suites/**"
"""The app's scripts: blocked, the first view stays on screen for as long as a test needs."""
PLACED = "#prerender .chart-points:not([hidden])"
APP_DRAWN_JS = "() => document.documentElement.classList.contains('app-drawn')"
SVG = "{http://www.w3.org/2000/svg}"
LINKS_JS = """() => Array.from(document.querySelectorAll('#prerender a.chart-point')).map(a => {
    const r = a.getBoundingClientRect();
    return {obs: a.dataset.obs, x: r.left + r.width / 2, y: r.top + r.height / 2};
})"""
IMAGE_JS = """() => { const i = document.querySelector('#prerender img.first-chart');
    const r = i.getBoundingClientRect();
    return {src: i.currentSrc, left: r.left, top: r.top, width: r.width, height: r.height,
            naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight}; }"""
HIT_JS = """([x, y]) => { const e = document.elementFromPoint(x, y);
    const a = e && e.closest('a.chart-point'); return a ? a.dataset.obs : null; }"""


def viewport_for(media: str | None) -> dict[str, int]:
    """A screen width at which the <picture> picks the source of ``media``."""
    width = int(re.search(r"max-width: (\d+)px", media).group(1)) if media else 1280
    return {"width": width, "height": 900}


def translation(element: ET.Element) -> tuple[float, float]:
    found = re.search(r"translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)", element.get("transform", ""))
    return (float(found.group(1)), float(found.group(2))) if found else (0.0, 0.0)


def svg_points(svg: bytes) -> list[tuple[float, float]]:
    """Where the SVG draws each point that carries customdata (bars, then markers), in its own
    pixels: read here independently of assets/first-chart.js."""
    root = ET.fromstring(svg)
    overplot = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "overplot")
    plot = next(g for g in overplot if g.get("class") == "xy")
    dx, dy = translation(plot)
    points = []
    for layer in plot.iter(f"{SVG}g"):
        if (layer.get("class") or "").startswith("barlayer"):
            for bar in layer.iter(f"{SVG}path"):
                x0, y0, y1, x1 = (float(n) for n in re.findall(r"[-\d.]+", bar.get("d"))[:4])
                points.append((dx + (x0 + x1) / 2, dy + (y0 + y1) / 2))
    for path in plot.iter(f"{SVG}path"):
        if {"point", "plotly-customdata"} <= set((path.get("class") or "").split()):
            x, y = translation(path)
            points.append((dx + x, dy + y))
    return points


def open_first_view(page: Any, url: str) -> None:
    page.route(APP_SCRIPTS, lambda route: route.abort())
    page.goto(url, wait_until="load")
    page.wait_for_selector(PLACED)


@pytest.mark.parametrize("media", [media for media, _ in IMAGE_WIDTHS])
@pytest.mark.parametrize(
    "path", ["/trade", "/trade?chart=ua-flows", "/energy?chart=transit-tariff", "/more"]
)
def test_each_point_link_sits_on_its_point_in_the_image_at_every_width(
    browser: Any, app_server: str, media: str | None, path: str
):
    context = browser.new_context(viewport=viewport_for(media))
    try:
        page = context.new_page()
        open_first_view(page, app_server + path)
        image = page.evaluate(IMAGE_JS)
        width = dict(IMAGE_WIDTHS)[media]
        assert f"width={width}" in image["src"] and image["naturalWidth"] == width
        with urllib.request.urlopen(image["src"], timeout=10) as response:
            expected = svg_points(response.read())
        # object-fit: contain from the top left (base.css)
        scale = min(
            image["width"] / image["naturalWidth"], image["height"] / image["naturalHeight"]
        )
        links = page.evaluate(LINKS_JS)
        assert len(links) == len(expected) > 0
        for link, (x, y) in zip(links, expected, strict=True):
            want = (image["left"] + scale * x, image["top"] + scale * y)
            assert abs(link["x"] - want[0]) < 1 and abs(link["y"] - want[1]) < 1, (link, want)
        # the topmost link at the first point is that point's (no other layer covers it)
        page.locator("#prerender a.chart-point").first.scroll_into_view_if_needed()
        first = page.evaluate(LINKS_JS)[0]
        assert page.evaluate(HIT_JS, [first["x"], first["y"]]) == first["obs"]
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/trade?chart=ua-flows", "/trade"])
def test_the_point_links_follow_their_observations_values_and_dates(
    page: Any, app_server: str, path: str
):
    """Which link is which point: on the one value axis a larger value sits higher; within a
    series a later period (its middle) sits further right (points of one date may be set apart)."""

    def middle(row: pd.Series) -> pd.Timestamp:
        return (
            pd.Timestamp(row["period_start"])
            + (pd.Timestamp(row["period_end"]) - pd.Timestamp(row["period_start"])) / 2
        )

    open_first_view(page, app_server + path)
    observations = pd.read_parquet(PARQUET / "observations.parquet").set_index("obs_id")
    links = page.evaluate(LINKS_JS)
    by_value = sorted(links, key=lambda link: observations.loc[link["obs"], "value"])
    heights = [round(link["y"], 1) for link in by_value]
    assert heights == sorted(heights, reverse=True), "a larger value is drawn higher"
    for series_id in {observations.loc[link["obs"], "series_id"] for link in links}:
        own = [link for link in links if observations.loc[link["obs"], "series_id"] == series_id]
        by_date = sorted(own, key=lambda link: middle(observations.loc[link["obs"]]))
        assert [link["x"] for link in by_date] == sorted(link["x"] for link in own), series_id


@pytest.mark.parametrize("path", ["/trade", "/debt", "/more?chart=troops"])
def test_hovering_a_static_point_shows_its_value_and_citation(
    page: Any, app_server: str, path: str
):
    open_first_view(page, app_server + path)
    observations = pd.read_parquet(PARQUET / "observations.parquet").set_index("obs_id")
    series = pd.read_parquet(PARQUET / "series.parquet").set_index("series_id")
    sources = pd.read_parquet(PARQUET / "sources.parquet").set_index("source_id")
    for link in page.evaluate(LINKS_JS):
        page.mouse.move(link["x"], link["y"])
        tip = page.locator(f'#prerender a.chart-point[data-obs="{link["obs"]}"] .chart-point-tip')
        box = tip.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 40, "the tooltip is shown"
        text = " ".join(tip.inner_text().split())
        obs = observations.loc[link["obs"]]
        low, high = (None if pd.isna(v) else v for v in (obs["value_low"], obs["value_high"]))
        value = format_observed(
            obs["value"], low, high, obs["qualifier"], series.loc[obs["series_id"], "unit"]
        )
        assert f"{format_period(obs['period'])}: {value}" in text, text
        assert sources.loc[obs["source_id"], "short_citation"] in text, text
        others = page.locator("#prerender a.chart-point:not(:hover) .chart-point-tip")
        assert all(
            (b := others.nth(i).bounding_box()) is None or b["width"] <= 1
            for i in range(others.count())
        ), "one tooltip at a time"


def test_clicking_a_static_point_opens_its_record_before_and_after_the_app_starts(
    page: Any, app_server: str
):
    open_first_view(page, app_server + "/trade?chart=ua-flows")
    evidence = pd.read_parquet(PARQUET / "observations.parquet").set_index("obs_id")["evidence"]
    link = next(p for p in page.evaluate(LINKS_JS) if isinstance(evidence.get(p["obs"]), str))
    page.mouse.click(link["x"], link["y"])
    page.wait_for_url(re.compile(r"[?&]obs="))
    record = page.locator("#prerender .record-panel")
    assert "Evidence" in record.inner_text()
    assert " ".join(evidence[link["obs"]].split()) in " ".join(record.inner_text().split())
    page.unroute(APP_SCRIPTS)
    page.reload(wait_until="load")
    page.wait_for_function(APP_DRAWN_JS)  # started by itself
    panel = page.locator("#record-panel")
    assert " ".join(evidence[link["obs"]].split()) in " ".join(panel.inner_text().split())


def test_the_point_links_are_one_tab_stop_and_the_arrow_keys_move_between_them(
    page: Any, app_server: str
):
    open_first_view(page, app_server + "/trade")
    page.locator("#prerender a.chart-point").first.focus()
    first = page.evaluate("document.activeElement.dataset.obs")
    page.keyboard.press("ArrowRight")
    second = page.evaluate("document.activeElement.dataset.obs")
    assert second != first and page.locator("#prerender a.chart-point:focus .chart-point-tip")
    assert page.evaluate(
        "() => Array.from(document.querySelectorAll('#prerender a.chart-point'))"
        ".filter(a => a.tabIndex === 0).map(a => a.dataset.obs)"
    ) == [second], "still one tab stop: the focused point"
    tip = page.locator("#prerender a.chart-point:focus .chart-point-tip").bounding_box()
    assert tip and tip["width"] > 100, "keyboard focus shows the tooltip too"


def test_the_app_starts_by_itself_once_the_browser_is_idle(page: Any, app_server: str):
    """No input at all: the page is painted, the browser goes idle, the app starts and takes
    the first view's place."""
    page.goto(app_server + "/trade", wait_until="load")
    page.wait_for_function(APP_DRAWN_JS, timeout=15_000)
    assert page.evaluate("document.documentElement.dataset.appStart") == "idle"
    assert page.locator("#prerender").count() == 0
    assert page.locator("#explorer-graph .scatterlayer .points path").count() > 0
    assert not page.console_errors


def test_the_first_interaction_starts_the_app_at_once_even_before_the_page_has_loaded(
    page: Any, app_server: str
):
    """The chart image is held back, so the page has not loaded and the browser's idle start
    has not come: a pointer movement starts the app all the same."""
    held = []
    page.route("**/*.svg*", lambda route: held.append(route))
    page.goto(app_server + "/trade", wait_until="domcontentloaded")
    page.wait_for_function("() => document.readyState === 'interactive'")
    page.mouse.move(5, 5)
    page.mouse.move(6, 6)
    page.wait_for_function(APP_DRAWN_JS, timeout=15_000)
    assert page.evaluate("document.documentElement.dataset.appStart") == "pointermove"
    assert page.evaluate("document.readyState") != "complete", "the image is still held back"
    for route in held:
        route.continue_()


def test_a_pointer_resting_on_a_static_point_gets_the_same_points_hover_from_the_app(
    page: Any, app_server: str
):
    """The reader who hovers a point before the app has drawn keeps a tooltip for it when the
    app takes over: the interactive chart's own hover of the same point."""
    sources = pd.read_parquet(PARQUET / "sources.parquet").set_index("source_id")
    observations = pd.read_parquet(PARQUET / "observations.parquet").set_index("obs_id")
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
    link = page.evaluate(LINKS_JS)[0]
    page.mouse.move(link["x"], link["y"])  # the app starts, its scripts still held
    released.append(True)
    for route in held:
        route.continue_()
    page.wait_for_function(APP_DRAWN_JS, timeout=15_000)
    page.wait_for_function(
        "() => (document.querySelector('#explorer-graph .hoverlayer') || {}).textContent"
    )
    text = page.locator("#explorer-graph .hoverlayer").text_content() or ""
    citation = sources.loc[observations.loc[link["obs"], "source_id"], "short_citation"]
    assert citation in text, text
