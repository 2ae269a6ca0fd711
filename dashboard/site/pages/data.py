"""Data: the catalogue of series — unit, coverage, sources — with download links."""

from __future__ import annotations

import dash
import pandas as pd
from dash import html

from dashboard.model.data import active_dataset
from dashboard.model.formatting import format_coverage
from dashboard.site.layout import built_once_per_dataset, page_header

dash.register_page(
    __name__,
    path="/data",
    name="Data",
    title="Data catalogue and downloads — belarus-indicators",
    order=103,  # after the topic pages, however many charts.yaml declares
    description="Every series with its unit, coverage and sources, and CSV downloads.",
)


def coverage(obs: pd.DataFrame) -> str:
    """The series' coverage, each period said once: from its earliest period (by start) to its
    latest (by end), and whether some figures are undated."""
    dated = obs[obs["period_kind"] != "undated"]
    if dated.empty:
        return format_coverage(None, None, undated=True)
    first = dated.sort_values(["period_start", "period_end"]).iloc[0]["period"]
    last = dated.sort_values(["period_end", "period_start"]).iloc[-1]["period"]
    return format_coverage(first, last, undated=len(dated) < len(obs))


@built_once_per_dataset
def layout(**_query: str):
    data = active_dataset()
    citations = dict(zip(data.sources["source_id"], data.sources["short_citation"], strict=True))
    rows = []
    for series in data.series.sort_values(["topic", "series_id"]).itertuples():
        obs = data.observations[data.observations["series_id"] == series.series_id].sort_values(
            "period_start"
        )
        if obs.empty:
            continue
        derived = int((obs["qualifier"] == "derived").sum())
        rows.append(
            html.Tr(
                [
                    html.Td([html.Strong(series.title), html.Br(), html.Code(series.series_id)]),
                    html.Td(series.topic),
                    html.Td(series.unit),
                    html.Td(series.measure),
                    html.Td(coverage(obs)),
                    html.Td(f"{len(obs)}" + (f" ({derived} derived)" if derived else "")),
                    html.Td("; ".join(citations[s] for s in dict.fromkeys(obs["source_id"]))),
                    html.Td(
                        [
                            html.A(
                                "CSV",
                                href=f"/api/v1/series/{series.series_id}.csv",
                                download="",
                                **{"aria-label": f"Download {series.title} as CSV"},
                            ),
                            " · ",
                            html.A(
                                "Excel",
                                href=f"/api/v1/series/{series.series_id}.xlsx",
                                download="",
                                **{"aria-label": f"Download {series.title} as an Excel workbook"},
                            ),
                        ]
                    ),
                ]
            )
        )
    return [
        page_header(
            "Data",
            "Every series in the dataset. Each CSV row carries its citation: source, section, "
            "quote, qualifier, and for derived values the method and inputs.",
        ),
        html.P(
            [
                html.A(
                    "All observations (CSV)",
                    href="/api/v1/observations.csv",
                    download="",
                    className="button",
                ),
                html.A(
                    "All observations (Excel)",
                    href="/api/v1/observations.xlsx",
                    download="",
                    className="button",
                ),
                html.A(
                    "All observations (SDMX-CSV)",
                    href="/api/v1/observations.sdmx.csv",
                    download="",
                    className="button",
                ),
                html.A(
                    "SDMX structure",
                    href="/api/v1/sdmx/structure.xml",
                    download="",
                    className="button",
                ),
            ],
            className="chart-actions",
        ),
        html.Div(
            html.Table(
                [
                    html.Caption("Series catalogue"),
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(h, scope="col")
                                for h in (
                                    "Series",
                                    "Topic",
                                    "Unit",
                                    "Measure",
                                    "Coverage",
                                    "Points",
                                    "Sources",
                                    "Download",
                                )
                            ]
                        )
                    ),
                    html.Tbody(rows),
                ],
                className="data-table",
            ),
            className="table-scroll",
            tabIndex="0",
        ),
    ]
