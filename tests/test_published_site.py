"""`make publish` bakes what readers fetch by default; the app serves those files as they were
baked (whitenoise), and everything else itself.

The images here come from a stand-in renderer (each body names its request), so the bake is
fast and a test can tell a baked image from one the app rendered afterwards.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from dashboard.exports import images
from dashboard.model.lookups import lookups
from dashboard.web.baked import IMMUTABLE_PREFIX, find_site, read_site, site_version
from publish import site as publishing
from publish.leases import remove_unused


def _stand_in_render(figure, fmt, width, height, scale) -> bytes:
    return f"<svg><!-- {fmt} {width}x{height} --></svg>".encode() + b" " * 2000


@pytest.fixture(scope="module")
def published(dataset, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images.RENDERER, "render", _stand_in_render)
        patch.setattr(images.RENDERER, "unavailable_reason", lambda: None)
        result = publishing.publish(dataset, root)
    assert not result.already
    return root


@pytest.fixture(scope="module")
def site_client(dataset, published):
    from dashboard.app import create_app

    app = create_app(dataset, site_root=published)
    client = app.server.test_client()
    yield client
    create_app(dataset, site_root=None)  # the session's app state back as the other tests know it


def _manifest(root: Path, dataset) -> dict:
    return json.loads((root / site_version(dataset.version) / "manifest.json").read_text())


def test_publish_writes_every_default_url_once_with_its_digest(published, dataset, registry):
    manifest = _manifest(published, dataset)
    urls = [entry["url"] for entry in manifest["files"]]
    assert len(urls) == len(set(urls))
    for series_id in lookups(dataset).series:
        assert f"/api/v1/series/{series_id}.csv" in urls
    for spec in registry.charts:
        for preset in ("", "?preset=social", "?preset=square"):
            assert f"/charts/{spec.chart_id}.png{preset}" in urls
            assert f"/charts/{spec.chart_id}.svg{preset}" in urls
    assert "/download/belarus-indicators.zip" in urls
    assert any("context=page" in url for url in urls)  # the first views' charts
    directory = published / manifest["site_version"]
    for entry in manifest["files"]:
        body = (directory / entry["file"]).read_bytes()
        assert hashlib.sha256(body).hexdigest() == entry["sha256"], entry["url"]


def test_publishing_a_published_version_again_does_nothing(published, dataset):
    before = (published / site_version(dataset.version) / "manifest.json").stat().st_mtime_ns
    again = publishing.publish(dataset, published)
    assert again.already
    after = (published / site_version(dataset.version) / "manifest.json").stat().st_mtime_ns
    assert before == after


def test_a_baked_file_is_what_the_app_answers_for_its_url(published, dataset, client):
    site = read_site(published / site_version(dataset.version))
    for url in ("/api/v1/series/debt.fx_reserves.csv", "/api/v1/sources.json"):
        entry = site.find(url)
        assert entry is not None
        assert (site.directory / entry.file).read_bytes() == client.get(url).get_data()


def test_the_app_serves_baked_files_at_its_urls_and_immutable_ones(site_client, published, dataset):
    site = find_site(dataset.version, published)
    entry = site.find("/charts/polls.png?preset=social")
    expected = (site.directory / entry.file).read_bytes()
    response = site_client.get("/charts/polls.png?preset=social")
    assert response.status_code == 200 and response.get_data() == expected
    assert response.headers["Cache-Control"] == "max-age=3600, public"
    assert response.headers["Content-Disposition"] == entry.headers["Content-Disposition"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    immutable = site_client.get(site.immutable_url(entry))
    assert immutable.get_data() == expected
    assert "immutable" in immutable.headers["Cache-Control"]
    assert immutable.headers["Content-Type"] == "image/png"


def test_baked_text_files_come_precompressed(site_client):
    response = site_client.get("/api/v1/observations.csv", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert gzip.decompress(response.get_data()).startswith(b"series_id,")


def test_a_revalidation_of_a_baked_file_is_a_304(site_client):
    etag = site_client.get("/api/v1/series").headers["ETag"]
    again = site_client.get("/api/v1/series", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_urls_the_bake_did_not_write_reach_the_app(site_client, monkeypatch):
    monkeypatch.setattr(images.RENDERER, "render", lambda *a, **k: b"<svg>live</svg>")
    monkeypatch.setattr(images.RENDERER, "unavailable_reason", lambda: None)
    response = site_client.get("/charts/polls.svg?preset=social&width=500")
    assert response.status_code == 200 and response.get_data() == b"<svg>live</svg>"
    assert site_client.get("/charts/polls.png?preset=huge").status_code == 400
    assert site_client.get("/api/v1/series/debt.fx_reserves.csv?from=2030x").status_code == 400


def test_a_baked_url_asked_for_an_untrusted_host_is_refused(site_client):
    response = site_client.get("/api/v1/series", headers={"Host": "evil.example"})
    assert response.status_code == 400


def test_the_first_view_loads_its_chart_from_the_immutable_url(site_client, published, dataset):
    page = site_client.get("/trade").get_data(as_text=True)
    sources = re.findall(r'<img class="first-chart" src="([^"]+)"', page)
    assert sources and sources[0].startswith(IMMUTABLE_PREFIX + site_version(dataset.version))
    assert site_client.get(sources[0].replace("&amp;", "&")).status_code == 200


def test_a_failed_bake_leaves_nothing_behind(dataset, tmp_path, monkeypatch):
    monkeypatch.setattr(publishing, "data_urls", lambda data: ["/api/v1/series/no-such.csv"])
    with pytest.raises(publishing.PublishError, match=r"no-such\.csv answered 404"):
        publishing.publish(dataset, tmp_path, images=False)
    assert [p.name for p in tmp_path.iterdir()] == [".publish.lock"]  # publishes take turns


def test_only_the_newest_site_versions_are_kept_when_no_server_uses_an_older_one(tmp_path):
    for name, stamp in (("00-01", 1_000), ("00-02", 2_000), ("00-03", 3_000)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "manifest.json").write_text("{}")
        os.utime(tmp_path / name / "manifest.json", (stamp, stamp))
    assert remove_unused(tmp_path, keep=2) == ["00-01"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["00-02", "00-03"]


def test_the_site_version_names_the_data(dataset):
    assert site_version(dataset.version) != site_version("another-data-version")
    assert site_version(dataset.version).startswith(dataset.version[:16])


def test_the_sdmx_files_are_published_with_their_media_types(site_client, published, dataset):
    from dashboard.exports.sdmx import CSV_MEDIA_TYPE, STRUCTURE_MEDIA_TYPE

    site = find_site(dataset.version, published)
    for url, media_type in (
        ("/api/v1/observations.sdmx.csv", CSV_MEDIA_TYPE),
        ("/api/v1/sdmx/structure.xml", STRUCTURE_MEDIA_TYPE),
    ):
        entry = site.find(url)
        assert entry is not None, url
        assert entry.headers["Content-Type"] == media_type
        response = site_client.get(url)
        assert response.headers["Content-Type"] == media_type
        assert response.get_data() == (site.directory / entry.file).read_bytes()


def test_workbooks_are_baked_only_where_the_public_address_fixes_their_link(dataset, monkeypatch):
    """A workbook names the link it came from: without BELARUS_PUBLIC_URL its bytes depend on
    the host asked for, so it is left to the app; with it, it is a default download like any."""
    monkeypatch.delenv("BELARUS_PUBLIC_URL", raising=False)
    assert not [u for u in publishing.data_urls(dataset) if u.endswith(".xlsx")]
    monkeypatch.setenv("BELARUS_PUBLIC_URL", "https://indicators.example.org")
    workbooks = {u for u in publishing.data_urls(dataset) if u.endswith(".xlsx")}
    assert "/api/v1/observations.xlsx" in workbooks
    assert len(workbooks) == 1 + len(lookups(dataset).series)
