"""A curated fact becomes an observation whose value, bounds and plausible interval say what the
wording says — including for falls, where the sign flips which end is the bound."""

from __future__ import annotations

from dataclasses import replace

import pytest

from etl.model import CuratedFact, Location
from etl.observations import fact_to_observation


def fact(
    qualifier: str, direction: str | None = None, wording: str | None = None, **values: str
) -> CuratedFact:
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
        wording=wording,
    )


def test_a_fall_of_up_to_70_percent_is_anything_from_no_fall_to_a_70_percent_fall():
    o = fact_to_observation(fact("upper_bound", "decrease", value="70%", wording="up to"))
    assert o.value == -70
    assert (o.value_low, o.value_high) == (-70, None)
    assert (o.interval.low, o.interval.high) == (-70, 0)


def test_a_rise_of_more_than_5_percent_is_bounded_from_below_only():
    o = fact_to_observation(fact("lower_bound", "increase", value="5%", wording="more than"))
    assert (o.value, o.value_low, o.value_high) == (5, 5, None)
    assert o.interval.low == 5 and o.interval.high == float("inf")


def test_a_fall_given_as_a_range_keeps_low_below_high():
    o = fact_to_observation(fact("range", "decrease", low="10%", high="20%"))
    assert o.value == -15
    assert (o.value_low, o.value_high) == (-20, -10)
    assert (o.interval.low, o.interval.high) == (-20, -10)


def test_a_fall_of_nearly_87_percent_lies_between_84_5_and_87_percent():
    o = fact_to_observation(fact("upper_bound", "decrease", value="87%", wording="nearly"))
    assert (o.interval.low, o.interval.high) == pytest.approx((-87, -87 + 0.5 + 2))


def test_the_wording_is_read_from_the_quote_when_not_named():
    f = replace(
        fact("upper_bound", value="1.4 billion"), evidence="fell by 70%, to just under $1.4 billion"
    )
    o = fact_to_observation(f)
    assert o.wording == "just under"
    assert o.interval.high == pytest.approx(1.4e9)
