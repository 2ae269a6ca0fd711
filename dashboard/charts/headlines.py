"""The Overview's headline cards, chosen by rule from the data and the chart declarations.

One card per topic, in the order the site's pages first chart a series of that topic. A topic's
card shows its newest quotable figure:

1. of a series some chart draws by default — the card links to the first such chart, in page
   order — and not of a change or an index (each reads only beside what it compares with; a
   stated change is shown on its level's card);
2. quotable: dated, stated by a document (not derived), not a forecast, and questioned by no
   failed check — what a reader can quote as what was;
3. the newest: the latest end of its period, then the latest start;
4. on a tie, the better-cited qualifier (reported, then approximate, a range, a bound), then the
   series the site charts first (pages in the navigation's order, charts and their series in
   the order charts.yaml declares them: its editors' order of importance).

A topic none of whose charted series has a quotable figure gets no card. Hand-picked headlines
go stale as documents arrive; a rule keeps every topic's card at its newest quotable figure.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from dashboard.charts.declarations import ChartRegistry
from dashboard.charts.marks import questioned_points
from dashboard.model.data import Dataset
from dashboard.model.lookups import Record, lookups

QUALIFIER_RANK = {"reported": 0, "approximate": 1, "range": 2, "lower_bound": 3, "upper_bound": 3}
"""How well a figure's wording pins it down, best first; a derived figure or a forecast never
leads a card."""


RELATIVE_MEASURES = ("change", "index")
"""Measures that read only beside what they compare with: never a card of their own."""


@dataclass(frozen=True)
class Headline:
    topic: str
    series_id: str
    chart_id: str
    """The first chart, in page order, that draws the series by default."""
    obs_id: str
    """The figure the card shows: the series' newest quotable one."""


def newest_quotable(rows: Sequence[Record], questioned: Collection[str]) -> Record | None:
    """A series' newest quotable figure (dated, stated, not a forecast, not questioned): the one
    whose period ends last, then starts last."""
    quotable = [
        r
        for r in rows
        if r["period_kind"] != "undated"
        and r["qualifier"] in QUALIFIER_RANK
        and r["obs_id"] not in questioned
    ]
    return max(quotable, key=lambda r: (r["period_end"], r["period_start"]), default=None)


def headlines(registry: ChartRegistry, data: Dataset) -> tuple[Headline, ...]:
    """The cards, in topic order (see the module's rule)."""
    return _headlines(registry, data)


@lru_cache(maxsize=8)
def _headlines(registry: ChartRegistry, data: Dataset) -> tuple[Headline, ...]:
    found = lookups(data)
    questioned = questioned_points(data)
    charted: dict[str, str] = {}  # series_id → its first chart, in page order (dicts keep it)
    for page in registry.pages:
        for chart in registry.for_page(page):
            for series_id in chart.series:
                charted.setdefault(series_id, chart.chart_id)
    candidates: dict[str, list[tuple[tuple, Headline]]] = {}
    topics: list[str] = []
    for position, (series_id, chart_id) in enumerate(charted.items()):
        series = found.series[series_id]
        topics += [series["topic"]] if series["topic"] not in topics else []
        figure = newest_quotable(found.observations.get(series_id, ()), questioned)
        if series["measure"] in RELATIVE_MEASURES or figure is None:
            continue
        rank = (
            -figure["period_end"].toordinal(),
            -figure["period_start"].toordinal(),
            QUALIFIER_RANK[figure["qualifier"]],
            position,
        )
        headline = Headline(series["topic"], series_id, chart_id, figure["obs_id"])
        candidates.setdefault(series["topic"], []).append((rank, headline))
    return tuple(
        min(candidates[topic], key=lambda pair: pair[0])[1]
        for topic in topics
        if topic in candidates
    )
