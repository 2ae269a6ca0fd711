"""Light and dark themes: the same figure in other colours, every colour readable against its
background (text 4.5:1, marks 3:1), on images (theme=light|dark, and auto for the SVG) and embeds
(theme=light|dark|auto); unknown themes refused with a message."""

from __future__ import annotations

import io
import json
import re

import pytest
from PIL import Image

from dashboard.charts.figures import FigureOptions, build_figure
from dashboard.charts.state import default_state
from dashboard.charts.themes import BACKGROUND, LINK, TEXT, THEMES, both_schemes_svg, themed

HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _colours(node, path: str = "") -> list[tuple[str, str]]:
    """(where, colour) of every hex colour in a figure, inline HTML styles included."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _colours(value, f"{path}.{key}")
    elif isinstance(node, list):
        for value in node:
            found += _colours(value, path)
    elif isinstance(node, str):
        found += [(path, colour.lower()) for colour in HEX.findall(node)]
    return found


def _is_text(path: str) -> bool:
    return "font" in path or path.endswith((".text", ".hovertemplate", ".title"))


DECORATION = (
    "gridcolor",
    "zerolinecolor",
    "tickcolor",
    "bgcolor",
    "bordercolor",
    "linecolor",
    "shapes",
)
"""Grid, ticks, frames and backgrounds: structure, not content (WCAG 1.4.11 asks 3:1 of marks)."""


@pytest.fixture(scope="module")
def figures(dataset, registry):
    return {
        spec.chart_id: build_figure(spec, dataset, default_state(spec), FigureOptions(width=800))
        for spec in registry.charts
    }


@pytest.mark.parametrize("theme", THEMES)
def test_every_text_and_mark_colour_stands_out_from_the_background(figures, theme):
    background = BACKGROUND[theme]
    for chart_id, figure in figures.items():
        drawn = themed(figure, theme)
        for path, colour in _colours(drawn):
            if colour == background or any(part in path for part in DECORATION):
                continue  # a hollow marker's fill, the grid, the paper itself
            if path.endswith("colorway"):
                continue  # plotly's default cycle: every drawn trace names its own colour
            needed = 4.5 if _is_text(path) else 3.0
            assert contrast(colour, background) >= needed, (chart_id, theme, path, colour)


def test_the_page_text_and_links_of_the_embed_are_readable_in_both_themes():
    for theme in THEMES:
        assert contrast(TEXT[theme], BACKGROUND[theme]) >= 7
        assert contrast(LINK[theme], BACKGROUND[theme]) >= 4.5


def test_the_dark_figure_differs_from_the_light_one_only_in_colour(figures):
    def without_colour(figure) -> str:
        text = HEX.sub("#colour", json.dumps(figure))
        text = re.sub(r"rgba\([^)]*\)", "rgba", text)
        return text.replace('"white"', '"#colour"')

    for figure in figures.values():
        dark = themed(figure, "dark")
        assert dark != figure
        assert without_colour(dark) == without_colour(figure)
        assert dark["layout"]["paper_bgcolor"] == BACKGROUND["dark"]


def test_an_auto_svg_carries_both_drawings_and_shows_one_by_the_colour_scheme():
    light = (
        b'<?xml version="1.0"?><svg width="10" height="5">'
        b'<clipPath id="c1"/><g clip-path="url(#c1)"/></svg>'
    )
    dark = light.replace(b"<g", b'<g fill="#16191d"')
    merged = both_schemes_svg(light, dark).decode()
    assert merged.startswith("<svg") and 'width="10" height="5"' in merged
    assert "@media (prefers-color-scheme: dark)" in merged
    assert merged.count('id="c1"') == 1 and 'id="dark-c1"' in merged
    assert "url(#dark-c1)" in merged and "<?xml" not in merged


@pytest.mark.parametrize(
    "url",
    [
        "/charts/polls.png?theme=sepia",
        "/charts/polls.svg?theme=DARK",
        "/charts/polls.png?theme=auto",
        "/embed/polls?theme=night",
    ],
)
def test_unknown_or_impossible_themes_get_a_400_naming_the_choices(client, url):
    response = client.get(url)
    assert response.status_code == 400
    message = response.get_json()["error"]
    assert "'theme' must be one of light, dark" in message
    if url.endswith(".png?theme=auto"):
        assert "<picture>" in message


def _embedded(page: str, element: str):
    return json.loads(re.search(rf'id="{element}">(.*?)</script>', page, re.S).group(1))


@pytest.mark.parametrize(
    ("theme", "light", "dark"),
    [("light", True, False), ("dark", False, True), ("auto", True, True)],
)
def test_the_embed_carries_the_drawings_its_theme_may_show(client, theme, light, dark):
    page = client.get(f"/embed/ua-flows?theme={theme}").get_data(as_text=True)
    assert f'data-theme="{theme}"' in page
    assert (_embedded(page, "figure") is not None) is light
    drawn_dark = _embedded(page, "figure-dark")
    assert (drawn_dark is not None) is dark
    if dark:
        assert drawn_dark["layout"]["paper_bgcolor"] == BACKGROUND["dark"]


def test_a_dark_image_is_drawn_on_the_dark_background(client, renderer_available):
    response = client.get("/charts/ua-flows.png?theme=dark")
    assert response.status_code == 200
    assert "_dark.png" in response.headers["Content-Disposition"]
    image = Image.open(io.BytesIO(response.data)).convert("RGB")
    corner = "#{:02x}{:02x}{:02x}".format(*image.getpixel((2, 2)))
    assert corner == BACKGROUND["dark"]


def test_an_auto_svg_holds_the_light_and_the_dark_drawing(client, renderer_available):
    response = client.get("/charts/ua-flows.svg?theme=auto")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert svg.count('class="main-svg"') == 2
    assert "prefers-color-scheme: dark" in svg
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert len(ids) == len(set(ids)), "the two drawings share an id"
