"""Numbers in the checks' words: rounded to what the inputs justify, the two ends of an interval
always told apart."""

from __future__ import annotations

import math
import re

import pytest

from etl.describe import format_gap, format_interval, format_quantity
from etl.intervals import Interval


@pytest.mark.parametrize(
    ("value", "unit", "words"),
    [
        (1.6e9, "USD", "$1.6 billion"),
        (-74.074, "percent", "−74.1%"),
        (2000, "persons", "2,000 persons"),
        (1.1151, "USD per EUR", "1.115 USD per EUR"),
        (3, "rank", "3"),
    ],
)
def test_a_figure_keeps_three_significant_digits_and_its_unit(value, unit, words):
    assert format_quantity(value, unit) == words


@pytest.mark.parametrize(
    ("low", "high", "unit", "words"),
    [
        (1.28e9, 1.40e9, "USD", "$1.28–1.4 billion"),
        (200, math.inf, "persons", "at least 200 persons"),
        (-math.inf, 1.4e9, "USD", "at most $1.4 billion"),
        (1400, 2600, "persons", "1,400 persons to 2,600 persons"),
        (-5e9, -1e9, "USD", "−$5 billion to −$1 billion"),
    ],
)
def test_an_interval_reads_as_its_two_ends_or_its_open_side(low, high, unit, words):
    assert format_interval(Interval(low, high), unit) == words


@pytest.mark.parametrize(
    ("low", "high", "unit"),
    [
        (-1.608e9, -1.606e9, "USD"),
        (1.6065e9, 1.6075e9, "USD"),
        (12.41, 12.44, "percent"),
        (100_410, 100_440, "persons"),
    ],
)
def test_the_two_ends_of_a_narrow_interval_never_print_alike(low, high, unit):
    text = format_interval(Interval(low, high), unit)
    first, second = re.split(r" to |–", text)
    assert first.rstrip("%") != second.rstrip("%"), text


def test_a_gap_in_percent_is_in_percentage_points():
    assert format_gap(3.34, "percent") == "3.3 percentage points"
