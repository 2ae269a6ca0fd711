"""Quality: every consistency check, stated against computed, with the citations on both sides."""

from __future__ import annotations

import dash
from dash import html

from dashboard.data import Dataset, active_dataset
from dashboard.formatting import format_period, format_value
from dashboard.layout import built_once_per_dataset, page_header

dash.register_page(
    __name__,
    path="/quality",
    name="Quality",
    title="Consistency checks — belarus-indicators",
    order=7,
    description="Where the documents agree with themselves and where they do not.",
)

KIND_WORDS = {
    "stated_change_vs_levels": "Stated change against the levels beside it",
    "flows_sum_to_turnover": "Turnover against exports + imports",
    "balance_identity": "Balance against exports − imports",
    "subperiod_within_year": "Part of a year within the year",
}


def _citations(data: Dataset, obs_ids) -> html.Ul:
    observations = data.observations.set_index("obs_id")
    citations = dict(zip(data.sources["source_id"], data.sources["short_citation"], strict=True))
    items = []
    for obs_id in obs_ids:
        obs = observations.loc[obs_id]
        if obs["qualifier"] == "derived":
            items.append(html.Li([html.Code(obs_id), f" — derived: {obs['method']}"]))
        else:
            items.append(
                html.Li(
                    [
                        f"{citations[obs['source_id']]}, “{obs['locator']}”: ",
                        html.Q(obs["evidence"]),
                    ]
                )
            )
    return html.Ul(items, className="check-citations")


def check_card(data: Dataset, check) -> html.Article:
    unit = data.series.set_index("series_id").loc[check["series_id"], "unit"]
    title = data.series.set_index("series_id").loc[check["series_id"], "title"]
    status = check["status"]
    return html.Article(
        [
            html.H2(
                [
                    html.Span(status, className=f"badge {status}"),
                    f" {title}, {format_period(check['period'])}",
                ]
            ),
            html.P(KIND_WORDS.get(check["kind"], check["kind"]), className="muted"),
            html.Dl(
                [
                    html.Div([html.Dt("Stated"), html.Dd(format_value(check["stated"], unit))]),
                    html.Div([html.Dt("Computed"), html.Dd(format_value(check["computed"], unit))]),
                    html.Div(
                        [html.Dt("Difference"), html.Dd(format_value(check["difference"], unit))]
                    ),
                    html.Div(
                        [html.Dt("Tolerance"), html.Dd(format_value(check["tolerance"], unit))]
                    ),
                ],
                className="check-figures",
            ),
            html.P(check["message"]),
            _citations(data, check["obs_ids"]),
        ],
        className=f"check {status}",
    )


@built_once_per_dataset
def layout(**_query: str):
    data = active_dataset()
    checks = data.checks.sort_values(["status", "check_id"], ascending=[False, True])
    inconsistent = int((checks["status"] == "inconsistent").sum())
    return [
        page_header(
            "Consistency checks",
            f"Each check sets a figure a document states against one computed from the figures "
            f"stated beside it, forgiving exactly what the rounding and wording allow. "
            f"{inconsistent} of {len(checks)} checks find a document contradicting itself.",
        ),
        *[check_card(data, check) for _, check in checks.iterrows()],
    ]
