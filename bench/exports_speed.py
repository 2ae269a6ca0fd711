"""Exports of the whole dataset, timed from the parquet: goal < 1 s each.

Each export is timed as a reader's first request would cost it in a fresh process: the parquet
loaded, the extract made, the file written. Median of 5 runs, each in a new interpreter.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from report import replace_section

GOAL_SECONDS = 1.0
RUNS = 5
EXPORTS = {
    "Excel workbook (observations.xlsx)": (
        "from dashboard.exports.workbook import workbook_bytes\n"
        "frame = extract(data, tuple(lookups(data).series))\n"
        "body = workbook_bytes(frame, data, 'Observations', 'http://localhost/')\n"
    ),
    "SDMX-CSV 2.0 (observations.sdmx.csv)": (
        "from dashboard.exports.sdmx import sdmx_csv\n"
        "frame = extract(data, tuple(lookups(data).series))\n"
        "body = sdmx_csv(frame)\n"
    ),
    "SDMX-ML 3.0 structure (sdmx/structure.xml)": (
        "from dashboard.exports.sdmx import structure_xml\nbody = structure_xml(data)\n"
    ),
    "CSV (observations.csv), for reference": (
        "frame = extract(data, tuple(lookups(data).series))\nbody = frame.to_csv(index=False)\n"
    ),
}
TIMED = """
import time
from dashboard.model.data import load_dataset
from dashboard.model.extract import extract
from dashboard.model.lookups import lookups
started = time.perf_counter()
data = load_dataset()
{body}
print(time.perf_counter() - started)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    rows = ["| export | median (s) | slowest (s) | goal < 1 s |", "|---|---:|---:|---|"]
    for name, body in EXPORTS.items():
        times = [
            float(
                subprocess.run(
                    [sys.executable, "-c", TIMED.format(body=body)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.split()[-1]
            )
            for _ in range(RUNS)
        ]
        median = statistics.median(times)
        verdict = "meets" if median < GOAL_SECONDS else "MISSES"
        rows.append(f"| {name} | {median:.3f} | {max(times):.3f} | {verdict} |")
    section = "\n".join(
        [
            "## Exports: the whole dataset from the parquet",
            "",
            "`bench/exports_speed.py`: each export timed from loading the parquet to the "
            f"finished file, in a fresh interpreter (imports not counted), median of {RUNS}.",
            "",
            *rows,
        ]
    )
    print(section)
    if args.output:
        replace_section(args.output, "exports", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
