"""Write the tables as parquet: deterministic bytes, and all-or-nothing replacement.

``datasets/parquet`` is a symlink to a versioned directory beside it. A build writes a complete new
directory, then swaps the link with one atomic ``os.replace``: a reader (or a build killed at any
moment) only ever sees the previous complete set or the new one, never a mix and never a gap.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl.tables import DESCRIPTIONS, ETL_VERSION

PARQUET_DIR = Path(__file__).resolve().parent.parent / "datasets" / "parquet"
ETL_CODE_DIR = Path(__file__).resolve().parent


def etl_code_sha256(code_dir: Path = ETL_CODE_DIR) -> str:
    """Hash of the ETL's own source, so output built by different code never shares a version."""
    digest = hashlib.sha256()
    for path in sorted(code_dir.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def data_version(inputs_sha256: str, code_sha256: str) -> str:
    """Short id of one build's content: same curated inputs and same code → same version."""
    return hashlib.sha256(f"{inputs_sha256}:{code_sha256}".encode()).hexdigest()[:16]


def with_file_metadata(
    table: pa.Table, name: str, inputs_sha256: str, code_sha256: str
) -> pa.Table:
    """Stamp each file with what built it and from which inputs (no timestamps: determinism)."""
    metadata = {
        b"belarus_indicators.table": name.encode(),
        b"belarus_indicators.description": DESCRIPTIONS[name].encode(),
        b"belarus_indicators.etl_version": ETL_VERSION.encode(),
        b"belarus_indicators.inputs_sha256": inputs_sha256.encode(),
        b"belarus_indicators.etl_code_sha256": code_sha256.encode(),
        b"belarus_indicators.data_version": data_version(inputs_sha256, code_sha256).encode(),
    }
    return table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})


def _replace_link(target: Path, directory: Path) -> None:
    """Point ``target`` at ``directory`` atomically (a plain directory is moved aside once)."""
    if target.exists() and not target.is_symlink():
        target.rename(target.parent / f".{target.name}-legacy-{os.getpid()}")
    link = target.parent / f".{target.name}-link-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(directory.name, target_is_directory=True)
    os.replace(link, target)


def _remove_stale_versions(target: Path, keep: Path) -> None:
    """Remove older versions — but never the one the link points at now, which an overlapping
    build may have published after this one."""
    kept = {keep.resolve(), target.resolve()}
    for stale in target.parent.glob(f".{target.name}-*"):
        if stale.resolve() not in kept:
            if stale.is_symlink() or stale.is_file():
                stale.unlink(missing_ok=True)
            else:
                shutil.rmtree(stale, ignore_errors=True)


def write_tables(
    tables: dict[str, pa.Table], inputs_sha256: str, target: Path = PARQUET_DIR
) -> list[Path]:
    """Write every table or none: stage a complete directory, then swap the link to it."""
    target = Path(os.path.abspath(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    code_sha256 = etl_code_sha256()
    version = data_version(inputs_sha256, code_sha256)
    staging = target.parent / f".{target.name}-{version}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for name, table in sorted(tables.items()):
            pq.write_table(
                with_file_metadata(table, name, inputs_sha256, code_sha256),
                staging / f"{name}.parquet",
                compression="zstd",
                write_statistics=True,
            )
        _replace_link(target, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _remove_stale_versions(target, keep=staging)
    return sorted(target.glob("*.parquet"))
