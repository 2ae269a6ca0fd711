"""Views of a series that need no new data: level, change against the previous available
observation, and an index to a base year. Each transformed point keeps the id of the observation
it is drawn for, so the reader can still open its record.

Over plain records (see dashboard/model/lookups.py for why not pandas); the input records are never
modified, each output point is a new dict with y, y_low, y_high and transform_note added.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dashboard.model.formatting import format_period, format_value

Record = dict[str, Any]


def _like_with_like(row: Record) -> tuple[str, str, int]:
    """Only like is compared with like: years with years, months with months, spans of equal
    length with each other — a part-year is never compared with a full year."""
    span_days = (row["period_end"] - row["period_start"]).days
    return row["series_id"], row["period_kind"], span_days // 27


def _scaled(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor


def apply_transform(
    rows: Sequence[Record], transform: str, base_year: int | None, units: dict[str, str]
) -> list[Record]:
    """The points a transform can draw, in the order of ``rows`` (each series' rows in period
    order): points with no earlier like observation (change) or no base value (index) drop out."""
    if transform == "level":
        return [
            {
                **r,
                "y": r["value"],
                "y_low": r["value_low"],
                "y_high": r["value_high"],
                "transform_note": "",
            }
            for r in rows
        ]
    if transform == "change":
        return _changes(rows, units)
    if transform == "index":
        annual = [r for r in rows if r["period_kind"] == "year"]
        base = {r["series_id"]: r["value"] for r in annual if r["period"] == str(base_year)}
        note = f"index, {base_year} = 100"
        return [
            {
                **r,
                "y": r["value"] * (factor := 100 / base[r["series_id"]]),
                "y_low": _scaled(r["value_low"], factor),
                "y_high": _scaled(r["value_high"], factor),
                "transform_note": note,
            }
            for r in annual
            if base.get(r["series_id"])
        ]
    raise ValueError(f"unknown transform {transform!r}")


def _changes(rows: Sequence[Record], units: dict[str, str]) -> list[Record]:
    changes: dict[int, Record] = {}
    previous: dict[tuple[str, str, int], Record] = {}
    for i in sorted(range(len(rows)), key=lambda i: rows[i]["period_start"]):
        row = rows[i]
        key = _like_with_like(row)
        before = previous.get(key)
        previous[key] = row
        if before is None or before["value"] is None or before["value"] <= 0:
            continue
        changes[i] = {
            **row,
            "y": (row["value"] / before["value"] - 1) * 100,
            "y_low": None,
            "y_high": None,
            "transform_note": (
                f"change from {format_period(before['period'])} "
                f"({format_value(before['value'], units[row['series_id']])})"
            ),
        }
    return [changes[i] for i in sorted(changes)]
