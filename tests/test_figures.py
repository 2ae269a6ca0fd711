"""The figure builder draws every point once, each qualifier by its drawing rule, partial periods
apart from years, gaps as gaps, and carries title, source line and notes inside the figure; an
image reads on its own: labels beside the lines, no marker hidden, no note it cannot honour."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from itertools import pairwise

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.charts.figures import FigureOptions, build_figure, chart_rows, describe
from dashboard.charts.marks import KEY_WORDS, questioned_points
from dashboard.charts.state import default_state
from dashboard.model.formatting import format_observed, format_period

IMAGE = FigureOptions(width=1200, height=675)
"""The social preset `make charts` writes."""


def validated_figure(*args, **kwargs) -> go.Figure:
    """The builder's plain-dict figure, checked property by property by plotly.py."""
    return go.Figure(build_figure(*args, **kwargs))


def points(figure) -> dict[str, dict]:
    """obs_id → {symbol, fill, x, y, index, trace} for every drawn data point."""
    found = {}
    for trace in figure.data:
        if trace.customdata is None:
            continue
        symbols, fills = trace.marker.symbol, trace.marker.color
        for i, custom in enumerate(trace.customdata):
            found[custom[0]] = {
                "symbol": symbols[i] if isinstance(symbols, list | tuple) else symbols,
                "fill": fills[i] if isinstance(fills, list | tuple) else fills,
                "x": trace.x[i],
                "y": trace.y[i],
                "index": i,
                "trace": trace,
            }
    return found


def observations(dataset, spec) -> list:
    """The parquet's rows a chart draws on a time axis, as records with None for NaN."""
    rows = dataset.observations[dataset.observations["series_id"].isin(spec.series)]
    rows = rows[rows["period_kind"] != "undated"].astype(object)
    return rows.where(rows.notna(), None).to_dict("records")


def drawn(dataset, registry, options=None):
    """(spec, figure, its points, the chart's observations) for every chart on a time axis."""
    for spec in registry.charts:
        rows = observations(dataset, spec)
        if rows:
            figure = validated_figure(spec, dataset, default_state(spec), options)
            yield spec, figure, points(figure), rows


def at_least(row) -> bool:
    """A bound runs up when its record gives its low end (value_low), down when its high end."""
    return row["value_low"] is not None and row["value_high"] is None


def questioned_ids(dataset) -> set[str]:
    """What the rule doubts: a caveat, a figure in a failed check of a document against itself
    (not a claim's check), or the figure a document converted when the conversion misses the
    reference rate (the first figure its check names)."""
    checks = dataset.checks
    failed = checks[(checks["status"] == "inconsistent") & checks["claim_id"].isna()]
    within = failed[failed["scope"] == "within one document"]
    ids = {str(i) for obs_ids in within["obs_ids"] for i in obs_ids}
    converted = failed[failed["kind"].str.startswith("conversion_")]
    ids |= {str(obs_ids[0]) for obs_ids in converted["obs_ids"]}
    return ids | set(dataset.observations.loc[dataset.observations["caveat"].notna(), "obs_id"])


def charted(dataset, registry) -> pd.DataFrame:
    """The observations some chart draws on a time axis by default."""
    series = {s for spec in registry.charts for s in spec.series}
    rows = dataset.observations[dataset.observations["series_id"].isin(series)]
    return rows[rows["period_kind"] != "undated"]


def test_every_chart_draws_each_of_its_observations_exactly_once(dataset, registry):
    """Each dated figure once on the time axis; an undated one has no place there: it is a bar
    of its own when nothing of the chart is dated, else named, with its value, in the text
    under the chart."""
    for spec in registry.charts:
        state = default_state(spec)
        figure = validated_figure(spec, dataset, state)
        drawn = [c[0] for t in figure.data if t.customdata is not None for c in t.customdata]
        expected = dataset.observations[dataset.observations["series_id"].isin(spec.series)]
        dated = expected[expected["period_kind"] != "undated"]
        if dated.empty:
            assert sorted(drawn) == sorted(expected["obs_id"]), spec.chart_id
            continue
        assert sorted(drawn) == sorted(dated["obs_id"]), spec.chart_id
        text = describe(spec, dataset, state)
        titles = dataset.series.set_index("series_id")["title"]
        for row in expected[expected["period_kind"] == "undated"].itertuples():
            assert f"not on the time axis: {titles[row.series_id]}" in text, spec.chart_id


def test_undated_figures_stand_side_by_side_never_on_a_time_axis(dataset, registry):
    spec = registry.get("transit-tariff")
    figure = validated_figure(spec, dataset, default_state(spec))
    assert figure.layout.xaxis.type == "category"
    bars = [t for t in figure.data if t.type == "bar"]
    assert len(bars) == 2 and all(isinstance(x, str) for t in bars for x in t.x)
    centred = [a for a in figure.layout.annotations if (a.x, a.y) == (0.5, 0.5)]
    assert not centred, "no empty-chart note over the bars"


@pytest.mark.parametrize(
    ("chart_id", "obs_id", "symbol"),
    [
        ("ua-turnover", "moshes-nizhnikau-2018/trade-turnover-2012", "circle"),
        (
            "ua-turnover",
            "rad-chornogor-2024/turnover-from-flows:trade.by_ua.turnover:2021",
            "diamond",
        ),
        ("ua-flows", "rad-chornogor-2024/exports-2022", "triangle-down"),
        ("gasoline-share", "moshes-nizhnikau-2018/gasoline-share-2018-expected", "circle-dot"),
        (
            "russia-share-of-exports",
            "imminent-union-2019/russia-share-of-exports-2019",
            "triangle-up",
        ),
        # "fell by nearly 87%": at most an 87% fall, so the change is at least −87%
        ("stated-changes", "rad-chornogor-2024/imports-change-2022", "triangle-up"),
    ],
)
def test_each_qualifier_has_its_marker(dataset, registry, chart_id, obs_id, symbol):
    spec = registry.get(chart_id)
    assert points(validated_figure(spec, dataset, default_state(spec)))[obs_id]["symbol"] == symbol


def test_every_point_is_drawn_by_its_qualifiers_rule(dataset, registry):
    """Approximate and forecast hollow (forecast with a dot), derived a diamond, bounds a triangle
    pointing the way they run, stated and ranged values a filled circle."""
    seen = set()
    for spec, _, drawn_points, rows in drawn(dataset, registry):
        for row in rows:
            point, qualifier = drawn_points[row["obs_id"]], row["qualifier"]
            seen.add(qualifier)
            if qualifier in ("lower_bound", "upper_bound"):
                expected = "triangle-up" if at_least(row) else "triangle-down"
            else:
                expected = {"forecast": "circle-dot", "derived": "diamond"}.get(qualifier, "circle")
            assert point["symbol"] == expected, (spec.chart_id, row["obs_id"])
            hollow = qualifier in ("approximate", "forecast")
            assert (point["fill"] == "white") == hollow, (spec.chart_id, row["obs_id"])
    assert seen == set(charted(dataset, registry)["qualifier"]), "every qualifier charted is drawn"


def _segments(trace) -> list[tuple]:
    """A lines trace's segments (runs between None), as lists of (x, y)."""
    runs, run = [], []
    for x, y in zip(trace.x, trace.y, strict=True):
        if x is None:
            runs.append(run)
            run = []
        else:
            run.append((x, y))
    return [r for r in [*runs, run] if r]


def test_a_bound_has_an_arrow_running_the_way_the_bound_runs(dataset, registry):
    bounds = 0
    for spec, figure, drawn_points, rows in drawn(dataset, registry):
        arrows = [t for t in figure.data if t.marker and t.marker.symbol == "arrow"]
        segments = [seg for t in arrows for seg in _segments(t)]
        for row in rows:
            if row["qualifier"] not in ("lower_bound", "upper_bound"):
                continue
            bounds += 1
            point = drawn_points[row["obs_id"]]
            (start, end), *_ = [s for s in segments if s[0] == (point["x"], point["y"])]
            assert end[0] == start[0], "straight up or down"
            assert (end[1] > start[1]) == at_least(row), (spec.chart_id, row["obs_id"])
    assert bounds == charted(dataset, registry)["qualifier"].str.endswith("_bound").sum() > 0


def test_a_stated_range_is_a_broad_bar_from_its_low_to_its_high(dataset, registry):
    ranges = 0
    for spec, figure, drawn_points, rows in drawn(dataset, registry):
        for row in (r for r in rows if r["qualifier"] == "range"):
            ranges += 1
            point = drawn_points[row["obs_id"]]
            scale = point["y"] / row["value"]
            bars = [
                seg
                for t in figure.data
                if t.mode == "lines" and t.line.width >= 8
                for seg in _segments(t)
                if seg[0][0] == point["x"]
            ]
            assert [(y0, y1) for (_, y0), (_, y1) in bars] == [
                (row["value_low"] * scale, row["value_high"] * scale)
            ], spec.chart_id
    assert ranges == (charted(dataset, registry)["qualifier"] == "range").sum() > 0


def test_a_derived_value_is_drawn_with_its_interval_and_its_method(dataset, registry):
    derived = 0
    for _, _, drawn_points, rows in drawn(dataset, registry):
        for row in (r for r in rows if r["qualifier"] == "derived"):
            derived += 1
            point = drawn_points[row["obs_id"]]
            trace, i = point["trace"], point["index"]
            assert row["method"] in trace.hovertext[i]
            scale = point["y"] / row["value"]
            if row["value_low"] is not None and row["value_high"] is not None:
                unit = dataset.series.set_index("series_id").loc[row["series_id"], "unit"]
                allowed = format_observed(
                    row["value"], row["value_low"], row["value_high"], "range", unit
                )
                assert f"within {allowed}" in trace.hovertext[i]
                assert trace.error_y.array[i] == pytest.approx(
                    (row["value_high"] - row["value"]) * scale
                )
                assert trace.error_y.arrayminus[i] == pytest.approx(
                    (row["value"] - row["value_low"]) * scale
                )
    assert derived == (charted(dataset, registry)["qualifier"] == "derived").sum() > 0


def rings_of(figure) -> list[dict]:
    """Each ring drawn: its legend group (series), the box it encloses in data coordinates
    (a lone point's ring: just that point) and the count its ⚠ gives."""
    found = []
    for trace in figure.data:
        if trace.name != "questioned":
            continue
        if trace.mode == "markers+text":  # a ring marker on each lone point
            for x, y, text in zip(trace.x, trace.y, trace.text, strict=True):
                assert text == "⚠"
                found.append({"group": trace.legendgroup, "x": (x, x), "y": (y, y), "count": 1})
        else:  # one ring around a cluster, ⚠ and the count beside it
            label = [t for t in trace.text if t]
            assert len(label) == 1 and label[0].startswith("⚠ ")
            xs = [pd.Timestamp(x) for x in trace.x]
            found.append(
                {
                    "group": trace.legendgroup,
                    "x": (min(xs), max(xs)),
                    "y": (min(trace.y), max(trace.y)),
                    "count": int(label[0].removeprefix("⚠ ")),
                }
            )
    return found


def inside(ring: dict, point: dict) -> bool:
    x, (x0, x1), (y0, y1) = pd.Timestamp(point["x"]), ring["x"], ring["y"]
    return pd.Timestamp(x0) <= x <= pd.Timestamp(x1) and y0 <= point["y"] <= y1


def test_a_questioned_value_is_ringed_with_a_warning_and_no_other_is(dataset, registry):
    """Every questioned figure a chart draws is inside exactly one ring — on its own, or with
    its neighbours where rings would crowd, the ring's ⚠ then giving their count — and its
    hover says why; no ring is drawn on a figure nothing questions."""
    questioned = questioned_ids(dataset)
    ringed_anywhere = set()
    for spec, figure, drawn_points, rows in drawn(dataset, registry):
        rings = rings_of(figure)
        for row in rows:
            point = drawn_points[row["obs_id"]]
            group = point["trace"].legendgroup
            around = [r for r in rings if r["group"] == group and inside(r, point)]
            if row["obs_id"] in questioned:
                assert len(around) == 1, (spec.chart_id, row["obs_id"])
                ringed_anywhere.add(row["obs_id"])
                assert "⚠" in point["trace"].hovertext[point["index"]]
            else:
                assert all(r["count"] > 1 for r in around), (spec.chart_id, row["obs_id"])
        for ring in rings:
            enclosed = [
                row
                for row in rows
                if row["obs_id"] in questioned
                and drawn_points[row["obs_id"]]["trace"].legendgroup == ring["group"]
                and inside(ring, drawn_points[row["obs_id"]])
            ]
            assert len(enclosed) == ring["count"], spec.chart_id
    charted_ids = set(charted(dataset, registry)["obs_id"])
    assert ringed_anywhere == questioned & charted_ids, "every questioned value charted is ringed"


def test_a_currency_conversion_that_misses_the_reference_rate_rings_the_converted_figure(
    dataset, registry
):
    """The document's own conversion is off: the figure it converted to is questioned, with the
    check's words in its hover; the figure it converted from is not."""
    checks = dataset.checks
    failed = checks[
        checks["kind"].str.startswith("conversion_") & (checks["status"] == "inconsistent")
    ]
    assert not failed.empty, "the data has a conversion that misses the reference rate"
    questioned = questioned_points(dataset)
    for check in failed.itertuples():
        converted, original = check.obs_ids[0], check.obs_ids[1]
        assert "reference rate" in questioned[converted]
        assert check.message.removeprefix("inconsistent: ") in questioned[converted]
        assert "reference rate" not in questioned.get(original, "")
        specs = [spec for spec in registry.charts if check.series_id in spec.series]
        for spec in specs:
            figure = validated_figure(spec, dataset, default_state(spec))
            point = points(figure)[converted]
            assert [r for r in rings_of(figure) if inside(r, point)], spec.chart_id


def _legend(figure) -> list[str]:
    return [t.name for t in figure.data if t.name and t.showlegend is not False and t.x == (None,)]


def test_the_legend_names_only_the_marks_the_chart_draws_in_plain_words(dataset, registry):
    questioned = questioned_ids(dataset)
    for spec, figure, _, rows in drawn(dataset, registry):
        titles = set(dataset.series.set_index("series_id").loc[list(spec.series), "title"])
        marks = {name for name in _legend(figure) if name not in titles}
        qualifiers = {r["qualifier"] for r in rows}

        def shown(*keys: str, marks: set[str] = marks) -> bool:
            return bool(marks & {KEY_WORDS[k] for k in keys})

        assert shown("approximate") == ("approximate" in qualifiers), spec.chart_id
        assert shown("forecast", "forecast line") == ("forecast" in qualifiers), spec.chart_id
        assert shown("derived", "derived interval") == ("derived" in qualifiers), spec.chart_id
        assert shown("range") == ("range" in qualifiers), spec.chart_id
        bounds = [r for r in rows if r["qualifier"].endswith("_bound")]
        assert shown("at least") == any(at_least(r) for r in bounds), spec.chart_id
        assert shown("at most") == any(not at_least(r) for r in bounds), spec.chart_id
        assert shown("questioned") == any(r["obs_id"] in questioned for r in rows), spec.chart_id
        partial = any(r["period_kind"] != "year" for r in rows)
        assert shown("span") == partial, spec.chart_id
        assert marks <= set(KEY_WORDS.values()), (
            f"{spec.chart_id}: {marks - set(KEY_WORDS.values())}"
        )
        assert not any(glyph in name for name in marks for glyph in "▲▼◆●○≈")


def test_the_table_view_says_in_words_what_the_chart_draws(dataset, registry):
    from dashboard.site.explorer import WORDS_COLUMN, table_view

    questioned = questioned_ids(dataset)
    for spec in registry.charts:
        table = table_view(dataset, spec.series, None, None)
        head, body = table.children[1], table.children[2]
        columns = [th.children for th in head.children.children]
        cells = {
            row.children[columns.index("obs_id")].children: row.children[
                columns.index(WORDS_COLUMN)
            ].children
            for row in body.children
        }
        for row in observations(dataset, spec):
            said, qualifier = cells[row["obs_id"]], row["qualifier"]
            if qualifier.endswith("_bound"):
                assert said.startswith("at least " if at_least(row) else "at most "), said
            expected = {
                "range": "(range)",
                "forecast": "(forecast)",
                "approximate": "approximately ",
                "derived": f"(derived: {row['method']})",
            }.get(qualifier, "")
            assert expected in said, (spec.chart_id, said)
            assert ("⚠" in said) == (row["obs_id"] in questioned), (spec.chart_id, said)


def _image_text(figure) -> str:
    texts = [figure.layout.title.text or "", *(a.text or "" for a in figure.layout.annotations)]
    return " ".join([*texts, *(t.name or "" for t in figure.data if t.showlegend is not False)])


def test_no_image_asks_its_reader_to_click_hover_or_go_to_a_page(dataset, registry):
    """An image cannot link: its notes say what they mean, not where to find it."""
    for spec in registry.charts:
        text = _image_text(validated_figure(spec, dataset, default_state(spec), IMAGE)).lower()
        for word in ("click", "hover", "tap ", "see the", " page"):
            assert word not in text, f"{spec.chart_id}: {word!r} in the image"


def test_years_are_slots_and_each_event_falls_inside_its_own_year(dataset, registry):
    """A tick at every 1 January and each year's label between two of them: an event dated
    7 Dec 2019 sits left of the line that opens 2020, in the slot labelled 2019."""
    events = dataset.events.set_index("event_id")
    checked = 0
    for spec in registry.charts:
        figure = validated_figure(spec, dataset, default_state(spec), IMAGE)
        marker = [t for t in figure.data if t.name == "events"]
        if not marker:
            continue
        axis = figure.layout.xaxis
        boundaries = sorted(pd.Timestamp(v) for v in axis.minor.tickvals)
        assert all((b.month, b.day) == (1, 1) for b in boundaries)
        labels = {
            int(t): pd.Timestamp(v) for v, t in zip(axis.tickvals, axis.ticktext, strict=True)
        }
        for hover, x in zip(marker[0].hovertext, marker[0].x, strict=True):
            event = events.loc[next(e for e in spec.events if events.loc[e, "label"] in hover)]
            x = pd.Timestamp(x)
            start, end = pd.Timestamp(event["date_start"]), pd.Timestamp(event["date_end"])
            assert start <= x <= end + pd.Timedelta(days=1), "drawn within its own dates"
            first, last = (pd.Timestamp(v) for v in axis.range)
            for edge in (pd.Timestamp(x.year, 1, 1), pd.Timestamp(x.year + 1, 1, 1)):
                assert edge in boundaries or not first <= edge <= last, "its year's edges drawn"
            if x.year in labels:
                label = labels[x.year]
                assert pd.Timestamp(x.year, 1, 1) < label < pd.Timestamp(x.year + 1, 1, 1)
                slot = [(b <= label) == (b <= x) for b in boundaries]
                assert all(slot), f"{spec.chart_id}: {event['label']} outside {x.year}'s slot"
            checked += 1
    assert checked, "some chart draws its events"


def test_a_years_point_sits_inside_its_years_slot_and_every_drawn_year_is_labelled(
    dataset, registry
):
    for spec, figure, drawn_points, rows in drawn(dataset, registry, IMAGE):
        axis = figure.layout.xaxis
        boundaries = sorted(pd.Timestamp(v) for v in axis.minor.tickvals)
        for row in (r for r in rows if r["period_kind"] == "year"):
            x = pd.Timestamp(drawn_points[row["obs_id"]]["x"])
            assert x.year == int(row["period"])
            assert pd.Timestamp(x.year, 1, 1) in boundaries or x.year == boundaries[0].year - 1
        drawn_years = {pd.Timestamp(p["x"]).year for p in drawn_points.values()}
        assert drawn_years <= {int(t) for t in axis.ticktext}, spec.chart_id


def test_no_marker_hides_another(dataset, registry):
    """Points of different series at the same period that would overlap stand side by side,
    each still inside its own period."""
    moved = 0
    for spec, figure, drawn_points, rows in drawn(dataset, registry, IMAGE):
        low, high = sorted(figure.layout.yaxis.range)
        near = 0.03 * (high - low)
        for a in rows:
            for b in rows:
                if a["series_id"] >= b["series_id"] or a["period"] != b["period"]:
                    continue
                pa, pb = drawn_points[a["obs_id"]], drawn_points[b["obs_id"]]
                if abs(pa["y"] - pb["y"]) < near:
                    assert pa["x"] != pb["x"], (spec.chart_id, a["obs_id"], b["obs_id"])
                    moved += 1
                for row, point in ((a, pa), (b, pb)):
                    start, end = (pd.Timestamp(row[k]) for k in ("period_start", "period_end"))
                    assert start <= pd.Timestamp(point["x"]) <= end + pd.Timedelta(days=1)
    assert moved, "some chart has points that would overlap"


def test_each_series_of_an_image_is_named_beside_its_last_point_or_in_the_legend(dataset, registry):
    titles = dataset.series.set_index("series_id")["title"]
    fully_labelled = 0
    for spec, figure, _, rows in drawn(dataset, registry, IMAGE):
        series = {r["series_id"] for r in rows}
        if len(series) < 2:
            continue
        labels = {a.name.removeprefix("label "): a for a in figure.layout.annotations if a.name}
        legend = set(_legend(figure))
        for series_id in series:
            named = series_id in labels or titles[series_id] in legend
            assert named, (spec.chart_id, series_id)
            if series_id in labels:
                assert labels[series_id].text.replace("<br>", " ") == titles[series_id]
        if set(labels) == series:
            fully_labelled += 1
            assert not legend & set(titles[list(series)]), "labelled series leave the legend"
    assert fully_labelled, "some multi-series chart has every label beside its line"


def test_a_range_is_drawn_at_its_midpoint_with_an_error_bar(dataset, registry):
    spec = registry.get("troops")
    point = points(validated_figure(spec, dataset, default_state(spec)))[
        "rad-chornogor-2024/russian-troops-early-2022"
    ]
    assert point["y"] == 35_000
    index = list(point["trace"].customdata).index(["rad-chornogor-2024/russian-troops-early-2022"])
    assert point["trace"].error_y.array[index] == 5_000
    assert point["trace"].error_y.arrayminus[index] == 5_000


def test_months_and_part_years_are_never_joined_to_the_annual_line(dataset, registry):
    spec = registry.get("ua-turnover")
    figure = validated_figure(spec, dataset, default_state(spec))
    drawn = points(figure)
    partial = {
        k: v for k, v in drawn.items() if "2022-0" in k or "jan-jul" in k or "2022-01_2022-07" in k
    }
    assert len(partial) == 4  # Feb 2022, Aug 2022, Jan–Jul 2022 (implied), Jan–Jul 2023
    partial_x = {pd.Timestamp(p["x"]) for p in partial.values()}
    for trace in figure.data:
        if trace.mode == "lines" and trace.line.width == 2:  # the solid and dashed year connectors
            assert not partial_x & {pd.Timestamp(x) for x in trace.x if x is not None}


def test_a_missing_year_is_a_labelled_dotted_gap_not_a_line(dataset, registry):
    spec = registry.get("ua-turnover")
    figure = validated_figure(spec, dataset, default_state(spec))
    labels = [t for t in figure.data if t.hovertemplate and t.hovertemplate.startswith("gap")]
    assert labels and "no data for 2014–2016" in labels[0].text
    dotted = [t for t in figure.data if t.line and t.line.dash == "dot"]
    assert dotted and all(t.hoverinfo == "skip" for t in dotted), "a gap never steals a hover"
    solid = [
        t for t in figure.data if t.mode == "lines" and t.line.dash is None and t.line.width == 2
    ]
    years = {pd.Timestamp(x).year for t in solid for x in t.x if x is not None}
    assert years == {2012, 2013, 2021, 2022}, "solid lines join consecutive years only"


def test_a_forecast_after_a_missing_year_is_reached_by_a_dotted_gap_not_a_dash(dataset, registry):
    spec = registry.get("gasoline-share")
    figure = validated_figure(spec, dataset, default_state(spec))
    # 2016 → 2018 skips 2017, so the connector is a gap; the forecast keeps its hollow marker
    assert not [t for t in figure.data if t.line and t.line.dash == "dash"]
    assert any(t.line and t.line.dash == "dot" for t in figure.data)


def _annual(year: int, y: float, qualifier: str) -> dict:
    return {
        "period": str(year),
        "period_start": pd.Timestamp(f"{year}-01-01"),
        "_x": f"{year}-07-01",
        "y": y,
        "qualifier": qualifier,
        "statistics_from": "not stated",
    }


def test_a_forecast_in_the_next_year_is_reached_by_a_dashed_connector():
    from dashboard.charts.figures import _connectors

    traces = _connectors(
        [
            _annual(2016, 54, "reported"),
            _annual(2017, 45, "reported"),
            _annual(2018, 36.5, "forecast"),
        ],
        "#000",
        "g",
    )
    dashed = [t for t in traces if t["line"].get("dash") == "dash"]
    solid = [t for t in traces if "dash" not in t["line"]]
    assert len(dashed) == 1 and [x for x in dashed[0]["x"] if x] == ["2017-07-01", "2018-07-01"]
    assert len(solid) == 1 and [x for x in solid[0]["x"] if x] == ["2016-07-01", "2017-07-01"]


def test_the_figure_carries_title_subtitle_source_line_and_notes(dataset, registry):
    spec = registry.get("ua-turnover")
    figure = validated_figure(
        spec, dataset, default_state(spec), FigureOptions(width=800, height=500)
    )
    text = figure.layout.title.text + " ".join(a.text for a in figure.layout.annotations)
    text = " ".join(text.replace("<br>", " ").split())  # lines wrap to the image's width
    assert spec.title in text and spec.subtitle in text
    rows = dataset.observations[dataset.observations["series_id"].isin(spec.series)]
    sources = dataset.sources.set_index("source_id")
    for source_id in set(rows["source_id"]):
        assert sources.loc[source_id, "short_citation"] in text, source_id
    for note in spec.notes:
        assert " ".join(note.split()) in text


def test_hover_gives_value_unit_period_qualifier_and_citation(dataset, registry):
    spec = registry.get("ua-turnover")
    point = points(validated_figure(spec, dataset, default_state(spec)))[
        "rad-chornogor-2024/turnover-2022-08"
    ]
    index = list(point["trace"].customdata).index(["rad-chornogor-2024/turnover-2022-08"])
    hover = point["trace"].hovertext[index]
    assert "Aug 2022: ≈$7 million" in hover
    assert "approximate · Rad & Chornogor (2024)" in hover


def test_events_follow_the_toggle(dataset, registry):
    spec = registry.get("ua-turnover")
    on = validated_figure(spec, dataset, default_state(spec))
    off = validated_figure(spec, dataset, replace(default_state(spec), events=False))
    assert [t.name for t in on.data].count("events") == 1
    assert len(on.layout.shapes) == len(spec.events)
    assert "events" not in [t.name for t in off.data] and not off.layout.shapes


def test_change_and_index_transforms_compare_like_with_like(dataset, registry):
    """A change is on the previous figure of the same kind (a year on the year before it in the
    data); an index divides each year by the base year's figure; part-years are not indexed."""
    spec = registry.get("ua-turnover")
    rows = dataset.observations[dataset.observations["series_id"] == spec.series[0]]
    years = rows[rows["period_kind"] == "year"].sort_values("period").set_index("period")["value"]
    assert len(years) >= 3
    change = chart_rows(spec, dataset, replace(default_state(spec), transform="change"))
    annual = change[change["period_kind"] == "year"].set_index("period")["y"]
    assert years.index[0] not in annual.index, "the first observation has nothing to change from"
    for before, after in pairwise(years.index):
        expected = (years[after] / years[before] - 1) * 100
        assert annual[after] == pytest.approx(expected), after
    base = int(years.index[1])
    index = chart_rows(
        spec, dataset, replace(default_state(spec), transform="index", base_year=base)
    )
    assert set(index["period_kind"]) == {"year"}, "part-years are not indexed to a year"
    indexed = index.set_index("period")["y"]
    for year, value in years.items():
        assert indexed[year] == pytest.approx(100 * value / years[str(base)]), year


def test_log_scale_and_the_description(dataset, registry):
    """The description names each series' first and last figures as worded, its highest, and
    every document drawn on."""
    spec = registry.get("ua-turnover")
    figure = validated_figure(spec, dataset, replace(default_state(spec), scale="log"))
    assert figure.layout.yaxis.type == "log"
    text = describe(spec, dataset, default_state(spec))
    rows = dataset.observations[dataset.observations["series_id"] == spec.series[0]]
    dated = rows[rows["period_kind"] != "undated"].sort_values("period_start")
    first, last = dated.iloc[0], dated.iloc[-1]

    def said(row) -> str:
        low, high = (None if pd.isna(v) else v for v in (row["value_low"], row["value_high"]))
        return format_observed(row["value"], low, high, row["qualifier"], spec.unit)

    assert (
        f"{len(dated)} points from {format_period(first['period'])} ({said(first)}) "
        f"to {format_period(last['period'])} ({said(last)})"
    ) in text
    for citation in dataset.sources.set_index("source_id").loc[
        sorted(set(rows["source_id"])), "short_citation"
    ]:
        assert citation in text


def test_an_empty_range_says_so_instead_of_drawing_nothing(dataset, registry):
    spec = registry.get("ua-turnover")
    state = replace(default_state(spec), start_year=2014, end_year=2016)
    figure = validated_figure(spec, dataset, state)
    assert any("No observations in this range" in a.text for a in figure.layout.annotations)


def test_stated_changes_are_not_joined_since_each_has_its_own_base(dataset, registry):
    spec = registry.get("stated-changes")
    figure = validated_figure(spec, dataset, default_state(spec))
    assert not [t for t in figure.data if t.mode == "lines" and t.line.width in (1, 2)]


def test_figures_from_different_national_statistics_are_not_joined_and_the_image_says_so(
    dataset, registry
):
    unjoined = 0
    for spec, figure, drawn_points, rows in drawn(dataset, registry, IMAGE):
        footer = " ".join(a.text for a in figure.layout.annotations if not a.name)
        lines = [t for t in figure.data if t.mode == "lines" and t.line.width == 2]
        for series_id in {r["series_id"] for r in rows}:
            annual = sorted(
                (r for r in rows if r["series_id"] == series_id and r["period_kind"] == "year"),
                key=lambda r: int(r["period"]),
            )
            for left, right in pairwise(annual):
                reporters = {left["statistics_from"], right["statistics_from"]} - {
                    None,
                    "not stated",
                }
                if len(reporters) < 2:
                    continue
                unjoined += 1
                ends = {drawn_points[left["obs_id"]]["x"], drawn_points[right["obs_id"]]["x"]}
                assert not any(ends <= set(t.x) for t in lines), (spec.chart_id, left["obs_id"])
                words = f"{left['statistics_from']} and {right['statistics_from']}"
                assert f"different national statistics ({words})" in footer, spec.chart_id
    assert unjoined, "some series changes whose statistics it reports"


# --- denser charts -------------------------------------------------------------------------


def with_series(dataset, series_id: str, rows: list[dict], questioned: bool = False):
    """The dataset with one more series, of ``rows`` ({period, start, end, kind, value,
    qualifier, low, high}) in US dollars; every figure questioned by a failed check of its
    document against itself when ``questioned``."""
    template = dataset.observations[dataset.observations["qualifier"] == "reported"].iloc[0]
    series = dataset.series[dataset.series["unit"] == "USD"].iloc[[0]].copy()
    series["series_id"], series["title"], series["measure"] = series_id, "Test series", "level"
    series["change_of"] = None
    observations = []
    for i, row in enumerate(rows):
        obs = template.copy()
        obs["obs_id"] = f"{template['source_id']}/{series_id}-{i}"
        obs["series_id"] = series_id
        obs["period"], obs["period_kind"] = row["period"], row["kind"]
        obs["period_start"], obs["period_end"] = row["start"], row["end"]
        obs["value"], obs["qualifier"] = row["value"], row.get("qualifier", "reported")
        obs["value_low"], obs["value_high"] = row.get("low"), row.get("high")
        obs["method"] = "test: a sum" if obs["qualifier"] == "derived" else None
        obs["caveat"], obs["statistics_from"], obs["base_period"] = None, None, None
        observations.append(obs)
    added = pd.DataFrame(observations)
    checks = dataset.checks
    if questioned:
        failed = checks.iloc[[0]].copy()
        failed = pd.concat([failed] * len(added), ignore_index=True)
        failed["check_id"] = [f"test/{o}" for o in added["obs_id"]]
        failed["status"], failed["scope"], failed["kind"] = (
            "inconsistent",
            "within one document",
            "stated_change_vs_levels",
        )
        failed["claim_id"] = None
        failed["obs_ids"] = [[o] for o in added["obs_id"]]
        failed["message"] = "inconsistent: a test figure"
        checks = pd.concat([checks, failed], ignore_index=True)
    return replace(
        dataset,
        series=pd.concat([dataset.series, series], ignore_index=True),
        observations=pd.concat([dataset.observations, added], ignore_index=True),
        checks=checks,
    )


def monthly(year_from: int, months: int, value) -> list[dict]:
    rows = []
    for i in range(months):
        start = pd.Timestamp(year_from, 1, 1) + pd.DateOffset(months=i)
        end = start + pd.offsets.MonthEnd(0)
        rows.append(
            {
                "period": start.strftime("%Y-%m"),
                "kind": "month",
                "start": start.date(),
                "end": end.date(),
                "value": value(i),
            }
        )
    return rows


def annual(years: list[int], values: list[float], **extra) -> list[dict]:
    return [
        {
            "period": str(y),
            "kind": "year",
            "start": pd.Timestamp(y, 1, 1).date(),
            "end": pd.Timestamp(y, 12, 31).date(),
            "value": v,
            **extra,
        }
        for y, v in zip(years, values, strict=True)
    ]


def chart_of(series_id: str):
    from dashboard.charts.declarations import ChartSpec

    return ChartSpec("test", "trade", "Test", "A test chart", "US dollars", (series_id,), "USD")


def pixels(figure):
    """(x, y) → the image's pixels, from the figure's own size, margins and axis ranges."""
    layout = figure.layout
    margin = layout.margin
    x0, x1 = (pd.Timestamp(v) for v in layout.xaxis.range)
    y0, y1 = layout.yaxis.range
    width = layout.width - margin.l - margin.r
    height = layout.height - margin.t - margin.b
    log = layout.yaxis.type == "log"

    def at(x, y) -> tuple[float, float]:
        value = math.log10(y) if log else y
        return (
            (pd.Timestamp(x) - x0) / (x1 - x0) * width,
            (y1 - value) / (y1 - y0) * height,
        )

    return at


def ring_boxes(figure) -> list[tuple[float, float, float, float]]:
    """Each ring's extent in the image's pixels."""
    at = pixels(figure)
    boxes = []
    for trace in figure.data:
        if trace.name != "questioned":
            continue
        if trace.mode == "markers+text":
            radius = trace.marker.size / 2
            for x, y in zip(trace.x, trace.y, strict=True):
                px, py = at(x, y)
                boxes.append((px - radius, py - radius, px + radius, py + radius))
        else:
            spots = [at(x, y) for x, y in zip(trace.x, trace.y, strict=True)]
            xs, ys = [p[0] for p in spots], [p[1] for p in spots]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def test_rings_around_monthly_questioned_points_never_crowd_and_count_what_they_hold(dataset):
    """Eight years of questioned months, a few pixels apart: rings gather their neighbours so
    no two rings touch, every figure is inside one ring, and the rings' counts add up to the
    figures — in a wide image and a phone's."""
    months = 96
    data = with_series(
        dataset, "test.monthly", monthly(2015, months, lambda i: 1e9 + 2e7 * i), True
    )
    spec = chart_of("test.monthly")
    for options in (IMAGE, FigureOptions(width=360, height=460)):
        figure = validated_figure(spec, data, default_state(spec), options)
        rings = rings_of(figure)
        assert 1 <= len(rings) < months, "neighbours share a ring"
        for obs_id, point in points(figure).items():
            assert len([r for r in rings if inside(r, point)]) == 1, obs_id
        assert sum(r["count"] for r in rings) == months
        for a, b in itertools.combinations(ring_boxes(figure), 2):
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (a, b)


def test_questioned_points_far_apart_keep_a_ring_each(dataset):
    data = with_series(dataset, "test.far", annual([2010, 2020], [1e9, 5e9]), True)
    spec = chart_of("test.far")
    rings = rings_of(validated_figure(spec, data, default_state(spec), IMAGE))
    assert [r["count"] for r in rings] == [1, 1]


def test_a_derived_interval_shorter_than_its_marker_shows_its_caps_beside_the_marker(dataset):
    """An interval of ±0.05% on an axis of billions is drawn at its true length, inside the
    marker; its caps are wider than the marker, so they show either side of it. A long
    interval keeps narrow caps."""
    from dashboard.charts.marks import MARKER_PX

    rows = annual([2018, 2019], [1e9, 4e9], qualifier="derived")
    rows[0].update(low=0.9995e9, high=1.0005e9)
    rows[1].update(low=3e9, high=5e9)
    short = with_series(dataset, "test.short", rows[:1] + annual([2020], [5e9]))
    long = with_series(dataset, "test.long", rows[1:] + annual([2020], [5e9]))
    for data, series_id, hidden in ((short, "test.short", True), (long, "test.long", False)):
        spec = chart_of(series_id)
        figure = validated_figure(spec, data, default_state(spec), IMAGE)
        at = pixels(figure)
        derived = [t for t in figure.data if t.error_y and t.error_y.array]
        assert len(derived) == 1
        trace = derived[0]
        i = next(i for i, q in enumerate(trace.marker.symbol) if q == "diamond")
        y, up, down = trace.y[i], trace.error_y.array[i], trace.error_y.arrayminus[i]
        length = abs(at(trace.x[i], y + up)[1] - at(trace.x[i], y - down)[1])
        assert (length < MARKER_PX["diamond"]) == hidden
        if hidden:
            assert 2 * trace.error_y.width > MARKER_PX["diamond"] + 4, "caps show beside it"
        else:
            assert 2 * trace.error_y.width < MARKER_PX["diamond"], "a visible bar needs no more"


def _arrows(figure) -> list[tuple]:
    return [
        seg for t in figure.data if t.marker and t.marker.symbol == "arrow" for seg in _segments(t)
    ]


def test_bound_arrows_on_a_log_axis_are_equally_long_in_log_space(dataset, registry):
    """On a log axis every bound's arrow spans the same factor — the same length on the
    screen — the way its bound runs, about a tenth of the axis; the page's linear figure
    carries those very ends for the browser's switch to a log axis."""
    checked = 0
    for spec, _, _, rows in drawn(dataset, registry):
        bounds = [r for r in rows if r["qualifier"].endswith("_bound")]
        if not bounds or min(r["value"] for r in rows) <= 0:
            continue
        log_state = replace(default_state(spec), scale="log")
        log_figure = validated_figure(spec, dataset, log_state, IMAGE)
        factors = []
        for (x0, y0), (x1, y1) in (seg[:2] for seg in _arrows(log_figure)):
            assert x0 == x1
            factors.append(math.log10(y1 / y0))
        assert len(factors) == len(bounds), spec.chart_id
        assert len({round(abs(f), 9) for f in factors}) == 1, "one length in log space"
        low, high = log_figure.layout.yaxis.range
        assert 0.04 < abs(factors[0]) / (high - low) < 0.2, "about a tenth of the axis"
        for row in bounds:
            point = points(log_figure)[row["obs_id"]]
            (start, end), *_ = [s for s in _arrows(log_figure) if s[0] == (point["x"], point["y"])]
            assert (end[1] > start[1]) == at_least(row), (spec.chart_id, row["obs_id"])
        page = validated_figure(spec, dataset, default_state(spec))
        carried = [t.meta["y_log"] for t in page.data if t.marker and t.marker.symbol == "arrow"]
        page_log = validated_figure(spec, dataset, log_state)
        drawn_log = [list(t.y) for t in page_log.data if t.marker and t.marker.symbol == "arrow"]
        assert carried == drawn_log, spec.chart_id
        checked += 1
    assert checked, "some chart has bounds on positive values"


@pytest.mark.parametrize(
    ("value", "low", "high", "qualifier", "unit", "said"),
    [
        (8, 6, 10, "range", "USD per tonne", "$6–$10 per tonne"),
        (2, None, None, "reported", "USD per barrel", "$2 per barrel"),
        (0.75, None, None, "reported", "fraction", "3/4"),
        (-3, -3, None, "lower_bound", "times", "at least −3 times"),
        (3.3e14, None, None, "reported", "BYR", "330 trillion BYR"),
        (35_000, 30_000, 40_000, "range", "persons", "30,000–40,000 persons"),
        (240_000, None, None, "approximate", "barrels per day", "≈240,000 barrels per day"),
    ],
)
def test_the_units_real_reports_use_read_as_people_write_them(
    value, low, high, qualifier, unit, said
):
    """A price with its currency's sign and 'per', a range's unit said once after its high end,
    a part as a fraction, a minus sign for a negative multiple, trillions of old roubles."""
    assert format_observed(value, low, high, qualifier, unit) == said
