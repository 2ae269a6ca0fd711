"""Releases never break the running site: a published version stays on disk while a server
leases it, a server answers each page from the release the page came from, and moves to a new
one only when reloaded — refusing one that does not load.

In-process here; tests/test_releases_served.py runs the same through gunicorn and nginx under
load.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from releases import point, publish_quickly, rebuilt_copy
from werkzeug.test import Client

from dashboard.serving.releases import Releases, build_release
from dashboard.web.baked import IMMUTABLE_PREFIX, VERSION_HEADER, read_site
from publish.leases import Leases, live_versions, remove_unused


@pytest.fixture(scope="module")
def builds(parquet_dir: Path, tmp_path_factory) -> dict[str, Path]:
    """Four builds of the dataset, each with its own data version, and a link to the first."""
    root = tmp_path_factory.mktemp("builds")
    source = parquet_dir.resolve()
    found = {n: rebuilt_copy(source, root / n, n * 16) for n in ("1", "2", "3", "4")}
    point(root / "current", found["1"])
    return {**found, "current": root / "current"}


def _version_dir(root: Path, name: str, mtime: float) -> Path:
    directory = root / name
    directory.mkdir()
    (directory / "manifest.json").write_text("{}")
    os.utime(directory / "manifest.json", (mtime, mtime))
    return directory


def test_publish_never_removes_a_version_a_server_leases(tmp_path):
    for name, stamp in (("00-01", 1_000), ("00-02", 2_000), ("00-03", 3_000)):
        _version_dir(tmp_path, name, stamp)
    leases = Leases(tmp_path, role="app", heartbeat=0)
    leases.hold(["00-01"])
    assert remove_unused(tmp_path, keep=2) == []
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "00-01",
        "00-02",
        "00-03",
    ]


def test_a_lease_protects_its_version_for_the_grace_period_after_its_last_heartbeat(tmp_path):
    leases = Leases(tmp_path, role="app", heartbeat=0)
    leases.hold(["00-01"])
    now = time.time()
    assert live_versions(tmp_path, now=now + 5, grace=10) == {"00-01"}
    assert live_versions(tmp_path, now=now + 11, grace=10) == set()
    for name, stamp in (("00-01", 1_000), ("00-02", 2_000), ("00-03", 3_000)):
        _version_dir(tmp_path, name, stamp)
    assert remove_unused(tmp_path, keep=2, now=now + 11, grace=10) == ["00-01"]
    assert not (tmp_path / ".leases" / "00-01").exists()  # the expired lease went too


def test_a_heartbeat_refreshes_the_lease_of_every_version_held(tmp_path):
    leases = Leases(tmp_path, role="app", heartbeat=0.05)
    leases.hold(["00-01", "00-02"])
    paths = list((tmp_path / ".leases").rglob("*.app"))
    assert len(paths) == 2
    os.utime(paths[0], (1_000, 1_000))
    time.sleep(0.3)
    leases.close()
    assert paths[0].stat().st_mtime > 1_000


def test_a_version_no_longer_held_stops_being_refreshed(tmp_path):
    leases = Leases(tmp_path, role="app", heartbeat=0)
    leases.hold(["00-01"])
    leases.hold(["00-02"])
    old = next((tmp_path / ".leases" / "00-01").iterdir())
    os.utime(old, (1_000, 1_000))
    leases.refresh()
    assert old.stat().st_mtime == 1_000
    assert live_versions(tmp_path) == {"00-02"}


@pytest.fixture(scope="module")
def served(builds, tmp_path_factory):
    """A server's releases over the first build, with its site published; the site root."""
    root = tmp_path_factory.mktemp("site")
    first = publish_quickly(builds["1"], root)
    releases = Releases(
        build=lambda: build_release(str(builds["current"]), site_root=root),
        leases=Leases(root, role="app", heartbeat=0),
    )
    assert releases.current.version == first
    yield releases, root
    point(builds["current"], builds["1"])


def _baked_urls(root: Path, version: str) -> list[str]:
    return [entry.url for entry in read_site(root / version).files]


def test_two_more_publishes_keep_every_file_the_server_answers_from(served, builds):
    releases, root = served
    serving = releases.current.version
    client = Client(releases)
    publish_quickly(builds["2"], root)
    publish_quickly(builds["3"], root)
    assert (root / serving / "manifest.json").is_file()
    for url in _baked_urls(root, serving):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers[VERSION_HEADER] == serving


def test_a_reload_moves_to_the_data_built_now_and_keeps_the_previous_release(served, builds):
    releases, _ = served
    before = releases.current.version
    point(builds["current"], builds["3"])
    assert releases.reload()
    assert releases.current.data_version == "3" * 16
    assert releases.previous.version == before
    client = Client(releases)
    assert client.get("/_dash-layout").headers[VERSION_HEADER] == releases.current.version
    pinned = client.get("/_dash-layout", headers={VERSION_HEADER: before})
    assert pinned.status_code == 200 and pinned.headers[VERSION_HEADER] == before
    health = json.loads(client.get("/healthz", headers={VERSION_HEADER: before}).data)
    assert health["data_version"] == "1" * 16


def test_a_release_the_server_does_not_hold_is_answered_by_the_current_one(served):
    releases, _ = served
    client = Client(releases)
    response = client.get("/_dash-layout", headers={VERSION_HEADER: "abc-def"})
    assert response.status_code == 200
    assert response.headers[VERSION_HEADER] == releases.current.version


def test_a_proxy_with_other_hosts_gets_404_for_a_release_this_one_does_not_hold(served):
    releases, _ = served
    response = Client(releases).get(
        "/_dash-layout", headers={VERSION_HEADER: "abc-def", "X-Site-Version-Only": "1"}
    )
    assert response.status_code == 404
    assert "abc-def is not served by this host" in response.json["error"]


def test_a_page_names_its_release_for_its_own_requests(served):
    releases, _ = served
    page = Client(releases).get("/trade").get_data(as_text=True)
    assert f'data-release="{releases.current.version}"' in page


def test_the_files_of_an_older_published_version_keep_answering(served):
    releases, root = served
    older = releases.previous.version
    client = Client(releases)
    site = read_site(root / older)
    entry = next(e for e in site.files if e.url.endswith(".svg") or "context=page" in e.url)
    response = client.get(site.immutable_url(entry))
    assert response.status_code == 200
    assert response.data == (root / older / entry.file).read_bytes()
    assert client.get(f"{IMMUTABLE_PREFIX}{'9' * 16}-abc/x.svg").status_code == 404


def test_a_release_that_does_not_load_is_refused_and_the_server_keeps_its_own(
    served, builds, tmp_path
):
    releases, _ = served
    serving = releases.current.version
    broken = tmp_path / "broken"
    broken.mkdir()
    point(builds["current"], broken)
    assert not releases.reload()
    assert releases.current.version == serving
    assert Client(releases).get("/healthz").status_code == 200


def test_the_server_leases_both_releases_it_holds(served):
    releases, root = served
    assert set(releases.leases.versions) == {r.version for r in releases.held()}
    assert {r.version for r in releases.held()} <= live_versions(root)


def test_a_version_a_server_no_longer_holds_goes_once_its_grace_period_is_over(served, builds):
    releases, root = served
    publish_quickly(builds["4"], root)
    point(builds["current"], builds["4"])
    assert releases.reload()
    first = "1" * 16
    kept = {p.name.split("-")[0] for p in root.iterdir() if not p.name.startswith(".")}
    assert first in kept  # released a moment ago: still within the grace period
    later = time.time() + 3600
    remove_unused(root, keep=2, now=later, grace=600)
    kept = {p.name.split("-")[0] for p in root.iterdir() if not p.name.startswith(".")}
    assert kept == {"3" * 16, "4" * 16}  # the newest two; nothing older is leased any more


@pytest.mark.parametrize(
    ("asked", "status", "content_range"),
    [
        ("bytes=0-0", 206, "bytes 0-0/{size}"),
        ("bytes=-1", 206, "bytes {last}-{last}/{size}"),
        ("bytes=5-5", 206, "bytes 5-5/{size}"),
        ("bytes=0-9", 206, "bytes 0-9/{size}"),
        ("bytes={size}-", 416, "bytes */{size}"),
    ],
)
def test_a_published_file_answers_byte_ranges_as_nginx_does(served, asked, status, content_range):
    releases, root = served
    site = read_site(root / releases.current.version)
    entry = site.find("/api/v1/observations.csv")
    body = (site.directory / entry.file).read_bytes()
    size = len(body)
    response = Client(releases).get(
        entry.url, headers={"Range": asked.format(size=size), "Accept-Encoding": "identity"}
    )
    assert response.status_code == status
    assert response.headers["Content-Range"] == content_range.format(size=size, last=size - 1)
    if status == 206:
        first, last = response.headers["Content-Range"][6:].split("/")[0].split("-")
        assert response.data == body[int(first) : int(last) + 1]
