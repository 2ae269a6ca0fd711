"""Benchmark: how long a reader waits for a point's citation — and Lighthouse in the same run.

A reader opens /trade and, at 0.5 s, 2 s or 5 s after navigation, moves the pointer onto a data
point: the first view's static chart's (its point links, dashboard/site/prerender.py) or the
interactive chart's, whichever is on screen then. Measured in the page's own clock, from
navigation start to the first frame in which a tooltip with that point's citation is visible
(the static point's tooltip, or Plotly's hover label); also from the movement, as the page saw
it. Each run is a new browser context (a first visit). Goals, medians over the runs: at most
1.5 s after navigation for the reader who moves at 0.5 s; no wait (at most 0.2 s from the
movement) for the readers who move at 2 s and 5 s. Lighthouse on /trade in the same run:
desktop performance >= 95, mobile >= 90, accessibility 100 (median of its runs).
Against `make serve` (gunicorn), headless Debian Chromium via Playwright on loopback.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from harness import (
    BROWSER_FLAGS,
    CHROMIUM,
    REPO,
    free_port,
    start_gunicorn,
    stop,
    wait_for_warmup,
    wait_until_up,
)
from page_speed import lighthouse, percentile
from report import replace_section

PAGE = "/trade"
READERS = (0.5, 2.0, 5.0)
"""Seconds after navigation at which the reader first moves the pointer, onto a point."""
GOAL_FROM_NAVIGATION = {0.5: 1.5}
GOAL_FROM_MOVEMENT = {2.0: 0.2, 5.0: 0.2}
GOAL_LIGHTHOUSE = {"desktop": 95, "mobile": 90}
VIEWPORT = {"width": 1280, "height": 900}

CLOCKS_JS = """window.__move = null; window.__shown = null; window.__drawn = null;
addEventListener('pointermove', () => {
    if (window.__move === null) window.__move = performance.now(); }, true);
new MutationObserver(() => {
    const root = document.documentElement;
    if (window.__drawn === null && root && root.classList.contains('app-drawn'))
        window.__drawn = performance.now();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['class']});"""
"""In the page's clock (0 = navigation start): the first pointer movement as the page handled it,
the first frame the citation is visible, the moment the app took the first view's place."""

TARGET_JS = """() => {
    const drawn = document.documentElement.classList.contains('app-drawn');
    const gd = document.querySelector('#explorer-graph .js-plotly-plot');
    if (drawn && gd && gd.calcdata && gd._fullLayout) {
        for (let c = 0; c < gd.data.length; c++) {
            const trace = gd.data[c];
            if (!trace.customdata || !gd.calcdata[c]) continue;
            const point = gd.calcdata[c][0];
            const xa = gd._fullLayout['xaxis' + (gd._fullData[c].xaxis || 'x').slice(1)];
            const ya = gd._fullLayout['yaxis' + (gd._fullData[c].yaxis || 'y').slice(1)];
            const box = gd.querySelector('.main-svg').getBoundingClientRect();
            const cd = trace.customdata[point.i !== undefined ? point.i : 0];
            return {view: 'app', obs: Array.isArray(cd) ? cd[0] : cd,
                    x: box.left + xa._offset + xa.c2p(point.x),
                    y: box.top + ya._offset + ya.c2p(point.y)};
        }
    }
    const link = document.querySelector('#prerender .chart-points:not([hidden]) a.chart-point');
    if (link) {
        const r = link.getBoundingClientRect();
        return {view: 'static', obs: link.dataset.obs,
                x: r.left + r.width / 2, y: r.top + r.height / 2};
    }
    return null;
}"""
"""Where a reader finds the chart's first data point now, and on which chart."""

SHOWN_JS = """(citation) => {
    let shown = false;
    const tips = document.querySelectorAll('#prerender a.chart-point:hover .chart-point-tip');
    for (const tip of tips) {
        const r = tip.getBoundingClientRect();
        if (r.width > 1 && r.height > 1 && tip.textContent.includes(citation)) shown = true;
    }
    const label = document.querySelector('#explorer-graph .hoverlayer');
    if (document.documentElement.classList.contains('app-drawn') && label
        && label.textContent.includes(citation)) shown = true;
    if (shown && window.__shown === null) window.__shown = performance.now();
    return shown;
}"""
"""True, and the time noted, once a tooltip with ``citation`` is on screen (polled each frame)."""


def citations() -> dict[str, str]:
    """Each observation's short citation, from the tables the app serves."""
    parquet = REPO / "datasets" / "parquet"
    observations = pd.read_parquet(parquet / "observations.parquet")
    sources = pd.read_parquet(parquet / "sources.parquet").set_index("source_id")
    return {
        row.obs_id: sources.loc[row.source_id, "short_citation"]
        for row in observations.itertuples()
    }


def reader_runs(base: str, delay: float, runs: int, cited: dict[str, str]) -> list[dict]:
    """One reader per run: navigate, wait until ``delay`` s after navigation start, move onto
    the chart's first point, wait for its citation (moving again, as a reader would, should the
    chart have been swapped under the pointer)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport=VIEWPORT)
                page = context.new_page()
                page.add_init_script(CLOCKS_JS)
                page.goto(base + PAGE, wait_until="commit")
                # navigation start on this side's clock (within the few ms of one evaluation)
                page_now = page.evaluate("performance.now()") / 1000
                origin = time.perf_counter() - page_now
                # look at the page until just before the movement, then move at the planned
                # time onto the point last seen (the page's main thread may be busy by then)
                target = None
                while target is None or time.perf_counter() < origin + delay - 0.25:
                    target = page.evaluate(TARGET_JS) or target
                    time.sleep(0.02)
                time.sleep(max(0.0, origin + delay - time.perf_counter()))
                moves, view, moved_at = 0, None, None
                while moves < 4:
                    view = target["view"]
                    if moved_at is None:
                        moved_at = time.perf_counter() - origin
                    page.mouse.move(target["x"], target["y"])
                    moves += 1
                    try:
                        page.wait_for_function(
                            SHOWN_JS, arg=cited[target["obs"]], polling="raf", timeout=3_000
                        )
                        break
                    except PlaywrightTimeout:
                        page.mouse.move(2, 2)  # off the chart, then back onto the point
                        target = page.wait_for_function(TARGET_JS, timeout=30_000).json_value()
                clocks = page.evaluate(
                    "({move: window.__move, shown: window.__shown, drawn: window.__drawn,"
                    " start: document.documentElement.dataset.appStart || null})"
                )
                if clocks["shown"] is None:
                    raise RuntimeError(f"no citation shown for a reader moving at {delay} s")
                results.append({**clocks, "moved": moved_at * 1000, "view": view, "moves": moves})
                context.close()
        finally:
            browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    args = parser.parse_args()
    cited = citations()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_dir = Path(tempfile.mkdtemp())
    server = start_gunicorn(port, log_dir=log_dir)
    try:
        wait_until_up(base + "/healthz")
        wait_for_warmup(log_dir)
        readers = {delay: reader_runs(base, delay, args.runs, cited) for delay in READERS}
        scores = {
            preset: [
                lighthouse(base + PAGE, preset == "desktop") for _ in range(args.lighthouse_runs)
            ]
            for preset in ("desktop", "mobile")
        }
    finally:
        stop(server)
    section = report(readers, scores, args.runs)
    print(section)
    if args.output:
        replace_section(args.output, "citation", section)
    return 0


def _median(values: list[float]) -> float:
    return statistics.median(values)


def report(readers: dict[float, list[dict]], scores: dict[str, list[dict]], runs: int) -> str:
    rows = [
        "| reader first moves at | n | moved at / page saw it (medians) "
        "| citation shown, from navigation: median / p90 | from the movement: median / p90 "
        "| answered by | app drawn (median) "
        "| app started by | goal | verdict |",
        "|---|---:|---:|---:|---:|---|---:|---|---|---|",
    ]
    verdicts = []
    for delay, results in readers.items():
        shown = [r["shown"] / 1000 for r in results]
        waited = [(r["shown"] - r["moved"]) / 1000 for r in results]
        moved = _median([r["moved"] / 1000 for r in results])
        seen = _median([r["move"] / 1000 for r in results])
        views = {v: sum(r["view"] == v for r in results) for v in ("static", "app")}
        answered = ", ".join(f"{name} {count}" for name, count in views.items() if count)
        drawn = [r["drawn"] / 1000 for r in results if r["drawn"] is not None]
        drawn_text = f"{_median(drawn):.2f} s" if drawn else "—"
        reasons: dict[str, int] = {}
        for r in results:
            reasons[r["start"] or "not started"] = reasons.get(r["start"] or "not started", 0) + 1
        started_by = ", ".join(f"{name} {count}" for name, count in sorted(reasons.items()))
        if delay in GOAL_FROM_NAVIGATION:
            limit = GOAL_FROM_NAVIGATION[delay]
            goal, met = f"≤ {limit} s from navigation", _median(shown) <= limit
        else:
            limit = GOAL_FROM_MOVEMENT[delay]
            goal, met = f"≤ {limit} s from the movement", _median(waited) <= limit
        verdict = "meets" if met else "**misses**"
        rows.append(
            f"| {delay:g} s | {len(results)} | {moved:.2f} / {seen:.2f} s | {_median(shown):.2f} / "
            f"{percentile(shown, 90):.2f} s | {_median(waited):.3f} / "
            f"{percentile(waited, 90):.3f} s | {answered} | {drawn_text} | {started_by} | {goal} "
            f"| {verdict} |"
        )
        verdicts.append(
            f"- Reader moving at {delay:g} s: citation at {_median(shown):.2f} s median "
            f"({_median(waited) * 1000:.0f} ms after the movement) — {verdict} the goal ({goal})."
        )
    light = [
        "| Lighthouse `/trade` (median of runs) | runs | performance | accessibility | LCP | TBT "
        "| goal | verdict |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for preset, results in scores.items():
        performance = _median([r["performance"] for r in results])
        accessibility = _median([r["accessibility"] for r in results])
        middle = sorted(results, key=lambda r: r["performance"])[len(results) // 2]
        met = performance >= GOAL_LIGHTHOUSE[preset] and accessibility == 100
        verdict = "meets" if met else "**misses**"
        rows_goal = f"performance ≥ {GOAL_LIGHTHOUSE[preset]}, accessibility 100"
        light.append(
            f"| {preset} | {len(results)} | {performance:g} | {accessibility:g} | "
            f"{middle['lcp']} | {middle['tbt']} | {rows_goal} | {verdict} |"
        )
        verdicts.append(
            f"- Lighthouse {preset}: performance {performance:g} (all runs: "
            f"{', '.join(str(r['performance']) for r in results)}; TBT "
            f"{', '.join(r['tbt'] for r in results)}), accessibility {accessibility:g} — "
            f"{verdict} the goal ({rows_goal})."
        )
    return "\n".join(
        [
            "## Time to a point's citation, by when the reader first moves",
            "",
            f"`bench/time_to_citation.py` against `make serve` (gunicorn, 2 workers), headless "
            f"Debian Chromium via Playwright on loopback, {runs} readers per row, each a new "
            f"browser context at {VIEWPORT['width']}×{VIEWPORT['height']}. A reader opens "
            f"`{PAGE}` and, at the time in the first column, moves the pointer onto the chart's "
            "first data point — on the first view's static chart (its point links) or on the "
            "interactive chart, whichever is on screen then. Times in the page's own clock "
            "(0 = navigation start) to the first frame in which a tooltip with that point's "
            "citation is visible; from the movement = from when the reader moved (the page may "
            "handle the movement later, when its main thread is busy). The app starts once the "
            "browser is idle after the first paint, or at the first interaction ('app started "
            "by'); 'app drawn' is when it took the first view's place. Lighthouse in the same "
            "run.",
            "",
            *rows,
            "",
            *light,
            "",
            *verdicts,
        ]
    ).replace("\xa0", " ")


if __name__ == "__main__":
    sys.exit(main())
