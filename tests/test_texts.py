"""Specification of citation checking against source texts (etl/texts.py).

All texts here are small synthetic ones written to tmp_path: the real source texts are not in
the repository, and these tests must say exactly what each rule does.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.model import (
    CuratedDataset,
    CuratedEvent,
    CuratedFact,
    CuratedSource,
    Dismissal,
    Location,
    SourceRecord,
)
from etl.texts import (
    Mention,
    NormalizedText,
    find_number,
    load_texts,
    normalize_text,
    numeric_core,
    scan_coverage,
    scan_mentions,
    verify_citations,
)

FILE = "sources/test-source.yaml"

# --------------------------------------------------------------------------------------------
# builders
# --------------------------------------------------------------------------------------------


def write_text(directory: Path, text: str, name: str = "doc.txt") -> str:
    """Write a text as a PDF extraction would leave it; return its sha256 (how it is found)."""
    directory.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    (directory / name).write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def record(sha: str | None, source_id: str = "test-source") -> SourceRecord:
    return SourceRecord(
        location=Location(FILE, "source"),
        source_id=source_id,
        title="A test document",
        authors=(),
        publisher="Test",
        published="2020",
        url=None,
        text_sha256=sha,
    )


def fact(
    evidence: str,
    value_text: str | None,
    index: int = 0,
    fact_id: str = "trade-2017",
    low_text: str | None = None,
    high_text: str | None = None,
) -> CuratedFact:
    return CuratedFact(
        location=Location(FILE, f"facts[{index}] {fact_id}"),
        fact_id=fact_id,
        source_id="test-source",
        series_id="trade-ua-by-turnover",
        period_text="2017",
        value_text=value_text,
        low_text=low_text,
        high_text=high_text,
        unit="USD",
        qualifier="reported",
        locator="section 1",
        evidence=evidence,
    )


def event(evidence: str, index: int = 0) -> CuratedEvent:
    return CuratedEvent(
        location=Location(FILE, f"events[{index}] summit"),
        event_id="summit",
        source_id="test-source",
        date_text="2019-12-08",
        label="Summit",
        locator="section 1",
        evidence=evidence,
    )


def dismissal(mention: str, context: str, index: int = 0) -> Dismissal:
    return Dismissal(
        location=Location(FILE, f"dismissed[{index}]"),
        mention=mention,
        context=context,
        reason="not a measurement",
    )


def dataset(*sources: CuratedSource) -> CuratedDataset:
    return CuratedDataset(series=(), sources=sources)


def source(sha: str | None, facts=(), events=(), dismissed=(), source_id="test-source"):
    return CuratedSource(record(sha, source_id), tuple(facts), tuple(events), tuple(dismissed))


PDF_TEXT = (
    "Although it has been gradually growing since 2015, in 2017, bilateral trade reached only\n"
    "$4.5 \n"
    "billion as compared with $7.5 billion in 2012.\n"
    "Belarus\u2019s share fell to 36.5\u00a0percent.\n"
    "Some feared a so-called \u201cWestern-\n"
    "managed regime-change scenario.\u201d\n"
)

# --------------------------------------------------------------------------------------------
# normalize_text
# --------------------------------------------------------------------------------------------


def test_line_breaks_trailing_spaces_and_repeated_spaces_become_one_space():
    assert normalize_text("  trade reached only\n$4.5 \n billion   in\t2017. \n") == (
        "trade reached only $4.5 billion in 2017."
    )


def test_curly_quotes_become_straight_and_non_breaking_spaces_plain():
    text = "Belarus\u2019s \u2018union\u2019 \u201cstate\u201d \u201etreaty\u201d 5\u2032 6\u2033"
    assert normalize_text(text) == 'Belarus\'s \'union\' "state" "treaty" 5\' 6"'
    assert normalize_text("36.5\u00a0percent\u202fof\u2009GDP") == "36.5 percent of GDP"


def test_case_and_dashes_are_kept():
    assert (
        normalize_text("In 2014\u20132015 \u2014 Minsk-based")
        == "In 2014\u20132015 \u2014 Minsk-based"
    )


def test_line_end_hyphen_is_joined_keeping_the_hyphen():
    assert normalize_text('a "Western-\n  managed regime') == 'a "Western-managed regime'
    assert normalize_text("Western- \nmanaged") == "Western-managed"
    # a hyphen that is not at a line end, or a dash after a space, is left alone
    assert normalize_text("Ukraine - \nBelarus") == "Ukraine - Belarus"


@pytest.mark.parametrize(
    "quote", ["Western-managed regime", "Westernmanaged regime", "Western-\nmanaged regime"]
)
def test_quote_matches_line_end_hyphenation_in_either_spelling(quote):
    text = NormalizedText('so-called "Western-\nmanaged regime-change scenario."')
    spans = text.find_all(quote)
    assert len(spans) == 1
    start, end = spans[0]
    # spans always refer to the canonical text, whichever spelling matched
    assert text.canonical[start:end].startswith("Western")
    assert text.canonical[start:end].endswith("regime")


def test_quote_matches_suspended_hyphen_broken_at_line_end():
    assert NormalizedText("state-\nand nation-building").contains("state- and nation-building")


def test_soft_hyphen_at_line_end_joins_the_word():
    assert normalize_text("negotia\u00ad\ntions") == "negotiations"


@given(st.text())
def test_normalize_text_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


# --------------------------------------------------------------------------------------------
# numeric_core and whole-number matching
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "core"),
    [
        ("4.5 billion", "4.5"),
        ("$4.5 billion", "4.5"),
        ("74%", "74"),
        ("30,000", "30,000"),
        ("543.2 million", "543.2"),
        ("600 млн", "600"),
        ("10,2 млн тонн", "10,2"),
        ("USD 1 billion", "1"),
        ("five", "five"),
        ("Half", "half"),
        ("second", "second"),
        ("a couple of billion", "couple"),
    ],
)
def test_numeric_core(written, core):
    assert numeric_core(written) == core


@pytest.mark.parametrize(
    ("core", "text", "found"),
    [
        ("4.5", "trade reached only $4.5 billion", True),
        ("4.5", "trade reached only $14.5 billion", False),
        ("4.5", "trade reached only $4.55 billion", False),
        ("4", "trade reached only $4.5 billion", False),
        ("30", "between 30,000 and 40,000 men", False),
        ("30,000", "between 30,000 and 40,000 men", True),
        ("74", "a 74% fall", True),
        ("2", "losing $2 billion.", True),
        ("five", "five countries", True),
        ("five", "Five countries", True),
        ("five", "fifteen countries", False),
        ("five", "a fivefold rise", False),
    ],
)
def test_find_number_matches_whole_numbers_only(core, text, found):
    assert bool(find_number(core, text)) is found


# --------------------------------------------------------------------------------------------
# load_texts
# --------------------------------------------------------------------------------------------


def test_texts_are_found_by_hash_not_name(tmp_path):
    sha = write_text(tmp_path, "some text", name="renamed.md")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nested.txt").write_text("not searched")
    assert load_texts(tmp_path) == {sha: tmp_path / "renamed.md"}


def test_missing_texts_directory_means_no_texts(tmp_path):
    assert load_texts(tmp_path / "absent") == {}


# --------------------------------------------------------------------------------------------
# verify_citations
# --------------------------------------------------------------------------------------------


def test_verify_passes_on_verbatim_quotes_despite_pdf_layout(tmp_path):
    sha = write_text(tmp_path, PDF_TEXT)
    ds = dataset(
        source(
            sha,
            facts=[
                fact("in 2017, bilateral trade reached only $4.5 billion", "4.5 billion"),
                fact("Belarus's share fell to 36.5 percent.", "36.5%", index=1, fact_id="share"),
            ],
            events=[event('a so-called "Westernmanaged regime-change scenario."')],
            dismissed=[dismissal("2012", "$7.5 billion in 2012")],
        )
    )
    report = verify_citations(ds, tmp_path)
    assert report.ok, report.format()
    assert report.checked == 4
    assert report.format().endswith("verify: 4 quotes checked in 1 sources, 0 failures")


def test_verify_fails_when_quote_is_not_in_text(tmp_path):
    sha = write_text(tmp_path, PDF_TEXT)
    ds = dataset(
        source(sha, facts=[fact("bilateral trade reached $4.5 billion", "4.5 billion", 3)])
    )
    report = verify_citations(ds, tmp_path)
    assert not report.ok
    (message,) = report.failures
    assert message.startswith(f"{FILE}: facts[3] trade-2017: evidence quote not found in text")
    assert sha[:8] in message
    assert "verbatim" in message


def test_verify_fails_when_number_is_not_in_its_quote(tmp_path):
    sha = write_text(tmp_path, PDF_TEXT)
    # the quote is in the text; it says 4.5, the value claims 14.5 (which contains "4.5")
    ds = dataset(source(sha, facts=[fact("bilateral trade reached only $4.5", "14.5 billion", 2)]))
    report = verify_citations(ds, tmp_path)
    (message,) = report.failures
    assert message.startswith(f"{FILE}: facts[2] trade-2017: number '14.5 billion'")
    assert "'14.5'" in message


def test_verify_checks_both_ends_of_a_range(tmp_path):
    sha = write_text(tmp_path, "The contingent numbered between 30,000 and 40,000 men.")
    good = fact("between 30,000 and 40,000 men", None, low_text="30,000", high_text="40,000")
    bad = fact("between 30,000 and 40,000 men", None, 1, "troops", "30,000", "45,000")
    report = verify_citations(dataset(source(sha, facts=[good, bad])), tmp_path)
    assert [f.split(":")[1].strip() for f in report.failures] == ["facts[1] troops"]


def test_verify_fails_when_dismissal_context_is_absent(tmp_path):
    sha = write_text(tmp_path, PDF_TEXT)
    ds = dataset(source(sha, dismissed=[dismissal("2013", "$5.8 billion in 2013", 1)]))
    (message,) = verify_citations(ds, tmp_path).failures
    assert message.startswith(f"{FILE}: dismissed[1]: dismissal context not found in text")


def test_verify_fails_when_dismissal_mention_is_not_in_its_context(tmp_path):
    sha = write_text(tmp_path, PDF_TEXT)
    ds = dataset(source(sha, dismissed=[dismissal("201", "$7.5 billion in 2012")]))
    (message,) = verify_citations(ds, tmp_path).failures
    assert message.startswith(
        f"{FILE}: dismissed[0]: dismissed mention '201' is not in its context"
    )


def test_sources_without_their_text_are_skipped_not_failed(tmp_path):
    sha = write_text(tmp_path, PDF_TEXT)
    ds = dataset(
        source(sha, facts=[fact("reached only $4.5 billion", "4.5 billion")]),
        source("0" * 64, facts=[fact("not checked at all", "4.5")], source_id="elsewhere"),
        source(None, source_id="unhashed"),
    )
    report = verify_citations(ds, tmp_path)
    assert report.ok
    assert report.checked == 1
    assert report.skipped_sources == ["elsewhere", "unhashed"]
    assert "text 00000000… not present" in report.format()


# --------------------------------------------------------------------------------------------
# scan_mentions
# --------------------------------------------------------------------------------------------


def mention_texts(text: str) -> list[str]:
    return [m.text for m in scan_mentions(text)]


@pytest.mark.parametrize(
    "text",
    [
        # plain years, year ranges, decades
        "In 2017 trade grew.",
        "Sanctions of 2014\u20132015 and 2008-2009 hit.",
        "Historiography (1991\u20132016 гг.) and 2020\u20132025 plans.",
        "in 2015-16, Belarus became",
        "since mid-2021 and the mid-1990s",
        "in the 1990s and 2000s, not the 1920s or the '90s",
        "since around 2015 attention shifted",
        # days of the month
        "a summit on December 8, 2019, in Sochi",
        "[5].On February 1, 2020, the Secretary",
        "Москва, 26 мая 2020 года",
        "E-mail, November 31, 2019.",
        "Minsk Dialogue, April1, 2019,",
        "On July 22, 2009, the Ministry",
        "met on 20 December and on Dec. 7",
        "17 m. | 2020-08-03",
        # footnote markers
        "the union.[12] Moreover [1] and [14, 15]",
        "Preface\n\n12 Interview with an analyst.\n",
        "such as:\n  1. Between blocs\n  2. Minsk declined\n",
        # bibliographic furniture
        'Ukraine," pp. 72\u201373. Same place, p. 29-30.',
        "Commentary No. 557, no. 253, vol. 3, issue 4",
        "2017, № 8 (257), Выпуск 42, с. 169.",
        "выпуск 5, том 9, 2016",
        "see https://example.org/post/522/2020-08-03/x",
        # names and codes
        "A-50 AWACS, T-72A tanks, BMP-2 vehicles, Zapad-2017, Helsinki-2, Belarus-24",
    ],
)
def test_scan_excludes_dates_footnotes_bibliography_and_codes(text):
    # "17 m." is the one deliberate exception below: only the date part must go
    found = mention_texts(text)
    assert found in ([], ["17"]), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("trade reached only $4.5 billion in 2017", ["$4.5 billion"]),
        (
            "up by 20.6 percent in 2018 to €10.93 billion",
            ["20.6 percent", "€10.93 billion"],
        ),
        ("Russia has already paid USD 1 billion", ["USD 1 billion"]),
        ("до $600 млн", ["$600 млн"]),
        (
            "до 10,2 млн тонн нефти",
            ["10,2 млн тонн"],
        ),
        ("which was a 74% fall, 54 percent", ["74%", "54 percent"]),
        ("there are approximately 2000 Russian soldiers", ["2000"]),
        ("numbered between 30,000 and 40,000 men", ["30,000", "40,000"]),
        ("almost 132,000 tonnes of munitions", ["132,000 tonnes"]),
        ("Only 5 out of 110 deputies", ["5", "110"]),
        ("pressure has persisted for 20 years", ["20"]),
        ("more than\n200 T-72A tanks", ["200"]),  # a PDF line break, not a footnote line
        ("a $2000 loan and 1999 tonnes", ["$2000", "1999 tonnes"]),  # years carrying units
        ("17 m. | 2020-08-03", ["17"]),  # reading time: reported, the curator dismisses it
    ],
)
def test_scan_reports_amounts_percentages_and_counts(text, expected):
    assert mention_texts(text) == expected


def test_mentions_are_spans_of_the_normalized_text():
    raw = "it reached only\n$4.5 \n billion, and 74%\u00a0later"
    canonical = normalize_text(raw)
    mentions = scan_mentions(raw)
    assert mentions == [Mention(16, 28, "$4.5 billion"), Mention(34, 37, "74%")]
    assert all(canonical[m.start : m.end] == m.text for m in mentions)
    assert mentions[0].core == "4.5"
    assert canonical[slice(*mentions[0].core_span)] == "4.5"


# --------------------------------------------------------------------------------------------
# scan_coverage
# --------------------------------------------------------------------------------------------

COVERAGE_TEXT = (
    "In 2017, trade reached $4.5 billion. Belarus held 54 percent of the market.\n"
    "The summit on December 8, 2019 gathered 12 delegations. It took 17 hours.\n"
    "Reading time 5 m.\n"
)


def test_coverage_counts_covered_dismissed_and_unaccounted(tmp_path):
    sha = write_text(tmp_path, COVERAGE_TEXT)
    ds = dataset(
        source(
            sha,
            facts=[
                # covers $4.5 billion; does NOT cover 54 although 54 lies inside the quote
                fact("trade reached $4.5 billion. Belarus held 54 percent", "4.5 billion"),
            ],
            events=[event("The summit on December 8, 2019 gathered 12 delegations.")],
            dismissed=[dismissal("5 m.", "Reading time 5 m.")],
        )
    )
    report = scan_coverage(ds, tmp_path)
    (counts,) = report.sources
    assert (counts.total, counts.covered, counts.dismissed, counts.unaccounted) == (5, 2, 1, 2)
    assert [u.mention.text for u in report.unaccounted] == ["54 percent", "17"]
    assert report.coverage == pytest.approx(3 / 5)
    assert not report.ok
    # the context is verbatim canonical text, so it can be pasted into a dismissal
    assert all(u.context in normalize_text(COVERAGE_TEXT) for u in report.unaccounted)
    assert all(u.mention.text in u.context for u in report.unaccounted)
    assert report.format().endswith(
        "scan: 5 mentions, 2 covered, 1 dismissed, 2 unaccounted — coverage 60.0%"
    )


def test_dismissal_with_another_core_does_not_dismiss(tmp_path):
    sha = write_text(tmp_path, "It took 17 hours and 18 minutes.")
    ds = dataset(source(sha, dismissed=[dismissal("18", "It took 17 hours and 18 minutes.")]))
    report = scan_coverage(ds, tmp_path)
    assert [u.mention.text for u in report.unaccounted] == ["17"]
    assert report.dismissed == 1


def test_any_occurrence_of_a_repeated_quote_covers(tmp_path):
    sha = write_text(tmp_path, "We are losing $2 billion a year. Again: losing $2 billion a year.")
    ds = dataset(source(sha, facts=[fact("losing $2 billion a year", "2 billion")]))
    report = scan_coverage(ds, tmp_path)
    assert report.ok
    assert report.covered == 2


def test_fully_accounted_text_and_empty_text(tmp_path):
    sha = write_text(tmp_path, "No figures here, only the year 2019.")
    report = scan_coverage(dataset(source(sha), source("f" * 64, source_id="absent")), tmp_path)
    assert report.ok
    assert report.coverage == 1.0
    assert report.skipped_sources == ["absent"]
    assert report.format().endswith(
        "scan: 0 mentions, 0 covered, 0 dismissed, 0 unaccounted — coverage 100.0%"
    )
