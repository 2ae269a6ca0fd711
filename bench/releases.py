"""Releases under load, for the tests and the benchmarks: copies of the built dataset that carry a
new data version, as a rebuild with other inputs would, published with a stand-in renderer;
servers started and reloaded as the Makefile does; and readers who view pages meanwhile."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq
from dash_requests import callback_body, callback_key
from harness import REPO, free_port, wait_until_up

from dashboard.exports import images
from dashboard.model.data import load_dataset

__all__ = ["free_port", "wait_until_up"]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

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

    def __init__(self, base: str, callback: dict, clients: int = 4, vary: bool = False) -> None:
        """``vary``: each view asks for the page with a query of its own, so no cache in
        between answers it and every view reaches the app."""
        self.base, self.callback, self.clients, self.vary = base, callback, clients, vary
        self._views = itertools.count()
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
        query = f"?view={next(self._views)}" if self.vary else ""
        status, _, page = self._get(PAGE + query)
        if status != 200:
            raise AssertionError(f"{PAGE} answered {status}")
        callback = json.loads(json.dumps(self.callback))
        callback["inputs"][1]["value"] = query
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
            ("/_dash-update-component", json.dumps(callback).encode()),
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
    return callback_body(app, callback_key(app, ".._pages_content"), [PAGE, ""], [])


@contextlib.contextmanager
def release_world(parquet_dir: Path) -> Iterator[dict[str, Path]]:
    """Five builds of the dataset (``"1"``…``"5"``), a link to the first (``current``), a site
    root and a run directory, all readable by nginx's unprivileged workers."""
    root = Path(tempfile.mkdtemp(prefix="belarus-release-"))
    root.chmod(0o755)
    builds = {n: rebuilt_copy(parquet_dir.resolve(), root / n, n * 16) for n in "12345"}
    point(root / "current", builds["1"])
    (root / "site").mkdir(mode=0o755)
    try:
        yield {**builds, "current": root / "current", "site": root / "site", "root": root}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def env_for(world: dict[str, Path], port: int, **extra: str) -> dict[str, str]:
    """The environment of a server on ``port`` over ``world`` (no warm-up: no renders)."""
    return {
        **os.environ,
        "BELARUS_DATA": str(world["current"]),
        "BELARUS_SITE_DIR": str(world["site"]),
        "BELARUS_RUN_DIR": str(world["root"] / "run"),
        "BELARUS_CACHE_DIR": str(world["root"] / "cache"),
        "BELARUS_WARMUP": "0",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": "2",
        "PYTHONUNBUFFERED": "1",  # each access-log line in its file as it is written
        **extra,
    }


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """``command`` in its own process group, its output appended to ``log``."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            command, cwd=REPO, env=env, stdout=out, stderr=out, start_new_session=True
        )


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process group, as Ctrl-C or a service manager would stop it."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise


def health(base: str) -> dict:
    with urllib.request.urlopen(f"{base}/healthz", timeout=10) as response:
        return json.load(response)


PUBLISH_QUICKLY = (
    "import sys; from pathlib import Path; from releases import publish_quickly; "
    "print(publish_quickly(Path(sys.argv[1]), Path(sys.argv[2])))"
)


def release(world: dict[str, Path], build: str) -> str:
    """`make etl` then `make publish`: the build linked as current, its site published — in a
    process of its own, as `make publish` is, never in the readers' process."""
    done = subprocess.run(
        [sys.executable, "-c", PUBLISH_QUICKLY, str(world[build]), str(world["site"])],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    point(world["current"], world[build])
    return done.stdout.split()[-1]


def reload(world: dict[str, Path], port: int) -> None:
    """`make reload PORT=port`, which returns once the server answers from the new data."""
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.serving", "reload", "--port", str(port)],
        cwd=REPO,
        env=env_for(world, port),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def published(world: dict[str, Path]) -> set[str]:
    """The builds whose site is on disk (a site version starts with its build's digit)."""
    return {p.name[0] for p in world["site"].iterdir() if p.name[0].isdigit()}


SERVE = [sys.executable, "-m", "dashboard.serving", "serve"]


class Cluster:
    """nginx on ``port`` (deploy/serve_proxy.py with UPSTREAMS) over app servers on ports of
    this machine (one worker each), standing for hosts: ``a``, ``b``…"""

    def __init__(self, world: dict[str, Path], servers: int = 2) -> None:
        self.world = world
        self.ports = {chr(ord("a") + n): free_port() for n in range(servers)}
        self.servers = {name: self.start(name) for name in self.ports}
        self.proxy, self.port = self.start_proxy(list(self.ports))
        self.base = f"http://127.0.0.1:{self.port}"
        self.extra: list[subprocess.Popen] = []

    def start_proxy(self, names: list[str]) -> tuple[subprocess.Popen, int]:
        """nginx over the named servers, on a port of its own."""
        port = free_port()
        upstreams = ",".join(f"127.0.0.1:{self.ports[n]}" for n in names)
        env = env_for(self.world, port, UPSTREAMS=upstreams)
        log = self.log(f"proxy-{port}")
        return start([sys.executable, "deploy/serve_proxy.py"], env, log), port

    def log(self, name: str) -> Path:
        return self.world["root"] / f"{name}.log"

    def start(self, name: str):
        env = env_for(self.world, self.ports[name], WORKERS="1")
        server = start(SERVE, env, self.log(name))
        wait_until_up(f"http://127.0.0.1:{self.ports[name]}/healthz", seconds=120)
        return server

    def answered(self, name: str) -> int:
        """App requests the server has answered (its access log), health checks aside."""
        count = 0
        for line in self.log(name).read_text(errors="replace").splitlines():
            if line.startswith("{") and '"gunicorn.access"' in line:
                count += json.loads(line).get("path") != "/healthz"
        return count

    def stop(self) -> None:
        for proxy in (self.proxy, *self.extra):
            stop(proxy)
        for server in self.servers.values():
            stop(server)
