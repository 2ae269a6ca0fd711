"""What a reporter takes away from a chart: image downloads, a stable image link, and embed
snippets (an <img> with alt text generated from the data, an <iframe> of the interactive chart) —
all for the view on screen. The browser keeps them current as controls change
(``explorer.shareLinks`` in assets/explorer.js follows the same rules as ``image_query``)."""

from __future__ import annotations

import html as html_text
from urllib.parse import urlencode

from dash import dcc, html

from dashboard.charts.citation import ChartCitation
from dashboard.charts.state import ViewState, view_params
from dashboard.web.hosts import site_origin

IMAGE_PRESET = "article"
DOWNLOAD_PRESET = "social"
EMBED_HEIGHT = 640


def image_query(state: ViewState) -> str:
    """The explorer state as image/embed parameters ('axis' for the page's 'scale')."""
    return urlencode(view_params(state, axis_key="axis"), safe=",")


def snippets(chart_id: str, state: ViewState, alt: str, origin: str) -> dict[str, str]:
    query = image_query(state)
    image = f"{origin}/charts/{chart_id}.png?{query}&preset={IMAGE_PRESET}"
    embed = f"{origin}/embed/{chart_id}?{query}"
    return {
        "png": f"/charts/{chart_id}.png?{query}&preset={DOWNLOAD_PRESET}",
        "svg": f"/charts/{chart_id}.svg?{query}&preset={DOWNLOAD_PRESET}",
        "link": image,
        "img": f'<img src="{html_text.escape(image)}" width="800" height="500" '
        f'alt="{html_text.escape(alt)}">',
        "iframe": f'<iframe src="{html_text.escape(embed)}" width="100%" height="{EMBED_HEIGHT}" '
        f'style="border:0" title="{html_text.escape(alt[:120])}" loading="lazy"></iframe>',
    }


def _snippet(label: str, textarea_id: str, value: str, rows: int) -> html.Label:
    """A read-only text to copy, inside its label: the first view, which drops ids, keeps the
    label and its text area together."""
    return html.Label([label, dcc.Textarea(id=textarea_id, value=value, readOnly=True, rows=rows)])


def cite_panel(citation: ChartCitation) -> html.Details:
    """'Cite this chart': the view's citation as text and as BibTeX, the documents' entries
    after the chart's (the chart callback keeps both current)."""
    return html.Details(
        [
            html.Summary("Cite this chart", className="button"),
            _snippet("Citation", "cite-text", citation.text, 4),
            _snippet(
                "BibTeX (this chart, then each document it draws on)",
                "cite-bibtex",
                citation.bibtex,
                8,
            ),
        ],
        className="cite",
    )


def current_origin() -> str:
    """The site's origin for absolute links in snippets (see dashboard/web/hosts.py)."""
    return site_origin()


def share_panel(chart_id: str, state: ViewState, alt: str) -> html.Div:
    links = snippets(chart_id, state, alt, current_origin())
    return html.Div(
        [
            html.A(
                "Download PNG",
                id="download-png",
                href=links["png"],
                className="button",
                download="",
            ),
            html.A(
                "Download SVG",
                id="download-svg",
                href=links["svg"],
                className="button",
                download="",
            ),
            html.Button("Copy image link", id="copy-image-link", className="button", type="button"),
            dcc.Store(id="image-link", data=links["link"]),
            html.Details(
                [
                    html.Summary("Embed this chart", className="button"),
                    _snippet("Static image with alt text", "embed-img", links["img"], 3),
                    _snippet("Interactive chart", "embed-iframe", links["iframe"], 3),
                    html.P(
                        [
                            "On a dark page, add ",
                            html.Code("theme=dark"),
                            " to either link, or ",
                            html.Code("theme=auto"),
                            " to follow the reader's colour scheme (the SVG and the "
                            "interactive chart).",
                        ],
                        className="muted",
                    ),
                ],
                className="embed",
            ),
        ],
        className="share",
    )
