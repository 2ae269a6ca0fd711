"""The releases a server answers from: the one it serves now, and the one before it, for the pages
it sent before it moved.

A *release* is the app over one dataset with that dataset's published site (dashboard/app.py),
named by its site version. gunicorn's master builds one at start and a new one on ``SIGHUP``
(``make reload``), from the data ``BELARUS_DATA`` names at that moment; the workers it then forks
serve the new release, and the old workers finish their requests. A release that does not load
(a broken build) is refused with a message in the log, and the server keeps the one it has.

Why keep the previous release: a page is more than one request. Its scripts ask the app for its
layout and answer its controls by callbacks, seconds or minutes after the page arrived, and they
say which release the page came from (header ``X-Site-Version``, sent by assets/boot.js). Asked
for the previous release, the server answers from it; so a reader never sees the page of one
dataset answered with the numbers of another, however the release falls in their visit. A
request that names a release the server no longer (or does not yet) hold is answered by the
current one — unless the proxy says it can try another host (``X-Site-Version-Only: 1``,
deploy/nginx.conf), which then gets a 404 that sends it on.

Every answer names its release in ``X-Site-Version``. The server leases the published versions
of both releases (publish/leases.py), so ``make publish`` never removes their files.
"""

from __future__ import annotations

import gc
import json
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dash import Dash

from dashboard.charts.declarations import ChartDeclarationError
from dashboard.model.data import PARQUET_DIR, DataUnavailable, load_dataset
from dashboard.web.baked import SITE_DIR, VERSION_HEADER, site_version
from publish.leases import Leases

log = logging.getLogger(__name__)

ONLY_HEADER = "X-Site-Version-Only"
"""Set by a proxy with other hosts to try: answer the asked release or 404, never another."""
_WANTED = "HTTP_" + VERSION_HEADER.upper().replace("-", "_")
_ONLY = "HTTP_" + ONLY_HEADER.upper().replace("-", "_")


@dataclass(frozen=True)
class Release:
    version: str
    """The site version: data version and drawing code."""
    data_version: str
    app: Dash

    @property
    def published(self) -> bool:
        """Whether this release serves its published site's files."""
        from dashboard.web.baked import EXTENSION_ID

        return self.app.server.extensions.get(EXTENSION_ID) is not None


def build_release(data_location: str | None = None, site_root: Path = SITE_DIR) -> Release:
    """The app over the data at ``data_location`` (default: BELARUS_DATA, else
    datasets/parquet) as it is now — read afresh, never from this process's cache — serving
    the site published for it under ``site_root``."""
    from dashboard.app import create_app

    location = data_location or os.environ.get("BELARUS_DATA", str(PARQUET_DIR))
    data = load_dataset.__wrapped__(location)
    app = create_app(data, site_root=site_root)
    return Release(site_version(data.version), data.version, app)


class Releases:
    """The WSGI application a server runs: each request answered by the release it asks for,
    when held, else by the current one."""

    def __init__(
        self, build: Callable[[], Release] = build_release, leases: Leases | None = None
    ) -> None:
        self._build = build
        self.current = build()
        self.previous: Release | None = None
        self.leases = leases
        self._hold()

    def reload(self) -> bool:
        """Build a release from the data as it is now and make it current, the current one
        previous; False (and the log says why) when it does not load."""
        try:
            fresh = self._build()
        except (DataUnavailable, ChartDeclarationError) as error:
            log.error("reload refused, still serving %s: %s", self.current.version, error)
            return False
        if fresh.version == self.current.version and fresh.published == self.current.published:
            log.info("reload: %s is already served", fresh.version)
            return True
        if fresh.version == self.current.version:  # the same release, its files published since
            gc.unfreeze()
            self.current = fresh
            gc.collect()
            log.info("reload: serving %s with its published files", fresh.version)
            return True
        # the release before the previous one goes; its objects were frozen out of the
        # collector's reach before the workers forked (gunicorn_conf.pre_fork)
        gc.unfreeze()
        self.previous, self.current = self.current, fresh
        gc.collect()
        self._hold()
        log.info("reload: serving %s (previous %s)", fresh.version, self.previous.version)
        return True

    def held(self) -> Iterable[Release]:
        return [r for r in (self.current, self.previous) if r is not None]

    def _hold(self) -> None:
        if self.leases is not None:
            self.leases.hold(r.version for r in self.held())

    def __call__(self, environ: dict, start_response):
        wanted = environ.get(_WANTED)
        release = self.current
        if wanted and wanted != release.version:
            if self.previous is not None and wanted == self.previous.version:
                release = self.previous
            elif environ.get(_ONLY) == "1":
                return _not_held(wanted, release.version, start_response)

        def start(status: str, headers: list, exc_info=None):
            if not any(name.lower() == VERSION_HEADER.lower() for name, _ in headers):
                headers.append((VERSION_HEADER, release.version))
            return start_response(status, headers, exc_info)

        return release.app.server(environ, start)


def _not_held(wanted: str, current: str, start_response) -> list[bytes]:
    """404 for a release this server does not hold, so a proxy asks another host."""
    safe = "".join(c for c in wanted if c.isalnum() or c == "-")[:80]
    body = json.dumps(
        {
            "error": f"release {safe} is not served by this host (it serves {current})",
            "status": 404,
        }
    ).encode()
    start_response(
        "404 Not Found",
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            (VERSION_HEADER, current),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]


def server_leases() -> Leases:
    """The leases a gunicorn master holds on the published site."""
    return Leases(SITE_DIR, role="app")
