"""``make charts``: every chart at the social preset (scale 2) as PNG and SVG in dist/charts/,
with a manifest (chart id, files, alt text, sources) for a newsroom's asset library.

Uses the same figure builder, renderer and image parameters as the /charts routes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from dashboard.charts.citation import cited_sources
from dashboard.charts.declarations import load_charts
from dashboard.charts.figures import describe, source_line
from dashboard.charts.state import default_state
from dashboard.exports.images import PRESETS, RENDERER, ImageRequest, image_figure
from dashboard.model.data import DataUnavailable, load_dataset

PRESET = "social"
SCALE = 2.0


def export_charts(out: Path) -> dict:
    data = load_dataset()
    registry = load_charts(data)
    out.mkdir(parents=True, exist_ok=True)
    width, height = PRESETS[PRESET]
    entries = []
    for spec in registry.charts:
        state = default_state(spec)
        files = {}
        for fmt in ("png", "svg"):
            request = ImageRequest(spec.chart_id, fmt, width, height, SCALE, state)
            body = RENDERER.render(image_figure(spec, data, request), fmt, width, height, SCALE)
            path = out / f"{spec.chart_id}.{fmt}"
            path.write_bytes(body)
            files[fmt] = path.name
        cited = cited_sources(data, state)
        entries.append(
            {
                "chart_id": spec.chart_id,
                "title": spec.title,
                "subtitle": spec.subtitle,
                "png": files["png"],
                "svg": files["svg"],
                "width": int(width * SCALE),
                "height": int(height * SCALE),
                "alt": describe(spec, data, state),
                "source_line": source_line(data, cited),
                "sources": sorted(set(cited)),
                "page": f"/{spec.page}?chart={spec.chart_id}",
            }
        )
    manifest = {
        "data_version": data.version,
        "preset": PRESET,
        "scale": SCALE,
        "charts": entries,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.exports.export_charts")
    parser.add_argument("--out", type=Path, default=Path("dist/charts"))
    args = parser.parse_args(argv)
    reason = RENDERER.unavailable_reason()
    if reason:
        print(f"charts: {reason}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        manifest = export_charts(args.out)
    except DataUnavailable as error:
        print(f"charts: {error}", file=sys.stderr)
        return 1
    finally:
        RENDERER.close()
    seconds = time.perf_counter() - started
    print(
        f"charts: {len(manifest['charts'])} charts as PNG and SVG in {args.out} ({seconds:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
