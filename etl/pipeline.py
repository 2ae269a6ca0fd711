"""load → validate → normalize → derive → check → tables: the whole build as one function."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from etl.checks import Check, run_checks
from etl.derive import derive_all
from etl.load import CURATED_DIR, load_curated
from etl.model import CuratedDataset
from etl.observations import Observation, normalize_facts
from etl.tables import (
    checks_table,
    events_table,
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
    tables: dict[str, pa.Table]


def build(curated_dir: Path = CURATED_DIR) -> BuildResult:
    """Everything but the write; raises CuratedDataError listing every input problem."""
    dataset = load_curated(curated_dir)
    validate_dataset(dataset)
    stated = normalize_facts(dataset)
    observations = stated + derive_all(stated, dataset.series)
    checks = run_checks(observations, dataset.series)
    tables = {
        "sources": sources_table(dataset),
        "series": series_table(dataset),
        "observations": observations_table(observations),
        "checks": checks_table(checks),
        "events": events_table(dataset),
    }
    return BuildResult(dataset, observations, checks, tables)
