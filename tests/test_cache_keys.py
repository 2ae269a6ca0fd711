"""Every answer the app keeps (the response memo, extract bodies, rendered images, compressed
files, page views and callback answers memoized per process) is kept per host when it carries an
absolute link, so a reader who asks for one host never gets links to another: with no
BELARUS_PUBLIC_URL, links name the host the request named (dashboard/web/hosts.py).

Each route is asked for with one trusted host, then with another; the second answer's absolute
links must name the second host only. Ports make hosts no other test has asked for, so the first
answer is the one each cache keeps."""

from __future__ import annotations

import gzip
import io
import json
import re
import zipfile

import pytest
from dash_requests import callback_body, callback_key
from image_cache import fresh_image_cache

from dashboard.exports import images

SERIES = "trade.by_ua.turnover"
LOOPBACK_LINK = re.compile(r"https?://(localhost|127\.0\.0\.1)(:\d+)?")
ORDERS = [
    ("localhost", "127.0.0.1"),
    ("127.0.0.1", "localhost"),
    ("localhost:8101", "127.0.0.1:8101"),
    ("127.0.0.1:8102", "localhost:8102"),
]
"""(asked first, asked second): both trusted, as every loopback name is."""


def explorer_request(app, view: str = "chart") -> dict:
    return callback_body(
        app,
        callback_key(app, "..explorer-graph.figure"),
        [[SERIES], 2013, None, "level", None, view, ""],
        ["ua-turnover", "linear", ["on"]],
    )


def pages_request(app, path: str = "/trade", search: str = "?chart=ua-flows") -> dict:
    key = callback_key(app, ".._pages_content.children")
    return callback_body(app, key, [path, search], [])


HOST_DEPENDENT = {
    "topic page (share and embed snippets, citation, dataset JSON-LD)": lambda app: (
        "GET",
        "/trade?chart=ua-turnover&from=2013",
        None,
    ),
    "overview page (dataset JSON-LD)": lambda app: ("GET", "/", None),
    "data page (dataset JSON-LD)": lambda app: ("GET", "/data", None),
    "pages callback (a page's share snippets)": lambda app: (
        "POST",
        "/_dash-update-component",
        pages_request(app),
    ),
    "chart callback (the view's citation)": lambda app: (
        "POST",
        "/_dash-update-component",
        explorer_request(app),
    ),
    "chart callback, table view (the citation; the table is kept once for every host)": (
        lambda app: ("POST", "/_dash-update-component", explorer_request(app, "table"))
    ),
    "embed (link back, citation)": lambda app: ("GET", "/embed/polls?from=2019", None),
    "annotations (collection id)": lambda app: ("GET", "/api/v1/annotations.jsonld", None),
    "series workbook (link to itself)": lambda app: ("GET", f"/api/v1/series/{SERIES}.xlsx", None),
    "observations workbook (link to itself)": lambda app: (
        "GET",
        f"/api/v1/observations.xlsx?series={SERIES}&from=2013",
        None,
    ),
}
HOST_FREE = {
    "series catalogue (relative links)": "/api/v1/series",
    "charts catalogue (relative links)": "/api/v1/charts",
    "series CSV": f"/api/v1/series/{SERIES}.csv",
    "series JSON": f"/api/v1/series/{SERIES}.json",
    "observations SDMX-CSV": "/api/v1/observations.sdmx.csv?from=2013",
    "SDMX structure": "/api/v1/sdmx/structure.xml",
    "sources": "/api/v1/sources.json",
    "data package": "/download/belarus-indicators.zip",
    "image, SVG (the figure drawn)": "/charts/polls.svg?width=777",
    "image, PNG (the figure drawn)": "/charts/polls.png?width=778",
    "Dash layout": "/_dash-layout",
    "Dash dependencies": "/_dash-dependencies",
    "versioned style sheet (compressed once)": "/assets/base.css?m=1",
}
DATA_ONLY_PAGES = ["/", "/sources", "/quality", "/data"]
"""Pages built once per dataset, whatever the host (dashboard/site/layout.py)."""


def readable(response) -> str:
    """The answer's text as a reader's program sees it: decompressed, JSON decoded (Dash writes
    '/' as '\\u002f'), and for a zip (workbook, data package) every member's text."""
    data = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    if response.is_json:
        return json.dumps(json.loads(data), ensure_ascii=False)
    return data.decode("utf-8", "replace")


def loopback_hosts(text: str) -> set[str]:
    """The loopback hosts (with port) that absolute links in ``text`` name."""
    return {m.group(1) + (m.group(2) or "") for m in LOOPBACK_LINK.finditer(text)}


def ask(app, method: str, path: str, body: dict | None, host: str):
    response = app.server.test_client().open(
        path, method=method, json=body, headers={"Host": host, "Accept-Encoding": "gzip"}
    )
    assert response.status_code == 200, (path, host, response.get_data()[:200])
    return response


@pytest.fixture
def figure_renderer(app, monkeypatch, tmp_path):
    """Images "rendered" as the figure's JSON, so any link drawn into an image shows; in a
    private image cache."""
    monkeypatch.setattr(
        images.RENDERER,
        "render",
        lambda figure, fmt, *a, **k: json.dumps(figure, default=str).encode(),
    )
    fresh_image_cache(app, monkeypatch, tmp_path / "images")


@pytest.mark.parametrize("order", ORDERS, ids="→".join)
@pytest.mark.parametrize("route", list(HOST_DEPENDENT))
def test_an_answer_with_absolute_links_names_the_host_it_was_asked_for(app, client, route, order):
    first, second = order
    method, path, body = HOST_DEPENDENT[route](app)
    ask(app, method, path, body, first)
    answer = readable(ask(app, method, path, body, second))
    assert loopback_hosts(answer) == {second}, f"{route}: asked for {second}"


@pytest.mark.parametrize("route", list(HOST_FREE))
def test_an_answer_kept_once_for_every_host_names_none(app, client, figure_renderer, route):
    """These answers are kept once for every host: they must carry no absolute link to any."""
    path = HOST_FREE[route]
    answers = [
        readable(ask(app, "GET", path, None, host)) for host in ("localhost:8103", "127.0.0.1")
    ]
    assert answers[0] == answers[1], route
    assert loopback_hosts(answers[1]) == set(), route


@pytest.mark.parametrize("page", DATA_ONLY_PAGES)
def test_a_page_built_once_for_every_host_names_none(app, client, page):
    """The content the pages callback sends for a data-only page (its head's JSON-LD, which
    does name the host, is the page shell's, kept per host)."""
    body = pages_request(app, page, "")
    answers = [
        readable(ask(app, "POST", "/_dash-update-component", body, host))
        for host in ("localhost:8104", "127.0.0.1")
    ]
    assert answers[0] == answers[1], page
    assert loopback_hosts(answers[1]) == set(), page
