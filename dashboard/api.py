"""Machine-readable routes under /api/v1: extracts with citations on every row.

Bad input never reaches a stack trace: unknown ids answer 404 and malformed parameters 400, each
with a JSON message saying what was wrong.
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, jsonify, request

from dashboard.charts import default_registry
from dashboard.data import active_dataset
from dashboard.extract import extract
from dashboard.figures import chart_rows
from dashboard.state import default_state

api = Blueprint("api", __name__, url_prefix="/api/v1")
YEAR = re.compile(r"\d{4}")


class BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@api.errorhandler(BadRequest)
def _bad_request(error: BadRequest):
    return jsonify({"error": error.message, "status": error.status}), error.status


def _year_param(name: str) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    if not YEAR.fullmatch(raw) or not 1900 <= int(raw) <= 2100:
        raise BadRequest(400, f"'{name}' must be a year between 1900 and 2100, got {raw[:20]!r}")
    return int(raw)


def _range() -> tuple[int | None, int | None]:
    start, end = _year_param("from"), _year_param("to")
    if start and end and start > end:
        raise BadRequest(400, "'from' is after 'to'")
    return start, end


def _csv(series: tuple[str, ...], filename: str) -> Response:
    start, end = _range()
    frame = extract(active_dataset(), series, start, end)
    span = f"_{start or 'start'}-{end or 'end'}" if start or end else ""
    body = frame.to_csv(index=False, lineterminator="\r\n")
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}{span}.csv"'},
    )


@api.get("/observations.csv")
def observations_csv() -> Response:
    data = active_dataset()
    known = tuple(data.series["series_id"])
    wanted = request.args.get("series")
    if wanted:
        series = tuple(s for s in wanted.split(",") if s)
        unknown = [s for s in series if s not in known]
        if unknown:
            raise BadRequest(404, f"unknown series: {', '.join(u[:60] for u in unknown[:5])}")
    else:
        series = known
    name = "belarus-indicators_" + (
        "_".join(series) if wanted and len(series) <= 3 else "observations"
    )
    return _csv(series, name)


@api.get("/series/<series_id>.csv")
def series_csv(series_id: str) -> Response:
    if series_id not in set(active_dataset().series["series_id"]):
        raise BadRequest(404, f"unknown series {series_id[:60]!r}")
    return _csv((series_id,), f"belarus-indicators_{series_id}")


@api.get("/charts/<chart_id>/obs_ids")
def chart_obs_ids(chart_id: str):
    """The observation ids a chart draws in its default view (what a browser test should see)."""
    spec = default_registry().get(chart_id)
    if spec is None:
        raise BadRequest(404, f"unknown chart {chart_id[:60]!r}")
    rows = chart_rows(spec, active_dataset(), default_state(spec))
    return jsonify(sorted(rows["obs_id"]))
