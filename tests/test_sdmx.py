"""SDMX exports read back as a statistical office's tool reads them — pysdmx, the structure
validated against the official SDMX-ML 3.0 schemas — and compared with the API's CSV extract:
every dated observation with its value and every attribute, codelists that cover the data, the
qualifier → OBS_STATUS mapping docs/api.md states, valid SDMX time, and the CSV's errors."""

from __future__ import annotations

import calendar
import io
import math
import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from pysdmx.io import get_datasets, read_sdmx
from pysdmx.model import Codelist, Dataflow, DataStructureDefinition

from dashboard.exports.sdmx import SDMX_ID, sdmx_time, unit_code
from dashboard.model.formatting import QUALIFIER_WORDS
from etl.model import UNITS
from etl.normalize import parse_period

REPO = Path(__file__).resolve().parent.parent
SERIES = "trade.by_ua.turnover"
CSV_TYPE = "application/vnd.sdmx.data+csv; version=2.0.0"
STRUCTURE_TYPE = "application/vnd.sdmx.structure+xml; version=3.0.0"
KEY = ("SERIES", "SOURCE", "TIME_PERIOD")
TEXT = {
    "series_title": "TITLE",
    "unit": "UNIT_MEASURE",
    "qualifier": "QUALIFIER",
    "value_as_written": "VALUE_AS_WRITTEN",
    "wording": "WORDING",
    "source_id": "SOURCE",
    "citation": "CITATION",
    "url": "SOURCE_URL",
    "locator": "LOCATOR",
    "evidence": "EVIDENCE",
    "quote_link": "QUOTE_LINK",
    "method": "METHOD",
    "derived_from": "DERIVED_FROM",
    "note": "COMMENT_OBS",
    "caveat": "CAVEAT",
    "statistics_from": "STATISTICS_FROM",
    "statistics_basis": "STATISTICS_BASIS",
    "obs_id": "OBS_ID",
}
"""Extract column → the SDMX component that carries it as the same text."""
NUMBERS = {
    "value": "OBS_VALUE",
    "value_low": "VALUE_LOW",
    "value_high": "VALUE_HIGH",
    "interval_low": "INTERVAL_LOW",
    "interval_high": "INTERVAL_HIGH",
}
PERIODS = {"base_period": "BASE_PERIOD", "as_of": "AS_OF"}
"""Extract columns holding a period label → the component holding it as SDMX time."""
SPAN = ("series_id", "period", "period_start", "period_end")
"""Carried by the SERIES code and TIME_PERIOD (checked on their own)."""
DURATION = re.compile(r"P(\d+)([YMD])")


def _get(client, url: str, media_type: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.get_data()[:300]
    assert response.headers["Content-Type"] == media_type
    return response.get_data(as_text=True)


def _extract(client, url: str) -> pd.DataFrame:
    """The API's CSV extract, every field as text ('' when empty)."""
    body = client.get(url).get_data()
    return pd.read_csv(io.BytesIO(body), dtype=str, keep_default_na=False)


def _sdmx_rows(client, url: str) -> pd.DataFrame:
    """An SDMX-CSV file read with pysdmx against the published structure, by OBS_ID."""
    structure = _get(client, "/api/v1/sdmx/structure.xml", STRUCTURE_TYPE)
    (dataset,) = get_datasets(_get(client, url, CSV_TYPE), structure)
    assert dataset.short_urn == "Dataflow=BELARUS_INDICATORS:OBSERVATIONS(1.1.0)"
    return dataset.data.set_index("OBS_ID", drop=False)


def _structures(client) -> list:
    return read_sdmx(_get(client, "/api/v1/sdmx/structure.xml", STRUCTURE_TYPE)).structures


def _span_of(sdmx: str) -> tuple[date, date]:
    """First and last day of an SDMX time value: YYYY, YYYY-MM, YYYY-MM-DD or a time range
    (start/PnY, PnM or PnD). Anything else is not one of the forms docs/api.md promises."""
    if re.fullmatch(r"\d{4}", sdmx):
        return date(int(sdmx), 1, 1), date(int(sdmx), 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", sdmx):
        year, month = map(int, sdmx.split("-"))
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", sdmx):
        day = date.fromisoformat(sdmx)
        return day, day
    start_text, _, duration = sdmx.partition("/")
    start = date.fromisoformat(start_text)
    match = DURATION.fullmatch(duration)
    assert match, f"{sdmx!r} is not SDMX time"
    count, unit = int(match[1]), match[2]
    if unit == "D":
        return start, start + timedelta(days=count - 1)
    months = count * 12 if unit == "Y" else count
    year, month = divmod(start.month - 1 + months, 12)
    return start, date(start.year + year, month + 1, 1) - timedelta(days=1)


def _text(value) -> str:
    missing = value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
    return "" if missing else str(value)


def _number(value) -> float | None:
    text = _text(value)
    return None if text == "" else float(text)


def _documented_obs_status() -> dict[str, str]:
    """The qualifier → OBS_STATUS table of docs/api.md, as a reader of the docs sees it."""
    table = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)` \| `([A-Z])` \|", table, flags=re.MULTILINE)
    return dict(rows)


def test_every_dated_observation_of_the_csv_is_in_the_sdmx_csv_with_its_value_and_attributes(
    client,
):
    extract = _extract(client, "/api/v1/observations.csv")
    rows = _sdmx_rows(client, "/api/v1/observations.sdmx.csv")
    dated = extract[extract["period_start"] != ""]
    assert sorted(rows.index) == sorted(dated["obs_id"])
    assert set(extract.columns) - {*TEXT, *NUMBERS, *PERIODS, *SPAN} == set()  # all checked
    for expected in dated.to_dict("records"):
        row = rows.loc[expected["obs_id"]]
        assert row["SERIES"].replace("-", ".") == expected["series_id"]
        start, end = _span_of(row["TIME_PERIOD"])
        assert (start.isoformat(), end.isoformat()) == (
            expected["period_start"],
            expected["period_end"],
        ), expected["period"]
        for column, component in TEXT.items():
            if column not in expected:  # a column this build's extract does not have
                continue
            written = unit_code(expected[column]) if column == "unit" else expected[column]
            assert _text(row[component]) == written, (expected["obs_id"], component)
        for column, component in NUMBERS.items():
            assert _number(row[component]) == _number(expected[column]), (
                expected["obs_id"],
                component,
            )
        for column, component in PERIODS.items():
            written = _text(row[component])
            if expected[column] == "":
                assert written == ""
            else:
                period = parse_period(expected[column])
                assert _span_of(written) == (period.start, period.end), component
        assert row["UNIT_MULT"] == "0"  # values are in base units, as in the CSV


def test_only_undated_figures_are_left_out_of_the_sdmx_file(client):
    extract = _extract(client, "/api/v1/observations.csv")
    rows = _sdmx_rows(client, "/api/v1/observations.sdmx.csv")
    left_out = extract[~extract["obs_id"].isin(rows.index)]
    assert set(left_out["period"]) <= {"undated"}
    assert (left_out["period_start"] == "").all()


def test_the_key_identifies_each_observation_and_series_attributes_hold_per_series(client):
    rows = _sdmx_rows(client, "/api/v1/observations.sdmx.csv")
    assert not rows.duplicated(list(KEY)).any()
    attached = {
        component.id: component.attachment_level
        for component in _structure(client, DataStructureDefinition).components
        if component.attachment_level not in (None, "O", "D")
    }
    assert attached  # unit, title and citation are declared on their dimension
    for component, dimension in attached.items():
        per_code = rows.groupby(dimension)[component].nunique(dropna=False)
        assert (per_code == 1).all(), component


def _structure(client, kind: type):
    return next(s for s in _structures(client) if isinstance(s, kind))


def _codelist(client, codelist_id: str) -> Codelist:
    return next(s for s in _structures(client) if isinstance(s, Codelist) and s.id == codelist_id)


def test_the_structure_declares_the_csvs_columns_in_order_and_its_dataflow(client):
    dsd = _structure(client, DataStructureDefinition)
    flow = _structure(client, Dataflow)
    assert flow.structure == f"DataStructure={dsd.agency}:{dsd.id}({dsd.version})"
    body = _get(client, "/api/v1/observations.sdmx.csv", CSV_TYPE)
    header = body.split("\r\n", 1)[0].split(",")
    assert header[:3] == ["STRUCTURE", "STRUCTURE_ID", "ACTION"]
    assert header[3:] == [component.id for component in dsd.components]
    roles = [str(component.role) for component in dsd.components]
    assert roles[:4] == ["Dimension"] * 3 + ["Measure"]
    assert [c.id for c in dsd.components][:4] == [*KEY, "OBS_VALUE"]
    first = pd.read_csv(io.StringIO(body), dtype=str).iloc[0]
    assert first["STRUCTURE"] == "dataflow"
    assert first["STRUCTURE_ID"] == f"{flow.agency}:{flow.id}({flow.version})"


def test_the_codelists_cover_every_series_document_unit_and_qualifier_in_the_data(client):
    extract = _extract(client, "/api/v1/observations.csv")
    series = {code.id: code for code in _codelist(client, "CL_SERIES").items}
    for series_id, title in extract.groupby("series_id")["series_title"].first().items():
        code = series[series_id.replace(".", "-")]
        assert code.name == title
        assert {a.type: a.text for a in code.annotations}["series_id"] == series_id
    sources = {code.id: code for code in _codelist(client, "CL_SOURCE").items}
    for source_id, citation in extract.groupby("source_id")["citation"].first().items():
        assert sources[source_id].name == citation
    units = {code.id for code in _codelist(client, "CL_UNIT").items}
    assert {unit_code(unit) for unit in extract["unit"]} <= units
    qualifiers = {code.id: code.name for code in _codelist(client, "CL_QUALIFIER").items}
    assert qualifiers == QUALIFIER_WORDS
    statuses = {code.id for code in _codelist(client, "CL_OBS_STATUS").items}
    assert set(_documented_obs_status().values()) <= statuses


def test_obs_status_is_the_mapping_docs_api_md_states_for_every_qualifier(client):
    documented = _documented_obs_status()
    assert set(documented) == set(QUALIFIER_WORDS)
    rows = _sdmx_rows(client, "/api/v1/observations.sdmx.csv")
    for qualifier, status in zip(rows["QUALIFIER"], rows["OBS_STATUS"], strict=True):
        assert status == documented[qualifier], qualifier
    described = {c.id: c.description for c in _codelist(client, "CL_QUALIFIER").items}
    for qualifier, status in documented.items():
        assert described[qualifier].endswith(f"OBS_STATUS {status}")


@pytest.mark.parametrize("unit", UNITS)
def test_every_unit_has_a_valid_sdmx_code_that_reads_back_as_the_unit(unit):
    code = unit_code(unit)
    assert SDMX_ID.fullmatch(code), code
    assert code.replace("_", " ") == unit


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2012, 1, 1), date(2012, 12, 31)),
        (date(2016, 2, 1), date(2016, 2, 29)),
        (date(2019, 12, 7), date(2019, 12, 7)),
        (date(2023, 1, 1), date(2023, 7, 31)),
        (date(2023, 10, 1), date(2024, 12, 31)),
        (date(2022, 1, 1), date(2024, 12, 31)),
        (date(2020, 1, 1), date(2020, 8, 3)),
        (date(2019, 12, 7), date(2019, 12, 20)),
        (date(2021, 7, 1), date(2022, 6, 30)),
    ],
)
def test_sdmx_time_spans_exactly_the_period_and_is_a_range_only_when_no_period_is(start, end):
    written = sdmx_time(start, end)
    assert _span_of(written) == (start, end)
    month_end = (end + timedelta(days=1)).day == 1
    one_month = start.day == 1 and month_end and (start.year, start.month) == (end.year, end.month)
    one_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and (
        start.year == end.year
    )
    assert ("/" in written) == (not (start == end or one_month or one_year))


def test_the_filters_select_the_csvs_rows(client):
    for query in ("?from=2021&to=2022", "?as_of=2019-12", f"?series={SERIES},debt.fx_reserves"):
        extract = _extract(client, f"/api/v1/observations.csv{query}")
        rows = _sdmx_rows(client, f"/api/v1/observations.sdmx.csv{query}")
        dated = extract[extract["period_start"] != ""]
        assert sorted(rows.index) == sorted(dated["obs_id"]), query
    extract = _extract(client, f"/api/v1/series/{SERIES}.csv?from=2022")
    rows = _sdmx_rows(client, f"/api/v1/series/{SERIES}.sdmx.csv?from=2022")
    assert list(rows.index) == list(extract["obs_id"])


def test_the_files_are_named_cached_and_rfc_4180(client):
    response = client.get(f"/api/v1/series/{SERIES}.sdmx.csv?from=2021")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="belarus-indicators_{SERIES}_2021-end.sdmx.csv"'
    )
    body = response.get_data(as_text=True)
    assert body.count("\r\n") == body.count("\n")  # CRLF line ends
    for url in (f"/api/v1/series/{SERIES}.sdmx.csv", "/api/v1/sdmx/structure.xml"):
        etag = client.get(url).headers["ETag"]
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/v1/observations.sdmx.csv?from=20x9", 400, "'from'"),
        ("/api/v1/observations.sdmx.csv?from=2022&to=2020", 400, "'from' is after 'to'"),
        ("/api/v1/observations.sdmx.csv?as_of=yesterday", 400, "'as_of'"),
        ("/api/v1/observations.sdmx.csv?colour=red", 400, "unknown parameter"),
        ("/api/v1/observations.sdmx.csv?series=no.such", 404, "unknown series"),
        ("/api/v1/series/no.such.sdmx.csv", 404, "unknown series"),
        (f"/api/v1/series/{SERIES}.sdmx.csv?series=x", 400, "unknown parameter"),
        ("/api/v1/sdmx/structure.xml?from=2020", 400, "unknown parameter"),
    ],
)
def test_bad_parameters_are_refused_with_a_message(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in response.get_json()["error"]
