"""Load benchmark: a realistic request mix against `make serve`, with a static-file reference.

Goals (issue #5): at 32 concurrent clients, the mix without uncached images has 0 errors and p95
under 100 ms; memory per worker under 300 MB (the image renderer's Chromium reported apart).

The mix, by weight: page loads 30% (HTML shells of five pages), Dash callbacks 30% (the
explorer's main callback for 36 distinct views, captured from a real page), CSV extracts 20%,
cached images 20%. Uncached images (a new width per request) run as their own row: the render
queue answers 503 by design when full, counted apart from errors. nginx serving the same CSV bytes
from disk is the reference, measured in the same run. wrk on loopback, 10 s per row.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from page_speed import callback_variants, capture_callback
from report import replace_section
from serve_speed import free_port, start_gunicorn, wait_until_up

REPO = Path(__file__).resolve().parent.parent
CONNECTIONS = (8, 32, 128)
SECONDS = 10
PAGES = ["/", "/trade", "/trade?chart=ua-flows", "/more?chart=troops", "/sources"]
CSVS = ["/api/v1/series/trade.by_ua.turnover.csv", "/api/v1/observations.csv?from=2021"]
IMAGES = ["/charts/ua-turnover.png", "/charts/polls.png?preset=social", "/charts/troops.svg"]

LUA = """
local requests = {}
local weights = {}
%(entries)s
local counter = 0
request = function()
  counter = counter + 1
  local r = requests[weights[(counter %% #weights) + 1]]
  if r.uncached then
    return wrk.format("GET", r.path .. "&width=" .. (400 + (counter %% 1900)))
  end
  if r.body then
    return wrk.format("POST", r.path, {["Content-Type"] = "application/json"}, r.body)
  end
  return wrk.format("GET", r.path)
end
local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("P%%d %%d\\n", p, latency:percentile(p)))
  end
  io.write(string.format("REQUESTS %%d\\nDURATION_US %%d\\nSOCKET_ERRORS %%d\\n",
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("NON2XX %%d\\n", summary.errors.status))
end
"""


def lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def write_lua(path: Path, entries: list[tuple[dict, int]]) -> None:
    lines = []
    for index, (entry, weight) in enumerate(entries, start=1):
        fields = [f"path = {lua_string(entry['path'])}"]
        if "body" in entry:
            fields.append(f"body = {lua_string(entry['body'])}")
        if entry.get("uncached"):
            fields.append("uncached = true")
        lines.append(f"requests[{index}] = {{{', '.join(fields)}}}")
        lines.append(f"for _ = 1, {weight} do table.insert(weights, {index}) end")
    path.write_text(LUA % {"entries": "\n".join(lines)})


def run_wrk(url: str, script: Path, connections: int) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{SECONDS}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=SECONDS + 60,
    ).stdout
    values = {k: int(v) for k, v in re.findall(r"^(\w+) (\d+)$", out, re.M)}
    return {
        "rps": values["REQUESTS"] / (values["DURATION_US"] / 1e6),
        "p50": values["P50"] / 1000,
        "p95": values["P95"] / 1000,
        "p99": values["P99"] / 1000,
        "errors": values["SOCKET_ERRORS"] + values["NON2XX"],
        "non2xx": values["NON2XX"],
    }


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def descendants(pid: int) -> list[int]:
    return [d for child in children(pid) for d in (child, *descendants(child))]


def peak_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else 0.0


def start_nginx(root: Path, port: int) -> subprocess.Popen:
    prefix = Path(tempfile.mkdtemp())
    (prefix / "logs").mkdir()
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  server {{ listen 127.0.0.1:{port}; root {root}; location / {{ }} }}
}}
"""
    )
    return subprocess.Popen(
        ["nginx", "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            print(f"bench: {tool} not installed (as root: apt-get install {tool})", file=sys.stderr)
            return 1
    port, static_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(port)
    static_root = Path(tempfile.mkdtemp())
    static_root.chmod(0o755)  # nginx's workers run unprivileged
    work = Path(tempfile.mkdtemp())
    rows: list[tuple[str, int, dict[str, float]]] = []
    try:
        wait_until_up(base + "/healthz", time.monotonic() + 60)
        bodies = [b.decode() for b in callback_variants(capture_callback(base))]
        for path in PAGES + CSVS + IMAGES:  # warm both workers' caches and renderers
            for _ in range(6):
                urllib.request.urlopen(base + path, timeout=60).read()
        for body in bodies[:30]:  # steady state: each view computed once in each worker
            for _ in range(6):
                request = urllib.request.Request(
                    base + "/_dash-update-component",
                    data=body.encode(),
                    headers={"Content-Type": "application/json"},
                )
                urllib.request.urlopen(request, timeout=60).read()
        with urllib.request.urlopen(base + CSVS[0], timeout=30) as response:
            (static_root / "extract.csv").write_bytes(response.read())
        (static_root / "extract.csv").chmod(0o644)
        mix = (
            [({"path": p}, 6) for p in PAGES]
            + [({"path": "/_dash-update-component", "body": b}, 1) for b in bodies[:30]]
            + [({"path": p}, 10) for p in CSVS]
            + [({"path": p}, 7) for p in IMAGES]
        )
        write_lua(work / "mix.lua", mix)
        write_lua(
            work / "uncached.lua",
            [({"path": "/charts/polls.png?preset=article", "uncached": True}, 1)],
        )
        write_lua(work / "static.lua", [({"path": "/extract.csv"}, 1)])
        write_lua(work / "app-csv.lua", [({"path": CSVS[0]}, 1)])
        nginx = start_nginx(static_root, static_port)
        try:
            wait_until_up(f"http://127.0.0.1:{static_port}/extract.csv", time.monotonic() + 20)
            for connections in CONNECTIONS:
                rows.append(
                    (
                        "mix (no uncached images)",
                        connections,
                        run_wrk(base, work / "mix.lua", connections),
                    )
                )
                rows.append(
                    (
                        "reference: nginx, same CSV",
                        connections,
                        run_wrk(
                            f"http://127.0.0.1:{static_port}", work / "static.lua", connections
                        ),
                    )
                )
                rows.append(
                    (
                        "app: the same CSV",
                        connections,
                        run_wrk(base, work / "app-csv.lua", connections),
                    )
                )
            rows.append(
                ("uncached images (unique widths)", 8, run_wrk(base, work / "uncached.lua", 8))
            )
        finally:
            os.killpg(nginx.pid, signal.SIGTERM)
            nginx.wait(timeout=20)
        workers = children(server.pid)
        worker_mb = {pid: peak_mb(pid) for pid in workers}
        chromium_mb = {pid: sum(peak_mb(d) for d in descendants(pid)) for pid in workers}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    table = [
        "| load | connections | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | errors "
        "| of which 503 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, connections, r in rows:
        table.append(
            f"| {name} | {connections} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p99']:.1f} | {int(r['errors'])} | {int(r['non2xx'])} |"
        )
    by_key = {(n, c): r for n, c, r in rows}
    mix32 = by_key[("mix (no uncached images)", 32)]
    ratios = []
    for c in CONNECTIONS:
        app_csv, nginx_csv = (
            by_key[("app: the same CSV", c)],
            by_key[("reference: nginx, same CSV", c)],
        )
        ratios.append(
            f"- The same CSV at {c} connections: the app serves "
            f"{app_csv['rps'] / nginx_csv['rps']:.2f}× nginx's throughput at "
            f"{app_csv['p95'] / max(nginx_csv['p95'], 0.001):.1f}× its p95."
        )
    memory = ", ".join(f"{mb:.0f} MB" for mb in worker_mb.values())
    renderer = ", ".join(f"{mb:.0f} MB" for mb in chromium_mb.values())
    worst = max(worker_mb.values(), default=0)
    verdicts = [
        f"- Mix at 32 connections: {int(mix32['errors'])} errors, p95 {mix32['p95']:.1f} ms — "
        f"{'meets' if mix32['errors'] == 0 and mix32['p95'] < 100 else 'MISSES'} the goal "
        "(0 errors, p95 < 100 ms).",
        f"- Peak memory per worker (VmHWM): {memory} — "
        f"{'meets' if worst < 300 else 'MISSES'} the goal (< 300 MB). Image renderer (Chromium, "
        f"per worker, summed over its processes' peaks): {renderer}.",
        *ratios,
    ]
    section = "\n".join(
        [
            "## Load: a realistic mix under `make serve`, against nginx",
            "",
            f"`bench/load.py`: gunicorn ({len(workers)} workers × 4 threads), wrk (2 threads, "
            f"{SECONDS} s per row) on loopback sharing the 2 cores. Mix by weight: page loads 30%, "
            "Dash callbacks 30% (30 distinct explorer views), CSV 20%, cached images 20%. "
            "Steady state: every page, view, CSV and image was requested a few times first, so "
            "each worker has computed each once (the first computation of a view is measured in "
            'the dashboard section). "of which 503" counts refusals by the bounded render queue '
            "(by design).",
            "",
            *table,
            "",
            *verdicts,
        ]
    )
    print(section)
    if args.output:
        replace_section(args.output, "load", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
