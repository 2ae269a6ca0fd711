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
