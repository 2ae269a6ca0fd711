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
