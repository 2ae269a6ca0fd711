"""The published site: the files ``make publish`` baked for one data version, found and served.

Everything a reader fetches by default (the data package, the CSV and JSON extracts, every chart's
default image in each preset, the first view's charts) is written once per *site version*
(dashboard/exports/bake.py) into ``dist/site/<site version>/`` with a ``manifest.json``. This
module reads that manifest and serves the files with whitenoise, before Flask sees the request:

- at the URL the app itself answers (``/charts/trade.png``, ``/charts/trade.png?preset=social``):
  the request's exact path and query string name the file, so a URL the bake did not write (any
  other query) still reaches the app, which validates and renders it;
- at ``/site/<site version>/<file>``: the same bytes under a name that never changes meaning,
  sent as immutable (the first view's images use these) — for every version still published,
  not only this server's: a page sent by a server that has since moved to a newer version, or by
  another host, names its own version's files, and they must keep answering.

A baked file that has vanished from disk is answered by the app, never with an error: the
release procedure keeps a served version on disk (publish/leases.py), and this is the belt to
those braces.

The site version is the data version plus a digest of the code that draws and writes the files:
a changed chart style is a new version, never a stale immutable file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from functools import cache
from http import HTTPStatus
from pathlib import Path
from wsgiref.headers import Headers

from flask import current_app, has_app_context
from werkzeug.exceptions import SecurityError
from werkzeug.wsgi import get_host
from whitenoise import WhiteNoise
from whitenoise.responders import Response, SlicedFile, StaticFile
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
VERSION_HEADER = "X-Site-Version"
"""Names the site version of every answer (app and baked files); a page's own requests send it
back to ask for that version (dashboard/serving/releases.py)."""
OTHER_VERSIONS = 8
"""Other published versions whose files a server keeps indexed (a release keeps two or three)."""


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


class BakedStaticFile(StaticFile):
    """whitenoise's file, answering single-byte ranges (``bytes=0-0``, ``bytes=-1``) with 206 as
    RFC 9110 and nginx do: whitenoise 6 answers them 416 (its end is inclusive, its test is
    ``start >= end``). A range that starts past the end is still 416."""

    def get_range_response(self, range_header, base_headers, file_handle):
        size = next(int(value) for name, value in base_headers if name == "Content-Length")
        start, end = self.get_byte_range(range_header, size)
        if start > end or start >= size:
            return self.get_range_not_satisfiable_response(file_handle, size)
        headers = [(name, value) for name, value in base_headers if name != "Content-Length"]
        headers += [
            ("Content-Range", f"bytes {start}-{end}/{size}"),
            ("Content-Length", str(end - start + 1)),
        ]
        if file_handle is not None:
            file_handle = SlicedFile(file_handle, start, end)
        return Response(HTTPStatus.PARTIAL_CONTENT, headers, file_handle)


class BakedFiles(WhiteNoise):
    """whitenoise over the published site, matching the app's URLs with their query strings.

    whitenoise looks a file up by path alone; the app's image URLs differ by query
    (``?preset=social``), so here the key is path plus query, and only the exact URLs the bake
    wrote are answered. Under ``/site/`` the files of every published version are answered.
    Headers, precompressed variants (.gz, .br) and conditional requests are whitenoise's own."""

    def __init__(
        self, application, site: BakedSite | None, trusted_hosts: list[str], root: Path
    ) -> None:
        """``site``: this release's published site, if any; ``root``: where every published
        version lives (``/site/`` answers them all, even when this release has none)."""
        self.site = site
        self.root = root
        self.trusted_hosts = trusted_hosts
        self._headers: dict[str, dict[str, str]] = {}
        self._other_versions: dict[str, dict[str, StaticFile]] = {}
        super().__init__(
            application,
            max_age=CACHE_SECONDS,
            add_headers_function=self._add_headers,
            immutable_file_test=lambda _path, url: url.startswith(IMMUTABLE_PREFIX),
        )
        if site is not None:
            self.files.update(self._index(site, with_app_urls=True))

    def _index(self, site: BakedSite, with_app_urls: bool) -> dict[str, StaticFile]:
        found = {}
        for entry in site.files:
            path = str(site.directory / entry.file)
            self._headers[path] = {**entry.headers, VERSION_HEADER: site.version}
            urls = (entry.url, site.immutable_url(entry)) if with_app_urls else ()
            for url in urls or (site.immutable_url(entry),):
                found[url] = self.get_static_file(path, url)
        return found

    def get_static_file(self, path, url, stat_cache=None):
        """whitenoise's own, as a ``BakedStaticFile`` (single-byte ranges)."""
        headers = Headers([])
        self.add_mime_headers(headers, path, url)
        self.add_cache_headers(headers, path, url)
        if self.allow_all_origins:
            headers["Access-Control-Allow-Origin"] = "*"
        if self.add_headers_function is not None:
            self.add_headers_function(headers, path, url)
        encodings = {"gzip": path + ".gz", "br": path + ".br"}
        return BakedStaticFile(path, headers.items(), stat_cache=stat_cache, encodings=encodings)

    def _add_headers(self, headers: Headers, path: str, _url: str) -> None:
        for name, value in self._headers.get(path, {}).items():
            headers[name] = value

    def __call__(self, environ, start_response):
        path = decode_path_info(environ.get("PATH_INFO", ""))
        query = environ.get("QUERY_STRING", "")
        found = self.files.get(f"{path}?{query}" if query else path)
        if found is None and not query and path.startswith(IMMUTABLE_PREFIX):
            found = self._other_version_file(path)
        if found is None or not self._trusted(environ):
            return self.application(environ, start_response)  # the app answers 400 for a host
        try:
            return self.serve(found, environ, start_response)
        except FileNotFoundError as error:  # removed from disk: the app answers it instead
            log.warning("published file missing, answered by the app: %s", error)
            return self.application(environ, start_response)

    def _other_version_file(self, path: str) -> StaticFile | None:
        """The file at ``/site/<version>/<file>`` of another published version, if there is."""
        version = path[len(IMMUTABLE_PREFIX) :].split("/", 1)[0]
        if (self.site and version == self.site.version) or not _VERSION.match(version):
            return None
        files = self._other_versions.get(version)
        if files is None:
            directory = self.root / version
            try:
                files = self._index(read_site(directory), with_app_urls=False)
            except (OSError, ValueError, KeyError):
                return None  # not published here (yet, or any more): the app answers 404
            if len(self._other_versions) >= OTHER_VERSIONS:
                self._other_versions.pop(next(iter(self._other_versions)))
            self._other_versions[version] = files
        return files.get(path)

    def _trusted(self, environ: dict) -> bool:
        try:
            get_host(environ, self.trusted_hosts)
        except SecurityError:
            return False
        return True


_VERSION = re.compile(r"^[0-9a-f]{1,64}-[0-9a-f]{1,64}$")


def baked_headers(response_headers: Headers | dict) -> dict[str, str]:
    """The headers of an app response that its baked file keeps (``KEPT_HEADERS``)."""
    return {name: response_headers[name] for name in KEPT_HEADERS if name in response_headers}
