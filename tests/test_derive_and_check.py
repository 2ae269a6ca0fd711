"""What the ETL derives from the documents and which of their statements disagree — on the real
curated data, so a change to a fact or a rule shows up here."""

from __future__ import annotations

import pytest

from etl.pipeline import BuildResult


def observation(built: BuildResult, series_id: str, period: str, qualifier: str | None = None):
    found = [
        o
        for o in built.observations
        if o.series_id == series_id
        and o.period.label == period
        and (qualifier is None or o.qualifier == qualifier)
    ]
    assert len(found) == 1, f"{series_id} {period}: {[o.obs_id for o in found]}"
    return found[0]


def test_turnover_2021_is_derived_from_the_two_stated_flows(built):
    derived = observation(built, "trade.by_ua.turnover", "2021")
    assert derived.qualifier == "derived"
    assert derived.value == pytest.approx(5.4e9 + 1.5e9)
    assert derived.derived_from == (
        "rad-chornogor-2024/exports-2021",
        "rad-chornogor-2024/imports-2021",
    )
    assert (derived.value_low, derived.value_high) == pytest.approx((6.8e9, 7.0e9))
    assert "exports + imports" in derived.method


def test_jan_jul_2022_turnover_is_implied_by_the_stated_99_percent_fall(built):
    implied = observation(built, "trade.by_ua.turnover", "2022-01/2022-07")
    assert implied.qualifier == "derived"
    assert implied.value == pytest.approx(13.8e6 / 0.01)
    # "99%" may be anything from 98.5% to 99.5%: the implied level is only known to a factor of 3
    assert implied.value_low == pytest.approx(13.75e6 / 0.015)
    assert implied.value_high == pytest.approx(13.85e6 / 0.005)
    assert set(implied.derived_from) == {
        "rad-chornogor-2024/turnover-2023-jan-jul",
        "rad-chornogor-2024/turnover-change-2023-jan-jul",
    }


def test_eu_trade_2017_is_implied_by_the_stated_rise(built):
    implied = observation(built, "trade.by_eu.turnover", "2017")
    assert implied.value == pytest.approx(10.93e9 / 1.206)


def test_a_change_is_computed_from_levels_only_where_none_is_stated(built):
    computed = observation(built, "trade.by_ua.turnover_change", "2013")
    assert computed.value == pytest.approx((5.8 / 7.5 - 1) * 100)
    assert computed.base_period.label == "2012"
    stated = observation(built, "trade.by_ua.turnover_change", "2022")
    assert stated.qualifier == "reported" and stated.value == -74


def test_nothing_is_derived_where_a_document_states_the_value(built):
    keys = [(o.series_id, o.period.label) for o in built.observations]
    assert len(keys) == len(set(keys) | {k for k in keys}), "no series/period appears twice"
    stated = {(o.series_id, o.period.label) for o in built.observations if not o.is_derived}
    derived = {(o.series_id, o.period.label) for o in built.observations if o.is_derived}
    assert not stated & derived


def test_every_derived_value_names_its_inputs_and_method(built):
    ids = {o.obs_id for o in built.observations}
    for o in built.observations:
        if o.is_derived:
            assert o.method and o.derived_from
            assert set(o.derived_from) <= ids
            assert o.value_low <= o.value <= o.value_high
        else:
            assert o.evidence and o.locator and not o.derived_from


def check(built, kind: str, series_id: str, period: str):
    found = [
        c for c in built.checks if (c.kind, c.series_id, c.period) == (kind, series_id, period)
    ]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(
    ("kind", "series_id", "period", "status", "computed", "gap"),
    [
        # "fell by nearly 87% to $20 million": at most 87%, and $1.5 billion → $20 million is a
        # fall of at least 98.3%
        (
            "stated_change_vs_levels",
            "trade.by_ua.imports_change",
            "2022",
            "inconsistent",
            -98.67,
            11.28,
        ),
        # "fell by 70%, to just under $1.4 billion" from $5.4 billion is a fall of at least 73.8%
        (
            "stated_change_vs_levels",
            "trade.by_ua.exports_change",
            "2022",
            "inconsistent",
            -74.07,
            3.33,
        ),
        # "$1.6 billion ... a 74% fall on 2021" against 2021 = 5.4 + 1.5 = 6.9 billion
        (
            "stated_change_vs_levels",
            "trade.by_ua.turnover_change",
            "2022",
            "inconsistent",
            -76.81,
            1.24,
        ),
        # just under 1.4 + 0.02 billion is at most 1.425 billion; the stated 1.6 is at least 1.55
        ("flows_sum_to_turnover", "trade.by_ua.turnover", "2022", "inconsistent", 1.42e9, 0.125e9),
        # 5.4 − 1.5 = 3.9: the stated 2021 balance agrees
        ("balance_identity", "trade.by_ua.balance", "2021", "consistent", 3.9e9, 0),
        ("subperiod_within_year", "trade.by_ua.turnover", "2022-02", "consistent", 543.2e6, 0),
    ],
)
def test_the_documents_inconsistencies_are_found_with_the_gap_between_their_intervals(
    built, kind, series_id, period, status, computed, gap
):
    found = check(built, kind, series_id, period)
    assert found.status == status, found.message
    assert found.computed == pytest.approx(computed, rel=1e-3)
    assert found.message.startswith(status)
    assert found.gap == pytest.approx(gap, rel=1e-2, abs=1e-9)
    assert found.stated_interval.overlaps(found.computed_interval) == (status == "consistent")


def test_rounding_alone_never_makes_a_check_inconsistent(built):
    """The 2021 balance is stated to 0.1 billion: a check that forgave nothing would be fragile."""
    balance = check(built, "balance_identity", "trade.by_ua.balance", "2021")
    assert (balance.stated_interval.low, balance.stated_interval.high) == pytest.approx(
        (3.85e9, 3.95e9)
    )
    assert (balance.computed_interval.low, balance.computed_interval.high) == pytest.approx(
        (3.8e9, 4.0e9)
    )
    assert balance.consistent and balance.gap == 0


def test_a_fall_stated_from_other_statistics_says_so(built):
    """The 70% fall and the 2022 level are worded from Ukraine's side, the 2021 level from
    Belarus's: the check says the figures come from both."""
    found = check(built, "stated_change_vs_levels", "trade.by_ua.exports_change", "2022")
    assert "Belarusian and Ukrainian statistics" in found.message


def test_derived_values_resting_on_a_doubted_figure_carry_a_caveat(built):
    balance = observation(built, "trade.by_ua.balance", "2022")
    assert balance.is_derived and "rad-chornogor-2024/imports-2022" in balance.caveat
    clean = observation(built, "trade.by_ua.turnover", "2022-01/2022-07")
    assert clean.caveat is None


def test_a_figure_ten_times_away_from_every_other_of_its_series_is_unusual_not_a_contradiction(
    built: BuildResult,
):
    from dataclasses import replace

    from etl.checks import check_plausible_magnitudes
    from etl.intervals import Interval

    base = observation(built, "trade.by_ua.imports", "2021")
    series = {s.series_id: s for s in built.dataset.series}
    near = replace(
        base, obs_id="x/near", value=base.value * 3, interval=Interval.point(base.value * 3)
    )
    far = replace(
        base, obs_id="x/far", value=base.value * 40, interval=Interval.point(base.value * 40)
    )
    checks = check_plausible_magnitudes([base, near, far], series)
    assert [c.obs_ids for c in checks] == [("x/far",)]
    assert checks[0].status == "unusual" and not checks[0].failed
    assert "more than 10× away from every other figure" in checks[0].message
    assert check_plausible_magnitudes([base, near], series) == []


# ------------------------------------------------------------------------------------------------
# Figures of one series over overlapping periods, from different documents
# ------------------------------------------------------------------------------------------------


def definition(series_id: str, measure: str = "flow", flow: str | None = "exports", **kw):
    from etl.model import Location, SeriesDefinition

    return SeriesDefinition(
        Location("series.yaml", series_id),
        series_id,
        series_id,
        kw.pop("unit", "USD"),
        measure,
        "trade",
        "",
        flow=flow,
        **kw,
    )


def figure(obs_id: str, series_id: str, period: str, value: float, **kw):
    """A stated figure of a hand-built series: its interval is ±1% unless given."""
    from etl.intervals import Interval
    from etl.normalize import parse_period
    from etl.observations import Observation

    base = kw.pop("base", None)
    ends = (value * 0.99, value * 1.01)
    return Observation(
        obs_id=obs_id,
        series_id=series_id,
        period=parse_period(period),
        value=value,
        value_low=None,
        value_high=None,
        qualifier=kw.pop("qualifier", "reported"),
        source_id=obs_id.split("/")[0],
        locator="p. 1",
        evidence=f"quote of {obs_id}",
        interval=kw.pop("interval", None) or Interval(min(ends), max(ends)),
        base_period=parse_period(base) if base else None,
        **kw,
    )


def test_a_year_and_a_month_of_one_flow_are_a_part_and_its_whole_never_the_same_figure():
    from etl.checks import PART_OF_WHOLE, relation

    flow = definition("x.exports")
    year = figure("a/y", "x.exports", "2022", 1.2e9)
    month = figure("b/m", "x.exports", "2022-02", 0.1e9)
    tie = relation(month, year, flow)
    assert tie.kind == PART_OF_WHOLE and (tie.whole, tie.part) == (year, month)


@pytest.mark.parametrize(
    ("measure", "flow", "first", "second", "reason"),
    [
        ("level", None, "2022", "2022-02", "not a flow"),  # a stock at two dates
        ("share", None, "2022", "2022-02", "not a flow"),
        ("flow", "balance", "2022", "2022-02", "a balance"),
        ("flow", "exports", "2022-01/2022-07", "2022-05/2022-12", "only partly overlap"),
    ],
)
def test_figures_over_overlapping_periods_that_no_rule_ties_are_not_compared(
    measure, flow, first, second, reason
):
    from etl.checks import check_figure_pairs, relation

    kind = definition("x.s", measure, flow)
    pair = [figure("a/1", "x.s", first, 1e9), figure("b/2", "x.s", second, 5e9)]
    assert reason in relation(*pair, kind)
    assert check_figure_pairs(pair, {"x.s": kind}) == []


def test_a_derived_value_and_a_change_on_another_base_are_not_the_same_figure():
    from etl.checks import relation

    flow = definition("x.exports")
    change = definition("x.change", "change", "exports", change_of="x.exports")
    stated = figure("a/y", "x.exports", "2022", 1e9)
    derived = figure("b/y", "x.exports", "2022", 2e9, qualifier="derived")
    assert "derived" in relation(stated, derived, flow)
    on_2021 = figure("a/c", "x.change", "2022", -70.0, base="2021")
    on_2020 = figure("b/c", "x.change", "2022", -50.0, base="2020")
    assert "different base" in relation(on_2021, on_2020, change)


def test_two_documents_disagreeing_on_a_year_and_its_month_give_one_part_of_whole_check():
    from etl.checks import check_figure_pairs

    series = {"x.exports": definition("x.exports")}
    year = figure("a/y", "x.exports", "2022", 1.2e9)
    month = figure("b/m", "x.exports", "2022-02", 2e9)
    (check,) = check_figure_pairs([year, month], series)
    assert check.kind == "subperiod_within_year" and check.scope == "across documents"
    assert check.obs_ids == ("a/y", "b/m") and check.source_ids == ("a", "b")
    assert check.status == "inconsistent"


def test_a_month_within_a_stated_part_year_is_held_to_that_part_year():
    from etl.checks import check_figure_pairs

    series = {"x.exports": definition("x.exports")}
    stated = [
        figure("a/jj", "x.exports", "2022-01/2022-07", 0.7e9),
        figure("b/m", "x.exports", "2022-02", 0.1e9),
    ]
    (check,) = check_figure_pairs(stated, series)
    assert check.kind == "subperiod_within_period" and check.consistent
    assert "within 2022-01/2022-07" in check.message


def test_every_overlapping_pair_is_found_once_and_no_disjoint_one():
    from etl.checks import overlapping_pairs

    stated = [
        figure("a/y", "x.s", "2022", 1.0),
        figure("b/h1", "x.s", "2022-01/2022-06", 1.0),
        figure("c/m", "x.s", "2022-03", 1.0),
        figure("d/y", "x.s", "2023", 1.0),
        figure("e/y", "x.other", "2022", 1.0),
        figure("f/u", "x.s", "undated", 1.0),
    ]
    pairs = sorted((a.obs_id, b.obs_id) for a, b in overlapping_pairs(stated))
    assert pairs == [("a/y", "b/h1"), ("a/y", "c/m"), ("b/h1", "c/m")]


def work_of(function, *args) -> int:
    """Python lines executed in etl/checks.py by one call (tests/work_count.py)."""
    import work_count

    import etl.checks

    with work_count.counted(etl.checks) as work:
        function(*args)
    return work.lines


def test_pairing_figures_costs_what_the_pairs_cost_not_every_figure_against_every_other():
    """Four times the figures over disjoint months, about four times the work: a double loop
    over every figure would do sixteen times."""
    from etl.checks import check_figure_pairs

    series = {"x.exports": definition("x.exports")}

    def months(count: int):
        return [
            figure(f"d{i % 7}/m{i}", "x.exports", f"{2000 + i // 12}-{i % 12 + 1:02d}", 1e6)
            for i in range(count)
        ]

    small, large = (
        work_of(check_figure_pairs, months(60), series),
        work_of(check_figure_pairs, months(240), series),
    )
    assert large < 5.5 * small, (small, large)


def test_the_census_counts_every_overlapping_pair_of_documents_and_why_some_are_not_compared():
    from etl.checks import pair_census, pairs_compared, run_checks

    definitions = (definition("x.exports"), definition("x.stock", "level", None))
    series = {d.series_id: d for d in definitions}
    stated = [
        figure("a/y", "x.exports", "2022", 1.2e9),
        figure("b/y", "x.exports", "2022", 1.2e9),  # the same figure
        figure("c/m", "x.exports", "2022-02", 5e9),  # a part of both years: too large
        figure("a/s", "x.stock", "2022", 1e9),
        figure("b/s", "x.stock", "2022-06", 1e9),  # a stock at another date
        figure("c/y2", "x.exports", "2021", 1e9),  # overlaps nothing
    ]
    census = pair_census(stated, series)
    assert (census.overlapping, census.compared) == (4, 3)
    assert census.not_comparable == {"a part of the period against the whole, not a flow": 1}
    checks = run_checks(stated, definitions)
    kinds, scopes, statuses = zip(*((c.kind, c.scope, c.status) for c in checks), strict=True)
    assert pairs_compared(kinds, scopes, statuses) == (3, 2)


def test_on_the_real_data_every_pair_compared_is_one_check_citing_both_documents(built):
    from etl.checks import pair_census, pairs_compared

    series = {s.series_id: s for s in built.dataset.series}
    census = pair_census(built.observations, series)
    columns = [(c.kind, c.scope, c.status) for c in built.checks]
    compared, _ = pairs_compared(*zip(*columns, strict=True))
    assert compared == census.compared
    assert census.compared + sum(census.not_comparable.values()) == census.overlapping
    by_id = {o.obs_id: o for o in built.observations}
    for check in built.checks:
        if (
            check.kind.startswith(("same_figure", "subperiod"))
            and check.scope == "across documents"
        ):
            first, second = (by_id[i] for i in check.obs_ids)
            assert first.source_id != second.source_id
            assert all(o.evidence or o.is_derived for o in (first, second))


def test_a_turnover_summed_from_two_countries_statistics_says_so_through_the_derived_sum():
    """Exports from Ukraine's statistics and imports from Belarus's: their derived sum says
    "not stated", but a check that uses it names both."""
    from etl.checks import run_checks
    from etl.derive import derive_all

    flows = {
        f: definition(f"p.{f}", flow=f, reporter="BY", partner="UA")
        for f in ("exports", "imports", "turnover")
    }
    change = definition("p.turnover_change", "change", "turnover", change_of="p.turnover")
    definitions = (*flows.values(), change)
    stated = [
        figure("a/x", "p.exports", "2021", 4.7e9, statistics_from="Ukrainian"),
        figure("a/m", "p.imports", "2021", 1.5e9, statistics_from="Belarusian"),
        figure("a/t", "p.turnover", "2022", 1.6e9, statistics_from="not stated"),
        figure("a/c", "p.turnover_change", "2022", -74.0, base="2021"),
    ]
    derived = derive_all(stated, definitions)
    (total,) = [o for o in derived if o.series_id == "p.turnover"]
    assert total.statistics_from == "not stated"
    (check,) = [c for c in run_checks(stated + derived, definitions) if c.kind.startswith("stated")]
    assert check.statistics == ("Belarusian", "Ukrainian")
    assert check.message.endswith("the figures come from Belarusian and Ukrainian statistics")


def test_a_turnover_check_on_one_countrys_flows_names_no_mix(built):
    found = check(built, "flows_sum_to_turnover", "trade.by_ua.turnover", "2022")
    assert found.statistics == ("Ukrainian",)
    assert "statistics" not in found.message


# ------------------------------------------------------------------------------------------------
# Unusual figures, over the whole dataset
# ------------------------------------------------------------------------------------------------


def test_a_months_flow_is_set_against_a_years_as_a_twelfth_of_it_not_as_a_collapse():
    from etl.checks import check_plausible_magnitudes

    series = {"x.exports": definition("x.exports")}
    year = figure("a/y", "x.exports", "2021", 5.4e9)
    month = figure("b/m", "x.exports", "2010-01", 100e6)  # 54× below the year, 4.5× per month
    slip = figure("c/y", "x.exports", "2022", 20e6)  # 270× below a year per month
    found = check_plausible_magnitudes([year, month, slip], series)
    assert [c.obs_ids for c in found] == [("c/y",)]
    assert "as amounts per month" in found[0].message
    # the nearest is January's $100 million, spread over 2022's 365 days
    assert found[0].computed == pytest.approx(100e6 * 365 / 31)
    low, high = found[0].computed_interval.low, found[0].computed_interval.high
    assert (low, high) == pytest.approx((100e6 * 365 / 31 / 10, 100e6 * 365 / 31 * 10))


def test_a_balance_and_an_undated_flow_are_never_unusual():
    from etl.checks import check_plausible_magnitudes

    balance = definition("x.balance", flow="balance")
    exports = definition("x.exports")
    series = {"x.balance": balance, "x.exports": exports}
    stated = [
        figure("a/b", "x.balance", "2021", 3.9e9),
        figure("b/b", "x.balance", "2010-01", 5.4e6),  # a small surplus, not a slip
        figure("a/x", "x.exports", "2021", 5.4e9),
        figure("b/x", "x.exports", "undated", 1e3),
    ]
    assert check_plausible_magnitudes(stated, series) == []


def test_the_unusual_figure_check_sorts_each_series_once_rather_than_comparing_every_pair():
    """Four times the figures, about four times the work (sorting adds a little)."""
    from etl.checks import check_plausible_magnitudes

    series = {"x.stock": definition("x.stock", "level", None)}

    def levels(count: int):
        return [
            figure(f"d{i}/l", "x.stock", f"{1900 + i}", 1e6 * (1 + i % 5)) for i in range(count)
        ]

    small = work_of(check_plausible_magnitudes, levels(50), series)
    large = work_of(check_plausible_magnitudes, levels(200), series)
    assert large < 5 * small, (small, large)


def test_on_the_real_data_a_figure_is_unusual_exactly_when_all_its_series_is_ten_times_away(built):
    """Checked against every pair of figures of each series (per month for flows, balances and
    undated flows aside): the sorted pass finds exactly what comparing all pairs would."""
    series = {s.series_id: s for s in built.dataset.series}
    unusual = {c.obs_ids[0] for c in built.checks if c.kind == "plausible_magnitude"}
    stated = [o for o in built.observations if not o.is_derived and o.value]
    for o in stated:
        kind = series[o.series_id]
        if kind.measure not in ("level", "flow") or kind.flow == "balance":
            continue
        flow = kind.measure == "flow"
        if flow and not o.period.is_dated:
            continue

        def rate(x, flow=flow):
            days = (x.period.end - x.period.start).days + 1
            return abs(x.value) / (days if flow else 1)

        others = [
            rate(x)
            for x in stated
            if x.series_id == o.series_id
            and x.obs_id != o.obs_id
            and (x.period.is_dated or not flow)
        ]
        far = bool(others) and all(max(rate(o), r) / min(rate(o), r) > 10 for r in others)
        assert far == (o.obs_id in unusual), o.obs_id


def test_a_forecast_for_the_year_bounds_no_month_and_matches_no_other_documents_figure():
    """ "We intend to return to $5 billion in 2010" says nothing of January 2010 or of what
    another document reports for the year."""
    from etl.checks import check_figure_pairs, relation

    series = {"x.turnover": definition("x.turnover", flow="turnover")}
    target = figure("a/y", "x.turnover", "2010", 5e9, qualifier="forecast")
    january = figure("a/m", "x.turnover", "2010-01", 195.6e6)
    reported = figure("b/y", "x.turnover", "2010", 4e9)
    assert "forecast" in relation(target, january, series["x.turnover"])
    assert "forecast" in relation(target, reported, series["x.turnover"])
    (only,) = check_figure_pairs([target, january, reported], series)
    assert only.obs_ids == ("b/y", "a/m") and only.kind == "subperiod_within_year"
