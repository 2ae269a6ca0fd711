"""The published site: the files ``make publish`` baked for one data version, found and served.

Everything a reader fetches by default (the data package, the CSV and JSON extracts, every chart's
default image in each preset, the first view's charts) is written once per *site version*
(dashboard/exports/bake.py) into ``dist/site/<site version>/`` with a ``manifest.json``. This
module reads that manifest and serves the files with whitenoise, before Flask sees the request:

- at the URL the app itself answers (``/charts/trade.png``, ``/charts/trade.png?preset=social``):
  the request's exact path and query string name the file, so a URL the bake did not write (any
  other query) still reaches the app, which validates and renders it;
- at ``/site/<site version>/<file>``: the same bytes under a name that never changes meaning,
  sent as immutable (the first view's images use these).

The site version is the data version plus a digest of the code that draws and writes the files:
a changed chart style is a new version, never a stale immutable file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from wsgiref.headers import Headers

from flask import current_app, has_app_context
from werkzeug.exceptions import SecurityError
from werkzeug.wsgi import get_host
from whitenoise import WhiteNoise
from whitenoise.string_utils import decode_path_info

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
SITE_DIR = Path(os.environ.get("BELARUS_SITE_DIR", REPO / "dist" / "site"))
IMMUTABLE_PREFIX = "/site/"
CACHE_SECONDS = 3600
"""For the app's own URLs, as the app sends them (dashboard/web/http.py): they name the latest
data, which changes when the ETL runs."""
IMMUTABLE_CACHE = f"max-age={WhiteNoise.FOREVER}, public, immutable"
CODE = ("dashboard/charts", "dashboard/exports", "dashboard/model", "dashboard/web", "publish")
"""What draws and writes the baked files, besides the data (whose version covers the ETL)."""
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
)
"""The headers a baked file is served with: the ones the app sent when it was baked."""
EXTENSION_ID = "belarus.baked_site"


@cache
def code_digest() -> str:
    """A digest of the code under ``CODE`` and of the plotting libraries' versions."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{version('plotly')} {version('kaleido')}".encode())
    for folder in CODE:
        for path in sorted((REPO / folder).rglob("*.py")):
            digest.update(path.relative_to(REPO).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def site_version(data_version: str) -> str:
    return f"{data_version[:16]}-{code_digest()}"


@dataclass(frozen=True)
class BakedFile:
    url: str
    """The app URL it answers, query string included."""
    file: str
    """Its path inside the site directory."""
    headers: dict[str, str]


@dataclass(frozen=True)
class BakedSite:
    version: str
    directory: Path
    files: tuple[BakedFile, ...]
    images: bool
    """Whether the images were baked (they need Chromium)."""

    def immutable_url(self, entry: BakedFile) -> str:
        return f"{IMMUTABLE_PREFIX}{self.version}/{entry.file}"

    def find(self, url: str) -> BakedFile | None:
        """The baked file answering exactly ``url`` (path and query string), if any."""
        return next((entry for entry in self.files if entry.url == url), None)


def read_site(directory: Path) -> BakedSite:
    """The site described by ``directory/manifest.json`` (ValueError if it is not one)."""
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    files = tuple(
        BakedFile(entry["url"], entry["file"], dict(entry["headers"]))
        for entry in manifest["files"]
    )
    return BakedSite(manifest["site_version"], directory, files, bool(manifest["images"]))


def find_site(data_version: str, root: Path = SITE_DIR) -> BakedSite | None:
    """The published site for this data and code, or None (the app then answers everything)."""
    directory = root / site_version(data_version)
    if not (directory / "manifest.json").is_file():
        log.info("no published site at %s: the app renders every file (make publish)", directory)
        return None
    try:
        return read_site(directory)
    except (OSError, ValueError, KeyError) as error:
        log.warning("published site at %s unreadable (%s): not used", directory, error)
        return None


def published_site() -> BakedSite | None:
    """The site the app in context serves its files from, if any."""
    return current_app.extensions.get(EXTENSION_ID) if has_app_context() else None


def published_url(url: str) -> str:
    """The immutable URL of ``url``'s baked file when the running app has one, else ``url``."""
    site = published_site()
    entry = site.find(url) if site else None
    return site.immutable_url(entry) if entry else url


class BakedFiles(WhiteNoise):
    """whitenoise over the published site, matching the app's URLs with their query strings.

    whitenoise looks a file up by path alone; the app's image URLs differ by query
    (``?preset=social``), so here the key is path plus query, and only the exact URLs the bake
    wrote are answered. Headers, precompressed variants (.gz, .br) and conditional requests are
    whitenoise's own."""

    def __init__(self, application, site: BakedSite, trusted_hosts: list[str]) -> None:
        self.site = site
        self.trusted_hosts = trusted_hosts
        self._headers = {str(site.directory / e.file): e.headers for e in site.files}
        super().__init__(
            application,
            max_age=CACHE_SECONDS,
            add_headers_function=self._add_headers,
            immutable_file_test=lambda _path, url: url.startswith(IMMUTABLE_PREFIX),
        )
        for entry in site.files:
            path = str(site.directory / entry.file)
            for url in (entry.url, site.immutable_url(entry)):
                self.files[url] = self.get_static_file(path, url)

    def _add_headers(self, headers: Headers, path: str, _url: str) -> None:
        for name, value in self._headers.get(path, {}).items():
            headers[name] = value

    def __call__(self, environ, start_response):
        path = decode_path_info(environ.get("PATH_INFO", ""))
        query = environ.get("QUERY_STRING", "")
        found = self.files.get(f"{path}?{query}" if query else path)
        if found is None or not self._trusted(environ):
            return self.application(environ, start_response)  # the app answers 400 for a host
        return self.serve(found, environ, start_response)

    def _trusted(self, environ: dict) -> bool:
        try:
            get_host(environ, self.trusted_hosts)
        except SecurityError:
            return False
        return True


def baked_headers(response_headers: Headers | dict) -> dict[str, str]:
    """The headers of an app response that its baked file keeps (``KEPT_HEADERS``)."""
    return {name: response_headers[name] for name in KEPT_HEADERS if name in response_headers}
