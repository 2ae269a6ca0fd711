"""Load benchmark: a realistic request mix against `make serve`, with nginx as the reference.

Goals: at 32 concurrent connections the mix without uncached images has 0 errors and
p95 under 100 ms; peak memory per worker under 300 MB (the image renderer's Chromium is reported
apart).

`make serve`'s own command and config (gunicorn, dashboard/serving/gunicorn_conf.py) runs on a free
loopback port with a throwaway image cache. wrk drives it with bench/load.lua, which picks
each request at random by weight from a generated list:

- page loads (40%), each the four requests a browser makes: the HTML shell of one of five pages,
  /_dash-layout, /_dash-dependencies, and the page-content callback that builds the page's
  explorer and figure (Dash Pages; its body captured from a real page load);
- the explorer's chart callback (20%), captured when Playwright ticks a series box on /trade, in
  48 variants (series × transform × start year), each computed before the runs (steady state);
- CSV extracts (20%), and cached images (20%, rendered before the runs).

A second mix at 32 connections counts a page load as its HTML shell alone (the goal's wording).

Browser-like `Accept-Encoding` (the app compresses HTML and JSON). Uncached images (a width and
height never asked before, so each is a render) run on their own: the render queue answers 503
by design when it is full, counted apart. nginx serves the same CSV bytes from disk at the same
concurrencies, in the same run. Peak memory comes from /proc (VmHWM) sampled through the runs.
Loopback only; every run bounded in time; everything started here is stopped here.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness import (
    BROWSER_FLAGS,
    CHROMIUM,
    INTERACTIVE_CHART_JS,
    free_port,
    start_app,
    start_gunicorn,
    stop,
    wait_for_warmup,
    wait_until_up,
    with_inputs,
)
from report import replace_section

from dashboard.exports import images

LUA = Path(__file__).resolve().parent / "load.lua"
CONNECTIONS = (8, 32, 128)
SECONDS = 10
WRK_THREADS = 2
ACCEPT_ENCODING = "gzip, deflate, br, zstd"  # what Chromium sends
PAGES = [
    ("/", ""),
    ("/trade", ""),
    ("/trade", "?chart=ua-flows"),
    ("/more", "?chart=troops"),
    ("/sources", ""),
]
CSVS = [
    "/api/v1/series/trade.by_ua.turnover.csv",
    "/api/v1/series/debt.fx_reserves.csv",
    "/api/v1/observations.csv?from=2021",
]
IMAGES = [
    "/charts/ua-turnover.png",
    "/charts/polls.png?preset=social",
    "/charts/troops.svg",
    "/charts/ua-flows.png?from=2014",
]
UNCACHED = "/charts/polls.png?preset=article"
EXPLORER_VARIANTS = 48
KINDS = (
    "page HTML",
    "layout + dependencies",
    "callback: page content",
    "callback: chart",
    "CSV",
    "image (cached)",
    "image (render)",
)


# --- processes ------------------------------------------------------------------------------


def get(url: str, timeout: float = 60, data: bytes | None = None) -> bytes:
    headers = {"Content-Type": "application/json"} if data else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def start_nginx(root: Path, port: int) -> subprocess.Popen:
    """Debian nginx serving `root` on a loopback port, in the foreground, in its own group."""
    prefix = Path(tempfile.mkdtemp(prefix="load-mix-nginx-"))
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""daemon off;
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  default_type text/csv;
  server {{ listen 127.0.0.1:{port}; root {root}; location / {{ }} }}
}}
"""
    )
    return subprocess.Popen(
        ["nginx", "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


# --- /proc: workers, their renderers, memory ------------------------------------------------


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def descendants(pid: int) -> list[int]:
    return [d for child in children(pid) for d in (child, *descendants(child))]


def status_kb(pid: int) -> dict[str, int]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return {k: int(v) for k, v in re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB", text, re.M)}


def pss_kb(pid: int) -> int:
    try:
        match = re.search(r"^Pss:\s+(\d+) kB", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M)
    except OSError:
        return 0
    return int(match.group(1)) if match else 0


TICK = os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time the whole machine has spent busy (every core), from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / TICK


def own_cpu_seconds() -> float:
    """CPU time of this benchmark and everything it started (gunicorn, its workers and their
    Chromium, nginx, wrk; exited children count once their parent has reaped them)."""
    total = 0
    for pid in (os.getpid(), *descendants(os.getpid())):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
    return total / TICK


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process (all its threads), in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


class MemorySampler(threading.Thread):
    """Every half second: each worker's VmHWM (its own peak; children are not included), and
    for the renderer processes under each worker (kaleido's launcher and its Chromium) the sums
    of VmRSS, VmHWM and PSS at that instant, keeping the largest seen. Sampling catches
    renderer processes that come and go between runs."""

    def __init__(self, master: int) -> None:
        super().__init__(daemon=True)
        self.master = master
        self.stopping = threading.Event()
        self.worker_hwm: dict[int, int] = {}
        self.renderer: dict[int, dict[str, int]] = {}

    def sample(self) -> None:
        for worker in children(self.master):
            hwm = status_kb(worker).get("VmHWM", 0)
            self.worker_hwm[worker] = max(self.worker_hwm.get(worker, 0), hwm)
            pids = descendants(worker)
            procs = [status_kb(p) for p in pids]
            now = {
                "rss": sum(p.get("VmRSS", 0) for p in procs),
                "hwm": sum(p.get("VmHWM", 0) for p in procs),
                "pss": sum(pss_kb(p) for p in pids),
                "processes": len(pids),
            }
            peak = self.renderer.setdefault(worker, dict.fromkeys(now, 0))
            for key, value in now.items():
                peak[key] = max(peak[key], value)

    def run(self) -> None:
        while not self.stopping.wait(0.5):
            self.sample()


# --- the requests ---------------------------------------------------------------------------


def capture_callbacks(base: str) -> tuple[dict, dict, list[str]]:
    """The page-content and chart callback bodies a real browser sends on /trade when a series
    box is ticked, and the series the box list offers."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    bodies: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        try:
            page = browser.new_page()
            page.on(
                "request",
                lambda r: (
                    bodies.append(r.post_data)
                    if "/_dash-update-component" in r.url and r.post_data
                    else None
                ),
            )
            for attempt in (1, 2):  # a loaded machine can be slow to draw the first chart
                try:
                    page.goto(base + "/trade")
                    start_app(page)
                    page.wait_for_function(INTERACTIVE_CHART_JS, timeout=45_000)
                    break
                except PlaywrightTimeout:
                    if attempt == 2:
                        raise
                    bodies.clear()
            boxes = page.locator("#control-series input[type=checkbox]")
            series = [boxes.nth(i).get_attribute("value") for i in range(boxes.count())]
            page.locator("#control-series input[type=checkbox]:not(:checked)").first.check()
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and not any("explorer-graph" in b for b in bodies):
                page.wait_for_timeout(100)
        finally:
            browser.close()
    pages = next(json.loads(b) for b in bodies if "_pages_content" in b)
    chart = next(json.loads(b) for b in bodies if "explorer-graph" in b)
    return pages, chart, series


def page_variants(body: dict) -> list[str]:
    """The page-content callback for each page of the mix (pathname and search varied)."""
    return [
        json.dumps(
            with_inputs(
                body, {"_pages_location.pathname": pathname, "_pages_location.search": search}
            ),
            separators=(",", ":"),
        )
        for pathname, search in PAGES
    ]


def chart_variants(body: dict, series: list[str], count: int) -> list[str]:
    """The chart callback over other series sets, transforms and start years."""
    first = series[0]
    sets = [[s] for s in series] + [[first, s] for s in series[1:]]
    sets += [series[i : i + 3] for i in range(0, len(series) - 2, 3)]
    out = []
    for i in range(count):
        chosen = sets[i % len(sets)]
        transform = ("level", "change", "index")[(i // len(sets)) % 3]
        start = (None, 2015, 2021)[i % 3]
        values = {
            "control-series.value": chosen,
            "control-transform.value": transform,
            "control-from.value": start,
        }
        out.append(json.dumps(with_inputs(body, values), separators=(",", ":")))
    return out


def write_requests(path: Path, entries: list[tuple[float, str, str, str, str]]) -> None:
    """One line per request for load.lua: weight, kind, method, path, body (tab-separated)."""
    lines = []
    for weight, kind, method, target, body in entries:
        assert "\t" not in target + body and "\n" not in target + body
        lines.append(f"{weight:g}\t{kind}\t{method}\t{target}\t{body}")
    path.write_text("\n".join(lines) + "\n")


def mix_entries(
    pages: list[str], charts: list[str], full_page_loads: bool = True
) -> list[tuple[float, str, str, str, str]]:
    """Weights in percent of requests. A page load is four requests, as a browser makes them:
    the HTML shell, /_dash-layout, /_dash-dependencies and the page-content callback (10 each);
    with ``full_page_loads=False`` it is the HTML shell alone (40)."""
    callback = "/_dash-update-component"
    entries = []
    shell = 2 if full_page_loads else 8
    for pathname, search in PAGES:
        entries.append((shell, "page HTML", "GET", pathname + search, ""))
    if full_page_loads:
        entries.append((10, "layout + dependencies", "GET", "/_dash-layout", ""))
        entries.append((10, "layout + dependencies", "GET", "/_dash-dependencies", ""))
        for body in pages:  # tagged in the query string, for the access log
            entries.append((2, "callback: page content", "POST", callback + "?b=pages", body))
    for body in charts:  # 20: readers changing the chart
        entries.append((20 / len(charts), "callback: chart", "POST", callback + "?b=chart", body))
    for target in CSVS:  # 20
        entries.append((20 / len(CSVS), "CSV", "GET", target, ""))
    for target in IMAGES:  # 20
        entries.append((20 / len(IMAGES), "image (cached)", "GET", target, ""))
    return entries


# --- wrk ------------------------------------------------------------------------------------


def run_wrk(
    url: str,
    requests: Path,
    connections: int,
    run: int,
    encoding: str = "-",
    master: int | None = None,
    seconds: int = SECONDS,
) -> dict:
    """One wrk run; with ``master``, also the cores each gunicorn worker used meanwhile."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += [
        "-s",
        str(requests.parent / LUA.name),
        url,
        "--",
        str(requests),
        str(run),
        str(WRK_THREADS),
        encoding,
    ]
    workers = children(master) if master else []
    before = [cpu_seconds(w) for w in workers]
    busy, own, started = machine_busy_seconds(), own_cpu_seconds(), time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    elapsed = time.monotonic() - started
    others = (machine_busy_seconds() - busy) - (own_cpu_seconds() - own)
    others_cores = max(0.0, others / elapsed)
    split = [(cpu_seconds(w) - b) / elapsed for w, b in zip(workers, before, strict=True)]
    v = {k: int(n) for k, n in re.findall(r"^([A-Z0-9_]+) (\d+)$", done.stdout, re.M)}
    if done.returncode or "REQUESTS" not in v:
        raise RuntimeError(f"wrk failed: {done.stdout[-500:]} {done.stderr[-500:]}")
    return {
        "rps": v["REQUESTS"] / (v["DURATION_US"] / 1e6),
        "requests": v["REQUESTS"],
        "p50": v["P50"] / 1000,
        "p95": v["P95"] / 1000,
        "p99": v["P99"] / 1000,
        "socket": v["CONNECT"] + v["READ"] + v["WRITE"] + v["TIMEOUT"],
        "timeouts": v["TIMEOUT"],
        "other": v["SOTHER"],
        "s503": v["S503"],
        "others": others_cores,
        "split": split,
    }


def drain(base: str, seconds: float = 30) -> float:
    """Wait until the server answers /healthz quickly again: requests that wrk abandoned at the
    end of a render run are still rendered, and must not spill into the next run."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        t = time.perf_counter()
        with contextlib.suppress(OSError):
            get(base + "/healthz", timeout=30)
        if time.perf_counter() - t < 0.05:
            break
        time.sleep(0.2)
    return time.monotonic() - started


# --- the access log: time in the app per request type ---------------------------------------


def kind_of(entry: dict) -> str | None:
    path, query = entry.get("path") or "", entry.get("query") or ""
    if path == "/_dash-update-component":
        return "callback: page content" if "b=pages" in query else "callback: chart"
    if path in ("/_dash-layout", "/_dash-dependencies"):
        return "layout + dependencies"
    if path.startswith("/api/v1/"):
        return "CSV"
    if path.startswith("/charts/"):
        if "height=" not in query:
            return "image (cached)"
        return "image (render)" if entry.get("status") == 200 else "image (refused)"
    if path in {p for p, _ in PAGES}:
        return "page HTML"
    return None


def app_times(log: Path, start: int, end: int) -> dict[str, list[float]]:
    """duration_ms per request type from the JSON access log lines between two offsets (the
    time in the app, from the request read to the response written; not the queueing)."""
    with log.open("rb") as f:
        f.seek(start)
        chunk = f.read(end - start).decode(errors="replace")
    times: dict[str, list[float]] = {}
    for line in chunk.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        kind = kind_of(entry) if entry.get("logger") == "gunicorn.access" else None
        if kind:
            times.setdefault(kind, []).append(float(entry["duration_ms"]))
    return times


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- the run --------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    began = time.monotonic()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            print(f"bench: {tool} not installed (as root: apt-get install {tool})", file=sys.stderr)
            return 1
    work = Path(tempfile.mkdtemp(prefix="load-mix-"))
    shutil.copy(LUA, work / LUA.name)  # the script in use stays put whatever happens to the tree
    static_root = work / "static"
    static_root.mkdir()
    for directory in (work, static_root):
        directory.chmod(0o755)  # nginx's workers run unprivileged
    port, static_port = free_port(), free_port()
    base, static_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{static_port}"
    log = work / "access.log"
    server = nginx = None
    sampler: MemorySampler | None = None
    rows: list[tuple[str, int, dict]] = []
    per_kind: dict[str, dict[str, list[float]]] = {}
    drained: list[float] = []
    try:
        server = start_gunicorn(port, work / "cache", work)
        wait_until_up(base + "/healthz", 90)
        wait_for_warmup(work)
        sampler = MemorySampler(server.pid)
        sampler.start()
        pages_body, chart_body, series = capture_callbacks(base)
        pages = page_variants(pages_body)
        charts = chart_variants(chart_body, series, EXPLORER_VARIANTS)

        # Steady state: every image rendered, every view computed (in both workers, likely).
        for target in IMAGES:
            get(base + target)
        gets = [p + s for p, s in PAGES] + ["/_dash-layout", "/_dash-dependencies"] + CSVS + IMAGES
        callback = base + "/_dash-update-component"
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda t: get(base + t), gets * 6))
            list(pool.map(lambda b: get(callback, data=b.encode()), (pages + charts) * 4))

        alone = {}  # one request at a time, warm: the cost without contention
        for kind, bodies in (("callback: page content", pages), ("callback: chart", charts[:10])):
            times = []
            for body in bodies * 3:
                started = time.perf_counter()
                get(callback, data=body.encode())
                times.append((time.perf_counter() - started) * 1000)
            alone[kind] = pct(times, 50)

        mix = work / "mix.txt"
        write_requests(mix, mix_entries(pages, charts))
        for i, target in enumerate(CSVS):  # the same bytes, on disk for nginx
            (static_root / f"extract-{i}.csv").write_bytes(get(base + target))
            (static_root / f"extract-{i}.csv").chmod(0o644)
        app_csv, static_csv = work / "app-csv.txt", work / "static-csv.txt"
        write_requests(app_csv, [(1, "CSV", "GET", target, "") for target in CSVS])
        write_requests(static_csv, [(1, "CSV", "GET", f"/extract-{i}.csv", "") for i in range(3)])
        shells = work / "mix-shells.txt"
        write_requests(shells, mix_entries(pages, charts, full_page_loads=False))
        uncached = work / "uncached.txt"
        write_requests(uncached, [(1, "image (render)", "UNCACHED", UNCACHED, "")])
        with_renders = work / "mix-renders.txt"
        write_requests(
            with_renders,
            [*mix_entries(pages, charts), (2, "image (render)", "UNCACHED", UNCACHED, "")],
        )
        run_wrk(base, mix, 16, 0, ACCEPT_ENCODING, seconds=5)  # warm-up, not reported

        nginx = start_nginx(static_root, static_port)
        wait_until_up(static_base + "/extract-0.csv", 20)
        for i, target in enumerate(CSVS):
            assert get(static_base + f"/extract-{i}.csv") == get(base + target)
        for connections in CONNECTIONS:
            start = log.stat().st_size
            rows.append(
                (
                    "mix",
                    connections,
                    run_wrk(base, mix, connections, 0, ACCEPT_ENCODING, server.pid),
                )
            )
            per_kind[f"mix {connections}"] = app_times(log, start, log.stat().st_size)
            rows.append(
                (
                    "app: CSV only",
                    connections,
                    run_wrk(base, app_csv, connections, 0, master=server.pid),
                )
            )
            reference = run_wrk(static_base, static_csv, connections, 0)
            rows.append(("nginx: the same CSV files", connections, reference))
        stop(nginx)
        nginx = None
        rows.append(
            (
                "mix, page load = HTML shell only",
                32,
                run_wrk(base, shells, 32, 0, ACCEPT_ENCODING, server.pid),
            )
        )
        start = log.stat().st_size
        renders_mixed = run_wrk(base, with_renders, 32, 1, ACCEPT_ENCODING, server.pid)
        rows.append(("mix + 2% uncached images", 32, renders_mixed))
        drained.append(drain(base))
        per_kind["mix + renders 32"] = app_times(log, start, log.stat().st_size)
        for run, connections in enumerate(CONNECTIONS, start=2):
            start = log.stat().st_size
            rendering = run_wrk(base, uncached, connections, run, master=server.pid)
            rows.append(("uncached images only", connections, rendering))
            per_kind[f"renders {connections}"] = app_times(log, start, log.stat().st_size)
            if connections != CONNECTIONS[-1]:  # the last run leaves nothing to spill over
                drained.append(drain(base))
        sampler.sample()
        workers = children(server.pid)
    finally:
        if sampler is not None:
            sampler.stopping.set()
        stop(nginx)
        stop(server)
    runtime = time.monotonic() - began
    section = report(rows, per_kind, sampler, workers, runtime, drained, alone)
    print(section)
    if args.output:
        replace_section(args.output, "load", section)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def report(rows, per_kind, sampler, workers, runtime, drained, alone) -> str:
    table = [
        "| load | connections | requests/s | completed | p50 (ms) | p95 (ms) | p99 (ms) | errors "
        "| 503 | cores per worker | other load (cores) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for name, connections, r in rows:
        errors = r["socket"] + r["other"]
        note = f" ({r['timeouts']} timeouts)" if r["timeouts"] else ""
        table.append(
            f"| {name} | {connections} | {r['rps']:,.1f} | {r['requests']:,} | {r['p50']:.1f} | "
            f"{r['p95']:.1f} | {r['p99']:.1f} | {errors}{note} | {r['s503']} | "
            f"{' / '.join(f'{c:.2f}' for c in r['split']) or '—'} | {r['others']:.2f} |"
        )
    by = {(n, c): r for n, c, r in rows}

    at32, at128 = per_kind["mix 32"], per_kind["mix 128"]
    total128 = sum(sum(v) for v in at128.values()) or 1
    count128 = sum(len(v) for v in at128.values()) or 1
    kinds = [
        "| request type (mix) | share of requests | app time p50 / p95 at 32 (ms) | "
        "at 128 (ms) | share of app time at 128 |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind in KINDS:
        if kind in at128:
            kinds.append(
                f"| {kind} | {len(at128[kind]) / count128:.0%} | "
                f"{pct(at32.get(kind, []), 50):.1f} / {pct(at32.get(kind, []), 95):.1f} | "
                f"{pct(at128[kind], 50):.1f} / {pct(at128[kind], 95):.1f} | "
                f"{sum(at128[kind]) / total128:.0%} |"
            )
    dominant = max(at128, key=lambda k: sum(at128[k]))
    app32 = pct([t for v in at32.values() for t in v], 50)
    app128 = pct([t for v in at128.values() for t in v], 50)
    renders_mixed = per_kind["mix + renders 32"].get("image (render)", [])

    memory = [
        "| worker | worker peak (VmHWM) | renderer processes | renderer Σ VmRSS (peak) | "
        "Σ VmHWM | Σ PSS (peak) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for i, worker in enumerate(sorted(sampler.worker_hwm), start=1):
        r = sampler.renderer.get(worker, {"rss": 0, "hwm": 0, "pss": 0, "processes": 0})
        memory.append(
            f"| {i} | {sampler.worker_hwm[worker] / 1024:.0f} MB | {r['processes']} | "
            f"{r['rss'] / 1024:.0f} MB | {r['hwm'] / 1024:.0f} MB | {r['pss'] / 1024:.0f} MB |"
        )
    worst = max(sampler.worker_hwm.values(), default=0) / 1024

    mix32 = by[("mix", 32)]
    errors32 = mix32["socket"] + mix32["other"] + mix32["s503"]
    shells = by[("mix, page load = HTML shell only", 32)]
    shell_errors = shells["socket"] + shells["other"] + shells["s503"]
    ratios = []
    for c in CONNECTIONS:
        app, ref = by[("app: CSV only", c)], by[("nginx: the same CSV files", c)]
        ratios.append(
            f"{c} connections {app['rps'] / ref['rps']:.3f}× nginx's throughput, "
            f"p50 {app['p50'] / max(ref['p50'], 0.001):.0f}×, "
            f"p95 {app['p95'] / max(ref['p95'], 0.001):.0f}×, "
            f"p99 {app['p99'] / max(ref['p99'], 0.001):.0f}× its latency"
        )
    renders = [by[("uncached images only", c)] for c in CONNECTIONS]
    with_renders = by[("mix + 2% uncached images", 32)]
    uneven = [
        f"{name} at {c}: {' / '.join(f'{x:.2f}' for x in r['split'])} cores, "
        f"{r['rps']:,.0f} requests/s"
        for name, c, r in rows
        if len(r["split"]) > 1 and max(r["split"]) > 0.3 and min(r["split"]) < 0.6 * max(r["split"])
    ]
    balance = (
        "- Uneven workers: a keep-alive connection stays with the worker that accepted it, so "
        "one worker can be saturated while the other has spare CPU — "
        + "; ".join(uneven)
        + ". Such rows have lower throughput than their neighbours; this is what `make serve` "
        "does, not an artefact of wrk."
        if uneven
        else "- The workers shared the CPU evenly in every row (cores per worker column)."
    )
    others = sum(r["others"] for _, _, r in rows) / len(rows)
    quiet = (
        f"The machine was quiet: other processes used {others:.2f} cores on average during the "
        "runs (last column)."
        if others < 0.25
        else f"**The machine was not quiet: other processes used {others:.2f} of the 2 cores on "
        "average during the runs (last column), so these figures are pessimistic; rerun on a "
        "quiet machine.**"
    )
    verdicts = [
        f"- **Mix at 32 connections: {errors32} errors, p95 {mix32['p95']:.1f} ms — "
        f"{'meets' if errors32 == 0 and mix32['p95'] < 100 else 'MISSES'} the goal "
        "(0 errors, p95 < 100 ms).** With a page load counted as its HTML shell alone: "
        f"{shell_errors} errors, p95 {shells['p95']:.1f} ms — "
        f"{'meets' if shell_errors == 0 and shells['p95'] < 100 else 'misses'} it.",
        "- **Peak memory per worker (VmHWM, renderer excluded): "
        f"{', '.join(f'{v / 1024:.0f} MB' for v in sampler.worker_hwm.values())} — "
        f"{'meets' if worst < 300 else 'MISSES'} the goal (< 300 MB).** Each worker's renderer "
        "(kaleido's launcher and its Chromium processes) is reported apart, in the memory table: "
        "Σ VmHWM double-counts the pages Chromium's processes share; Σ PSS does not.",
        "- Reference, the app's CSV route against nginx serving the same bytes from disk (same "
        "wrk, same cores): " + "; ".join(ratios) + ".",
        f"- At 128 connections the time in the app is dominated by **{dominant}** "
        f"({sum(at128[dominant]) / total128:.0%} of it, for {len(at128[dominant]) / count128:.0%}"
        f" of the requests). From 32 to 128 connections the median time in the app goes from "
        f"{app32:.1f} to {app128:.1f} ms while the median latency clients see goes from "
        f"{mix32['p50']:.0f} to {by[('mix', 128)]['p50']:.0f} ms: the rest is waiting for a "
        "worker thread. Alone (one request at a time, warm) the page-content callback takes "
        f"{alone['callback: page content']:.0f} ms and the chart callback "
        f"{alone['callback: chart']:.0f} ms (median): under load a request's time in the app "
        "also includes waiting for the GIL while its worker's other threads run.",
        "- Uncached images only: "
        + "; ".join(
            f"{c} connections {len(done)} rendered ({len(done) / SECONDS:.1f}/s, time in the app "
            f"p50 {pct(done, 50) / 1000:.2f} s, p95 {pct(done, 95) / 1000:.2f} s) and "
            f"{r['s503']} refused with 503"
            for c, r in zip(CONNECTIONS, renders, strict=True)
            for done in [per_kind[f"renders {c}"].get("image (render)", [])]
        )
        + ". One render at a time per worker: a render's time in the app includes its wait "
        "for the one before it. "
        + (
            f"No 503: the render queue ({images.MAX_WAITING_RENDERS} per worker) never filled."
            if not any(r["s503"] for r in renders)
            else f"The 503s are the bounded render queue ({images.MAX_WAITING_RENDERS} renders "
            "per worker, fewer than its 4 threads, so pages keep being served) refusing work, "
            "by design."
        ),
        f"- 2% uncached images in the mix at 32 connections: p95 {with_renders['p95']:.0f} ms "
        f"(p99 {with_renders['p99']:.0f} ms) against {mix32['p95']:.0f} ms without; "
        f"{len(renders_mixed)} renders (app time p50 {pct(renders_mixed, 50):.0f} ms) and "
        f"{with_renders['s503']} refusals (503). A "
        "render holds one of its worker's 4 threads (and its render lock) meanwhile.",
        balance,
    ]
    return "\n".join(
        [
            "## Load: a realistic mix under `make serve`, against nginx",
            "",
            f"`bench/load.py`: `make serve`'s gunicorn ({len(workers)} gthread workers × 4 "
            f"threads) and wrk ({WRK_THREADS} threads, {SECONDS} s per row, "
            "`bench/load.lua`: requests picked by weight, exact percentiles) on loopback, "
            f"sharing the 2 cores. Browser `Accept-Encoding: {ACCEPT_ENCODING}` on the mix; none "
            "on the CSV rows (nginx and the app send identical bytes). Steady state: every "
            "image was rendered and every callback variant computed before the runs, then a "
            "5 s warm-up. Errors = socket errors (connect, read, write, timeout > 10 s) + "
            "4xx/5xx other than 503; 503 (the render queue's refusal, by design) is counted "
            "apart. Percentiles are over completed requests. Other load: CPU cores used, during "
            "the row, by processes this benchmark did not start (0 on a quiet machine). Cores "
            "per worker: the CPU each gunicorn worker used during the row (its own threads, not "
            "its Chromium).",
            "",
            "Mix, by weight (% of requests): page loads 40, each as the four requests a "
            "browser makes (10 each): the HTML shell (`/`, `/trade`, `/trade?chart=ua-flows`, "
            "`/more?chart=troops`, `/sources`), `/_dash-layout`, `/_dash-dependencies`, and the "
            "page-content callback (Dash Pages builds the page's explorer and figure; captured "
            "from the browser, the same five pages); the chart callback 20 "
            f"({EXPLORER_VARIANTS} variants of the body captured when ticking a series box on "
            f"`/trade`); CSV 20 ({', '.join(f'`{c}`' for c in CSVS)}); cached images 20 "
            f"({', '.join(f'`{i}`' for i in IMAGES)}).",
            "",
            *table,
            "",
            "Where the time goes in the mix: time in the app per request type, from the JSON "
            "access log (`duration_ms`, request read to response written; the wait for a "
            "thread is not in it):",
            "",
            *kinds,
            "",
            "Memory, sampled every 0.5 s through every run:",
            "",
            *memory,
            "",
            *verdicts,
            "",
            quiet,
            "",
            f"Runtime of this benchmark: {runtime:.0f} s (including waits for abandoned renders "
            f"to drain between runs: {', '.join(f'{d:.0f} s' for d in drained)}).",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
