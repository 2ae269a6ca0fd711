"""A fresh on-demand image cache for one test, on the app the test uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.exports import images


def fresh_image_cache(app, monkeypatch: pytest.MonkeyPatch, directory: Path):
    """Give ``app`` an empty image cache in ``directory`` for the rest of the test."""
    cache = images.RenderedImages(directory)
    monkeypatch.setitem(app.server.extensions, images.RENDERED_KEY, cache)
    return cache
