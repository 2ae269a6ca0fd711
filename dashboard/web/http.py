"""HTTP helpers shared by the API, image and embed routes: one error type answered as JSON, and
responses that carry a strong ETag and Cache-Control so browsers, proxies and CDNs can cache them.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from flask import Flask, Response, jsonify, request

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


class BytesCache:
    """A thread-safe LRU of response bodies, bounded in total bytes.

    Every body the app serves is a pure function of (route, parameters, data version), so a
    repeated request costs a dictionary lookup instead of a pandas extract or a render.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[object, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: object) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: object, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = body
            self._bytes += len(body)
            while self._bytes > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._bytes -= len(evicted)

    def get_or_build(self, key: object, build: Callable[[], bytes | str]) -> bytes:
        body = self.get(key)
        if body is None:
            built = build()
            body = built.encode("utf-8") if isinstance(built, str) else built
            self.put(key, body)
        return body


BODIES = BytesCache(max_bytes=32 * 1024 * 1024)


def request_key(version: str) -> tuple:
    """Cache key of the current request: path, parameters (order-insensitive), data version."""
    return (version, request.path, tuple(sorted(request.args.items(multi=True))))
