"""The placeholder app serves the built data (the full dashboard is a later issue)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.data import DataUnavailable, load_dataset


def test_the_app_serves_a_page_built_from_the_parquet(parquet_dir: Path):
    from dashboard.app import create_app

    app = create_app(load_dataset(parquet_dir))
    client = app.server.test_client()
    response = client.get("/")
    assert response.status_code == 200
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "trade.by_ua.turnover" in layout
    assert "inconsistent" in layout


def test_missing_data_is_a_clear_error_not_a_half_started_app(tmp_path: Path):
    with pytest.raises(DataUnavailable, match="make etl"):
        load_dataset(tmp_path)


def test_a_corrupt_table_is_refused_at_start_with_the_file_named(parquet_dir: Path, tmp_path: Path):
    broken = tmp_path / "parquet"
    broken.mkdir()
    for path in parquet_dir.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    (broken / "checks.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(DataUnavailable, match=r"checks\.parquet"):
        load_dataset(broken)
