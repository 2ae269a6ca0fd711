"""One function builds every chart's figure — for the page, the PNG/SVG export and the embed.

Drawing rules (docs/dashboard.md):
- each qualifier has its own marker: reported ●, approximate ● with "≈", lower/upper bound ▲/▼,
  range ● with an error bar, forecast ○ with a dashed connector, derived ◆ with its method;
- a year's point sits mid-year; a month or part-year is drawn as its own span (a bar from its first
  to its last day) in a separate trace, never joined to the annual line;
- consecutive years are joined; a missing year is a gap, drawn as a faint dotted line whose hover
  says "no data", so no line ever pretends to know what lies between;
- title, subtitle, source line and notes live inside the figure, so an exported image carries them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Any

import pandas as pd

from dashboard.charts.declarations import ChartSpec
from dashboard.charts.state import ViewState
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

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
"""Okabe–Ito: distinguishable with the common colour-vision deficiencies."""

CAVEAT = "#b3261e"
"""Outline of a point whose value rests on a figure a failed consistency check doubts."""
SYMBOLS = {
    "reported": "circle",
    "approximate": "circle",
    "lower_bound": "triangle-up",
    "upper_bound": "triangle-down",
    "range": "circle",
    "forecast": "circle-open",
    "derived": "diamond",
}
QUALIFIER_LEGEND = {
    "approximate": "≈ approximate",
    "lower_bound": "▲ lower bound (more than)",
    "upper_bound": "▼ upper bound (at most)",
    "range": "I range (low–high)",
    "forecast": "○ forecast",
    "derived": "◆ derived by the ETL",
}
Figure = dict[str, Any]
"""A Plotly figure as plain JSON-able data: what Dash sends and kaleido renders, built without
plotly.py's per-property validation (which cost most of a callback's time)."""

FONT = "Inter, system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"
INK, MUTED, GRID = "#1f2933", "#52606d", "#e4e7eb"


@dataclass(frozen=True)
class FigureOptions:
    """Presentation that differs between the page and an exported image or embed."""

    width: int | None = None
    height: int = 520
    text_in_figure: bool = True
    """Bake title, subtitle, source line, notes and the event key into the figure (images and
    embeds); the page sets it False and renders them as HTML, which wraps on narrow screens."""


def scatter(**properties: Any) -> dict[str, Any]:
    """A scatter trace as a dict, leaving out properties that are None."""
    return {"type": "scatter", **{k: v for k, v in properties.items() if v is not None}}


def _iso(moment: date) -> str:
    """Plotly's date form; a date is its midnight."""
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    return moment.isoformat()


def _midpoint(start: date, end: date) -> str:
    """The middle of the days from ``start`` to ``end`` inclusive: where a period's point sits."""
    return _iso(
        datetime(start.year, start.month, start.day) + (end - start + timedelta(days=1)) / 2
    )


def _merge(target: dict[str, Any], updates: dict[str, Any]) -> None:
    """Nested update of layout dicts (what plotly's update_layout does, without validation)."""
    for key, value in updates.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def _hover(row: Record, title: str, unit: str, citation: str, transform: str) -> str:
    observed = format_observed(
        row["value"], row["value_low"], row["value_high"], row["qualifier"], unit
    )
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
    if isinstance(row.get("caveat"), str):
        lines.append(f"<b>⚠</b> <i>{row['caveat']}</i>")
    lines.append("<span style='font-size:11px'>Click for the full record</span>")
    return "<br>".join(lines)


def _error_bars(points: Sequence[Record]) -> dict | None:
    """Error bars where a point has both a low and a high (ranges; derived uncertainty)."""
    has = [p["y_low"] is not None and p["y_high"] is not None for p in points]
    if not any(has):
        return None
    return {
        "type": "data",
        "symmetric": False,
        "array": [(p["y_high"] - p["y"]) if ok else 0 for p, ok in zip(points, has, strict=True)],
        "arrayminus": [
            (p["y"] - p["y_low"]) if ok else 0 for p, ok in zip(points, has, strict=True)
        ],
        "thickness": 1.5,
        "width": 4,
    }


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
                (_iso(start + (end - start) / 2), (y0 + y1) / 2, f"not joined: {words} statistics")
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
            gap_labels.append((_iso(start + (end - start) / 2), (y0 + y1) / 2, missing))
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
        # The dotted line takes no hover (its ends sit on real points, whose citation must win);
        # a faint marker halfway along says what is missing.
        traces.append(
            scatter(
                x=gap_x,
                y=gap_y,
                line={"color": color, "width": 1, "dash": "dot"},
                opacity=0.45,
                **common,
            )
        )
        traces.append(
            scatter(
                x=[x for x, _, _ in gap_labels],
                y=[y for _, y, _ in gap_labels],
                mode="markers",
                marker={"color": color, "size": 6, "opacity": 0.35},
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


def _legend_key(name: str, group: str | None, marker: dict[str, Any]) -> dict[str, Any]:
    """A legend entry with no data: the legend shows what a symbol means, not whichever symbol
    a trace's first point happens to have. Series keys toggle their group; qualifier keys have
    none, so a horizontal legend flows them on one line instead of stacking a group."""
    return scatter(
        x=[None],
        y=[None],
        mode="markers",
        name=name,
        legendgroup=group,
        marker={"size": 10, **marker},
        hoverinfo="skip",
    )


def _point_trace(
    points: Sequence[Record], name: str, color: str, group: str, hover: list[str]
) -> dict[str, Any]:
    symbols = [SYMBOLS[p["qualifier"]] for p in points]
    return scatter(
        x=[p["_x"] for p in points],
        y=[float(p["y"]) for p in points],
        mode="markers",
        name=name,
        legendgroup=group,
        showlegend=False,
        marker={
            "color": color,
            "symbol": symbols,
            "size": [12 if s != "circle" else 10 for s in symbols],
            "line": {
                "color": [CAVEAT if isinstance(p.get("caveat"), str) else color for p in points],
                "width": [3 if isinstance(p.get("caveat"), str) else 2 for p in points],
            },
        },
        error_y=_error_bars(points),
        customdata=[[p["obs_id"]] for p in points],
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _span_trace(points: Sequence[Record], color: str, group: str) -> dict[str, Any]:
    """A part-year or month as a bar over the days it covers."""
    xs: list = []
    ys: list = []
    for point in points:
        xs += [_iso(point["period_start"]), _iso(point["period_end"]), None]
        ys += [point["y"], point["y"], None]
    return scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": color, "width": 6},
        opacity=0.35,
        legendgroup=group,
        showlegend=False,
        hoverinfo="skip",
    )


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

    figure: Figure = {"data": [], "layout": {}}
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
            )
            for p in points
        }
        annual = [p for p in points if p["period_kind"] == "year"]
        partial = [p for p in points if p["period_kind"] != "year"]
        figure["data"].append(_legend_key(title, series_id, {"color": color, "symbol": "circle"}))
        if found.series[series_id]["measure"] != "change":  # each stated change has its own base
            for connector in _connectors(annual, color, series_id):
                figure["data"].append(connector)
        if annual:
            figure["data"].append(
                _point_trace(annual, title, color, series_id, [hover[p["obs_id"]] for p in annual])
            )
        if partial:
            figure["data"].append(_span_trace(partial, color, series_id))
            figure["data"].append(
                _point_trace(
                    partial,
                    f"{title} (part)",
                    color,
                    series_id,
                    [hover[p["obs_id"]] for p in partial],
                )
            )
    if any(p["period_kind"] != "year" for p in drawn):
        figure["data"].append(
            scatter(
                x=[None],
                y=[None],
                mode="lines",
                name="bar = the month or part-year covered",
                line={"color": MUTED, "width": 6},
                opacity=0.5,
                hoverinfo="skip",
            )
        )
    present = {p["qualifier"] for p in drawn}
    for qualifier, label in QUALIFIER_LEGEND.items():
        if qualifier in present:
            figure["data"].append(
                _legend_key(label, None, {"color": MUTED, "symbol": SYMBOLS[qualifier]})
            )
    if any(isinstance(p.get("caveat"), str) for p in drawn):
        figure["data"].append(
            _legend_key(
                "red outline = rests on a figure a failed check doubts",
                None,
                {"color": "white", "symbol": "circle", "line": {"color": CAVEAT, "width": 3}},
            )
        )
    _add_events(figure, spec, data, state, drawn)
    _layout(figure, spec, data, state, drawn, scale_word, options)
    if not drawn and undated_records(data, state):
        _undated_bars(figure, data, state, spec.unit)
    return figure


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
) -> None:
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
        "legend": {"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top", "font": {"size": 12}},
        "xaxis": {"type": "date", "showgrid": False, "tickfont": {"size": 12}, **axis_line},
        "yaxis": {
            "title": {"text": _axis_title(spec, state, scale_word), "font": {"size": 12}},
            "type": "log" if state.scale == "log" else "linear",
            "showgrid": True,
            "gridcolor": GRID,
            "zeroline": state.transform != "level",
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
    if options.text_in_figure:
        shown = [*drawn, *undated_records(data, state)]
        sources = source_line(data, (p["source_id"] for p in shown))
        footer = [
            sources,
            *spec.notes,
            *event_notes(spec, data, state, drawn),
            *(undated_notes(data, state) if drawn else []),  # else they are the bars
        ]
        footer_text = "<br>".join(_wrap(line, _footer_chars(options)) for line in footer)
        footer_lines = footer_text.count("<br>") + 1
        legend_rows = _legend_rows(figure, options)
        footer_px = 18 * footer_lines + 12
        bottom = footer_px + 24 * legend_rows + 48
        layout["title"] = {
            "text": f"<b>{spec.title}</b><br>"
            f"<span style='font-size:13px;color:{MUTED}'>{spec.subtitle}</span>",
            "x": 0.01,
            "xanchor": "left",
            "y": 0.97,
            "yanchor": "top",
            "font": {"size": 18},
        }
        layout["margin"] = {"l": 70, "r": 30, "t": 90, "b": bottom}
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
    else:
        layout["xaxis"].update(_year_axis(drawn))
    _merge(figure["layout"], {k: v for k, v in layout.items() if v is not None})


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


def _year_axis(drawn: Sequence[Record]) -> dict[str, Any]:
    """Year labels centred on each year, where annual points sit (a tick on 1 January would put
    a year's point halfway between two labels); months and part-years fall inside their year."""
    first = min(p["period_start"] for p in drawn)
    last = max(p["period_end"] for p in drawn)
    years = list(range(first.year, last.year + 1))
    step = max(1, -(-len(years) // 10))
    padding = timedelta(days=200 if len(years) > 1 else 400)
    return {
        "tickvals": [_iso(date(y, 7, 2)) for y in years[::step]],
        "ticktext": [str(y) for y in years[::step]],
        "range": [_iso(first - padding / 2), _iso(last + padding / 2)],
    }


def _legend_rows(figure: Figure, options: FigureOptions) -> int:
    """Rows a horizontal legend takes: its entries' text at about 7 px a character, plus symbol."""
    names = [t["name"] for t in figure["data"] if t.get("name") and t.get("showlegend", True)]
    width = (options.width or 900) - 100
    rows, used = 1, 0
    for name in names:
        needed = 40 + 7 * len(name)
        if used and used + needed > width:
            rows, used = rows + 1, 0
        used += needed
    return rows


def _footer_chars(options: FigureOptions) -> int:
    """Characters per footer line that fit the figure's width at 12 px (about 6.5 px each)."""
    return 110 if options.width is None else max(40, int((options.width - 100) / 6.5))


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
    sentences.append(source_line(data, (p["source_id"] for p in drawn)))
    return " ".join(sentences)
