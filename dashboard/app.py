"""Create the Dash app. Placeholder overview until the dashboard issue lands: what the dataset
holds, per series, and the consistency findings — already read from the built parquet."""

from __future__ import annotations

from dash import Dash, html

from dashboard.data import Dataset, load_dataset


def _series_rows(data: Dataset) -> list[html.Tr]:
    counts = data.observations.groupby("series_id").agg(
        n=("obs_id", "size"), first=("period", "first"), last=("period", "last")
    )
    rows = []
    for series in data.series.itertuples():
        if series.series_id not in counts.index:
            continue
        c = counts.loc[series.series_id]
        rows.append(
            html.Tr(
                [
                    html.Td(series.title),
                    html.Td(html.Code(series.series_id)),
                    html.Td(series.unit),
                    html.Td(int(c["n"])),
                    html.Td(f"{c['first']} … {c['last']}"),
                ]
            )
        )
    return rows


def create_app(data: Dataset | None = None) -> Dash:
    data = data or load_dataset()
    app = Dash(__name__, title="belarus-indicators")
    inconsistent = data.checks[data.checks["status"] == "inconsistent"]
    series_count = data.observations["series_id"].nunique()
    columns = ("Series", "id", "Unit", "Points", "Periods")
    header = html.Thead(html.Tr([html.Th(column) for column in columns]))
    app.layout = html.Main(
        [
            html.H1("belarus-indicators"),
            html.P(
                f"{len(data.observations)} cited observations in {series_count} series from "
                f"{len(data.sources)} documents; {len(inconsistent)} of {len(data.checks)} "
                "consistency checks find the documents disagree with themselves."
            ),
            html.H2("Series"),
            html.Table([header, html.Tbody(_series_rows(data))]),
            html.H2("Inconsistencies found"),
            html.Ul([html.Li(m) for m in inconsistent["message"]]),
            html.H2("Sources"),
            html.Ol([html.Li(c) for c in data.sources["citation"]]),
        ],
        lang="en",
    )
    return app
