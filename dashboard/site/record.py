"""The full record of one observation: where it comes from, in words a reader can check.

For a stated value: the document (title, authors, outlet, date, link), the section, the verbatim
quote and the qualifier. For a derived value: its method and its inputs, each one a button that
opens that input's own record.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.model.data import Dataset
from dashboard.model.formatting import QUALIFIER_WORDS, format_observed, format_period

RECORD_LINK = "record-link"


def _published(source: pd.Series) -> str:
    """The publication date as precisely as it is known; "not established (written …)"."""
    precision = source["published_precision"]
    if not isinstance(precision, str):
        return f"not established (written {format_period(source['written'])})"
    stamp = pd.Timestamp(source["published"])
    if precision == "day":
        return stamp.strftime("%-d %B %Y")
    if precision == "month":
        return stamp.strftime("%B %Y")
    return str(stamp.year)


def _row(label: str, value) -> html.Div:
    return html.Div([html.Dt(label), html.Dd(value)], className="record-row")


def quote_with_link(quote: str, link: object) -> list:
    """A quote, then — where the document has a URL — the link that opens the original page
    scrolled to it (the ``quote_link`` built by ``make anchor``)."""
    parts: list = [html.Q(quote)]
    if isinstance(link, str) and link:
        parts += [
            " ",
            html.A(
                "in the original ↗",
                href=link,
                target="_blank",
                rel="noopener",
                className="quote-link",
                title="Opens the document's page scrolled to this sentence",
            ),
        ]
    return parts


def source_summary(source: pd.Series) -> list:
    """Title (linked), authors, outlet and date of one document."""
    title = source["title"]
    linked = (
        html.A(title, href=source["url"], target="_blank", rel="noopener")
        if isinstance(source["url"], str) and source["url"]
        else title
    )
    authors = ", ".join(source["authors"]) if len(source["authors"]) else "Author not established"
    outlet = source["publisher"]
    if isinstance(source["container"], str) and source["container"]:
        outlet = f"{outlet}, {source['container']}"
    return [
        _row("Document", linked),
        _row("Authors", authors),
        _row("Outlet", outlet),
        _row("Published", _published(source)),
    ]


def record_panel(data: Dataset, obs_id: str | None) -> list:
    """Children of the record panel for an observation id (or a prompt when none is chosen)."""
    if not obs_id:
        return [
            html.P(
                "Click a point in the chart to see where its number comes from.", className="muted"
            )
        ]
    rows = data.observations[data.observations["obs_id"] == obs_id]
    if rows.empty:
        return [html.P(f"No observation with id {obs_id}.", className="muted")]
    obs = rows.iloc[0]
    series = data.series.set_index("series_id").loc[obs["series_id"]]
    source = data.sources.set_index("source_id").loc[obs["source_id"]]
    observed = format_observed(
        obs["value"], obs["value_low"], obs["value_high"], obs["qualifier"], series["unit"]
    )
    items = [
        html.H3(f"{series['title']}, {format_period(obs['period'])}"),
        html.P(html.Strong(observed), className="record-value"),
    ]
    facts = [
        _row("Qualifier", QUALIFIER_WORDS[obs["qualifier"]]),
    ]
    if isinstance(obs["base_period"], str):
        facts.append(_row("Compared with", format_period(obs["base_period"])))
    if obs["qualifier"] == "derived":
        facts.append(_row("Method", obs["method"]))
        facts.append(
            _row(
                "Inputs",
                html.Ul(
                    [
                        html.Li(
                            html.Button(
                                _input_label(data, input_id),
                                id={"type": RECORD_LINK, "obs": input_id},
                                className="link-button",
                            )
                        )
                        for input_id in obs["derived_from"]
                    ]
                ),
            )
        )
    else:
        facts.append(_row("Section", obs["locator"]))
        quote = [html.Blockquote(f"“{obs['evidence']}”")]
        if isinstance(obs["quote_link"], str):
            quote.append(
                html.A(
                    "Open the quote in the original ↗",
                    href=obs["quote_link"],
                    target="_blank",
                    rel="noopener",
                    className="quote-link",
                    title="Opens the document's page scrolled to this sentence",
                )
            )
        facts.append(_row("Evidence", html.Div(quote)))
        if isinstance(obs["value_as_written"], str):
            facts.append(_row("As written", obs["value_as_written"]))
    if isinstance(obs["note"], str):
        facts.append(_row("Note", obs["note"]))
    facts += source_summary(source)
    facts.append(_row("Record id", html.Code(obs_id)))
    items.append(html.Dl(facts, className="record"))
    return items


def _input_label(data: Dataset, obs_id: str) -> str:
    rows = data.observations[data.observations["obs_id"] == obs_id]
    if rows.empty:
        return obs_id
    obs = rows.iloc[0]
    title = data.series.set_index("series_id").loc[obs["series_id"], "title"]
    unit = data.series.set_index("series_id").loc[obs["series_id"], "unit"]
    observed = format_observed(
        obs["value"], obs["value_low"], obs["value_high"], obs["qualifier"], unit
    )
    return f"{title}, {format_period(obs['period'])}: {observed}"
