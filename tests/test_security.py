"""Hostile input gets a 4xx, never a 5xx or a stack trace; every response carries the security
headers; a flood of unique image URLs is refused before it can exhaust the server."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import images

REPO = Path(__file__).resolve().parent.parent
ROUTES = [
    "/",
    "/trade",
    "/more",
    "/sources",
    "/quality",
    "/data",
    "/api/v1/series",
    "/api/v1/series/trade.by_ua.turnover.csv",
    "/api/v1/series/trade.by_ua.turnover.json",
    "/api/v1/observations.csv",
    "/api/v1/observations.parquet",
    "/api/v1/sources.json",
    "/api/v1/sources.bib",
    "/api/v1/charts",
    "/charts/polls.png",
    "/charts/polls.svg",
    "/embed/polls",
    "/download/belarus-indicators.zip",
    "/healthz",
]
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
]
NASTY = st.sampled_from(
    [
        "",
        "../",
        "..%2f",
        "%00",
        "\x00",
        "1e309",
        "-0",
        "NaN",
        "-1",
        "99999999999999999999",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "trade.by_ua.turnover,,",
        "ü" * 300,
        "2012/2013",
    ]
)


@pytest.fixture
def fake_renderer(monkeypatch):
    """Fuzzing exercises the routes' logic, not Chromium: renders return a tiny PNG."""
    monkeypatch.setattr(images.RENDERER, "render", lambda *a, **k: b"\x89PNG\r\n\x1a\nfake")


def assert_no_leak(response) -> None:
    body = response.get_data().decode("utf-8", errors="replace")
    assert response.status_code < 500, (response.status_code, body[:300])
    assert "Traceback" not in body and 'File "/' not in body and str(REPO) not in body


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=st.sampled_from(ROUTES),
    query=st.dictionaries(
        st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=12)),
        st.one_of(NASTY, st.text(max_size=80)),
        max_size=6,
    ),
)
def test_no_query_on_any_route_causes_a_server_error(client, fake_renderer, route, query):
    assert_no_leak(client.get(f"{route}?{urlencode(query)}"))


@pytest.mark.parametrize(
    "path",
    [
        "/assets/../pyproject.toml",
        "/assets/%2e%2e/pyproject.toml",
        "/assets/..%2f..%2fpyproject.toml",
        "/charts/..%2f..%2fpyproject.toml.png",
        "/embed/..%2f..%2fetc%2fpasswd",
        "/api/v1/series/..%2f..%2fetc%2fpasswd.csv",
        "/api/v1/series/%252e%252e%252fpyproject.csv",
        "/_dash-component-suites/../../etc/passwd",
        "/_dash-component-suites/dash/..%2f..%2f..%2fpyproject.toml",
        "/download/..%2fpyproject.toml",
    ],
)
def test_path_traversal_is_refused_and_reveals_nothing(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500
    body = response.get_data(as_text=True)
    assert "[project]" not in body and "root:" not in body


def test_oversized_queries_and_paths_are_refused(client):
    response = client.get("/api/v1/series?x=" + "a" * 3000)
    assert response.status_code == 414 and "longer than" in response.get_json()["error"]
    assert 400 <= client.get("/charts/" + "x" * 5000 + ".png").status_code < 500


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{not json",
        b'{"output": "nope.children", "outputs": {"id": "nope", "property": "children"}, '
        b'"inputs": []}',
        b'{"output": 1, "inputs": "x"}',
        b"[]",
    ],
)
def test_malformed_callback_requests_never_leak_a_trace(client, body):
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    body_text = response.get_data().decode("utf-8", errors="replace")
    assert "Traceback" not in body_text and str(REPO) not in body_text
    assert response.status_code == 400, body_text


@pytest.mark.parametrize(
    "path",
    [
        "/trade",
        "/api/v1/series",
        "/api/v1/series/trade.by_ua.turnover.csv",
        "/nope",
        "/api/v1/series/nope.csv",
        "/api/v1/series?x=" + "a" * 3000,
        "/charts/polls.png?width=1",
    ],
)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_only_embeds_may_be_framed(client):
    response = client.get("/embed/polls")
    assert "frame-ancestors" not in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_flood_of_unique_images_is_refused_not_queued_without_end(app, monkeypatch):
    """Renders are serialized with a bounded queue: the excess gets 503 + Retry-After at once,
    and other requests keep being answered meanwhile."""

    def slow_render(*args, **kwargs):
        time.sleep(0.3)
        return b"\x89PNG\r\n\x1a\nfake"

    monkeypatch.setattr(images.Renderer, "unavailable_reason", lambda self: None)
    monkeypatch.setattr(images.Renderer, "_render_locked", lambda self, k, f, o: slow_render())
    statuses: list[int] = []
    retry_after: list[str | None] = []

    def request(width: int) -> None:
        response = app.server.test_client().get(f"/charts/embassy.png?width={width}&height=400")
        statuses.append(response.status_code)
        retry_after.append(response.headers.get("Retry-After"))

    threads = [threading.Thread(target=request, args=(400 + i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    catalogue = app.server.test_client().get("/api/v1/series")
    elapsed = time.perf_counter() - started
    for thread in threads:
        thread.join(timeout=30)
    assert catalogue.status_code == 200 and elapsed < 1.0
    assert set(statuses) <= {200, 503}
    assert statuses.count(503) >= 1, "the queue is bounded"
    assert all(r == "5" for s, r in zip(statuses, retry_after, strict=True) if s == 503)
