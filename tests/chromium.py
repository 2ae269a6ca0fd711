"""Tests that render images need Debian Chromium: skipped without it, a failure under CI."""

from __future__ import annotations

import os

import pytest


def require_chromium() -> None:
    """Skip without Debian Chromium; under CI (which installs it) fail instead."""
    from dashboard.exports import images

    if images.chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required under CI (make test installs it as root)")
        pytest.skip("Debian chromium not installed (as root: apt-get install chromium)")
