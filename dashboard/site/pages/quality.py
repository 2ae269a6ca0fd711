"""Quality: every check drawn as its two intervals, the verdict in words, both citations, and the
hypotheses that would resolve the failures.

Sections follow what a reader asks: does a document contradict itself; do documents disagree (in
figures, counted pair by pair, and in words); does a conversion match the reference rates. The
checks' content, generated from the same tables, is in ``docs/findings.md`` (``make findings``).
"""

from __future__ import annotations

import hashlib
import math
from urllib.parse import quote

import dash
import pandas as pd
from dash import html

from dashboard.model.data import Dataset, active_dataset
from dashboard.model.formatting import format_period
from dashboard.model.lookups import lookups
from dashboard.site.layout import built_once_per_dataset, page_header
from dashboard.site.record import quote_with_link
from etl.checks import pairs_compared
from etl.describe import format_gap, format_interval
from etl.intervals import Interval

dash.register_page(
    __name__,
    path="/quality",
    name="Quality",
    title="Consistency checks — belarus-indicators",
    order=102,  # after the topic pages, however many charts.yaml declares
    description="Where the documents agree with themselves and with each other, and where not.",
)

KIND_WORDS = {
    "stated_change_vs_levels": "Stated change against the levels beside it",
    "flows_sum_to_turnover": "Turnover against exports + imports",
    "balance_identity": "Balance against exports − imports",
    "subperiod_within_year": "Part of a year within the year",
    "subperiod_within_period": "Part of a period within the period",
    "plausible_magnitude": "A figure against the size of every other of its series",
    "same_figure_across_documents": "The same figure in two documents",
    "claim_peak": "A claimed peak against another document's levels",
    "claim_trough": "A claimed low against another document's levels",
    "claim_higher_than": "A claimed rise against the levels",
    "claim_lower_than": "A claimed fall against the levels",
    "conversion_vs_reference_rate": "A currency conversion against the ECB reference rate",
}

SECTIONS = (
    (
        "within one document",
        "Does a document contradict itself?",
        "A figure the document states against the one its other figures imply.",
    ),
    (
        "across documents",
        "Do documents disagree?",
        "Claims and figures of one document set against the levels of every other.",
    ),
    (
        "against a reference dataset",
        "Do conversions match the reference rates?",
        "A document's own currency conversion against the ECB's euro reference rates.",
    ),
)

SVG_WIDTH, SVG_HEIGHT = 480, 64


def _interval(check: pd.Series, side: str) -> Interval:
    low, high = check[f"{side}_low"], check[f"{side}_high"]
    return Interval(-math.inf if pd.isna(low) else low, math.inf if pd.isna(high) else high)


def interval_picture(check: pd.Series) -> str:
    """An SVG (as a data URI) of the stated and computed intervals on one axis, and the gap.

    Open ends run to the edge of the drawing with an arrow; a point is a short tick.
    """
    stated, computed = _interval(check, "stated"), _interval(check, "computed")
    ends = [v for i in (stated, computed) for v in (i.low, i.high) if math.isfinite(v)]
    lo, hi = min(ends), max(ends)
    pad = (hi - lo) * 0.15 or abs(hi) * 0.1 or 1.0
    lo, hi = lo - pad, hi + pad

    def x(value: float) -> float:
        value = min(max(value, lo), hi)
        return 20 + (value - lo) / (hi - lo) * (SVG_WIDTH - 40)

    def bar(interval: Interval, y: int, color: str, label: str) -> str:
        x1, x2 = x(interval.low), x(interval.high)
        if x2 - x1 < 3:
            x1, x2 = x1 - 1.5, x2 + 1.5
        arrows = ""
        stroke = f'fill="none" stroke="{color}"'
        if math.isinf(interval.low):
            arrows += f'<path d="M{x1 + 6},{y - 5} L{x1},{y} L{x1 + 6},{y + 5}" {stroke}/>'
        if math.isinf(interval.high):
            arrows += f'<path d="M{x2 - 6},{y - 5} L{x2},{y} L{x2 - 6},{y + 5}" {stroke}/>'
        return (
            f'<rect x="{x1:.1f}" y="{y - 4}" width="{x2 - x1:.1f}" height="8" fill="{color}" '
            f'rx="2"/>{arrows}<text x="{x1:.1f}" y="{y - 8}" font-size="11" fill="#333">'
            f"{label}</text>"
        )

    gap = ""
    if check["status"] == "inconsistent":
        left, right = sorted([stated, computed], key=lambda i: i.low)
        gx1, gx2 = x(left.high), x(right.low)
        gap = (
            f'<line x1="{gx1:.1f}" y1="56" x2="{gx2:.1f}" y2="56" stroke="#b3261e" '
            f'stroke-dasharray="3 2"/>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SVG_WIDTH}" height="{SVG_HEIGHT}" '
        f'viewBox="0 0 {SVG_WIDTH} {SVG_HEIGHT}" font-family="sans-serif">'
        + bar(stated, 22, "#1f5fa8", "stated")
        + bar(computed, 46, "#c77700", "computed")
        + gap
        + "</svg>"
    )
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


def verdict_words(check: pd.Series) -> str:
    unit = check["unit"]
    stated = format_interval(_interval(check, "stated"), unit)
    computed = format_interval(_interval(check, "computed"), unit)
    if check["status"] == "consistent":
        return f"Consistent: the stated {stated} and the computed {computed} overlap."
    if check["status"] == "unusual":
        return (
            f"Unusual: the stated {stated} lies outside {computed}, the range within ten "
            "times of the series' nearest figure — a collapse or a boom, or a slip; the "
            "figure is the document's, as confirmed."
        )
    return (
        f"Inconsistent: the stated {stated} and the computed {computed} are at least "
        f"{format_gap(check['gap'], unit)} apart."
    )


def _observations_by_id(data: Dataset) -> dict[str, dict]:
    return {o["obs_id"]: o for rows in lookups(data).observations.values() for o in rows}


def _short_citations(data: Dataset) -> dict[str, str]:
    return {s: r["short_citation"] for s, r in lookups(data).sources.items()}


def _citation(data: Dataset, obs: dict) -> html.Li:
    obs_id = obs["obs_id"]
    citations = _short_citations(data)
    if obs["qualifier"] == "derived":
        return html.Li([html.Code(obs_id), f" — derived: {obs['method']}"])
    statistics = obs.get("statistics_from")
    reporter = (
        f" ({statistics} statistics)"
        if isinstance(statistics, str) and statistics != "not stated"
        else ""
    )
    return html.Li(
        [
            f"{citations[obs['source_id']]}, “{obs['locator']}”{reporter}: ",
            *quote_with_link(obs["evidence"], obs.get("quote_link")),
        ]
    )


def _claim_citation(data: Dataset, claim_id: str) -> html.Li:
    claim = data.claims.set_index("claim_id").loc[claim_id]
    citations = _short_citations(data)
    return html.Li(
        [
            html.Strong("Claim: "),
            f"{citations[claim['source_id']]}, “{claim['locator']}”: ",
            *quote_with_link(claim["evidence"], claim["quote_link"]),
        ]
    )


def check_card(data: Dataset, check: pd.Series, by_id: dict[str, dict]) -> html.Article:
    series = lookups(data).series[check["series_id"]]
    status = check["status"]
    citations = []
    if isinstance(check["claim_id"], str):
        citations.append(_claim_citation(data, check["claim_id"]))
    quoted: set = set()
    for obs_id in check["obs_ids"]:
        quote = by_id[obs_id]["evidence"]
        if isinstance(quote, str) and quote in quoted:
            continue  # a change and its level often share a sentence: quote it once
        quoted.add(quote)
        citations.append(_citation(data, by_id[obs_id]))
    return html.Article(
        [
            html.H3(
                [
                    html.Span(status, className=f"badge {status}"),
                    f" {series['title']}, {format_period(check['period'])}",
                ]
            ),
            html.P(KIND_WORDS.get(check["kind"], check["kind"]), className="muted"),
            html.Img(
                src=interval_picture(check),
                alt=verdict_words(check),
                width=SVG_WIDTH,
                height=SVG_HEIGHT,
                className="check-intervals",
            ),
            html.P(html.Strong(verdict_words(check))),
            html.P(check["message"].split(": ", 1)[-1], className="check-message"),
            html.Ul(citations, className="check-citations"),
        ],
        className=f"check {status}",
        id="check-" + hashlib.sha1(check["check_id"].encode()).hexdigest()[:10],
    )


def hypotheses_block(data: Dataset, checks: pd.DataFrame) -> list:
    """Each group of failed checks with its ranked hypotheses, labelled as such."""
    blocks: list = []
    if data.hypotheses.empty:
        return blocks
    titles = dict(zip(data.series["series_id"], data.series["title"], strict=True))
    by_id = checks.set_index("check_id")
    for _, rows in data.hypotheses.groupby("group", sort=True):
        members = rows.iloc[0]["group_checks"]
        named = [
            f"{titles[by_id.loc[c, 'series_id']]} {format_period(by_id.loc[c, 'period'])}"
            for c in members
            if c in by_id.index
        ]
        blocks.append(
            html.Section(
                [
                    html.H3(f"Hypotheses for {len(members)} failed check(s): " + "; ".join(named)),
                    html.P(
                        "Corrections that would resolve them (one figure, or two together, or "
                        "a claim read more loosely), ranked by how many failures each resolves, "
                        "how few changes it needs and how many passing checks it breaks. They "
                        "are hypotheses: the documents' figures are kept as written.",
                        className="muted",
                    ),
                    html.Ol([html.Li(text) for text in rows.sort_values("rank")["text"]]),
                ],
                className="hypotheses",
            )
        )
    return blocks


def pairs_sentence(checks: pd.DataFrame) -> str:
    """How many pairs of figures from different documents were set side by side: every pair on
    one series over overlapping periods that is the same figure or a part of the other."""
    compared, contradicting = pairs_compared(checks["kind"], checks["scope"], checks["status"])
    return (
        f"{compared} pair(s) of figures from different documents on the same series and an "
        f"overlapping period compared (the same figure, or a part of a flow's period within the "
        f"whole); {contradicting} contradict each other."
    )


def _side(data: Dataset, row: pd.Series, prefix: str) -> html.Li:
    citations = _short_citations(data)
    return html.Li(
        [
            f"{citations[row[prefix + 'source_id']]}, “{row[prefix + 'locator']}”: ",
            *quote_with_link(row[prefix + "evidence"], row[prefix + "quote_link"]),
        ]
    )


def disagreements_section(data: Dataset) -> html.Section | None:
    """Documents that say incompatible things in words: both quotes side by side, and the
    curator's reading of how they may be reconciled. No verdict: the dataset decides neither."""
    if data.disagreements.empty:
        return None
    cards = [
        html.Article(
            [
                html.H3(row["about"]),
                html.Ul([_side(data, row, ""), _side(data, row, "versus_")]),
                html.P(row["note"], className="check-message")
                if isinstance(row["note"], str)
                else None,
            ],
            className="check disagreement",
            id="disagreement-" + hashlib.sha1(row["disagreement_id"].encode()).hexdigest()[:10],
        )
        for _, row in data.disagreements.sort_values("disagreement_id").iterrows()
    ]
    return html.Section(
        [
            html.H2("Do documents disagree in words?"),
            html.P(
                f"{len(cards)} statement(s) of one document that another contradicts, quoted "
                "side by side. Both quotes stand: the dataset records the disagreement and "
                "decides neither.",
                className="muted",
            ),
            *cards,
        ],
        className="check-section",
    )


@built_once_per_dataset
def layout(**_query: str):
    data = active_dataset()
    checks = data.checks.sort_values(["status", "check_id"], ascending=[False, True])
    inconsistent = int((checks["status"] == "inconsistent").sum())
    by_id = _observations_by_id(data)
    content: list = [
        page_header(
            "Consistency checks",
            "Each check sets the interval a stated figure's words allow (its rounding, and "
            "wording such as “nearly” or “more than”) against the interval computed from other "
            "figures. Overlapping intervals are consistent; otherwise the gap between them says "
            f"how robust the verdict is. {inconsistent} of {len(checks)} checks fail.",
        )
    ]
    for scope, title, intro in SECTIONS:
        in_scope = checks[checks["scope"] == scope]
        if in_scope.empty:
            continue
        failed = int((in_scope["status"] == "inconsistent").sum())
        summary = f"{intro} {failed} of {len(in_scope)} fail."
        if scope == "across documents":
            summary += " " + pairs_sentence(checks)
        content.append(
            html.Section(
                [
                    html.H2(title),
                    html.P(summary, className="muted"),
                    *[check_card(data, check, by_id) for _, check in in_scope.iterrows()],
                ],
                className="check-section",
            )
        )
    disagreements = disagreements_section(data)
    if disagreements is not None:
        content.append(disagreements)
    hypotheses = hypotheses_block(data, checks)
    if hypotheses:
        content.append(html.Section([html.H2("What would explain the failures"), *hypotheses]))
    return content
