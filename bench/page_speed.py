"""Benchmark: the dashboard in a browser — time to first chart, callback latency, Lighthouse.

Goals: navigation to first chart drawn, headless Chromium on loopback, median under
1.5 s; server callback p95 under 50 ms with 8 concurrent clients; Lighthouse on the Trade page:
desktop performance >= 95, accessibility >= 95, mobile performance >= 75.
All against `make serve` (gunicorn), measured in one run; loopback only; bounded in time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from harness import (
    BROWSER_FLAGS,
    CHROMIUM,
    FIRST_CHART_JS,
    INTERACTIVE_CHART_JS,
    REPO,
    free_port,
    start_app,
    start_gunicorn,
    stop,
    wait_for_warmup,
    wait_until_up,
    with_inputs,
)
from report import replace_section

FIRST_MOVE_JS = """window.__firstMove = null; document.addEventListener('pointermove',
    () => { if (window.__firstMove === null) window.__firstMove = performance.now(); }, true);"""
"""Records when the page saw the reader's first pointer movement (the app starts on it)."""


def time_to_chart(
    base: str, path: str, runs: int, fresh: bool, interactive: bool, after_move: list[float]
) -> list[float]:
    """Seconds from navigation start to a chart on screen, per navigation: the first chart (the
    first view's static chart), or — ``interactive`` — the app's chart drawn for a reader who
    moves the pointer as soon as the page is parsed (the app starts on it); then the seconds
    from that movement, as the page saw it, to the interactive chart go to ``after_move``."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        try:
            context = browser.new_context()
            for _ in range(runs):
                if fresh:
                    context.close()
                    context = browser.new_context()
                page = context.new_page()
                page.add_init_script(FIRST_MOVE_JS)
                started = time.perf_counter()
                page.goto(base + path, wait_until="commit")
                if interactive:
                    start_app(page)
                    page.wait_for_function(INTERACTIVE_CHART_JS, timeout=30_000)
                    times.append(time.perf_counter() - started)
                    since = page.evaluate("performance.now() - window.__firstMove")
                    after_move.append(since / 1000)
                else:
                    page.wait_for_function(FIRST_CHART_JS, timeout=30_000)
                    times.append(time.perf_counter() - started)
                page.close()
            context.close()
        finally:
            browser.close()
    return times


def capture_callback(base: str) -> dict:
    """A real POST body of the explorer's main callback, captured from the page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        try:
            page = browser.new_page()
            bodies = []
            page.on(
                "request",
                lambda r: (
                    bodies.append(r.post_data)
                    if "/_dash-update-component" in r.url
                    and r.post_data
                    and "explorer-graph" in r.post_data
                    else None
                ),
            )
            page.goto(base + "/trade")
            start_app(page)
            page.wait_for_function(INTERACTIVE_CHART_JS, timeout=30_000)
            page.locator("#control-transform input[value='change']").check()
            page.wait_for_timeout(1500)
        finally:
            browser.close()
    return json.loads(bodies[0])


def callback_variants(body: dict) -> list[bytes]:
    """The same callback with other series, transforms and ranges (each a distinct view)."""
    series_options = [
        ["trade.by_ua.turnover"],
        ["trade.by_ua.turnover", "trade.by_ua.exports"],
        ["trade.by_ua.exports", "trade.by_ua.imports", "trade.by_ua.balance"],
        ["trade.by_ua.turnover", "debt.fx_reserves", "debt.national_debt"],
    ]
    variants = []
    for series in series_options:
        for transform in ("level", "change", "index"):
            for start in (None, 2013, 2021):
                values = {
                    "control-series.value": series,
                    "control-transform.value": transform,
                    "control-from.value": start,
                }
                variants.append(json.dumps(with_inputs(body, values)).encode())
    return variants


def post_all(url: str, bodies: list[bytes], clients: int) -> list[float]:
    """Send every body once, from `clients` threads; per-request latency in seconds."""
    latencies: list[float] = []
    lock = threading.Lock()
    queue = list(bodies)

    def worker() -> None:
        while True:
            with lock:
                if not queue:
                    return
                body = queue.pop()
            request = urllib.request.Request(
                url, data=body, headers={"Content-Type": "application/json"}
            )
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                assert response.status == 200, response.status
            with lock:
                latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return latencies


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def lighthouse(url: str, desktop: bool) -> dict:
    out = Path(tempfile.mkdtemp()) / "report.json"
    command = [
        str(REPO / "node_modules" / ".bin" / "lighthouse"),
        url,
        "--only-categories=performance,accessibility",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--chrome-flags=--headless=new " + " ".join(BROWSER_FLAGS),
    ]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(
        command,
        check=True,
        timeout=180,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
    )
    report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        **{k: round(v["score"] * 100) for k, v in report["categories"].items()},
        "lcp": audits["largest-contentful-paint"]["displayValue"],
        "tbt": audits["total-blocking-time"]["displayValue"],
        "cls": audits["cumulative-layout-shift"]["displayValue"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_dir = Path(tempfile.mkdtemp())
    server = start_gunicorn(port, log_dir=log_dir)
    try:
        wait_until_up(base + "/healthz")
        wait_for_warmup(log_dir)
        after_move: list[float] = []
        navigation = {
            (path, fresh, interactive): time_to_chart(
                base, path, args.runs, fresh, interactive, after_move
            )
            for interactive in (False, True)
            for path in ("/trade", "/more?chart=troops")
            for fresh in (True, False)
        }
        body = capture_callback(base)
        variants = callback_variants(body)
        url = base + "/_dash-update-component"
        cold = post_all(url, variants, clients=8)
        warm = post_all(url, variants * 4, clients=8)
        layout = post_all_get(base + "/_dash-layout", len(variants) * 4, clients=8)
        scores = {
            "desktop": lighthouse(base + "/trade", True),
            "mobile": lighthouse(base + "/trade", False),
        }
    finally:
        stop(server)

    lines = [
        "| chart on screen | page | cache | median (s) | p95 (s) |",
        "|---|---|---|---:|---:|",
    ]
    for (path, fresh, interactive), times in navigation.items():
        kind = "interactive, pointer moved on arrival" if interactive else "first chart (static)"
        lines.append(
            f"| {kind} | `{path}` | {'cold (new context)' if fresh else 'warm'} | "
            f"{statistics.median(times):.2f} | {percentile(times, 95):.2f} |"
        )
    worst_nav = max(statistics.median(t) for k, t in navigation.items() if not k[2])
    worst_app = max(statistics.median(t) for k, t in navigation.items() if k[2])
    callbacks = [
        "| callback requests (8 clients) | n | p50 (ms) | p95 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, values in (
        ("first visit of each distinct view (computed)", cold),
        ("repeated views (each worker memoizes its own: some are still first visits there)", warm),
        ("reference: GET /_dash-layout (no work)", layout),
    ):
        callbacks.append(
            f"| {name} | {len(values)} | {percentile(values, 50) * 1000:.1f} | "
            f"{percentile(values, 95) * 1000:.1f} | {percentile(values, 99) * 1000:.1f} |"
        )
    light = [
        "| Lighthouse `/trade` | performance | accessibility | LCP | TBT | CLS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for preset, s in scores.items():
        light.append(
            f"| {preset} | {s['performance']} | {s['accessibility']} | {s['lcp']} | {s['tbt']} "
            f"| {s['cls']} |"
        )
    cold_p95 = percentile(cold, 95) * 1000
    verdicts = [
        f"- Navigation to first chart: slowest median {worst_nav:.2f} s — "
        f"{'meets' if worst_nav < 1.5 else 'MISSES'} the goal (< 1.5 s). To the interactive "
        f"chart, for a reader who moves the pointer at once: slowest median {worst_app:.2f} s "
        f"({'under' if worst_app < 1.5 else 'over'} 1.5 s); from the movement, as the page saw "
        f"it, to the interactive chart: median {statistics.median(after_move):.2f} s, p95 "
        f"{percentile(after_move, 95):.2f} s (n = {len(after_move)}).",
        f"- Callback p95 with 8 clients, views computed for the first time: {cold_p95:.1f} ms — "
        f"{'meets' if cold_p95 < 50 else 'MISSES'} the goal (< 50 ms).",
        f"- Lighthouse desktop performance {scores['desktop']['performance']} (goal ≥ 95) — "
        f"{'meets' if scores['desktop']['performance'] >= 95 else 'MISSES'}; accessibility "
        f"{scores['desktop']['accessibility']} (goal ≥ 95) — "
        f"{'meets' if scores['desktop']['accessibility'] >= 95 else 'MISSES'}; mobile "
        f"performance {scores['mobile']['performance']} (goal ≥ 75) — "
        f"{'meets' if scores['mobile']['performance'] >= 75 else 'MISSES'}.",
    ]
    section = "\n".join(
        [
            "## Dashboard: first chart, callbacks, Lighthouse",
            "",
            "`bench/page_speed.py` against `make serve` (gunicorn, 2 workers), headless Debian "
            f"Chromium via Playwright on loopback, {args.runs} navigations per row; time from "
            "navigation start to a chart on screen: the first view's static chart (an SVG of the "
            "page's figure), and the app's interactive chart when the reader moves the pointer "
            "as soon as the page is parsed (the app starts at the first interaction).",
            "",
            *lines,
            "",
            *callbacks,
            "",
            *light,
            "",
            *verdicts,
        ]
    )
    print(section)
    if args.output:
        replace_section(args.output, "page", section)
    return 0


def post_all_get(url: str, count: int, clients: int) -> list[float]:
    """GET the same URL `count` times from `clients` threads (the no-work reference)."""
    latencies: list[float] = []
    lock = threading.Lock()
    remaining = [count]

    def worker() -> None:
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
            with lock:
                latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return latencies


if __name__ == "__main__":
    sys.exit(main())
