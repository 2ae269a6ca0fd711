"""Static PNG and SVG charts for reporters, rendered by kaleido (>= 1) with Debian chromium from the
same figure builder as the page, with title, subtitle, source line and notes baked in.

- One persistent renderer per process (``kaleido.start_sync_server(mathjax=False)``), started on
  first use. Its calls are serialized with a lock: kaleido's sync server hands results back through
  one shared queue, so two concurrent callers could otherwise receive each other's images — and
  one render at a time also bounds what a flood of unique image URLs can cost.
- A failed render stops the renderer; the next request starts a fresh one (a crashed or killed
  Chromium never wedges the route).
- Images not baked by ``make publish`` are rendered on demand and cached on disk by (data
  version, chart, parameters), bounded in bytes (``RenderedImages``, diskcache).
- Without chromium the routes answer 503 saying how to install it; nothing else is affected.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import threading
from dataclasses import dataclass, replace
from pathlib import Path

import diskcache
from cachelib import SimpleCache
from flask import Flask, current_app

from dashboard.charts.declarations import ChartRegistry, ChartSpec
from dashboard.charts.figures import Figure, FigureOptions, build_figure
from dashboard.charts.state import ViewState, parse_state
from dashboard.charts.themes import THEMES, both_schemes_svg, parse_theme, themed
from dashboard.model.data import Dataset
from dashboard.web.baked import site_version
from dashboard.web.http import ApiError

log = logging.getLogger(__name__)

PRESETS: dict[str, tuple[int, int]] = {
    "article": (800, 500),
    "social": (1200, 675),
    "square": (1080, 1080),
}
DEFAULT_PRESET = "article"
MIN_SIDE, MAX_SIDE = 320, 2400
MIN_SCALE, MAX_SCALE = 0.5, 4.0
MAX_PIXELS = 4800 * 4800
"""Bounds so one request cannot ask for a poster-sized render."""
MIMETYPES = {"png": "image/png", "svg": "image/svg+xml"}
STATE_KEYS = ("series", "from", "to", "transform", "base", "events", "axis")
SIZE_KEYS = ("preset", "width", "height", "scale", "context", "theme")
CONTEXTS = ("standalone", "page")
"""'standalone' (the default) bakes title, subtitle, source line and notes into the image, for a
reporter's article; 'page' draws the chart as the dashboard's page does, which shows that text
as HTML around it — the page's own first view (dashboard/site/prerender.py) uses it."""


@dataclass(frozen=True)
class ImageRequest:
    chart_id: str
    fmt: str
    width: int
    height: int
    scale: float
    state: ViewState
    context: str = "standalone"
    theme: str = "light"
    """light, dark, or (SVG only) auto: both drawings, shown by the reader's colour scheme."""

    @property
    def filename(self) -> str:
        span = ""
        if self.state.start_year or self.state.end_year:
            span = f"_{self.state.start_year or 'start'}-{self.state.end_year or 'end'}"
        theme = "" if self.theme == "light" else f"_{self.theme}"
        size = f"{self.width}x{self.height}"
        return f"belarus-indicators_{self.chart_id}{span}_{size}{theme}.{self.fmt}"


def _number(args: dict[str, str], key: str, kind: type, low: float, high: float):
    raw = args.get(key)
    try:
        value = kind(raw)
    except (TypeError, ValueError):
        raise ApiError(400, f"'{key}' must be a number, got {str(raw)[:20]!r}") from None
    if not low <= value <= high:
        raise ApiError(400, f"'{key}' must be between {low:g} and {high:g}, got {value:g}")
    return value


def parse_image_request(
    chart_id: str, fmt: str, args: dict[str, str], registry: ChartRegistry, data: Dataset
) -> ImageRequest:
    """Validate an image URL strictly: unknown chart → 404; any bad parameter → 400."""
    spec = registry.get(chart_id)
    if spec is None:
        raise ApiError(404, f"unknown chart {chart_id[:60]!r}; see /api/v1/charts")
    if fmt not in MIMETYPES:
        raise ApiError(404, f"unknown image format {fmt[:10]!r}; use .png or .svg")
    unknown = sorted(set(args) - set(STATE_KEYS) - set(SIZE_KEYS))
    if unknown:
        raise ApiError(400, f"unknown parameter(s): {', '.join(u[:30] for u in unknown[:5])}")
    preset = args.get("preset", DEFAULT_PRESET)
    if preset not in PRESETS:
        raise ApiError(400, f"'preset' must be one of {', '.join(PRESETS)}")
    width, height = PRESETS[preset]
    if "width" in args:
        width = _number(args, "width", int, MIN_SIDE, MAX_SIDE)
    if "height" in args:
        height = _number(args, "height", int, MIN_SIDE, MAX_SIDE)
    scale = _number(args, "scale", float, MIN_SCALE, MAX_SCALE) if "scale" in args else 1.0
    context = args.get("context", CONTEXTS[0])
    if context not in CONTEXTS:
        raise ApiError(400, f"'context' must be one of {', '.join(CONTEXTS)}")
    try:
        theme = parse_theme(args.get("theme"), allow_auto=fmt == "svg")
    except ValueError as error:
        hint = (
            "; a PNG cannot follow the reader's colour scheme: use the SVG, or a <picture> "
            "with a theme=dark source for (prefers-color-scheme: dark)"
            if args.get("theme") == "auto"
            else ""
        )
        raise ApiError(400, f"{error}{hint}") from None
    if width * scale * height * scale > MAX_PIXELS:
        raise ApiError(400, "the image would be too large: lower width, height or scale")
    query = {"chart": chart_id, **{k: v for k, v in args.items() if k in STATE_KEYS}}
    if "axis" in query:  # on the page 'scale' is the axis; here it is the pixel multiplier
        query["scale"] = query.pop("axis")
    state, notices = parse_state(query, spec.page, registry, data)
    if notices:
        raise ApiError(400, " ".join(notices))
    state = replace(state, view="chart")
    return ImageRequest(chart_id, fmt, width, height, scale, state, context, theme)


def image_figure(
    spec: ChartSpec, data: Dataset, request: ImageRequest, theme: str | None = None
) -> Figure:
    """The page's figure: with everything a reporter needs inside the image, or (context 'page')
    as the page draws it; in the request's theme, or ``theme`` (one drawing of an auto SVG)."""
    options = FigureOptions(
        width=request.width,
        height=request.height,
        text_in_figure=request.context != "page",
    )
    return themed(build_figure(spec, data, request.state, options), theme or request.theme)


def chromium_path() -> str | None:
    """Where kaleido will find a browser: BROWSER_PATH, else Debian's chromium on the PATH."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


MAX_WAITING_RENDERS = int(os.environ.get("BELARUS_MAX_RENDERS", "2"))
"""Uncached renders a process holds at once, the one rendering included; more are refused with
503 + Retry-After. A render takes a server thread for its whole wait, so this stays below
gunicorn's threads per worker (4): a flood of unique image URLs then leaves half of every
worker to pages, extracts and cached images (with 4, 2% uncached images in the load mix raised
everyone's p95 from ~0.1 s to ~4 s: docs/benchmarks.md)."""
RENDER_WAIT_SECONDS = 20.0


class Renderer:
    """One kaleido server per process, used by one render at a time, restarted after a failure."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue = threading.BoundedSemaphore(MAX_WAITING_RENDERS)
        self._running = False

    def unavailable_reason(self) -> str | None:
        if chromium_path() is None:
            return (
                "Image rendering needs Chromium, which is not installed here. On Debian: "
                "apt-get install chromium (or set BROWSER_PATH to a Chrome/Chromium binary)."
            )
        return None

    def render(self, figure: Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
        reason = self.unavailable_reason()
        if reason:
            raise ApiError(503, reason)
        import kaleido

        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        if not self._queue.acquire(blocking=False):
            raise ApiError(503, "Too many images are being rendered; retry in a few seconds.")
        try:
            if not self._lock.acquire(timeout=RENDER_WAIT_SECONDS):
                raise ApiError(503, "The image renderer is busy; retry in a few seconds.")
            try:
                return self._render_locked(kaleido, figure, opts)
            finally:
                self._lock.release()
        finally:
            self._queue.release()

    def warm(self) -> None:
        """Start the renderer now (~2-4 s) rather than on a reader's first image."""
        if self.unavailable_reason():
            return
        import kaleido

        with self._lock:
            self._start_locked(kaleido)

    def _start_locked(self, kaleido) -> None:
        if not self._running:
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            self._running = True

    def _render_locked(self, kaleido, figure: Figure, opts: dict) -> bytes:
        """Render, restarting the renderer once if it fails (a crashed or killed Chromium)."""
        for attempt in (1, 2):
            try:
                self._start_locked(kaleido)
                return kaleido.calc_fig_sync(figure, opts=opts)
            except Exception as error:
                log.warning("image render failed (attempt %d): %s", attempt, error)
                self._stop()
        raise ApiError(503, "The image renderer failed twice; try again shortly.")

    def _stop(self) -> None:
        import kaleido

        try:
            kaleido.stop_sync_server(silence_warnings=True)
        except Exception as error:
            log.warning("stopping the image renderer: %s", error)
        self._running = False

    def close(self) -> None:
        with self._lock:
            if self._running:
                self._stop()


DISK_CACHE_BYTES = int(os.environ.get("BELARUS_IMAGE_CACHE_MB", "512")) * 1024 * 1024
"""Bound of the on-disk image cache: image URLs are many (any width and height within bounds),
so without one a crawler or an attacker could fill the disk."""
CACHE_FAILURES = (OSError, sqlite3.Error)
MEMORY_IMAGES = 128
"""Images a worker keeps in memory (a few MB: 20–100 KB each)."""


class RenderedImages:
    """Images rendered on demand: in memory (cachelib, ``MEMORY_IMAGES`` per worker) in front of
    a diskcache ``Cache`` on disk (SQLite index and files), shared by every worker, kept across
    restarts, bounded in bytes, least recently used out first. The memory in front matters: a
    disk hit records its use in the index, a write every worker queues for.

    The only place the app writes. A cache that cannot be opened, read or written (a read-only
    or full disk, a corrupt index) only costs caching: the image is still served, and the
    failure is logged once. Opened on first use, so each gunicorn worker opens its own after
    the fork."""

    def __init__(self, directory: Path, max_bytes: int = DISK_CACHE_BYTES) -> None:
        self.directory = directory
        self.max_bytes = max_bytes
        self._cache: diskcache.Cache | None = None
        self._memory = SimpleCache(threshold=MEMORY_IMAGES, default_timeout=0)
        self._failed = False
        self._lock = threading.Lock()

    def _open(self) -> diskcache.Cache | None:
        with self._lock:
            if self._cache is None and not self._failed:
                try:
                    self._cache = diskcache.Cache(
                        str(self.directory),
                        size_limit=self.max_bytes,
                        eviction_policy="least-recently-used",
                    )
                except CACHE_FAILURES as error:
                    self._failure(error)
            return self._cache

    def _failure(self, error: Exception) -> None:
        if not self._failed:
            log.warning("image cache %s not writable (%s); serving uncached", self.directory, error)
        self._failed = True

    @staticmethod
    def key(version: str, request: ImageRequest) -> str:
        return f"{version}:{request!r}"

    def get(self, key: str) -> bytes | None:
        body = self._memory.get(key)
        if body is not None:
            return body
        cache = self._open()
        try:
            body = cache.get(key) if cache is not None else None
        except CACHE_FAILURES as error:
            self._failure(error)
            return None
        if body is not None:
            self._memory.set(key, body)
        return body

    def put(self, key: str, body: bytes) -> None:
        self._memory.set(key, body)
        cache = self._open()
        try:
            if cache is not None:
                cache.set(key, body)
        except CACHE_FAILURES as error:
            self._failure(error)

    def volume(self) -> int:
        """Bytes the cache holds on disk (index included)."""
        cache = self._open()
        return cache.volume() if cache is not None else 0

    def close(self) -> None:
        with self._lock:
            if self._cache is not None:
                self._cache.close()
                self._cache = None


def default_cache_dir() -> Path:
    return Path(os.environ.get("BELARUS_CACHE_DIR", Path(__file__).resolve().parents[2] / ".cache"))


RENDERER = Renderer()
"""The process's renderer: kaleido runs one browser server per process, whichever app asks."""
RENDERED_KEY = "belarus.rendered_images"


def install_image_cache(server: Flask, directory: Path | None = None) -> RenderedImages:
    """Put the on-demand image cache (default: BELARUS_CACHE_DIR/images) on the app."""
    cache = RenderedImages(directory or default_cache_dir() / "images")
    server.extensions[RENDERED_KEY] = cache
    return cache


def rendered_images() -> RenderedImages:
    """The image cache of the app handling this request (or whose app context is pushed)."""
    return current_app.extensions[RENDERED_KEY]


def render_chart_image(spec: ChartSpec, data: Dataset, request: ImageRequest) -> bytes:
    """The image for a request: from the cache, or rendered once and cached — under the site
    version (data and drawing code), so a restyled chart is never served from an old render."""
    key = RenderedImages.key(site_version(data.version), request)
    cache = rendered_images()
    body = cache.get(key)
    if body is None:
        size = (request.width, request.height, request.scale)
        if request.theme == "auto":
            light, dark = (
                RENDERER.render(image_figure(spec, data, request, theme), request.fmt, *size)
                for theme in THEMES
            )
            body = both_schemes_svg(light, dark)
        else:
            body = RENDERER.render(image_figure(spec, data, request), request.fmt, *size)
        cache.put(key, body)
    return body
