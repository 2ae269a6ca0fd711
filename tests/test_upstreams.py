"""More than one host: the recipe's nginx in front of two app servers (`make serve` each, on two
ports of this machine standing for two hosts) shares the readers between them, loses no request
when one is killed outright, and rolls a release across them one at a time without a failed
request or a page answered from two releases.

Readers here ask for pages no cache has kept (a query of their own), so every view reaches an
app server. Needs Debian nginx (``make test`` installs it as root).
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from releases import (
    Readers,
    env_for,
    free_port,
    publish_quickly,
    release,
    release_world,
    reload,
    require_nginx,
    router_callback,
    start,
    stop,
    wait_until_up,
)

SERVE = [sys.executable, "-m", "dashboard.serving", "serve"]


class Cluster:
    """nginx on ``port`` (deploy/serve_proxy.py with UPSTREAMS) over two app servers."""

    def __init__(self, world: dict[str, Path]) -> None:
        self.world = world
        self.ports = {"a": free_port(), "b": free_port()}
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.servers = {name: self.start(name) for name in self.ports}
        upstreams = ",".join(f"127.0.0.1:{p}" for p in self.ports.values())
        env = env_for(world, self.port, UPSTREAMS=upstreams)
        self.proxy = start([sys.executable, "deploy/serve_proxy.py"], env, self.log("proxy"))

    def log(self, name: str) -> Path:
        return self.world["root"] / f"{name}.log"

    def start(self, name: str):
        env = env_for(self.world, self.ports[name], WORKERS="1")
        server = start(SERVE, env, self.log(name))
        wait_until_up(f"http://127.0.0.1:{self.ports[name]}/healthz", seconds=120)
        return server

    def answered(self, name: str) -> int:
        """App requests the server has answered (its access log), health checks aside."""
        count = 0
        for line in self.log(name).read_text(errors="replace").splitlines():
            if line.startswith("{") and '"gunicorn.access"' in line:
                count += json.loads(line).get("path") != "/healthz"
        return count

    def stop(self) -> None:
        stop(self.proxy)
        for server in self.servers.values():
            stop(server)


@pytest.fixture(scope="module")
def cluster(parquet_dir) -> Iterator[Cluster]:
    require_nginx()
    with release_world(parquet_dir) as world:
        publish_quickly(world["1"], world["site"])
        running = Cluster(world)
        try:
            wait_until_up(f"{running.base}/healthz", seconds=120)
            yield running
        finally:
            running.stop()


@pytest.fixture(scope="module")
def callback(app) -> dict:
    return router_callback(app)


def test_two_upstreams_share_the_readers(cluster, callback):
    before = {name: cluster.answered(name) for name in cluster.ports}
    with Readers(cluster.base, callback, vary=True) as readers:
        readers.wait_for(30)
    assert readers.tally.failures == []
    shares = {name: cluster.answered(name) - before[name] for name in cluster.ports}
    total = sum(shares.values())
    assert total >= 60, shares  # a page and a callback per view
    assert all(count >= total * 0.25 for count in shares.values()), shares


def test_an_upstream_killed_outright_under_load_fails_no_request(cluster, callback):
    with Readers(cluster.base, callback, vary=True) as readers:
        readers.wait_for(5)
        os.killpg(cluster.servers["a"].pid, signal.SIGKILL)  # the host is gone
        cluster.servers["a"].wait(timeout=30)
        readers.wait_for(15)
        cluster.servers["a"] = cluster.start("a")  # and back
        readers.wait_for(5)
    assert readers.tally.failures == [], readers.tally.failures[:5]
    assert readers.tally.mixed == []


def test_a_release_rolled_one_upstream_at_a_time_fails_no_request_and_mixes_none(
    cluster, callback
):
    world = cluster.world
    with Readers(cluster.base, callback, vary=True) as readers:
        readers.wait_for(5)
        new = release(world, "2")  # published once, where every host reads it
        reload(world, cluster.ports["a"])
        readers.wait_for(10)  # pages from both releases now, each answered from its own
        reload(world, cluster.ports["b"])
        readers.wait_for(5)
        reload(world, cluster.port)  # nginx follows: its files and cache keys
        readers.wait_for(5, release=new)
    tally = readers.tally
    assert tally.failures == [], tally.failures[:5]
    assert tally.mixed == [], tally.mixed[:5]
    assert len(tally.releases) == 2, tally.releases
