"""What every benchmark shares: `make serve` started the way the Makefile starts it, on a free
loopback port, and stopped with everything it started; the browser Playwright drives."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from dashboard.serving import GUNICORN_ARGS

REPO = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
"""The console script, as `make serve` runs it: `python -m gunicorn` cannot re-exec itself on
USR2 (gunicorn's own `http` package shadows the standard library's there)."""
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BROWSER_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INTERACTIVE_CHART_JS = (
    "() => document.querySelector('#explorer-graph .scatterlayer .points path') !== null"
)
"""True once the app's interactive chart has drawn a data point."""
FIRST_CHART_JS = (
    "() => { const i = document.querySelector('#prerender img.first-chart');"
    " return (i !== null && i.complete && i.naturalWidth > 0)"
    " || document.querySelector('#explorer-graph .scatterlayer .points path') !== null; }"
)
"""True once a chart is on screen: the first view's static chart (the page's figure as an SVG,
dashboard/site/prerender.py) or the interactive one."""
DOCUMENT_PARSED_JS = "() => document.readyState !== 'loading'"


def start_app(page) -> None:
    """Move the pointer, as a reader does: assets/boot.js starts the app on it (its listeners are
    in place once the document is parsed)."""
    page.wait_for_function(DOCUMENT_PARSED_JS)
    page.mouse.move(3, 3)
    page.mouse.move(4, 4)


def with_inputs(body: dict, values: dict[str, object]) -> dict:
    """A copy of a captured callback request with some inputs set, each named
    'component-id.property' as Dash names them."""
    payload = json.loads(json.dumps(body))
    for item in payload["inputs"]:
        name = f"{item['id']}.{item['property']}"
        if name in values:
            item["value"] = values[name]
    return payload


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 60) -> None:
    """Return once ``url`` answers 200; raise if it has not within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} within {seconds:.0f} s")


def wait_for_warmup(log_dir: Path, seconds: float = 180) -> None:
    """Return once a worker has logged the end of its warm-up (dashboard/serving/warmup.py):
    the first views' chart images are rendered and the benchmark no longer shares the CPU."""
    deadline = time.monotonic() + seconds
    log = log_dir / "error.log"
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace") if log.exists() else ""
        if "warm-up: " in text or "warm-up skipped" in text:
            return
        time.sleep(0.5)
    raise RuntimeError(f"the server's warm-up did not finish within {seconds:.0f} s")


def start_gunicorn(
    port: int, cache_dir: Path | None = None, log_dir: Path | None = None
) -> subprocess.Popen:
    """`make serve` (its command, its config) on a loopback port, in its own process group, with
    a throwaway image cache unless ``cache_dir`` is given. With ``log_dir``, the JSON access log
    (stdout) and the error log go to files there; otherwise nowhere. Stop it with ``stop``."""
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "BELARUS_CACHE_DIR": str(cache_dir or tempfile.mkdtemp()),
    }
    command = [str(GUNICORN), *GUNICORN_ARGS]
    if log_dir is None:
        out = err = subprocess.DEVNULL
    else:
        out = open(log_dir / "access.log", "ab")  # noqa: SIM115 - the child owns it
        err = open(log_dir / "error.log", "ab")  # noqa: SIM115
    try:
        return subprocess.Popen(
            command, cwd=REPO, env=env, stdout=out, stderr=err, start_new_session=True
        )
    finally:
        if log_dir is not None:
            out.close()
            err.close()


def start_proxy(
    port: int, upstream_port: int, workers: int | None = None, site_dir: Path | None = None
) -> subprocess.Popen:
    """`make serve-proxy` (deploy/serve_proxy.py: nginx on ``port``, gunicorn on
    ``upstream_port``), on loopback, in its own process group, serving the site published
    under ``site_dir`` (default: BELARUS_SITE_DIR, else dist/site). Stop it with ``stop``."""
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "UPSTREAM_PORT": str(upstream_port),
    }
    if site_dir is not None:
        env["BELARUS_SITE_DIR"] = str(site_dir)
    if workers is not None:
        env["WORKERS"] = str(workers)
    return subprocess.Popen(
        [sys.executable, "deploy/serve_proxy.py"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process: subprocess.Popen | None, grace: float = 30) -> None:
    """SIGTERM to the process group (a graceful gunicorn/nginx stop), SIGKILL if it lingers."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass
