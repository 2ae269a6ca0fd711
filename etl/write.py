"""Write the tables as parquet: deterministic bytes, and all-or-nothing replacement.

The tables are written into a staging directory beside the target and swapped in with renames,
so a reader (or an interrupted build) only ever sees the old complete set or the new one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl.tables import DESCRIPTIONS, ETL_VERSION

PARQUET_DIR = Path(__file__).resolve().parent.parent / "datasets" / "parquet"


def with_file_metadata(table: pa.Table, name: str, inputs_sha256: str) -> pa.Table:
    """Stamp each file with what built it and from which inputs (no timestamps: determinism)."""
    metadata = {
        b"belarus_indicators.table": name.encode(),
        b"belarus_indicators.description": DESCRIPTIONS[name].encode(),
        b"belarus_indicators.etl_version": ETL_VERSION.encode(),
        b"belarus_indicators.inputs_sha256": inputs_sha256.encode(),
    }
    return table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})


def write_tables(
    tables: dict[str, pa.Table], inputs_sha256: str, target: Path = PARQUET_DIR
) -> list[Path]:
    """Write every table or none: stage, then swap the directory in."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}-staging-{os.getpid()}"
    previous = target.parent / f".{target.name}-previous-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for name, table in sorted(tables.items()):
            pq.write_table(
                with_file_metadata(table, name, inputs_sha256),
                staging / f"{name}.parquet",
                compression="zstd",
                write_statistics=True,
            )
        if target.exists():
            target.rename(previous)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if previous.exists() and not target.exists():
            previous.rename(target)
        raise
    shutil.rmtree(previous, ignore_errors=True)
    return sorted(target.glob("*.parquet"))
