"""The documented release — `make etl`, `make publish`, `make reload` — while readers use the site:
through `make serve` (gunicorn) and `make serve-proxy` (nginx in front), publishing two and
three times in a row, no reader's request fails and no page is answered from two releases.
`make serve` also follows gunicorn's USR2 hand-over and leaves nothing behind.

Needs Debian nginx for the proxy (``make test`` installs it as root); without it the proxy test
skips with a reason, and under CI fails instead.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from releases import (
    Readers,
    env_for,
    free_port,
    health,
    publish_quickly,
    published,
    release,
    reload,
    router_callback,
    start,
    stop,
    wait_until_up,
)

from dashboard.serving.__main__ import masters


def test_publishing_and_reloading_while_serving_fails_no_request(world, app):
    first = publish_quickly(world["1"], world["site"])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = world["root"] / "serve.log"
    server = start([sys.executable, "-m", "dashboard.serving", "serve"], env_for(world, port), log)
    try:
        wait_until_up(f"{base}/healthz", seconds=120)
        with Readers(base, router_callback(app)) as readers:
            readers.wait_for(3)
            release(world, "2")
            release(world, "3")  # two publishes in a row: the served version stays
            assert health(base)["site_version"] == first
            assert {"1", "2", "3"} <= published(world)
            readers.wait_for(3)
            reload(world, port)
            third = release(world, "4")
            reload(world, port)
            readers.wait_for(3, release=third)
        tally = readers.tally
    finally:
        stop(server)
    assert tally.failures == [], tally.failures[:5]
    assert tally.mixed == [], tally.mixed[:5]
    assert {first, third} <= set(tally.releases), tally.releases
    assert tally.views >= 9


def test_publishing_three_times_and_reloading_behind_the_proxy_fails_no_request(world, app, nginx):
    first = publish_quickly(world["1"], world["site"])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = env_for(world, port, UPSTREAM_PORT=str(free_port()))
    log = world["root"] / "proxy.log"
    proxy = start([sys.executable, "deploy/serve_proxy.py"], env, log)
    try:
        wait_until_up(f"{base}/healthz", seconds=120)
        with Readers(base, router_callback(app)) as readers:
            readers.wait_for(3)
            for build in "234":  # three publishes in a row
                last = release(world, build)
            assert health(base)["site_version"] == first
            readers.wait_for(3)
            reload(world, port)
            readers.wait_for(3, release=last)
        tally = readers.tally
    finally:
        stop(proxy)
    assert tally.failures == [], tally.failures[:5]
    assert tally.mixed == [], tally.mixed[:5]
    assert {first, last} <= set(tally.releases), tally.releases


def test_make_serve_follows_a_usr2_hand_over_and_stops_with_nothing_left(world):
    publish_quickly(world["1"], world["site"])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = env_for(world, port, WORKERS="1")
    server = start([sys.executable, "-m", "dashboard.serving", "serve"], env, world["root"] / "l")
    pidfile = world["root"] / "run" / f"{port}.pid"
    try:
        wait_until_up(f"{base}/healthz", seconds=120)
        old = int(pidfile.read_text())
        os.kill(old, signal.SIGUSR2)  # gunicorn starts a new master beside the old one
        deadline = time.monotonic() + 120
        while len(masters(pidfile)) < 2:
            assert time.monotonic() < deadline, "no new master started"
            time.sleep(0.2)
        [new] = [pid for pid in masters(pidfile) if pid != old]
        wait_until_up(f"{base}/healthz", seconds=120)
        os.kill(old, signal.SIGTERM)  # the old master drains and goes
        deadline = time.monotonic() + 60
        while masters(pidfile) != [new]:  # the new master promotes itself
            assert time.monotonic() < deadline, masters(pidfile)
            time.sleep(0.2)
        assert server.poll() is None, "make serve stopped with the old master"
        assert health(base)["status"] == "ok"
        server.send_signal(signal.SIGINT)  # Ctrl-C
        server.wait(timeout=60)
        time.sleep(1)
        with pytest.raises(ProcessLookupError):
            os.kill(new, 0)  # the new master went with it: nothing orphaned
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)


def test_a_second_server_on_a_taken_port_says_so_in_one_line(world):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "dashboard.serving", "serve", "--publish-after"],
            env=env_for(world, port),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"serve: port {port} is taken (a server already running?): stop it, or choose another "
        "with PORT=…"
    ]
