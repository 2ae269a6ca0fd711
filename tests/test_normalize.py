"""Numbers and periods as written become base units and canonical labels — by fixed rules."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from etl.normalize import NormalizationError, parse_period, parse_value


@pytest.mark.parametrize(
    ("text", "unit", "value", "rounding"),
    [
        ("4.5 billion", "USD", 4.5e9, 0.05e9),
        ("543.2 million", "USD", 543.2e6, 0.05e6),
        ("30,000", "persons", 30_000, 5000),
        ("2000", "persons", 2000, 500),
        ("20 million", "USD", 20e6, 5e6),
        ("110", "count", 110, 0.5),
        ("70%", "percent", 70, 0.5),
        ("74 per cent", "percent", 74, 0.5),
        ("74%", "percent", 74, 0.5),
        ("36.5%", "percent", 36.5, 0.05),
        ("five", "persons", 5, 0),
        ("zero", "RUB", 0, 0),
        ("half", "percent", 50, 0),
        ("second", "rank", 2, 0),
        ("600 млн", "USD", 600e6, 50e6),
        ("10,2 млн", "tonnes", 10.2e6, 0.05e6),
        ("3,7%", "percent", 3.7, 0.05),
        ("$1.5 billion", "USD", 1.5e9, 0.05e9),
    ],
)
def test_values_as_written_become_base_units_with_their_rounding(text, unit, value, rounding):
    parsed = parse_value(text, unit)
    assert parsed.value == pytest.approx(value)
    assert parsed.rounding == pytest.approx(rounding)


@pytest.mark.parametrize(
    "text", ["", "about", "4.5 gazillion", "1,23,456", "1.2.3", "four point five"]
)
def test_unreadable_values_are_refused_with_a_reason(text):
    with pytest.raises(NormalizationError):
        parse_value(text, "USD")


@pytest.mark.parametrize(
    ("text", "label", "start", "end", "kind"),
    [
        ("2012", "2012", date(2012, 1, 1), date(2012, 12, 31), "year"),
        ("2022-02", "2022-02", date(2022, 2, 1), date(2022, 2, 28), "month"),
        ("February 2022", "2022-02", date(2022, 2, 1), date(2022, 2, 28), "month"),
        ("Feb 2024", "2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2023-01/2023-07", "2023-01/2023-07", date(2023, 1, 1), date(2023, 7, 31), "interval"),
        ("2022/2024", "2022-01/2024-12", date(2022, 1, 1), date(2024, 12, 31), "interval"),
        ("2022-01/2022-12", "2022", date(2022, 1, 1), date(2022, 12, 31), "year"),
        ("2019-12-07", "2019-12-07", date(2019, 12, 7), date(2019, 12, 7), "day"),
    ],
)
def test_periods_get_the_design_labels(text, label, start, end, kind):
    period = parse_period(text)
    assert (period.label, period.start, period.end, period.kind) == (label, start, end, kind)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2019-11-31",
        "2022-13",
        "Smarch 2020",
        "2023/2022",
        "a/b/c",
        "0000",
        "0000-01",
        "May 0000",
    ],
)
def test_unreadable_periods_are_refused_with_a_reason(text):
    with pytest.raises(NormalizationError):
        parse_period(text)


def test_a_partial_year_is_flagged_so_it_is_never_drawn_as_a_full_year():
    assert parse_period("2023-01/2023-07").is_partial_year
    assert parse_period("2022-02").is_partial_year
    assert not parse_period("2022").is_partial_year


years = st.integers(min_value=1900, max_value=2100)
months = st.integers(min_value=1, max_value=12)


@given(years, months, years, months)
def test_every_period_label_reads_back_to_itself(y1, m1, y2, m2):
    """Canonical labels are a fixed point: label(parse(label)) == label, and start <= end."""
    (y1, m1), (y2, m2) = sorted([(y1, m1), (y2, m2)])
    period = parse_period(f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}")
    again = parse_period(period.label)
    assert again == period
    assert period.start <= period.end
    assert period.start.day == 1


@given(years, months)
def test_a_month_ends_on_its_last_day(year, month):
    period = parse_period(f"{year:04d}-{month:02d}")
    next_day = period.end.toordinal() + 1
    assert date.fromordinal(next_day).day == 1


@given(
    st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([("", 1), (" thousand", 1e3), (" million", 1e6), (" billion", 1e9)]),
)
def test_scaled_numbers_scale_and_round_by_their_last_written_digit(number, scale):
    word, factor = scale
    text = f"{number}"
    assume(not text.endswith("0") or "." in text)  # trailing zeros: see the rounding rule above
    parsed = parse_value(f"{text}{word}", "USD")
    assert parsed.value == pytest.approx(float(number) * factor)
    decimals = -number.as_tuple().exponent
    assert parsed.rounding == pytest.approx(0.5 * 10.0**-decimals * factor)


@given(st.integers(min_value=1000, max_value=10**9))
def test_thousands_separators_do_not_change_the_value(number):
    assert parse_value(f"{number:,}", "count").value == number


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("19,407 млрд", "ru", 19.407e9),  # a comma is always decimal in Russian
        ("19,407", "uk", 19.407),  # and in Ukrainian
        ("19,407", "en", 19_407),  # in English a comma before three digits groups thousands
        ("19,407", None, 19_407),  # a source with no language is read as English
        ("1,5", "en", 1.5),  # a comma before anything but three digits is decimal
        ("2,172.9 million", "ru", 2172.9e6),  # a comma before a point groups thousands anywhere
        ("328.6 trillion", "en", 328.6e12),
    ],
)
def test_the_sources_language_decides_what_a_comma_means(text, language, value):
    assert parse_value(text, "USD", language).value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("190 тыс.", 190e3),
        ("5 тис.", 5e3),
        ("195,6 млн", 195.6e6),
        ("741 млрд.", 741e9),
        ("10 трлн.", 10e12),
        ("1607 млн", 1607e6),
        ("2 миллиарда", 2e9),
        ("3 мільйони", 3e6),
    ],
)
def test_russian_and_ukrainian_scale_words_scale_with_or_without_their_dot(text, value):
    assert parse_value(text, "USD", "ru").value == pytest.approx(value)


def test_a_fraction_in_digits_is_part_of_a_whole_and_a_percent_share_in_points():
    assert parse_value("3/4", "fraction").value == 0.75
    assert parse_value("1/3", "percent").value == pytest.approx(100 / 3)
    assert parse_value("3/4", "fraction").rounding == 0


def test_a_rounded_russian_decimal_rounds_by_its_last_written_digit():
    assert parse_value("19,407 млрд", "USD", "ru").rounding == pytest.approx(0.0005e9)
