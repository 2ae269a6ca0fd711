"""Routes for reporters: static chart images (/charts/<chart_id>.png|.svg) and a minimal
interactive embed page (/embed/<chart_id>) — both from the page's own figure builder."""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

import plotly
from flask import Blueprint, Response, request

from dashboard.charts.citation import chart_citation
from dashboard.charts.declarations import default_registry
from dashboard.charts.figures import FigureOptions, build_figure, describe
from dashboard.charts.state import parse_state, state_query
from dashboard.charts.themes import BACKGROUND, LINK, TEXT, parse_theme, themed
from dashboard.exports.images import MIMETYPES, parse_image_request, render_chart_image
from dashboard.model.data import Dataset, active_dataset
from dashboard.model.lookups import lookups
from dashboard.web.baked import site_version
from dashboard.web.hosts import site_origin
from dashboard.web.http import ApiError, cached_body, cached_response, client_has
from publish.datapackage import build_package

media = Blueprint("media", __name__)
HERE = Path(__file__).resolve().parents[1]  # dashboard/: its assets and static files
PARTIAL_PLOTLY = HERE / "assets" / "vendor" / "plotly-basic.min.js"
FULL_PLOTLY = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
EMBED_SCRIPT = HERE / "static" / "embed.js"


@media.get("/charts/<chart_id>.<fmt>")
def chart_image(chart_id: str, fmt: str) -> Response:
    data = active_dataset()
    registry = default_registry()
    image = parse_image_request(chart_id, fmt, request.args.to_dict(), registry, data)
    # The image is a pure function of (data and drawing code, request): its ETag is known before
    # rendering, so a revalidation never costs a render. No host in this key nor in the image
    # cache's (RenderedImages.key): a figure never sees the site's origin, so names no host.
    version = site_version(data.version)
    etag = '"' + hashlib.sha256(f"{version}:{image!r}".encode()).hexdigest()[:32] + '"'
    if client_has(etag):
        return cached_response(b"", MIMETYPES[fmt], version=data.version, etag=etag)
    body = render_chart_image(registry.get(chart_id), data, image)
    return cached_response(
        body, MIMETYPES[fmt], version=data.version, etag=etag, filename=image.filename, inline=True
    )


EMBED_PAGE = """<!DOCTYPE html>
<html lang="en" data-theme="{theme}">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="{color_scheme}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — belarus-indicators</title>
<link rel="icon" href="/_favicon.ico">
<style>
:root {{ color-scheme: light; --ink: {ink_light}; --paper: {paper_light}; --link: {link_light}; }}
:root[data-theme="dark"] {{ color-scheme: dark; --ink: {ink_dark}; --paper: {paper_dark};
  --link: {link_dark}; }}
@media (prefers-color-scheme: dark) {{
  :root[data-theme="auto"] {{ color-scheme: dark; --ink: {ink_dark}; --paper: {paper_dark};
    --link: {link_dark}; }}
}}
body {{ margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: var(--ink); background: var(--paper); }}
#chart {{ width: 100%; height: 520px; }}
.description {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); }}
.credit {{ font-size: 12px; margin: 4px 8px; }}
.credit a, .quote a {{ color: var(--link); }}
.cite, .quote {{ font-size: 12px; margin: 4px 8px; }}
.cite pre {{ white-space: pre-wrap; font-size: 11px; }}
</style>
</head>
<body>
<main>
<div id="chart" role="img" aria-label="{alt}"></div>
<p class="description">{alt}</p>
<p class="credit"><a href="{page}" target="_blank" rel="noopener">Explore the data and check every
number at belarus-indicators</a></p>
<p class="quote" id="quote" aria-live="polite">Click a point for the sentence it comes from.</p>
<details class="cite"><summary>Cite this chart</summary><p>{cite_text}</p>
<pre>{cite_bibtex}</pre></details>
</main>
<script type="application/json" id="figure">{figure}</script>
<script type="application/json" id="figure-dark">{figure_dark}</script>
<script type="application/json" id="quotes">{quotes}</script>
<script src="/embed/plotly.js"></script>
<script src="/embed/embed.js"></script>
</body>
</html>
"""


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element (no "</" can close it)."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def point_quotes(figure: dict, data: Dataset) -> dict[str, dict[str, str | None]]:
    """What a click on each drawn point shows in the embed: the sentence, where it stands, and
    the link that opens the original page at it (a derived value: how it was computed)."""
    drawn = {
        row[0]
        for trace in figure["data"]
        for row in trace.get("customdata") or ()
        if isinstance(row, list | tuple) and row
    }
    sources = lookups(data).sources
    rows = data.observations[data.observations["obs_id"].isin(drawn)]
    quotes = {}
    for row in rows.to_dict("records"):
        source = sources[row["source_id"]]
        quoted = isinstance(row["evidence"], str)
        link = row["quote_link"] if isinstance(row["quote_link"], str) else source["url"]
        quotes[row["obs_id"]] = {
            "quote": row["evidence"] if quoted else None,
            "where": f"{source['short_citation']}, “{row['locator']}”"
            if quoted
            else f"Derived: {row['method']}",
            "link": link if quoted and isinstance(link, str) else None,
        }
    return quotes


@media.get("/embed/<chart_id>")
def embed(chart_id: str) -> Response:
    data = active_dataset()
    registry = default_registry()
    spec = registry.get(chart_id)
    if spec is None:
        raise ApiError(404, f"unknown chart {chart_id[:60]!r}; see /api/v1/charts")
    query = {"chart": chart_id, **request.args.to_dict()}
    try:
        theme = parse_theme(query.pop("theme", None))
    except ValueError as error:
        raise ApiError(400, str(error)) from None
    state, notices = parse_state(query, spec.page, registry, data)
    if notices:
        raise ApiError(400, " ".join(notices))
    figure = build_figure(spec, data, state, FigureOptions(text_in_figure=True))
    citation = chart_citation(spec, data, state, site_origin())
    # the dark drawing goes along when the page may show it (dark, or auto: the reader decides)
    light = None if theme == "dark" else figure
    dark = themed(figure, "dark") if theme != "light" else None
    figure_json = _script_json(light)
    dark_json = _script_json(dark)
    quotes_json = _script_json(point_quotes(figure, data))
    page = EMBED_PAGE.format(
        title=html.escape(spec.title),
        alt=html.escape(describe(spec, data, state)),
        page=html.escape(f"{site_origin()}/{spec.page}{state_query(state)}"),
        figure=figure_json,
        figure_dark=dark_json,
        quotes=quotes_json,
        theme=theme,
        color_scheme={"light": "light", "dark": "dark", "auto": "light dark"}[theme],
        ink_light=TEXT["light"],
        ink_dark=TEXT["dark"],
        paper_light=BACKGROUND["light"],
        paper_dark=BACKGROUND["dark"],
        link_light=LINK["light"],
        link_dark=LINK["dark"],
        cite_text=html.escape(citation.text),
        cite_bibtex=html.escape(citation.bibtex),
    )
    return cached_response(page, "text/html", version=data.version)


@media.get("/download/belarus-indicators.zip")
def dataset_package() -> Response:
    """The whole dataset as a Frictionless data package (built once per data version)."""
    data = active_dataset()
    # one for every host: the package's paths are relative, it names no host
    body = cached_body(f"package:{data.version}", lambda: build_package(data))
    return cached_response(
        body, "application/zip", version=data.version, filename="belarus-indicators.zip"
    )


@media.get("/embed/plotly.js")
def embed_plotly() -> Response:
    """The partial plotly.js bundle when installed (make run/test copy it), else the full one."""
    path = PARTIAL_PLOTLY if PARTIAL_PLOTLY.is_file() else FULL_PLOTLY
    return cached_response(path.read_bytes(), "text/javascript", version=path.name)


@media.get("/embed/embed.js")
def embed_script() -> Response:
    return cached_response(EMBED_SCRIPT.read_bytes(), "text/javascript", version="embed")
