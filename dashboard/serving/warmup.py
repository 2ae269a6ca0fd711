"""Make a server's first readers as fast as its hundredth: start the image renderer, and render
the images of every topic page's first view (its default chart, at every width the page may ask
for: dashboard/site/prerender.py) into the shared disk cache — in the background, at worker start.

Without it the first image a worker renders waits ~2-4 s for kaleido's Chromium to start, and
the first reader of each page waits for its chart. One worker renders (a lock file in the cache
directory); every worker starts its own renderer. Set BELARUS_WARMUP=0 to skip all of it.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
from urllib.parse import parse_qsl, urlsplit

from flask import Flask

from dashboard.charts.declarations import ChartRegistry, default_registry
from dashboard.exports.images import (
    RENDERER,
    RenderedImages,
    parse_image_request,
    render_chart_image,
    rendered_images,
)
from dashboard.model.data import Dataset, active_dataset
from dashboard.site.layout import first_view_image_urls
from dashboard.web.baked import published_site, site_version
from dashboard.web.http import ApiError

log = logging.getLogger(__name__)


def render_first_view_images(data: Dataset, registry: ChartRegistry) -> int:
    """Render what neither the published site nor the disk cache has of
    ``first_view_image_urls``; the number rendered. In the app's context."""
    rendered = 0
    site = published_site()
    for url in first_view_image_urls(data, registry):
        if site is not None and site.find(url) is not None:
            continue
        parts = urlsplit(url)
        chart_id, fmt = parts.path.rsplit("/", 1)[-1].rsplit(".", 1)
        request = parse_image_request(chart_id, fmt, dict(parse_qsl(parts.query)), registry, data)
        key = RenderedImages.key(site_version(data.version), request)
        if rendered_images().get(key) is None:
            render_chart_image(registry.get(chart_id), data, request)
            rendered += 1
    return rendered


def warm_up() -> None:
    """Start this process's renderer; render the first-view images unless another worker is.
    In the app's context."""
    data, registry = active_dataset(), default_registry()
    try:
        RENDERER.warm()
        directory = rendered_images().directory
        directory.mkdir(parents=True, exist_ok=True)
        with open(directory.parent / ".warmup.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # another worker is rendering them
            count = render_first_view_images(data, registry)
            log.info("warm-up: %d first-view chart images rendered", count)
    except (ApiError, OSError) as error:  # no chromium, a full disk: the routes say so later
        log.warning("warm-up skipped: %s", error)


def start_warmup(server: Flask) -> threading.Thread | None:
    """``warm_up`` for ``server`` in a daemon thread, unless BELARUS_WARMUP=0 or images cannot
    render here."""
    if os.environ.get("BELARUS_WARMUP", "1") == "0" or RENDERER.unavailable_reason():
        return None

    def run() -> None:
        with server.app_context():
            warm_up()

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    with contextlib.suppress(RuntimeError):
        thread.start()
    return thread
