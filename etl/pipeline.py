"""load → validate → normalize → derive → check → tables: the whole build as one function."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from etl.anchors import ANCHORS_DIR_NAME, read_anchors
from etl.checks import Check, run_checks
from etl.claims import check_claims, read_claims
from etl.conversions import check_conversions
from etl.derive import derive_all
from etl.explanations import Hypothesis, caveats, explain
from etl.load import CURATED_DIR, load_curated
from etl.model import CuratedDataset
from etl.observations import Observation, normalize_facts
from etl.problems import CuratedDataError, Problem
from etl.tables import (
    checks_table,
    claims_table,
    disagreements_table,
    events_table,
    hypotheses_table,
    observations_table,
    series_table,
    sources_table,
)
from etl.validate import validate_dataset


@dataclass(frozen=True)
class BuildResult:
    dataset: CuratedDataset
    observations: list[Observation]
    checks: list[Check]
    hypotheses: list[Hypothesis]
    tables: dict[str, pa.Table]


def build(curated_dir: Path = CURATED_DIR) -> BuildResult:
    """Everything but the write; raises CuratedDataError listing every input problem.

    load → validate → normalize → derive → check (identities, claims, conversions) → explain
    (hypotheses for failed checks, caveats on derived values that rest on them) → tables, each
    quote with its place in the text (``anchors/``) and the link that opens the original there.
    """
    dataset = load_curated(curated_dir)
    validate_dataset(dataset)
    problems: list[Problem] = []
    anchors = read_anchors(dataset.sources, curated_dir / ANCHORS_DIR_NAME, problems)
    if problems:
        raise CuratedDataError(problems)
    series = {s.series_id: s for s in dataset.series}
    stated = normalize_facts(dataset)
    derived = derive_all(stated, dataset.series)
    claims = read_claims(dataset, stated + derived)

    def evaluate(facts: list[Observation], kinds: frozenset[str] | None = None) -> list[Check]:
        """The checks of a set of stated figures; with ``kinds``, only those kinds."""
        observations = facts + derive_all(facts, dataset.series)
        checks = run_checks(observations, dataset.series, kinds)
        if kinds is None or any(kind.startswith("claim_") for kind in kinds):
            checks += check_claims(claims, observations, series)
        return checks

    checks = evaluate(stated) + check_conversions(dataset, stated)
    hypotheses = explain(dataset, stated, derived, checks, evaluate)
    observations = caveats(stated + derived, checks)
    tables = {
        "sources": sources_table(dataset),
        "series": series_table(dataset),
        "observations": observations_table(observations, dataset, anchors),
        "checks": checks_table(checks),
        "events": events_table(dataset, anchors),
        "claims": claims_table(dataset, checks, anchors),
        "hypotheses": hypotheses_table(hypotheses),
        "disagreements": disagreements_table(dataset, anchors),
    }
    return BuildResult(dataset, observations, checks, hypotheses, tables)
