"""Machine-readable routes under /api/v1: extracts with the citation on every row.

Every response carries ETag and Cache-Control; unknown ids answer 404 and malformed parameters
400, each with a JSON message saying what was wrong — never a stack trace.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Callable
from datetime import date

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from flask import Blueprint, Response, request

from dashboard.charts.declarations import default_registry
from dashboard.charts.state import default_state, state_query
from dashboard.exports import annotations, sdmx
from dashboard.exports.workbook import MEDIA_TYPE as WORKBOOK
from dashboard.exports.workbook import workbook_bytes
from dashboard.model.data import active_dataset
from dashboard.model.extract import extract
from dashboard.model.lookups import lookups
from dashboard.web.hosts import site_origin
from dashboard.web.http import ApiError, cached_body, cached_response, etag_for, request_key
from etl.normalize import NormalizationError, parse_period

api = Blueprint("api", __name__, url_prefix="/api/v1")
YEAR = re.compile(r"\d{4}")
ALLOWED = {"from", "to", "series", "as_of"}
AS_OF = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _as_of_param() -> date | None:
    """``as_of=2019``, ``2019-12`` or ``2019-12-20``: the last day of that year, month or day."""
    raw = request.args.get("as_of")
    if raw is None or raw == "":
        return None
    if not AS_OF.fullmatch(raw):
        raise ApiError(
            400, f"'as_of' must be a date (2019, 2019-12 or 2019-12-20), got {raw[:20]!r}"
        )
    try:
        return parse_period(raw).end
    except NormalizationError as error:
        raise ApiError(400, f"'as_of': {error}") from None


def _year_param(name: str) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    if not YEAR.fullmatch(raw) or not 1900 <= int(raw) <= 2100:
        raise ApiError(400, f"'{name}' must be a year between 1900 and 2100, got {raw[:20]!r}")
    return int(raw)


def _filters(allowed: set[str]) -> tuple[int | None, int | None]:
    unknown = sorted(set(request.args) - allowed)
    if unknown:
        raise ApiError(400, f"unknown parameter(s): {', '.join(u[:30] for u in unknown[:5])}")
    start, end = _year_param("from"), _year_param("to")
    if start and end and start > end:
        raise ApiError(400, "'from' is after 'to'")
    return start, end


def _span(start: int | None, end: int | None) -> str:
    """File-name suffix for the selection: years, and the vintage when one is asked for."""
    span = f"_{start or 'start'}-{end or 'end'}" if start or end else ""
    as_of = request.args.get("as_of")
    return span + (f"_as-of-{as_of}" if as_of and AS_OF.fullmatch(as_of) else "")


def _known_series(series_id: str) -> None:
    if series_id not in lookups(active_dataset()).series:
        raise ApiError(404, f"unknown series {series_id[:60]!r}; see /api/v1/series")


def _json_safe(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _json_safe(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _json(build: Callable[[], object], filename: str | None = None) -> Response:
    """A JSON response whose body is built once per (route, parameters, data version)."""
    version = active_dataset().version
    body = cached_body(
        request_key(version),
        lambda: json.dumps(build(), ensure_ascii=False, indent=1, default=_json_safe),
    )
    return cached_response(body, "application/json", version=version, filename=filename)


def _csv(build: Callable[[], pd.DataFrame], filename: str) -> Response:
    """A CSV response (RFC 4180: CRLF, quoted as needed, UTF-8), built once per request key."""
    version = active_dataset().version
    body = cached_body(
        request_key(version), lambda: build().to_csv(index=False, lineterminator="\r\n")
    )
    return cached_response(body, "text/csv", version=version, filename=f"{filename}.csv")


def _selected_series() -> tuple[str, ...]:
    data = active_dataset()
    wanted = request.args.get("series")
    if not wanted:
        return tuple(lookups(data).series)
    series = tuple(dict.fromkeys(s for s in wanted.split(",") if s))
    for series_id in series:
        _known_series(series_id)
    return series


def _observations_name(series: tuple[str, ...]) -> str:
    if request.args.get("series") and len(series) <= 3:
        return "belarus-indicators_" + "_".join(series)
    return "belarus-indicators_observations"


@api.get("/series")
def series_catalogue() -> Response:
    """Every series with unit, coverage, sources and its download links."""
    _filters(set())
    return _json(_catalogue)


def _catalogue() -> dict:
    data = active_dataset()
    catalogue = []
    for row in data.series.to_dict("records"):
        obs = data.observations[data.observations["series_id"] == row["series_id"]]
        obs = obs.sort_values("period_start")
        if obs.empty:
            continue
        catalogue.append(
            {
                **{k: _json_safe(v) for k, v in row.items()},
                "observations": len(obs),
                "derived": int((obs["qualifier"] == "derived").sum()),
                "first_period": obs["period"].iloc[0],
                "last_period": obs["period"].iloc[-1],
                "sources": list(dict.fromkeys(obs["source_id"])),
                "csv": f"/api/v1/series/{row['series_id']}.csv",
                "json": f"/api/v1/series/{row['series_id']}.json",
                "xlsx": f"/api/v1/series/{row['series_id']}.xlsx",
            }
        )
    return {"data_version": data.version, "series": catalogue}


@api.get("/series/<series_id>.csv")
def series_csv(series_id: str) -> Response:
    _known_series(series_id)
    start, end = _filters({"from", "to", "as_of"})
    as_of = _as_of_param()
    return _csv(
        lambda: extract(active_dataset(), (series_id,), start, end, as_of),
        f"belarus-indicators_{series_id}{_span(start, end)}",
    )


@api.get("/series/<series_id>.json")
def series_json(series_id: str) -> Response:
    _known_series(series_id)
    start, end = _filters({"from", "to", "as_of"})
    as_of = _as_of_param()
    data = active_dataset()

    def build() -> dict:
        definition = data.series[data.series["series_id"] == series_id].iloc[0].to_dict()
        return {
            "data_version": data.version,
            "series": {k: _json_safe(v) for k, v in definition.items()},
            "as_of": as_of.isoformat() if as_of else None,
            "observations": _records(extract(data, (series_id,), start, end, as_of)),
        }

    return _json(build)


@api.get("/observations.csv")
def observations_csv() -> Response:
    start, end = _filters(ALLOWED)
    as_of = _as_of_param()
    series = _selected_series()
    return _csv(
        lambda: extract(active_dataset(), series, start, end, as_of),
        _observations_name(series) + _span(start, end),
    )


def _xlsx(build: Callable[[], pd.DataFrame], filename: str, title: str) -> Response:
    """An Excel workbook of the extract (dashboard/exports/workbook.py), built once per request
    key. Its ETag names the request, not the bytes: a workbook records when it was written."""
    data = active_dataset()
    key = request_key(data.version)
    link = f"{site_origin()}{request.full_path.rstrip('?')}"
    body = cached_body(key, lambda: workbook_bytes(build(), data, title, link))
    return cached_response(
        body,
        WORKBOOK,
        version=data.version,
        filename=f"{filename}.xlsx",
        etag=etag_for(key.encode(), data.version),
    )


@api.get("/series/<series_id>.xlsx")
def series_xlsx(series_id: str) -> Response:
    _known_series(series_id)
    start, end = _filters({"from", "to", "as_of"})
    as_of = _as_of_param()
    title = lookups(active_dataset()).series[series_id]["title"]
    return _xlsx(
        lambda: extract(active_dataset(), (series_id,), start, end, as_of),
        f"belarus-indicators_{series_id}{_span(start, end)}",
        f"{title} — belarus-indicators",
    )


@api.get("/observations.xlsx")
def observations_xlsx() -> Response:
    start, end = _filters(ALLOWED)
    as_of = _as_of_param()
    series = _selected_series()
    return _xlsx(
        lambda: extract(active_dataset(), series, start, end, as_of),
        _observations_name(series) + _span(start, end),
        "Observations — belarus-indicators",
    )


def _sdmx_csv(build: Callable[[], pd.DataFrame], filename: str) -> Response:
    """An SDMX-CSV 2.0 response of the extract (dashboard/exports/sdmx.py), built once per
    request key; the structure it names is at /api/v1/sdmx/structure.xml."""
    version = active_dataset().version
    body = cached_body(request_key(version), lambda: sdmx.sdmx_csv(build()))
    return cached_response(
        body, sdmx.CSV_MEDIA_TYPE, version=version, filename=f"{filename}.sdmx.csv"
    )


@api.get("/series/<series_id>.sdmx.csv")
def series_sdmx_csv(series_id: str) -> Response:
    _known_series(series_id)
    start, end = _filters({"from", "to", "as_of"})
    as_of = _as_of_param()
    return _sdmx_csv(
        lambda: extract(active_dataset(), (series_id,), start, end, as_of),
        f"belarus-indicators_{series_id}{_span(start, end)}",
    )


@api.get("/observations.sdmx.csv")
def observations_sdmx_csv() -> Response:
    start, end = _filters(ALLOWED)
    as_of = _as_of_param()
    series = _selected_series()
    return _sdmx_csv(
        lambda: extract(active_dataset(), series, start, end, as_of),
        _observations_name(series) + _span(start, end),
    )


@api.get("/sdmx/structure.xml")
def sdmx_structure() -> Response:
    """The SDMX-ML 3.0 structure (dataflow, DSD, codelists) the SDMX-CSV files name. Its ETag
    names the request, not the bytes: the message records when it was prepared."""
    _filters(set())
    data = active_dataset()
    key = request_key(data.version)
    body = cached_body(key, lambda: sdmx.structure_xml(data))
    return cached_response(
        body,
        sdmx.STRUCTURE_MEDIA_TYPE,
        version=data.version,
        filename="belarus-indicators_structure.xml",
        etag=etag_for(key.encode(), data.version),
    )


@api.get("/observations.parquet")
def observations_parquet() -> Response:
    start, end = _filters(ALLOWED)
    as_of = _as_of_param()
    series = _selected_series()
    frame = extract(active_dataset(), series, start, end, as_of)
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buffer, compression="zstd")
    return cached_response(
        buffer.getvalue(),
        "application/vnd.apache.parquet",
        version=active_dataset().version,
        filename=_observations_name(series) + _span(start, end) + ".parquet",
    )


@api.get("/sources.json")
def sources_json() -> Response:
    _filters(set())
    data = active_dataset()
    return _json(lambda: {"data_version": data.version, "sources": _records(data.sources)})


@api.get("/sources.bib")
def sources_bib() -> Response:
    _filters(set())
    data = active_dataset()
    body = "\n\n".join(data.sources.sort_values("source_id")["bibtex"]) + "\n"
    return cached_response(
        body, "application/x-bibtex", version=data.version, filename="belarus-indicators.bib"
    )


@api.get("/charts")
def charts_catalogue() -> Response:
    """Every chart with its page link, image links and embed link."""
    _filters(set())
    charts = []
    for spec in default_registry().charts:
        query = state_query(default_state(spec))
        charts.append(
            {
                "chart_id": spec.chart_id,
                "title": spec.title,
                "subtitle": spec.subtitle,
                "series": list(spec.series),
                "page": f"/{spec.page}{query}",
                "png": f"/charts/{spec.chart_id}.png",
                "svg": f"/charts/{spec.chart_id}.svg",
                "embed": f"/embed/{spec.chart_id}",
            }
        )
    return _json(lambda: {"data_version": active_dataset().version, "charts": charts})


@api.get("/annotations.jsonld")
def annotations_jsonld() -> Response:
    """Every quote as a W3C Web Annotation (dashboard/exports/annotations.py)."""
    _filters(set())
    data = active_dataset()
    body = cached_body(
        request_key(data.version),
        lambda: json.dumps(
            annotations.annotation_collection(data, site_origin()), ensure_ascii=False, indent=1
        ),
    )
    return cached_response(body, annotations.MEDIA_TYPE, version=data.version)
