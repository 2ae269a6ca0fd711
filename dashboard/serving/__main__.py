"""``make serve`` and ``make reload``: gunicorn run, followed and reloaded as an operator would.

``python -m dashboard.serving serve`` runs gunicorn (dashboard/serving/gunicorn_conf.py) in the
foreground and stays until the server has stopped — including after a ``USR2`` hand-over, where
gunicorn's new master replaces the old one: this process adopts it (a Linux child subreaper) and
goes on forwarding ``INT``/``TERM``/``HUP``/``USR2`` to whichever master serves, so Ctrl-C stops
the server that runs, not only the one that was started, and nothing is left orphaned.

``python -m dashboard.serving reload`` sends ``HUP`` to the server on ``PORT`` (its master's pid
is in ``.run/<PORT>.pid``) and waits until it answers from the data as built now: the release
procedure is ``make etl``, ``make publish``, ``make reload``. A release that does not load is
refused by the server, which goes on serving the one it has; this command then says so.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from dashboard.serving import GUNICORN_ARGS

REPO = Path(__file__).resolve().parents[2]
RUN_DIR = Path(os.environ.get("BELARUS_RUN_DIR", REPO / ".run"))
GUNICORN = Path(sys.executable).with_name("gunicorn")
"""The console script: ``python -m gunicorn`` cannot re-execute itself on ``USR2``."""
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR2, signal.SIGQUIT)
PR_SET_CHILD_SUBREAPER = 36
RELOAD_SECONDS = 90.0


def pid_file(port: int | str) -> Path:
    """Where the process to signal for the server on ``port`` writes its pid."""
    return RUN_DIR / f"{port}.pid"


def read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def alive(pid: int | None) -> bool:
    """Whether ``pid`` runs (a zombie, exited but not yet reaped, does not)."""
    if not pid:
        return False
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)  # reap it if it is an exited child of ours
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1] != "Z"
    return True


def _become_subreaper() -> None:
    """Orphaned descendants (gunicorn's new master, once the old one exits) become children of
    this process, so it can wait for them. Linux only; elsewhere the pid file is polled."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def masters(pidfile: Path) -> list[int]:
    """The live gunicorn masters of one server: the one in the pid file and, during a ``USR2``
    hand-over, the new one (gunicorn writes its pid beside, in ``<pid file>.2``, until the old
    master has gone)."""
    found = (read_pid(pidfile), read_pid(pidfile.with_name(pidfile.name + ".2")))
    return [pid for pid in dict.fromkeys(found) if pid and alive(pid)]


def port_taken(host: str, port: int) -> bool:
    """Whether something already listens on ``host:port``."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex((host, port)) == 0


def serve(extra_args: list[str], publish_after: bool = False) -> int:
    """gunicorn in the foreground until it stops; with ``publish_after``, the site is published
    in the background once the server answers, and the server reloads onto it."""
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8050")
    if port_taken("127.0.0.1" if host in ("0.0.0.0", "::", "") else host, int(port)):
        print(
            f"serve: port {port} is taken (a server already running?): stop it, or choose "
            f"another with PORT=…",
            file=sys.stderr,
        )
        return 1
    pidfile = pid_file(port)
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    _become_subreaper()
    first = subprocess.Popen(
        [str(GUNICORN), *GUNICORN_ARGS, "--pid", str(pidfile), *extra_args], cwd=REPO
    )
    if publish_after:
        threading.Thread(target=_publish_then_reload, args=(port,), daemon=True).start()
    stopping = False
    seen = {first.pid}  # every master this server has had

    def running() -> list[int]:
        seen.update(masters(pidfile))
        return [pid for pid in sorted(seen) if alive(pid)]

    def forward(signum, _frame) -> None:
        nonlocal stopping
        stopping_all = signum in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
        stopping = stopping or stopping_all
        targets = running()
        for pid in targets if stopping_all else (masters(pidfile) or targets)[:1]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)

    for signum in FORWARDED:
        signal.signal(signum, forward)
    status = first.wait()
    # After a USR2 hand-over the old master exits and the new one, which wrote its pid beside
    # the old one's, serves on: follow it, and any that replaces it, until none is left.
    while running():
        time.sleep(0.2)
    pidfile.unlink(missing_ok=True)
    return 0 if stopping else status


def _publish_then_reload(port: str) -> None:
    """Once the server answers: publish the site (the files readers fetch by default), then
    reload the server onto them. Until then the app answers every file itself."""
    deadline = time.monotonic() + 300
    while _health(port) is None:
        if time.monotonic() > deadline:
            return
        time.sleep(0.5)
    print(f"serving on http://127.0.0.1:{port} — publishing the site in the background", flush=True)
    done = subprocess.run([sys.executable, "-m", "publish.site"], cwd=REPO)
    pid = read_pid(pid_file(port))
    if done.returncode == 0 and alive(pid):
        os.kill(pid, signal.SIGHUP)


def _health(port: str) -> dict | None:
    try:
        url = f"http://127.0.0.1:{port}/healthz"
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.load(response)
    except (OSError, ValueError):
        return None


def expected_version() -> str | None:
    """The data version built now (BELARUS_DATA, else datasets/parquet): what a reload serves."""
    from dashboard.model.data import PARQUET_DIR, DataUnavailable, load_dataset

    try:
        data = load_dataset(os.environ.get("BELARUS_DATA", str(PARQUET_DIR)))
    except DataUnavailable as error:
        print(f"reload: {error}", file=sys.stderr)
        return None
    return data.version


def reload(port: str) -> int:
    pid = read_pid(pid_file(port))
    if not alive(pid):
        print(
            f"reload: no server on port {port} ({pid_file(port)} names none); "
            "start one with `make serve` or `make serve-proxy`",
            file=sys.stderr,
        )
        return 1
    wanted = expected_version()
    if wanted is None:
        return 1
    before = (_health(port) or {}).get("data_version")
    os.kill(pid, signal.SIGHUP)
    deadline, agreeing, serving = time.monotonic() + RELOAD_SECONDS, 0, before
    while time.monotonic() < deadline:
        time.sleep(0.5)
        serving = (_health(port) or {}).get("data_version")
        agreeing = agreeing + 1 if serving == wanted else 0
        if agreeing >= 3:  # the old workers have gone: every answer is the new release
            print(f"reload: port {port} serves data {wanted} (was {before})")
            return 0
    print(
        f"reload: port {port} serves data {serving} after {RELOAD_SECONDS:.0f} s, not {wanted}: "
        "the server refused the new release (its log says why) and serves the one it had",
        file=sys.stderr,
    )
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.serving", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serving = commands.add_parser("serve", help="run gunicorn in the foreground (make serve)")
    serving.add_argument(
        "--publish-after",
        action="store_true",
        help="answer at once, publish the site in the background, then serve it (make run)",
    )
    reloading = commands.add_parser("reload", help="move the server on PORT to the data built now")
    reloading.add_argument("--port", default=os.environ.get("PORT", "8050"))
    args, extra = parser.parse_known_args(argv)
    if args.command == "serve":
        return serve(extra, publish_after=args.publish_after)
    return reload(args.port)


if __name__ == "__main__":
    sys.exit(main())
