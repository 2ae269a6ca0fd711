"""Which published site versions a running server still uses, so ``make publish`` never removes
one from under it.

A server (gunicorn's master, or serve-proxy's nginx) takes a *lease* on each site version it
serves: a small file ``<site root>/.leases/<version>/<host>.<pid>.<role>`` whose modification time
it refreshes every ``HEARTBEAT_SECONDS``. A version is in use while any of its leases is younger
than ``GRACE_SECONDS``; so a server on another host that shares the site directory protects its
version too, and a version a server has just left stays for the grace period, for the pages it
sent before (their first-view images name that version's files).

A server that stops or moves on simply stops refreshing: its lease expires by itself, and a
server killed outright leaves nothing that protects a version forever. ``BELARUS_LEASE_GRACE``
(seconds) sets the grace period.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

LEASES = ".leases"
HEARTBEAT_SECONDS = 60.0
GRACE_SECONDS = float(os.environ.get("BELARUS_LEASE_GRACE", "600"))
"""How long a lease protects its version without a heartbeat: ten heartbeats."""
STALE_STAGING_SECONDS = 6 * 3600.0
VERSION = re.compile(r"^[0-9a-f]{1,64}-[0-9a-f]{1,64}$")
"""A site version's name (data version - code digest); nothing else is a version directory."""


def lease_path(root: Path, version: str, role: str) -> Path:
    host = re.sub(r"[^A-Za-z0-9.-]", "_", socket.gethostname()) or "host"
    return root / LEASES / version / f"{host}.{os.getpid()}.{role}"


def live_versions(root: Path, now: float | None = None, grace: float | None = None) -> set[str]:
    """The versions some server has refreshed a lease on within the grace period."""
    now = time.time() if now is None else now
    grace = GRACE_SECONDS if grace is None else grace
    live = set()
    for directory in _lease_directories(root):
        for lease in directory.iterdir():
            with contextlib.suppress(FileNotFoundError):
                if now - lease.stat().st_mtime < grace:
                    live.add(directory.name)
                    break
    return live


def remove_expired(root: Path, now: float | None = None, grace: float | None = None) -> None:
    """Remove lease files past the grace period, and lease directories left empty."""
    now = time.time() if now is None else now
    grace = GRACE_SECONDS if grace is None else grace
    for directory in _lease_directories(root):
        for lease in directory.iterdir():
            with contextlib.suppress(FileNotFoundError):
                if now - lease.stat().st_mtime >= grace:
                    lease.unlink()
        with contextlib.suppress(OSError):
            directory.rmdir()  # only when empty


def _lease_directories(root: Path) -> list[Path]:
    leases = root / LEASES
    if not leases.is_dir():
        return []
    return [d for d in leases.iterdir() if d.is_dir() and VERSION.match(d.name)]


class Leases:
    """The leases one process holds, refreshed by a daemon thread until ``close``.

    ``hold`` names the versions the process serves now (replacing the previous set: versions
    it no longer names stop being refreshed and expire after the grace period)."""

    def __init__(self, root: Path, role: str, heartbeat: float = HEARTBEAT_SECONDS) -> None:
        self.root = root
        self.role = role
        self.heartbeat = heartbeat
        self._versions: tuple[str, ...] = ()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def versions(self) -> tuple[str, ...]:
        return self._versions

    def hold(self, versions: Iterable[str | None]) -> None:
        self._versions = tuple(dict.fromkeys(v for v in versions if v and VERSION.match(v)))
        self.refresh()
        if self._thread is None and self.heartbeat > 0:
            self._thread = threading.Thread(target=self._run, name="site-leases", daemon=True)
            self._thread.start()

    def refresh(self) -> None:
        """Write or touch this process's lease on each version it holds."""
        for version in self._versions:
            path = lease_path(self.root, version, self.role)
            try:
                if path.exists():
                    os.utime(path)
                else:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    record = {"host": socket.gethostname(), "pid": os.getpid(), "role": self.role}
                    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
            except OSError as error:  # a read-only or full disk: publishing may then prune it
                log.warning("cannot write the lease %s: %s", path, error)

    def _run(self) -> None:
        while not self._stop.wait(self.heartbeat):
            self.refresh()

    def close(self) -> None:
        """Stop refreshing; the leases expire after the grace period."""
        self._stop.set()


def remove_unused(
    root: Path, keep: int, now: float | None = None, grace: float | None = None
) -> list[str]:
    """Remove the published versions that are neither among the newest ``keep`` nor leased,
    and staging directories of bakes that died; the versions removed."""
    remove_expired(root, now, grace)
    live = live_versions(root, now, grace)
    sites = sorted(
        (p for p in root.iterdir() if VERSION.match(p.name) and (p / "manifest.json").is_file()),
        key=lambda p: (p / "manifest.json").stat().st_mtime,
        reverse=True,
    )
    removed = []
    for old in sites[keep:]:
        if old.name in live:
            continue
        # renamed first, so a server looking the version up finds it whole or not at all
        doomed = root / f".removing-{old.name}.{os.getpid()}"
        try:
            old.rename(doomed)
        except OSError:
            continue
        shutil.rmtree(doomed, ignore_errors=True)
        removed.append(old.name)
    now = time.time() if now is None else now
    for staging in root.glob(".*.*"):
        # a bake or removal on any host that shares the directory; one that died leaves its
        # directory behind, which goes once it is far older than any bake takes
        with contextlib.suppress(OSError):
            if staging.is_dir() and now - staging.stat().st_mtime > STALE_STAGING_SECONDS:
                shutil.rmtree(staging, ignore_errors=True)
    return removed
