"""Light and dark drawings of one figure, for images and embeds that sit on a dark page.

The figure builder draws in the light theme. The dark theme is the same figure with each colour
the builder uses swapped for its counterpart — background, ink, grid, the Okabe–Ito series
colours lifted so each keeps its hue and stands out from a dark background — so the two themes
can never differ in anything but colour. Every swap is checked for contrast in both themes
(tests/test_themes.py): text at least 4.5:1 against the background, marks and lines at least
3:1 (WCAG 1.4.3 and 1.4.11).

``auto`` follows the reader's ``prefers-color-scheme``: the embed page switches between the two
figures as the preference changes, and an SVG carries both drawings, one shown by a CSS media
query. A PNG cannot follow a preference; a page uses ``<picture>`` with a dark ``<source>``.
"""

from __future__ import annotations

import json
import re
from typing import Any

Figure = dict[str, Any]

THEMES = ("light", "dark")
CHOICES = (*THEMES, "auto")
BACKGROUND = {"light": "#ffffff", "dark": "#16191d"}
TEXT = {"light": "#1f2933", "dark": "#e9ecef"}
LINK = {"light": "#0b5c85", "dark": "#7cc4f0"}

DARK_COLOURS = {
    # series (Okabe–Ito, each lifted just enough for 3:1 on the dark background)
    "#0072b2": "#4da6e8",
    "#d55e00": "#f07c3c",
    "#009e73": "#2bbf93",
    "#cc79a7": "#dd93bd",
    "#b57a00": "#f0b43c",
    "#2e8fcc": "#8ccdf2",
    "#000000": "#f1f3f5",
    # ink, muted text, rules, grid, caveat
    "#1f2933": "#e9ecef",
    "#52606d": "#aab5c0",
    "#9aa5b1": "#7d8996",
    "#e4e7eb": "#343a42",
    "#eef0f3": "#2a2f36",
    "#b3261e": "#ff8a80",
    "#ffffff": BACKGROUND["dark"],
}
_WORDS = {'"white"': f'"{BACKGROUND["dark"]}"', '"black"': f'"{DARK_COLOURS["#000000"]}"'}
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
_WHITE_RGBA = re.compile(r"rgba\(\s*255\s*,\s*255\s*,\s*255\s*,\s*([0-9.]+)\s*\)")


def _dark_rgba(match: re.Match[str]) -> str:
    red, green, blue = (int(BACKGROUND["dark"][i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{match.group(1)})"


def themed(figure: Figure, theme: str) -> Figure:
    """The figure in ``theme`` ("light" returns it as it is). Works on the JSON form, so colours
    inside hover and annotation HTML (``<span style='color:…'>``) are swapped too."""
    if theme == "light":
        return figure
    if theme != "dark":
        raise ValueError(f"unknown theme {theme!r}; one of {', '.join(THEMES)}")
    text = json.dumps(figure, ensure_ascii=False)
    text = _HEX.sub(lambda m: DARK_COLOURS.get(m.group(0).lower(), m.group(0)), text)
    text = _WHITE_RGBA.sub(_dark_rgba, text)
    for word, colour in _WORDS.items():
        text = text.replace(word, colour)
    dark = json.loads(text)
    layout = dark.setdefault("layout", {})
    layout["paper_bgcolor"] = layout["plot_bgcolor"] = BACKGROUND["dark"]
    return dark


def parse_theme(raw: str | None, *, allow_auto: bool = True) -> str:
    """``theme=`` of an image or embed URL; raises ValueError with the choices."""
    theme = raw or "light"
    allowed = CHOICES if allow_auto else THEMES
    if theme not in allowed:
        raise ValueError(f"'theme' must be one of {', '.join(allowed)}, got {theme[:20]!r}")
    return theme


_ID = re.compile(r'\bid="([^"]+)"')


def both_schemes_svg(light: bytes, dark: bytes) -> bytes:
    """One SVG holding the light and the dark drawing, showing the one the reader's
    ``prefers-color-scheme`` asks for. The dark drawing's ids are renamed so the two drawings'
    clip paths and gradients never collide."""
    light_text, dark_text = light.decode("utf-8"), dark.decode("utf-8")
    for old in set(_ID.findall(dark_text)):
        new = f"dark-{old}"
        dark_text = (
            dark_text.replace(f'id="{old}"', f'id="{new}"')
            .replace(f"#{old})", f"#{new})")
            .replace(f'href="#{old}"', f'href="#{new}"')
        )
    opening = re.match(r"\s*(<\?xml[^>]*>\s*)?(<svg\b[^>]*>)", light_text)
    if opening is None:
        raise ValueError("not an SVG document")
    root = opening.group(2)
    width = re.search(r'\bwidth="([^"]+)"', root)
    height = re.search(r'\bheight="([^"]+)"', root)
    size = f' width="{width.group(1)}" height="{height.group(1)}"' if width and height else ""
    style = (
        "<style>.scheme-dark{display:none}"
        "@media (prefers-color-scheme: dark){.scheme-light{display:none}"
        ".scheme-dark{display:inline}}</style>"
    )
    body = (
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink"{size}>{style}'
        f'<g class="scheme-light">{_inner(light_text)}</g>'
        f'<g class="scheme-dark">{_inner(dark_text)}</g></svg>'
    )
    return body.encode("utf-8")


def _inner(svg: str) -> str:
    """The document without its XML declaration: an <svg> element nests inside another."""
    return re.sub(r"^\s*<\?xml[^>]*>\s*", "", svg)
