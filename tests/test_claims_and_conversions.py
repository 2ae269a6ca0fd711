"""Claims and figures checked against every document, and conversions against reference rates —
on the real curated data, so a change to a claim, a level or a rule shows up here."""

from __future__ import annotations

import pytest

from etl.checks import ACROSS, WITHIN
from etl.normalize import parse_period
from etl.reference_rates import annual_averages, covered, monthly_averages, period_average


def checks_of(built, kind: str):
    return [c for c in built.checks if c.kind == kind]


def test_a_peak_in_2021_is_refuted_by_another_documents_higher_2012_level(built):
    peak = {c.source_ids[-1]: c for c in checks_of(built, "claim_peak")}
    refuted = peak["moshes-nizhnikau-2018"]
    assert refuted.status == "inconsistent" and refuted.scope == ACROSS
    assert refuted.claim_id == "rad-chornogor-2024/trade-peak-2021"
    # 2021 = 5.4 + 1.5 billion is at most $7.0 billion; 2012's $7.5 billion is at least $7.45
    assert refuted.gap == pytest.approx(0.45e9)
    assert "moshes-nizhnikau-2018/trade-turnover-2012" in refuted.obs_ids
    assert "at least $450 million apart" in refuted.message


def test_the_same_claim_holds_against_its_own_documents_levels(built):
    peak = {c.source_ids[-1]: c for c in checks_of(built, "claim_peak")}
    own = peak["rad-chornogor-2024"]
    assert own.status == "consistent" and own.scope == WITHIN and own.gap == 0


def test_a_claim_is_inconsistent_when_any_document_refutes_it(built):
    claims = built.tables["claims"].to_pylist()
    status = {c["claim_id"]: c["status"] for c in claims}
    assert status["rad-chornogor-2024/trade-peak-2021"] == "inconsistent"
    assert status["moshes-nizhnikau-2018/turnover-2017-below-pre-euromaidan"] == "consistent"


def test_a_conversion_is_set_against_the_reference_rate_of_its_year(built):
    (conversion,) = checks_of(built, "conversion_vs_reference_rate")
    assert conversion.unit == "USD per EUR"
    # $12.19 billion / €10.93 billion, each rounded to the last digit
    assert conversion.stated_interval.low == pytest.approx(12.185 / 10.935)
    assert conversion.stated_interval.high == pytest.approx(12.195 / 10.925)
    assert conversion.computed == pytest.approx(period_average("USD", "EUR", parse_period("2018")))
    assert conversion.status == "inconsistent"
    assert "closest: 2019" in conversion.message


def test_the_reference_rates_are_the_ecbs_published_annual_averages():
    years = annual_averages("USD", "EUR")
    assert years[2018] == pytest.approx(1.1810, abs=5e-4)  # ECB: 1.1810
    assert years[2019] == pytest.approx(1.1195, abs=5e-4)  # ECB: 1.1195
    assert monthly_averages("USD", "EUR", 2019)["2019-12"] == pytest.approx(1.1113, abs=5e-4)
    assert covered("RUB")[1].year == 2022  # quotation suspended in March 2022
    assert covered("XXX") is None


def test_no_two_documents_state_the_same_figure_for_the_same_period_today(built):
    """The machinery runs; the five documents happen not to overlap on any stated figure."""
    assert checks_of(built, "same_figure_across_documents") == []
    stated = [(o.series_id, o.period.label) for o in built.observations if not o.is_derived]
    assert len(stated) == len(set(stated))
