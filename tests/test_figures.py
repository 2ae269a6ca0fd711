"""The figure builder draws every point once, each qualifier by its drawing rule, partial periods
apart from years, gaps as gaps, and carries title, source line and notes inside the figure."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.charts.figures import FigureOptions, build_figure, chart_rows, describe
from dashboard.charts.state import default_state


def validated_figure(*args, **kwargs) -> go.Figure:
    """The builder's plain-dict figure, checked property by property by plotly.py."""
    return go.Figure(build_figure(*args, **kwargs))


def points(figure) -> dict[str, dict]:
    """obs_id → {symbol, x, y, trace} for every drawn data point."""
    found = {}
    for trace in figure.data:
        if trace.customdata is None:
            continue
        symbols = trace.marker.symbol
        for i, custom in enumerate(trace.customdata):
            symbol = symbols[i] if isinstance(symbols, list | tuple) else symbols
            found[custom[0]] = {"symbol": symbol, "x": trace.x[i], "y": trace.y[i], "trace": trace}
    return found


def test_every_chart_draws_each_of_its_observations_exactly_once(dataset, registry):
    for spec in registry.charts:
        state = default_state(spec)
        figure = validated_figure(spec, dataset, state)
        drawn = [c[0] for t in figure.data if t.customdata is not None for c in t.customdata]
        expected = dataset.observations[dataset.observations["series_id"].isin(spec.series)]
        assert sorted(drawn) == sorted(expected["obs_id"]), spec.chart_id


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
        ("gasoline-share", "moshes-nizhnikau-2018/gasoline-share-2018-expected", "circle-open"),
        (
            "russia-share-of-exports",
            "imminent-union-2019/russia-share-of-exports-2019",
            "triangle-up",
        ),
    ],
)
def test_each_qualifier_has_its_marker(dataset, registry, chart_id, obs_id, symbol):
    spec = registry.get(chart_id)
    assert points(validated_figure(spec, dataset, default_state(spec)))[obs_id]["symbol"] == symbol


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
    assert spec.title in text and spec.subtitle in text
    assert "Moshes & Nizhnikau (2018), PONARS Eurasia" in text
    assert "Rad & Chornogor (2024), SCEEUS" in text
    assert "No document gives 2014–2016" in text


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
    spec = registry.get("ua-turnover")
    change = chart_rows(spec, dataset, replace(default_state(spec), transform="change"))
    annual = change[change["period_kind"] == "year"].set_index("period")["y"]
    assert annual["2013"] == pytest.approx((5.8 / 7.5 - 1) * 100)
    assert "2012" not in annual.index, "the first observation has nothing to change from"
    index = chart_rows(
        spec, dataset, replace(default_state(spec), transform="index", base_year=2012)
    )
    assert set(index["period_kind"]) == {"year"}, "part-years are not indexed to a year"
    assert index.set_index("period")["y"]["2012"] == pytest.approx(100)


def test_log_scale_and_the_description(dataset, registry):
    spec = registry.get("ua-turnover")
    figure = validated_figure(spec, dataset, replace(default_state(spec), scale="log"))
    assert figure.layout.yaxis.type == "log"
    text = describe(spec, dataset, default_state(spec))
    assert "9 points from 2012 ($7.5 billion) to Jan–Jul 2023 ($13.8 million)" in text
    assert "Sources: Moshes & Nizhnikau (2018)" in text


def test_an_empty_range_says_so_instead_of_drawing_nothing(dataset, registry):
    spec = registry.get("ua-turnover")
    state = replace(default_state(spec), start_year=2014, end_year=2016)
    figure = validated_figure(spec, dataset, state)
    assert any("No observations in this range" in a.text for a in figure.layout.annotations)


def test_stated_changes_are_not_joined_since_each_has_its_own_base(dataset, registry):
    spec = registry.get("stated-changes")
    figure = validated_figure(spec, dataset, default_state(spec))
    assert not [t for t in figure.data if t.mode == "lines" and t.line.width in (1, 2)]
