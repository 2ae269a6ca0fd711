"""The service survives its own faults: bad data stops it cleanly at start, a dead renderer is
replaced on the next request, an unwritable cache only costs caching, an interrupted ETL leaves
the previous data intact and usable."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dashboard import images
from dashboard.data import DataUnavailable, load_dataset

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path) -> subprocess.CompletedProcess:
    """`make serve` with BELARUS_DATA pointing at data_dir; returns once it has exited."""
    env = {**os.environ, "BELARUS_DATA": str(data_dir), "PORT": str(free_port()), "WORKERS": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "dashboard/gunicorn_conf.py",
            "dashboard.wsgi:server",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_data_stops_the_server_at_start_naming_the_file(tmp_path):
    result = start_server(tmp_path)
    assert result.returncode != 0
    assert "cannot start" in result.stderr and "sources.parquet" in result.stderr


def test_corrupt_data_stops_the_server_at_start_naming_the_file(parquet_dir, tmp_path):
    broken = tmp_path / "parquet"
    shutil.copytree(parquet_dir.resolve(), broken)
    (broken / "checks.parquet").write_bytes(b"not parquet")
    result = start_server(broken)
    assert result.returncode != 0 and "checks.parquet" in result.stderr


def test_data_that_breaks_the_contract_is_refused(parquet_dir, tmp_path):
    broken = tmp_path / "parquet"
    shutil.copytree(parquet_dir.resolve(), broken)
    table = pq.read_table(broken / "observations.parquet")
    frame = table.to_pandas()
    frame.loc[frame["qualifier"] != "derived", "evidence"] = None
    pq.write_table(table.from_pandas(frame, schema=table.schema), broken / "observations.parquet")
    with pytest.raises(DataUnavailable, match="data contract"):
        load_dataset(broken)


def test_the_data_location_may_be_a_filesystem_uri(parquet_dir):
    by_path = load_dataset(parquet_dir)
    by_uri = load_dataset("file://" + str(parquet_dir.resolve()))
    assert by_uri.observations["obs_id"].tolist() == by_path.observations["obs_id"].tolist()
    assert by_uri.version == by_path.version
    with pytest.raises(DataUnavailable, match="nope://"):
        load_dataset("nope://bucket/data")


def _descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *_descendants(child)]
    return found


def test_a_killed_renderer_is_replaced_on_the_next_request(app):
    if images.chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required under CI")
        pytest.skip("Debian chromium not installed (as root: apt-get install chromium)")
    client = app.server.test_client()
    assert client.get("/charts/polls.png?width=401&height=401").status_code == 200
    browsers = [
        pid
        for pid in _descendants(os.getpid())
        if "chrom" in Path(f"/proc/{pid}/comm").read_text(errors="replace")
    ]
    assert browsers, "the renderer's Chromium should be running"
    for pid in browsers:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    response = client.get("/charts/polls.png?width=402&height=401")
    assert response.status_code == 200 and response.data[:4] == b"\x89PNG"
    images.RENDERER.close()


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_an_unwritable_cache_still_serves_images(app, monkeypatch, tmp_path, failure):
    """Full disk, read-only or forbidden cache directory: the image is served, just not cached."""
    monkeypatch.setattr(images, "DISK", images.DiskCache(tmp_path / "cache"))
    monkeypatch.setattr(images.RENDERER, "render", lambda *a, **k: b"\x89PNG\r\n\x1a\nfake")

    def refuse(*args, **kwargs):
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(images.os, "replace", refuse)
    response = app.server.test_client().get(f"/charts/embassy.png?width={500 + failure}")
    assert response.status_code == 200 and response.data.startswith(b"\x89PNG")
    leftovers = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert leftovers == [], "no temporary file is left behind"


SLOW_BUILD = """
import sys, time
import pyarrow.parquet as pq
from etl.__main__ import main
written = []
real = pq.write_table
def slow(*args, **kwargs):
    real(*args, **kwargs)
    written.append(1)
    print("wrote", len(written), flush=True)
    time.sleep(30)
pq.write_table = slow
sys.exit(main(["--curated", sys.argv[2], "build", "--out", sys.argv[1]]))
"""


def test_an_interrupted_etl_leaves_the_previous_data_intact_and_usable(tmp_path, curated_copy):
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "parquet"
    build = [
        sys.executable,
        "-m",
        "etl",
        "--curated",
        str(curated_copy),
        "build",
        "--out",
        str(target),
    ]
    subprocess.run(build, cwd=REPO, check=True, capture_output=True, timeout=60)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    (curated_copy / "series.yaml").write_text(
        (curated_copy / "series.yaml").read_text() + "\n# a change, so a new version\n"
    )
    slow = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(target), str(curated_copy)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert slow.stdout.readline().startswith("wrote 1"), "the slow build started writing"
    finally:
        os.killpg(slow.pid, signal.SIGKILL)
        slow.wait(timeout=10)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert len(load_dataset(target).observations) > 0
    data_dir = tmp_path / "data"
    assert any(p.name.startswith(".parquet-") for p in data_dir.iterdir() if p != target.resolve())
    subprocess.run(build, cwd=REPO, check=True, capture_output=True, timeout=60)
    beside = sorted(p.name for p in data_dir.iterdir())
    assert beside == sorted(["parquet", target.resolve().name]), "stale builds are cleaned up"
