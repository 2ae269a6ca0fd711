"""Sources: each document, every fact it supplies, and how to cite it (text and BibTeX)."""

from __future__ import annotations

import dash
from dash import html

from dashboard.model.data import Dataset, active_dataset
from dashboard.model.documents import DocumentGroup, documents_by_kind
from dashboard.model.formatting import format_observed, format_period
from dashboard.site.layout import built_once_per_dataset, page_header
from dashboard.site.record import quote_with_link, source_summary

dash.register_page(
    __name__,
    path="/sources",
    name="Sources",
    title="Sources — belarus-indicators",
    order=101,  # after the topic pages, however many charts.yaml declares
    description="The documents, by kind, every fact each supplies, and how to cite them.",
)


def _facts_table(data: Dataset, source_id: str) -> html.Table:
    rows = data.observations[
        (data.observations["source_id"] == source_id)
        & (data.observations["qualifier"] != "derived")
    ]
    units = dict(zip(data.series["series_id"], data.series["unit"], strict=True))
    titles = dict(zip(data.series["series_id"], data.series["title"], strict=True))
    return html.Table(
        [
            html.Caption(f"{len(rows)} facts from this document"),
            html.Thead(
                html.Tr(
                    [
                        html.Th(h, scope="col")
                        for h in ("Series", "Period", "Value", "Qualifier", "Section", "Quote")
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(titles[r.series_id]),
                            html.Td(format_period(r.period)),
                            html.Td(
                                format_observed(
                                    r.value,
                                    r.value_low,
                                    r.value_high,
                                    r.qualifier,
                                    units[r.series_id],
                                )
                            ),
                            html.Td(r.qualifier.replace("_", " ")),
                            html.Td(r.locator),
                            html.Td(quote_with_link(r.evidence, r.quote_link)),
                        ]
                    )
                    for r in rows.itertuples()
                ]
            ),
        ],
        className="data-table",
    )


def source_section(data: Dataset, source) -> html.Section:
    section_id = f"source-{source['source_id']}"
    return html.Section(
        [
            html.H3(source["title"], id=section_id),
            html.Dl(source_summary(source), className="record"),
            html.H4("Cite this"),
            html.P(source["citation"], className="citation"),
            html.Details([html.Summary("BibTeX"), html.Pre(source["bibtex"])]),
            html.H4("Caveats"),
            html.Ul([html.Li(note) for note in source["notes"]])
            if len(source["notes"])
            else html.P("None recorded."),
            html.Div(
                _facts_table(data, source["source_id"]), className="table-scroll", tabIndex="0"
            ),
        ],
        className="source",
        **{"aria-labelledby": section_id},
    )


def _entry(source) -> str:
    """'Author (year): Title', or the citation alone when it is the title (no author, no
    outlet: the short citation quotes the title)."""
    if source["title"] in source["short_citation"]:
        return source["short_citation"]
    return f"{source['short_citation']}: {source['title']}"


def contents(groups: list[DocumentGroup]) -> html.Nav:
    """Each kind and its documents, linked: with fifteen documents the page is long."""
    return html.Nav(
        html.Ul(
            [
                html.Li(
                    [
                        html.A(f"{group.heading} ({len(group.sources)})", href=f"#{group.anchor}"),
                        html.Ul(
                            [
                                html.Li(html.A(_entry(row), href=f"#source-{row['source_id']}"))
                                for _, row in group.sources.iterrows()
                            ]
                        ),
                    ]
                )
                for group in groups
            ]
        ),
        className="source-contents",
        **{"aria-label": "Documents by kind"},
    )


def kind_section(data: Dataset, group: DocumentGroup) -> html.Section:
    return html.Section(
        [
            html.H2(f"{group.heading} ({len(group.sources)})", id=group.anchor),
            *[source_section(data, source) for _, source in group.sources.iterrows()],
        ],
        className="source-kind",
        **{"aria-labelledby": group.anchor},
    )


@built_once_per_dataset
def layout(**_query: str):
    data = active_dataset()
    groups = documents_by_kind(data)
    return [
        page_header(
            "Sources",
            "The documents the dataset is built from, by kind, oldest first. The project holds "
            "their bibliographic records, the facts they state and short quotes — never the "
            "documents themselves.",
        ),
        contents(groups),
        *[kind_section(data, group) for group in groups],
    ]
