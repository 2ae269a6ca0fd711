"""Repeat GETs of the machine routes are replayed before Flask: the same status, headers and bytes,
for the same request only; anything that could be answered differently reaches the app."""

from __future__ import annotations

import pytest
from werkzeug.test import Client
from werkzeug.wrappers import Response

from dashboard.web.finished_responses import FinishedResponses

PUBLIC = {"Cache-Control": "public, max-age=60", "ETag": '"v1"'}


class CountingApp:
    """A WSGI app answering what a test sets, counting the requests that reach it."""

    def __init__(self, status: int = 200, headers: dict | None = None, body: bytes = b"a,b\n1,2\n"):
        self.status, self.headers, self.body = (
            status,
            dict(PUBLIC if headers is None else headers),
            body,
        )
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        encoding = environ.get("HTTP_ACCEPT_ENCODING", "")
        response = Response(self.body + encoding.encode(), status=self.status, headers=self.headers)
        return response(environ, start_response)


def client_over(inner: CountingApp, **options) -> Client:
    return Client(FinishedResponses(inner, **options))


def test_a_repeated_request_is_replayed_whole_without_reaching_the_app():
    inner = CountingApp(headers={**PUBLIC, "Content-Security-Policy": "default-src 'self'"})
    client = client_over(inner)
    first = client.get("/api/v1/series/x.csv?from=2020")
    again = client.get("/api/v1/series/x.csv?from=2020")
    assert inner.calls == 1
    assert again.status_code == first.status_code == 200
    assert again.get_data() == first.get_data()
    assert list(again.headers.items()) == list(first.headers.items())


@pytest.mark.parametrize(
    ("second", "why"),
    [
        ({"path": "/api/v1/series/x.csv?from=2021"}, "another query"),
        ({"path": "/api/v1/series/y.csv"}, "another path"),
        ({"headers": {"Accept-Encoding": "gzip"}}, "another encoding"),
        ({"headers": {"Host": "mirror.example"}}, "another host (absolute links)"),
    ],
)
def test_another_request_is_not_served_the_first_ones_answer(second: dict, why: str):
    inner = CountingApp()
    client = client_over(inner)
    client.get("/api/v1/series/x.csv")
    answer = client.get(second.get("path", "/api/v1/series/x.csv"), headers=second.get("headers"))
    assert inner.calls == 2, why
    if "headers" in second and "Accept-Encoding" in second["headers"]:
        assert answer.get_data().endswith(b"gzip")


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("POST", "/api/v1/series/x.csv", {}),
        ("HEAD", "/api/v1/series/x.csv", {}),
        ("GET", "/api/v1/series/x.csv", {"Range": "bytes=0-3"}),
        ("GET", "/api/v1/series/x.csv", {"If-None-Match": '"v1"'}),
        ("GET", "/api/v1/series/x.csv", {"If-Modified-Since": "Sat, 28 Nov 2026 10:00:00 GMT"}),
        ("GET", "/trade", {}),
        ("GET", "/_dash-layout", {}),
    ],
)
def test_requests_that_may_be_answered_differently_always_reach_the_app(method, path, headers):
    inner = CountingApp()
    client = client_over(inner)
    for _ in range(2):
        client.open(path, method=method, headers=headers)
    assert inner.calls == 2


@pytest.mark.parametrize(
    ("status", "headers"),
    [
        (404, PUBLIC),
        (503, PUBLIC),
        (200, {"ETag": '"v1"'}),  # not marked public
        (200, {"Cache-Control": "public"}),  # no ETag
        (200, {**PUBLIC, "Set-Cookie": "session=1"}),
    ],
)
def test_only_shareable_answers_are_kept(status: int, headers: dict):
    inner = CountingApp(status=status, headers=headers)
    client = client_over(inner)
    for _ in range(2):
        client.get("/charts/polls.png")
    assert inner.calls == 2


def test_the_replays_are_bounded_in_bytes_least_recently_used_first_out():
    inner = CountingApp(body=b"x" * 1000)
    client = client_over(inner, max_bytes=2500)
    for name in ("a", "b", "a", "c"):  # c pushes out b, the least recently used
        client.get(f"/api/v1/series/{name}.csv")
    assert inner.calls == 3
    client.get("/api/v1/series/a.csv")
    assert inner.calls == 3
    client.get("/api/v1/series/b.csv")
    assert inner.calls == 4


def test_the_real_app_replays_a_csv_with_its_security_headers_and_still_revalidates(client):
    path = "/api/v1/series/trade.by_ua.turnover.csv"
    first, again = client.get(path), client.get(path)
    assert again.get_data() == first.get_data()
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert again.headers["ETag"] == first.headers["ETag"]
    revalidated = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert revalidated.status_code == 304
    assert client.get("/api/v1/series/nope.csv").status_code == 404
