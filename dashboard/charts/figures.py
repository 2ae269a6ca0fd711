"""One function builds every chart's figure — for the page, the PNG/SVG export and the embed.

Drawing rules (docs/dashboard.md), the same on the page, in the PNG and in the SVG:
- reported ● filled; approximate ○ hollow; a bound ▲ or ▼ pointing the way it runs, with a short
  arrow from the figure that way ("at least" up, "at most" down — by the record's bound column,
  so "a fall of nearly 87%" is at least −87%); a range a broad bar from low to high, dot at its
  middle; a forecast hollow with a dot, reached by a dashed line; a derived value ◆ with the
  capped bar its inputs' rounding allows and its method in the hover;
- a value a failed consistency check questions (the ETL's rule: a check of a document against
  itself, or a caveat on a derived value resting on one) is ringed in red with ⚠;
- the legend names, in plain words, only the marks the chart draws;
- years are slots: a tick and faint line at every 1 January, the label centred in its year,
  where the year's point sits; a month, a part-year (its own trace, a bar over the days it
  covers, never joined to the annual line) or a dated event falls visibly inside its year;
- consecutive years are joined; a missing year is a faint dotted line, and so is no line between
  figures from different national statistics; the hover halfway says which;
- points of different series that would hide one another stand side by side inside their period;
- images carry title, subtitle, source line and notes, name each series beside its last point
  where the label fits (the legend names the rest), and say in words what the page leaves to
  hover: base periods, why a line stops. No image note asks its reader to click or go anywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Any

import pandas as pd

from dashboard.charts.declarations import ChartSpec
from dashboard.charts.frame import PlotFrame, plot_frame, x_range
from dashboard.charts.marks import (
    CAVEAT,
    MIN_DECADES,
    bound_arrows,
    bound_way,
    dodged,
    extent,
    interval,
    legend_key,
    mark_keys,
    point_trace,
    questioned_points,
    questioned_rings,
    range_bars,
    span_trace,
    with_stubs,
)
from dashboard.charts.state import ViewState
from dashboard.charts.style import (
    FONT,
    GRID,
    INK,
    MUTED,
    PALETTE,
    Figure,
    FigureOptions,
    iso,
    scatter,
)
from dashboard.model.data import Dataset
from dashboard.model.extract import select_records
from dashboard.model.formatting import (
    QUALIFIER_WORDS,
    axis_scale,
    format_observed,
    format_period,
    unit_title,
)
from dashboard.model.lookups import Record, lookups
from dashboard.model.transforms import apply_transform


def _midpoint(start: date, end: date) -> str:
    """The middle of the days from ``start`` to ``end`` inclusive: where a period's point sits."""
    return iso(datetime(start.year, start.month, start.day) + (end - start + timedelta(days=1)) / 2)


def _merge(target: dict[str, Any], updates: dict[str, Any]) -> None:
    """Nested update of layout dicts (what plotly's update_layout does, without validation)."""
    for key, value in updates.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def _hover(
    row: Record, title: str, unit: str, citation: str, transform: str, questioned: str | None
) -> str:
    observed = format_observed(
        row["value"], row["value_low"], row["value_high"], row["qualifier"], unit
    )
    if (
        row["qualifier"] == "derived"
        and row["value_low"] is not None
        and row["value_high"] is not None
    ):
        allowed = format_observed(row["value"], row["value_low"], row["value_high"], "range", unit)
        observed += f", within {allowed}"
    lines = [f"<b>{title}</b>", f"{format_period(row['period'])}: {observed}"]
    if isinstance(row.get("base_period"), str) and row["base_period"]:
        lines.append(f"compared with {format_period(row['base_period'])}")
    if transform == "change":
        lines.append(f"<i>{row['y']:+.1f}% {row['transform_note']}</i>")
    elif transform == "index":
        lines.append(f"<i>{row['y']:.1f} ({row['transform_note']})</i>")
    lines.append(f"{QUALIFIER_WORDS[row['qualifier']]} · {citation}")
    statistics = row.get("statistics_from")
    if isinstance(statistics, str) and statistics != "not stated":
        lines.append(f"{statistics} statistics")
    if row["qualifier"] == "derived" and isinstance(row.get("method"), str):
        lines.append(f"<i>{row['method']}</i>")
    if questioned:
        lines.append(f"<b style='color:{CAVEAT}'>⚠</b> <i>{_wrap(questioned, 70)}</i>")
    lines.append("<span style='font-size:11px'>Click for the full record</span>")
    return "<br>".join(lines)


def _connectors(annual: Sequence[Record], color: str, group: str) -> list[dict[str, Any]]:
    """Solid between consecutive years, dashed to or from a forecast, dotted across a gap."""
    solid_x: list = []
    solid_y: list = []
    dashed_x: list = []
    dashed_y: list = []
    gap_x: list = []
    gap_y: list = []
    gap_labels: list[tuple[str, float, str]] = []
    for left, right in pairwise(sorted(annual, key=lambda p: p["period_start"])):
        y0, y1 = left["y"], right["y"]
        x0, x1 = left["_x"], right["_x"]
        years = int(right["period"]) - int(left["period"])
        reporters = (_reporter(left), _reporter(right))
        if None not in reporters and reporters[0] != reporters[1]:
            # Figures from different national statistics are never joined by a line: the
            # marker halfway says why the line stops.
            start, end = datetime.fromisoformat(x0), datetime.fromisoformat(x1)
            words = " and ".join(str(r) for r in reporters)
            gap_labels.append(
                (iso(start + (end - start) / 2), (y0 + y1) / 2, f"not joined: {words} statistics")
            )
        elif years == 1:
            forecast = "forecast" in (left["qualifier"], right["qualifier"])
            xs, ys = (dashed_x, dashed_y) if forecast else (solid_x, solid_y)
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        elif years > 1:
            missing = f"no data for {int(left['period']) + 1}–{int(right['period']) - 1}"
            if years == 2:
                missing = f"no data for {int(left['period']) + 1}"
            gap_x += [x0, x1, None]
            gap_y += [y0, y1, None]
            start, end = datetime.fromisoformat(x0), datetime.fromisoformat(x1)
            gap_labels.append((iso(start + (end - start) / 2), (y0 + y1) / 2, missing))
    traces = []
    common = {"mode": "lines", "legendgroup": group, "showlegend": False, "hoverinfo": "skip"}
    if solid_x:
        traces.append(scatter(x=solid_x, y=solid_y, line={"color": color, "width": 2}, **common))
    if dashed_x:
        traces.append(
            scatter(
                x=dashed_x, y=dashed_y, line={"color": color, "width": 2, "dash": "dash"}, **common
            )
        )
    if gap_x:
        # The dotted line takes no hover (its ends sit on real points, whose citation must win).
        traces.append(
            scatter(
                x=gap_x,
                y=gap_y,
                line={"color": color, "width": 1, "dash": "dot"},
                opacity=0.45,
                **common,
            )
        )
    if gap_labels:
        # An invisible marker halfway says what is missing or why the line stops (a visible one
        # would read as a figure for a year no document gives).
        traces.append(
            scatter(
                x=[x for x, _, _ in gap_labels],
                y=[y for _, y, _ in gap_labels],
                mode="markers",
                marker={"color": color, "size": 10, "opacity": 0},
                legendgroup=group,
                showlegend=False,
                text=[label for _, _, label in gap_labels],
                hovertemplate="gap: %{text}<extra></extra>",
            )
        )
    return traces


def _reporter(point: Record) -> str | None:
    """Whose statistics a point reports, when a document says or implies it."""
    statistics = point.get("statistics_from")
    return statistics if isinstance(statistics, str) and statistics != "not stated" else None


def source_line(data: Dataset, source_ids: Iterable[str]) -> str:
    """'Source: Rad & Chornogor (2024), SCEEUS; …' naming each cited document."""
    sources = lookups(data).sources
    parts = []
    for source_id in sorted(set(source_ids), key=lambda s: sources[s]["date"]):
        citation = sources[source_id]["short_citation"]
        publisher = sources[source_id]["publisher"]
        short_publisher = publisher.split(" (")[-1].rstrip(")") if "(" in publisher else publisher
        parts.append(
            citation if publisher == "not established" else f"{citation}, {short_publisher}"
        )
    label = "Source" if len(parts) == 1 else "Sources"
    return f"{label}: {'; '.join(parts)}." if parts else "No data in this range."


@lru_cache(maxsize=1024)
def drawn_points(data: Dataset, state: ViewState) -> tuple[Record, ...]:
    """The observations a view draws, transformed, each with its x position (``_x``).

    Memoized per (data, state): the figure, its description and the tests share one computation.
    Callers must not modify the records.
    """
    rows = [
        row
        for row in select_records(
            data, state.series, state.start_year, state.end_year, state.as_of_end
        )
        if row["period_kind"] != "undated"  # no place on a time axis; named in the notes
    ]
    units = {series_id: s["unit"] for series_id, s in lookups(data).series.items()}
    drawn = apply_transform(rows, state.transform, state.base_year, units)
    for point in drawn:
        point["_x"] = _midpoint(point["period_start"], point["period_end"])
    return tuple(drawn)


def chart_rows(spec: ChartSpec, data: Dataset, state: ViewState) -> pd.DataFrame:
    """``drawn_points`` as a frame, for the API and the image export's metadata."""
    columns = [*data.observations.columns, "y", "y_low", "y_high", "transform_note", "_x"]
    return pd.DataFrame(list(drawn_points(data, state)), columns=columns)


def _axis_title(spec: ChartSpec, state: ViewState, scale_word: str) -> str:
    if state.transform == "change":
        return "percent change on the previous observation"
    if state.transform == "index":
        return f"index, {state.base_year} = 100"
    return unit_title(spec.unit, scale_word)


def build_figure(
    spec: ChartSpec, data: Dataset, state: ViewState, options: FigureOptions | None = None
) -> Figure:
    """The chart for a declaration and a view state; the same figure everywhere it is shown."""
    options = options or FigureOptions()
    drawn = drawn_points(data, state)
    found = lookups(data)
    questioned = questioned_points(data)
    divisor, scale_word = (1.0, "")
    if state.transform == "level":
        divisor, scale_word = axis_scale([p["y"] for p in drawn])
    if divisor != 1.0:
        drawn = tuple(
            {
                **p,
                "y": p["y"] / divisor,
                "y_low": None if p["y_low"] is None else p["y_low"] / divisor,
                "y_high": None if p["y_high"] is None else p["y_high"] / divisor,
            }
            for p in drawn
        )
    drawn = with_stubs(drawn, state)
    frames = _frames(drawn, state, options)
    frame = frames[state.scale]
    drawn = dodged(drawn, state.series, frame)

    figure: Figure = {"data": [], "layout": {}}
    marks: set[str] = set()
    unjoined: set[str] = set()
    for index, series_id in enumerate(state.series):
        color = PALETTE[index % len(PALETTE)]
        points = [p for p in drawn if p["series_id"] == series_id]
        if not points:
            continue
        title = found.series[series_id]["title"]
        hover = {
            p["obs_id"]: _hover(
                p,
                title,
                spec.unit,
                found.sources[p["source_id"]]["short_citation"],
                state.transform,
                questioned.get(p["obs_id"]),
            )
            for p in points
        }
        annual = [p for p in points if p["period_kind"] == "year"]
        partial = [p for p in points if p["period_kind"] != "year"]
        figure["data"].append(legend_key(title, series_id, {"color": color, "symbol": "circle"}))
        if found.series[series_id]["measure"] != "change":  # each stated change has its own base
            for connector in _connectors(annual, color, series_id):
                figure["data"].append(connector)
                unjoined.update(
                    text.removeprefix("not joined: ").removesuffix(" statistics")
                    for text in connector.get("text", ())
                    if text.startswith("not joined: ")
                )
                dash = connector.get("line", {}).get("dash")
                marks |= (
                    {"forecast line"} if dash == "dash" else {"gap"} if dash == "dot" else set()
                )
        if partial:
            figure["data"].append(span_trace(partial, color, series_id))
            marks.add("span")
        for extra in (
            range_bars(points, color, series_id),
            bound_arrows(points, color, series_id),
        ):
            if extra:
                figure["data"].append(extra)
        for part, name in ((annual, title), (partial, f"{title} (part)")):
            if part:
                figure["data"].append(
                    point_trace(
                        part, name, color, series_id, [hover[p["obs_id"]] for p in part], frame
                    )
                )
        rings = questioned_rings(points, questioned, series_id, frames, state.scale)
        if rings:
            figure["data"] += rings
            marks.add("questioned")
        for point in points:
            qualifier = point["qualifier"]
            if qualifier == "derived":
                marks.add("derived interval" if interval(point) else "derived")
            elif qualifier == "range":
                marks.add("range" if interval(point) else "reported")
            else:
                marks.add(bound_way(point) or qualifier)
    for key in mark_keys(marks):
        figure["data"].append(key)
    _add_events(figure, spec, data, state, drawn)
    notes = [
        f"Not joined by a line: figures from different national statistics ({words})."
        for words in sorted(unjoined)
    ]
    _layout(figure, spec, data, state, drawn, scale_word, options, notes)
    if not drawn and undated_records(data, state):
        _undated_bars(figure, data, state, spec.unit)
    return figure


def _frames(
    drawn: Sequence[Record], state: ViewState, options: FigureOptions
) -> dict[str, PlotFrame | None]:
    """The plot's pixels on a linear axis and, where levels are all positive (a log axis is
    offered), on a log one: the page's figure may be switched between them in the browser."""
    level = state.transform == "level"
    positive = level and all(p["y"] > 0 for p in drawn)
    return {
        "linear": plot_frame(drawn, False, level, options.width, options.height),
        "log": plot_frame(drawn, True, level, options.width, options.height) if positive else None,
    }


def _undated_bars(figure: Figure, data: Dataset, state: ViewState, unit: str) -> None:
    """Figures with no date, side by side on a category axis: never placed on a time axis, and
    never given an invented span. Hover and click give each one's citation, as for any point."""
    found = lookups(data)
    rows = undated_records(data, state)
    for index, series_id in enumerate(state.series):
        points = [r for r in rows if r["series_id"] == series_id]
        if not points:
            continue
        title = found.series[series_id]["title"]
        figure["data"].append(
            {
                "type": "bar",
                "x": [title for _ in points],
                "y": [float(p["value"]) for p in points],
                "name": title,
                "marker": {"color": PALETTE[index % len(PALETTE)]},
                "text": [
                    format_observed(
                        p["value"], p["value_low"], p["value_high"], p["qualifier"], unit
                    )
                    for p in points
                ],
                "textposition": "outside",
                "customdata": [[p["obs_id"]] for p in points],
                "hovertext": [
                    _hover(
                        {**p, "y": p["value"]},
                        title,
                        unit,
                        found.sources[p["source_id"]]["short_citation"],
                        "level",
                        questioned_points(data).get(p["obs_id"]),
                    )
                    for p in points
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "showlegend": False,
            }
        )
    layout = figure["layout"]
    layout["xaxis"] = {
        "type": "category",
        "showgrid": False,
        "tickfont": {"size": 12},
        "title": {"text": "undated in the source", "font": {"size": 12}},
    }
    layout["annotations"] = [a for a in layout["annotations"] if a.get("x") != 0.5]
    layout["yaxis"]["rangemode"] = "tozero"


@lru_cache(maxsize=256)
def _numbered_events(spec: ChartSpec, data: Dataset) -> tuple[Record, ...]:
    events = sorted(
        (e for e in lookups(data).events.values() if e["event_id"] in spec.events),
        key=lambda e: e["date_start"],
    )
    return tuple({**event, "number": n} for n, event in enumerate(events, start=1))


def chart_events(
    spec: ChartSpec, data: Dataset, drawn: Sequence[Record] | None = None
) -> list[Record]:
    """The chart's events in date order, numbered once per chart so markers and keys agree;
    with ``drawn``, only those inside the drawn time span."""
    events = list(_numbered_events(spec, data))
    if drawn:
        lo = min(p["period_start"] for p in drawn)
        hi = max(p["period_end"] for p in drawn)
        events = [e for e in events if e["date_start"] >= lo and e["date_end"] <= hi]
    return events


def _add_events(
    figure: Figure, spec: ChartSpec, data: Dataset, state: ViewState, drawn: Sequence[Record]
) -> None:
    events = chart_events(spec, data, drawn)
    if not state.events or not events:
        return
    sources = lookups(data).sources
    xs = [_midpoint(e["date_start"], e["date_end"]) for e in events]
    for x in xs:
        figure["layout"].setdefault("shapes", []).append(
            dict(
                type="line",
                x0=x,
                x1=x,
                y0=0,
                y1=1,
                yref="paper",
                layer="below",
                line={"color": MUTED, "width": 1, "dash": "dot"},
            )
        )
    figure["data"].append(
        scatter(
            x=xs,
            y=[1.0] * len(xs),
            yaxis="y2",
            mode="markers+text",
            text=[str(e["number"]) for e in events],
            textposition="middle right",
            textfont={"color": MUTED, "size": 12},
            marker={"symbol": "triangle-down", "size": 11, "color": MUTED},
            name="events",
            showlegend=False,
            hovertext=[
                f"<b>{format_period(e['date'])}: {e['label']}</b><br>"
                f"{sources[e['source_id']]['short_citation']} · {e['locator']}"
                for e in events
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )


def event_notes(
    spec: ChartSpec, data: Dataset, state: ViewState, drawn: Sequence[Record]
) -> list[str]:
    """'3 Feb 2022: …' lines matching the numbered event markers, for images and descriptions."""
    if not state.events:
        return []
    return [
        f"{e['number']} {format_period(e['date'])}: {e['label']}"
        for e in chart_events(spec, data, drawn)
    ]


def _layout(
    figure: Figure,
    spec: ChartSpec,
    data: Dataset,
    state: ViewState,
    drawn: Sequence[Record],
    scale_word: str,
    options: FigureOptions,
    drawing_notes: Sequence[str] = (),
) -> None:
    """``drawing_notes``: what the drawing leaves unsaid that an image must say in words."""
    axis_line = {
        "showline": True,
        "linecolor": "#9aa5b1",
        "ticks": "outside",
        "tickcolor": "#9aa5b1",
    }
    layout: dict[str, Any] = {
        "font": {"family": FONT, "size": 13, "color": INK},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(PALETTE),
        "width": options.width,
        "height": options.height,
        "margin": {"l": 70, "r": 30, "t": 24, "b": 40},
        "hovermode": "closest",
        "hoverlabel": {"bgcolor": "white", "font": {"family": FONT, "size": 13}},
        "legend": {
            "orientation": "h",
            "traceorder": "normal",  # entries flow in rows; grouped order would stack them
            "x": 0,
            "y": -0.12,
            "yanchor": "top",
            "font": {"size": 12},
        },
        "xaxis": {"type": "date", "showgrid": False, "tickfont": {"size": 12}, **axis_line},
        "yaxis": {
            "title": {"text": _axis_title(spec, state, scale_word), "font": {"size": 12}},
            "type": "log" if state.scale == "log" else "linear",
            "showgrid": True,
            "gridcolor": GRID,
            "zeroline": state.transform != "level" or any(p["y"] < 0 for p in drawn),
            "zerolinecolor": "#9aa5b1",
            "tickfont": {"size": 12},
            "rangemode": "tozero"
            if state.transform == "level" and state.scale == "linear"
            else "normal",
            **axis_line,
        },
        "yaxis2": {"overlaying": "y", "range": [0, 1.05], "visible": False, "fixedrange": True},
        "meta": {"linear_rangemode": "tozero" if state.transform == "level" else "normal"},
        "annotations": [],
    }
    if drawn:
        layout["xaxis"].update(_year_axis(drawn, options.width))
        if spec.unit == "rank" and state.transform == "level":
            layout["yaxis"].update(_value_axis(drawn, state, spec.unit))
    if options.text_in_figure:
        shown = [*drawn, *undated_records(data, state)]
        sources = source_line(data, (p["source_id"] for p in shown))
        footer = [
            sources,
            *spec.notes,
            *drawing_notes,
            *base_period_notes(drawn),
            *event_notes(spec, data, state, drawn),
            *(undated_notes(data, state) if drawn else []),  # else they are the bars
        ]
        footer_text = "<br>".join(_wrap(line, _footer_chars(options)) for line in footer)
        footer_lines = footer_text.count("<br>") + 1
        footer_px = 18 * footer_lines + 12
        margin = {"l": 70, "r": 30, "t": 90, "b": 0}
        if drawn and options.width:
            layout["yaxis"].update(_value_axis(drawn, state, spec.unit))
            series_keys = [
                t
                for t in figure["data"]
                if t.get("legendgroup") in state.series and t["x"] == [None]
            ]
            for key in series_keys:  # hidden if every series gets its label beside its line
                key["showlegend"] = False
            margin["b"] = footer_px + 24 * _legend_rows(figure, options) + 48
            labels, margin["r"], labelled = _direct_labels(
                spec, drawn, state, data, options, margin, layout["xaxis"]["range"], layout["yaxis"]
            )
            layout["annotations"] += labels
            if labelled != {p["series_id"] for p in drawn}:
                for key in series_keys:
                    key.pop("showlegend")
        margin["b"] = footer_px + 24 * _legend_rows(figure, options) + 48
        bottom = margin["b"]
        layout["title"] = {
            "text": f"<b>{spec.title}</b><br>"
            f"<span style='font-size:13px;color:{MUTED}'>{spec.subtitle}</span>",
            "x": 0.01,
            "xanchor": "left",
            "y": 0.97,
            "yanchor": "top",
            "font": {"size": 18},
        }
        layout["margin"] = margin
        layout["legend"] = {
            **layout["legend"],
            "yref": "container",
            "y": (footer_px + 4) / options.height,
            "yanchor": "bottom",
        }
        layout["annotations"].append(
            {
                "text": footer_text,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "yshift": -bottom + 6,
                "xanchor": "left",
                "yanchor": "bottom",
                "align": "left",
                "showarrow": False,
                "font": {"size": 12, "color": MUTED},
            }
        )
    if not drawn:
        undated = undated_notes(data, state)
        layout["annotations"].append(
            {
                "text": "<br>".join(undated) if undated else "No observations in this range",
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "showarrow": False,
                "font": {"size": 14, "color": MUTED},
            }
        )
    _merge(figure["layout"], {k: v for k, v in layout.items() if v is not None})


def base_period_notes(drawn: Sequence[Record]) -> list[str]:
    """'Base periods: 2013 on 2012; …' — what the page's hover says, in the image's own words."""
    pairs = sorted(
        {
            (p["period_start"], p["period"], p["base_period"])
            for p in drawn
            if isinstance(p.get("base_period"), str) and p["base_period"]
        }
    )
    if not pairs:
        return []
    said = dict.fromkeys(f"{format_period(p)} on {format_period(b)}" for _, p, b in pairs)
    return [f"Base periods: {'; '.join(said)}."]


LABEL_CHAR_PX, LABEL_LINE_PX = 7.2, 15.0
"""A direct label's size per character and per line at 12 px (measured on rendered images)."""
LEADER_PX = 20
"""From a series' last point to its label: a short line in the series' colour ties them."""


def _direct_labels(
    spec: ChartSpec,
    drawn: Sequence[Record],
    state: ViewState,
    data: Dataset,
    options: FigureOptions,
    margin: dict[str, int],
    x_range: list[str],
    yaxis: dict[str, Any],
) -> tuple[list[dict[str, Any]], int, set[str]]:
    """Each series' name beside its last point, tied to it by a line in its colour, where it fits:
    clear of every marker, arrow, bar, event marker and other label, inside the image. Returns
    the labels, the right margin they need and the series labelled (the legend names the rest)."""
    series = [s for s in state.series if any(p["series_id"] == s for p in drawn)]
    if len(series) < 2 or options.width is None:
        return [], margin["r"], set()
    width, height = options.width, options.height
    found = lookups(data)
    log = state.scale == "log"
    x_lo, x_hi = (datetime.fromisoformat(v) for v in x_range)
    y_lo, y_hi = sorted(yaxis["range"])
    flip = yaxis["range"][0] > yaxis["range"][1]
    top, bottom = margin["t"], height - margin["b"]

    def value(y: float) -> float:
        return math.log10(y) if log else y

    def py(y: float) -> float:
        share = (value(y) - y_lo) / (y_hi - y_lo)
        return bottom - (1 - share if flip else share) * (bottom - top)

    def end(point: Record) -> datetime:
        if point["period_kind"] == "year":
            return datetime.fromisoformat(point["_x"])
        return max(
            datetime.fromisoformat(point["_x"]), datetime.fromisoformat(iso(point["period_end"]))
        )

    lasts = {s: max((p for p in drawn if p["series_id"] == s), key=end) for s in series}
    widest = max(14, int(0.22 * width / LABEL_CHAR_PX))
    texts = {s: _balanced(found.series[s]["title"], widest) for s in series}

    def size(text: str) -> tuple[float, float]:
        lines = text.split("<br>")
        return LABEL_CHAR_PX * max(len(line) for line in lines) + 4, LABEL_LINE_PX * len(lines) + 2

    # The right margin holds the labels of the series that end at the chart's last point.
    latest = max(end(p) for p in lasts.values())
    right = margin["r"]
    for _ in range(3):
        plot_w = width - margin["l"] - right
        pad = (x_hi - latest) / (x_hi - x_lo) * plot_w
        needs = [
            size(texts[s])[0] + LEADER_PX + 12 - pad for s in series if end(lasts[s]) == latest
        ]
        right = int(min(max(30, *needs), 0.3 * width))
    plot_w = width - margin["l"] - right

    def px(moment: datetime) -> float:
        return margin["l"] + (moment - x_lo) / (x_hi - x_lo) * plot_w

    boxes: list[tuple[float, float, float, float]] = []
    for p in drawn:
        x, y = px(datetime.fromisoformat(p["_x"])), py(p["y"])
        radius = 13 if p["obs_id"] in questioned_points(data) else 9
        boxes.append((x - radius, y - radius, x + radius, y + radius))
        if radius == 13:
            boxes.append((x + 4, y - 26, x + 22, y - 8))  # the ⚠
        low, high = extent(p)
        boxes.append((x - 6, py(high) - 6, x + 6, py(low) + 6))
        if p["period_kind"] != "year":
            span = (px(datetime.fromisoformat(iso(p["period_start"]))), px(end(p)))
            boxes.append((span[0], y - 5, span[1], y + 5))
    lines: list[tuple[float, float, float, float]] = []  # crossed only when nothing else fits
    if state.events:
        marker_y = top + (bottom - top) * 0.05 / 1.05
        for event in chart_events(spec, data, drawn):
            x = px(datetime.fromisoformat(_midpoint(event["date_start"], event["date_end"])))
            boxes.append((x - 9, marker_y - 9, x + 22, marker_y + 9))
            lines.append((x - 2, top, x + 2, bottom))

    def free(box: tuple[float, float, float, float], obstacles: list) -> bool:
        x0, y0, x1, y1 = box
        if x0 < margin["l"] or x1 > width - 4 or y0 < top - 4 or y1 > bottom + 4:
            return False
        return not any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in obstacles)

    labels, labelled = [], set()
    for series_id in sorted(series, key=lambda s: py(lasts[s]["y"])):
        point = lasts[series_id]
        w, h = size(texts[series_id])
        anchor_x, anchor_y = px(datetime.fromisoformat(point["_x"])), py(point["y"])
        after = px(end(point)) + LEADER_PX
        before = px(datetime.fromisoformat(iso(point["period_start"]))) - LEADER_PX
        if point["period_kind"] == "year":
            before = anchor_x - LEADER_PX
        candidates = [
            (side, crossing, anchor_y + shift * (h / 2 + 3))
            for crossing in (False, True)
            for side in ("right", "left")
            for shift in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6)
        ]
        for side, crossing, centre in candidates:
            x0 = after if side == "right" else before - w
            box = (x0, centre - h / 2, x0 + w, centre + h / 2)
            tail = after if side == "right" else before
            clear = _leader_clear((anchor_x, anchor_y), (tail, centre), boxes)
            if clear and free(box, boxes + ([] if crossing else lines)):
                break
        else:
            continue
        start = after if side == "right" else before
        boxes.append(box)
        labelled.add(series_id)
        color = PALETTE[state.series.index(series_id) % len(PALETTE)]
        labels.append(
            {
                "text": texts[series_id],
                "x": point["_x"],
                "y": value(point["y"]),
                "xref": "x",
                "yref": "y",
                "ax": start - anchor_x,
                "ay": centre - anchor_y,
                "xanchor": "left" if side == "right" else "right",  # the label's side of the point
                "yanchor": "middle",
                "align": "left" if side == "right" else "right",
                "showarrow": True,
                "arrowhead": 0,
                "arrowcolor": color,
                "arrowwidth": 1.5,
                "standoff": 7,
                "bgcolor": "rgba(255,255,255,0.85)",
                "font": {"size": 12, "color": INK},  # the series' colour is too light for text
                "name": f"label {series_id}",
            }
        )
    return labels, right, labelled


def undated_records(data: Dataset, state: ViewState) -> list[Record]:
    """The view's series' figures that their documents give no date for."""
    rows = select_records(data, state.series, None, None, state.as_of_end)
    return [row for row in rows if row["period_kind"] == "undated"]


def undated_notes(data: Dataset, state: ViewState) -> list[str]:
    """Figures the documents give no date for: named in words, never placed on a time axis."""
    found = lookups(data)
    notes = []
    for row in undated_records(data, state):
        unit = found.series[row["series_id"]]["unit"]
        observed = format_observed(
            row["value"], row["value_low"], row["value_high"], row["qualifier"], unit
        )
        citation = found.sources[row["source_id"]]["short_citation"]
        notes.append(
            f"Undated in the source, so not on the time axis: "
            f"{found.series[row['series_id']]['title']}, {observed} ({citation})."
        )
    return notes


def _year_axis(drawn: Sequence[Record], width: int | None) -> dict[str, Any]:
    """Years as slots: a tick and a faint line at every 1 January, each year's label centred in
    its slot, where its annual point sits. A month or a dated event then falls visibly inside its
    own year (7 Dec 2019 just left of the line that opens 2020), never nearer another year's
    label than its own."""
    first = min(p["period_start"] for p in drawn)
    last = max(p["period_end"] for p in drawn)
    years = list(range(first.year, last.year + 1))
    fit = 10 if width is None else max(2, (width - 120) // 48)
    step = max(1, -(-len(years) // fit))
    lo, hi = x_range(drawn)
    labels = {}
    for year in years[::step]:
        # A year cut by the axis' ends is labelled in the middle of what shows of it, or not
        # at all when too little shows; a whole year's label sits at mid-year, over its points.
        shown = (max(lo, date(year, 1, 1)), min(hi, date(year + 1, 1, 1)))
        if shown[1] - shown[0] >= min((hi - lo) * 0.08, timedelta(days=90)):
            middle = date(year, 7, 2) if shown == (date(year, 1, 1), date(year + 1, 1, 1)) else None
            labels[year] = iso(middle) if middle else _midpoint(shown[0], shown[1])
    return {
        "tickvals": list(labels.values()),
        "ticktext": [str(y) for y in labels],
        "ticks": "",
        "ticklabelstandoff": 6,  # clear of a ringed point at zero
        "range": [iso(lo), iso(hi)],
        "minor": {
            "tickvals": [
                iso(date(y, 1, 1)) for y in range(lo.year, hi.year + 2) if lo <= date(y, 1, 1) <= hi
            ],
            "ticks": "outside",
            "ticklen": 8,
            "tickcolor": "#9aa5b1",
            "showgrid": True,
            "gridcolor": "#eef0f3",
        },
    }


def _leader_clear(
    point: tuple[float, float], tail: tuple[float, float], boxes: Sequence[tuple]
) -> bool:
    """The line from a point to its label passes over no other marker or label (boxes that hold
    the point itself are its own marker's)."""
    (x0, y0), (x1, y1) = point, tail
    others = [b for b in boxes if not (b[0] <= x0 <= b[2] and b[1] <= y0 <= b[3])]
    for step in range(2, 10):
        x, y = x0 + (x1 - x0) * step / 10, y0 + (y1 - y0) * step / 10
        if any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in others):
            return False
    return True


def _value_axis(drawn: Sequence[Record], state: ViewState, unit: str) -> dict[str, Any]:
    """An image's vertical range, fixed so direct labels can be placed: everything drawn, with
    headroom under the event markers; a rank axis counts whole places, 1 at the top."""
    if unit == "rank" and state.transform == "level":
        top = max(p["y"] for p in drawn)
        return {"range": [top + 0.5, 0.5], "dtick": 1, "tick0": 1, "rangemode": "normal"}
    lows, highs = zip(*(extent(p) for p in drawn), strict=True)
    lo, hi = min(lows), max(highs)
    if state.scale == "log":
        lo, hi = math.log10(lo), math.log10(hi)
        if hi - lo < MIN_DECADES:  # at least the decades a bound's arrow is a tenth of
            middle = (lo + hi) / 2
            lo, hi = middle - MIN_DECADES / 2, middle + MIN_DECADES / 2
        span = hi - lo
        return {"range": [lo - 0.08 * span, hi + 0.14 * span]}
    if state.transform == "level":
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if lo == hi == 0:  # "zero roubles": a zero line with 1 above it, no fractions of a unit
        return {"range": [-0.15, 1.5], "dtick": 1, "tick0": 0}
    span = (hi - lo) or abs(hi) or 1.0
    # A marker at zero is drawn whole (cliponaxis off); its ring would cover the year labels.
    low = lo - 0.06 * span if lo < 0 or min(p["y"] for p in drawn) < 0.04 * span else lo
    return {"range": [low, hi + 0.14 * span]}


def _legend_rows(figure: Figure, options: FigureOptions) -> int:
    """Rows a horizontal legend takes: its entries' text at about 7 px a character, plus symbol.
    A legend too wide for one row wraps into columns as wide as its widest entry (plotly.js)."""
    names = [t["name"] for t in figure["data"] if t.get("name") and t.get("showlegend", True)]
    if not names:
        return 0
    width = (options.width or 900) - 100
    needed = [40 + 7 * len(name) for name in names]
    if sum(needed) <= width:
        return 1
    columns = max(1, width // max(needed))
    return -(-len(names) // columns)


def _footer_chars(options: FigureOptions) -> int:
    """Characters per footer line that fit the figure's width at 12 px (about 6.5 px each)."""
    return 110 if options.width is None else max(40, int((options.width - 100) / 6.5))


def _balanced(text: str, width: int) -> str:
    """Wrapped to at most ``width`` characters a line, in lines of about equal length (no word
    left alone on the last line)."""
    lines = max(1, -(-len(text) // width))
    for target in range(-(-len(text) // lines), width + 1):
        wrapped = _wrap(text, target)
        if wrapped.count("<br>") < lines:
            return wrapped
    return _wrap(text, width)


def _wrap(text: str, width: int) -> str:
    """Break long footer lines at spaces so notes stay inside narrow images."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def describe(spec: ChartSpec, data: Dataset, state: ViewState) -> str:
    """Text alternative generated from the data: what is shown, range, key change, sources."""
    drawn = drawn_points(data, state)
    if not drawn:
        undated = undated_records(data, state)
        if undated:
            notes = " ".join(undated_notes(data, state))
            return f"{spec.title}. {notes} " + source_line(data, (r["source_id"] for r in undated))
        return f"{spec.title}. No observations in the selected range."
    series = lookups(data).series
    sentences = [f"{spec.title}."]

    def said(point: Record) -> str:
        if state.transform == "change":
            return f"{point['y']:+.1f}%"
        if state.transform == "index":
            return f"{point['y']:.1f}"
        return format_observed(
            point["value"], point["value_low"], point["value_high"], point["qualifier"], spec.unit
        )

    for series_id in state.series:
        points = sorted(
            (p for p in drawn if p["series_id"] == series_id), key=lambda p: p["period_start"]
        )
        if not points:
            continue
        first, last = points[0], points[-1]
        title = series[series_id]["title"]
        if len(points) == 1:
            sentences.append(f"{title}: {said(first)} in {format_period(first['period'])}.")
        else:
            peak = max(points, key=lambda p: p["y"])
            sentences.append(
                f"{title}: {len(points)} points from {format_period(first['period'])} "
                f"({said(first)}) to {format_period(last['period'])} ({said(last)}); highest "
                f"{said(peak)} in {format_period(peak['period'])}."
            )
    derived = sum(p["qualifier"] == "derived" for p in drawn)
    if derived:
        sentences.append(f"{derived} point{'s' if derived > 1 else ''} derived by the ETL.")
    questioned = sum(p["obs_id"] in questioned_points(data) for p in drawn)
    if questioned:
        sentences.append(
            f"{questioned} point{'s are' if questioned > 1 else ' is'} questioned by a "
            "consistency check."
        )
    sentences += undated_notes(data, state)  # no place on the time axis: said in words
    shown = [*drawn, *undated_records(data, state)]
    sentences.append(source_line(data, (p["source_id"] for p in shown)))
    return " ".join(sentences)
