"""The interval a figure's words allow, and the arithmetic on intervals that checks rely on.

Properties (hypothesis) state the rules for any figure, not just the documents' own: a figure is
always inside its interval unless the words put it on the edge; "nearly" and "just under" never
reach past the figure; "more than" never falls below it; percentages get their slack in points;
sums, differences and ratios of intervals hold every sum, difference and ratio of their points.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from etl.intervals import (
    INF,
    SLACK_POINTS,
    SLACK_RELATIVE,
    WORDINGS,
    Interval,
    domain_of,
    find_wording,
    level_before_change,
    percent_change,
    slack,
    stated_interval,
    wording_by_phrase,
)

amounts = st.floats(min_value=0.01, max_value=1e13, allow_nan=False)
roundings = st.floats(min_value=0, max_value=1e9, allow_nan=False)
units = st.sampled_from(["USD", "percent", "persons", "tonnes"])
wordings = st.sampled_from(WORDINGS)
EVERYTHING = Interval(-INF, INF)


def interval_strategy(low=-1e12, high=1e12):
    return st.tuples(
        st.floats(min_value=low, max_value=high, allow_nan=False),
        st.floats(min_value=0, max_value=1e11, allow_nan=False),
    ).map(lambda pair: Interval(pair[0], pair[0] + pair[1]))


@given(amounts, roundings, units)
def test_a_plain_figure_is_its_rounding_either_side(value, rounding, unit):
    interval = stated_interval(value, rounding, unit, None, EVERYTHING)
    assert interval == Interval(value - rounding, value + rounding)


@given(amounts, roundings, units, wordings)
def test_one_sided_wording_never_reaches_past_the_figure_on_its_side(value, rounding, unit, w):
    interval = stated_interval(value, rounding, unit, w, EVERYTHING)
    if w.side == "below":
        assert interval.high == value
    elif w.side == "above":
        assert interval.low == value
    else:
        assert interval.low < value < interval.high or rounding + slack(value, unit) == 0


@given(amounts, roundings, units, wordings)
def test_near_wording_reaches_exactly_the_rounding_plus_the_slack(value, rounding, unit, w):
    interval = stated_interval(value, rounding, unit, w, EVERYTHING)
    reach = rounding + slack(value, unit)
    if w.reach == "near":
        # The ends are value ± reach in floating point: the width is exact up to the float
        # spacing at the value's magnitude (a percentage near 7e10 has only ~1e-5 to spare).
        expected = reach * (2 if w.side == "both" else 1)
        assert interval.width == pytest.approx(expected, rel=1e-6, abs=4 * math.ulp(value))
    else:
        assert math.isinf(interval.low if w.side == "below" else interval.high)


@given(st.floats(min_value=0, max_value=100), st.sampled_from(["nearly", "around", "just over"]))
def test_slack_on_percentages_is_in_points_not_a_share_of_the_figure(value, phrase):
    interval = stated_interval(value, 0.5, "percent", wording_by_phrase(phrase), EVERYTHING)
    assert interval.width == pytest.approx((0.5 + SLACK_POINTS) * (2 if phrase == "around" else 1))


@given(amounts)
def test_slack_on_amounts_is_a_share_of_the_figure(value):
    assert slack(value, "USD") == pytest.approx(SLACK_RELATIVE * value)


@given(amounts, roundings, wordings)
def test_nothing_leaves_the_domain_of_the_quantity(value, rounding, w):
    share = domain_of("percent", "share", None)
    interval = stated_interval(min(value, 100), rounding, "percent", w, share)
    assert 0 <= interval.low <= interval.high <= 100


def test_the_documents_wordings_read_as_the_words_say():
    nearly = stated_interval(87, 0.5, "percent", wording_by_phrase("nearly"), EVERYTHING)
    assert (nearly.low, nearly.high) == (84.5, 87)  # never 91.9
    under = stated_interval(1.4e9, 0.05e9, "USD", wording_by_phrase("just under"), EVERYTHING)
    assert under.high == 1.4e9  # never above 1.4 billion
    assert under.low == pytest.approx(1.4e9 - 0.05e9 - 0.07e9)
    more = stated_interval(40, 0.5, "percent", wording_by_phrase("more than"), Interval(0, 100))
    assert (more.low, more.high) == (40, 100)
    up_to = stated_interval(600e6, 50e6, "USD", wording_by_phrase("до"), Interval(0, INF))
    assert (up_to.low, up_to.high) == (0, 600e6)


@pytest.mark.parametrize(
    ("evidence", "number", "phrase"),
    [
        ("fell by 70%, to just under $1.4 billion", "1.4 billion", "just under"),
        ("fell by nearly 87% to $20 million", "87%", "nearly"),
        ("fell by nearly 87% to $20 million", "20 million", None),
        ("had fallen to around $7 million", "7 million", "around"),
        ("more than 200 T-72A tanks", "200", "more than"),
        ("over 5 percent of GDP", "5%", "over"),
        ("almost half of the country's GDP", "half", "almost"),
        ("госкредит в размере до $600 млн", "600 млн", "до"),
        ("the number to go up to 15 in 2016", "15", None),  # a rise to 15, not a ceiling
        ("up to 10,2 млн тонн", "10,2 млн", "up to"),
    ],
)
def test_the_hedging_phrase_is_the_one_right_before_the_figure(evidence, number, phrase):
    found = find_wording(evidence, number)
    assert (found[0] if found else None) == phrase


@given(interval_strategy(), interval_strategy())
def test_two_intervals_overlap_exactly_when_their_gap_is_zero(a, b):
    # The gap is a difference of floats: "zero" up to the float spacing at their magnitude.
    tolerance = 1e-9 * max(1, abs(a.high), abs(b.high))
    if a.overlaps(b):
        assert a.gap(b) <= tolerance
    else:
        assert a.gap(b) > 0
    assert a.gap(b) == b.gap(a) >= 0


@given(interval_strategy(), interval_strategy(), st.floats(0, 1), st.floats(0, 1))
def test_the_gap_is_the_smallest_distance_between_their_points(a, b, s, t):
    x, y = a.low + s * a.width, b.low + t * b.width
    assert abs(x - y) >= a.gap(b) - 1e-6 * max(1.0, abs(x), abs(y))


@given(interval_strategy(), interval_strategy(), st.floats(0, 1), st.floats(0, 1))
def test_sums_and_differences_hold_every_sum_and_difference_of_points(a, b, s, t):
    x, y = a.low + s * a.width, b.low + t * b.width
    tolerance = 1e-6 * max(1.0, abs(x), abs(y))
    total, net = a + b, a - b
    assert total.low - tolerance <= x + y <= total.high + tolerance
    assert net.low - tolerance <= x - y <= net.high + tolerance


@given(
    interval_strategy(0, 1e12),
    interval_strategy(1, 1e12),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_a_percent_change_holds_every_change_between_points(current, base, s, t):
    x, y = current.low + s * current.width, base.low + t * base.width
    change = percent_change(current, base)
    assert change is not None
    value = (x / y - 1) * 100
    assert (
        change.low - 1e-6 * max(1, abs(value)) <= value <= change.high + 1e-6 * max(1, abs(value))
    )


@given(interval_strategy(1, 1e12), st.floats(-99, 500), st.floats(0, 1))
def test_the_level_before_a_change_leads_back_to_the_current_level(current, change, s):
    base = level_before_change(current, Interval.point(change))
    assert base is not None
    x = current.low + s * current.width
    assert base.low * (1 + change / 100) <= x * (1 + 1e-9) + 1e-9
    assert x <= base.high * (1 + change / 100) * (1 + 1e-9) + 1e-9


def test_a_change_from_nothing_or_to_nothing_has_no_interval():
    assert percent_change(Interval(1, 2), Interval(0, 1)) is None
    assert level_before_change(Interval(1, 2), Interval(-100, -90)) is None


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_an_interval_must_not_end_before_it_starts(low, high):
    assume(low > high)
    with pytest.raises(ValueError):
        Interval(low, high)
