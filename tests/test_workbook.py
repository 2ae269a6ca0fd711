"""Excel workbooks of any extract, read back with openpyxl as an analyst's spreadsheet would
open them: the CSV's rows with real numbers and dates, the documents cited, a README."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

SERIES = "trade.by_ua.turnover"


def _book(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.get_data()[:300]
    assert response.mimetype.endswith("spreadsheetml.sheet")
    return response, load_workbook(io.BytesIO(response.get_data()))


def _rows(sheet) -> list[dict]:
    values = list(sheet.values)
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_the_workbook_has_a_readme_the_data_and_its_sources(client):
    _, book = _book(client, "/api/v1/observations.xlsx")
    assert book.sheetnames == ["README", "Data", "Sources"]
    readme = " ".join(str(v) for row in book["README"].values for v in row if v)
    assert "qualifier" in readme and "Data version" in readme


def test_its_rows_are_the_csvs_rows_with_numbers_and_dates(client):
    csv = pd.read_csv(io.BytesIO(client.get(f"/api/v1/series/{SERIES}.csv").get_data()))
    _, book = _book(client, f"/api/v1/series/{SERIES}.xlsx")
    rows = _rows(book["Data"])
    assert [r["obs_id"] for r in rows] == list(csv["obs_id"])
    assert list(rows[0]) == list(csv.columns)
    for row, expected in zip(rows, csv.to_dict("records"), strict=True):
        assert isinstance(row["value"], int | float)  # a number cell, not text
        assert row["value"] == pytest.approx(expected["value"])
        assert isinstance(row["period_start"], datetime | date)
        assert row["period_start"].strftime("%Y-%m-%d") == expected["period_start"]
        for column in ("evidence", "citation", "qualifier", "locator"):
            written = expected[column] if isinstance(expected[column], str) else None  # empty
            assert row[column] == written, column


def test_its_header_is_frozen_filtered_and_its_columns_fit(client):
    _, book = _book(client, "/api/v1/observations.xlsx")
    data = book["Data"]
    assert data.freeze_panes == "A2"
    assert data.auto_filter.ref == data.dimensions
    assert all(cell.font.bold for cell in data[1])
    widths = {
        data.cell(1, i).value: data.column_dimensions[data.cell(1, i).column_letter].width
        for i in range(1, data.max_column + 1)
    }
    assert widths["series_id"] >= len(SERIES) and widths["evidence"] <= 60


def test_the_sources_sheet_lists_exactly_the_documents_cited(client, dataset):
    _, book = _book(client, f"/api/v1/series/{SERIES}.xlsx?from=2020")
    cited = {r["source_id"] for r in _rows(book["Data"])}
    sources = {r["source_id"]: r for r in _rows(book["Sources"])}
    assert set(sources) == cited
    citations = dataset.sources.set_index("source_id")["citation"]
    assert all(sources[s]["citation"] == citations[s] for s in cited)


def test_a_workbook_takes_the_csvs_filters_and_refuses_bad_ones(client):
    _, book = _book(client, "/api/v1/observations.xlsx?series=debt.fx_reserves&from=2019")
    rows = _rows(book["Data"])
    assert rows and {r["series_id"] for r in rows} == {"debt.fx_reserves"}
    assert all(r["period_start"].year >= 2019 for r in rows)
    assert client.get("/api/v1/observations.xlsx?from=20x9").status_code == 400
    assert client.get("/api/v1/series/no-such.xlsx").status_code == 404


def test_a_workbook_revalidates_without_being_rebuilt(client):
    first = client.get(f"/api/v1/series/{SERIES}.xlsx?to=2020")
    again = client.get(
        f"/api/v1/series/{SERIES}.xlsx?to=2020", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
