"""Scoring a draft against a report's answer key: small drafts and keys written here, in English,
Russian and Ukrainian (never the corpus reports), each checking one rule of the scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.canonical import normalize_text
from etl.intake.documents import Document
from etl.intake.evaluation import (
    CONFIDENT,
    FALSE_POSITIVE_FIELDS,
    MISSED_ROW_FIELDS,
    CorpusScore,
    Expectation,
    KeyRow,
    SeriesKey,
    corpus_dates,
    pool,
    read_key,
    read_key_number,
    read_series_key,
    registry_before,
    score_against_key,
)
from etl.intake.header import Metadata
from etl.intake.proposals import Draft, ProposedFact, ProposedSeries
from etl.model import (
    CuratedDataset,
    CuratedFact,
    CuratedSource,
    Location,
    SeriesDefinition,
    SourceRecord,
)

EXISTING = frozenset({"trade.by_ua.exports", "trade.by_ua.exports_change", "debt.fx_reserves"})


def _draft(text: str, *facts: ProposedFact, new_series: tuple[ProposedSeries, ...] = ()) -> Draft:
    document = Document(Path("report.txt"), "text", text, 1, Metadata())
    return Draft(document, {"id": "report"}, [], {}, facts=list(facts), new_series=list(new_series))


def _fact(
    text: str,
    figure: str,
    value: str | None,
    unit: str,
    *,
    period: str = "2023-01/2023-06",
    qualifier: str = "reported",
    series: str = "economy.proposed_figure",
    confidence: float = 0.6,
    direction: str | None = None,
    quote: str | None = None,
    low: str | None = None,
    high: str | None = None,
    occurrence: int = 0,
) -> ProposedFact:
    """A proposed fact for the ``occurrence``-th appearance of ``figure`` in ``text``, quoting
    its sentence unless ``quote`` is given."""
    canonical = normalize_text(text)
    start = -1
    for _ in range(occurrence + 1):
        start = canonical.index(figure, start + 1)
    sentence_start = canonical.rfind(". ", 0, start) + 2 if ". " in canonical[:start] else 0
    sentence_end = canonical.find(".", start + len(figure))
    evidence = quote or canonical[sentence_start : sentence_end if sentence_end != -1 else None]
    return ProposedFact(
        id=f"fact-{start}",
        series=series,
        period=period,
        unit=unit,
        qualifier=qualifier,
        locator="",
        evidence=evidence,
        confidence=confidence,
        sentence=evidence,
        how=[],
        spans=[(start, start + len(figure))],
        value=value,
        low=low,
        high=high,
        direction=direction,
    )


def _row(
    number: int,
    value: str,
    unit: str,
    quote: str,
    *,
    scale: str = "",
    period: str = "2023-01/2023-06",
    qualifier: str = "reported",
    sign: str = "",
    indicator: str = "a figure",
) -> KeyRow:
    return KeyRow(number, value, unit, scale, period, qualifier, sign, indicator, quote)


def _all_new(*numbers: int) -> SeriesKey:
    return SeriesKey({n: Expectation("new") for n in numbers}, EXISTING)


# --- values as the key writes them -----------------------------------------------------------

RUSSIAN = (
    "В первом полугодии экспорт товаров вырос на 8,2% и составил 12,345 млрд долларов. "
    "Сальдо внешней торговли составило 2 млрд 318 млн долларов."
)


def test_a_decimal_comma_in_a_russian_key_is_a_decimal_point():
    key = [_row(1, "12,345", "USD", "составил 12,345 млрд долларов", scale="млрд")]
    fact = _fact(RUSSIAN, "12,345 млрд", "12.345 billion", "USD")

    score = score_against_key(_draft(RUSSIAN, fact), key, RUSSIAN, _all_new(1))

    assert score.language == "ru"
    assert score.recall() == 1.0


def test_a_comma_in_an_english_key_separates_thousands():
    text = "Exports to the region reached 12,345 tonnes in the first half of the year."
    key = [_row(1, "12,345", "tonnes", "Exports to the region reached 12,345 tonnes")]
    twelve_thousand = _fact(text, "12,345", "12,345", "tonnes")
    twelve = _fact(text, "12,345", "12.345", "tonnes")

    assert score_against_key(_draft(text, twelve_thousand), key, text, _all_new(1)).recall() == 1
    assert score_against_key(_draft(text, twelve), key, text, _all_new(1)).recall() == 0


def test_a_ukrainian_decimal_comma_percent_matches_the_same_percent():
    text = "Інфляція в країні за 10 місяців поточного року склала 7,5%, повідомило міністерство."
    key = [_row(1, "7,5", "percent", "за 10 місяців поточного року склала 7,5%", period="2011")]
    fact = _fact(text, "7,5%", "7,5%", "percent", period="2011")

    score = score_against_key(_draft(text, fact), key, text, _all_new(1))

    assert score.language == "uk"
    assert score.recall("period") == 1.0


def test_a_compound_amount_keyed_in_the_smaller_unit_matches_its_value():
    key = [_row(1, "2318", "USD", "составило 2 млрд 318 млн долларов", scale="млн")]
    fact = _fact(RUSSIAN, "2 млрд 318 млн", "2318 million", "USD")

    assert score_against_key(_draft(RUSSIAN, fact), key, RUSSIAN, _all_new(1)).recall() == 1.0


def test_a_compound_amount_read_as_its_parts_matches_nothing():
    key = [_row(1, "2318", "USD", "составило 2 млрд 318 млн долларов", scale="млн")]
    billions = _fact(RUSSIAN, "2 млрд", "2 billion", "USD")
    millions = _fact(RUSSIAN, "318 млн", "318 million", "USD")

    score = score_against_key(_draft(RUSSIAN, billions, millions), key, RUSSIAN, _all_new(1))

    assert (score.recall(), score.precision()) == (0.0, 0.0)


def test_a_range_matches_a_proposal_with_both_ends():
    text = "The refineries paid a premium of $6–10 per tonne on crude oil."
    key = [_row(1, "6–10", "USD per tonne", "a premium of $6–10 per tonne", qualifier="range")]
    fact = _fact(text, "6–10", None, "USD per tonne", low="6", high="10", qualifier="range")

    assert score_against_key(_draft(text, fact), key, text, _all_new(1)).recall("qualifier") == 1


def test_key_numbers_as_written_in_each_language():
    assert read_key_number("19,407", "ru") == pytest.approx(19.407)
    assert read_key_number("19,407", "en") == 19407
    assert read_key_number("2,172.9", "en") == pytest.approx(2172.9)
    assert read_key_number("1 607", "ru") == 1607
    assert read_key_number("3/4", "uk") == 0.75


# --- units -----------------------------------------------------------------------------------


def test_a_proposal_in_the_wrong_unit_matches_no_key_row():
    key = [_row(1, "12,345", "USD", "составил 12,345 млрд долларов", scale="млрд")]
    in_euros = _fact(RUSSIAN, "12,345 млрд", "12.345 billion", "EUR")

    score = score_against_key(_draft(RUSSIAN, in_euros), key, RUSSIAN, _all_new(1))

    assert (score.recall(), score.precision()) == (0.0, 0.0)


def test_where_the_key_says_the_currency_is_implied_any_currency_matches_but_no_other_unit():
    text = "The economy shrank by 4.7% to 191.4 billion in 2022."
    key = [
        _row(
            1,
            "191.4",
            "BYN",
            "to 191.4 billion in 2022",
            scale="billion",
            period="2022",
            indicator="GDP at current prices (currency implied)",
        )
    ]
    in_dollars = _fact(text, "191.4 billion", "191.4 billion", "USD", period="2022")
    a_count = _fact(text, "191.4 billion", "191.4 billion", "count", period="2022")

    assert score_against_key(_draft(text, in_dollars), key, text, _all_new(1)).recall() == 1
    assert score_against_key(_draft(text, a_count), key, text, _all_new(1)).recall() == 0


# --- one to one, and where ---------------------------------------------------------------------


def test_the_same_figure_quoted_twice_matches_each_mention_to_its_own_row():
    text = "Prices rose by 9% this year. By October, as the minister put it, prices rose almost 9%."
    key = [
        _row(1, "9", "percent", "Prices rose by 9% this year", sign="+"),
        _row(2, "9", "percent", "prices rose almost 9%", qualifier="approximate", sign="+"),
    ]
    first = _fact(text, "9%", "9%", "percent", direction="increase")
    second = _fact(
        text, "9%", "9%", "percent", direction="increase", qualifier="approximate", occurrence=1
    )

    score = score_against_key(_draft(text, first, second), key, text, _all_new(1, 2))

    assert [(m.row, m.fact) for m in score.matches] == [(1, first.id), (2, second.id)]
    assert score.recall("qualifier") == 1.0


def test_a_key_row_goes_to_the_candidate_with_more_fields_right_and_the_other_is_a_false_positive():
    text = "Exports to Ukraine were $100.5 million in January, that is $100.5 million in a month."
    key = [_row(1, "100.5", "USD", text.rstrip("."), scale="million", period="2010-01")]
    wrong_period = _fact(text, "100.5", "100.5 million", "USD", period="2010")
    right = _fact(text, "100.5", "100.5 million", "USD", period="2010-01", occurrence=1)

    score = score_against_key(_draft(text, wrong_period, right), key, text, _all_new(1))

    assert [m.fact for m in score.matches] == [right.id]
    assert (score.recall("period"), score.precision()) == (1.0, 0.5)


def test_a_proposal_elsewhere_in_the_text_does_not_match_a_row_with_the_same_value():
    text = "Imports grew by 5% in May. Exports grew by 5% in June."
    key = [_row(1, "5", "percent", "Exports grew by 5% in June", period="2023-06", sign="+")]
    in_may = _fact(text, "5%", "5%", "percent", period="2023-06", quote="Imports grew by 5% in May")

    assert score_against_key(_draft(text, in_may), key, text, _all_new(1)).recall() == 0


# --- the fields judged -------------------------------------------------------------------------


def test_an_empty_key_period_wants_an_undated_proposal_and_a_quarter_is_its_three_months():
    text = "The discount was $2 a tonne. In the first quarter of 2022 output fell by 0.4%."
    key = [
        _row(1, "2", "USD per tonne", "The discount was $2 a tonne", period=""),
        _row(2, "0.4", "percent", "output fell by 0.4%", period="2022-Q1", sign="-"),
    ]
    undated = _fact(text, "$2", "2", "USD per tonne", period="undated")
    quarter = _fact(text, "0.4%", "0.4%", "percent", period="2022-01/2022-03", direction="decrease")

    score = score_against_key(_draft(text, undated, quarter), key, text, _all_new(1, 2))

    assert score.recall("period") == 1.0


def test_a_change_without_its_direction_has_the_sign_wrong():
    text = "Imports from the CIS fell by 1.9% in the first half."
    key = [_row(1, "1.9", "percent", "fell by 1.9% in the first half", sign="-")]
    unsigned = _fact(text, "1.9%", "1.9%", "percent")
    signed = _fact(text, "1.9%", "1.9%", "percent", direction="decrease")

    assert score_against_key(_draft(text, unsigned), key, text, _all_new(1)).recall("sign") == 0
    assert score_against_key(_draft(text, signed), key, text, _all_new(1)).recall("sign") == 1


def test_a_row_expected_in_a_new_series_is_right_in_any_series_not_in_the_registry():
    text = "Belarus's total exports grew to $19.4 billion in the first half."
    key = [_row(1, "19.4", "USD", "total exports grew to $19.4 billion", scale="billion")]
    existing = _fact(text, "19.4", "19.4 billion", "USD", series="trade.by_ua.exports")
    proposed = _fact(text, "19.4", "19.4 billion", "USD", series="trade.proposed_total_exports")

    assert score_against_key(_draft(text, existing), key, text, _all_new(1)).recall("series") == 0
    assert score_against_key(_draft(text, proposed), key, text, _all_new(1)).recall("series") == 1


def test_a_new_series_dimensions_are_compared_where_the_draft_states_them():
    text = "Belarus's total exports grew to $19.4 billion in the first half."
    key = [_row(1, "19.4", "USD", "total exports grew to $19.4 billion", scale="billion")]
    wanted = {"reporter": "Belarus", "flow": "exports", "measure": "flow", "unit": "USD"}
    expected = SeriesKey({1: Expectation("new", "total exports", wanted)}, EXISTING)
    series = ProposedSeries("trade.proposed_exports", "Exports", "USD", "level", "trade", "")
    fact = _fact(text, "19.4", "19.4 billion", "USD", series=series.id)

    score = score_against_key(_draft(text, fact, new_series=(series,)), key, text, expected)

    assert score.dimension_agreement() == {"measure": (0, 1), "unit": (1, 1)}


# --- confidence --------------------------------------------------------------------------------


def test_a_confident_proposal_in_a_wrong_existing_series_is_counted():
    text = "Belarus's total exports grew to $19.4 billion in the first half."
    key = [_row(1, "19.4", "USD", "total exports grew to $19.4 billion", scale="billion")]

    def counted(series: str, confidence: float) -> int:
        fact = _fact(text, "19.4", "19.4 billion", "USD", series=series, confidence=confidence)
        score = score_against_key(_draft(text, fact), key, text, _all_new(1))
        return score.confident_in_wrong_existing_series()

    assert counted("trade.by_ua.exports", CONFIDENT) == 1
    assert counted("trade.by_ua.exports", 0.7) == 0
    assert counted("trade.proposed_total_exports", 0.95) == 0


def test_a_confident_proposal_in_its_expected_existing_series_is_not_counted():
    text = "Exports to Ukraine were $100.5 million in January."
    key = [_row(1, "100.5", "USD", "Exports to Ukraine were $100.5 million", scale="million")]
    expected = SeriesKey({1: Expectation("trade.by_ua.exports")}, EXISTING)
    fact = _fact(
        text, "100.5", "100.5 million", "USD", series="trade.by_ua.exports", confidence=0.9
    )

    score = score_against_key(_draft(text, fact), key, text, expected)

    assert (score.confident_in_wrong_existing_series(), score.recall("series")) == (0, 1.0)


def test_calibration_bands_count_the_proposals_fully_right_in_each():
    text = (
        "Exports grew by 3% in January. Imports grew by 4% in January. Prices rose 5% in January."
    )
    key = [
        _row(n, v, "percent", f"grew by {v}% in January", period="2023-01", sign="+")
        for n, v in ((1, "3"), (2, "4"))
    ] + [_row(3, "5", "percent", "Prices rose 5% in January", period="2023-01", sign="+")]
    right_low = _fact(text, "3%", "3%", "percent", period="2023-01", direction="increase",
                      confidence=0.3)  # fmt: skip
    wrong_middle = _fact(text, "4%", "4%", "percent", period="2023", direction="increase",
                         confidence=0.6)  # fmt: skip
    right_top = _fact(text, "5%", "5%", "percent", period="2023-01", direction="increase",
                      confidence=1.0)  # fmt: skip

    score = score_against_key(
        _draft(text, right_low, wrong_middle, right_top), key, text, _all_new(1, 2, 3)
    )

    assert [score.band(0.0, 0.5), score.band(0.5, CONFIDENT), score.band(CONFIDENT, 1.0)] == [
        (1, 1),
        (0, 1),
        (1, 1),
    ]


# --- the curator's work ------------------------------------------------------------------------


def test_a_false_positive_lowers_precision_and_costs_one_field():
    text = "Exports grew by 3% in 2023, the ministry said in its 2024 report."
    key = [_row(1, "3", "percent", "Exports grew by 3% in 2023", period="2023", sign="+")]
    right = _fact(text, "3%", "3%", "percent", period="2023", direction="increase")
    year = _fact(text, "2024", "2024", "count", period="2024")

    score = score_against_key(_draft(text, right, year), key, text, _all_new(1))

    assert score.precision() == 0.5
    assert score.curator_fields() == FALSE_POSITIVE_FIELDS


def test_the_curators_fields_count_wrong_fields_missed_rows_and_deletions():
    text = (
        "Exports fell by 6.9% in the half-year. Imports rose by 22.6%. "
        "The balance was $1.6 billion."
    )
    key = [
        _row(1, "6.9", "percent", "Exports fell by 6.9% in the half-year", sign="-"),
        _row(2, "22.6", "percent", "Imports rose by 22.6%", sign="+"),
        _row(3, "1.6", "USD", "The balance was $1.6 billion", scale="billion", sign="-"),
    ]
    period_and_sign_wrong = _fact(text, "6.9%", "6.9%", "percent", period="2023-07")
    right = _fact(text, "22.6%", "22.6%", "percent", direction="increase")
    stray = _fact(text, "1.6", "1.6", "count")

    score = score_against_key(
        _draft(text, period_and_sign_wrong, right, stray), key, text, _all_new(1, 2, 3)
    )

    assert score.curator_fields() == 2 + MISSED_ROW_FIELDS + FALSE_POSITIVE_FIELDS
    assert score.fields_per_five() == pytest.approx(5 * 9 / 3)


def test_a_quote_not_in_the_text_is_counted_as_not_verbatim():
    text = "Exports grew by 3% in 2023."
    key = [_row(1, "3", "percent", "Exports grew by 3% in 2023", period="2023", sign="+")]
    retyped = _fact(text, "3%", "3%", "percent", period="2023", quote="Exports rose by 3% in 2023")

    score = score_against_key(_draft(text, retyped), key, text, _all_new(1))

    assert (score.quotes, score.quote_failures) == (1, ["Exports rose by 3% in 2023"])


def test_pooled_ratios_weigh_every_key_row_alike():
    small = CorpusScore("a", rows=1)  # none of its one row matched
    large = CorpusScore("b", rows=9)
    text = "Exports grew by 3% in 2023."
    key = [_row(1, "3", "percent", "Exports grew by 3% in 2023", period="2023", sign="+")]
    fact = _fact(text, "3%", "3%", "percent", period="2023", direction="increase")
    large.matches = score_against_key(_draft(text, fact), key, text, _all_new(1)).matches * 9

    assert pool([small, large]).recall() == 0.9


def test_a_key_row_without_an_expected_series_is_refused():
    text = "Exports grew by 3% in 2023."
    key = [_row(1, "3", "percent", "Exports grew by 3% in 2023")]

    with pytest.raises(ValueError, match="no expected series for key rows"):
        score_against_key(_draft(text), key, text, _all_new())


# --- the files -------------------------------------------------------------------------------


def test_a_key_file_is_read_row_by_row_numbered_from_one(tmp_path):
    path = tmp_path / "report.key.csv"
    path.write_text(
        "value,unit,scale,period,qualifier,sign,indicator,quote\n"
        '"1,49",tonnes,млн,2016-01/2016-06,reported,,Diesel imports,"составил 1,49 млн тонн"\n'
        "63,percent,,2016-01/2016-06,reported,+,Diesel imports growth,рост составил 63%\n",
        encoding="utf-8",
    )

    rows = read_key(path)

    assert [(r.number, r.value, r.scale, r.sign) for r in rows] == [
        (1, "1,49", "млн", ""),
        (2, "63", "", "+"),
    ]


def test_the_series_file_names_existing_series_or_new_ones_with_their_dimensions(tmp_path):
    path = tmp_path / "series.yaml"
    path.write_text(
        "documents:\n"
        "  report:\n"
        "    - {row: 1, about: exports to Ukraine, series: trade.by_ua.exports}\n"
        "    - row: 2\n"
        "      about: total exports\n"
        "      series: new\n"
        "      dimensions: {reporter: Belarus, partner: all countries, unit: USD}\n",
        encoding="utf-8",
    )

    keys = read_series_key(path, EXISTING)

    assert keys["report"].rows[1] == Expectation("trade.by_ua.exports", "exports to Ukraine")
    assert keys["report"].rows[2].is_new
    assert keys["report"].rows[2].dimensions["partner"] == "all countries"


def test_a_series_file_naming_a_series_the_registry_lacks_is_refused(tmp_path):
    path = tmp_path / "series.yaml"
    path.write_text(
        "documents:\n  report:\n    - {row: 1, series: trade.by_ua.exprots}\n", encoding="utf-8"
    )

    with pytest.raises(ValueError, match=r"no series 'trade\.by_ua\.exprots'"):
        read_series_key(path, EXISTING)


def test_each_documents_date_is_the_first_date_its_readme_row_gives():
    readme = (
        "Intro text.\n\n"
        "| slug | title | date | lang |\n"
        "|---|---|---|---|\n"
        "| first-report | A | 2023-07/08 (inferred: half-year data) | ru |\n"
        "| second-report | B | 2016-01-29 (store metadata) | en |\n"
        "| third-report | C | unknown | uk |\n"
    )

    assert corpus_dates(readme) == {"first-report": "2023-07", "second-report": "2016-01-29"}


def _source(source_id: str, *series_ids: str) -> CuratedSource:
    here = Location(f"sources/{source_id}.yaml", "x")
    record = SourceRecord(here, source_id, source_id, (), "P", "2024", None, None)
    facts = tuple(
        CuratedFact(
            here, f"f{i}", source_id, s, "2020", "1", None, None, "USD", "reported", "p", "1"
        )
        for i, s in enumerate(series_ids)
    )
    return CuratedSource(record, facts=facts)


def test_a_report_is_scored_against_the_registry_less_the_series_only_its_curation_added():
    """A report filed into series it added itself would find them "existing" when scored again;
    a series another document also uses, or that no document uses yet, was there before it."""
    registry = tuple(
        SeriesDefinition(Location("series.yaml", s), s, s, "USD", "flow", "trade", "")
        for s in ("own", "shared", "declared")
    )
    dataset = CuratedDataset(
        registry, (_source("report", "own", "shared"), _source("other", "shared"))
    )

    assert [s.series_id for s in registry_before(dataset, "report")] == ["shared", "declared"]
    assert [s.series_id for s in registry_before(dataset, "other")] == list(
        ("own", "shared", "declared")
    )
