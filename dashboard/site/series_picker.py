"""The explorer's series list: every series the chart may draw (``comparable_series``), grouped
by topic and, within a topic, by indicator, with a filter box once the list passes a screenful.

Why groups: a chart in US dollars may add any of some twenty series — trade, reserves, debt,
subsidies — and a flat list of twenty checkboxes is read, by eye or by a screen reader, one title
at a time. Each topic is a ``<fieldset>`` whose ``<legend>`` names it, and each indicator inside
a topic with more than one is a fieldset of its own, so a screen reader announces "Trade, Belarus–
Ukraine trade, checkbox …" and a sighted reader scans headings.

Why a filter: past ``SCREENFUL`` series the list pushes every other control below the fold. The
filter is a labelled search box; typing narrows the list to the series whose title, id, topic or
indicator contain every word typed (checked series stay shown: they are on the chart), hides the
groups left empty, and says how many series match in a polite live region. It runs in the
browser (``explorer.filterSeries``); the checkboxes stay native inputs in document order, so Tab,
Space and a screen reader's form mode work as anywhere else.

The value the server and the URL read is one list, ``control-series.value``, held by a hidden
checklist: ``explorer.collectSeries`` gathers the groups' ticks into it in the list's order, so
the server's callback, the URL and a copied link see one value however the list is grouped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dash import ALL, ClientsideFunction, Input, Output, State, clientside_callback, dcc, html

from dashboard.charts.declarations import ChartSpec
from dashboard.charts.state import ViewState, comparable_series
from dashboard.model.data import Dataset
from dashboard.model.formatting import name_words
from dashboard.model.lookups import lookups

SERIES = "control-series"
"""The one value the chart callback and the URL read: the ticked series, in the list's order."""
PICKER = "control-series-picker"
GROUP = "series-group"
"""The pattern id type of each group's checklist (its ``group`` is ``<topic>/<indicator>``)."""
GROUP_BOX = "series-group-box"
TOPIC_BOX = "series-topic-box"
FILTER = "control-series-filter"
FILTER_STATUS = "series-filter-status"
OPTIONS = "series-picker-options"
SCREENFUL = 12
"""The most series listed without a filter box: about 400 px of checkboxes, beyond which the
list pushes the panel's other controls below the fold of a laptop screen."""


@dataclass(frozen=True)
class SeriesGroup:
    """The series of one indicator within one topic, in the order the list shows them."""

    topic: str
    indicator: str
    series: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.topic}/{self.indicator}"


def series_groups(spec: ChartSpec, data: Dataset) -> tuple[SeriesGroup, ...]:
    """The chart's comparable series grouped by topic, then indicator.

    Topics come in the order their first series comes in ``comparable_series`` (the chart's own
    series first), indicators likewise within their topic, and series keep that order within
    their group: so the chart's own topic and indicator open the list."""
    return _series_groups(spec, data)


@lru_cache(maxsize=256)
def _series_groups(spec: ChartSpec, data: Dataset) -> tuple[SeriesGroup, ...]:
    found = lookups(data).series
    grouped: dict[str, dict[str, list[str]]] = {}
    for series_id in comparable_series(spec, data):
        record = found[series_id]
        topic = grouped.setdefault(record["topic"], {})
        topic.setdefault(record["indicator"], []).append(series_id)
    return tuple(
        SeriesGroup(topic, indicator, tuple(members))
        for topic, indicators in grouped.items()
        for indicator, members in indicators.items()
    )


def listed_order(groups: tuple[SeriesGroup, ...]) -> tuple[str, ...]:
    """Every series in the order the list shows it: what ``control-series`` gathers ticks in."""
    return tuple(series_id for group in groups for series_id in group.series)


def _options(group: SeriesGroup, data: Dataset) -> list[dict[str, str]]:
    found = lookups(data).series
    return [{"label": found[s]["title"], "value": s} for s in group.series]


def _search_words(group: SeriesGroup, data: Dataset) -> list[str]:
    """What the filter matches each series on: its title, id, topic and indicator, lower case."""
    found = lookups(data).series
    return [
        " ".join(
            (
                found[s]["title"],
                s,
                name_words(group.topic),
                name_words(group.indicator),
                group.indicator,
            )
        ).lower()
        for s in group.series
    ]


def _checklist(group: SeriesGroup, data: Dataset, state: ViewState) -> dcc.Checklist:
    return dcc.Checklist(
        id={"type": GROUP, "group": group.key},
        options=_options(group, data),
        value=[s for s in group.series if s in state.series],
        className="options",
    )


def series_picker(spec: ChartSpec, state: ViewState, data: Dataset) -> html.Div:
    """The grouped list, its filter box when it passes a screenful, and the hidden value."""
    groups = series_groups(spec, data)
    listed = listed_order(groups)
    body: list = [html.Legend("Series")]
    if len(listed) > SCREENFUL:
        body += [
            html.Label("Filter series", htmlFor=FILTER, className="filter-label"),
            dcc.Input(
                id=FILTER,
                type="search",
                value="",
                placeholder="e.g. reserves, Ukraine, GDP",
                autoComplete="off",
                spellCheck=False,
                debounce=False,
                className="series-filter",
            ),
            html.P(
                f"{len(listed)} series in {len({g.topic for g in groups})} topics.",
                id=FILTER_STATUS,
                role="status",
                className="filter-status muted",
            ),
        ]
    body += _grouped(groups, data, state, folded=len(listed) > SCREENFUL)
    return html.Div(
        [
            html.Fieldset(body, id=PICKER, className="control series-picker"),
            dcc.Checklist(
                id=SERIES, options=[], value=list(state.series), style={"display": "none"}
            ),
            dcc.Store(id=OPTIONS, data=_store(groups, data)),
        ]
    )


def _plain(group: SeriesGroup, data: Dataset, state: ViewState) -> html.Div:
    """A group that needs no legend of its own (the only one, or its topic's only one)."""
    return html.Div(_checklist(group, data, state), id={"type": GROUP_BOX, "group": group.key})


def _grouped(
    groups: tuple[SeriesGroup, ...], data: Dataset, state: ViewState, folded: bool
) -> list:
    """One fieldset per topic, and inside a topic of several indicators one per indicator; a
    list of one group needs neither. ``folded`` (a list past a screenful): each topic folds
    under a summary naming it and its count, open where the chart draws one of its series, so
    the keyboard passes a closed topic in one Tab (the filter opens those it finds in)."""
    if len(groups) == 1:
        return [_plain(groups[0], data, state)]
    topics: dict[str, list[SeriesGroup]] = {}
    for group in groups:
        topics.setdefault(group.topic, []).append(group)
    shown = []
    for topic, members in topics.items():
        if len(members) == 1:
            inner = [_plain(members[0], data, state)]
        else:
            inner = [
                html.Fieldset(
                    [html.Legend(name_words(group.indicator)), _checklist(group, data, state)],
                    id={"type": GROUP_BOX, "group": group.key},
                    className="series-indicator",
                )
                for group in members
            ]
        name = name_words(topic)
        if not folded:
            shown.append(
                html.Fieldset(
                    [html.Legend(name), *inner],
                    id={"type": TOPIC_BOX, "group": topic},
                    className="series-topic",
                )
            )
            continue
        count = sum(len(g.series) for g in members)
        ticked = any(s in state.series for g in members for s in g.series)
        shown.append(
            html.Details(
                [
                    html.Summary(f"{name} ({count})"),
                    # the summary names the topic on screen; the legend, to a screen reader
                    html.Fieldset(
                        [html.Legend(name, className="visually-hidden"), *inner],
                        className="series-topic",
                    ),
                ],
                id={"type": TOPIC_BOX, "group": topic},
                open=ticked,
                className="series-fold",
            )
        )
    return shown


def _store(groups: tuple[SeriesGroup, ...], data: Dataset) -> dict:
    """What the browser's filter needs: each group's options and the words each one matches."""
    return {
        "groups": [
            {
                "key": group.key,
                "topic": group.topic,
                "options": _options(group, data),
                "words": _search_words(group, data),
            }
            for group in groups
        ]
    }


clientside_callback(
    ClientsideFunction(namespace="explorer", function_name="collectSeries"),
    Output(SERIES, "value"),
    Input({"type": GROUP, "group": ALL}, "value"),
    State(OPTIONS, "data"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction(namespace="explorer", function_name="filterSeries"),
    Output({"type": GROUP, "group": ALL}, "options"),
    Output({"type": GROUP_BOX, "group": ALL}, "hidden"),
    Output({"type": TOPIC_BOX, "group": ALL}, "hidden"),
    Output({"type": TOPIC_BOX, "group": ALL}, "open"),
    Output(FILTER_STATUS, "children"),
    Input(FILTER, "value"),
    State({"type": GROUP, "group": ALL}, "value"),
    State(OPTIONS, "data"),
    prevent_initial_call=True,
)
