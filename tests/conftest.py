"""Shared fixtures: the real curated tree built once, scratch copies for bad-input tests, and the
seed texts (present in CI beside the repo; tests needing them skip with a reason elsewhere)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import require_chromium
from releases import NGINX, release_world

from etl.load import CURATED_DIR
from etl.pipeline import BuildResult, build
from etl.write import write_tables

# The app writes only to its cache directory: in tests, a fresh one per session.
os.environ.setdefault("BELARUS_CACHE_DIR", tempfile.mkdtemp(prefix="belarus-cache-"))
# ... and finds no published site unless a test publishes one: what `make publish` left in
# dist/site/ must not change what the app's own routes are tested to answer.
os.environ.setdefault("BELARUS_SITE_DIR", tempfile.mkdtemp(prefix="belarus-site-"))

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def built() -> BuildResult:
    """The real dataset, built in memory once for the whole session."""
    return build(CURATED_DIR)


@pytest.fixture(scope="session")
def parquet_dir(built: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real dataset written to a scratch directory (never the repo's datasets/parquet)."""
    target = tmp_path_factory.mktemp("parquet") / "parquet"
    write_tables(built.tables, built.dataset.inputs_sha256, target)
    return target


@pytest.fixture
def curated_copy(tmp_path: Path) -> Path:
    """A writable copy of datasets/curated/ that a test may break on purpose."""
    target = tmp_path / "curated"
    shutil.copytree(CURATED_DIR, target)
    return target


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        reason = f"source texts not present at {SEEDS} (they live in shared/seeds beside the repo)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} — CI is set, so this is a failure, not a skip", pytrace=False)
        pytest.skip(reason)
    return SEEDS


@pytest.fixture(scope="session")
def source_texts(seeds_dir: Path) -> tuple[Path, ...]:
    """Every curated document's text: the five articles and the ten reports beside them."""
    if not any(CORPUS.glob("*.txt")):
        reason = f"the reports' texts are not present at {CORPUS} (they live in shared/corpus)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} — CI is set, so this is a failure, not a skip", pytrace=False)
        pytest.skip(reason)
    return (SEEDS, CORPUS)


@pytest.fixture(scope="session")
def dataset(parquet_dir: Path):
    """The built tables as the dashboard loads them (contract-checked)."""
    from dashboard.model.data import load_dataset

    return load_dataset(parquet_dir)


@pytest.fixture(scope="session")
def app(dataset):
    """The Dash app serving the test dataset; its Flask test client needs no browser. It
    answers every URL itself: a site a developer published into dist/site for the same data
    must not stand in for the routes under test (tests of the baked site publish their own)."""
    from dashboard.app import create_app

    return create_app(dataset, site_root=None)


@pytest.fixture(scope="session")
def client(app):
    """A test client of the app's server, after the first request (Dash registers the pages'
    callbacks then)."""
    client = app.server.test_client()
    client.get("/")
    return client


@pytest.fixture(scope="session")
def registry(app):
    from dashboard.charts.declarations import default_registry

    with app.server.app_context():
        return default_registry()


@pytest.fixture(scope="module")
def renderer_available():
    """Chromium for kaleido's renders: skipped without it, a failure under CI; the renderer is
    closed after each module so no browser outlives its tests."""
    from dashboard.exports import images

    require_chromium()
    yield
    images.RENDERER.close()


@pytest.fixture
def world(parquet_dir: Path) -> Iterator[dict[str, Path]]:
    """Builds of the dataset to release one after another, a site root and a run directory
    (tests/releases.py)."""
    with release_world(parquet_dir) as found:
        yield found


@pytest.fixture(scope="session")
def nginx() -> str:
    """Debian nginx, for the proxy's tests: skipped without it, a failure under CI (`make test`
    installs it as root)."""
    if not Path(NGINX).exists():
        reason = "nginx not installed (as root: apt-get install nginx-light; `make test` does)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} — CI is set, so this is a failure, not a skip")
        pytest.skip(reason)
    return NGINX
