"""Repeat GETs of the machine routes answered before Flask sees them.

The API, image and download routes already cache their bodies (``dashboard.web.http.BODIES``, the
image caches), yet a cached CSV still cost ~0.7 ms of Flask and werkzeug per request — request
parsing, URL routing, the security and memo hooks, compression negotiation — which capped a
2-core server near 1,500 requests/s against the goal of 2,000 (docs/benchmarks.md).
This WSGI layer keeps the finished answer — status, every header the hooks added (security
policy, ETag, Cache-Control, encoding) and the encoded body — and replays it for the same
request.

What makes a replay the same answer: the response is a pure function of what the key holds
(host, path, query string, Accept-Encoding) and of the data, which never changes in a process.
Only what is plainly shareable is kept: 200 answers marked ``Cache-Control: public`` with an
ETag and no cookie. Requests that could be answered differently pass through every time: other
methods than GET, ranges, and conditional requests (the app answers those 304 itself).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable

PREFIXES = ("/api/", "/charts/", "/download/")
MAX_BYTES = 32 * 1024 * 1024
MAX_ENTRY_BYTES = 4 * 1024 * 1024
"""A larger answer (the zipped data package) is rare and already cached as bytes inside."""

Headers = list[tuple[str, str]]
Answer = tuple[str, Headers, bytes]
_INSTANCES: weakref.WeakSet[FinishedResponses] = weakref.WeakSet()


def forget_all() -> None:
    """Drop every kept answer (tests that inject a fault into what is behind this layer)."""
    for instance in list(_INSTANCES):
        instance.forget()


class FinishedResponses:
    """WSGI middleware: the inner app's shareable GET answers, replayed; bounded in bytes."""

    def __init__(self, app: Callable, max_bytes: int = MAX_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self._answers: OrderedDict[tuple, Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        _INSTANCES.add(self)

    def forget(self) -> None:
        with self._lock:
            self._answers.clear()
            self._bytes = 0

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        key = _key(environ)
        if key is None:
            return self.app(environ, start_response)
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
        if answer is not None:
            status, headers, body = answer
            start_response(status, list(headers))
            return [body]
        return self._answer_and_keep(key, environ, start_response)

    def _answer_and_keep(
        self, key: tuple, environ: dict, start_response: Callable
    ) -> Iterable[bytes]:
        seen: dict[str, object] = {}

        def capture(status: str, headers: Headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        if not _shareable(str(seen.get("status", "")), seen.get("headers") or []):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        self._keep(key, (str(seen["status"]), list(seen["headers"]), body))
        return [body]

    def _keep(self, key: tuple, answer: Answer) -> None:
        size = _size(answer)
        if size > min(MAX_ENTRY_BYTES, self.max_bytes):
            return
        with self._lock:
            if key in self._answers:
                return
            self._answers[key] = answer
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, evicted = self._answers.popitem(last=False)
                self._bytes -= _size(evicted)


def _size(answer: Answer) -> int:
    _, headers, body = answer
    return len(body) + sum(len(name) + len(value) for name, value in headers)


def _key(environ: dict) -> tuple | None:
    """The request's identity for a replay, or None if it must reach the app."""
    path = environ.get("PATH_INFO", "")
    if environ.get("REQUEST_METHOD") != "GET" or not path.startswith(PREFIXES):
        return None
    if "HTTP_RANGE" in environ or "HTTP_IF_NONE_MATCH" in environ:
        return None
    if "HTTP_IF_MODIFIED_SINCE" in environ:
        return None
    return (
        environ.get("wsgi.url_scheme"),
        environ.get("HTTP_HOST"),
        environ.get("SCRIPT_NAME", ""),
        path,
        environ.get("QUERY_STRING", ""),
        environ.get("HTTP_ACCEPT_ENCODING", ""),
    )


def _shareable(status: str, headers: Headers) -> bool:
    if not status.startswith("200"):
        return False
    names = {name.lower(): value for name, value in headers}
    return (
        "public" in names.get("cache-control", "") and "etag" in names and "set-cookie" not in names
    )
