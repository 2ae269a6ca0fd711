"""The parquet files are the contract with the dashboard and with analysts: explicit schemas,
stamped metadata, byte-identical rebuilds, all-or-nothing writes, readable by any engine."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from pandera.errors import SchemaErrors

from etl.contract import validate_frames
from etl.tables import ETL_VERSION, SCHEMAS
from etl.write import write_tables

TABLES = sorted(SCHEMAS)


def test_each_table_has_its_declared_schema_and_metadata(parquet_dir: Path, built):
    for name in TABLES:
        file = pq.ParquetFile(parquet_dir / f"{name}.parquet")
        schema = file.schema_arrow
        assert schema.remove_metadata().equals(SCHEMAS[name]), name
        meta = schema.metadata
        assert meta[b"belarus_indicators.table"] == name.encode()
        assert meta[b"belarus_indicators.etl_version"] == ETL_VERSION.encode()
        assert meta[b"belarus_indicators.inputs_sha256"] == built.dataset.inputs_sha256.encode()
        assert len(meta[b"belarus_indicators.etl_code_sha256"]) == 64
        assert len(meta[b"belarus_indicators.data_version"]) == 16


def test_the_same_input_gives_byte_identical_files(built, tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    write_tables(built.tables, built.dataset.inputs_sha256, first)
    from etl.pipeline import build

    rebuilt = build()
    write_tables(rebuilt.tables, rebuilt.dataset.inputs_sha256, second)
    for name in TABLES:
        assert (first / f"{name}.parquet").read_bytes() == (second / f"{name}.parquet").read_bytes()


def test_a_failed_write_leaves_the_previous_files_intact(built, tmp_path: Path, monkeypatch):
    target = tmp_path / "parquet"
    write_tables(built.tables, built.dataset.inputs_sha256, target)
    live = target.resolve()
    before = {p.name: p.read_bytes() for p in target.iterdir()}

    calls = {"n": 0}
    real_write = pq.write_table

    def fail_on_third_table(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full (simulated)")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(pq, "write_table", fail_on_third_table)
    with pytest.raises(OSError, match="simulated"):
        write_tables(built.tables, "another-hash", target)
    assert target.resolve() == live
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["parquet", live.name])


def test_a_rebuild_swaps_in_one_step_and_keeps_one_version(built, tmp_path: Path):
    target = tmp_path / "parquet"
    write_tables(built.tables, built.dataset.inputs_sha256, target)
    first = target.resolve()
    write_tables(built.tables, "other-inputs", target)
    assert target.is_symlink(), "readers follow one link that is replaced atomically"
    assert target.resolve() != first and not first.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["parquet", target.resolve().name])


def test_a_plain_directory_from_an_older_layout_is_replaced(built, tmp_path: Path):
    target = tmp_path / "parquet"
    target.mkdir()
    (target / "stale.parquet").write_bytes(b"old")
    write_tables(built.tables, built.dataset.inputs_sha256, target)
    assert target.is_symlink()
    assert not (target / "stale.parquet").exists()


def test_pandas_and_duckdb_read_the_same_rows(parquet_dir: Path):
    connection = duckdb.connect()
    for name in TABLES:
        path = parquet_dir / f"{name}.parquet"
        with_pandas = pd.read_parquet(path)
        with_duckdb = connection.execute(f"SELECT * FROM read_parquet('{path}')").df()
        assert list(with_duckdb.columns) == list(with_pandas.columns)
        assert len(with_duckdb) == len(with_pandas) > 0
        for column in with_pandas.columns:
            left = [_comparable(v) for v in with_pandas[column]]
            right = [_comparable(v) for v in with_duckdb[column]]
            assert left == right, f"{name}.{column}"


def _comparable(value):
    """Lists come as numpy arrays from one engine, lists from the other; missing as NaN/None."""
    if hasattr(value, "tolist") and not isinstance(value, str) and getattr(value, "ndim", 0):
        return value.tolist()
    if isinstance(value, list):
        return value
    if pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def test_the_tables_satisfy_the_row_level_contract(parquet_dir: Path):
    frames = {name: pd.read_parquet(parquet_dir / f"{name}.parquet") for name in TABLES}
    validate_frames(frames)


def test_the_contract_refuses_a_stated_value_without_evidence(parquet_dir: Path):
    frames = {name: pd.read_parquet(parquet_dir / f"{name}.parquet") for name in TABLES}
    stated = frames["observations"]["qualifier"] != "derived"
    frames["observations"].loc[stated.idxmax(), "evidence"] = None
    with pytest.raises(SchemaErrors, match="stated values carry evidence"):
        validate_frames(frames)


def test_the_contract_refuses_a_dangling_reference(parquet_dir: Path):
    frames = {name: pd.read_parquet(parquet_dir / f"{name}.parquet") for name in TABLES}
    frames["sources"] = frames["sources"].iloc[1:]
    with pytest.raises(ValueError, match="source_id"):
        validate_frames(frames)


def test_every_series_has_data_and_every_source_supplies_some(parquet_dir: Path):
    observations = pd.read_parquet(parquet_dir / "observations.parquet")
    series = pd.read_parquet(parquet_dir / "series.parquet")
    sources = pd.read_parquet(parquet_dir / "sources.parquet")
    assert set(series["series_id"]) == set(observations["series_id"])
    assert set(sources["source_id"]) == set(observations["source_id"])
