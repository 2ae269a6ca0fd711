"""`make calibrate`: learn what the intake's confidence scores mean.

Two sets of documents with known answers: the curated documents, each proposed again from its
text with the others known (leave-one-out, its date given), each proposed fact judged right when
value, unit, period, qualifier, direction and series are the curators'; and the development
reports of ../shared/corpus/, each proposed with its date and judged against its hand-written
key. Their raw scores and outcomes are fitted by isotonic regression
(etl/intake/calibration.py) and the table written to etl/intake/calibration.json, which
`propose` reads. Run it after changing the intake's rules.

How well such a table carries to a document it has not seen is measured by cross-validation,
document by document (:func:`cross_validated`): bench/intake.py reports it ("Real reports").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from harness import REPO

from etl.intake.calibration import TABLE, isotonic
from etl.intake.evaluation import leave_one_out, read_series_key, score_corpus
from etl.load import load_curated

SEEDS = REPO.parent / "shared" / "seeds"
CORPUS = REPO.parent / "shared" / "corpus"
SERIES_KEY = REPO / "bench" / "corpus_series.yaml"
Outcomes = dict[str, list[tuple[float, bool]]]
"""Per document, each proposal's raw score and whether it was right."""


def outcomes(seeds: Path = SEEDS, corpus: Path = CORPUS) -> Outcomes:
    """Every judged proposal of the curated documents and of the development reports."""
    dataset = load_curated()
    found: Outcomes = {}
    if seeds.is_dir():
        for score in leave_one_out(dataset, seeds, dates_given=True):
            found[score.source_id] = list(score.judged)
    if corpus.is_dir():
        existing = frozenset(s.series_id for s in dataset.series)
        keys = read_series_key(SERIES_KEY, existing)
        for score in score_corpus(corpus, keys, dataset):
            found[score.document] = [(j.raw, j.fully_right) for j in score.judged]
    return found


def table_from(judged: list[tuple[float, bool]]) -> tuple[list[float], list[float]]:
    return isotonic(judged)


def apply(table: tuple[list[float], list[float]], raw: float) -> float:
    bounds, shares = table
    for bound, share in zip(bounds, shares, strict=True):
        if raw <= bound:
            return share
    return shares[-1] if shares else raw


def cross_validated(found: Outcomes) -> Outcomes:
    """Each document's proposals scored by a table learned from the other documents only:
    what the confidence means for a document the table has not seen."""
    scored: Outcomes = {}
    for document, judged in found.items():
        others = [pair for other, pairs in found.items() if other != document for pair in pairs]
        table = table_from(others)
        scored[document] = [(apply(table, raw), right) for raw, right in judged]
    return scored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=Path, default=SEEDS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args(argv)
    if not args.texts.is_dir() and not args.corpus.is_dir():
        print(f"calibrate: neither {args.texts} nor {args.corpus} is here: nothing to learn from")
        return 1
    found = outcomes(args.texts, args.corpus)
    judged = [pair for pairs in found.values() for pair in pairs]
    raw, probability = table_from(judged)
    table = {
        "trained_on": (
            "the curated documents (each proposed again with the others known) and the "
            "development reports with answer keys"
        ),
        "documents": len(found),
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
