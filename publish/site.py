"""``make publish``: bake everything a reader fetches by default into ``dist/site/<site version>/``.

The data changes only when the ETL runs, so the files most readers fetch — the data package, the
CSV, JSON, parquet, Excel and SDMX extracts, the catalogues, every chart's default PNG and SVG in
each preset, and the charts of every page's first view — are answered once, here, and served as
files (dashboard/web/baked.py; nginx serves the same directory in deploy/). Each file is the app's
own answer to its URL, asked through Flask's test client: one code path for a baked file and a
live one, so they cannot differ.

The directory is written beside its final name and renamed into place (a reader, or a second
bake, never sees half a site); text files get gzip and brotli variants (whitenoise's
compressor); a ``manifest.json`` lists each file with its URL, size, digest and headers. Older
site versions are removed, but never one of the newest ``KEEP`` nor one a running server still
leases (publish/leases.py): a server keeps answering from its version until it reloads onto a
newer one. Publishing a version already published does nothing; two publishes at once take
turns (a lock file). Without Chromium the images are left to the app (the manifest says so).
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from whitenoise.compress import Compressor

from dashboard.charts.declarations import ChartRegistry, default_registry
from dashboard.exports.images import DEFAULT_PRESET, PRESETS, RENDERER
from dashboard.model.data import PARQUET_DIR, Dataset, DataUnavailable, load_dataset
from dashboard.model.lookups import lookups
from dashboard.site.layout import first_view_image_urls
from dashboard.web.baked import SITE_DIR, baked_headers, site_version
from dashboard.web.hosts import public_url
from publish.leases import remove_unused

KEEP = 2
EXTENSIONS = {
    "application/json": "json",
    "text/csv": "csv",
    "image/png": "png",
    "image/svg+xml": "svg",
    "application/zip": "zip",
    "application/x-bibtex": "bib",
    "application/vnd.apache.parquet": "parquet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    # An SDMX-CSV file is a CSV with its own media type: its own extension, so nginx (which
    # types a file by its last extension, deploy/nginx-static.conf) sends the app's type.
    "application/vnd.sdmx.data+csv": "sdmx-csv",
    "application/vnd.sdmx.structure+xml": "xml",
    "application/ld+json": "jsonld",
}


class PublishError(Exception):
    """A default URL the app did not answer with 200: the site is not published."""


@dataclass(frozen=True)
class Published:
    directory: Path
    files: int
    bytes: int
    images: bool
    seconds: float
    already: bool = False


def data_urls(data: Dataset) -> list[str]:
    """The downloads and catalogues a reader fetches without choosing anything. The workbooks
    name the link they came from, so they are baked only when ``BELARUS_PUBLIC_URL`` fixes
    that host; otherwise the app answers (and keeps) them for each host."""
    workbooks = public_url() is not None
    urls = [
        "/download/belarus-indicators.zip",
        "/api/v1/series",
        "/api/v1/charts",
        "/api/v1/sources.json",
        "/api/v1/sources.bib",
        "/api/v1/annotations.jsonld",
        "/api/v1/observations.csv",
        "/api/v1/observations.parquet",
        *(["/api/v1/observations.xlsx"] if workbooks else []),
        "/api/v1/observations.sdmx.csv",
        "/api/v1/sdmx/structure.xml",
    ]
    formats = ("csv", "json", "xlsx") if workbooks else ("csv", "json")
    for series_id in lookups(data).series:
        urls += [f"/api/v1/series/{series_id}.{fmt}" for fmt in formats]
    return urls


def image_urls(data: Dataset, registry: ChartRegistry) -> list[str]:
    """Every chart's default view in each preset, and every page's first-view charts."""
    urls = []
    for spec in registry.charts:
        for fmt in ("png", "svg"):
            urls.append(f"/charts/{spec.chart_id}.{fmt}")
            urls += [
                f"/charts/{spec.chart_id}.{fmt}?preset={preset}"
                for preset in PRESETS
                if preset != DEFAULT_PRESET
            ]
    return urls + first_view_image_urls(data, registry)


def file_for(url: str, content_type: str) -> str:
    """Where a URL's answer lives in the site: the URL's own path when it has no query and ends
    in the file's extension; else a name derived from the whole URL, under ``by-url/``."""
    path, _, query = url.partition("?")
    extension = EXTENSIONS.get(content_type.split(";")[0].strip()) or "bin"
    if not query and path.endswith(f".{extension}"):
        return path.lstrip("/")
    digest = hashlib.sha256(url.encode()).hexdigest()[:20]
    return f"by-url/{digest}.{extension}"


def publish(data: Dataset, root: Path = SITE_DIR, *, images: bool | None = None) -> Published:
    """Bake ``data``'s site under ``root`` unless this site version is already there; then
    remove the versions no server uses any more."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".publish.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another publish of the same root waits its turn
        result = _publish(data, root, images)
        remove_unused(root, keep=KEEP)
    return result


def _publish(data: Dataset, root: Path, images: bool | None) -> Published:
    started = time.perf_counter()
    version = site_version(data.version)
    target = root / version
    if (target / "manifest.json").is_file():
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
        total = sum(f["bytes"] for f in manifest["files"])
        return Published(target, len(manifest["files"]), total, manifest["images"], 0.0, True)
    from dashboard.app import create_app

    app = create_app(data, site_root=None)
    with app.server.app_context():
        registry = default_registry()
    render = RENDERER.unavailable_reason() is None if images is None else images
    urls = data_urls(data) + (image_urls(data, registry) if render else [])
    staging = root / f".{version}.{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        entries, per_host = _bake(app.server.test_client(), urls, staging, set(data_urls(data)))
        manifest = {
            "site_version": version,
            "data_version": data.version,
            "published": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "images": render,
            "files": entries,
            # with absolute links to the host asked for (set BELARUS_PUBLIC_URL to bake them)
            "answered_per_host": per_host,
        }
        (staging / "manifest.json").write_text(
            json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        RENDERER.close()
    total = sum(entry["bytes"] for entry in entries)
    return Published(target, len(entries), total, render, time.perf_counter() - started)


HOSTS = ("localhost", "127.0.0.1")
"""Two names the site always answers: a file whose answer differs between them names the host it
was asked for (an absolute link), and is left to the app, which answers each host its own."""


def _bake(client, urls: list[str], staging: Path, checked: set[str]) -> tuple[list[dict], list]:
    """Ask the app for each URL and write its answer; the entries, and the URLs of ``checked``
    left to the app because their answer depends on the host asked for."""
    compressor = Compressor(quiet=True)
    entries, per_host = [], []
    for url in dict.fromkeys(urls):
        response = client.get(url, headers={"Host": HOSTS[0]})
        if response.status_code != 200:
            message = response.get_data(as_text=True)[:200]
            raise PublishError(f"{url} answered {response.status_code}: {message}")
        body = response.get_data()
        if url in checked and client.get(url, headers={"Host": HOSTS[1]}).get_data() != body:
            per_host.append(url)
            continue
        file = file_for(url, response.headers.get("Content-Type", ""))
        path = staging / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        if compressor.should_compress(path.name):
            list(compressor.compress(str(path)))
        entries.append(
            {
                "url": url,
                "file": file,
                "bytes": len(body),
                "sha256": hashlib.sha256(body).hexdigest(),
                "headers": baked_headers(response.headers),
            }
        )
    return entries, per_host


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publish.site", description=__doc__)
    parser.add_argument("--data", type=Path, default=PARQUET_DIR)
    parser.add_argument("--out", type=Path, default=SITE_DIR)
    args = parser.parse_args(argv)
    try:
        data = load_dataset(args.data)
        result = publish(data, args.out)
    except (DataUnavailable, PublishError) as error:
        print(f"publish: {error}", file=sys.stderr)
        return 1
    if result.already:
        print(f"publish: {result.directory} is current ({result.files} files)")
        return 0
    note = "" if result.images else " (no images: Chromium is not installed; the app renders them)"
    print(
        f"publish: {result.files} files, {result.bytes / 1e6:.1f} MB in {result.directory}"
        f" ({result.seconds:.1f} s){note}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
