"""A curated fact becomes an observation whose value, bounds and plausible interval say what the
wording says — including for falls, where the sign flips which end is the bound."""

from __future__ import annotations

import pytest

from etl.model import CuratedFact, Location
from etl.observations import fact_to_observation


def fact(qualifier: str, direction: str | None = None, **values: str) -> CuratedFact:
    return CuratedFact(
        location=Location("sources/x.yaml", "facts[0] f"),
        fact_id="f",
        source_id="x",
        series_id="trade.by_ua.turnover_change",
        period_text="2022",
        value_text=values.get("value"),
        low_text=values.get("low"),
        high_text=values.get("high"),
        unit="percent",
        qualifier=qualifier,
        locator="Section",
        evidence="quote",
        direction=direction,
        base_period_text="2021" if direction else None,
    )


def test_a_fall_of_up_to_70_percent_is_bounded_from_below_on_the_signed_scale():
    o = fact_to_observation(fact("upper_bound", "decrease", value="70%"))
    assert o.value == -70
    assert (o.value_low, o.value_high) == (-70, None)
    assert o.plausible_low == pytest.approx(-70.5)
    assert o.plausible_high == pytest.approx(-70 + 0.5 + 7)


def test_a_rise_of_more_than_5_percent_is_bounded_from_below():
    o = fact_to_observation(fact("lower_bound", "increase", value="5%"))
    assert (o.value, o.value_low, o.value_high) == (5, 5, None)


def test_a_fall_given_as_a_range_keeps_low_below_high():
    o = fact_to_observation(fact("range", "decrease", low="10%", high="20%"))
    assert o.value == -15
    assert (o.value_low, o.value_high) == (-20, -10)
    assert o.plausible_low < o.value_low < o.value_high < o.plausible_high


def test_nearly_87_percent_allows_five_percent_either_side_plus_rounding():
    o = fact_to_observation(fact("approximate", "decrease", value="87%"))
    assert (o.plausible_low, o.plausible_high) == pytest.approx(
        (-87 - 0.5 - 4.35, -87 + 0.5 + 4.35)
    )
