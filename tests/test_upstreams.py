"""More than one host: the recipe's nginx in front of two app servers (`make serve` each, on two
ports of this machine standing for two hosts) shares the readers between them, loses no request
when one is killed outright, and rolls a release across them one at a time without a failed
request or a page answered from two releases.

Readers here ask for pages no cache has kept (a query of their own), so every view reaches an
app server. Needs Debian nginx (``make test`` installs it as root).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
from releases import (
    Cluster,
    Readers,
    publish_quickly,
    release,
    release_world,
    reload,
    router_callback,
    wait_until_up,
)


@pytest.fixture(scope="module")
def cluster(parquet_dir, nginx) -> Iterator[Cluster]:
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


def test_a_release_rolled_one_upstream_at_a_time_fails_no_request_and_mixes_none(cluster, callback):
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
