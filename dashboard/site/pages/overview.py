"""Overview: the headline indicators — latest value, change, source — each linking to its chart."""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from dashboard.charts.declarations import default_registry
from dashboard.charts.state import ViewState, state_query
from dashboard.model.data import Dataset, active_dataset
from dashboard.model.formatting import format_observed, format_period
from dashboard.site.layout import built_once_per_dataset, page_header

dash.register_page(
    __name__,
    path="/",
    name="Overview",
    title="belarus-indicators — sourced indicators on Belarus, Ukraine and Russia",
    order=0,
    description="Headline indicators of Belarus's ties with Ukraine and Russia, each cited.",
)


def _change_text(data: Dataset, series_id: str, latest: pd.Series, unit: str) -> str:
    """The stated change for the latest period if a document gives one, else the previous level."""
    change_series = data.series[data.series["change_of"] == series_id]["series_id"]
    stated = data.observations[
        data.observations["series_id"].isin(change_series)
        & (data.observations["period"] == latest["period"])
    ]
    if not stated.empty:
        change = stated.iloc[0]
        return f"{change['value']:+g}% on {format_period(change['base_period'])}".replace(
            "-", "−"
        ) + (" (stated)" if change["qualifier"] != "derived" else " (computed)")
    earlier = data.observations[
        (data.observations["series_id"] == series_id)
        & (data.observations["period_end"] < latest["period_start"])
    ]
    measure = data.series.set_index("series_id").loc[series_id, "measure"]
    if measure == "flow":  # amounts over a period compare only with spans of the same kind
        earlier = earlier[earlier["period_kind"] == latest["period_kind"]]
    same_kind = earlier.sort_values("period_end")
    if same_kind.empty:
        return "no earlier figure"
    previous = same_kind.iloc[-1]
    before = format_observed(
        previous["value"],
        previous["value_low"],
        previous["value_high"],
        previous["qualifier"],
        unit,
    )
    return f"previously {before} ({format_period(previous['period'])})"


def headline_card(data: Dataset, series_id: str, chart_id: str) -> html.Article:
    registry = default_registry()
    spec = registry.get(chart_id)
    info = data.series.set_index("series_id").loc[series_id]
    rows = data.observations[data.observations["series_id"] == series_id].sort_values(
        ["period_end", "period_start"]
    )
    latest = rows.iloc[-1]
    citation = data.sources.set_index("source_id").loc[latest["source_id"], "short_citation"]
    value = format_observed(
        latest["value"],
        latest["value_low"],
        latest["value_high"],
        latest["qualifier"],
        info["unit"],
    )
    href = f"/{spec.page}{state_query(ViewState(spec.chart_id, spec.series))}"
    return html.Article(
        [
            html.H2(dcc.Link(info["title"], href=href)),
            html.P(value, className="headline-value"),
            html.P(format_period(latest["period"]), className="headline-period"),
            html.P(
                _change_text(data, series_id, latest, info["unit"]), className="headline-change"
            ),
            html.P(
                f"{latest['qualifier'].replace('_', ' ')} · {citation}", className="headline-source"
            ),
        ],
        className="card",
    )


@built_once_per_dataset
def layout(**_query: str):
    data = active_dataset()
    registry = default_registry()
    inconsistent = int((data.checks["status"] == "inconsistent").sum())
    return [
        page_header(
            "Belarus, Ukraine and Russia in numbers",
            f"{len(data.observations)} figures from {len(data.sources)} policy articles "
            "(2018–2024), each cited to the sentence that states it. Click any point in a chart "
            "for its document, section and quote.",
        ),
        html.Section(
            [headline_card(data, h.series_id, h.chart_id) for h in registry.headlines],
            className="cards",
            **{"aria-label": "Headline indicators"},
        ),
        html.P(
            [
                f"The documents contradict themselves in {inconsistent} of {len(data.checks)} "
                "consistency checks: ",
                dcc.Link("see what the checks found", href="/quality"),
                ".",
            ],
            className="callout",
        ),
    ]
