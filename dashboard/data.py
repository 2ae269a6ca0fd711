"""Load the built parquet tables once per process; pages and routes read from here only."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from pandera.errors import SchemaErrors

from etl.contract import validate_frames

PARQUET_DIR = Path(__file__).resolve().parent.parent / "datasets" / "parquet"
TABLES = ("sources", "series", "observations", "checks", "events")


class DataUnavailable(RuntimeError):
    """The parquet tables are missing or unreadable; the message says how to build them."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """The five tables, read-only; hashed by identity so views of it can be memoized."""

    sources: pd.DataFrame
    series: pd.DataFrame
    observations: pd.DataFrame
    checks: pd.DataFrame
    events: pd.DataFrame
    version: str = ""
    """The build's data version (ETL inputs and code), from the parquet metadata: part of every
    cache key and ETag, so a rebuilt dataset never serves a stale image or extract."""
    directory: Path | None = None


@cache
def load_dataset(directory: Path = PARQUET_DIR) -> Dataset:
    """All five tables, checked against the data contract; raises DataUnavailable (never a
    half-loaded or silently wrong dataset)."""
    frames = {}
    for name in TABLES:
        path = directory / f"{name}.parquet"
        try:
            frames[name] = pd.read_parquet(path)
        except (OSError, ValueError) as error:
            raise DataUnavailable(
                f"cannot read {path}: {error}. Build it with `make etl`."
            ) from error
    try:
        validate_frames(frames)
    except (SchemaErrors, ValueError) as error:
        raise DataUnavailable(
            f"{directory} breaks the data contract: {error}. Rebuild it with `make etl`."
        ) from error
    observations = frames["observations"]
    frames["observations"] = observations.assign(
        start_year=pd.to_datetime(observations["period_start"]).dt.year,
        end_year=pd.to_datetime(observations["period_end"]).dt.year,
    )
    metadata = pq.read_schema(directory / "observations.parquet").metadata or {}
    version = metadata.get(b"belarus_indicators.data_version", b"").decode()
    return Dataset(**frames, version=version, directory=directory)


_active: Dataset | None = None


def use_dataset(data: Dataset) -> None:
    """Make ``data`` the dataset pages and routes read (set once, by ``create_app``)."""
    global _active
    _active = data


def active_dataset() -> Dataset:
    """The dataset this process serves; loaded from the default location if none was set."""
    return _active if _active is not None else load_dataset()
