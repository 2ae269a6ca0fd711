"""Security headers on every response, limits on request size, and errors that never leak.

- Content-Security-Policy: scripts only from this origin plus the exact inline scripts Dash
  writes (by hash, from ``app.csp_hashes()``); no plugins, no foreign frames of our pages.
  Files (extracts, images, the data package) get a policy that allows nothing to run or load
  (``FILE_POLICY``): an SVG opened on its own is a document too.
- Framing: ``/embed/*`` may be framed by any site (that is what it is for); every other page
  refuses (``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``).
- ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: strict-origin-when-cross-origin``.
- Query strings over ``MAX_QUERY_BYTES`` are refused with 414 before any route runs.
- A callback request that is not one the Dash renderer would send for a callback the server runs
  is refused with 400 and a message before Dash sees it (``_callback_request_problem``).
- Machine routes (``MACHINE_PREFIXES``) answer every error as JSON: a path no route answers is a
  404 listing the routes that exist there, a method a route does not answer a 405 naming those
  it does; an unknown page is the HTML not-found page.
- An unexpected exception answers a generic 500 (JSON for machine routes) and is logged with its
  trace on the server only: no stack trace or file path ever reaches a client.
"""

from __future__ import annotations

import json
import logging

import dash
from dash import Dash
from dash.exceptions import DependencyException
from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

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
    """Why a callback request is not one the Dash renderer would send, or None.

    Dash answers 500 with a trace in the log for bodies that are not objects, for lists where it
    expects objects, for outputs that are not exactly the callback's, and its page router for a
    location that is not an absolute path; its callbacks receive any input they are sent. So a
    request must name a callback the server runs, and its outputs, inputs and state must be the
    ones that callback declares, in order, each shaped as the renderer sends it."""
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
        items, expected = body.get(key, []), declared.get(key, [])
        if not isinstance(items, list) or len(items) != len(expected):
            return f"callback request '{key}' must be a list of {len(expected)} items"
        for position, (item, dependency) in enumerate(zip(items, expected, strict=True), 1):
            problem = _dependency_problem(item, dependency) or _location_problem(item)
            if problem:
                return f"callback request '{key}' item {position} {problem}"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "callback request 'changedPropIds' must be a list of text"
    return _outputs_problem(body.get("outputs"), declared)


def _outputs_problem(outputs: object, declared: dict) -> str | None:
    """Dash fails with a 500 on outputs missing or not the callback's (validate_output_spec)."""
    if declared.get("no_output"):
        return None  # Dash ignores what such a request names
    specs = declared["output"]
    if isinstance(specs, list):
        if not isinstance(outputs, list) or len(outputs) != len(specs):
            return f"callback request 'outputs' must be a list of {len(specs)} objects"
        pairs = list(zip(outputs, specs, strict=True))
    else:
        pairs = [(outputs, specs)]
    for position, (sent, spec) in enumerate(pairs, 1):
        problem = _dependency_problem(sent, spec.to_dict())
        if problem:
            return f"callback request 'outputs' item {position} {problem}"
    return None


def clean_property_name(name: str) -> str:
    """A property without the suffix Dash gives a duplicate output (``figure@<hash>``)."""
    return name.split("@")[0]


WILDCARDS = (["ALL"], ["MATCH"], ["ALLSMALLER"])
"""Pattern-matching wildcards as the callback map spells them inside a JSON id."""
SEVERAL = (["ALL"], ["ALLSMALLER"])
"""Wildcards whose dependency is sent as a list: every component the pattern matches."""


def _dependency_problem(sent: object, declared: dict) -> str | None:
    """Why ``sent`` is not the declared dependency (``{"id", "property"}`` as in the callback map)
    as the renderer sends it, or None: the same id — for a pattern, an id of its keys with the
    same fixed values and a plain value for each wildcard — and the same property. A pattern
    with ALL or ALLSMALLER is a list of such objects."""
    name = f"{declared['id']}.{clean_property_name(declared['property'])}"
    pattern = json.loads(declared["id"]) if declared["id"].startswith("{") else None
    several = pattern is not None and any(value in SEVERAL for value in pattern.values())
    if several and not isinstance(sent, list):
        return f"must be a list of the components matching {name}"
    for component in sent if several else [sent]:
        if not (
            isinstance(component, dict)
            and isinstance(component.get("property"), str)
            and clean_property_name(component["property"]) == name.rsplit(".", 1)[1]
            and _id_matches(component.get("id"), declared["id"], pattern)
        ):
            return f"must be {name}, an object with that id and property"
    return None


def _id_matches(sent: object, declared: str, pattern: dict | None) -> bool:
    if pattern is None:
        return sent == declared
    if not isinstance(sent, dict) or set(sent) != set(pattern):
        return False
    return all(
        isinstance(sent[key], str | int | float | bool)
        if value in WILDCARDS
        else type(sent[key]) is type(value) and sent[key] == value
        for key, value in pattern.items()
    )


def _location_problem(item: object) -> str | None:
    """Dash's page router fails on a location that is not text, or a path that is not absolute."""
    if not isinstance(item, dict) or item["property"] not in ("pathname", "search"):
        return None
    value = item.get("value")
    if not isinstance(value, str):
        return f"('{item['property']}') must be text"
    if item["property"] == "pathname" and not value.startswith("/"):
        return "('pathname') must be an absolute path, starting with '/'"
    return None


def wants_json() -> bool:
    """Whether the request is for a machine route (``/api`` too), whose errors are JSON."""
    return (request.path + "/").startswith(MACHINE_PREFIXES)


CATCH_ALL = "/<path:path>"
"""Dash's rule for every path no other rule matches: pages, and anything unknown."""


def _route_name(rule) -> str:
    """A rule as a message names it; with its methods when a browser cannot GET it."""
    methods = sorted(rule.methods or ())
    return rule.rule if "GET" in methods else f"{rule.rule} ({', '.join(methods)})"


def _routes_near(server: Flask, path: str) -> tuple[str, list[str]]:
    """Where ``path`` asked and the routes there: those in its folder, else every route under
    its machine prefix."""
    prefix = next(p for p in MACHINE_PREFIXES if (path + "/").startswith(p))
    rules = [
        rule
        for rule in server.url_map.iter_rules()
        if rule.rule.startswith(prefix) and rule.rule != CATCH_ALL
    ]
    folder = path.rsplit("/", 1)[0] + "/"
    here = [rule for rule in rules if rule.rule.rsplit("/", 1)[0] + "/" == folder]
    if here and folder.startswith(prefix):
        return folder, sorted(map(_route_name, here))
    return prefix, sorted(map(_route_name, rules))


ROUTE_HINTS = {
    "/api/": "start at /api/v1/series (every series, with its links) or /api/v1/charts",
    "/charts/": "<fmt> is png or svg; the chart ids are listed at /api/v1/charts",
    "/embed/": "the chart ids are listed at /api/v1/charts",
}


def _no_such_route(server: Flask) -> str:
    """What a 404 on a machine route says: that nothing is there, and what is."""
    place, routes = _routes_near(server, request.path)
    message = f"no such route; the routes under {place} are {', '.join(routes)}"
    hint = next((h for p, h in ROUTE_HINTS.items() if (request.path + "/").startswith(p)), None)
    return f"{message}; {hint}" if hint else message


def _only_pages_match(server: Flask) -> bool:
    """Whether Dash's catch-all is the one rule a GET of this path would reach."""
    adapter = server.url_map.bind_to_environ(request.environ)
    try:
        rule, _ = adapter.match(request.path, method="GET", return_rule=True)
    except HTTPException:
        return False
    return rule.rule == CATCH_ALL


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
        if rule == CATCH_ALL and request.path not in page_paths():
            # Dash's catch-all would render its 404 text inside a 200 page
            if wants_json():
                return jsonify({"error": _no_such_route(server), "status": 404}), 404
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
        headers = {}
        if isinstance(error, HTTPException):
            status = error.code or 500
            message = error.name
        else:
            log.exception("unhandled error on %s", request.path)
            status, message = 500, "Internal error; it has been logged."
        if not wants_json():
            return Response(f"{status} {message}", status=status, mimetype="text/plain")
        if isinstance(error, MethodNotAllowed) and _only_pages_match(server):
            status = 404  # a path only the pages' catch-all takes: nothing is there to call
        if status == 404:
            message = _no_such_route(server)
        elif isinstance(error, MethodNotAllowed) and error.valid_methods:
            allowed = ", ".join(sorted(error.valid_methods))
            message = f"this route answers {allowed} only"
            headers["Allow"] = allowed
        return jsonify({"error": message, "status": status}), status, headers


def page_paths() -> set[str]:
    """The paths Dash Pages serves (each page's shell is a page; anything else is not)."""
    return {page["path"] for page in dash.page_registry.values()}
