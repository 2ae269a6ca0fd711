"""Real-browser tests: the dashboard served by `python -m dashboard`, driven by Playwright for
Python through Debian's chromium (never a Playwright-downloaded browser), with axe-core injected
for accessibility scans.

Prerequisites (`make test` installs them): the `playwright` Python package, Debian `chromium`
(`apt-get install chromium`, as root) and `npm ci` for node_modules/axe-core. Locally a missing
browser or axe-core skips with a reason; under CI (env `CI` set) it fails instead, so CI can never
pass by skipping.

Every Chromium process the session starts is tracked and killed at the end, even when Playwright's
own shutdown does not get to run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PARQUET = REPO / "datasets" / "parquet" / "observations.parquet"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_TIMEOUT = 30.0
DEFAULT_TIMEOUT_MS = 10_000  # per Playwright action / wait; keeps failures quick
VIEWPORT = {"width": 1280, "height": 900}
SEVERE_IMPACTS = ("serious", "critical")


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def skip_or_fail(reason: str) -> None:
    """Skip locally; fail under CI, which must run every browser test."""
    if in_ci():
        pytest.fail(f"{reason} — CI is set, so this is a failure, not a skip", pytrace=False)
    pytest.skip(reason)


# --- markers ---------------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "browser: drives the served dashboard in Debian chromium (tests/browser; "
        "deselect with -m 'not browser')",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


# --- the app server --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


def _stop_group(process: subprocess.Popen, grace: float = 5.0) -> None:
    """SIGTERM the process group started with the server, then SIGKILL what is left."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    # the leader may be gone while workers it started linger in the group
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)


def _ensure_parquet() -> None:
    if PARQUET.exists():
        return
    result = subprocess.run(
        [sys.executable, "-m", "etl", "build"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 or not PARQUET.exists():
        pytest.fail(
            f"`python -m etl build` could not build {PARQUET.relative_to(REPO)} "
            f"(exit {result.returncode}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """`python -m dashboard` on a free port; yields its base URL (no trailing slash)."""
    _ensure_parquet()
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile(mode="w+", prefix="dashboard-stderr-") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "--host", "127.0.0.1", "--port", str(port)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,  # its own process group, killed as a whole at the end
        )

        def server_stderr() -> str:
            log.flush()
            log.seek(0)
            return log.read()[-6000:]

        try:
            _wait_until_serving(process, base_url, server_stderr)
            yield base_url
        finally:
            _stop_group(process)


def _wait_until_serving(process: subprocess.Popen, base_url: str, stderr: Any) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while True:
        if process.poll() is not None:
            pytest.fail(
                f"the dashboard exited with code {process.returncode} before serving "
                f"{base_url}/; its stderr:\n{stderr()}",
                pytrace=False,
            )
        status = _status(base_url + "/")
        if status == 200:
            return
        if time.monotonic() > deadline:
            pytest.fail(
                f"the dashboard did not answer HTTP 200 on {base_url}/ within "
                f"{SERVER_START_TIMEOUT:.0f} s (last status: {status}); its stderr:\n{stderr()}",
                pytrace=False,
            )
        time.sleep(0.2)


# --- Chromium process bookkeeping ------------------------------------------------------------
# Playwright's driver (node) is our child and starts chromium detached, in its own process group;
# if the driver dies first, chromium is re-parented away from us. So the session records every
# chromium process it sees under this pytest process (pid + start time, which guards against pid
# reuse) and kills whatever of those is still alive at the end.

_seen_chromium: dict[int, str] = {}


def _proc_stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, start time) from /proc/<pid>/stat, or None if the process is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rfind(")") + 2 :].split()  # after "pid (comm) "
    return int(fields[1]), fields[19]


def _is_chromium(pid: int) -> bool:
    try:
        argv0 = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0", 1)[0].decode()
    except OSError:
        return False
    name = os.path.basename(argv0)
    return "chrom" in name or "headless_shell" in name


def _chromium_descendants() -> dict[int, str]:
    """Chromium processes under this pytest process: {pid: start time}."""
    try:
        import psutil  # optional; /proc below covers Linux without it
    except ImportError:
        psutil = None
    if psutil is not None:
        found = {}
        with contextlib.suppress(psutil.Error):
            for child in psutil.Process().children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    if _is_chromium(child.pid) or "chrom" in child.name():
                        found[child.pid] = str(child.create_time())
        return found
    if not Path("/proc/self/stat").exists():
        return {}
    parents: dict[int, list[int]] = {}
    starts: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        stat = _proc_stat(int(entry.name))
        if stat is not None:
            parents.setdefault(stat[0], []).append(int(entry.name))
            starts[int(entry.name)] = stat[1]
    found, stack = {}, [os.getpid()]
    while stack:
        for child in parents.get(stack.pop(), []):
            stack.append(child)
            if _is_chromium(child):
                found[child] = starts[child]
    return found


def _start_time(pid: int) -> str | None:
    try:
        import psutil
    except ImportError:
        stat = _proc_stat(pid)
        return None if stat is None else stat[1]
    try:
        return str(psutil.Process(pid).create_time())
    except psutil.Error:
        return None


def track_chromium() -> None:
    _seen_chromium.update(_chromium_descendants())


def kill_leftover_chromium() -> list[int]:
    """SIGKILL every chromium this session started that is still running; returns their pids."""
    track_chromium()
    killed = []
    for pid, started in list(_seen_chromium.items()):
        if _start_time(pid) == started:  # still the very process we saw, not a reused pid
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
        _seen_chromium.pop(pid, None)
    return killed


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Safety net for runs where the browser fixture's teardown never completed."""
    kill_leftover_chromium()


# --- the browser -----------------------------------------------------------------------------


def chromium_executable() -> str:
    candidate = os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM
    resolved = shutil.which(candidate)
    if resolved is None:
        skip_or_fail(
            "Debian chromium not installed (make test installs it as root: apt-get install "
            f"chromium); looked for {candidate!r}"
        )
    return resolved


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_executable()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the playwright Python package is not installed (pip install -e '.[dev]')")
    manager = sync_playwright().start()
    try:
        chromium = manager.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
    except Exception:
        manager.stop()
        kill_leftover_chromium()
        raise
    track_chromium()
    try:
        yield chromium
    finally:
        track_chromium()  # renderers started during the session
        with contextlib.suppress(Exception):
            chromium.close()
        with contextlib.suppress(Exception):
            manager.stop()
        kill_leftover_chromium()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh context and page per test. `page.console_errors` lists console errors and uncaught
    page errors, as strings, in the order they happened."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    new_page = context.new_page()
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            where = location.get("url", "")
            errors.append(f"console.error: {message.text}" + (f" ({where})" if where else ""))

    new_page.on("console", on_console)
    new_page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    new_page.console_errors = errors
    try:
        yield new_page
    finally:
        track_chromium()
        context.close()


# --- accessibility ---------------------------------------------------------------------------


def run_axe(page: Any) -> list[dict]:
    """axe-core on the page as it is now: the serious and critical violations, each a dict with
    id, impact, help, helpUrl and nodes (target, html, failureSummary)."""
    if not AXE_JS.exists():
        skip_or_fail(
            f"axe-core is not installed ({AXE_JS.relative_to(REPO)} missing; run `npm ci` at the "
            "repository root)"
        )
    # evaluate, not add_script_tag: the app's Content-Security-Policy (rightly) refuses an
    # injected inline <script>, while DevTools evaluation is not subject to it
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({
                    target: n.target, html: n.html, failureSummary: n.failureSummary,
                })),
            }));
        }"""
    )
    return [v for v in violations if v["impact"] in SEVERE_IMPACTS]


@pytest.fixture
def axe() -> Any:
    """`axe(page)` → serious/critical violations (see run_axe); skips early if axe is missing."""
    if not AXE_JS.exists():
        skip_or_fail(
            f"axe-core is not installed ({AXE_JS.relative_to(REPO)} missing; run `npm ci` at the "
            "repository root)"
        )
    return run_axe
