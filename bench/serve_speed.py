"""Benchmark: published and cached images and CSVs under `make serve`, uncached renders, and
`make charts`.

Goals: a published or cached image or CSV answers with p95 under 10 ms and at least 2,000
requests/s
on this 2-core machine; an uncached PNG renders (renderer warm) in a median under 400 ms; `make
charts` writes every chart in under 60 s. Load comes from wrk (Debian) on loopback, bounded in
time; gunicorn and wrk share the machine's two cores, which the figures include.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from harness import REPO, free_port, start_gunicorn, stop, wait_for_warmup, wait_until_up
from report import replace_section

CONNECTIONS = (8, 16, 32)
LUA = Path(__file__).resolve().parent / "wrk_percentiles.lua"
SECONDS = 6


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return time.perf_counter() - started


def wrk(url: str, connections: int) -> dict[str, float]:
    """Throughput, error count and latency percentiles (ms) from wrk with a Lua reporter."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{SECONDS}s", "-s", str(LUA), url],
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS + 30,
    ).stdout
    values = dict(re.findall(r"^(P\d+|REQUESTS|DURATION_US|ERRORS) (\d+)$", out, re.M))
    result = {f"p{k[1:]}": int(v) / 1000 for k, v in values.items() if k.startswith("P")}
    result["rps"] = int(values["REQUESTS"]) / (int(values["DURATION_US"]) / 1e6)
    result["errors"] = int(values["ERRORS"])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("bench: wrk not installed (as root: apt-get install wrk)", file=sys.stderr)
        return 1
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    workers = os.cpu_count() or 2
    log_dir = Path(tempfile.mkdtemp())
    server = start_gunicorn(port, log_dir=log_dir)
    rows, lines = [], []
    try:
        wait_until_up(base + "/api/v1/series")
        wait_for_warmup(log_dir)
        targets = {
            "published CSV (/api/v1/series/<id>.csv)": base
            + "/api/v1/series/trade.by_ua.turnover.csv",
            "published PNG (/charts/<id>.png)": base + "/charts/ua-turnover.png",
            "cached CSV, other parameters (…csv?from=2014)": base
            + "/api/v1/series/trade.by_ua.turnover.csv?from=2014",
            "cached PNG, rendered on demand (…png?width=700)": base
            + "/charts/ua-turnover.png?width=700",
        }
        for url in targets.values():  # warm every worker's cache and renderer
            for _ in range(4 * workers):
                fetch(url)
        for name, url in targets.items():
            for connections in CONNECTIONS:
                r = wrk(url, connections)
                rows.append((name, connections, r))
        # uncached renders with a warm renderer: a new width each time defeats every cache
        fetch(base + "/charts/polls.png?width=700")
        renders = [fetch(base + f"/charts/polls.png?width={800 + i}") for i in range(15)]
        render_median = statistics.median(renders) * 1000
    finally:
        stop(server)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.exports.export_charts",
            "--out",
            str(REPO / "dist" / "charts"),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )
    charts_seconds = time.perf_counter() - started

    lines.append("| route | connections | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | errors |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for name, connections, r in rows:
        lines.append(
            f"| {name} | {connections} | {r['rps']:,.0f} | {r['p50']:.2f} | {r['p95']:.2f} | "
            f"{r['p99']:.2f} | {r['errors']} |"
        )

    def verdict(label: str, name: str) -> str:
        parts = []
        for connections in CONNECTIONS:
            r = next(r for n, c, r in rows if n == name and c == connections)
            ok = r["rps"] >= 2000 and r["p95"] < 10 and r["errors"] == 0
            parts.append(
                f"{connections} connections {r['rps']:,.0f} req/s, p95 {r['p95']:.1f} ms "
                f"({'meets' if ok else 'misses'})"
            )
        return f"- {label} (goal ≥ 2,000 req/s and p95 < 10 ms): " + "; ".join(parts) + "."

    names = list(targets)
    verdicts = [
        verdict("Published CSV", names[0]),
        verdict("Published PNG", names[1]),
        verdict("Cached CSV with other parameters", names[2]),
        verdict("Cached PNG rendered on demand", names[3]),
        f"- Uncached PNG, renderer warm: median {render_median:.0f} ms over {len(renders)} renders "
        f"— {'meets' if render_median < 400 else 'MISSES'} the goal (< 400 ms).",
        f"- `make charts` (every chart, PNG + SVG, social preset × 2): {charts_seconds:.1f} s "
        f"— {'meets' if charts_seconds < 60 else 'MISSES'} the goal (< 60 s).",
    ]
    section = "\n".join(
        [
            "## Serving: cached images and CSVs, renders, `make charts`",
            "",
            f"`bench/serve_speed.py`: `make serve` (gunicorn, {workers} gthread workers), wrk "
            f"(2 threads, {SECONDS} s per row, exact percentiles from `wrk_percentiles.lua`) on "
            "loopback; server and load share the 2 cores. Published: files `make publish` "
            "baked, served by whitenoise before Flask. Cached: another variant, answered by "
            "the app from its cache after the first request (the body in memory for an "
            "extract, on disk for an image). At 32 connections the workers queue requests, so "
            "latency grows while throughput holds.",
            "",
            *lines,
            "",
            *verdicts,
        ]
    )
    print(section)
    if args.output:
        replace_section(args.output, "serving", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
