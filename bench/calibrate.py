"""`make calibrate`: learn what the intake's confidence scores mean, from the curated documents.

Each curated document is proposed again from its text with the others known (leave-one-out,
its date given), and each proposed fact judged right when value, unit, period, qualifier,
direction and series are the curators'. The raw scores and outcomes are fitted by isotonic
regression (etl/intake/calibration.py) and the table written to etl/intake/calibration.json,
which `propose` reads. Run it after changing the intake's rules; the real reports of
../shared/corpus/, never used here, measure the result (bench/intake.py, "Real reports").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from harness import REPO

from etl.intake.calibration import TABLE, isotonic
from etl.intake.evaluation import leave_one_out
from etl.load import load_curated

SEEDS = REPO.parent / "shared" / "seeds"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=Path, default=SEEDS)
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args(argv)
    if not args.texts.is_dir():
        print(f"calibrate: no texts at {args.texts}: the curated documents' texts are needed")
        return 1
    scores = leave_one_out(load_curated(), args.texts, dates_given=True)
    judged = [pair for score in scores for pair in score.judged]
    raw, probability = isotonic(judged)
    table = {
        "trained_on": "the curated documents, each proposed again with the others known",
        "proposals": len(judged),
        "right": sum(right for _, right in judged),
        "raw": [round(r, 4) for r in raw],
        "probability": [round(p, 4) for p in probability],
    }
    args.out.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(
        f"calibrate: {len(judged)} proposals, {table['right']} right; {len(raw)} steps → {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
