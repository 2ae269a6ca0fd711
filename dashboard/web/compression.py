"""Compressed script and style files, kept per (algorithm, URL) instead of recompressed for every
visitor.

flask-compress compresses each response as it leaves; for the page's fingerprinted scripts
(1.7 MB, plotly.js most of it) that cost ~30 ms of server CPU per new visitor. Only URLs that
name a version are kept: Dash's component suites (version in the path) and assets with their
``?m=`` modification time, so a changed file is a new key.
"""

from __future__ import annotations

from cachelib import SimpleCache
from flask import Request

COMPRESSED_FILES = 256
"""Entries (algorithm × file): the page loads about 30 script and style files."""
NOT_KEPT = "not-kept"


def compression_key(request: Request) -> str:
    """flask-compress's cache key (it prefixes the algorithm): the URL of a versioned static
    file; NOT_KEPT for anything else, which CompressedFiles neither stores nor finds."""
    versioned = request.path.startswith("/_dash-component-suites/") or (
        request.path.startswith("/assets/") and "m" in request.args
    )
    if request.method == "GET" and versioned:
        return request.full_path  # no host: a script or style file names none
    return NOT_KEPT


class CompressedFiles(SimpleCache):
    """flask-compress's cache backend: cachelib's, keeping only the versioned files
    (``compression_key``) — flask-compress itself would keep every response."""

    def __init__(self) -> None:
        super().__init__(threshold=COMPRESSED_FILES, default_timeout=0)

    def get(self, key: str) -> bytes | None:
        return None if key.endswith(NOT_KEPT) else super().get(key)

    def set(self, key: str, value: bytes, timeout: int | None = None) -> bool:
        return False if key.endswith(NOT_KEPT) else super().set(key, value, timeout)
