"""HTTP helpers shared by the API, image and embed routes: one error type answered as JSON, and
responses that carry a strong ETag and Cache-Control so browsers, proxies and CDNs can cache them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from cachelib import SimpleCache
from flask import Flask, Response, current_app, jsonify, request

from dashboard.web.hosts import site_origin

CACHE_CONTROL = "public, max-age=3600"
"""An hour: the data changes only when the ETL is rerun and the app redeployed; the ETag, which
includes the data version, makes revalidation cheap after that."""


class ApiError(Exception):
    """A client error (4xx) or a declared unavailability (503), answered as JSON with a message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def json_error(error: ApiError):
    response = jsonify({"error": error.message, "status": error.status})
    if error.status == 503:
        response.headers["Retry-After"] = "5"
    return response, error.status


def register_error_handler(app: Flask) -> None:
    app.register_error_handler(ApiError, json_error)


def client_has(etag: str) -> bool:
    """Whether the request's If-None-Match names this (quoted, strong) ETag."""
    return request.if_none_match.contains(etag.strip('"'))


def etag_for(body: bytes, version: str = "") -> str:
    return '"' + hashlib.sha256(version.encode() + b"\0" + body).hexdigest()[:32] + '"'


def cached_response(
    body: bytes | str,
    mimetype: str,
    *,
    version: str,
    filename: str | None = None,
    etag: str | None = None,
    inline: bool = False,
) -> Response:
    """A response with ETag and Cache-Control; 304 when the client already has this version."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    tag = etag or etag_for(data, version)
    if client_has(tag):
        response = Response(status=304)
    else:
        response = Response(data, mimetype=mimetype)
        if filename:
            disposition = "inline" if inline else "attachment"
            response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["ETag"] = tag
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


BODIES_KEY = "belarus.bodies"
BODIES_KEPT = 1024


def install_body_cache(server: Flask) -> SimpleCache:
    """Response bodies of the API and download routes by (route, parameters, site origin, data
    version): each is a pure function of those, so a repeat costs a lookup instead of a pandas
    extract. Bounded in entries (cachelib); the default downloads are baked files (``make
    publish``)."""
    bodies = SimpleCache(threshold=BODIES_KEPT, default_timeout=0)
    server.extensions[BODIES_KEY] = bodies
    return bodies


def cached_body(key: str, build: Callable[[], bytes | str]) -> bytes:
    """The app's kept body for ``key``, built and kept on first use."""
    bodies: SimpleCache = current_app.extensions[BODIES_KEY]
    body = bodies.get(key)
    if body is None:
        built = build()
        body = built.encode("utf-8") if isinstance(built, str) else built
        bodies.set(key, body)
    return body


def request_key(version: str) -> str:
    """Cache key of the current request: data version, the site's origin, path, parameters
    (order-insensitive). The origin because a body may carry absolute links (a workbook's link
    to itself, the annotations' ids), which name the host the request named."""
    args = tuple(sorted(request.args.items(multi=True)))
    return repr((version, site_origin(), request.path, args))
