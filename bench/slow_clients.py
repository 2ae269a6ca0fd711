"""Slow clients: connections that send half a request and then wait, as a denial-of-service does.

``hold(host, port, count)`` opens ``count`` such connections and keeps them open (a context
manager); ``time_request(url)`` is how long a normal request takes meanwhile (``None`` when it
does not answer within the limit). Used by ``make bench`` and by the proxy's test.
"""

from __future__ import annotations

import contextlib
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

HALF_REQUEST = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n"
"""A request line and some headers, never the blank line that ends them."""


@contextlib.contextmanager
def hold(host: str, port: int, count: int) -> Iterator[int]:
    """Open ``count`` connections that each sent half a request; yield how many connected."""
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            try:
                connection = socket.create_connection((host, port), timeout=2)
                connection.sendall(HALF_REQUEST)
                sockets.append(connection)
            except OSError:
                break
        time.sleep(0.5)  # let the server accept them and start reading
        yield len(sockets)
    finally:
        for connection in sockets:
            connection.close()


def time_request(url: str, limit: float = 5.0) -> float | None:
    """Seconds until ``url`` answers (any status), or None if it does not within ``limit``."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=limit) as response:
            response.read()
    except urllib.error.HTTPError:
        pass
    except (urllib.error.URLError, TimeoutError, OSError):
        return None
    return time.perf_counter() - started


# --- make bench: `make serve` alone against the shipped proxy --------------------------------

COUNTS = (8, 9, 32, 256)
GOAL_SECONDS = 1.0


def _measure(base: str, port: int) -> list[tuple[int, int, float | None, float | None]]:
    rows = []
    for count in COUNTS:
        with hold("127.0.0.1", port, count) as held:
            rows.append(
                (
                    count,
                    held,
                    time_request(f"{base}/healthz", limit=3),
                    time_request(f"{base}/trade", limit=3),
                )
            )
    return rows


def _cell(seconds: float | None) -> str:
    return "no answer in 3 s" if seconds is None else f"{seconds * 1000:.0f} ms"


def main() -> int:
    import argparse
    from pathlib import Path

    from harness import REPO, free_port, start_gunicorn, start_proxy, stop, wait_until_up
    from report import replace_section

    parser = argparse.ArgumentParser(description="slow clients against make serve and the proxy")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "benchmarks.md")
    args = parser.parse_args()
    port = free_port()
    alone = start_gunicorn(port)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", 120)
        direct = _measure(f"http://127.0.0.1:{port}", port)
    finally:
        stop(alone)
    port = free_port()
    proxy = start_proxy(port, free_port())
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", 120)
        proxied = _measure(f"http://127.0.0.1:{port}", port)
    finally:
        stop(proxy, grace=40)
    lines = [
        "## Slow clients: `make serve` alone against `make serve-proxy`",
        "",
        "Connections that send half a request and wait (a slow-client attack), held open while",
        "one normal request is timed, on the same 2-worker server with nothing else running.",
        f"Goal: with 256 held, `/healthz` and a page answer in < {GOAL_SECONDS:.0f} s.",
        "",
        "| held | `make serve` alone: /healthz | page | behind nginx: /healthz | page |",
        "|---|---|---|---|---|",
    ]
    for (count, _, health, page), (_, _, p_health, p_page) in zip(direct, proxied, strict=True):
        lines.append(
            f"| {count} | {_cell(health)} | {_cell(page)} | {_cell(p_health)} | {_cell(p_page)} |"
        )
    worst = proxied[-1]
    meets = all(v is not None and v < GOAL_SECONDS for v in worst[2:])
    lines += [
        "",
        f"**Behind nginx, 256 held: {'meets' if meets else 'misses'} the goal.** gunicorn alone "
        "stops answering once the held connections take its threads (2 workers × 4: eight or "
        "nine suffice, depending on which worker accepts them); "
        "`make serve` therefore binds loopback only and refuses a public address, and "
        "`make serve-proxy` is the way to serve one.",
    ]
    replace_section(args.output, "slow-clients", "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
