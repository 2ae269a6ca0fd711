"""The service survives its own faults: bad data stops it cleanly at start (a message, an exit
code, no half-started server), a dead renderer is replaced on the next request, an unwritable
cache only costs caching, an interrupted ETL leaves the previous data intact and usable, and the
data location may be a URI."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import select
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import diskcache
import pandas as pd
import pyarrow.parquet as pq
import pytest
from chromium import require_chromium
from image_cache import fresh_image_cache

from dashboard.exports import images
from dashboard.model.data import TABLES, DataUnavailable, load_dataset

REPO = Path(__file__).resolve().parent.parent
FAKE_PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
START_LIMIT_SECONDS = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "dashboard/serving/gunicorn_conf.py"]


def start_gunicorn(
    data: Path | str, tmp_path: Path, port: int, workers: int, **popen
) -> subprocess.Popen:
    """``make serve``'s gunicorn configuration over ``data`` on ``port``, in its own process
    group; ``popen`` says where its output goes."""
    env = {
        **os.environ,
        "BELARUS_DATA": str(data),
        "BELARUS_CACHE_DIR": str(tmp_path / "cache"),
        "PORT": str(port),
        "WORKERS": str(workers),
    }
    return subprocess.Popen(
        [*GUNICORN, "dashboard.serving.wsgi:server"],
        cwd=REPO,
        env=env,
        start_new_session=True,
        **popen,
    )


def serve(data: Path | str, tmp_path: Path) -> tuple[subprocess.CompletedProcess, int, float]:
    """``make serve`` (gunicorn with dashboard/serving/gunicorn_conf.py) over ``data``; returns
    once it has exited — or kills its process group and fails if it is still up after the limit."""
    port = free_port()
    began = time.monotonic()
    server = start_gunicorn(
        data, tmp_path, port, 1, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        stdout, stderr = server.communicate(timeout=START_LIMIT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.communicate(timeout=10)
        pytest.fail(f"the server was still running after {START_LIMIT_SECONDS} s on bad data")
    elapsed = time.monotonic() - began
    with contextlib.suppress(ProcessLookupError):  # no worker may outlive the master
        os.killpg(server.pid, signal.SIGKILL)
    result = subprocess.CompletedProcess(server.args, server.returncode, stdout, stderr)
    return result, port, elapsed


def assert_refused_to_start(result, port: int, elapsed: float) -> None:
    assert result.returncode != 0, "bad data must fail the start, not serve errors"
    assert elapsed < START_LIMIT_SECONDS
    assert "cannot start" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, "a message for the operator, not a trace"
    assert not listening(port), "nothing may be left listening on the port"


def copy_of(parquet_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "parquet"
    shutil.copytree(parquet_dir.resolve(), target)
    return target


# 1-2. Bad data stops the server at start -------------------------------------------------------


def test_missing_data_stops_the_server_at_start_naming_the_file(tmp_path):
    """An empty data directory (a forgotten `make etl`, a wrong BELARUS_DATA): gunicorn exits
    non-zero at once, saying which file it could not read, and never binds the port."""
    empty = tmp_path / "empty"
    empty.mkdir()
    result, port, elapsed = serve(empty, tmp_path)
    assert_refused_to_start(result, port, elapsed)
    assert f"{empty}/sources.parquet" in result.stderr, result.stderr[-2000:]


def test_corrupt_data_stops_the_server_at_start_naming_the_file(parquet_dir, tmp_path):
    """One unreadable table (a truncated copy, a disk error) is enough to refuse to start: the
    message names that table, so the operator knows what to rebuild."""
    broken = copy_of(parquet_dir, tmp_path)
    (broken / "checks.parquet").write_bytes(b"this is not a parquet file\n" * 10)
    result, port, elapsed = serve(broken, tmp_path)
    assert_refused_to_start(result, port, elapsed)
    assert "checks.parquet" in result.stderr, result.stderr[-2000:]


def break_the_contract(directory: Path) -> None:
    """Remove the evidence of every stated (non-derived) observation: still valid parquet, but
    every number would be unsourced."""
    path = directory / "observations.parquet"
    table = pq.read_table(path)
    frame = table.to_pandas()
    stated = frame["qualifier"] != "derived"
    assert stated.any(), "test setup: there are stated observations"
    frame.loc[stated, "evidence"] = None
    pq.write_table(table.from_pandas(frame, schema=table.schema, preserve_index=False), path)


def test_data_that_breaks_the_contract_stops_the_server_at_start(parquet_dir, tmp_path):
    """Readable but wrong data is as bad as missing data: the server refuses it, saying it
    breaks the data contract, rather than serving unsourced numbers."""
    broken = copy_of(parquet_dir, tmp_path)
    break_the_contract(broken)
    result, port, elapsed = serve(broken, tmp_path)
    assert_refused_to_start(result, port, elapsed)
    assert "data contract" in result.stderr, result.stderr[-2000:]


def test_data_that_breaks_the_contract_is_refused_by_the_loader(parquet_dir, tmp_path):
    broken = copy_of(parquet_dir, tmp_path)
    break_the_contract(broken)
    with pytest.raises(DataUnavailable, match="data contract"):
        load_dataset(broken)


# 3. A killed renderer is replaced --------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, from /proc (psutil is not a dependency)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found += [child, *descendants(child)]
    return found


def live_browsers() -> list[int]:
    """Chromium processes started by this test process that are still running (not zombies)."""
    browsers = []
    for pid in descendants(os.getpid()):
        try:
            name = Path(f"/proc/{pid}/comm").read_text(errors="replace")
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if "chrom" in name.lower() and state != "Z":
            browsers.append(pid)
    return browsers


def get_within(client, path: str, seconds: float):
    """A request that may not hang the suite: the answer, or a failure after ``seconds``."""
    answer: list = []
    worker = threading.Thread(target=lambda: answer.append(client.get(path)), daemon=True)
    worker.start()
    worker.join(timeout=seconds)
    if not answer:
        pytest.fail(f"{path} did not answer within {seconds} s")
    return answer[0]


@pytest.fixture
def chromium():
    """A renderer of its own for each test: the tests below break it on purpose."""
    require_chromium()
    yield
    images.RENDERER.close()


def test_a_killed_renderer_is_replaced_on_the_next_request(app, chromium, monkeypatch, tmp_path):
    """Chromium can crash or be OOM-killed under load: the next image request starts a fresh
    renderer and is served, instead of every later image failing until a restart."""
    fresh_image_cache(app, monkeypatch, tmp_path / "images")
    client = app.server.test_client()
    first = get_within(client, "/charts/polls.png?width=401&height=401", 90)
    assert first.status_code == 200 and first.data[:4] == b"\x89PNG"
    killed = live_browsers()
    assert killed, "the renderer's Chromium should be running"
    for pid in killed:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    second = get_within(client, "/charts/polls.png?width=402&height=401", 90)
    assert second.status_code == 200, second.get_data()[:300]
    assert second.mimetype == "image/png" and second.data[:4] == b"\x89PNG"
    assert set(live_browsers()).isdisjoint(killed), "a new browser serves the new request"

    images.RENDERER.close()
    deadline = time.monotonic() + 15
    while live_browsers() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert live_browsers() == [], "closing the renderer leaves no browser behind"


# 4. An unwritable cache only costs caching -----------------------------------------------------

FAILURES = {
    "cache directory cannot be created (read-only file system)": (
        "__init__",
        OSError(errno.EROFS, os.strerror(errno.EROFS)),
    ),
    "disk full while writing": ("set", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))),
    "index on a read-only disk": (
        "set",
        sqlite3.OperationalError("attempt to write a readonly database"),
    ),
    "index corrupt": ("get", sqlite3.DatabaseError("database disk image is malformed")),
}


@pytest.mark.parametrize("case", list(FAILURES))
def test_an_unwritable_cache_still_serves_images_and_warns_once(
    app, monkeypatch, tmp_path, caplog, case
):
    """Tests run as root, where chmod does not stop writes: the failures the cache library
    raises on a read-only or full disk, or a corrupt index, are injected instead."""
    operation, failure = FAILURES[case]

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(diskcache.Cache, operation, fail)
    fresh_image_cache(app, monkeypatch, tmp_path / "cache")
    monkeypatch.setattr(images.RENDERER, "render", lambda *a, **k: FAKE_PNG)

    client = app.server.test_client()
    with caplog.at_level(logging.WARNING, logger="dashboard.exports.images"):
        for width in (501, 502, 503):
            response = client.get(f"/charts/embassy.png?width={width}")
            assert response.status_code == 200 and response.data == FAKE_PNG, width
    warnings = [r for r in caplog.records if "not writable" in r.getMessage()]
    assert len(warnings) == 1, "one warning, not one per request"
    assert str(failure) in warnings[0].getMessage()


def test_an_image_directory_that_is_a_file_only_costs_caching(app, monkeypatch, tmp_path):
    """A real failure, not an injected one: the cache's directory cannot exist."""
    blocker = tmp_path / "images"
    blocker.write_text("not a directory")
    fresh_image_cache(app, monkeypatch, blocker)
    monkeypatch.setattr(images.RENDERER, "render", lambda *a, **k: FAKE_PNG)
    response = app.server.test_client().get("/charts/embassy.png?width=504")
    assert response.status_code == 200 and response.data == FAKE_PNG
    assert blocker.read_text() == "not a directory"


# 5. An interrupted ETL -------------------------------------------------------------------------

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


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_an_interrupted_etl_leaves_the_previous_data_intact_and_usable(tmp_path, curated_copy):
    """A build killed mid-write (SIGKILL: no cleanup handler runs) must leave the link on the
    previous complete set; the next successful build replaces it and removes the debris."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    target = data_dir / "parquet"
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
    subprocess.run(build, cwd=REPO, check=True, capture_output=True, timeout=120)
    assert target.is_symlink()
    old_version_dir = target.resolve()
    before = snapshot(target)
    assert sorted(before) == sorted(f"{name}.parquet" for name in TABLES)

    series = curated_copy / "series.yaml"
    series.write_text(series.read_text() + "\n# a change, so a new data version\n")
    slow = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(target), str(curated_copy)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        ready, _, _ = select.select([slow.stdout], [], [], 120)
        line = slow.stdout.readline() if ready else ""
        assert line.startswith("wrote 1"), f"the slow build should have started writing: {line!r}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(slow.pid, signal.SIGKILL)
        slow.wait(timeout=10)
        slow.stdout.close()

    debris = [p for p in data_dir.iterdir() if p.name.endswith(f"-{slow.pid}")]
    assert debris and len(list(debris[0].glob("*.parquet"))) < len(TABLES), (
        "the build was killed mid-write, leaving a partial staging directory"
    )
    assert target.resolve() == old_version_dir, "the link still names the previous set"
    assert snapshot(target) == before, "byte for byte"
    previous = load_dataset(target)
    assert len(previous.observations) > 0, "and it loads"

    subprocess.run(build, cwd=REPO, check=True, capture_output=True, timeout=120)
    new_version_dir = target.resolve()
    assert new_version_dir != old_version_dir
    beside = sorted(p.name for p in data_dir.iterdir())
    assert beside == sorted(["parquet", new_version_dir.name]), (
        "exactly one versioned directory beside the link: the killed build's staging directory "
        "and the previous version are removed"
    )
    rebuilt = load_dataset(new_version_dir)
    assert rebuilt.version and rebuilt.version != previous.version


PAUSED_BUILD = """
import sys, time
from pathlib import Path
import etl.write
from etl.__main__ import main
real = etl.write._remove_stale_versions
def paused(target, keep):
    print("swapped", flush=True)
    go = Path(sys.argv[3])
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    real(target, keep)
etl.write._remove_stale_versions = paused
sys.exit(main(["--curated", sys.argv[2], "build", "--out", sys.argv[1]]))
"""


def test_two_overlapping_builds_leave_a_complete_dataset(tmp_path, curated_copy):
    """Two `make etl` runs into the same target (a deploy hook and an operator, two CI jobs on a
    shared volume) may overlap. Whichever finishes last, the link must name a complete set: one
    build's clean-up of "stale" directories must not delete the set the other build just
    published. Here build A has swapped the link and is about to clean up when build B runs from
    start to finish; then A cleans up."""
    target = tmp_path / "data" / "parquet"
    other = tmp_path / "curated-b"
    shutil.copytree(curated_copy, other)
    series = other / "series.yaml"
    series.write_text(series.read_text() + "\n# build B's inputs differ, so its version does\n")
    go = tmp_path / "go"
    build_a = subprocess.Popen(
        [sys.executable, "-c", PAUSED_BUILD, str(target), str(curated_copy), str(go)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        ready, _, _ = select.select([build_a.stdout], [], [], 120)
        assert ready and build_a.stdout.readline().startswith("swapped"), "build A published"
        build_b = [
            sys.executable,
            "-m",
            "etl",
            "--curated",
            str(other),
            "build",
            "--out",
            str(target),
        ]
        subprocess.run(build_b, cwd=REPO, check=True, capture_output=True, timeout=120)
        go.touch()
        _, errors = build_a.communicate(timeout=60)
        assert build_a.returncode == 0, errors[-2000:]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build_a.pid, signal.SIGKILL)
        build_a.wait(timeout=10)
    assert target.resolve().is_dir(), f"the link {target} -> {os.readlink(target)} is dangling"
    assert sorted(p.name for p in target.iterdir()) == sorted(f"{n}.parquet" for n in TABLES)
    assert len(load_dataset(target.resolve()).observations) > 0


# 6. The data location as a URI -----------------------------------------------------------------


def test_the_data_location_may_be_a_file_uri(parquet_dir):
    """BELARUS_DATA may name shared storage by URI; file:// reads exactly what the path reads."""
    by_path = load_dataset(parquet_dir)
    by_uri = load_dataset("file://" + str(parquet_dir.resolve()))
    assert by_uri.version == by_path.version
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(by_uri, name), getattr(by_path, name))


def test_an_unknown_uri_scheme_is_refused_naming_the_uri():
    with pytest.raises(DataUnavailable, match="nope://bucket/data"):
        load_dataset("nope://bucket/data")


def test_a_file_uri_to_missing_data_names_the_missing_file(tmp_path):
    with pytest.raises(DataUnavailable, match=r"sources\.parquet"):
        load_dataset(f"file://{tmp_path}/nothing-here")


def test_the_image_cache_on_disk_stays_within_its_bound_keeping_what_was_used_last(tmp_path):
    """Image URLs are many: past its bound the disk cache drops the least recently used images,
    and a hit counts as a use. Each worker keeps its own memory in front: the workers here are
    separate instances over one directory."""

    def worker() -> images.RenderedImages:
        return images.RenderedImages(tmp_path / "images", max_bytes=1_000_000)

    writer = worker()
    body = b"x" * 40_000  # stored as a file, as images are
    for n in range(20):
        writer.put(f"image-{n}", body)
    assert worker().get("image-0") == body  # another worker reads it from disk just now
    for n in range(20, 26):  # past the bound: the least recently used go, ten at a time
        writer.put(f"image-{n}", body)
    assert writer.volume() <= 1_000_000
    fresh = worker()
    assert fresh.get("image-0") == body, "the image read recently was kept"
    assert fresh.get("image-25") == body, "the newest image was kept"
    assert fresh.get("image-1") is None, "an old, unread image was dropped"
    writer.close()


def test_a_worker_answers_a_repeated_image_from_memory(tmp_path, monkeypatch):
    """The disk is the shared copy; a worker's repeat is a memory hit, not a disk read."""
    cache = images.RenderedImages(tmp_path / "images")
    cache.put("image", b"png")
    monkeypatch.setattr(diskcache.Cache, "get", lambda *a, **k: pytest.fail("read from disk"))
    assert cache.get("image") == b"png"


def children(pid: int) -> set[int]:
    """The direct children of ``pid`` (a gunicorn master's: its workers), from /proc."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found |= set(map(int, (task / "children").read_text().split()))
    return found


def holder_of_connection(server_port: int, client_port: int, pids: set[int]) -> int | None:
    """Which of ``pids`` holds the server's end of the loopback TCP connection from
    ``client_port``: the gunicorn worker that accepted it (from /proc/net/tcp and each
    process's open file descriptors)."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1], fields[2]
        if int(local.split(":")[1], 16) == server_port and int(remote.split(":")[1], 16) == (
            client_port
        ):
            inode = fields[9]
    if inode is None:
        return None
    for pid in pids:
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd) == f"socket:[{inode}]":
                        return pid
    return None


def test_every_worker_serves_the_pages_scripts_from_its_first_request(parquet_dir, tmp_path):
    """A browser fetches a page's scripts over several connections at once, which may reach a
    worker that has served no page yet: it must have every script too (Dash registers them on a
    first page request, which the app makes before gunicorn forks). One worker serves the page;
    the scripts are then fetched on fresh connections until each of the two workers (told apart
    by which process holds the connection) has answered every one of them."""
    import http.client
    import re
    from concurrent.futures import ThreadPoolExecutor

    port = free_port()
    server = start_gunicorn(
        parquet_dir, tmp_path, port, 2, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + START_LIMIT_SECONDS
        while not listening(port) or len(children(server.pid)) < 2:
            assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        workers = children(server.pid)
        assert len(workers) == 2, workers

        def get(path: str) -> tuple[int, bytes, int | None]:
            """Status, body and the worker that answered, on a fresh connection kept open
            until the worker is known."""
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("GET", path)
                answer = connection.getresponse()
                body = answer.read()
                worker = holder_of_connection(port, connection.sock.getsockname()[1], workers)
                return answer.status, body, worker
            finally:
                connection.close()

        status, body, page_worker = get("/trade")
        assert status == 200 and page_worker in workers
        page = body.decode()
        scripts = re.findall(r'<script [^>]*src="([^"]+)"', page)
        scripts += re.search(r'data-chunks="([^"]*)"', page)[1].split()
        assert len(scripts) > 5

        served: dict[int, set[str]] = {worker: set() for worker in workers}
        deadline = time.monotonic() + 60
        with ThreadPoolExecutor(8) as pool:
            while any(served[w] != set(scripts) for w in workers):
                counts = {worker: len(answered) for worker, answered in served.items()}
                assert time.monotonic() < deadline, (
                    f"within 60 s, not every worker answered all {len(scripts)} scripts: {counts}"
                )
                for script, (status, _, worker) in zip(
                    scripts, pool.map(get, scripts), strict=True
                ):
                    assert status == 200, (script, status, worker)
                    assert worker in workers, f"{script}: answered by no known worker"
                    served[worker].add(script)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
