"""Excel workbooks of any extract, read back with openpyxl as an analyst's spreadsheet would
open them, and opened by LibreOffice itself: the CSV's rows with real numbers and dates, the
documents cited, a README.

The LibreOffice test needs Debian's ``libreoffice-calc-nogui`` (``make test`` installs it as
root); without it that test skips with the reason, and under CI (env ``CI`` set) it fails.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

SERIES = "trade.by_ua.turnover"
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
NUMBERS = ("value", "value_low", "value_high", "interval_low", "interval_high")
SHEET_AS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,{}"
"""LibreOffice's CSV filter: comma, double quotes, UTF-8, from line 1, English, cell contents in
full rather than as shown, and only the sheet numbered (from 1) in the last field."""


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


@pytest.fixture
def soffice() -> str:
    if not Path(SOFFICE).exists():
        reason = (
            "LibreOffice not installed (as root: apt-get install libreoffice-calc-nogui; "
            "`make test` does)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason} — CI is set, so this is a failure, not a skip")
        pytest.skip(reason)
    return SOFFICE


def _convert(soffice: str, workbook: Path, sheet: int, out: Path) -> Path:
    """Sheet number ``sheet`` (from 1) of the workbook as CSV, written by LibreOffice headless
    with a profile of its own (never the user's); whatever it started is ended, finished or not."""
    home = out / "home"
    home.mkdir(parents=True)
    command = [
        soffice,
        "--headless",
        "--norestore",
        f"-env:UserInstallation={(out / 'profile').as_uri()}",
        "--convert-to",
        SHEET_AS_CSV.format(sheet),
        "--outdir",
        str(out),
        str(workbook),
    ]
    process = subprocess.Popen(
        command,
        env={**os.environ, "HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    written = sorted(out.glob(f"{workbook.stem}*.csv"))
    assert written, output.decode(errors="replace")[-500:]
    return written[0]


def test_libreoffice_opens_the_workbook_and_its_data_sheet_has_the_csvs_rows(
    client, soffice, tmp_path
):
    workbook = tmp_path / "observations.xlsx"
    workbook.write_bytes(client.get("/api/v1/observations.xlsx").get_data())
    csv_body = client.get("/api/v1/observations.csv").get_data()
    expected = pd.read_csv(io.BytesIO(csv_body), dtype=str, keep_default_na=False)
    data_sheet = load_workbook(workbook, read_only=True).sheetnames.index("Data") + 1
    written = _convert(soffice, workbook, data_sheet, tmp_path)
    opened = pd.read_csv(written, dtype=str, keep_default_na=False)
    assert list(opened.columns) == list(expected.columns)
    assert len(opened) == len(expected)
    for column in expected.columns:
        if column in NUMBERS:  # a spreadsheet keeps 15 significant digits
            for got, want in zip(opened[column], expected[column], strict=True):
                assert (got == "") == (want == ""), column
                if want:
                    assert float(got) == pytest.approx(float(want), rel=1e-14), column
        else:  # text as written, dates as yyyy-mm-dd
            assert list(opened[column]) == list(expected[column]), column
