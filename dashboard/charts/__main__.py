"""``python -m dashboard.charts``: check ``charts.yaml`` against the data just built.

`make etl` runs it after the ETL, so a chart that names a series, event or page the data does
not have is refused where the curator works, with what to fix — not when a server starts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.charts.declarations import CHARTS_FILE, ChartDeclarationError, load_charts
from dashboard.model.data import PARQUET_DIR, DataUnavailable, load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.charts", description=__doc__)
    parser.add_argument("--charts", type=Path, default=CHARTS_FILE)
    parser.add_argument("--data", type=Path, default=PARQUET_DIR)
    args = parser.parse_args(argv)
    try:
        registry = load_charts(load_dataset(args.data), args.charts)
    except (ChartDeclarationError, DataUnavailable) as error:
        print(f"charts: {error}", file=sys.stderr)
        return 1
    print(f"charts: {len(registry.charts)} charts declared, every series, event and page known")
    return 0


if __name__ == "__main__":
    sys.exit(main())
