"""Security headers on every response, limits on request size, and errors that never leak.

- Content-Security-Policy: scripts only from this origin plus the exact inline scripts Dash
  writes (by hash, from ``app.csp_hashes()``); no plugins, no foreign frames of our pages.
  Files (extracts, images, the data package) get a policy that allows nothing to run or load
  (``FILE_POLICY``): an SVG opened on its own is a document too.
- Framing: ``/embed/*`` may be framed by any site (that is what it is for); every other page
  refuses (``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``).
- ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: strict-origin-when-cross-origin``.
- Query strings over ``MAX_QUERY_BYTES`` are refused with 414 before any route runs.
- An unexpected exception answers a generic 500 (JSON for machine routes) and is logged with its
  trace on the server only: no stack trace or file path ever reaches a client.
"""

from __future__ import annotations

import logging

import dash
from dash import Dash
from dash.exceptions import DependencyException
from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

MAX_QUERY_BYTES = 2048
MAX_BODY_BYTES = 1024 * 1024
EMBEDDABLE = "/embed/"
FILE_PREFIXES = ("/api/", "/charts/", "/download/")
FILE_POLICY = (
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "object-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
MACHINE_PREFIXES = ("/api/", "/charts/", "/embed/", "/download/", "/healthz", "/_dash-")


def _policy(script_hashes: list[str], embeddable: bool) -> str:
    scripts = " ".join(["'self'", *script_hashes])  # Dash returns them quoted
    # An embed may sit in any page, even one without a network scheme, which "frame-ancestors *"
    # would still refuse: embeds carry no frame-ancestors directive at all.
    framing = [] if embeddable else ["frame-ancestors 'none'"]
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            # plotly.js and Dash set element styles at run time
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            *framing,
        ]
    )


NOT_FOUND_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Not found — belarus-indicators</title></head>
<body><main><h1>Page not found</h1><p><a href="/">Go to the overview</a> or the
<a href="/data">data catalogue</a>.</p></main></body></html>"""


def _callback_request_problem(app: Dash) -> str | None:
    """Why a callback request is malformed, or None: Dash itself fails with a 500 on bodies that
    are not objects, on lists where it expects objects, and on outputs no callback declares."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # "silent" absorbs ValueError only; deep nesting raises this
        return "callback request is nested too deeply"
    if not isinstance(body, dict):
        return "callback request must be a JSON object"
    if not isinstance(body.get("output"), str) or body["output"] not in app.callback_map:
        return "callback request names no known output"
    declared = app.callback_map[body["output"]]
    if "callback" not in declared:
        return "callback request names an output the browser computes itself"
    for key in ("inputs", "state"):
        items = body.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict | list) for i in items):
            return f"callback request '{key}' must be a list of objects"
        if len(items) != len(declared.get(key, [])):
            return f"callback request '{key}' must have {len(declared.get(key, []))} items"
        for item in items:
            if not all(_names_a_property(i) for i in (item if isinstance(item, list) else [item])):
                return f"callback request '{key}' items must each name an id and a property"
            # Dash's page router fails on a location that is not text
            location = isinstance(item, dict) and item.get("property") in ("pathname", "search")
            if location and not isinstance(item.get("value"), str):
                return f"callback request '{item['property']}' must be text"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "callback request 'changedPropIds' must be a list of text"
    return _outputs_problem(body.get("outputs"), declared)


def _names_a_property(item: object) -> bool:
    return isinstance(item, dict) and "id" in item and isinstance(item.get("property"), str)


def _outputs_problem(outputs: object, declared: dict) -> str | None:
    """Dash fails with a 500 on outputs missing or not shaped like the callback's."""
    indices = declared.get("outputs_indices")
    several = isinstance(indices, list)
    count = len(indices) if several else 1
    items = outputs if several else [outputs]
    if several and (not isinstance(outputs, list) or len(outputs) != count):
        return f"callback request 'outputs' must be a list of {count} objects"
    for item in items:
        group = item if isinstance(item, list) else [item]
        if not all(_names_a_property(i) for i in group):  # [] is a pattern matching nothing
            return "callback request 'outputs' must name each output's id and property"
    return None


def _wants_json() -> bool:
    return request.path.startswith(MACHINE_PREFIXES)


def install_security(app: Dash) -> None:
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES  # larger bodies: 413, never parsed
    hashes: list[str] = []

    @server.before_request
    def refuse_oversized_queries_and_unknown_pages():
        if len(request.query_string) > MAX_QUERY_BYTES:
            message = f"query string longer than {MAX_QUERY_BYTES} bytes"
            return jsonify({"error": message, "status": 414}), 414
        if request.method == "POST" and request.path.endswith("/_dash-update-component"):
            problem = _callback_request_problem(app)
            if problem:
                return jsonify({"error": problem, "status": 400}), 400
        rule = request.url_rule.rule if request.url_rule else None
        if rule == "/<path:path>" and request.path not in page_paths():
            # Dash's catch-all would render its 404 text inside a 200 page
            return Response(NOT_FOUND_PAGE, status=404, mimetype="text/html")
        return None

    @server.after_request
    def security_headers(response: Response) -> Response:
        if not hashes:  # Dash Pages registers its inline callbacks on the first request
            hashes.extend(app.csp_hashes())
        embeddable = request.path.startswith(EMBEDDABLE)
        if request.path.startswith(FILE_PREFIXES):
            response.headers["Content-Security-Policy"] = FILE_POLICY
            # public data: a notebook or page elsewhere may fetch it (as from the baked files)
            response.headers["Access-Control-Allow-Origin"] = "*"
        else:
            response.headers["Content-Security-Policy"] = _policy(hashes, embeddable)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        if not embeddable:
            response.headers["X-Frame-Options"] = "DENY"
        return response

    @server.errorhandler(DependencyException)
    def unknown_component_file(_error: DependencyException):
        # Dash raises this for a /_dash-component-suites/ path it did not register (including
        # traversal attempts): a missing file, not a server error
        return jsonify({"error": "Not Found", "status": 404}), 404

    @server.errorhandler(Exception)
    def generic_error(error: Exception):
        if isinstance(error, HTTPException):
            status = error.code or 500
            message = error.name
        else:
            log.exception("unhandled error on %s", request.path)
            status, message = 500, "Internal error; it has been logged."
        if _wants_json():
            return jsonify({"error": message, "status": status}), status
        return Response(f"{status} {message}", status=status, mimetype="text/plain")


def page_paths() -> set[str]:
    """The paths Dash Pages serves (each page's shell is a page; anything else is not)."""
    return {page["path"] for page in dash.page_registry.values()}
