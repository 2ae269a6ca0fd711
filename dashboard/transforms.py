"""Views of a series that need no new data: level, change against the previous available
observation, and an index to a base year. Each transformed point keeps the id of the observation
it is drawn for, so the reader can still open its record."""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import format_period, format_value


def _group_key(frame: pd.DataFrame) -> pd.Series:
    """Only like is compared with like: years with years, months with months, spans of equal
    length with each other — a part-year is never compared with a full year."""
    span_days = (
        pd.to_datetime(frame["period_end"]) - pd.to_datetime(frame["period_start"])
    ).dt.days
    return frame["series_id"] + "|" + frame["period_kind"] + "|" + (span_days // 27).astype(str)


def apply_transform(
    rows: pd.DataFrame, transform: str, base_year: int | None, units: dict[str, str]
) -> pd.DataFrame:
    """Add y, y_low, y_high and transform_note columns; drop points the transform cannot draw."""
    out = rows.copy()
    if transform == "level":
        return out.assign(
            y=out["value"], y_low=out["value_low"], y_high=out["value_high"], transform_note=""
        )
    if transform == "change":
        out = out.sort_values("period_start")
        out["_group"] = _group_key(out)
        previous = out.groupby("_group")[["value", "period", "series_id"]].shift(1)
        out["y"] = (out["value"] / previous["value"] - 1) * 100
        out["transform_note"] = [
            f"change from {format_period(p)} ({format_value(v, units[s])})"
            if isinstance(p, str)
            else ""
            for p, v, s in zip(previous["period"], previous["value"], out["series_id"], strict=True)
        ]
        out = out[previous["value"].notna() & (previous["value"] > 0)]
        return out.drop(columns="_group").assign(y_low=None, y_high=None)
    if transform == "index":
        annual = out[out["period_kind"] == "year"].copy()
        base = annual[annual["period"] == str(base_year)].set_index("series_id")["value"]
        annual = annual[annual["series_id"].isin(base.index)]
        factor = 100 / annual["series_id"].map(base).astype(float)
        return annual.assign(
            y=annual["value"] * factor,
            y_low=annual["value_low"] * factor,
            y_high=annual["value_high"] * factor,
            transform_note=f"index, {base_year} = 100",
        )
    raise ValueError(f"unknown transform {transform!r}")
