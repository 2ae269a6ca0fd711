"""The rows behind a chart, with the citation on every row: what the table view shows and what the
CSV download contains (same rows, same columns), so a pasted row still says where it came from."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pandas as pd

from dashboard.model.data import Dataset
from dashboard.model.lookups import Record, lookups

EXTRACT_COLUMNS = (
    "series_id",
    "series_title",
    "period",
    "period_start",
    "period_end",
    "value",
    "value_low",
    "value_high",
    "unit",
    "qualifier",
    "value_as_written",
    "wording",
    "interval_low",
    "interval_high",
    "base_period",
    "source_id",
    "citation",
    "url",
    "locator",
    "evidence",
    "quote_link",
    "method",
    "derived_from",
    "note",
    "caveat",
    "statistics_from",
    "statistics_basis",
    "as_of",
    "obs_id",
)


@lru_cache(maxsize=1024)
def select_records(
    data: Dataset,
    series: tuple[str, ...],
    start_year: int | None,
    end_year: int | None,
    as_of: date | None = None,
) -> tuple[Record, ...]:
    """Observations of the given series whose period lies within [start_year, end_year]: series
    in the order given, each in period order. The one selection every chart, table and extract
    makes. Memoized (the data never changes in a process): callers must not modify the records.

    ``as_of`` keeps only what the documents had said by that day (an ALFRED-style vintage): rows
    whose document's date ends on or before it. Undated figures count only without a year range.
    """
    found = lookups(data).observations
    filtered = start_year is not None or end_year is not None
    return tuple(
        row
        for series_id in series
        for row in found.get(series_id, ())
        if (row["period_kind"] != "undated" or not filtered)
        and (start_year is None or (row["start_year"] or 0) >= start_year)
        and (end_year is None or (row["end_year"] or 0) <= end_year)
        and (as_of is None or row["as_of_end"] <= as_of)
    )


@lru_cache(maxsize=512)
def select_observations(
    data: Dataset,
    series: tuple[str, ...],
    start_year: int | None,
    end_year: int | None,
    as_of: date | None = None,
) -> pd.DataFrame:
    """The same selection as rows of ``data.observations`` (its columns and types).

    Memoized: callers must not modify the frame.
    """
    rows = [row["_row"] for row in select_records(data, series, start_year, end_year, as_of)]
    return data.observations.loc[rows]


def extract(
    data: Dataset,
    series: tuple[str, ...],
    start_year: int | None = None,
    end_year: int | None = None,
    as_of: date | None = None,
) -> pd.DataFrame:
    """The extract of exactly what a chart shows, citation columns included.

    ``as_of`` keeps only what the documents had said by that day (an ALFRED-style vintage): rows
    whose document's date ends on or before it.
    """
    rows = select_observations(data, series, start_year, end_year, as_of)
    found = lookups(data)
    out = rows.assign(
        series_title=[found.series[s]["title"] for s in rows["series_id"]],
        unit=[found.series[s]["unit"] for s in rows["series_id"]],
        citation=[found.sources[s]["short_citation"] for s in rows["source_id"]],
        url=[found.sources[s]["url"] for s in rows["source_id"]],
        derived_from=[";".join(ids) for ids in rows["derived_from"]],
    )
    return out.loc[:, list(EXTRACT_COLUMNS)].reset_index(drop=True)
