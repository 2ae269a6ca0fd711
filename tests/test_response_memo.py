"""Dash's page shells, layout, dependencies and callback answers are memoized per request: a
repeat is the same bytes without recomputation, and nothing that differs is ever shared."""

from __future__ import annotations

import json

import pytest
from cachelib import SimpleCache
from dash_requests import callback_body, callback_key

from dashboard.site import explorer
from dashboard.web import response_memo

PAGES = ".._pages_content.children"


class RecordingMemo(SimpleCache):
    """The memo's cache, recording what it is asked to keep."""

    def __init__(self) -> None:
        super().__init__(threshold=response_memo.MEMO_ENTRIES, default_timeout=0)
        self.kept: list[str] = []

    def set(self, key: str, value: bytes, timeout: int | None = None) -> bool:
        self.kept.append(key)
        return super().set(key, value, timeout)


@pytest.fixture
def memo(app, monkeypatch):
    """An empty memo for each test, so what one test computed never answers another."""
    fresh = RecordingMemo()
    monkeypatch.setitem(app.server.extensions, response_memo.MEMO_KEY, fresh)
    return fresh


def page_content(app, client, path: str, search: str = "", host: str = "localhost"):
    body = callback_body(app, callback_key(app, PAGES), [path, search], [])
    return client.post("/_dash-update-component", json=body, headers={"Host": host})


def test_a_repeated_page_view_is_the_same_bytes_without_rebuilding_the_page(
    app, client, memo, monkeypatch
):
    first = page_content(app, client, "/trade", "?chart=ua-flows&from=2019")
    assert first.status_code == 200

    def rebuilt(*_args, **_kwargs):
        raise AssertionError("the page was rebuilt for a request answered before")

    monkeypatch.setattr(explorer, "_explorer_layout", rebuilt)
    again = page_content(app, client, "/trade", "?chart=ua-flows&from=2019")
    assert again.status_code == 200
    assert again.get_data() == first.get_data()


def test_a_different_view_is_computed_not_taken_from_another(app, client, memo):
    flows = json.dumps(page_content(app, client, "/trade", "?chart=ua-flows").get_json())
    turnover = json.dumps(page_content(app, client, "/trade", "?chart=ua-turnover").get_json())
    assert '"data": "ua-flows"' in flows and '"data": "ua-turnover"' not in flows
    assert '"data": "ua-turnover"' in turnover


def test_share_snippets_keep_the_origin_each_reader_used(app, client, memo, monkeypatch):
    monkeypatch.setitem(app.server.config, "TRUSTED_HOSTS", ["one.example", "two.example"])
    one = json.dumps(page_content(app, client, "/trade", host="one.example").get_json())
    two = json.dumps(page_content(app, client, "/trade", host="two.example").get_json())
    assert "http://one.example/charts/" in one and "two.example" not in one
    assert "http://two.example/charts/" in two and "one.example" not in two


def test_answers_other_than_200_are_never_kept(app, client, memo):
    """A 204 ("nothing to update") or a refused request is recomputed every time."""
    key = callback_key(app, "..explorer-graph.figure")
    back_to_chart = callback_body(
        app,
        key,
        [["trade.by_ua.turnover"], None, None, "level", None, "chart", ""],
        ["ua-turnover", "linear", ["on"]],
        changed="control-view.value",
    )
    for _ in range(2):
        assert client.post("/_dash-update-component", json=back_to_chart).status_code == 204
    assert client.get("/no-such-page").status_code == 404
    assert not memo.kept, "a non-200 answer was kept"


def test_page_shells_and_dash_json_are_kept_and_api_routes_are_left_to_their_own_cache(
    app, client, memo
):
    for path in ("/trade", "/_dash-layout", "/_dash-dependencies"):
        assert client.get(path).status_code == 200
    assert len(memo.kept) == 3
    assert client.get("/api/v1/series").status_code == 200
    assert len(memo.kept) == 3, "the API has its own ETag-aware cache"


@pytest.fixture
def compressions(app, monkeypatch) -> list[str]:
    """An empty compressed-files cache on the app's flask-compress, and the request paths
    flask-compress compresses a body for, in order."""
    from flask import request
    from flask_compress import Compress, flask_compress

    from dashboard.web.compression import CompressedFiles

    compress = next(
        hook.__self__
        for hook in app.server.after_request_funcs[None]
        if isinstance(getattr(hook, "__self__", None), Compress)
    )
    assert isinstance(compress.cache, CompressedFiles), "the app keeps its compressed files"
    monkeypatch.setattr(compress, "cache", CompressedFiles())
    compressed: list[str] = []
    original = flask_compress._compress_data

    def counting(app, data, algorithm):
        compressed.append(request.path)
        return original(app, data, algorithm)

    monkeypatch.setattr(flask_compress, "_compress_data", counting)
    return compressed


def test_a_versioned_script_is_compressed_once_and_answers_stay_their_own(
    app, client, compressions
):
    """Compressed script files are kept per (algorithm, URL): the second request for a script
    is answered from the kept body, not compressed again. Nothing else is kept, so two callback
    answers on the same path are each compressed, and never share a compressed body."""
    import gzip
    import re

    from dashboard.web.compression import compression_key

    page = client.get("/trade").get_data(as_text=True)
    script = next(s for s in re.findall(r'src="([^"]+)"', page) if "dash_core_components.v" in s)
    path = script.split("?")[0]
    gz = {"Accept-Encoding": "gzip"}
    first, again = client.get(script, headers=gz), client.get(script, headers=gz)
    assert first.headers["Content-Encoding"] == again.headers["Content-Encoding"] == "gzip"
    assert compressions.count(path) == 1, "compressed for the first request only"
    assert first.get_data() == again.get_data()
    plain = client.get(script).get_data()
    assert gzip.decompress(again.get_data()) == plain
    assert compressions.count(path) == 1, "a request without Accept-Encoding gets it plain"

    with app.server.test_request_context(script):
        from flask import request

        assert compression_key(request) == request.full_path
    with app.server.test_request_context("/_dash-update-component", method="POST"):
        from flask import request

        assert compression_key(request) == "not-kept"
    answers = {}
    for chart in ("ua-flows", "ua-turnover"):
        body = callback_body(app, callback_key(app, PAGES), ["/trade", f"?chart={chart}"], [])
        answer = client.post("/_dash-update-component", json=body, headers=gz)
        assert answer.headers["Content-Encoding"] == "gzip"
        answers[chart] = gzip.decompress(answer.get_data())
    assert compressions.count("/_dash-update-component") == 2, "each answer compressed anew"
    assert answers["ua-flows"] != answers["ua-turnover"]
    for chart, answer in answers.items():
        assert answer == page_content(app, client, "/trade", f"?chart={chart}").get_data()
