"""Benchmark: `make etl` against the bare cost of `import pandas, pyarrow`, side by side.

The goal is that the ETL's own work is negligible next to its imports: `make etl` within
1.5x the time of `python -c "import pandas, pyarrow"`. Both commands run interleaved in one process
on the same machine, so load and cache effects hit both alike; the ratio of medians is reported.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from report import replace_section

REPO = Path(__file__).resolve().parent.parent
GOAL = 1.5


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--output", type=Path, help="write the Markdown report here")
    args = parser.parse_args()
    python = sys.executable
    commands = {
        "baseline: python -c 'import pandas, pyarrow'": [python, "-c", "import pandas, pyarrow"],
        "make etl": ["make", "-s", "etl"],
        "python -m etl build (no make)": [python, "-m", "etl", "build"],
    }
    for command in commands.values():  # warm the page cache and .pyc files once
        timed(command)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            samples[name].append(timed(command))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    baseline = medians[next(iter(commands))]
    ratio = medians["make etl"] / baseline
    lines = [
        "| command | median (s) | min (s) | ratio to baseline |",
        "|---|---:|---:|---:|",
        *(
            f"| `{name}` | {medians[name]:.3f} | {min(samples[name]):.3f} | "
            f"{medians[name] / baseline:.2f}x |"
            for name in commands
        ),
    ]
    verdict = "meets" if ratio <= GOAL else "MISSES"
    summary = f"`make etl` / import baseline = {ratio:.2f}x ({verdict} the {GOAL}x goal)"
    print("\n".join([*lines, "", summary]))
    if args.output:
        replace_section(
            args.output,
            "etl",
            "\n".join(
                [
                    '## ETL: `make etl` against `python -c "import pandas, pyarrow"`',
                    "",
                    "Goal: the ETL's own work is negligible next to its imports, i.e.",
                    f"`make etl` on a warm `.venv` within {GOAL}x the import baseline. The",
                    f"commands are interleaved {args.runs} times after one warm-up each; medians",
                    "are compared.",
                    "",
                    *lines,
                    "",
                    f"**{summary}.**",
                    "",
                    f"Machine: {platform.machine()}, {platform.python_implementation()} "
                    f"{platform.python_version()}, {os.cpu_count()} cores.",
                ]
            ),
        )
    return 0  # the verdict is in the report; a miss must not stop the other benchmarks


if __name__ == "__main__":
    sys.exit(main())
