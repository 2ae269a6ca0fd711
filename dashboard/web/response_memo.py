"""Dash's own responses, memoized as bytes: page shells, /_dash-layout, /_dash-dependencies and
callback answers.

Why this is safe: every one of them is a pure function of the request (path, query string, body),
the site's origin (share snippets carry absolute links) and the data, which never changes in a
process — every server callback in this app reads only its inputs and the dataset. Why it pays:
under load most of a page view's server time went to rebuilding and re-serializing component
trees that were identical for every reader (docs/benchmarks.md, load section). A repeat costs a
dictionary lookup; compression and security headers are still applied to every response.

Only 200 answers are kept (a 204 "nothing to update", a 4xx or a 5xx is recomputed), bounded in
bytes, least recently used first out.
"""

from __future__ import annotations

import hashlib

from dash import Dash
from flask import Response, g, request

from dashboard.model.data import active_dataset
from dashboard.web.http import BytesCache
from dashboard.web.security import page_paths

MEMO_BYTES = 16 * 1024 * 1024
JSON_PATHS = ("/_dash-update-component", "/_dash-layout", "/_dash-dependencies")


RESPONSES = BytesCache(max_bytes=MEMO_BYTES)


def _mimetype() -> str | None:
    """The memoizable kind of the current request, as the mimetype of its answer; else None."""
    if request.path in JSON_PATHS:
        allowed = "POST" if request.path == JSON_PATHS[0] else "GET"
        return "application/json" if request.method == allowed else None
    if request.method == "GET" and request.path in page_paths():
        return "text/html"
    return None


def _key(mimetype: str) -> tuple:
    body = request.get_data(cache=True) if request.method == "POST" else b""
    return (
        active_dataset().version,
        id(active_dataset()),
        request.host_url,
        request.method,
        request.path,
        request.query_string,
        hashlib.sha256(body).digest(),
        mimetype,
    )


def install_response_memo(app: Dash) -> None:
    """Register the hooks; call after the security hooks, so a refused request never reaches
    the memo (Flask runs before-request hooks in the order they were registered)."""
    server = app.server

    @server.before_request
    def answer_from_memo():
        mimetype = _mimetype()
        if mimetype is None:
            return None
        key = _key(mimetype)
        body = RESPONSES.get(key)
        if body is None:
            g.response_memo_key = key
            return None
        return Response(body, mimetype=mimetype)

    @server.after_request
    def keep_in_memo(response: Response) -> Response:
        # after_request hooks run last-registered first: this one sees the body before
        # compression does
        key = g.pop("response_memo_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            RESPONSES.put(key, response.get_data())
        return response
