"""Releases while readers read: the documented release (`make etl`, `make publish`, `make reload`)
through `make serve` and `make serve-proxy`, and two app servers behind the recipe's nginx.

Goals: 0 failed requests and 0 pages answered from two releases, through every drill; with two
app servers, the readers shared between them and more pages served than with one.

Rows, in one run on the same machine:

- **make serve**: readers (4, each a page view after another: the page, its first-view image, a
  default download, the page's layout and router callback naming its release) while two
  publishes in a row, a reload, a third publish and a reload happen;
- **make serve-proxy**: the same readers while three publishes in a row and a reload happen;
- **two app servers** (one worker each) behind one nginx: readers asking for pages no cache
  keeps, while one server is killed outright (SIGKILL) and started again, then while a release
  rolls across them one at a time and nginx follows;
- **throughput**: wrk asking for pages no cache keeps (a unique query each), through an nginx
  over one of the servers and through one over both, side by side.

The builds are copies of the current dataset stamped with other data versions (a rebuild, to the
app), published with a stand-in renderer (images are not what this measures). Loopback only;
everything started here is stopped here.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import REPO, free_port, wait_until_up
from releases import (
    Cluster,
    Readers,
    env_for,
    publish_quickly,
    release,
    release_world,
    reload,
    start,
    stop,
)
from report import replace_section

from dashboard.app import create_app
from dashboard.model.data import PARQUET_DIR, load_dataset

SECONDS = 15
CONNECTIONS = 16
LUA = """
local threads, counter = 0, 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  run = args[1]
end
function request()
  counter = counter + 1
  return wrk.format("GET", "/trade?view=" .. run .. "-" .. id .. "-" .. counter)
end
"""


def _callback() -> dict:
    from releases import router_callback

    return router_callback(create_app(load_dataset(), site_root=None))


def _row(name: str, readers: Readers, seconds: float) -> str:
    t = readers.tally
    return (
        f"| {name} | {t.requests:,} | {t.views:,} | {len(t.releases)} | {len(t.failures)} "
        f"| {len(t.mixed)} | {seconds:.0f} s |"
    )


def drill_serve(parquet: Path, callback: dict) -> str:
    with release_world(parquet) as world:
        publish_quickly(world["1"], world["site"])
        port = free_port()
        server = start(
            [sys.executable, "-m", "dashboard.serving", "serve"],
            env_for(world, port),
            world["root"] / "serve.log",
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz", seconds=180)
            started = time.monotonic()
            with Readers(f"http://127.0.0.1:{port}", callback) as readers:
                readers.wait_for(5)
                release(world, "2")
                release(world, "3")
                reload(world, port)
                last = release(world, "4")
                reload(world, port)
                readers.wait_for(5, release=last)
            return _row(
                "`make serve`: publish ×2, reload, publish, reload",
                readers,
                time.monotonic() - started,
            )
        finally:
            stop(server)


def drill_proxy(parquet: Path, callback: dict) -> str:
    with release_world(parquet) as world:
        publish_quickly(world["1"], world["site"])
        port = free_port()
        env = env_for(world, port, UPSTREAM_PORT=str(free_port()))
        proxy = start([sys.executable, "deploy/serve_proxy.py"], env, world["root"] / "p.log")
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz", seconds=180)
            started = time.monotonic()
            with Readers(f"http://127.0.0.1:{port}", callback) as readers:
                readers.wait_for(5)
                for build in "234":
                    last = release(world, build)
                reload(world, port)
                readers.wait_for(5, release=last)
            return _row(
                "`make serve-proxy`: publish ×3, reload", readers, time.monotonic() - started
            )
        finally:
            stop(proxy)


def wrk_pages(base: str, lua: Path) -> dict:
    run = f"{time.time_ns()}"  # a run of its own: no page any run asked for before
    done = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--latency",
            "-s",
            str(lua),
            base,
            "--",
            run,
        ],
        capture_output=True,
        text=True,
        timeout=SECONDS + 60,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(\w+)", done.stdout)
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", done.stdout)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", done.stdout))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    return {
        "rate": rate,
        "p50": f"{p50.group(1)} {p50.group(2)}",
        "p99": f"{p99.group(1)} {p99.group(2)}",
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
    }


def drill_upstreams(parquet: Path, callback: dict) -> tuple[list[str], list[str]]:
    with release_world(parquet) as world:
        publish_quickly(world["1"], world["site"])
        cluster = Cluster(world)
        try:
            one, one_port = cluster.start_proxy(["a"])
            cluster.extra.append(one)
            for port in (cluster.port, one_port):
                wait_until_up(f"http://127.0.0.1:{port}/healthz", seconds=180)
            lua = world["root"] / "pages.lua"
            lua.write_text(LUA)
            rates = []
            for name, port in (("one server", one_port), ("two servers", cluster.port)):
                wrk_pages(f"http://127.0.0.1:{port}", lua)  # warm: scripts, pools
                before = {n: cluster.answered(n) for n in cluster.ports}
                result = wrk_pages(f"http://127.0.0.1:{port}", lua)
                shares = {n: cluster.answered(n) - before[n] for n in cluster.ports}
                rates.append(
                    f"| {name} | {result['rate']:,.0f} | {result['p50']} | {result['p99']} "
                    f"| {result['errors']} | {shares['a']:,} / {shares['b']:,} |"
                )
            drills = []
            started = time.monotonic()
            with Readers(cluster.base, callback, vary=True) as readers:
                readers.wait_for(5)
                os.killpg(cluster.servers["a"].pid, signal.SIGKILL)
                cluster.servers["a"].wait(timeout=30)
                readers.wait_for(20)
                cluster.servers["a"] = cluster.start("a")
                readers.wait_for(5)
            drills.append(
                _row(
                    "two servers: one killed (SIGKILL) and back",
                    readers,
                    time.monotonic() - started,
                )
            )
            started = time.monotonic()
            with Readers(cluster.base, callback, vary=True) as readers:
                readers.wait_for(5)
                new = release(world, "2")
                reload(world, cluster.ports["a"])
                readers.wait_for(10)
                reload(world, cluster.ports["b"])
                readers.wait_for(5)
                reload(world, cluster.port)
                readers.wait_for(5, release=new)
            drills.append(
                _row(
                    "two servers: a release rolled one at a time",
                    readers,
                    time.monotonic() - started,
                )
            )
            return drills, rates
        finally:
            cluster.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--data", type=Path, default=PARQUET_DIR)
    args = parser.parse_args()
    os.environ.setdefault("BELARUS_CACHE_DIR", tempfile.mkdtemp(prefix="belarus-bench-"))
    parquet = args.data.resolve()
    callback = _callback()
    rows = [drill_serve(parquet, callback), drill_proxy(parquet, callback)]
    drills, rates = drill_upstreams(parquet, callback)
    rows += drills
    body = "\n".join(
        [
            "## Releases while readers read",
            "",
            "Goals: 0 failed requests and 0 pages answered from two releases in every drill; "
            "with two app servers, the load shared and more pages served than with one "
            "(bench/release_safety.py). A reader's view is a page, its first-view image, a "
            "default download, and the page's layout and router callback naming its release; "
            "each request on a connection of its own.",
            "",
            "| drill | requests | page views | releases seen | failed | mixed | time |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            f"Pages no cache keeps (a unique query each), wrk with {CONNECTIONS} connections "
            f"for {SECONDS} s through nginx, app servers of one worker each on this 2-core "
            "machine (wrk and nginx share the cores):",
            "",
            "| nginx over | pages/s | p50 | p99 | errors | answered by a / b |",
            "|---|---|---|---|---|---|",
            *rates,
        ]
    )
    replace_section(args.output, "release-safety", body)
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
