"""Hypotheses for failed checks: single-figure corrections, ranked by what they resolve and what
they break — on the real data, where "$20 million" is suspected of being "$200 million"."""

from __future__ import annotations

from etl.explanations import _digit_variants


def group_of(built, check_kind: str, series_id: str):
    return [
        h
        for h in built.hypotheses
        if any(f"{check_kind}/" in c and series_id in c for c in h.group_checks)
    ]


def test_a_dropped_zero_in_the_2022_imports_is_the_best_explanation(built):
    hypotheses = group_of(built, "flows_sum_to_turnover", "turnover-2022")
    best = min(hypotheses, key=lambda h: h.rank)
    assert best.rank == 1
    assert (best.obs_id, best.written, best.corrected) == (
        "rad-chornogor-2024/imports-2022",
        "20 million",
        "200 million",
    )
    assert best.kind == "dropped zero" and len(best.resolves) == 2 and best.breaks == ()
    assert best.text.startswith("Hypothesis:")


def test_another_base_year_is_tried_and_its_cost_is_said(built):
    other = [h for h in built.hypotheses if h.kind == "other base"]
    assert other, "the base a stated change implies is one of the corrections tried"
    exports = next(h for h in other if h.obs_id == "rad-chornogor-2024/exports-2021")
    assert exports.breaks, "a different 2021 export figure breaks the stated 2021 balance"
    assert "breaks 1 passing check" in exports.text


def test_hypotheses_are_ranked_by_resolved_minus_broken(built):
    for group in {h.group for h in built.hypotheses}:
        ranked = sorted((h for h in built.hypotheses if h.group == group), key=lambda h: h.rank)
        scores = [len(h.resolves) - len(h.breaks) for h in ranked]
        assert scores == sorted(scores, reverse=True)
        assert [h.rank for h in ranked] == list(range(1, len(ranked) + 1))


def test_the_documents_figures_are_never_changed_by_a_hypothesis(built):
    imports = next(o for o in built.observations if o.obs_id == "rad-chornogor-2024/imports-2022")
    assert imports.value == 20e6 and imports.value_text == "20 million"


def test_single_figure_corrections_change_one_digit_or_one_zero():
    variants = dict.fromkeys(text for _, text in _digit_variants("20 million"))
    assert "200 million" in variants and "2 million" in variants
    assert "21 million" in variants and "10 million" in variants
    assert "02 million" not in variants  # no leading zero
    assert all(text.endswith(" million") for text in variants)


def test_the_findings_page_is_generated_from_the_current_data(built):
    """docs/findings.md is written by `make findings`; a stale page fails here."""
    from pathlib import Path

    from etl.findings import render

    page = Path(__file__).resolve().parent.parent / "docs" / "findings.md"
    assert page.read_text(encoding="utf-8") == render(built), "run `make findings`"
