"""The production recipe under load: `make serve-proxy` against nginx alone and `make serve`.

Goals: behind the shipped proxy, a baked CSV and a baked PNG at ≥ 0.8× the throughput of nginx
serving the same file alone; the mix (bench/load.py's, the same request list) at 128
connections with 0 errors and p95 < 100 ms.

Rows, in one run on the same machine:

- the mix at 32 and 128 connections behind `make serve-proxy` (nginx answers the published files
  itself and keeps the app's page and callback answers; deploy/nginx.conf);
- a baked CSV and a baked PNG behind the proxy, and the same bytes from a bare nginx (one
  `location /` over a directory), at 32 and 128 connections;
- the mix at 32 connections against `make serve` alone, with the app's page memo on (as
  `make serve` runs) and off (as behind the proxy, which keeps those answers itself): what the
  memo is for.

Needs the published site of the current data (`make bench` runs `make publish` first), wrk,
nginx and chromium (to capture the callbacks a browser sends). Loopback only; everything
started here is stopped here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from harness import free_port, start_gunicorn, start_proxy, stop, wait_until_up
from load import (
    ACCEPT_ENCODING,
    LUA,
    capture_callbacks,
    chart_variants,
    get,
    mix_entries,
    page_variants,
    run_wrk,
    start_nginx,
    write_requests,
)
from report import replace_section

from dashboard.model.data import load_dataset
from dashboard.web.baked import find_site

CONNECTIONS = (32, 128)
BAKED = {
    "CSV": "/api/v1/series/trade.by_ua.turnover.csv",
    "PNG": "/charts/ua-turnover.png",
}
EXPLORER_VARIANTS = 48
GOAL_RATIO = 0.8
GOAL_P95_MS = 100.0


def warm(base: str, mix: Path) -> None:
    run_wrk(base, mix, 16, 0, ACCEPT_ENCODING, seconds=5)  # fills nginx's cache; not reported


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    began = time.monotonic()
    site = find_site(load_dataset().version)
    if site is None:
        print("bench: no published site for the current data; run `make publish`", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="proxy-load-"))
    shutil.copy(LUA, work / LUA.name)
    static_root = work / "static"
    static_root.mkdir()
    for directory in (work, static_root):
        directory.chmod(0o755)  # nginx's workers run unprivileged
    files = {}
    for kind, url in BAKED.items():
        entry = site.find(url)
        assert entry is not None, f"{url} is not in the published site"
        name = f"baked.{kind.lower()}"
        shutil.copy(site.directory / entry.file, static_root / name)
        (static_root / name).chmod(0o644)
        files[kind] = name
    rows: list[tuple[str, int, dict]] = []
    processes = []
    try:
        # make serve alone, memo on, then off; the callbacks captured from the first
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_gunicorn(port, work / "cache")
        processes.append(server)
        wait_until_up(base + "/healthz", 120)
        pages_body, chart_body, series = capture_callbacks(base)
        mix = work / "mix.txt"
        pages = page_variants(pages_body)
        write_requests(
            mix, mix_entries(pages, chart_variants(chart_body, series, EXPLORER_VARIANTS))
        )
        warm(base, mix)
        rows.append(
            ("`make serve` alone, page memo on", 32, run_wrk(base, mix, 32, 0, ACCEPT_ENCODING))
        )
        stop(server)
        os.environ["BELARUS_RESPONSE_MEMO"] = "0"
        try:
            server = start_gunicorn(port, work / "cache")
        finally:
            del os.environ["BELARUS_RESPONSE_MEMO"]
        processes.append(server)
        wait_until_up(base + "/healthz", 120)
        warm(base, mix)
        rows.append(
            ("`make serve` alone, page memo off", 32, run_wrk(base, mix, 32, 0, ACCEPT_ENCODING))
        )
        stop(server)

        # the shipped proxy
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proxy = start_proxy(port, free_port())
        processes.append(proxy)
        wait_until_up(base + "/healthz", 120)
        for url in BAKED.values():
            assert get(base + url) == (site.directory / site.find(url).file).read_bytes()
        warm(base, mix)
        for connections in CONNECTIONS:
            rows.append(
                (
                    "mix behind the proxy",
                    connections,
                    run_wrk(base, mix, connections, 0, ACCEPT_ENCODING),
                )
            )
        for kind, url in BAKED.items():
            requests = work / f"proxy-{kind}.txt"
            write_requests(requests, [(1, kind, "GET", url, "")])
            for connections in CONNECTIONS:
                rows.append(
                    (
                        f"baked {kind} behind the proxy",
                        connections,
                        run_wrk(base, requests, connections, 0),
                    )
                )
        stop(proxy, grace=40)

        # nginx alone, the same bytes
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        nginx = start_nginx(static_root, port)
        processes.append(nginx)
        wait_until_up(f"{base}/{files['CSV']}", 20)
        for kind, name in files.items():
            requests = work / f"alone-{kind}.txt"
            write_requests(requests, [(1, kind, "GET", f"/{name}", "")])
            for connections in CONNECTIONS:
                rows.append(
                    (
                        f"nginx alone: the same {kind} file",
                        connections,
                        run_wrk(base, requests, connections, 0),
                    )
                )
    finally:
        for process in processes:
            stop(process, grace=40)
    section = report(rows, time.monotonic() - began)
    print(section)
    if args.output:
        replace_section(args.output, "proxy", section)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def report(rows: list[tuple[str, int, dict]], runtime: float) -> str:
    by = {(name, connections): r for name, connections, r in rows}
    table = [
        "| load | connections | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | errors "
        "| other load (cores) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, connections, r in rows:
        errors = r["socket"] + r["other"] + r["s503"]
        table.append(
            f"| {name} | {connections} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p99']:.1f} | {errors} | {r['others']:.2f} |"
        )
    verdicts = []
    for kind in BAKED:
        ratios = [
            by[(f"baked {kind} behind the proxy", c)]["rps"]
            / by[(f"nginx alone: the same {kind} file", c)]["rps"]
            for c in CONNECTIONS
        ]
        meets = min(ratios) >= GOAL_RATIO
        verdicts.append(
            f"- **Baked {kind} behind the proxy: "
            + ", ".join(f"{r:.2f}× at {c}" for r, c in zip(ratios, CONNECTIONS, strict=True))
            + f" nginx alone's throughput — {'meets' if meets else 'MISSES'} the goal "
            f"(≥ {GOAL_RATIO}×).**"
        )
    mix = by[("mix behind the proxy", 128)]
    errors = mix["socket"] + mix["other"] + mix["s503"]
    meets = errors == 0 and mix["p95"] < GOAL_P95_MS
    verdicts.append(
        f"- **Mix at 128 connections behind the proxy: {errors} errors, p95 {mix['p95']:.1f} ms — "
        f"{'meets' if meets else 'MISSES'} the goal (0 errors, p95 < {GOAL_P95_MS:.0f} ms).**"
    )
    on, off = (by[(f"`make serve` alone, page memo {s}", 32)] for s in ("on", "off"))
    verdicts.append(
        f"- `make serve` alone at 32 connections: p95 {on['p95']:.1f} ms with the page memo, "
        f"{off['p95']:.1f} ms without it ({on['rps']:,.0f} against {off['rps']:,.0f} "
        "requests/s). Without a proxy in front, the memo is what keeps repeated page views and "
        "callbacks from being rebuilt; behind the proxy nginx keeps them, and the memo is off."
    )
    return "\n".join(
        [
            "## Behind the proxy: `make serve-proxy` against nginx alone",
            "",
            "`bench/proxy_load.py`: the shipped recipe (deploy/nginx.conf in front of `make "
            "serve`'s gunicorn, 2 workers × 4 threads) under bench/load.py's mix and request "
            "list (the same callbacks, captured from a browser), and two published files, each "
            "against a bare nginx serving the same bytes from disk; wrk (2 threads, 10 s per "
            "row) on loopback, sharing the 2 cores with the servers. Errors include 5xx and "
            "socket errors. Each server was warmed for 5 s first (nginx's cache filled).",
            "",
            *table,
            "",
            *verdicts,
            "",
            f"Runtime of this benchmark: {runtime:.0f} s.",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
