"""Static charts for reporters: the requested pixel size, the source line inside the image, strict
parameters, caching with ETag, and a clear 503 when no browser can render."""

from __future__ import annotations

import struct

import pytest

from dashboard.exports import images
from dashboard.exports.images import PRESETS


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", body[16:24])


@pytest.mark.parametrize("preset", list(PRESETS))
def test_each_preset_renders_at_its_pixel_size(client, renderer_available, preset):
    width, height = PRESETS[preset]
    response = client.get(f"/charts/ua-flows.png?preset={preset}")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert png_size(response.data) == (width, height)


def test_scale_multiplies_the_pixels(client, renderer_available):
    response = client.get("/charts/polls.png?width=640&height=400&scale=2")
    assert png_size(response.data) == (1280, 800)
    assert (
        'filename="belarus-indicators_polls_640x400.png"' in response.headers["Content-Disposition"]
    )


def test_the_svg_carries_title_source_line_and_notes(client, renderer_available, registry):
    spec = registry.get("ua-turnover")
    svg = client.get("/charts/ua-turnover.svg?preset=social").get_data(as_text=True)
    assert svg.lstrip().startswith("<svg")
    for text in (
        spec.title,
        "Moshes &amp; Nizhnikau (2018), PONARS Eurasia",
        "Rad &amp; Chornogor (2024)",
    ):
        assert text in svg
    assert "No document gives 2014–2016" in svg


def test_a_cached_image_is_not_rendered_again_and_revalidates(
    client, renderer_available, monkeypatch
):
    first = client.get("/charts/troops.png?preset=square")
    calls = []
    monkeypatch.setattr(images.RENDERER, "render", lambda *a, **k: calls.append(a) or b"")
    second = client.get("/charts/troops.png?preset=square")
    assert second.data == first.data and not calls
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Cache-Control"].startswith("public")
    revalidated = client.get(
        "/charts/troops.png?preset=square", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert revalidated.status_code == 304


def test_the_view_state_shapes_the_image(client, renderer_available):
    plain = client.get("/charts/ua-turnover.svg").get_data(as_text=True)
    narrowed = client.get("/charts/ua-turnover.svg?from=2021&axis=log&events=off").get_data(
        as_text=True
    )
    assert narrowed != plain
    assert "Moshes" not in narrowed, "the 2012–2017 document drops out of a 2021– range"


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("width=99999", 400, "'width' must be between 320 and 2400"),
        ("height=10", 400, "'height' must be between 320 and 2400"),
        ("scale=9", 400, "'scale' must be between 0.5 and 4"),
        ("scale=abc", 400, "'scale' must be a number"),
        ("width=2400&height=2400&scale=4", 400, "too large"),
        ("preset=billboard", 400, "'preset' must be one of"),
        ("transform=bogus", 400, "transform=bogus"),
        ("colour=red", 400, "unknown parameter(s): colour"),
        ("context=poster", 400, "'context' must be one of standalone, page"),
    ],
)
def test_bad_image_parameters_are_refused_before_rendering(client, query, status, message):
    response = client.get(f"/charts/ua-turnover.png?{query}")
    assert response.status_code == status
    assert message in response.get_json()["error"]


def test_unknown_charts_and_formats_are_404(client):
    assert client.get("/charts/nope.png").status_code == 404
    assert client.get("/charts/ua-turnover.gif").status_code == 404


def test_without_chromium_images_answer_503_and_the_rest_keeps_working(client, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    response = client.get("/charts/embassy.png?preset=article&scale=1.5")
    assert response.status_code == 503
    assert "apt-get install chromium" in response.get_json()["error"]
    assert client.get("/trade").status_code == 200
    assert client.get("/api/v1/series/trade.by_ua.turnover.csv").status_code == 200


def test_the_embed_page_carries_the_figure_and_its_text_alternative(client):
    response = client.get("/embed/ua-turnover?from=2021")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="en"' in page
    assert 'id="figure"' in page and "/embed/plotly.js" in page
    assert "Belarus–Ukraine trade turnover: " in page, "the generated description is the alt text"
    assert client.get("/embed/nope").status_code == 404
    assert client.get("/embed/ua-turnover?transform=bogus").status_code == 400


def test_make_charts_writes_every_chart_with_a_manifest(renderer_available, registry, tmp_path):
    import json

    from dashboard.exports.export_charts import export_charts

    manifest = export_charts(tmp_path)
    ids = [c.chart_id for c in registry.charts]
    assert [entry["chart_id"] for entry in manifest["charts"]] == ids
    for entry in manifest["charts"]:
        png = (tmp_path / entry["png"]).read_bytes()
        assert png[:4] == b"\x89PNG" and (entry["width"], entry["height"]) == (2400, 1350)
        assert int.from_bytes(png[16:20], "big") == 2400
        assert (tmp_path / entry["svg"]).read_text().lstrip().startswith("<svg")
        assert entry["alt"] and entry["source_line"].startswith("Source")
    assert json.loads((tmp_path / "manifest.json").read_text()) == manifest
