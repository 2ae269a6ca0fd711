"""Hostile input is answered with a 4xx and a short message — never a 5xx, a stack trace, a file
path or a file's content — every response carries the security headers, the app writes nowhere
but its cache directory, and a flood of unique image URLs is refused before it can exhaust the
server.

Most specifications use the Flask test client. Those about what a real HTTP server does with
raw, un-normalized request lines (``..`` in a path, request lines and headers over the limits)
run against ``make serve``'s gunicorn configuration on a free loopback port.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from cachelib import SimpleCache
from dash_requests import callback_body, callback_key
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from image_cache import fresh_image_cache

from dashboard.exports import images
from dashboard.serving import GUNICORN_ARGS
from dashboard.site.layout import NAV
from dashboard.web import response_memo
from dashboard.web.security import MAX_QUERY_BYTES

REPO = Path(__file__).resolve().parent.parent
FAKE_PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
FAKE_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'
PAGES = [path for path, _ in NAV]  # every registered page (tests/test_pages.py)

ROUTES = [
    *PAGES,
    "/api/v1/series",
    "/api/v1/series/trade.by_ua.turnover.csv",
    "/api/v1/series/trade.by_ua.turnover.json",
    "/api/v1/series/trade.by_ua.turnover.xlsx",
    "/api/v1/series/trade.by_ua.turnover.sdmx.csv",
    "/api/v1/observations.csv",
    "/api/v1/observations.parquet",
    "/api/v1/observations.xlsx",
    "/api/v1/observations.sdmx.csv",
    "/api/v1/sdmx/structure.xml",
    "/api/v1/sources.json",
    "/api/v1/sources.bib",
    "/api/v1/annotations.jsonld",
    "/api/v1/charts",
    "/charts/polls.png",
    "/charts/polls.svg",
    "/embed/polls",
    "/embed/plotly.js",
    "/embed/embed.js",
    "/download/belarus-indicators.zip",
    "/healthz",
]
MACHINE = ("/api/", "/charts/", "/embed/", "/download/")


def test_the_fuzzed_routes_cover_every_machine_route_the_app_declares(app):
    """A new route is fuzzed from the day it exists: the list above must reach each one."""
    adapter = app.server.url_map.bind("localhost")
    fuzzed = {adapter.match(route)[0] for route in ROUTES if route.startswith(MACHINE)}
    declared = {
        rule.endpoint
        for rule in app.server.url_map.iter_rules()
        if rule.rule.startswith(MACHINE) and "GET" in rule.methods
    }
    assert declared - fuzzed == set()


KNOWN_KEYS = [
    "chart",
    "series",
    "from",
    "to",
    "transform",
    "base",
    "scale",
    "axis",
    "events",
    "view",
    "preset",
    "width",
    "height",
    "theme",
    "as_of",
    "context",
    "scale",
]
NASTY_VALUES = [
    "",
    "auto",
    "dark",
    "DARK",
    "2019-13",
    "2019-02-30",
    "0000",
    "../",
    "../../etc/passwd",
    "..%2f..%2fpyproject.toml",
    "%00",
    "\x00",
    "\r\nSet-Cookie: x=1",
    "1e309",
    "-1e309",
    "-0",
    "NaN",
    "nan",
    "inf",
    "-1",
    "0x10",
    "99999999999999999999999999",
    "2400",
    "4.0",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{7*7}}",
    "trade.by_ua.turnover,,",
    "trade.by_ua.turnover," * 40,
    "2012/2013",
    "\u202e\u0000\ufeff",
    "ü" * 300,
    "x" * 1500,
]
PLAUSIBLE_VALUES = [
    "1899",
    "1900",
    "2012",
    "2015",
    "2021",
    "2100",
    "2101",
    "polls",
    "ua-turnover",
    "ua-flows",
    "debt-reserves",
    "trade.by_ua.turnover",
    "trade.by_ua.exports,trade.by_ua.imports",
    "opinion.ua_positive_attitude_to_belarus",
    "debt.national_debt,debt.fx_reserves",
    "level",
    "change",
    "index",
    "linear",
    "log",
    "on",
    "off",
    "chart",
    "table",
    "article",
    "social",
    "square",
    "320",
    "2400",
    "0.5",
    "4",
]
VALUES = st.one_of(
    st.sampled_from(NASTY_VALUES),
    st.sampled_from(PLAUSIBLE_VALUES),
    st.text(max_size=80),
    st.text(min_size=100, max_size=400),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
KEYS = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=20))
QUERIES = st.one_of(
    st.lists(st.tuples(KEYS, VALUES), max_size=6),
    # only known names: gets past the unknown-parameter check to the value parsers
    st.lists(st.tuples(st.sampled_from(KNOWN_KEYS), VALUES), max_size=5),
    st.lists(st.tuples(st.sampled_from(KNOWN_KEYS), st.sampled_from(PLAUSIBLE_VALUES)), max_size=5),
)
GENERIC_500 = {"error": "Internal error; it has been logged.", "status": 500}


def leaks(body: bytes) -> list[str]:
    """What of the server's insides a response body reveals (nothing, for a good response)."""
    text = body.decode("utf-8", errors="replace")
    markers = ["Traceback", 'File "/', str(REPO), "site-packages", "[project]", "root:x:0:0"]
    return [marker for marker in markers if marker in text]


def assert_answered_safely(response, what: str = "") -> None:
    body = response.get_data()
    assert response.status_code < 500, (what, response.status_code, body[:300])
    assert not leaks(body), (what, leaks(body), body[:300])


@pytest.fixture
def fake_renderer(app, monkeypatch, tmp_path):
    """The route logic is what is fuzzed, not Chromium: a render returns a tiny PNG at once. The
    image cache is fresh and private, so fake images never reach other tests."""
    monkeypatch.setattr(
        images.RENDERER,
        "render",
        lambda figure, fmt, *a, **k: FAKE_SVG if fmt == "svg" else FAKE_PNG,
    )
    fresh_image_cache(app, monkeypatch, tmp_path / "images")


CALLBACK = "/_dash-update-component"


EXPLORER = "..explorer-graph.figure"
RECORD = "record-panel.children"
PAGES_CALLBACK = ".._pages_content.children"
SERIES = "trade.by_ua.turnover"


# 1. Query parameters ---------------------------------------------------------------------------


ACCEPT_HEADERS = [
    "text/html;q=abc",
    "*/*;;;;q=",
    "application/json; q=1.5, */*; q=-1",
    ",,,,",
    "text/csv;" + "a=b;" * 200,
    "\u00e9/\u00e9",
    "image/*; q=0",
]


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=st.sampled_from(ROUTES),
    header=st.sampled_from(["Accept", "Accept-Encoding", "Accept-Language", "If-None-Match"]),
    value=st.one_of(st.sampled_from(ACCEPT_HEADERS), st.text(max_size=300)),
)
def test_no_malformed_accept_header_causes_a_server_error(
    client, fake_renderer, route, header, value
):
    """Negotiation headers are the client's to mangle: a malformed Accept, Accept-Encoding or
    validator is answered as if absent or refused, never a crash."""
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        value = value.encode("utf-8").decode("latin-1")  # what reaches a WSGI app as bytes
    value = value.replace("\r", "").replace("\n", "")  # a header line cannot hold a line end
    assert_answered_safely(client.get(route, headers={header: value}), f"{route} {header}")


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(route=st.sampled_from(ROUTES), query=QUERIES)
def test_no_query_on_any_route_causes_a_server_error_or_leaks(client, fake_renderer, route, query):
    """Every parameter of every route is reachable from a link anyone can craft: known names with
    absurd values, unknown names, repeated names, control characters and unicode must all be
    answered as client errors (or ignored), never as a crash that reveals the code."""
    url = f"{route}?{urlencode(query)}"
    assert_answered_safely(client.get(url), url)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(page=st.sampled_from(PAGES), query=QUERIES)
def test_no_page_query_causes_a_server_error_or_leaks_when_the_page_is_built(
    app, client, page, query
):
    """A page's HTML is a shell: Dash builds its content in the pages callback from the browser's
    pathname and search string, and that is where a page parses its query (chart, series, from,
    to, ...). A shared link with any query must open a page (with notices), not fail."""
    search = f"?{urlencode(query)}"
    body = callback_body(app, callback_key(app, PAGES_CALLBACK), [page, search], [])
    assert_answered_safely(client.post(CALLBACK, json=body), page + search)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(route=st.sampled_from(ROUTES), raw=st.binary(max_size=200))
def test_raw_query_bytes_that_are_not_utf8_never_cause_a_server_error(
    client, fake_renderer, route, raw
):
    """Percent-escapes need not decode to UTF-8 (``%C3%28``, ``%FF``), and a query need not be
    key=value pairs at all: the server decodes what it can and refuses the rest."""
    url = f"{route}?{quote_from_bytes(raw, safe='=&')}"
    assert_answered_safely(client.get(url), url)


SEGMENTS = st.one_of(
    st.sampled_from(["..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%00", "nope", "polls", ""]),
    st.text(min_size=1, max_size=60),
)
PATH_TEMPLATES = [
    "/charts/{}.png",
    "/charts/{}.svg",
    "/charts/polls.{}",
    "/embed/{}",
    "/api/v1/series/{}.csv",
    "/api/v1/series/{}.json",
    "/{}",
    "/assets/{}",
    "/_dash-component-suites/{}",
]


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(template=st.sampled_from(PATH_TEMPLATES), segment=SEGMENTS)
def test_no_path_segment_causes_a_server_error_or_leaks(client, fake_renderer, template, segment):
    """Chart ids, series ids, formats and page names come from the URL path: an unknown or absurd
    one is a 404 (or 400), not an exception."""
    path = template.format(quote(segment, safe="%"))
    assert_answered_safely(client.get(path), path)


# 2. Path traversal -----------------------------------------------------------------------------

TRAVERSALS = [
    "/assets/../pyproject.toml",
    "/assets/../../../../etc/passwd",
    "/assets/%2e%2e/pyproject.toml",
    "/assets/%2e%2e%2fpyproject.toml",
    "/assets/..%2f..%2fpyproject.toml",
    "/assets/%252e%252e%252fpyproject.toml",
    "/assets/..%5c..%5cpyproject.toml",
    "/charts/..%2f..%2fpyproject.toml.png",
    "/charts/%252e%252e%252fpyproject.toml.png",
    "/embed/..%2f..%2fetc%2fpasswd",
    "/embed/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
    "/api/v1/series/..%2f..%2fetc%2fpasswd.csv",
    "/api/v1/series/%252e%252e%252f%252e%252e%252fetc%252fpasswd.csv",
    "/_dash-component-suites/../../etc/passwd",
    "/_dash-component-suites/dash/..%2f..%2f..%2fpyproject.toml",
    "/_dash-component-suites/dash/%252e%252e%252f%252e%252e%252fpyproject.toml",
    "/_dash-component-suites/dash/deps/..%2f..%2f..%2f..%2fpyproject.toml",
    "/download/..%2fpyproject.toml",
    "/download/%2e%2e/pyproject.toml",
    "/static/../pyproject.toml",
    "/embed/..%2fembed.js",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_is_refused_and_reveals_no_file(client, path):
    """A path that climbs out of a served directory, however encoded, is a client error whose
    body contains nothing of the file it aimed at."""
    response = client.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    assert not leaks(response.get_data()), path


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_is_refused_by_a_real_server_too(served, path):
    """A real HTTP server receives the request line verbatim (browsers normalize ``..``, attackers
    do not): gunicorn and the app together still refuse it."""
    status, _headers, body = raw_request(served, "GET", path)
    assert 400 <= status < 500, (path, status)
    assert not leaks(body), path


# 3. Oversized requests -------------------------------------------------------------------------


def test_a_query_over_the_limit_is_refused_with_414_json(client):
    """Long queries are refused before any route parses them (cheap to reject, costly to parse);
    the answer is JSON saying what the limit is."""
    response = client.get("/api/v1/series?x=" + "a" * (MAX_QUERY_BYTES + 1))
    assert response.status_code == 414
    assert response.mimetype == "application/json"
    assert str(MAX_QUERY_BYTES) in response.get_json()["error"]
    assert client.get("/trade?chart=" + "a" * 3000).status_code == 414, "pages too"


def test_a_query_exactly_at_the_limit_is_not_refused_for_its_length(client):
    """The limit is on more than MAX_QUERY_BYTES bytes: a query of exactly that size reaches the
    route, which then judges its content (here: an unknown parameter → 400)."""
    query = "x=" + "a" * (MAX_QUERY_BYTES - 2)
    assert len(query) == MAX_QUERY_BYTES
    assert client.get(f"/api/v1/series?{query}").status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/charts/" + "x" * 5000 + ".png",
        "/embed/" + "x" * 5000,
        "/api/v1/series/" + "x" * 5000 + ".csv",
        "/" + "x" * 5000,
        "/assets/" + "x/" * 2500,
    ],
)
def test_a_huge_path_is_a_client_error(client, path):
    """No length limit applies to paths inside the app (a real server's request-line limit is
    checked below): an absurdly long id is just an unknown one."""
    response = client.get(path)
    assert 400 <= response.status_code < 500, (path[:40], response.status_code)
    assert not leaks(response.get_data())


def test_a_real_server_refuses_oversized_request_lines_and_headers_and_keeps_serving(served):
    """gunicorn limits the request line and headers; the refusal is a 4xx, and the worker is still
    there for the next request."""
    for method, path, headers in [
        ("GET", "/charts/" + "x" * 5000 + ".png", {}),
        ("GET", "/api/v1/series?x=" + "a" * 9000, {}),
        ("GET", "/api/v1/series?x=" + "a" * 3000, {}),
        ("GET", "/trade", {"X-Big": "b" * 9000}),
        ("GET", "/trade", {f"X-H{i}": "1" for i in range(150)}),
    ]:
        status, _headers, body = raw_request(served, method, path, headers)
        assert 400 <= status < 500, (path[:40], status)
        assert not leaks(body)
    status, _headers, _body = raw_request(served, "GET", "/healthz")
    assert status == 200


def test_a_huge_request_body_is_refused_before_it_is_parsed(client):
    """The largest body the app accepts is a Dash callback request (a few kilobytes: ids and
    control values). A multi-megabyte body must be refused with 413 up front, not read into
    memory and parsed as JSON by every worker thread that receives one."""
    body = b"[" + b"1," * (10 * 1024 * 1024) + b"1]"  # 20 MB of valid JSON
    response = client.post(CALLBACK, data=body, content_type="application/json")
    assert response.status_code == 413, response.status_code
    assert not leaks(response.get_data())


# 4. Malformed Dash callback requests -----------------------------------------------------------

VALID_VALUES: dict[str, object] = {
    "control-series.value": [SERIES],
    "control-from.value": 2015,
    "control-to.value": 2020,
    "control-transform.value": "level",
    "control-base.value": None,
    "control-view.value": "chart",
    "control-as-of.value": "",
    "explorer-chart.data": "ua-turnover",
    "control-scale.value": "linear",
    "control-events.value": ["on"],
    "explorer-graph.clickData": None,
    "_pages_location.pathname": "/trade",
    "_pages_location.search": "?chart=ua-turnover",
}
"""A value the browser would send for each input and state of the server's callbacks."""


def server_callbacks(app) -> list[str]:
    """The callbacks the server runs (the browser runs the others: they have no function)."""
    return sorted(key for key, spec in app.callback_map.items() if "callback" in spec)


def browser_item(dependency: dict) -> dict | list:
    """An input or state as the renderer sends it: the component's id, property and value; for a
    pattern-matching (ALL) dependency, the list of components it matches (none here)."""
    if dependency["id"].startswith("{"):
        return []
    return {**dependency, "value": VALID_VALUES[f"{dependency['id']}.{dependency['property']}"]}


def browser_body(app, key: str) -> dict:
    """The request the renderer sends for the callback ``key``, built from the callback map."""
    spec = app.callback_map[key]
    declared = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    outputs = [{"id": o.component_id, "property": o.component_property} for o in declared]
    first = spec["inputs"][0]
    return {
        "output": key,
        "outputs": outputs if isinstance(spec["output"], list) else outputs[0],
        "inputs": [browser_item(i) for i in spec["inputs"]],
        "state": [browser_item(s) for s in spec["state"]],
        "changedPropIds": [f"{first['id']}.{first['property']}"],
    }


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{not json",
        b"null",
        b"[]",
        b'"a string"',
        b"12",
        b'{"output": 1, "inputs": "x"}',
        b'{"output": "nope.children", "outputs": {"id": "nope", "property": "children"}, '
        b'"inputs": []}',
        b'{"output": "' + b"x" * 5000 + b'.children", "inputs": []}',
        b'{"output": "..x.figure", "outputs": {"id": "x", "property": "figure"}, "inputs": []}',
        b'{"output": "record-panel.children", "inputs": "not a list"}',
        b'{"output": "record-panel.children", "inputs": [1, 2]}',
        b'{"output": "record-panel.children", "inputs": [], "state": {"a": 1}}',
    ],
    ids=lambda b: b[:40].decode(errors="replace"),
)
def test_a_malformed_callback_envelope_is_refused_with_a_400_json_message(client, body):
    """What is not a callback request at all (no JSON, no object, an output nobody declared,
    inputs that are not a list of objects) is refused before Dash parses it."""
    response = client.post(CALLBACK, data=body, content_type="application/json")
    assert response.status_code == 400, response.get_data()[:200]
    assert response.get_json()["status"] == 400
    assert not leaks(response.get_data())


@pytest.mark.parametrize("depth", [1_000, 50_000])
def test_deeply_nested_json_in_a_callback_request_is_a_client_error(client, depth):
    """A few kilobytes of brackets exhaust Python's recursion limit in the JSON decoder
    (RecursionError, not the ValueError a "silent" JSON parse absorbs): that must be answered as
    malformed input, not as a server error with a trace in the log per request."""
    for body in (b"[" * depth + b"]" * depth, b'{"output": ' + b"[" * depth + b"]" * depth + b"}"):
        response = client.post(CALLBACK, data=body, content_type="application/json")
        assert_answered_safely(response, f"{depth} nested arrays")


def inconsistent_with_the_callback(app) -> dict[str, dict]:
    """Well-formed requests that do not match what the callback declares; Dash's dispatcher
    raises on each (a 500), so the app refuses them first."""
    good = browser_body(app, RECORD)
    pages = browser_body(app, callback_key(app, PAGES_CALLBACK))
    explorer = browser_body(app, callback_key(app, EXPLORER))
    link = {"id": {"type": "record-link", "obs": "x"}, "property": "n_clicks", "value": 1}
    return {
        "no outputs": {k: v for k, v in good.items() if k != "outputs"},
        "outputs not an object": {**good, "outputs": "record-panel.children"},
        "fewer inputs than declared": {**good, "inputs": good["inputs"][:1]},
        "more state than declared": {**good, "state": [{"id": "a", "property": "b"}]},
        "an input without property": {**good, "inputs": [{"id": "explorer-graph"}, []]},
        "changed ids not text": {**good, "changedPropIds": [{"id": 1}]},
        "a multi-output callback with one output": {
            **callback_body(app, callback_key(app, PAGES_CALLBACK), ["/trade", ""], []),
            "outputs": {"id": "_pages_content", "property": "children"},
        },
        "an output the browser computes": {
            "output": next(k for k, v in app.callback_map.items() if "callback" not in v),
            "outputs": [],
            "inputs": [],
        },
        "page path not a string": callback_body(
            app, callback_key(app, PAGES_CALLBACK), [5, None], []
        ),
        "page search not a string": callback_body(
            app, callback_key(app, PAGES_CALLBACK), ["/trade", {"a": 1}], []
        ),
        "an output naming another callback's component": {
            **explorer,
            "outputs": [{"id": "record-panel", "property": "children"}, *explorer["outputs"][1:]],
        },
        "an output naming another property of its component": {
            **good,
            "outputs": {"id": "record-panel", "property": "style"},
        },
        "an output with a pattern id no output declares": {
            **good,
            "outputs": {"id": {"type": "record-link", "obs": "x"}, "property": "children"},
        },
        "an output id that is a number": {**good, "outputs": {"id": 5, "property": "children"}},
        "a single output sent as an empty list": {**good, "outputs": []},
        "outputs each wrapped in a list": {**pages, "outputs": [[o] for o in pages["outputs"]]},
        "another callback's outputs": {**good, "outputs": pages["outputs"]},
        "another callback's output key": {**pages, "output": RECORD},
        "an input naming another component": {
            **explorer,
            "inputs": [{**explorer["inputs"][0], "id": "record-panel"}, *explorer["inputs"][1:]],
        },
        "the page location wrapped in a list": {
            **pages,
            "inputs": [[pages["inputs"][0]], pages["inputs"][1]],
        },
        "a pattern input sent as one object": {**good, "inputs": [good["inputs"][0], link]},
        "a pattern input matching another pattern": {
            **good,
            "inputs": [good["inputs"][0], [{**link, "id": {"type": "other", "obs": "x"}}]],
        },
    }


@pytest.mark.parametrize(
    "case",
    [
        "no outputs",
        "outputs not an object",
        "fewer inputs than declared",
        "more state than declared",
        "an input without property",
        "changed ids not text",
        "a multi-output callback with one output",
        "an output the browser computes",
        "page path not a string",
        "page search not a string",
        "an output naming another callback's component",
        "an output naming another property of its component",
        "an output with a pattern id no output declares",
        "an output id that is a number",
        "a single output sent as an empty list",
        "outputs each wrapped in a list",
        "another callback's outputs",
        "another callback's output key",
        "an input naming another component",
        "the page location wrapped in a list",
        "a pattern input sent as one object",
        "a pattern input matching another pattern",
    ],
)
def test_a_callback_request_inconsistent_with_its_callback_is_a_400_with_a_message(
    app, client, case
):
    response = client.post(CALLBACK, json=inconsistent_with_the_callback(app)[case])
    assert response.status_code == 400, response.get_data()[:200]
    assert response.get_json()["error"].startswith("callback request")
    assert not leaks(response.get_data())


@pytest.mark.parametrize(
    "pathname", ["", "trade", "trade/", " /trade", "..", "http://localhost/trade", "\x00", "é"]
)
def test_a_page_path_that_is_not_absolute_is_a_400_saying_so(app, client, pathname):
    """The browser's location is always an absolute path; Dash's page router raises on any other
    (a 500 with a trace in the log), so such a request is refused first."""
    body = browser_body(app, callback_key(app, PAGES_CALLBACK))
    body["inputs"][0]["value"] = pathname
    response = client.post(CALLBACK, json=body)
    assert response.status_code == 400, response.get_data()[:200]
    assert "must be an absolute path" in response.get_json()["error"]


@pytest.mark.parametrize("pathname", ["/nope", "//evil.example", "/trade/../", "/\x00", "/é"])
def test_an_absolute_page_path_that_names_no_page_gets_the_not_found_content(app, client, pathname):
    body = browser_body(app, callback_key(app, PAGES_CALLBACK))
    body["inputs"][0]["value"] = pathname
    response = client.post(CALLBACK, json=body)
    assert response.status_code == 200, response.get_data()[:200]
    assert "Page not found" in json.dumps(response.get_json()["response"]["_pages_content"])


def test_a_bug_in_a_callback_of_the_app_is_still_a_logged_generic_500(
    app, client, monkeypatch, caplog
):
    """Validating requests must not hide the server's own faults: a callback that raises on a
    request the browser would send answers the generic 500 and logs its trace."""

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("dashboard.site.explorer.record_panel", broken)
    monkeypatch.setitem(
        app.server.extensions, response_memo.MEMO_KEY, SimpleCache(default_timeout=0)
    )
    with caplog.at_level("ERROR", logger="dashboard.web.security"):
        response = client.post(CALLBACK, json=browser_body(app, RECORD))
    assert response.status_code == 500 and response.get_json() == GENERIC_500
    assert any(r.exc_info and "boom" in str(r.exc_info[1]) for r in caplog.records)


def app_callback_values(app) -> dict[str, dict]:
    """Well-formed requests to the app's own callbacks whose values a browser would never send."""
    explorer = callback_key(app, EXPLORER)

    def chart(series, start, end, transform, base, chart_id) -> dict:
        return callback_body(
            app,
            explorer,
            [series, start, end, transform, base, "chart", ""],
            [chart_id, "linear", True],
        )

    def record(click_data, links: list | None = None) -> dict:
        body = browser_body(app, RECORD)
        body["inputs"][0]["value"] = click_data
        if links is not None:
            body["inputs"][1] = links
            trigger = json.dumps(links[0]["id"], separators=(",", ":"), sort_keys=True)
            body["changedPropIds"] = [f"{trigger}.n_clicks"]
        return body

    return {
        "explorer: unknown chart id": chart([SERIES], 2015, 2020, "level", None, "nope"),
        "explorer: no chart id": chart([], None, None, None, None, None),
        "explorer: chart id a list": chart([SERIES], None, None, None, None, ["ua-turnover"]),
        "explorer: series a number": chart(5, None, None, None, None, "ua-turnover"),
        "explorer: series of numbers": chart([1, 2], None, None, None, None, "ua-turnover"),
        "explorer: series of objects": chart([{"a": 1}], None, None, None, None, "ua-turnover"),
        "explorer: base a list": chart([SERIES], None, None, "index", [2015], "ua-turnover"),
        "explorer: base an object": chart([SERIES], None, None, "index", {"a": 1}, "ua-turnover"),
        "explorer: transform a list": chart([SERIES], None, None, ["index"], None, "ua-turnover"),
        "record: click data a string": record("abc"),
        "record: click data without points": record({"points": []}),
        "record: points a string": record({"points": "x"}),
        "record: points of numbers": record({"points": [1]}),
        "record: customdata nested": record({"points": [{"customdata": [["a"]]}]}),
        "record: customdata an object": record({"points": [{"customdata": [{"a": 1}]}]}),
        "record: link obs a list": record(
            None,
            [{"id": {"type": "record-link", "obs": ["x"]}, "property": "n_clicks", "value": 1}],
        ),
        "record: link obs a number": record(
            None, [{"id": {"type": "record-link", "obs": 7}, "property": "n_clicks", "value": 1}]
        ),
    }


APP_CALLBACK_CASES = [
    "explorer: unknown chart id",
    "explorer: no chart id",
    "explorer: chart id a list",
    "explorer: series a number",
    "explorer: series of numbers",
    "explorer: series of objects",
    "explorer: base a list",
    "explorer: base an object",
    "explorer: transform a list",
    "record: click data a string",
    "record: click data without points",
    "record: points a string",
    "record: points of numbers",
    "record: customdata nested",
    "record: customdata an object",
    "record: link obs a list",
    "record: link obs a number",
]


@pytest.mark.parametrize("case", APP_CALLBACK_CASES)
def test_the_apps_callbacks_answer_values_a_browser_never_sends_with_a_4xx(app, client, case):
    """A callback request is an HTTP request anyone can craft: the explorer's and the record
    panel's callbacks receive client-controlled values (chart id, series, base year, click data)
    and must refuse or ignore impossible ones — a 4xx, a 204 (no update) or a 200 — not raise.
    A 500 here also writes a full trace to the server log per request: a cheap log flood."""
    response = client.post(CALLBACK, json=app_callback_values(app)[case])
    assert_answered_safely(response, case)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    which=st.sampled_from(["explorer", "record", "pages"]),
    values=st.lists(JSON_VALUES, min_size=10, max_size=10),
)
def test_no_json_value_in_a_callback_request_causes_a_server_error(app, client, which, values):
    """The property form of the cases above: any JSON in any input or state slot."""
    if which == "explorer":
        body = callback_body(app, callback_key(app, EXPLORER), values[:7], values[7:10])
    elif which == "record":
        body = browser_body(app, RECORD)
        body["inputs"][0]["value"] = values[0]
    else:
        body = callback_body(app, callback_key(app, PAGES_CALLBACK), values[:2], [])
    assert_answered_safely(client.post(CALLBACK, json=body), json.dumps(body)[:300])


# Callback bodies generated from the callback map, then mutated ------------------------------------


def test_every_server_callback_is_fuzzed_from_a_request_the_browser_would_send(app, client):
    """A new callback is fuzzed from the day it exists: each input and state it declares has a
    value above, and its unmutated request is answered as the browser's would be."""
    for key in server_callbacks(app):
        response = client.post(CALLBACK, json=browser_body(app, key))
        assert response.status_code in (200, 204), (key, response.get_data()[:300])


def declared_ids(app) -> list[str]:
    """Every component id and property name the callback map mentions."""
    names = set()
    for key, spec in app.callback_map.items():
        names.update(f"{d['id']}.{d['property']}" for d in spec["inputs"] + spec["state"])
        names.update(o.strip(".") for o in key.split("...") if o.strip("."))
    return sorted(names)


MALFORMED_OUTPUT_KEYS = [
    "",
    ".",
    "..",
    "....",
    "..x.figure",
    "..x.figure..",
    "..explorer-graph.figure..",
    "x",
    ".children",
    '{"type":"record-link"}.children',
    "record-panel.children@0",
    "\x00.children",
]
RELATIVE_PATHS = [
    "",
    "trade",
    "trade/",
    " /trade",
    "..",
    "../trade",
    "http://localhost/trade",
    "\\trade",
    "\x00",
    "\x00/trade",
    "é",
    "?chart=polls",
    "#main",
]
ODD_SEARCHES = [
    "",
    "chart=polls",
    "?",
    "??",
    "?%",
    "?%zz",
    "?%C3%28",
    "#x",
    "?\x00",
    "?chart=%00",
    "?=",
    "?&&&&",
    "?chart=nope",
    "?chart=polls&chart=ua-turnover",
    "?from=abc&to=-1",
    "?obs=" + "x" * 500,
    "?" + "é" * 100,
    "? chart=polls",
]
IDS = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=2),
    st.dictionaries(
        st.sampled_from(["type", "obs", "index", ""]) | st.text(max_size=6),
        st.text(max_size=6) | st.integers() | st.booleans() | st.none() | st.just(["ALL"]),
        max_size=3,
    ),
    st.sampled_from(
        [
            {"type": "record-link", "obs": "x"},
            {"type": "record-link", "obs": 7},
            {"type": "record-link"},
            {"type": "other", "obs": "x"},
            {"type": "record-link", "obs": "x", "extra": 1},
        ]
    ),
)
PROPERTIES = st.one_of(st.text(max_size=20), st.integers(), st.none())
SHAPE_MUTATIONS = (
    "item replaced",
    "item in a list",
    "list instead of its item",
    "item dropped",
    "item repeated",
    "extra item",
)
MUTATIONS = [
    "output key",
    "item id",
    "item property",
    "item value",
    "item key missing",
    *SHAPE_MUTATIONS,
    "slot replaced",
    "slot missing",
    "page path",
    "page search",
    "changed ids",
    "extra key",
    "body in a list",
]


def _slot_items(body: dict, slot: str) -> list:
    """The dependency objects of one of the body's slots, pattern-matching lists flattened."""
    value = body.get(slot)
    items = value if isinstance(value, list) else [value]
    flat = [i for item in items for i in (item if isinstance(item, list) else [item])]
    return [i for i in flat if isinstance(i, dict)]


def mutate(body: object, mutation: str, app, draw) -> object:
    """``body`` with one thing changed the way a client that is not the renderer might."""
    if not isinstance(body, dict):
        return body
    slot = draw(st.sampled_from(["outputs", "inputs", "state"]))
    items = _slot_items(body, slot)
    item = draw(st.sampled_from(items)) if items else None
    known = declared_ids(app)
    if mutation == "output key":
        keys = st.sampled_from(sorted(app.callback_map)) | st.sampled_from(MALFORMED_OUTPUT_KEYS)
        body["output"] = draw(keys | st.text(max_size=40))
    elif mutation == "item id" and item is not None:
        item["id"] = draw(st.sampled_from([k.rsplit(".", 1)[0] for k in known]) | IDS)
    elif mutation == "item property" and item is not None:
        item["property"] = draw(st.sampled_from([k.rsplit(".", 1)[1] for k in known]) | PROPERTIES)
    elif mutation == "item value" and item is not None:
        item["value"] = draw(JSON_VALUES)
    elif mutation == "item key missing" and item is not None:
        item.pop(draw(st.sampled_from(["id", "property", "value"])), None)
    elif mutation in SHAPE_MUTATIONS and isinstance(body.get(slot), list | dict):
        value = body[slot] if isinstance(body[slot], list) else [body[slot]]
        if mutation == "extra item" or not value:
            value.append(draw(st.sampled_from(items) if items else JSON_VALUES))
        else:
            at = draw(st.integers(0, len(value) - 1))
            if mutation == "item replaced":
                value[at] = draw(JSON_VALUES)
            elif mutation == "item in a list":
                value[at] = [value[at]]
            elif mutation == "list instead of its item":
                value = value[at] if isinstance(value[at], list) else [value[at]]
            elif mutation == "item dropped":
                del value[at]
            else:
                value.insert(at, value[at])
        body[slot] = value[0] if slot == "outputs" and draw(st.booleans()) and value else value
    elif mutation == "slot replaced":
        body[slot] = draw(JSON_VALUES)
    elif mutation == "slot missing":
        body.pop(
            draw(st.sampled_from(["output", "outputs", "inputs", "state", "changedPropIds"])), None
        )
    elif mutation in ("page path", "page search"):
        wanted = "pathname" if mutation == "page path" else "search"
        for location in (i for i in _slot_items(body, "inputs") if i.get("property") == wanted):
            odd = RELATIVE_PATHS if wanted == "pathname" else ODD_SEARCHES
            location["value"] = draw(st.sampled_from(odd) | st.text(max_size=60))
    elif mutation == "changed ids":
        body["changedPropIds"] = draw(
            st.lists(st.sampled_from(known) | st.text(max_size=30), max_size=3) | JSON_VALUES
        )
    elif mutation == "extra key":
        body[draw(st.text(max_size=12))] = draw(JSON_VALUES)
    elif mutation == "body in a list":
        return [body]
    return body


@settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), mutations=st.lists(st.sampled_from(MUTATIONS), max_size=3))
def test_no_mutation_of_a_callback_request_causes_a_server_error(app, client, data, mutations):
    """Any server callback's request as the browser sends it, with up to three things changed —
    the output named, an output's or an input's id or property (another component's, a pattern
    that matches nothing, garbage), keys missing, items wrapped in lists or added, values of any
    type, page paths without their leading '/', odd search strings — is answered below 500: as
    the browser's would be, or with a 4xx and a JSON message."""
    key = data.draw(st.sampled_from(server_callbacks(app)))
    body: object = browser_body(app, key)
    for mutation in mutations:
        body = mutate(body, mutation, app, data.draw)
    response = client.post(CALLBACK, json=body)
    what = f"{mutations} {json.dumps(body, default=str)[:400]}"
    assert_answered_safely(response, what)
    if not mutations:
        assert response.status_code in (200, 204), what
    if response.status_code >= 400:
        message = response.get_json(silent=True) or {}
        assert isinstance(message.get("error"), str) and message["error"], what


# Unknown machine routes and methods ------------------------------------------------------------

MACHINE_NOT_FOUND = {
    "/api/v1/nonexistent": "/api/v1/series",
    "/api/v1/series/x.exe": "/api/v1/series/<series_id>.csv",
    f"/api/v1/series/{SERIES}.foo": "/api/v1/series/<series_id>.xlsx",
    "/api/v1/observations.foo": "/api/v1/observations.parquet",
    "/api/v1/series/": "/api/v1/series/<series_id>.json",
    "/api/v1/sdmx/nope.xml": "/api/v1/sdmx/structure.xml",
    "/api/whatever": "/api/v1/series",
    "/api/v2/series": "/api/v1/series",
    "/api/": "/api/v1/series",
    "/api": "/api/v1/series",
    "/charts/": "/charts/<chart_id>.<fmt>",
    "/charts/polls": "/charts/<chart_id>.<fmt>",
    "/charts/a/b.png": "/charts/<chart_id>.<fmt>",
    "/download/": "/download/belarus-indicators.zip",
    "/download/x.zip": "/download/belarus-indicators.zip",
    "/embed/": "/embed/<chart_id>",
    "/embed/a/b": "/embed/<chart_id>",
    "/healthz/x": "/healthz",
    "/_dash-nope": "/_dash-layout",
}


@pytest.mark.parametrize("path", list(MACHINE_NOT_FOUND))
def test_an_unknown_machine_route_is_a_json_404_naming_the_routes_that_exist(client, path):
    """Programs read the API, images, embeds and downloads: an unknown path there is answered
    as their other errors are (JSON with a message), and the message says what does exist."""
    response = client.get(path)
    assert response.status_code == 404, response.status_code
    assert response.mimetype == "application/json", response.get_data()[:100]
    error = response.get_json()
    assert error["status"] == 404
    assert MACHINE_NOT_FOUND[path] in error["error"], error["error"]


@pytest.mark.parametrize(
    "method, path",
    [
        ("POST", "/api/v1/series"),
        ("DELETE", f"/api/v1/series/{SERIES}.csv"),
        ("PUT", "/charts/polls.png"),
        ("POST", "/embed/polls"),
        ("POST", "/download/belarus-indicators.zip"),
    ],
)
def test_a_method_a_machine_route_does_not_answer_is_a_json_405_naming_those_it_does(
    client, method, path
):
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert response.mimetype == "application/json"
    assert "GET" in response.get_json()["error"], response.get_json()
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("path", ["/api/v1/nonexistent", "/api/v2/series", "/charts/a/b.png"])
def test_any_method_on_an_unknown_machine_route_is_a_json_404_not_a_405(client, path):
    """An unknown path is not found whatever the method: no 'use GET' for what does not exist."""
    response = client.post(path)
    assert response.status_code == 404
    assert MACHINE_NOT_FOUND[path] in response.get_json()["error"]


def test_an_unknown_page_is_still_the_html_not_found_page(client):
    response = client.get("/nope")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Page not found" in response.get_data(as_text=True)


# 5. Security headers on every response class ---------------------------------------------------


def script_src(csp: str) -> str:
    for directive in csp.split(";"):
        if directive.strip().startswith("script-src"):
            return directive.strip()
    raise AssertionError(f"no script-src in {csp!r}")


def assert_security_headers(response, embeddable: bool) -> None:
    headers = response.headers
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") == "strict-origin-when-cross-origin"
    csp = headers.get("Content-Security-Policy", "")
    scripts = script_src(csp)
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, scripts
    assert "*" not in scripts.split() and "data:" not in scripts, scripts
    assert "object-src 'none'" in csp
    if embeddable:
        assert "X-Frame-Options" not in headers, "an embed must be frameable by any site"
        assert "frame-ancestors" not in csp, "an embed must be frameable by any site"
    else:
        assert headers.get("X-Frame-Options") == "DENY"
        assert "frame-ancestors 'none'" in csp


RESPONSE_CLASSES = {
    "page": ("GET", "/trade", 200),
    "page with a view": ("GET", "/trade?chart=ua-turnover&from=2015", 200),
    "page, ignored parameter": ("GET", "/trade?nope=1", 200),
    "api json": ("GET", "/api/v1/series", 200),
    "api csv": ("GET", f"/api/v1/series/{SERIES}.csv", 200),
    "api parquet": ("GET", "/api/v1/observations.parquet", 200),
    "api bibtex": ("GET", "/api/v1/sources.bib", 200),
    "health": ("GET", "/healthz", 200),
    "image png": ("GET", "/charts/polls.png?width=333", 200),
    "image svg": ("GET", "/charts/polls.svg?width=334", 200),
    "embed": ("GET", "/embed/polls", 200),
    "embed script": ("GET", "/embed/embed.js", 200),
    "embed, unknown chart": ("GET", "/embed/nope", 404),
    "embed, bad parameter": ("GET", "/embed/polls?from=abc", 400),
    "asset": ("GET", "/assets/base.css", 200),
    "dash layout": ("GET", "/_dash-layout", 200),
    "dash dependencies": ("GET", "/_dash-dependencies", 200),
    "not found page": ("GET", "/nope", 404),
    "not found api": ("GET", "/api/v1/series/nope.csv", 404),
    "unknown api route": ("GET", "/api/v1/nope", 404),
    "method not allowed, image": ("PUT", "/charts/polls.png", 405),
    "not found image": ("GET", "/charts/nope.png", 404),
    "not found component file": ("GET", "/_dash-component-suites/../../etc/passwd", 404),
    "bad request api": ("GET", "/api/v1/series?x=1", 400),
    "bad request image": ("GET", "/charts/polls.png?width=1", 400),
    "bad callback": ("POST", CALLBACK, 400),
    "method not allowed": ("POST", "/api/v1/series", 405),
    "query too long": ("GET", "/api/v1/series?x=" + "a" * 3000, 414),
    "query too long, embed": ("GET", "/embed/polls?x=" + "a" * 3000, 414),
}


@pytest.mark.parametrize("name", list(RESPONSE_CLASSES))
def test_every_response_class_carries_the_security_headers(client, fake_renderer, name):
    """Headers set in one after_request hook reach every kind of answer — pages, data, images,
    embeds, errors raised by routes, errors raised by Flask and by the app's own guards."""
    method, path, status = RESPONSE_CLASSES[name]
    response = client.open(path, method=method)
    assert response.status_code == status, (path, response.status_code)
    assert_security_headers(response, embeddable=path.startswith("/embed/"))


def test_a_not_modified_answer_carries_the_security_headers(client):
    first = client.get("/api/v1/sources.json")
    again = client.get("/api/v1/sources.json", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert_security_headers(again, embeddable=False)


def test_an_unavailable_renderer_answers_503_with_the_security_headers(client, monkeypatch):
    monkeypatch.setattr(images.Renderer, "unavailable_reason", lambda self: "no browser here")
    monkeypatch.setattr(images.RenderedImages, "get", lambda self, key: None)
    response = client.get("/charts/polls.png?width=335")
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert_security_headers(response, embeddable=False)


def test_an_unexpected_error_is_a_generic_500_with_the_headers_and_no_trace(
    app, client, monkeypatch
):
    """Whatever a bug raises — even a message holding a file path — the client gets the generic
    message (JSON for machine routes, text for pages) with every security header."""

    def broken(*args, **kwargs):
        raise RuntimeError(f'File "{REPO}/dashboard/secret.py", line 1: boom')

    monkeypatch.setattr("dashboard.exports.api.active_dataset", broken)
    monkeypatch.setattr(app, "interpolate_index", broken)
    monkeypatch.setitem(
        app.server.extensions, response_memo.MEMO_KEY, SimpleCache(default_timeout=0)
    )
    api = client.get("/api/v1/sources.json?")
    page = client.get("/quality")
    assert api.status_code == 500 and api.get_json() == GENERIC_500
    assert page.status_code == 500 and page.mimetype == "text/plain"
    for response in (api, page):
        assert not leaks(response.get_data()) and b"boom" not in response.get_data()
        assert_security_headers(response, embeddable=False)


@pytest.mark.parametrize(
    "host", ['evil.example"><script>alert(1)</script>', "evil.example/<img src=x onerror=1>"]
)
def test_a_hostile_host_header_gets_400_and_its_markup_is_never_echoed(client, host):
    """A Host that is no host name is refused (dashboard/web/hosts.py); the refusal names it
    with its markup characters replaced, so nothing a client sent comes back as markup."""
    response = client.get("/embed/polls", headers={"Host": host})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "is not served here" in page


def test_an_embed_escapes_a_trusted_host_in_its_link_back(app, client, monkeypatch):
    """Even a host the site trusts is escaped where the embed writes it into the page."""
    monkeypatch.setitem(app.server.config, "TRUSTED_HOSTS", ["indicators.example"])
    page = client.get("/embed/polls", headers={"Host": "indicators.example"}).get_data(as_text=True)
    assert 'href="http://indicators.example/' in page


# 6. The app writes only to its cache directory -------------------------------------------------

_WRITES: list[tuple[str, str]] = []
_RECORDING = threading.Event()
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_PATH_EVENTS = {
    "os.mkdir": (0,),
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.rename": (0, 1),
    "os.replace": (0, 1),
    "os.symlink": (1,),
    "os.link": (1,),
    "os.truncate": (0,),
    "os.chmod": (0,),
    "os.utime": (0,),
    "shutil.rmtree": (0,),
    "tempfile.mkstemp": (0,),
    "tempfile.mkdtemp": (0,),
}


def _audit(event: str, args: tuple) -> None:
    if not _RECORDING.is_set():
        return
    if event == "open":
        path, mode, flags = args
        writes = any(c in mode for c in "wax+") if isinstance(mode, str) else flags & _WRITE_FLAGS
        places = [path] if writes else []
    elif event in _PATH_EVENTS:
        places = [args[i] for i in _PATH_EVENTS[event] if i < len(args)]
    else:
        return
    for place in places:
        if isinstance(place, str | bytes | os.PathLike):
            _WRITES.append((event, os.fsdecode(place)))


_HOOKED: list[bool] = []


@contextlib.contextmanager
def recorded_writes():
    """Every file-system write this process attempts inside the block (an audit hook: immune to
    the other processes that may be editing the repository meanwhile)."""
    if not _HOOKED:
        sys.addaudithook(_audit)  # cannot be removed; inert while not recording
        _HOOKED.append(True)
    _WRITES.clear()
    _RECORDING.set()
    try:
        yield _WRITES
    finally:
        _RECORDING.clear()


def test_the_image_cache_lives_under_the_configured_cache_dir(app, monkeypatch, tmp_path):
    """BELARUS_CACHE_DIR is the one directory operators must make writable."""
    with app.server.app_context():
        directory = images.rendered_images().directory
    assert directory.resolve().is_relative_to(Path(os.environ["BELARUS_CACHE_DIR"]).resolve())
    monkeypatch.setenv("BELARUS_CACHE_DIR", str(tmp_path))
    assert images.default_cache_dir() == tmp_path


def test_serving_writes_nowhere_but_the_cache_dir(app, client, monkeypatch, tmp_path):
    """Pages, extracts, downloads and images (rendered, hence cached on disk) write only below
    BELARUS_CACHE_DIR: the code and data directories can be read-only in production."""
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("BELARUS_CACHE_DIR", str(cache_dir))
    fresh_image_cache(app, monkeypatch, images.default_cache_dir() / "images")
    monkeypatch.setattr(images.RENDERER, "render", lambda *a, **k: FAKE_PNG)
    paths = [
        "/",
        "/trade?chart=ua-turnover&from=2015",
        "/data",
        "/api/v1/series",
        "/api/v1/observations.csv?from=2016",
        "/api/v1/observations.parquet?from=2017",
        "/download/belarus-indicators.zip",
        "/embed/polls",
        "/charts/polls.png?width=641",
        "/charts/polls.svg?width=642",
        "/charts/embassy.png?preset=social&scale=2",
        "/healthz",
    ]
    with recorded_writes() as writes:
        for path in paths:
            assert client.get(path).status_code == 200, path
    outside = [
        (event, place)
        for event, place in writes
        if not Path(place).resolve().is_relative_to(cache_dir.resolve())
        and "__pycache__" not in place  # the interpreter's bytecode cache, not the app's
    ]
    assert outside == [], "the app wrote outside BELARUS_CACHE_DIR"
    cached = [p for p in cache_dir.rglob("*") if p.is_file()]
    assert len(cached) == 3, "each rendered image is cached on disk, under the cache dir"
    assert not [p for p in cached if p.name.startswith(".")], "no temporary file is left"


# 7. A flood of unique image URLs ---------------------------------------------------------------


def test_a_flood_of_unique_image_urls_is_refused_not_queued_and_other_requests_still_answer(
    app, monkeypatch, tmp_path
):
    """Each unique image URL costs a render (one at a time per process). Beyond a few waiting
    renders the rest are refused at once with 503 + Retry-After — no pile of threads waiting on
    Chromium — while data requests keep being answered, and the queue drains afterwards.

    The render itself (inside the renderer's lock and bounded queue) is what is slowed down, so
    the real queueing logic is exercised."""
    fresh_image_cache(app, monkeypatch, tmp_path / "images")
    monkeypatch.setattr(images.Renderer, "unavailable_reason", lambda self: None)

    def slow_render(self, kaleido, figure, opts):
        time.sleep(0.5)
        return FAKE_PNG

    monkeypatch.setattr(images.Renderer, "_render_locked", slow_render)
    results: list[tuple[int, str | None, float]] = []
    start = threading.Barrier(21)

    def fetch(width: int) -> None:
        client = app.server.test_client()
        start.wait(timeout=10)
        began = time.perf_counter()
        response = client.get(f"/charts/polls.png?width={width}&height=400")
        results.append(
            (response.status_code, response.headers.get("Retry-After"), time.perf_counter() - began)
        )

    threads = [threading.Thread(target=fetch, args=(700 + i,), daemon=True) for i in range(20)]
    for thread in threads:
        thread.start()
    start.wait(timeout=10)
    time.sleep(0.05)  # the flood is under way
    began = time.perf_counter()
    catalogue = app.server.test_client().get("/api/v1/series")
    catalogue_seconds = time.perf_counter() - began
    for thread in threads:
        thread.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "every flood request was answered"

    statuses = [status for status, _, _ in results]
    assert catalogue.status_code == 200 and catalogue_seconds < 1.0, catalogue_seconds
    assert set(statuses) <= {200, 503}, statuses
    refused = [r for r in results if r[0] == 503]
    assert len(refused) >= 20 - images.MAX_WAITING_RENDERS - 1, statuses
    assert all(retry == "5" for _, retry, _ in refused), "a 503 says when to retry"
    assert max(seconds for _, _, seconds in refused) < 1.0, "refused at once, not after waiting"
    assert 1 <= statuses.count(200) <= images.MAX_WAITING_RENDERS + 1, statuses
    again = app.server.test_client().get("/charts/polls.png?width=799&height=400")
    assert again.status_code == 200, "the queue drained: renders are accepted again"


# A real server (make serve's gunicorn configuration) for what the test client cannot show ------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(parquet_dir, tmp_path_factory):
    """gunicorn with one worker on a free loopback port, serving the test dataset; its whole
    process group is killed afterwards."""
    port = free_port()
    logs = tmp_path_factory.mktemp("served")
    env = {
        **os.environ,
        "BELARUS_DATA": str(parquet_dir),
        "BELARUS_CACHE_DIR": str(logs / "cache"),
        "PORT": str(port),
        "WORKERS": "1",
        "LOG_LEVEL": "warning",
    }
    with open(logs / "out", "wb") as out, open(logs / "err", "wb") as err:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *GUNICORN_ARGS],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited: {(logs / 'err').read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                if raw_request(port, "GET", "/healthz")[0] == 200:
                    break
            time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer /healthz within 60 s")
        yield port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def raw_request(
    port: int, method: str, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One request with the path sent exactly as given (no normalization of ``..``)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()
