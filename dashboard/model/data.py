"""Load the built parquet tables once per process; pages and routes read the app's dataset from
here only (``active_dataset``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
from flask import Flask, current_app, has_app_context
from pandera.errors import SchemaErrors

from etl.contract import validate_frames
from etl.tables import SCHEMAS

PARQUET_DIR = Path(__file__).resolve().parents[2] / "datasets" / "parquet"
TABLES = tuple(SCHEMAS)
"""Every table the ETL writes, in its order: the dashboard reads each one."""


class DataUnavailable(RuntimeError):
    """The parquet tables are missing or unreadable; the message says how to build them."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """The published tables, read-only; hashed by identity so views of it can be memoized."""

    sources: pd.DataFrame
    series: pd.DataFrame
    observations: pd.DataFrame
    checks: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    hypotheses: pd.DataFrame
    disagreements: pd.DataFrame
    version: str = ""
    """The build's data version (ETL inputs and code), from the parquet metadata: part of every
    cache key and ETag, so a rebuilt dataset never serves a stale image or extract."""
    directory: str | None = None


def _location(where: Path | str) -> tuple[pafs.FileSystem, str]:
    """A local directory, or any URI pyarrow understands (file://, s3://, gs://, hdfs://; other
    fsspec filesystems through pyarrow's fsspec handler): the data can live on shared storage."""
    text = str(where)
    if "://" in text:
        try:
            return pafs.FileSystem.from_uri(text)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError) as error:
            raise DataUnavailable(f"cannot open data location {text}: {error}") from error
    return pafs.LocalFileSystem(), str(Path(text).resolve())


@cache
def load_dataset(directory: Path | str = PARQUET_DIR) -> Dataset:
    """All the tables, checked against the data contract; raises DataUnavailable (never a
    half-loaded or silently wrong dataset)."""
    filesystem, root = _location(directory)
    frames = {}
    for name in TABLES:
        path = f"{root.rstrip('/')}/{name}.parquet"
        try:
            frames[name] = pd.read_parquet(path, filesystem=filesystem)
        except (OSError, ValueError, pa.ArrowException) as error:
            raise DataUnavailable(
                f"cannot read {directory}/{name}.parquet: {error}. Build it with `make etl`."
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
    schema = pq.read_schema(f"{root.rstrip('/')}/observations.parquet", filesystem=filesystem)
    version = (schema.metadata or {}).get(b"belarus_indicators.data_version", b"").decode()
    return Dataset(**frames, version=version, directory=str(directory))


DATASET_KEY = "belarus.dataset"
"""Where ``create_app`` puts the dataset it serves: on the app (``Flask.extensions``), so two apps
in one process — a test's and the session's, the bake's and a server's — never share one."""


def install_dataset(server: Flask, data: Dataset) -> None:
    server.extensions[DATASET_KEY] = data


def active_dataset() -> Dataset:
    """The dataset of the app handling this request (or whose app context is pushed)."""
    if not has_app_context():
        raise RuntimeError(
            "no app context: the dataset lives on the app (create_app); "
            "wrap the call in `with app.server.app_context():`"
        )
    return current_app.extensions[DATASET_KEY]
