"""Dash's own responses, memoized as bytes: page shells, /_dash-layout, /_dash-dependencies and
callback answers.

Why this is safe: every one of them is a pure function of the request (path, query string, body),
the site's origin (share snippets carry absolute links) and the data, which never changes in a
process — every server callback in this app reads only its inputs and the dataset. Why it pays:
under load most of a page view's server time went to rebuilding and re-serializing component
trees that were identical for every reader (docs/benchmarks.md, load section). A repeat costs a
dictionary lookup; compression and security headers are still applied to every response.

Only 200 answers are kept (a 204 "nothing to update", a 4xx or a 5xx is recomputed), in a
cachelib cache bounded in entries. Behind the shipped proxy, nginx keeps these same answers
(deploy/nginx.conf), so ``make serve-proxy`` turns the memo off (BELARUS_RESPONSE_MEMO=0) rather
than hold them twice; ``make serve`` alone needs it for its load goal (docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import os

from cachelib import SimpleCache
from dash import Dash
from flask import Response, g, request

from dashboard.model.data import active_dataset
from dashboard.web.security import page_paths

MEMO_ENTRIES = 512
"""Page views and callback answers are 5–100 KB each: tens of MB at most."""
JSON_PATHS = ("/_dash-update-component", "/_dash-layout", "/_dash-dependencies")
SWITCH = "BELARUS_RESPONSE_MEMO"
MEMO_KEY = "belarus.response_memo"


def _mimetype() -> str | None:
    """The memoizable kind of the current request, as the mimetype of its answer; else None."""
    if request.path in JSON_PATHS:
        allowed = "POST" if request.path == JSON_PATHS[0] else "GET"
        return "application/json" if request.method == allowed else None
    if request.method == "GET" and request.path in page_paths():
        return "text/html"
    return None


def _key(mimetype: str) -> str:
    body = request.get_data(cache=True) if request.method == "POST" else b""
    return repr(
        (
            active_dataset().version,
            id(active_dataset()),
            request.host_url,  # page views and callback answers carry absolute links
            request.method,
            request.path,
            request.query_string,
            hashlib.sha256(body).hexdigest(),
            mimetype,
        )
    )


def install_response_memo(app: Dash) -> None:
    """Register the hooks; call after the security hooks, so a refused request never reaches
    the memo (Flask runs before-request hooks in the order they were registered)."""
    if os.environ.get(SWITCH, "1") == "0":
        return
    server = app.server
    server.extensions[MEMO_KEY] = SimpleCache(threshold=MEMO_ENTRIES, default_timeout=0)

    @server.before_request
    def answer_from_memo():
        mimetype = _mimetype()
        if mimetype is None:
            return None
        key = _key(mimetype)
        body = server.extensions[MEMO_KEY].get(key)
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
            server.extensions[MEMO_KEY].set(key, response.get_data())
        return response
