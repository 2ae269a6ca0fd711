"""A chart view's state and its URL form: what the reader chose, readable back from a copied link.

Parsing never fails: an invalid parameter falls back to its default and yields a notice saying
which parameter was ignored and why, so a mistyped link still opens a sensible view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from urllib.parse import urlencode

from dashboard.charts.declarations import ChartRegistry, ChartSpec
from dashboard.model.data import Dataset
from dashboard.model.lookups import lookups
from etl.normalize import NormalizationError, parse_period

TRANSFORMS = ("level", "change", "index")
SCALES = ("linear", "log")
VIEWS = ("chart", "table")
TRANSFORMABLE_MEASURES = ("level", "flow")
"""Change and index are meaningful for amounts; a share's or a change's own change is not."""
RECORD_PARAMETER = "obs"
"""The query parameter naming the observation whose record the page opens with; the explorer
checks it against the view (an id the view does not draw is ignored with a notice)."""
QUERY_KEYS = (
    "chart",
    "series",
    "from",
    "to",
    "transform",
    "base",
    "scale",
    "events",
    "view",
    "as_of",
    RECORD_PARAMETER,
)
AS_OF = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MAX_PARAMETER_LENGTH = 500


@dataclass(frozen=True)
class ViewState:
    chart_id: str
    series: tuple[str, ...]
    start_year: int | None = None
    end_year: int | None = None
    transform: str = "level"
    base_year: int | None = None
    scale: str = "linear"
    events: bool = True
    view: str = "chart"
    as_of: str | None = None
    """A date label (2019, 2019-12, 2019-12-20): only what the documents had said by its end."""

    @property
    def as_of_end(self) -> date | None:
        return parse_period(self.as_of).end if self.as_of else None


def comparable_series(spec: ChartSpec, data: Dataset) -> list[str]:
    """Series a reader may add: every series in the chart's unit that has observations."""
    return list(_comparable_series(spec, data))


@lru_cache(maxsize=256)
def _comparable_series(spec: ChartSpec, data: Dataset) -> tuple[str, ...]:
    found = lookups(data)
    same_unit = sorted(
        (s for s in found.series.values() if s["unit"] == spec.unit),
        key=lambda s: (s["topic"], s["series_id"]),
    )
    others = [
        s["series_id"]
        for s in same_unit
        if s["series_id"] in found.observations and s["series_id"] not in spec.series
    ]
    return (*spec.series, *others)


def _observations(data: Dataset, series: tuple[str, ...]) -> list[dict]:
    found = lookups(data).observations
    return [row for s in series for row in found.get(s, ())]


def year_span(data: Dataset, series: tuple[str, ...]) -> tuple[int, int]:
    """Years the series' dated observations cover; undated ones (only) give their document's."""
    rows = _observations(data, series)
    dated = [r for r in rows if r["period_kind"] != "undated"]
    if not dated:
        return min(r["as_of_start"] for r in rows).year, max(r["as_of_end"] for r in rows).year
    return min(r["period_start"] for r in dated).year, max(r["period_end"] for r in dated).year


def transform_allowed(data: Dataset, series: tuple[str, ...]) -> bool:
    known = lookups(data).series
    measures = [known[s]["measure"] for s in series if s in known]
    return bool(measures) and all(m in TRANSFORMABLE_MEASURES for m in measures)


def log_allowed(data: Dataset, series: tuple[str, ...]) -> bool:
    rows = _observations(data, series)
    return bool(rows) and all(r["value"] > 0 for r in rows)


def document_dates(data: Dataset) -> list[tuple[str, str]]:
    """(as_of label, who) for each distinct document date, oldest first: the vintages a reader
    can ask for."""
    sources = data.sources.sort_values("date")
    dates: dict[str, list[str]] = {}
    for row in sources.itertuples():
        dates.setdefault(row.date, []).append(row.short_citation)
    return [(label, "; ".join(who)) for label, who in dates.items()]


def index_base_years(data: Dataset, series: tuple[str, ...]) -> list[int]:
    """Years in which every selected series has an annual observation to index against."""
    years = lookups(data).annual_years
    if not series or any(not years.get(s) for s in series):
        return []
    return sorted(frozenset.intersection(*(years[s] for s in series)))


def default_state(spec: ChartSpec) -> ViewState:
    return ViewState(chart_id=spec.chart_id, series=spec.series)


def _year(text: str) -> int | None:
    text = text.strip()
    if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100:
        return int(text)
    return None


def parse_state(
    query: dict[str, str], page: str, registry: ChartRegistry, data: Dataset
) -> tuple[ViewState, list[str]]:
    """Query parameters → a valid state and the notices for whatever had to be ignored."""
    notices: list[str] = []
    charts = registry.for_page(page)
    query = {k: v if isinstance(v, str) else str(v) for k, v in query.items()}

    def ignore(key: str, why: str) -> None:
        notices.append(f"Ignored '{key}={query[key][:40]}': {why}.")

    for key in sorted(query):
        if key not in QUERY_KEYS:
            notices.append(f"Ignored unknown parameter '{key[:40]}'.")
        elif len(query[key]) > MAX_PARAMETER_LENGTH:
            ignore(key, "too long")
            query[key] = ""
    spec = charts[0]
    if query.get("chart"):
        chosen = registry.get(query["chart"])
        if chosen is None or chosen.page != page:
            ignore("chart", f"no such chart on this page (showing '{spec.chart_id}')")
        else:
            spec = chosen
    state = default_state(spec)

    if query.get("series"):
        options = comparable_series(spec, data)
        wanted = [s for s in query["series"].split(",") if s]
        valid = tuple(dict.fromkeys(s for s in wanted if s in options))
        unknown = [s for s in wanted if s not in options]
        if unknown:
            ignore("series", f"not comparable here: {', '.join(u[:40] for u in unknown[:3])}")
        if valid:
            state = replace(state, series=valid)

    for key, field in (("from", "start_year"), ("to", "end_year")):
        if query.get(key):
            year = _year(query[key])
            if year is None:
                ignore(key, "expected a year such as 2015")
            else:
                state = replace(state, **{field: year})
    if state.start_year and state.end_year and state.start_year > state.end_year:
        notices.append("Ignored 'from'/'to': 'from' is after 'to'.")
        state = replace(state, start_year=None, end_year=None)

    for key, allowed, field in (
        ("transform", TRANSFORMS, "transform"),
        ("scale", SCALES, "scale"),
        ("view", VIEWS, "view"),
    ):
        if query.get(key):
            if query[key] in allowed:
                state = replace(state, **{field: query[key]})
            else:
                ignore(key, f"use one of {', '.join(allowed)}")
    if query.get("events"):
        if query["events"] in ("on", "off"):
            state = replace(state, events=query["events"] == "on")
        else:
            ignore("events", "use on or off")
    if query.get("as_of"):
        try:
            ok = bool(AS_OF.fullmatch(query["as_of"])) and parse_period(query["as_of"]).is_dated
        except NormalizationError:
            ok = False
        if ok:
            state = replace(state, as_of=parse_period(query["as_of"]).label)
        else:
            ignore("as_of", "expected a date such as 2019, 2019-12 or 2019-12-20")
    if query.get("base"):
        year = _year(query["base"])
        if year is None:
            ignore("base", "expected a year such as 2012")
        else:
            state = replace(state, base_year=year)

    return _reconcile(state, data, notices), notices


def _reconcile(state: ViewState, data: Dataset, notices: list[str]) -> ViewState:
    """Make choices that are each valid also valid together (e.g. log needs positive values)."""
    if state.transform != "level" and not transform_allowed(data, state.series):
        notices.append(f"'{state.transform}' applies to amounts only; showing levels.")
        state = replace(state, transform="level")
    if state.transform == "index":
        bases = [  # the base value must be among the points drawn, or nothing can be indexed
            year
            for year in index_base_years(data, state.series)
            if (state.start_year is None or year >= state.start_year)
            and (state.end_year is None or year <= state.end_year)
        ]
        if not bases:
            notices.append(
                "No year in the selected range in which every series has a value to index to; "
                "showing levels."
            )
            state = replace(state, transform="level", base_year=None)
        elif state.base_year not in bases:
            if state.base_year is not None:
                notices.append(
                    f"No value for every series in {state.base_year}; indexed to {bases[0]}."
                )
            state = replace(state, base_year=bases[0])
    if state.scale == "log" and (state.transform != "level" or not log_allowed(data, state.series)):
        notices.append("A log scale needs positive values; showing a linear scale.")
        state = replace(state, scale="linear")
    return state


def view_params(state: ViewState, axis_key: str = "scale") -> list[tuple[str, str]]:
    """A view as URL parameters, only what differs from the defaults, in a stable order.

    ``axis_key`` names the log/linear choice: 'scale' on pages, 'axis' on image and embed URLs
    (where 'scale' multiplies the pixels).
    """
    params: list[tuple[str, str]] = [("series", ",".join(state.series))]
    if state.start_year:
        params.append(("from", str(state.start_year)))
    if state.end_year:
        params.append(("to", str(state.end_year)))
    if state.transform != "level":
        params.append(("transform", state.transform))
    if state.transform == "index" and state.base_year:
        params.append(("base", str(state.base_year)))
    if state.scale != "linear":
        params.append((axis_key, state.scale))
    if not state.events:
        params.append(("events", "off"))
    if state.as_of:
        params.append(("as_of", state.as_of))
    return params


def state_query(state: ViewState, record: str | None = None) -> str:
    """The page's query string for a state (what a copied link reopens), with the observation
    whose record is open last (``obs``): a control's change keeps it (assets/explorer.js,
    ``syncUrl``, follows these rules)."""
    params = [("chart", state.chart_id), *view_params(state)]
    if state.view != "chart":
        params.append(("view", state.view))
    if record:
        params.append((RECORD_PARAMETER, record))
    return "?" + urlencode(params, safe=",/:")
