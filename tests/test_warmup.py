"""A server's first readers get their chart images as fast as later ones: at worker start the
renderer starts and the topic pages' first-view charts are rendered into the disk cache."""

from __future__ import annotations

import re
from html import unescape

from image_cache import fresh_image_cache

from dashboard.charts.declarations import declared_pages
from dashboard.exports import images
from dashboard.serving import warmup
from dashboard.site.layout import first_view_image_urls
from dashboard.site.prerender import IMAGE_WIDTHS

TOPIC_PAGES = [page.path for page in declared_pages()]


def test_the_warm_up_renders_exactly_what_the_topic_pages_first_views_ask_for(
    client, dataset, registry
):
    asked = set()
    for path in TOPIC_PAGES:
        page = client.get(path).get_data(as_text=True)
        picture = re.search(r"<picture>(.*?)</picture>", page, re.S).group(1)
        asked |= {unescape(u) for u in re.findall(r'(?:srcset|src)="([^"]+)"', picture)}
    urls = first_view_image_urls(dataset, registry)
    assert set(urls) == asked
    assert len(urls) == len(TOPIC_PAGES) * len(IMAGE_WIDTHS)


def test_a_warm_up_renders_only_what_the_disk_cache_lacks(
    app, monkeypatch, tmp_path, dataset, registry
):
    rendered = []
    monkeypatch.setattr(
        images.RENDERER, "render", lambda figure, fmt, *size: rendered.append(size) or b"<svg/>"
    )
    fresh_image_cache(app, monkeypatch, tmp_path)
    with app.server.app_context():
        first = warmup.render_first_view_images(dataset, registry)
    assert first == len(TOPIC_PAGES) * len(IMAGE_WIDTHS) == len(rendered)
    fresh_image_cache(app, monkeypatch, tmp_path)  # a new process: the same directory
    with app.server.app_context():
        assert warmup.render_first_view_images(dataset, registry) == 0
    assert len(rendered) == first


def test_warm_up_can_be_switched_off(app, monkeypatch):
    monkeypatch.setenv("BELARUS_WARMUP", "0")
    assert warmup.start_warmup(app.server) is None


def test_the_master_freezes_what_it_loaded_before_forking_a_worker():
    """A worker's full garbage collection must not scan the dataset and app the master loaded
    (an ~80 ms pause of every thread of that worker, and copy-on-write of shared pages)."""
    import gc
    import runpy

    config = runpy.run_path("dashboard/serving/gunicorn_conf.py")
    gc.unfreeze()
    loaded = [[index] for index in range(10)]  # lists: objects the collector tracks

    def collectable() -> set[int]:
        return {id(item) for item in gc.get_objects()}  # every generation but the frozen one

    try:
        assert {id(item) for item in loaded} <= collectable()
        config["pre_fork"](None, None)
        assert {id(item) for item in loaded}.isdisjoint(collectable())
    finally:
        gc.unfreeze()
