"""The rules of intervals, derivations, checks, claims, hypotheses and periods, pinned down on
small hand-built inputs: each test fails when its rule changes, and only then. Together with the
tests on the real data they are what mutation testing (`make mutation`) measures.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from etl.checks import (
    ACROSS,
    WITHIN,
    Check,
    check_same_figure_across_documents,
    check_stated_changes,
    check_subperiods_within_year,
    run_checks,
    said,
    verdict,
)
from etl.claims import Claim, _claimed_level, _witnesses, check_claims, read_claims
from etl.derive import (
    _derived,
    derive_all,
    derive_changes_from_levels,
    derive_flows,
    derive_levels_implied_by_changes,
    format_amount,
    trade_pairs,
)
from etl.explanations import (
    _digit_variants,
    _other_base_variants,
    _stated_behind,
    _variants,
    caveats,
    explain,
    failure_groups,
)
from etl.intervals import (
    INF,
    SLACK_RELATIVE,
    Interval,
    domain_of,
    hull,
    level_before_change,
)
from etl.model import (
    CuratedClaim,
    CuratedDataset,
    CuratedFact,
    CuratedSource,
    Location,
    SeriesDefinition,
    SourceRecord,
)
from etl.normalize import (
    UNDATED_PERIOD,
    NormalizationError,
    parse_period,
    parse_value,
)
from etl.observations import Observation, fact_to_observation, normalize_facts
from etl.problems import CuratedDataError, Problem
from etl.validate import _check_wording

# ------------------------------------------------------------------------------------------------
# Helpers: small hand-built series and observations
# ------------------------------------------------------------------------------------------------

HERE = Location("series.yaml", "x")


def series(series_id: str, unit: str = "USD", measure: str = "flow", **kw) -> SeriesDefinition:
    return SeriesDefinition(HERE, series_id, series_id, unit, measure, "trade", "", **kw)


def trade_series(prefix: str = "t", reporter: str | None = "BY", partner: str = "UA"):
    """Exports, imports, turnover, balance and the turnover change of one pair."""
    flows = {
        f: series(f"{prefix}.{f}", reporter=reporter, partner=partner, flow=f)
        for f in ("exports", "imports", "turnover", "balance")
    }
    change = series(
        f"{prefix}.turnover_change", "percent", "change", change_of=f"{prefix}.turnover"
    )
    return (*flows.values(), change)


def obs(
    obs_id: str,
    series_id: str,
    period: str,
    value: float,
    low: float | None = None,
    high: float | None = None,
    *,
    qualifier: str = "reported",
    base: str | None = None,
    **kw,
) -> Observation:
    """A stated figure; its interval is [low, high] (the value itself by default)."""
    source_id = obs_id.split("/")[0]
    interval = Interval(value if low is None else low, value if high is None else high)
    return Observation(
        obs_id=obs_id,
        series_id=series_id,
        period=parse_period(period),
        value=value,
        value_low=None,
        value_high=None,
        qualifier=qualifier,
        source_id=source_id,
        locator="p. 1",
        evidence="quote",
        interval=interval,
        base_period=parse_period(base) if base else None,
        **kw,
    )


def by_id(definitions) -> dict[str, SeriesDefinition]:
    return {s.series_id: s for s in definitions}


# ------------------------------------------------------------------------------------------------
# etl/intervals.py
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("low", "high"), [(math.nan, 1.0), (0.0, math.nan), (2.0, 1.0)])
def test_an_interval_with_a_nan_end_or_ends_in_the_wrong_order_is_refused(low, high):
    with pytest.raises(ValueError, match=r"not an interval: \["):
        Interval(low, high)


def test_an_interval_contains_both_of_its_ends():
    assert Interval(1.0, 2.0).contains(1.0)
    assert Interval(1.0, 2.0).contains(2.0)
    assert not Interval(1.0, 2.0).contains(2.000001)


def test_amounts_in_billions_a_fraction_of_a_unit_apart_overlap_as_float_noise():
    """The tolerance grows with the figures: half a dollar between billions is noise."""
    assert Interval(0.0, 1.6e9).overlaps(Interval(1.6e9 + 0.5, 2e9))
    assert not Interval(0.0, 1.6e9).overlaps(Interval(1.6e9 + 10.0, 2e9))


def test_small_figures_a_hair_apart_overlap_only_within_one_billionth():
    """Below 1 the tolerance is 1e-9 absolute: a gap of exactly that touches, 1.5e-9 does not."""
    assert Interval(0.0, 0.0).overlaps(Interval(1e-9, 1e-9))
    assert not Interval(0.0, 0.1).overlaps(Interval(0.1 + 1.5e-9, 0.2))


def test_scaling_an_interval_by_a_negative_factor_swaps_its_ends():
    assert Interval(1.0, 2.0).scaled(3.0) == Interval(3.0, 6.0)
    assert Interval(1.0, 2.0).scaled(-2.0) == Interval(-4.0, -2.0)


def test_the_hull_of_intervals_is_the_smallest_interval_holding_them_all():
    assert hull([Interval(1.0, 2.0), Interval(-1.0, 0.0), Interval(0.5, 1.5)]) == Interval(
        -1.0, 2.0
    )
    assert hull(iter([Interval(3.0, 4.0)])) == Interval(3.0, 4.0)


@pytest.mark.parametrize(
    ("unit", "measure", "flow", "domain"),
    [
        ("percent", "share", None, Interval(0.0, 100.0)),
        ("percent", "change", None, Interval(-100.0, INF)),
        ("USD", "flow", "balance", Interval(-INF, INF)),
        ("rank", "level", None, Interval(1.0, INF)),
        ("USD", "flow", "exports", Interval(0.0, INF)),
        ("persons", "level", None, Interval(0.0, INF)),
    ],
)
def test_each_kind_of_quantity_has_its_domain(unit, measure, flow, domain):
    """A share lies in 0–100, a change falls at most 100%, a balance may be negative, a rank is
    at least first, an amount is never negative."""
    assert domain_of(unit, measure, flow) == domain


# ------------------------------------------------------------------------------------------------
# etl/observations.py: a fact's hedging, as the intake proposes it and a curator confirms it
# ------------------------------------------------------------------------------------------------


def hedged_fact(evidence: str, value_text: str, qualifier: str) -> CuratedFact:
    return CuratedFact(
        Location("sources/a.yaml", "facts f"),
        "f",
        "a",
        "s",
        "2023",
        value_text,
        None,
        None,
        "USD",
        qualifier,
        "p. 1",
        evidence,
    )


def wording_problems(fact: CuratedFact) -> list[Problem]:
    problems: list[Problem] = []
    _check_wording(fact, problems)
    return problems


@pytest.mark.parametrize(
    ("evidence", "value_text"),
    [
        ("Transit fees brought in almost $93 million", "93 million"),
        ("Транзит принес почти $93 млн", "93 млн"),
        ("Транзит приніс майже $93 млн", "93 млн"),
    ],
)
@pytest.mark.parametrize("qualifier", ["approximate", "upper_bound"])
def test_almost_before_a_figure_accepts_approximate_or_upper_bound_with_one_interval(
    evidence, value_text, qualifier
):
    fact = hedged_fact(evidence, value_text, qualifier)
    assert wording_problems(fact) == []
    interval = fact_to_observation(fact, series("s")).interval
    assert interval.high == 93e6
    assert interval.low == pytest.approx(93e6 - 0.5e6 - SLACK_RELATIVE * 93e6)


@pytest.mark.parametrize(
    ("evidence", "value_text"),
    [
        ("Transit fees brought in almost $93 million", "93 million"),
        ("Транзит принес почти $93 млн", "93 млн"),
    ],
)
@pytest.mark.parametrize("qualifier", ["reported", "lower_bound"])
def test_almost_before_a_figure_refuses_a_plain_or_lower_bound_qualifier(
    evidence, value_text, qualifier
):
    (problem,) = wording_problems(hedged_fact(evidence, value_text, qualifier))
    assert "set qualifier: upper_bound" in problem.fix


@pytest.mark.parametrize(
    ("evidence", "value_text", "low", "high"),
    [
        ("Exports will be more than $5 billion next year", "5 billion", 5e9, INF),
        ("Экспорт в следующем году превысит $5 млрд", "5 млрд", 5e9, INF),
        ("Експорт наступного року перевищить $5 млрд", "5 млрд", 5e9, INF),
        ("Бюджет выделит на программу до $200 млн", "200 млн", 0, 200e6),
    ],
)
def test_a_forecast_with_a_bound_is_accepted_and_keeps_the_bounds_interval(
    evidence, value_text, low, high
):
    fact = hedged_fact(evidence, value_text, "forecast")
    assert wording_problems(fact) == []
    interval = fact_to_observation(fact, series("s")).interval
    assert (interval.low, interval.high) == (low, high)


@pytest.mark.parametrize(
    ("evidence", "value_text"),
    [
        ("Exports rose by 42.6% to $195.6 million", "195.6 million"),
        ("Экспорт увеличился на 42,6% до $195,6 млн", "195,6 млн"),
        ("Експорт збільшився на 42,6% до $195,6 млн", "195,6 млн"),
    ],
)
def test_the_level_a_change_reached_is_a_reported_figure_not_an_upper_bound(evidence, value_text):
    assert wording_problems(hedged_fact(evidence, value_text, "reported")) == []
    (problem,) = wording_problems(hedged_fact(evidence, value_text, "upper_bound"))
    assert "no hedging word" in problem.problem


@pytest.mark.parametrize(
    ("evidence", "value_text"),
    [
        ("Arrears amounted to not less than $40 million", "40 million"),
        ("Задолженность составила не менее $40 млн", "40 млн"),
        ("Заборгованість склала не менше $40 млн", "40 млн"),
    ],
)
def test_not_less_than_is_a_lower_bound_reaching_without_limit(evidence, value_text):
    fact = hedged_fact(evidence, value_text, "lower_bound")
    assert wording_problems(fact) == []
    assert fact_to_observation(fact, series("s")).interval == Interval(40e6, INF)
    (problem,) = wording_problems(hedged_fact(evidence, value_text, "upper_bound"))
    assert "set qualifier: lower_bound" in problem.fix


# ------------------------------------------------------------------------------------------------
# etl/derive.py
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1e9, "1 billion"),
        (6.9e9, "6.9 billion"),
        (-3.9e9, "-3.9 billion"),
        (1e6, "1 million"),
        (13.8e6, "13.8 million"),
        (999_999.0, "1e+06"),
        (74.1, "74.1"),
    ],
)
def test_method_texts_write_amounts_with_a_scale_word_from_one_million(value, text):
    assert format_amount(value) == text


def test_flows_of_another_indicator_or_product_are_not_paired_with_trade():
    """A payments balance beside trade flows of the same reporter, partner and unit is another
    measure: pairing them would derive a trade balance from the wrong series."""
    goods = (
        series("g.exports", reporter="BY", partner="W", flow="exports", indicator="trade"),
        series("g.imports", reporter="BY", partner="W", flow="imports", indicator="trade"),
    )
    payments = series("p.balance", reporter="BY", partner="W", flow="balance", indicator="bop")
    fuel = series(
        "f.exports", reporter="BY", partner="W", flow="exports", indicator="trade", product="fuel"
    )
    (pair,) = trade_pairs((*goods, payments, fuel))
    assert (pair.exports, pair.imports, pair.balance) == ("g.exports", "g.imports", None)


def test_trade_pairs_need_both_flows_and_are_ordered_by_reporter_partner_and_unit():
    ua = (
        series("a.exports", reporter="UA", partner="BY", flow="exports"),
        series("a.imports", reporter="UA", partner="BY", flow="imports"),
    )
    by = (
        series("z.exports", reporter="BY", partner="UA", flow="exports"),
        series("z.imports", reporter="BY", partner="UA", flow="imports"),
        series("z.balance", reporter="BY", partner="UA", flow="balance"),
    )
    unreported = (
        series("n.exports", reporter=None, partner="RU", flow="exports"),
        series("n.imports", reporter=None, partner="RU", flow="imports"),
    )
    exports_only = (series("e.exports", reporter="RU", partner="UA", flow="exports"),)
    pairs = trade_pairs(ua + by + unreported + exports_only)
    assert [p.exports for p in pairs] == ["z.exports", "a.exports", "n.exports"]
    assert (pairs[0].imports, pairs[0].turnover, pairs[0].balance) == (
        "z.imports",
        None,
        "z.balance",
    )


def test_a_derived_balance_spans_exports_low_minus_imports_high_to_the_reverse():
    exports, imports, turnover, balance, _ = trade_series()
    pairs = trade_pairs((exports, imports, turnover, balance))
    stated = [
        obs("d/x", "t.exports", "2021", 5.4e9, 5.35e9, 5.45e9),
        obs("d/m", "t.imports", "2021", 1.5e9, 1.45e9, 1.55e9),
    ]
    derived = {o.series_id: o for o in derive_flows(stated, pairs)}
    assert derived["t.balance"].interval == Interval(5.35e9 - 1.55e9, 5.45e9 - 1.45e9)
    assert derived["t.turnover"].interval == Interval(5.35e9 + 1.45e9, 5.45e9 + 1.55e9)
    assert derived["t.balance"].obs_id == "d/balance-from-flows:t.balance:2021"
    assert derived["t.turnover"].obs_id == "d/turnover-from-flows:t.turnover:2021"


def test_a_derived_value_notes_which_of_its_inputs_are_bounds_or_approximate():
    definitions = trade_series()
    pairs = trade_pairs(definitions[:4])
    stated = [
        obs("d/x", "t.exports", "2022", 1.4e9, qualifier="upper_bound"),
        obs("d/m", "t.imports", "2022", 20e6, qualifier="approximate"),
        obs("d/x21", "t.exports", "2021", 5.4e9, qualifier="lower_bound"),
        obs("d/m21", "t.imports", "2021", 1.5e9),
    ]
    derived = {(o.series_id, o.period.label): o for o in derive_flows(stated, pairs)}
    both = "input d/x is upper bound; input d/m is approximate"
    assert derived["t.turnover", "2022"].note == both
    assert derived["t.balance", "2022"].note == both
    assert derived["t.balance", "2021"].note == "input d/x21 is lower bound"
    reported = [obs("d/x", "t.exports", "2020", 1.0e9), obs("d/m", "t.imports", "2020", 2.0e9)]
    assert all(o.note is None for o in derive_flows(reported, pairs))


def test_a_derived_value_reports_whose_statistics_only_when_all_its_inputs_agree():
    pairs = trade_pairs(trade_series()[:4])

    def turnover(x_from, m_from):
        stated = [
            obs("d/x", "t.exports", "2021", 5e9, statistics_from=x_from),
            obs("d/m", "t.imports", "2021", 1e9, statistics_from=m_from),
        ]
        found = next(o for o in derive_flows(stated, pairs) if o.series_id == "t.turnover")
        return found.statistics_from, found.statistics_basis

    assert turnover("Belarusian", "Belarusian") == ("Belarusian", "as its inputs")
    assert turnover(None, None) == (None, None)
    assert turnover("Belarusian", "Ukrainian") == (
        "not stated",
        "its inputs report different statistics",
    )


def test_derivations_stay_within_one_document():
    inputs = [obs("a/x", "t.exports", "2021", 1.0), obs("b/m", "t.imports", "2021", 1.0)]
    with pytest.raises(AssertionError, match=r"^derivations stay within one document$"):
        _derived("t.turnover", parse_period("2021"), 2.0, Interval(2.0, 2.0), inputs, "m", "k")


def test_a_level_implied_by_a_change_names_its_method_with_the_sign_of_the_change():
    definitions = trade_series()
    series_map = by_id(definitions)

    def implied(change: float) -> Observation:
        stated = [
            obs("d/level", "t.turnover", "2023", 13.8e6, 13.75e6, 13.85e6, qualifier="approximate"),
            obs(
                "d/change",
                "t.turnover_change",
                "2023",
                change,
                change - 0.5,
                change + 0.5,
                base="2022",
            ),
        ]
        (found,) = derive_levels_implied_by_changes(stated, series_map)
        return found

    part_year = [
        obs("d/level", "t.turnover", "2023-01/2023-07", 13.8e6),
        obs(
            "d/change",
            "t.turnover_change",
            "2023-01/2023-07",
            -99.0,
            -99.5,
            -98.5,
            base="2022-01/2022-07",
        ),
    ]
    (found,) = derive_levels_implied_by_changes(part_year, series_map)
    assert found.obs_id == "d/implied-by-change:t.turnover:2022-01_2022-07"

    fall = implied(-99.0)
    assert fall.obs_id == "d/implied-by-change:t.turnover:2022"
    assert fall.period.label == "2022"
    assert fall.method == (
        "level implied by a stated change: 13.8 million / (1 − 99%); low–high from the "
        "rounding of both stated figures"
    )
    assert fall.note == "input d/level is approximate"
    assert "(1 + 0.5%)" in implied(0.5).method
    assert "(1 + 0%)" in implied(0.0).method  # no change is not a fall
    assert "(1 + 20.6%)" in implied(20.6).method


def test_a_level_is_implied_only_by_stated_changes_of_defined_series_and_every_one_is_tried():
    definitions = trade_series()
    series_map = by_id(definitions)
    stated = [
        # a derived change implies nothing (it already assumes the levels)
        obs(
            "d/dchange",
            "t.turnover_change",
            "2021",
            10.0,
            9.5,
            10.5,
            base="2020",
            qualifier="derived",
        ),
        # a change of a series nobody defined is left alone
        obs("d/unknown", "t.unknown_change", "2021", 10.0, 9.5, 10.5, base="2020"),
        # its base level is stated somewhere: nothing to derive
        obs("d/c2019", "t.turnover_change", "2019", 5.0, 4.5, 5.5, base="2018"),
        obs("e/l2018", "t.turnover", "2018", 1e9),
        # no current level in the same document: nothing to derive
        obs("d/c2017", "t.turnover_change", "2017", 5.0, 4.5, 5.5, base="2016"),
        # a fall that may be 100% says nothing about where it began
        obs("d/l2013", "t.turnover", "2013", 1e6),
        obs("d/c2013", "t.turnover_change", "2013", -99.5, -100.0, -99.0, base="2012"),
        # this one implies the 2014 level
        obs("d/l2015", "t.turnover", "2015", 1.1e9),
        obs("d/l2019", "t.turnover", "2019", 1.05e9),
        obs("d/l2021", "t.turnover", "2021", 1.2e9),
        obs("d/c2015", "t.turnover_change", "2015", 10.0, 9.5, 10.5, base="2014"),
    ]
    derived = derive_levels_implied_by_changes(stated, series_map)
    assert [(o.series_id, o.period.label) for o in derived] == [("t.turnover", "2014")]
    assert derived[0].value == pytest.approx(1.1e9 / 1.1)


def test_a_change_is_derived_for_every_pair_of_years_that_lacks_one_even_from_a_small_base():
    definitions = trade_series()
    series_map = by_id(definitions)
    stated = [
        # a base "up to 2" may be nothing: no percentage from it
        obs("d/l2016", "t.turnover", "2016", 2.0, 0.0, 2.0, qualifier="upper_bound"),
        obs("d/l2017", "t.turnover", "2017", 1.0, 0.95, 1.05),
        obs("d/l2019", "t.turnover", "2019", 0.5, 0.45, 0.55),
        obs("d/l2020", "t.turnover", "2020", 0.75, 0.7, 0.8),
        obs("d/l2021", "t.turnover", "2021", 1.5, 1.45, 1.55, qualifier="lower_bound"),
        # 2020 on 2019 is stated, so of these only 2021 on 2020 is derived
        obs("d/c2020", "t.turnover_change", "2020", 50.0, 49.5, 50.5, base="2019"),
    ]
    derived = derive_changes_from_levels(stated, series_map)
    assert [(o.period.label, o.base_period.label) for o in derived] == [("2021", "2020")]
    change = derived[0]
    assert change.value == pytest.approx(100.0)
    assert change.obs_id == "d/change-from-levels:t.turnover_change:2021"
    assert change.note == "input d/l2021 is lower bound"


# ------------------------------------------------------------------------------------------------
# etl/checks.py
# ------------------------------------------------------------------------------------------------


def test_a_check_whose_intervals_meet_within_float_noise_is_consistent_with_no_gap():
    found = verdict(
        "k",
        "k/1",
        "t.turnover",
        "2022",
        "USD",
        (1.6e9, Interval(0.0, 1.6e9)),
        (1.7e9, Interval(1.6e9 + 0.5, 2e9)),
        [obs("a/x", "t.turnover", "2022", 1.6e9)],
        "two figures",
    )
    assert found.consistent and found.gap == 0.0
    assert found.stated == 1.6e9 and found.computed == 1.7e9
    assert found.message == "consistent: two figures; they overlap"
    assert found.scope == WITHIN


@pytest.mark.parametrize(
    ("unit", "qualifier", "text", "wording", "expected"),
    [
        ("USD", "upper_bound", "1.4 billion", "just under", "just under $1.4 billion"),
        ("persons", "range", "30,000–40,000", "between", "between 30,000 and 40,000 persons"),
        ("count", "reported", "110", None, "110"),
        ("rank", "reported", "second", None, "second"),
        ("tonnes", "reported", "5", None, "5 tonnes"),
        ("tonnes", "reported", "5 tonnes", None, "5 tonnes"),
        ("percent", "reported", "74%", None, "74%"),
    ],
)
def test_a_stated_figure_is_said_as_the_document_words_it(unit, qualifier, text, wording, expected):
    o = obs("a/x", "s", "2022", 1.0, qualifier=qualifier, value_text=text, wording=wording)
    assert said(o, unit) == expected


def test_a_derived_figure_or_one_without_written_text_is_said_as_its_interval():
    derived = obs("a/d", "s", "2022", 6.9e9, 6.8e9, 7e9, qualifier="derived", value_text="6.9")
    unwritten = obs("a/u", "s", "2022", 6.9e9, 6.8e9, 7e9)
    assert said(derived, "USD") == "$6.8–7 billion (derived)"
    assert said(unwritten, "USD") == "$6.8–7 billion (derived)"


def change_check_data():
    definitions = trade_series()
    return definitions, by_id(definitions)


def test_a_stated_change_is_checked_against_its_own_documents_levels_first():
    _, series_map = change_check_data()
    stated = [
        obs("a/c", "t.turnover_change", "2022", -74.0, -74.5, -73.5, base="2021"),
        obs("a/l22", "t.turnover", "2022", 1.6e9, 1.55e9, 1.65e9),
        obs("a/l21", "t.turnover", "2021", 6.9e9, 6.8e9, 7e9),
        obs("b/l22", "t.turnover", "2022", 1.0e9),
        obs("b/l21", "t.turnover", "2021", 9.0e9),
    ]
    (found,) = check_stated_changes(stated, series_map)
    assert found.obs_ids == ("a/c", "a/l22", "a/l21")
    assert found.scope == WITHIN


def test_a_stated_change_falls_back_to_any_documents_levels_and_says_it_is_across_documents():
    _, series_map = change_check_data()
    stated = [
        obs("a/c", "t.turnover_change", "2022", 5.0, 4.5, 5.5, base="2021"),
        obs("b/l22", "t.turnover", "2022", 1.05e9),
        # "up to $2 billion" may be nothing: no percentage from it, the next base is tried
        obs("b/l21", "t.turnover", "2021", 2e9, 0.0, 2e9, qualifier="upper_bound"),
        obs("c/l21", "t.turnover", "2021", 1.0e9),
    ]
    (found,) = check_stated_changes(stated, series_map)
    assert found.obs_ids == ("a/c", "b/l22", "c/l21")
    assert found.scope == ACROSS and found.source_ids == ("a", "b", "c")
    assert found.consistent
    assert "stated rise of" in found.message


def test_a_small_rise_is_called_a_rise_and_a_small_base_is_still_checked():
    _, series_map = change_check_data()
    stated = [
        obs("a/c", "t.turnover_change", "2022", 0.5, 0.45, 0.55, base="2021", value_text="0.5%"),
        obs("a/l22", "t.turnover", "2022", 0.5025),
        obs("a/l21", "t.turnover", "2021", 0.5),
    ]
    (found,) = check_stated_changes(stated, series_map)
    assert found.message.startswith("consistent: stated rise of 0.5% (2022 on 2021)")
    assert found.computed == pytest.approx(0.5)


def test_no_change_at_all_is_not_called_a_fall():
    _, series_map = change_check_data()
    stated = [
        obs("a/c", "t.turnover_change", "2022", 0.0, -0.5, 0.5, base="2021", value_text="0%"),
        obs("a/l22", "t.turnover", "2022", 1.0),
        obs("a/l21", "t.turnover", "2021", 1.0),
    ]
    (found,) = check_stated_changes(stated, series_map)
    assert found.message.startswith("consistent: stated rise of 0% (2022 on 2021)")


def test_changes_without_a_level_series_are_not_checked():
    definitions = (
        *trade_series(),
        series("t.other_change", "percent", "change"),  # change_of not given
    )
    stated = [
        obs("a/c", "t.other_change", "2022", 5.0, base="2021"),
        obs("a/u", "t.undefined_change", "2022", 5.0, base="2021"),
    ]
    assert check_stated_changes(stated, by_id(definitions)) == []


def test_only_part_years_of_exports_imports_and_turnover_must_fit_in_their_year():
    """A balance can be negative and a level is not a sum over time: neither is checked."""
    definitions = (*trade_series(), series("t.gdp", measure="level"))
    stated = [
        obs("a/dy", "t.exports", "2022", 1e9, qualifier="derived"),
        obs("a/y", "t.exports", "2022", 1e9, 0.95e9, 1.05e9, value_text="1 billion"),
        obs("a/m", "t.exports", "2022-02", 2e9, value_text="2 billion"),
        obs("a/by", "t.balance", "2022", 1e9),
        obs("a/bm", "t.balance", "2022-02", 2e9),
        obs("a/gy", "t.gdp", "2022", 1e9),
        obs("a/gm", "t.gdp", "2022-02", 2e9),
    ]
    (found,) = check_subperiods_within_year(stated, by_id(definitions))
    assert found.obs_ids == ("a/y", "a/m")
    assert not found.consistent
    assert found.message == (
        "inconsistent: 2022-02 ($2 billion) within the year 2022 ($1 billion, so at most "
        "$1.05 billion); at least $950 million apart"
    )


def test_the_same_figure_from_two_documents_is_compared_once_per_pair():
    definitions = trade_series()
    stated = [
        obs("a/t", "t.turnover", "2022", 1.6e9, 1.55e9, 1.65e9, value_text="1.6 billion"),
        obs("a/x", "t.exports", "2022", 1e9),  # another series: never compared with the rest
        obs("b/t", "t.turnover", "2022", 1.5e9, 1.45e9, 1.55e9, value_text="1.5 billion"),
        obs("c/t", "t.turnover", "2022", 1.0e9, 0.95e9, 1.05e9, value_text="1 billion"),
        obs("c/t2", "t.turnover", "2021", 1.0e9),  # another period
        obs("a/t2", "t.turnover", "2021", 1.0e9, qualifier="derived"),  # derived: not a statement
        obs("b/t3", "t.turnover", "undated", 1.0e9),  # undated: no period to agree on
        obs("c/t3", "t.turnover", "undated", 1.0e9),
    ]
    found = check_same_figure_across_documents(stated, by_id(definitions))
    assert [c.obs_ids for c in found] == [("a/t", "b/t"), ("a/t", "c/t"), ("b/t", "c/t")]
    first = found[0]
    assert first.kind == "same_figure_across_documents"
    assert first.check_id == "same_figure_across_documents/a/t/b/t"
    assert (first.series_id, first.period, first.unit) == ("t.turnover", "2022", "USD")
    assert first.stated_interval == Interval(1.55e9, 1.65e9)
    assert first.computed_interval == Interval(1.45e9, 1.55e9)
    assert first.consistent and first.scope == ACROSS
    assert first.message == (
        "consistent: a states $1.6 billion and b $1.5 billion for 2022; they overlap"
    )
    assert not found[1].consistent


def test_the_same_change_is_compared_across_documents_only_on_the_same_base():
    definitions = trade_series()
    stated = [
        obs("a/c", "t.turnover_change", "2022", -74.0, base="2021"),
        obs("b/c", "t.turnover_change", "2022", -70.0, base="2021"),
        obs("c/c", "t.turnover_change", "2022", -50.0, base="2020"),
        obs("d/c", "t.turnover_change", "2022", -74.0, base="2021"),
        obs("d/c2", "t.turnover_change", "2022", -74.0, base="2021"),
    ]
    found = check_same_figure_across_documents(stated, by_id(definitions))
    assert [c.obs_ids for c in found] == [
        ("a/c", "b/c"),
        ("a/c", "d/c"),
        ("a/c", "d/c2"),
        ("b/c", "d/c"),
        ("b/c", "d/c2"),
    ]


def test_run_checks_includes_figures_two_documents_both_state():
    definitions = trade_series()
    stated = [obs("a/t", "t.turnover", "2022", 1.6e9), obs("b/t", "t.turnover", "2022", 1.5e9)]
    found = run_checks(stated, definitions)
    assert [c.kind for c in found] == ["same_figure_across_documents"]


def test_the_stated_balance_and_subperiod_checks_describe_their_figures(built):
    messages = {(c.kind, c.period): c.message for c in built.checks}
    assert messages["balance_identity", "2021"] == (
        "consistent: stated balance $3.9 billion (2021); exports $5.4 billion and imports "
        "$1.5 billion leave $3.8–4 billion; they overlap"
    )
    assert messages["subperiod_within_year", "2022-02"] == (
        "consistent: 2022-02 ($543.2 million) within the year 2022 ($1.6 billion, so at most "
        "$1.65 billion); they overlap"
    )


# ------------------------------------------------------------------------------------------------
# etl/claims.py
# ------------------------------------------------------------------------------------------------


def claim(kind: str, period: str, than: str | None = None, source: str = "a") -> Claim:
    curated = CuratedClaim(
        Location("sources/a.yaml", "claims[0] c"),
        "c",
        source,
        kind,
        "t.turnover",
        period,
        than,
        "p. 1",
        "quote",
    )
    return Claim(curated, parse_period(period), parse_period(than) if than else None)


def test_the_claimed_level_is_the_claims_own_documents_figure_else_a_stated_one_first():
    levels = [
        obs("a/d", "t.turnover", "2021", 6.9e9, qualifier="derived"),
        obs("b/l", "t.turnover", "2021", 7e9),
        obs("a/z", "t.turnover", "2020", 1e9),
    ]
    assert _claimed_level(claim("peak", "2021"), levels).obs_id == "a/d"
    assert _claimed_level(claim("peak", "2021", source="c"), levels).obs_id == "b/l"
    assert _claimed_level(claim("peak", "2019"), levels) is None


def test_a_trough_or_lower_than_claim_is_witnessed_by_each_documents_lowest_level():
    levels = [
        obs("b/2012", "t.turnover", "2012", 7.5e9, 7.45e9, 7.55e9),
        obs("b/2013", "t.turnover", "2013", 5.8e9, 5.75e9, 5.85e9),
        obs("b/2021", "t.turnover", "2021", 6.9e9),
        obs("b/h1", "t.turnover", "2013-01/2013-06", 1e9),  # another kind of period
        obs("a/2014", "t.turnover", "2014", 4e9, 3.95e9, 4.05e9),
    ]
    trough = _witnesses(claim("trough", "2021"), levels)
    assert [w.obs_id for w in trough] == ["a/2014", "b/2013"]
    lower = _witnesses(claim("lower_than", "2021", than="2012"), levels)
    assert [w.obs_id for w in lower] == ["b/2012"]
    higher = _witnesses(claim("higher_than", "2021", than="2013"), levels)
    assert [w.obs_id for w in higher] == ["b/2013"]


def test_a_claim_is_refuted_only_by_a_witness_wholly_on_the_wrong_side():
    series_map = by_id(trade_series())
    observations = [
        obs("a/2021", "t.turnover", "2021", 6.9e9, 6.8e9, 7e9),
        obs("b/2012", "t.turnover", "2012", 7.5e9, 7.45e9, 7.55e9),
        obs("b/2013", "t.turnover", "2013", 5.8e9, 5.75e9, 5.85e9),
    ]
    claims = [
        claim("peak", "2019"),  # no level for 2019: nothing to check, the others still are
        claim("higher_than", "2021", than="2013"),
        claim("lower_than", "2021", than="2012"),
        claim("trough", "2021"),
    ]
    found = check_claims(claims, observations, series_map)
    assert [(c.kind, c.status) for c in found] == [
        ("claim_higher_than", "consistent"),
        ("claim_lower_than", "consistent"),
        ("claim_trough", "inconsistent"),
    ]
    assert "was higher in 2021 than in 2013" in found[0].message
    assert "was lower in 2021 than in 2012" in found[1].message
    assert found[2].computed_interval == Interval(-INF, 5.85e9)
    assert found[0].computed_interval == Interval(5.75e9, INF)


def curated_claim(entry: str, kind: str, series_id: str, period: str, than: str | None = None):
    return CuratedClaim(
        Location("sources/a.yaml", entry), entry, "a", kind, series_id, period, than, "p. 1", "q"
    )


def claims_dataset(*claims: CuratedClaim) -> CuratedDataset:
    record = SourceRecord(
        Location("sources/a.yaml", "record"), "a", "A", (), "P", "2024", None, None
    )
    return CuratedDataset(trade_series(), (CuratedSource(record, claims=claims),))


LEVELS = [
    obs("a/2021", "t.turnover", "2021", 6.9e9),
    obs("b/2013", "t.turnover", "2013", 5.8e9),
    obs(
        "a/2015",
        "t.turnover",
        "2015",
        5e9,
        qualifier="derived",
        method="level implied by a stated change: 5 billion / (1 + 10%)",
    ),
]


def test_claims_that_cannot_be_checked_are_each_named_with_file_entry_and_fix():
    """read_claims is the second line behind validation: it reads the periods and asks whether a
    document (stated or derived, but not implied by a stated change) covers them."""
    bad = [
        curated_claim("kind", "summit", "t.turnover", "2021"),
        curated_claim("series", "peak", "t.nope", "2021"),
        curated_claim("change", "peak", "t.turnover_change", "2021"),
        curated_claim("needs-than", "higher_than", "t.turnover", "2021"),
        curated_claim("no-than", "peak", "t.turnover", "2021", than="2013"),
        curated_claim("unreadable", "lower_than", "t.turnover", "20211", than="soon"),
        curated_claim("uncovered", "lower_than", "t.turnover", "2015", than="2016"),
    ]
    with pytest.raises(CuratedDataError) as raised:
        read_claims(claims_dataset(*bad), LEVELS)
    problems = {(p.entry, p.problem.split(":")[0], p.fix) for p in raised.value.problems}
    assert problems == {
        (
            "kind",
            "unknown claim kind 'summit'",
            "use one of: peak, trough, higher_than, lower_than",
        ),
        ("series", "claim names an unknown series 't.nope'", "use a series in series.yaml"),
        ("change", "a claim compares levels, not changes", "name the level series"),
        (
            "change",
            "no document gives t.turnover_change for 2021 (period)",
            "name a period some document covers, or curate the level first",
        ),
        (
            "needs-than",
            "a 'higher_than' claim needs 'than'",
            "write the period it is compared with",
        ),
        ("no-than", "'than' applies only to higher_than/lower_than", "remove it"),
        ("unreadable", "unparseable period", "fix the period"),
        ("unreadable", "unparseable than", "fix the than"),
        (
            "uncovered",
            "no document gives t.turnover for 2015 (period)",
            "name a period some document covers, or curate the level first",
        ),
        (
            "uncovered",
            "no document gives t.turnover for 2016 (than)",
            "name a period some document covers, or curate the level first",
        ),
    }
    assert all(p.file == "sources/a.yaml" for p in raised.value.problems)
    assert all(isinstance(p, Problem) for p in raised.value.problems)


def test_claims_that_can_be_checked_are_read_with_their_periods():
    good = [
        curated_claim("higher", "higher_than", "t.turnover", "2021", than="2013"),
        curated_claim("peak", "peak", "t.turnover", "2021"),
    ]
    claims = read_claims(claims_dataset(*good), LEVELS)
    assert [(c.curated.claim_id, c.period.label, c.than and c.than.label) for c in claims] == [
        ("higher", "2021", "2013"),
        ("peak", "2021", None),
    ]


def test_a_level_implied_by_a_stated_change_never_witnesses_against_a_claim():
    """It already assumes the change is right; a 2015 level of 9 billion implied that way does
    not refute a peak in 2021."""
    series_map = by_id(trade_series())
    implied = replace(LEVELS[2], value=9e9, interval=Interval(8.9e9, 9.1e9))
    found = check_claims([claim("peak", "2021")], [LEVELS[0], LEVELS[1], implied], series_map)
    assert [(c.check_id, c.status) for c in found] == [
        ("claim_peak/a/c/b", "consistent"),
    ]


# ------------------------------------------------------------------------------------------------
# etl/explanations.py
# ------------------------------------------------------------------------------------------------


def failed(check_id: str, obs_ids: tuple[str, ...], kind: str = "k", scope: str = WITHIN) -> Check:
    return Check(
        check_id,
        kind,
        scope,
        "s",
        "2022",
        "USD",
        1.0,
        Interval(1.0, 1.0),
        2.0,
        Interval(2.0, 2.0),
        1.0,
        "inconsistent",
        obs_ids,
        ("a",),
        "inconsistent: x",
    )


def test_failed_checks_are_grouped_only_when_they_share_a_figure_and_conversions_never():
    checks = [
        failed("c1", ("a/x", "a/y")),
        failed("c2", ("a/z",)),
        failed("c3", ("a/y", "a/w")),
        failed("c4", ("a/x",), kind="conversion_vs_reference_rate"),
    ]
    groups = failure_groups(checks, lambda c: set(c.obs_ids))
    assert [[c.check_id for c in g] for g in groups] == [["c1", "c3"], ["c2"]]


def test_digit_variants_change_one_digit_or_add_or_drop_a_trailing_zero():
    variants = dict((text, kind) for kind, text in _digit_variants("25 million"))
    assert len(variants) == 8 + 9 + 1
    assert "25 million" not in variants  # never the figure itself
    assert variants["20 million"] == "one digit"
    assert variants["250 million"] == "dropped zero"
    assert "2 million" not in variants  # no zero to drop from 25
    assert not any(text.startswith("0") for text in variants)


def test_an_extra_zero_is_dropped_from_the_end_and_never_from_a_lone_zero():
    assert ("extra zero", "30 million") in list(_digit_variants("300 million"))
    lone = [text for kind, text in _digit_variants("0%") if kind == "extra zero"]
    assert lone == []
    assert ("dropped zero", "00%") in list(_digit_variants("0%"))


def test_a_decimal_figure_gets_no_zero_added_or_dropped():
    kinds = {kind for kind, _ in _digit_variants("4.50 billion")}
    assert kinds == {"one digit"}


def other_base_setup():
    definitions = trade_series()
    series_map = by_id(definitions)
    base = obs("a/l21", "t.turnover", "2021", 6.9e9, 6.85e9, 6.95e9, value_text="6.9 billion")
    stated = [
        obs("b/c", "t.turnover_change", "2022", -74.0, -74.5, -73.5, base="2021"),  # other doc
        obs("a/nobase", "t.turnover_change", "2022", -74.0, -74.5, -73.5),
        obs("a/undef", "t.undefined_change", "2022", -74.0, -74.5, -73.5, base="2021"),
        obs("a/c", "t.turnover_change", "2022", -74.0, -74.5, -73.5, base="2021"),
        obs("a/l22", "t.turnover", "2022", 1.6e9, 1.55e9, 1.65e9),
        base,
    ]
    return base, stated, series_map


def test_another_base_is_the_level_the_same_documents_stated_change_implies():
    base, stated, series_map = other_base_setup()
    (variant,) = _other_base_variants(base, stated, series_map)
    assert variant.value == pytest.approx(1.6e9 / (1 - 0.74))
    assert variant.interval == level_before_change(Interval(1.55e9, 1.65e9), Interval(-74.5, -73.5))
    assert variant.value_text == "the level implied by a/c"
    assert variant.obs_id == base.obs_id


def test_no_other_base_when_the_stated_base_already_fits_or_no_current_level_is_stated():
    base, stated, series_map = other_base_setup()
    fitting = replace(base, value=6.2e9, interval=Interval(6.15e9, 6.25e9))
    assert list(_other_base_variants(fitting, stated, series_map)) == []
    without_current = [o for o in stated if o.obs_id != "a/l22"]
    assert list(_other_base_variants(base, without_current, series_map)) == []


def test_every_change_the_document_states_on_that_base_is_tried_for_another_base():
    base, stated, series_map = other_base_setup()
    others = [
        # 2023 on 2021, but the document gives no 2023 level
        obs("a/c23", "t.turnover_change", "2023", -50.0, -50.5, -49.5, base="2021"),
        # 2020 on 2021 implies a base the stated one already fits
        obs("a/l20", "t.turnover", "2020", 6.9e9, 6.85e9, 6.95e9),
        obs("a/c20", "t.turnover_change", "2020", 0.0, -0.5, 0.5, base="2021"),
    ]
    variants = list(_other_base_variants(base, others + stated, series_map))
    assert [v.value_text for v in variants] == ["the level implied by a/c"]


def test_a_figure_without_a_curated_fact_or_given_as_a_range_gets_no_digit_variants():
    definitions = trade_series()
    series_map = by_id(definitions)
    original = obs("a/r", "t.imports", "2022", 35e6, 30e6, 40e6, qualifier="range")
    assert list(_variants(original, None, [original], series_map)) == []
    fact = CuratedFact(
        Location("sources/a.yaml", "facts[0] r"),
        "r",
        "a",
        "t.imports",
        "2022",
        None,
        "30 million",
        "40 million",
        "USD",
        "range",
        "p. 1",
        "between 30 million and 40 million",
    )
    assert list(_variants(original, fact, [original], series_map)) == []


def test_a_corrected_figure_keeps_its_series_domain():
    """ "up to $20 million" corrected to "up to $200 million" still cannot be negative."""
    definitions = trade_series()
    series_map = by_id(definitions)
    fact = CuratedFact(
        Location("sources/a.yaml", "facts[0] m"),
        "m",
        "a",
        "t.imports",
        "2022",
        "20 million",
        None,
        None,
        "USD",
        "upper_bound",
        "p. 1",
        "imports of up to $20 million",
    )
    original = fact_to_observation(fact, series_map["t.imports"])
    variants = {text: v for _, text, v in _variants(original, fact, [original], series_map)}
    assert variants["200 million"].interval == Interval(0.0, 200e6)


def test_the_figures_behind_a_check_skip_unknown_ids_and_follow_derived_values():
    stated = [obs("a/x", "s", "2021", 1.0), obs("a/y", "s", "2021", 2.0)]
    derived = obs("a/d", "s", "2022", 3.0, qualifier="derived", derived_from=("a/x", "a/y"))
    index = {o.obs_id: o for o in [*stated, derived]}
    check = failed("c", ("a/d", "a/gone"))
    assert _stated_behind(check, index) == {"a/x", "a/y"}


def test_hypotheses_are_found_with_the_default_evaluation_and_ranked_ids(built):
    """explain() without an evaluate rebuilds derive + identity checks itself."""
    dataset = built.dataset
    stated = normalize_facts(dataset)
    derived = derive_all(stated, dataset.series)
    checks = run_checks(stated + derived, dataset.series)
    hypotheses = explain(dataset, stated, derived, checks)
    best = next(h for h in hypotheses if "flows_sum_to_turnover" in h.group and h.rank == 1)
    # The dropped zero in 2022 imports explains the turnover only together with reading 2021
    # exports in the other reporter's statistics, so the joint hypothesis ranks first.
    assert best.obs_ids == ("rad-chornogor-2024/imports-2022", "rad-chornogor-2024/exports-2021")
    assert best.written == "20 million; 5.4 billion"
    assert best.corrected.startswith("200 million; Ukrainian statistics")
    for h in hypotheses:
        assert h.hypothesis_id == f"{h.group}#{h.rank}"


def curated_fact(source: str, fact_id: str, series_id: str, period: str, text: str):
    return CuratedFact(
        Location(f"sources/{source}.yaml", f"facts {fact_id}"),
        fact_id,
        source,
        series_id,
        period,
        text,
        None,
        None,
        "USD",
        "reported",
        "p. 1",
        f"a figure of ${text}",
    )


def curated_source(source: str, *facts: CuratedFact, claims: tuple = ()) -> CuratedSource:
    record = SourceRecord(
        Location(f"sources/{source}.yaml", "record"), source, source, (), "P", "2024", None, None
    )
    return CuratedSource(record, facts=facts, claims=claims)


def test_a_correction_to_zero_is_ranked_as_the_largest_change_never_an_error():
    """Stated turnover "5.0 billion" against exports "5.0 billion" + imports "0.5 billion":
    imports of "0.0 billion" would resolve it too, but the size of a correction to zero (the
    log of the ratio) is infinite, so it ranks after every finite one."""
    dataset = CuratedDataset(
        trade_series(),
        (
            curated_source(
                "a",
                curated_fact("a", "x", "t.exports", "2021", "5.0 billion"),
                curated_fact("a", "m", "t.imports", "2021", "0.5 billion"),
                curated_fact("a", "t", "t.turnover", "2021", "5.0 billion"),
            ),
        ),
    )
    stated = normalize_facts(dataset)
    derived = derive_all(stated, dataset.series)
    checks = run_checks(stated + derived, dataset.series)
    assert [(c.kind, c.consistent) for c in checks] == [("flows_sum_to_turnover", False)]
    hypotheses = explain(dataset, stated, derived, checks)
    assert [(h.rank, h.obs_id, h.corrected) for h in hypotheses] == [
        (1, "a/t", "5.4 billion"),
        (2, "a/t", "5.5 billion"),
        (3, "a/t", "5.6 billion"),
        (4, "a/m", "0.1 billion"),
        (5, "a/m", "0.0 billion"),
    ]


def test_a_correction_that_would_refute_a_claim_counts_as_breaking_it():
    """A claim rests on every level of its series, not only on the witness it cites: raising
    document b's 2012 turnover to $7 billion (which its flows suggest) makes it higher than the
    claimed 2021 peak of $6 billion."""
    peak = CuratedClaim(
        Location("sources/a.yaml", "claims[0] peak"),
        "peak",
        "a",
        "peak",
        "t.turnover",
        "2021",
        None,
        "p. 1",
        "quote",
    )
    dataset = CuratedDataset(
        trade_series(),
        (
            curated_source(
                "a", curated_fact("a", "t21", "t.turnover", "2021", "6.0 billion"), claims=(peak,)
            ),
            curated_source(
                "b",
                curated_fact("b", "t12", "t.turnover", "2012", "5.0 billion"),
                curated_fact("b", "t13", "t.turnover", "2013", "5.5 billion"),
                curated_fact("b", "x12", "t.exports", "2012", "4.0 billion"),
                curated_fact("b", "m12", "t.imports", "2012", "3.0 billion"),
                curated_fact("b", "b12", "t.balance", "2012", "1.0 billion"),
            ),
        ),
    )
    series_map = by_id(dataset.series)
    stated = normalize_facts(dataset)
    derived = derive_all(stated, dataset.series)
    claims = read_claims(dataset, stated + derived)

    def evaluate(facts: list[Observation], kinds=None) -> list[Check]:  # as etl.pipeline does
        observations = facts + derive_all(facts, dataset.series)
        return run_checks(observations, dataset.series, kinds) + check_claims(
            claims, observations, series_map
        )

    checks = evaluate(stated)
    hypotheses = explain(dataset, stated, derived, checks, evaluate)
    assert [(h.obs_id, h.corrected, h.breaks) for h in hypotheses] == [
        ("b/x12", "2.0 billion", ("balance_identity/b/b12/b/x12+b/m12",)),
        ("b/m12", "1.0 billion", ("balance_identity/b/b12/b/x12+b/m12",)),
        ("b/t12", "7.0 billion", ("claim_peak/a/peak/b",)),
    ]


def test_a_derived_value_in_a_failed_check_of_its_own_is_called_into_question_itself():
    derived = obs("a/d", "s", "2022", 3.0, qualifier="derived", derived_from=())
    check = failed("c", ("a/d",), kind="balance_identity")
    (result,) = caveats([derived], [check])
    assert result.caveat == (
        "Caveat: failed checks call this value into question (balance_identity 2022)."
    )


# ------------------------------------------------------------------------------------------------
# etl/normalize.py
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "value", "rounding"),
    [
        ("4.5\u00a0billion", "USD", 4.5e9, 0.05e9),  # a no-break space before the scale word
        ("74 percent", "percent", 74, 0.5),
        ("two million", "USD", 2e6, 0),
        ("half billion", "USD", 0.5e9, 0),
        ("half", "USD", 0.5, 0),
        ("third", "percent", 100 / 3, 0),  # a fraction, not an ordinal, outside ranks
        ("-20 million", "USD", -20e6, 5e6),
        ("-1,234", "USD", -1234, 0.5),
        ("1,234.5 million", "USD", 1234.5e6, 0.05e6),
        ("0 million", "USD", 0, 0.5e6),
    ],
)
def test_more_values_as_written_become_base_units_with_their_rounding(text, unit, value, rounding):
    parsed = parse_value(text, unit)
    assert parsed.value == pytest.approx(value)
    assert parsed.rounding == pytest.approx(rounding)


def test_an_ordinal_is_a_number_only_for_a_rank():
    assert parse_value("second", "rank").value == 2
    with pytest.raises(NormalizationError):
        parse_value("second", "USD")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "empty value; write the figure as the document does, e.g. '4.5 billion'"),
        ("   ", "empty value; write the figure as the document does, e.g. '4.5 billion'"),
        ("%", "no number in '%'"),
        (
            "4.5 gazillion",
            "cannot read '4.5 gazillion': expected a number with an optional scale word "
            "(billion, bn, k, m, million, mln, thousand, trillion, млн, млрд), e.g. '4.5 billion'",
        ),
        (
            "1.2.3",
            "cannot read '1.2.3' as a number: use digits with optional thousands commas and a "
            "decimal point, e.g. '30,000' or '543.2 million'",
        ),
    ],
)
def test_unreadable_values_say_what_was_expected(text, message):
    with pytest.raises(NormalizationError) as raised:
        parse_value(text, "USD")
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-11-31", "no such day '2019-11-31'"),
        ("2022-13", "month 13 out of range"),
        ("Smarch 2020", "unknown month name 'Smarch'"),
        (
            "soon",
            r"^cannot read period 'soon': use a year \(2012\), a month \(2022-02 or February "
            r"2022\), a day \(2019-12-07\) or an interval \(2023-01/2023-07\)$",
        ),
    ],
)
def test_unreadable_periods_say_what_was_expected(text, message):
    with pytest.raises(NormalizationError, match=message):
        parse_period(text)


def test_a_span_from_mid_month_keeps_its_days_in_the_label():
    period = parse_period("2022-01-15/2022-03-31")
    assert (period.label, period.kind) == ("2022-01-15/2022-03-31", "interval")
    assert parse_period("2019-12-07").kind == "day"


def test_a_year_contains_its_last_month_and_an_undated_figure_lies_in_nothing():
    year = parse_period("2022")
    assert year.contains(parse_period("2022-12"))
    assert year.contains(year)
    assert not year.contains(UNDATED_PERIOD)
    assert not UNDATED_PERIOD.contains(UNDATED_PERIOD)
    assert not UNDATED_PERIOD.contains(year)


def test_a_figure_stated_as_a_deficit_is_negative_with_its_sign():
    from etl.model import CuratedFact, Location, SeriesDefinition
    from etl.observations import fact_to_observation

    balance = SeriesDefinition(
        location=Location("series.yaml", "x"),
        series_id="trade.by_world.balance",
        title="Belarus's trade balance",
        unit="USD",
        measure="flow",
        topic="trade",
        description="",
        reporter="Belarus",
        flow="balance",
        indicator="trade",
    )
    fact = CuratedFact(
        location=Location("sources/x.yaml", "facts[0]"),
        fact_id="balance",
        source_id="x",
        series_id=balance.series_id,
        period_text="2023-06",
        value_text="554 million",
        low_text=None,
        high_text=None,
        unit="USD",
        qualifier="reported",
        locator="p",
        evidence="the trade deficit was USD554 million",
        sign="-",
    )
    observation = fact_to_observation(fact, balance)
    assert observation.value == -554e6
    assert observation.interval.high < 0
