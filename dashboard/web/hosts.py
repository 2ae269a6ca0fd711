"""Which Host headers the site answers, and the address its absolute links carry.

Absolute links (share snippets, embed codes, the embed page's back link) must not be built from
a Host header a client can forge: a forged Host would end up in embed codes copied by readers
and in cached answers. The site therefore answers only hosts it trusts — a request naming any
other gets 400 — and builds absolute links from ``BELARUS_PUBLIC_URL`` when it is set (the
address readers use, e.g. behind a proxy), else from the request's own, trusted, host.

* ``BELARUS_PUBLIC_URL``: ``https://indicators.example.org`` — its host is trusted.
* ``BELARUS_TRUSTED_HOSTS``: more host names, comma-separated (``.example.org`` trusts its
  subdomains). Loopback names (localhost, 127.0.0.1) are always trusted, so ``make run``
  and the proxy on this machine work without configuration.

Flask checks the Host against the list on every request (``TRUSTED_HOSTS``, werkzeug's
``host_is_trusted``); nothing here parses headers itself.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from flask import Flask, Response, has_request_context, jsonify, request
from werkzeug.exceptions import SecurityError

from dashboard.web.security import wants_json

__all__ = ["LOOPBACK", "answer_untrusted_hosts", "public_url", "site_origin", "trusted_hosts"]

PUBLIC_URL = "BELARUS_PUBLIC_URL"
TRUSTED = "BELARUS_TRUSTED_HOSTS"
LOOPBACK = ("localhost", "127.0.0.1")


def public_url() -> str | None:
    """``BELARUS_PUBLIC_URL`` without its trailing slash; ValueError if it is not an address."""
    value = os.environ.get(PUBLIC_URL, "").strip().rstrip("/")
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"{PUBLIC_URL}={value!r}: write the site's address, e.g. https://example.org"
        )
    return value


def trusted_hosts() -> list[str]:
    """The host names the site answers: loopback, the public URL's host, and the listed ones."""
    hosts = list(LOOPBACK)
    url = public_url()
    if url:
        hosts.append(urlsplit(url).hostname or "")
    hosts += [h.strip() for h in os.environ.get(TRUSTED, "").split(",") if h.strip()]
    return list(dict.fromkeys(hosts))


def site_origin() -> str:
    """The origin absolute links use: the public URL, else this request's trusted host ('' with
    no request, e.g. a figure built for a file)."""
    url = public_url()
    if url:
        return url
    return request.host_url.rstrip("/") if has_request_context() else ""


def answer_untrusted_hosts(server: Flask) -> None:
    """Answer a request for an untrusted host with 400 and what to do, as JSON for the machine
    routes (API, images, embeds, downloads)."""

    def untrusted(_error: SecurityError) -> tuple[Response, int] | tuple[str, int, dict]:
        # Only the characters a host name has: the message never carries markup a client sent.
        host = re.sub(r"[^A-Za-z0-9.:\[\]-]", "?", request.environ.get("HTTP_HOST", ""))[:80]
        message = (
            f"host {host!r} is not served here; ask for one of {', '.join(trusted_hosts())} "
            f"(set {PUBLIC_URL} or {TRUSTED} to serve another name)"
        )
        if wants_json():  # the machine routes, whose errors are all JSON
            return jsonify({"error": message, "status": 400}), 400
        return message + "\n", 400, {"Content-Type": "text/plain; charset=utf-8"}

    server.register_error_handler(SecurityError, untrusted)
