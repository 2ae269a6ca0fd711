"""Releases for tests: copies of the built dataset that carry a new data version, as a rebuild
with other inputs would, published with a stand-in renderer; and readers who view pages while
a release happens."""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from dashboard.exports import images
from dashboard.model.data import load_dataset

VERSION_KEY = b"belarus_indicators.data_version"


def rebuilt_copy(source: Path, target: Path, version: str) -> Path:
    """The tables of ``source`` in ``target``, stamped with data version ``version`` (16 hex
    digits): to the app, a different build."""
    shutil.copytree(source, target)
    for path in target.glob("*.parquet"):
        table = pq.read_table(path)
        metadata = {**(table.schema.metadata or {}), VERSION_KEY: version.encode()}
        pq.write_table(table.replace_schema_metadata(metadata), path)
    return target


def point(link: Path, target: Path) -> None:
    """Switch the symlink ``link`` to ``target`` in one step, as `make etl` does."""
    temporary = link.with_name(link.name + ".new")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target, target_is_directory=True)
    temporary.replace(link)


def publish_quickly(data_dir: Path, site_root: Path) -> str:
    """Publish the data in ``data_dir`` under ``site_root`` with a stand-in renderer (each
    image's bytes name its size); the site version."""
    from publish.site import publish

    renderer = images.RENDERER
    saved = renderer.render, renderer.unavailable_reason
    renderer.render = lambda _f, fmt, w, h, s: f"{fmt} {w}x{h}".encode()
    renderer.unavailable_reason = lambda: None
    try:
        return publish(load_dataset.__wrapped__(str(data_dir)), site_root).directory.name
    finally:
        renderer.render, renderer.unavailable_reason = saved


PAGE = "/trade"
SITE_IMAGE = re.compile(r'<img class="first-chart" src="(/site/[^"]+)"')
RELEASE = re.compile(r'data-release="([^"]*)"')
DOWNLOADS = ("/api/v1/observations.csv", "/api/v1/series", "/download/belarus-indicators.zip")


@dataclass
class Tally:
    """What the readers saw: page views, requests, and every failed or mixed answer."""

    views: int = 0
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    mixed: list[str] = field(default_factory=list)
    releases: Counter = field(default_factory=Counter)


class Readers:
    """Readers viewing a page as a browser does, in threads, until the block ends: the page,
    its first-view image, a default download, then the page's own requests to the app (its
    layout and the router's callback) naming the page's release. Each request on a connection
    of its own. A failure is any error or non-200 answer; a mixed view is one whose app
    answers come from another release than its page."""

    def __init__(self, base: str, callback: dict, clients: int = 4) -> None:
        self.base, self.callback, self.clients = base, callback, clients
        self.tally = Tally()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> Readers:
        for n in range(self.clients):
            thread = threading.Thread(target=self._read, args=(n,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def _get(self, path: str, headers: dict | None = None, body: bytes | None = None):
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        with self._lock:
            self.tally.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def _view(self, n: int) -> None:
        status, _, page = self._get(PAGE)
        if status != 200:
            raise AssertionError(f"{PAGE} answered {status}")
        text = page.decode()
        release = RELEASE.search(text).group(1)
        image = SITE_IMAGE.search(text).group(1).replace("&amp;", "&")
        for path in (image, DOWNLOADS[n % len(DOWNLOADS)]):
            status, _, body = self._get(path)
            if status != 200 or not body:
                raise AssertionError(f"{path} answered {status} with {len(body)} bytes")
        pinned = {"X-Site-Version": release, "Content-Type": "application/json"}
        for path, body in (
            ("/_dash-layout", None),
            ("/_dash-update-component", json.dumps(self.callback).encode()),
        ):
            status, headers, _ = self._get(path, pinned, body)
            if status != 200:
                raise AssertionError(f"{path} answered {status}")
            if headers.get("X-Site-Version") != release:
                with self._lock:
                    self.tally.mixed.append(f"{path}: {headers.get('X-Site-Version')} ≠ {release}")
        with self._lock:
            self.tally.views += 1
            self.tally.releases[release] += 1

    def _read(self, n: int) -> None:
        while not self._stop.is_set():
            try:
                self._view(n)
            except (OSError, AssertionError, AttributeError) as error:
                with self._lock:
                    self.tally.failures.append(f"{type(error).__name__}: {error}")
                time.sleep(0.2)

    def wait_for(self, views: int, release: str | None = None, seconds: float = 60) -> None:
        """Return once ``views`` more page views (of ``release``, if given) have ended."""
        def count() -> int:
            return self.tally.releases[release] if release else self.tally.views

        target, deadline = count() + views, time.monotonic() + seconds
        while count() < target:
            if time.monotonic() > deadline:
                raise AssertionError(f"fewer than {views} views in {seconds:.0f} s: {self.tally}")
            time.sleep(0.1)


def router_callback(app) -> dict:
    """The request a page's router makes as the app starts (Dash Pages)."""
    from dash_requests import callback_body, callback_key

    return callback_body(app, callback_key(app, ".._pages_content"), [PAGE, ""], [])
