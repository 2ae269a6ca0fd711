"""Overview: a headline card per topic — latest value, change, source — each linking to its chart
(chosen by rule: dashboard/charts/headlines.py)."""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from dashboard.charts.declarations import default_registry
from dashboard.charts.headlines import Headline, headlines
from dashboard.charts.state import ViewState, state_query
from dashboard.model.data import Dataset, active_dataset
from dashboard.model.formatting import format_observed, format_period, format_value, name_words
from dashboard.site.layout import built_once_per_dataset, page_header

dash.register_page(
    __name__,
    path="/",
    name="Overview",
    title="belarus-indicators — sourced indicators on Belarus, Ukraine and Russia",
    order=0,
    description="Headline indicators of Belarus's ties with Ukraine and Russia, each cited.",
)


def _same_span(a: pd.Series, b: pd.Series) -> bool:
    """Whether two amounts over a period compare: both years, both months, or spans of the same
    months of the year (Jan–Jul with Jan–Jul)."""
    if a["period_kind"] != b["period_kind"]:
        return False
    if a["period_kind"] != "interval":
        return True
    start_a, end_a, start_b, end_b = (
        pd.Timestamp(x)
        for x in (a["period_start"], a["period_end"], b["period_start"], b["period_end"])
    )
    return (start_a.month, start_a.day, end_a.month, end_a.day) == (
        start_b.month,
        start_b.day,
        end_b.month,
        end_b.day,
    )


def _signed_percent(value: float) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{format_value(abs(value), 'percent')}"


def _change_text(data: Dataset, series_id: str, latest: pd.Series, unit: str) -> str:
    """The stated change for the latest period if a document gives one, else the previous level
    of the same kind (a flow over Jan–Jul against an earlier Jan–Jul)."""
    change_series = data.series[data.series["change_of"] == series_id]["series_id"]
    stated = data.observations[
        data.observations["series_id"].isin(change_series)
        & (data.observations["period"] == latest["period"])
    ]
    if not stated.empty:
        change = stated.iloc[0]
        base = change["base_period"]
        on = f" on {format_period(base)}" if isinstance(base, str) and base else ""
        kind = " (stated)" if change["qualifier"] != "derived" else " (computed)"
        return f"{_signed_percent(change['value'])}{on}{kind}"
    earlier = data.observations[
        (data.observations["series_id"] == series_id)
        & (data.observations["period_kind"] != "undated")
    ]
    earlier = earlier[earlier["period_end"] < latest["period_start"]]
    measure = data.series.set_index("series_id").loc[series_id, "measure"]
    if measure == "flow":  # amounts over a period compare only with spans of the same kind
        same = [_same_span(row, latest) for _, row in earlier.iterrows()]
        earlier = earlier[pd.Series(same, index=earlier.index, dtype=bool)]
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


def headline_card(data: Dataset, headline: Headline) -> html.Article:
    """One topic's card: its series' latest figure as worded, its period, the change on the
    figure before, its qualifier and source; the title links to the chart that draws it."""
    spec = default_registry().get(headline.chart_id)
    assert spec is not None
    info = data.series.set_index("series_id").loc[headline.series_id]
    rows = data.observations[data.observations["obs_id"] == headline.obs_id]
    latest = rows.iloc[0]
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
            html.P(name_words(headline.topic), className="headline-topic"),
            html.H2(dcc.Link(info["title"], href=href)),
            html.P(value, className="headline-value"),
            html.P(format_period(latest["period"]), className="headline-period"),
            html.P(
                _change_text(data, headline.series_id, latest, info["unit"]),
                className="headline-change",
            ),
            html.P(
                f"{latest['qualifier'].replace('_', ' ')} · {citation}", className="headline-source"
            ),
        ],
        className="card",
    )


def documents_in_words(data: Dataset) -> str:
    """'15 documents (2010–2025)': how many documents the figures come from, and their years."""
    years = sorted({int(str(d)[:4]) for d in data.sources["date"]})
    span = f"{years[0]}" if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
    count = len(data.sources)
    return f"{count} document{'s' if count != 1 else ''} ({span})"


@built_once_per_dataset
def layout(**_query: str):
    data = active_dataset()
    registry = default_registry()
    inconsistent = int((data.checks["status"] == "inconsistent").sum())
    return [
        page_header(
            "Belarus, Ukraine and Russia in numbers",
            f"{len(data.observations)} figures from {documents_in_words(data)}, each cited to "
            "the sentence that states it. Each card is a topic's newest figure a document "
            "states as what was (not derived, not a forecast) and no check questions. Click any "
            "point in a chart for its document, section and quote.",
        ),
        html.Section(
            [headline_card(data, h) for h in headlines(registry, data)],
            className="cards",
            **{"aria-label": "Headline indicators, one per topic"},
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
