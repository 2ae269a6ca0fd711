"""The rows behind a chart, with the citation on every row: what the table view shows and what the
CSV download contains (same rows, same columns), so a pasted row still says where it came from."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from dashboard.data import Dataset

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
    "base_period",
    "source_id",
    "citation",
    "url",
    "locator",
    "evidence",
    "method",
    "derived_from",
    "note",
    "obs_id",
)


@lru_cache(maxsize=512)
def select_observations(
    data: Dataset, series: tuple[str, ...], start_year: int | None, end_year: int | None
) -> pd.DataFrame:
    """Observations of the given series whose period lies within [start_year, end_year].

    Memoized (the data never changes in a process): callers must not modify the frame.
    """
    rows = data.observations[data.observations["series_id"].isin(series)]
    if start_year is not None:
        rows = rows[rows["start_year"] >= start_year]
    if end_year is not None:
        rows = rows[rows["end_year"] <= end_year]
    order = {s: i for i, s in enumerate(series)}
    return rows.sort_values(
        ["series_id", "period_start", "period_end", "obs_id"],
        key=lambda c: c.map(order) if c.name == "series_id" else c,
    )


def extract(
    data: Dataset,
    series: tuple[str, ...],
    start_year: int | None = None,
    end_year: int | None = None,
) -> pd.DataFrame:
    """The extract of exactly what a chart shows, citation columns included."""
    rows = select_observations(data, series, start_year, end_year)
    series_info = data.series.set_index("series_id")
    sources = data.sources.set_index("source_id")
    out = rows.assign(
        series_title=rows["series_id"].map(series_info["title"]),
        unit=rows["series_id"].map(series_info["unit"]),
        citation=rows["source_id"].map(sources["short_citation"]),
        url=rows["source_id"].map(sources["url"]),
        derived_from=rows["derived_from"].map(lambda ids: ";".join(ids)),
    )
    return out.loc[:, list(EXTRACT_COLUMNS)].reset_index(drop=True)
