"""How to cite a chart: one line of text and a BibTeX entry for the view on screen, crediting
the documents its figures come from (their own BibTeX entries follow the chart's), so a reporter
or economist who reuses the chart cites the sources, not only the site."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.charts.declarations import ChartSpec
from dashboard.charts.figures import drawn_points, undated_records
from dashboard.charts.state import ViewState, state_query
from dashboard.model.data import Dataset
from dashboard.model.lookups import lookups

NAME = "belarus-indicators"


@dataclass(frozen=True)
class ChartCitation:
    text: str
    bibtex: str
    source_ids: tuple[str, ...]


def cited_sources(data: Dataset, state: ViewState) -> tuple[str, ...]:
    """The documents the view's figures come from, oldest first (the figures drawn, and the
    undated ones its notes mention)."""
    ids = {row["source_id"] for row in drawn_points(data, state)}
    ids |= {row["source_id"] for row in undated_records(data, state)}
    sources = lookups(data).sources
    return tuple(sorted(ids, key=lambda s: (str(sources[s]["date"]), s)))


def _braced(text: str) -> str:
    """Text safe inside a BibTeX field: no stray braces, LaTeX's ``&`` escaped."""
    return text.replace("{", "(").replace("}", ")").replace("&", r"\&")


def chart_citation(
    spec: ChartSpec, data: Dataset, state: ViewState, origin: str, accessed: date | None = None
) -> ChartCitation:
    """The citation of ``spec`` as ``state`` shows it, at ``origin`` (the site's address)."""
    day = (accessed or date.today()).isoformat()
    url = f"{origin}/{spec.page}{state_query(state)}"
    ids = cited_sources(data, state)
    sources = lookups(data).sources
    credited = "; ".join(sources[s]["short_citation"] for s in ids) or "no figures in this range"
    text = (
        f"{NAME}, “{spec.title}”, data version {data.version[:12]}, {url} (accessed {day}). "
        f"Figures from {credited}."
    )
    key = f"{NAME}-{spec.chart_id}"
    entry = "\n".join(
        [
            f"@misc{{{key},",
            f"  title = {{{{{_braced(spec.title)}}}}},",
            f"  author = {{{{{NAME}}}}},",
            f"  howpublished = {{\\url{{{url}}}}},",
            f"  note = {{Data version {data.version[:12]}; figures from {_braced(credited)}; "
            f"accessed {day}}},",
            "}",
        ]
    )
    documents = [str(sources[s]["bibtex"]).strip() for s in ids]
    return ChartCitation(text, "\n\n".join([entry, *documents]) + "\n", ids)
