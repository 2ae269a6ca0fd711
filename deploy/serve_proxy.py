"""`make serve-proxy`: nginx on HOST:PORT in front of `make serve`'s gunicorn on loopback.

The production recipe in one command, on this machine: deploy/nginx.conf with its placeholders
filled in, gunicorn (dashboard/serving/gunicorn_conf.py) on 127.0.0.1:UPSTREAM_PORT, nginx in the
foreground. Both run in their own process groups; when either exits, or on Ctrl-C / SIGTERM, the
other is stopped too, so nothing is left behind.

Environment: HOST (default 127.0.0.1), PORT (8050), UPSTREAM_PORT (PORT + 1), WORKERS, and
everything gunicorn_conf.py reads.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.serving import GUNICORN_ARGS  # noqa: E402

TEMPLATE = REPO / "deploy" / "nginx.conf"
GUNICORN = Path(sys.executable).with_name("gunicorn")
START_SECONDS = 120.0


def render(runtime: Path, listen: str, upstream: str) -> str:
    """deploy/nginx.conf with its placeholders filled in."""
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in (("RUNTIME", str(runtime)), ("LISTEN", listen), ("UPSTREAM", upstream)):
        text = text.replace(f"@{name}@", value)
    return text


def _wait_for(url: str, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve-proxy: {what} exited with {process.returncode} at start")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise SystemExit(f"serve-proxy: {what} did not answer {url} within {START_SECONDS:.0f} s")


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=25)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def main() -> int:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        print(
            "serve-proxy: nginx is missing; install it (Debian: apt-get install nginx-light)",
            file=sys.stderr,
        )
        return 2
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8050"))
    upstream_port = int(os.environ.get("UPSTREAM_PORT", str(port + 1)))
    runtime = Path(tempfile.mkdtemp(prefix="belarus-proxy-"))
    runtime.chmod(0o755)  # nginx's workers run unprivileged when the master is root
    listen = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    (runtime / "nginx.conf").write_text(render(runtime, listen, f"127.0.0.1:{upstream_port}"))
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(upstream_port)}
    app = proxy = None
    stopping = False

    def on_signal(signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        app = subprocess.Popen(
            [str(GUNICORN), *GUNICORN_ARGS],
            cwd=REPO,
            env=env,
            start_new_session=True,
        )
        _wait_for(f"http://127.0.0.1:{upstream_port}/healthz", app, "gunicorn")
        proxy = subprocess.Popen(
            [
                nginx,
                "-p",
                str(runtime),
                "-e",
                str(runtime / "error.log"),
                "-c",
                str(runtime / "nginx.conf"),
            ],
            start_new_session=True,
        )
        reachable = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        _wait_for(f"http://{reachable}:{port}/healthz", proxy, "nginx")
        print(
            f"serve-proxy: http://{host}:{port} (nginx) → gunicorn on 127.0.0.1:{upstream_port}",
            flush=True,
        )
        while not stopping and app.poll() is None and proxy.poll() is None:
            time.sleep(0.2)
        return 0 if stopping else 1
    finally:
        _stop(proxy)
        _stop(app)
        shutil.rmtree(runtime, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
