"""Specification of citation checking against source texts (etl/texts.py).

All texts here are small synthetic ones written to tmp_path: the real source texts are not in
the repository, and these tests must say exactly what each rule does.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from work_count import counted

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


def mention_texts(text: str, kind: str | None = None) -> list[str]:
    """The mentions found in ``text`` as written, of one kind or of all kinds."""
    return [m.text for m in scan_mentions(text) if kind is None or m.kind == kind]


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
    # None of these is a figure. (Some years here date an event -- "In 2017", "On July 22,
    # 2009" -- and are reported as event dates instead: see the event-date tests below.)
    # "17 m." (a reading time) is the one deliberate exception: only its date part must go.
    found = mention_texts(text, kind="figure")
    assert found == (["17"] if text.startswith("17 m.") else []), found
    assert mention_texts(text, kind="number word") == []


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
    assert mention_texts(text, kind="figure") == expected


def test_mentions_are_spans_of_the_normalized_text():
    raw = "it reached only\n$4.5 \n billion, and 74%\u00a0later"
    canonical = normalize_text(raw)
    mentions = scan_mentions(raw)
    assert mentions == [Mention(16, 28, "$4.5 billion"), Mention(34, 37, "74%")]
    assert all(canonical[m.start : m.end] == m.text for m in mentions)
    assert mentions[0].core == "4.5"
    assert canonical[slice(*mentions[0].core_span)] == "4.5"


# --------------------------------------------------------------------------------------------
# scan_mentions: numbers written as words
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the staff at the embassy is reduced to five", ["five"]),
        ("Half of the trade and almost half of GDP", ["Half", "half"]),
        ("For Belarus, Ukraine is the second largest export market", ["second"]),
        ("during President Lukashenka's likely sixth term in office", ["sixth"]),
        ("While it's already the eighth year of the war in Donbass.", ["eighth"]),
        ("the twentieth anniversary of a previous treaty", ["twentieth"]),
        # words joined by dashes are separate mentions
        (
            "I am no kid who has only worked three\u2013four\u2013five years",
            ["three", "four", "five"],
        ),
        ("a dozen parties and twice as many candidates", ["dozen", "twice"]),
        ("a loss worth about a couple of billion dollars", ["couple"]),
        ("two hundred tanks and a million people", ["two hundred", "million"]),
        ("twenty-five deputies and a five-year plan", ["twenty-five", "five"]),
        ('Moscow pays "zero rubles and zero kopeks"', ["zero", "zero"]),
        ("a quarter of exports; a double burden", ["quarter", "double"]),
        ("One month later, at least one lobbying group", ["One", "one"]),
        ("Two Elections\n\nNothing surprising can be expected.", ["Two"]),  # a heading
        ("the last two conversations between Lukashenka and Putin", ["two"]),
    ],
)
def test_number_words_are_mentions(text, expected):
    assert mention_texts(text, kind="number word") == expected
    assert all(m.kind == "number word" for m in scan_mentions(text) if m.text in expected)


@pytest.mark.parametrize(
    "text",
    [
        # "one" as a pronoun
        "in 2015-16, Belarus became one of its key supplier of oil",
        "the one that Lukashenka brought from Sochi",
        "no one really needs to ruin relations; they blame one another",
        "On the one hand, Russia preserves its leverage",
        # "first"/"last" and indefinite words count nothing
        "The first stage begins; at first, a few democrats, several parties, many voters",
        # periods
        "spy scandals broke out in the second half of 2017",
        "in the first quarter, the latter half",
        # idioms
        "a shift from one-sided dependence; a street with two-way traffic",
        'the half-forgotten "breakthrough" of a SUV',
        # names and titles
        "the branch of One Belt, One Road",
        '"Belarus Prepares for Double Elections," August 20, 2019',
        "Economic Cooperation: from Hero to Zero",
        # enumerations of the argument
        "Third, Minsk failed. Fourth, the context complicates.",
        "One reason is competition. The second reason for no breakthrough is distrust.",
        # the pair of parties
        "trade between the two states; the two countries' actions; the two presidents",
        "direct flights between the two became prohibited",
        # not whole words, or not a definite number
        "someone, oneself, secondly, the couple left",
        "bilateral trade reached only $4.5 billion",  # a scale after digits is the figure's
    ],
)
def test_words_that_are_not_quantities_are_not_mentions(text):
    assert mention_texts(text, kind="number word") == []


def test_a_number_word_mention_spans_the_word_and_its_core_is_the_word_in_lower_case():
    (mention,) = scan_mentions("Five years later, it ended.")
    assert mention == Mention(0, 4, "Five", "number word")
    assert mention.core == "five"
    assert mention.core_span == (0, 4)


# --------------------------------------------------------------------------------------------
# scan_mentions: years that date events
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In March 2014, Belarus voted against the UN resolution", ["2014"]),
        ("in August 2015, the Belarusian government imposed certification", ["2015"]),
        ("On July 11, 2020, the United States extended sanctions", ["2020"]),
        ("The loan agreement was signed in March, 2016.", ["2016"]),
        ("Москва, 26 мая 2020 года", ["2020"]),
        ("Since 2010, the transportation of cargo began", ["2010"]),
        ("the war in Ukraine began in 2014.", ["2014"]),
        ("by 2022, but not before 2026; until 2001; after 2024", ["2022", "2026", "2001", "2024"]),
        ("sanctions were introduced in mid-2021", ["2021"]),
        ("since around 2015 attention shifted", ["2015"]),
        ("at the beginning of 2022 when the contingent numbered", ["2022"]),
        ("starting from late spring 2014, and during the first half of 2023", ["2014", "2023"]),
        # a range is one mention
        ("the Minsk Agreements in 2014\u20132015 to pull in other players", ["2014\u20132015"]),
        ("and in 2015-16, Belarus became", ["2015-16"]),
        ("such as:\n  1. Between 2008-2009, Belarus didn't", ["2008-2009"]),  # a list item
        # a list after a dated year
        ("three recessions: in 2009, 2011 and 2014\u20132015.", ["2009", "2011", "2014\u20132015"]),
    ],
)
def test_years_that_date_events_are_event_date_mentions(text, expected):
    assert mention_texts(text, kind="event date") == expected
    assert mention_texts(text, kind="figure") == []


@pytest.mark.parametrize(
    "text",
    [
        "the 2017 protests against the tax; the 1999 elections",  # attributes
        "Sanctions of 2014\u20132015 and 2008-2009 hit.",
        "his likely sixth term in office, 2020\u20132025",
        "[The year] 2020 will be tough",
        "Zapad-2017, the 1990s, 17 m. | 2020-08-03",
        "see https://example.org/news/since/2014/in-2015",
    ],
)
def test_years_that_date_nothing_are_not_mentions(text):
    assert mention_texts(text, kind="event date") == []


def test_years_in_footnote_lines_and_reference_lists_are_not_event_dates():
    text = (
        "In March 2014, Belarus voted against the resolution.[5]\n"
        "\n"
        "[5] E-mail from Melyantsou, November 14, 2019.\n"
        "[6] Dmitrii Butrin, Kommersant, September 16, 2019, in 2021 godu\n"
        "\n"
        "12 Interview with an analyst in Minsk, in 2018.\n"
        "\n"
        "References\n"
        "Wilson, A. Softly, softly Belarus. New Eastern Europe, September 2, 2018.\n"
        "Published in 2017 by the Institute.\n"
    )
    assert mention_texts(text) == ["2014"]


def test_a_year_carrying_a_unit_is_a_figure_not_an_event_date():
    found = [(m.text, m.kind) for m in scan_mentions("by 2000 Russian soldiers in 1999 tonnes")]
    assert found == [("2000", "figure"), ("1999 tonnes", "figure")]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Debt stood at Br412.3 trillion.", None, ["Br412.3 trillion"]),
        ("The deficit was USD731 million.", None, ["USD731 million"]),
        ("Rail exports quadrupled after a fivefold fall.", None, ["quadrupled", "fivefold"]),
        (
            "Цены выросли втрое, а сорок два процента ждут пятимиллиардного оборота.",
            "ru",
            ["втрое", "сорок два процента", "пятимиллиардного"],
        ),
        (
            "Рубль знецінився майже втричі, а двадцять п'ять відсотків зберігань зникли.",
            "uk",
            ["втричі", "двадцять п'ять відсотків"],
        ),
        ("Belarus supplied ¾ of the diesel.", "en", ["3\u20444"]),  # NFKC writes "¾" so
    ],
)
def test_scan_reports_every_quantity_the_intakes_grammar_reads(text, language, expected):
    assert [m.text for m in scan_mentions(text, language)] == expected
    assert [m.text for m in scan_mentions(text)] == expected  # the language found from letters


def test_a_mention_carries_the_values_the_grammar_reads_it_as_beside_its_core():
    (words, multiplier, fraction) = scan_mentions(
        "Thirty-three percent agreed; exports quadrupled; ¾ of it went north."
    )
    assert (words.core, words.cores) == ("thirty-three", ("thirty-three", "33"))
    assert multiplier.cores == ("quadrupled", "4")
    assert fraction.cores == ("3\u20444", "3/4")
    assert words == Mention(words.start, words.end, words.text, "number word")  # not compared


def test_a_fact_written_in_digits_covers_a_figure_written_in_words(tmp_path):
    text = "Thirty-three percent agreed. Exports quadrupled. Belarus sent ¾ of the fuel."
    sha = write_text(tmp_path, text)
    ds = dataset(
        source(
            sha,
            facts=[fact("Thirty-three percent agreed.", "33"), fact("Exports quadrupled.", "4")],
            dismissed=[dismissal("3/4", "Belarus sent ¾ of the fuel.")],
        )
    )
    report = scan_coverage(ds, tmp_path)
    assert (report.covered, report.dismissed, report.unaccounted) == (2, 1, [])


def test_the_scan_reads_a_source_in_the_language_its_record_names(tmp_path):
    sha = write_text(tmp_path, "Рост: втрое.")  # too few letters to tell the language by
    ds = dataset(source(sha))
    assert scan_coverage(ds, tmp_path).unaccounted == []
    russian = dataclasses.replace(ds.sources[0].record, language="ru")
    ds_ru = dataset(dataclasses.replace(ds.sources[0], record=russian))
    assert [u.mention.text for u in scan_coverage(ds_ru, tmp_path).unaccounted] == ["втрое"]


def test_mentions_come_in_text_order_with_their_kind():
    text = "In March 2014, five of the 110 deputies voted; the second vote came in 2015."
    found = [(m.text, m.kind) for m in scan_mentions(text)]
    assert found == [
        ("2014", "event date"),
        ("five", "number word"),
        ("110", "figure"),
        ("second", "number word"),
        ("2015", "event date"),
    ]


NUMERIC_PARAGRAPH = (
    "In March 2014, exports reached $4.5 billion, up 12% on 2013; about 2000 soldiers and "
    "two hundred tanks stayed, the second time since 1999. Imports were 30,000 tonnes, half "
    "of them grain [3], in the first half of 2015-16, p. 12.\n"
    "1. A list item with 17 figures and one of the 110 deputies.\n\n"
)


def test_the_scan_reads_a_fixed_window_around_each_number_so_its_work_grows_linearly():
    """Four times the text: exactly four times the mentions, and about four times the work.

    The work is counted, not timed (tests/work_count.py): the characters the scan's regular
    expressions may examine and the lines it runs. Reading the whole text before or after each
    number, as a rule that looks at "what precedes it" easily does, makes both grow with the
    square of the text: sixteen times the work here.
    """
    import etl.texts

    def scan(copies: int):
        text = NUMERIC_PARAGRAPH * copies
        with counted(etl.texts) as work:
            mentions = scan_mentions(text)
        return mentions, work

    small, small_work = scan(25)
    large, large_work = scan(100)
    assert len(small) == 25 * 13 and len(large) == 4 * len(small)
    assert {m.kind for m in small} == {"figure", "number word", "event date"}
    assert large_work.regex_chars <= 4.5 * small_work.regex_chars, (large_work, small_work)
    assert large_work.lines <= 4.5 * small_work.lines, (large_work, small_work)


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
                # covers $4.5 billion and the event date 2017 (any year inside a fact's quote);
                # does NOT cover 54 although 54 lies inside the quote
                fact("In 2017, trade reached $4.5 billion. Belarus held 54 percent", "4.5 billion"),
            ],
            # covers 12 and the event date 2019
            events=[event("The summit on December 8, 2019 gathered 12 delegations.")],
            dismissed=[dismissal("5 m.", "Reading time 5 m.")],
        )
    )
    report = scan_coverage(ds, tmp_path)
    (counts,) = report.sources
    assert (counts.total, counts.covered, counts.dismissed, counts.unaccounted) == (7, 4, 1, 2)
    assert [u.mention.text for u in report.unaccounted] == ["54 percent", "17"]
    assert report.coverage == pytest.approx(5 / 7)
    assert not report.ok
    # the context is verbatim canonical text, so it can be pasted into a dismissal
    assert all(u.context in normalize_text(COVERAGE_TEXT) for u in report.unaccounted)
    assert all(u.mention.text in u.context for u in report.unaccounted)
    assert "unaccounted figure '54 percent' in: " in report.format()
    assert report.format().endswith(
        "scan: 7 mentions, 4 covered, 1 dismissed, 2 unaccounted — coverage 71.4%"
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


def test_a_number_word_is_covered_only_by_a_fact_stating_that_word(tmp_path):
    sha = write_text(tmp_path, "The staff is reduced to five and two diplomats left.")
    ds = dataset(source(sha, facts=[fact("The staff is reduced to five and two", "five")]))
    report = scan_coverage(ds, tmp_path)
    assert report.covered == 1
    assert [u.mention.text for u in report.unaccounted] == ["two"]
    assert "unaccounted number word 'two' in: " in report.format()


def test_word_dismissals_match_case_insensitively_and_as_whole_words(tmp_path):
    sha = write_text(tmp_path, "Five parties and fifteen seats.")
    ds = dataset(source(sha, dismissed=[dismissal("five", "Five parties and fifteen seats.")]))
    report = scan_coverage(ds, tmp_path)
    assert report.dismissed == 1
    assert [u.mention.text for u in report.unaccounted] == ["fifteen"]
    assert verify_citations(ds, tmp_path).ok


def test_each_word_in_a_sentence_needs_its_own_dismissal(tmp_path):
    context = "who has only worked three\u2013four\u2013five years"
    sha = write_text(tmp_path, f"I am no kid {context} as president.")
    ds = dataset(
        source(sha, dismissed=[dismissal("three", context), dismissal("four", context, 1)])
    )
    report = scan_coverage(ds, tmp_path)
    assert report.dismissed == 2
    assert [u.mention.text for u in report.unaccounted] == ["five"]


def test_event_dates_are_covered_by_any_quote_that_holds_them(tmp_path):
    text = (
        "In March 2014, Belarus voted against the resolution. "
        "In 2017, trade reached $4.5 billion. "
        "In June 2018, an official spoke. "
        "Lukashenka was first elected in 1994."
    )
    sha = write_text(tmp_path, text)
    ds = dataset(
        source(
            sha,
            # a fact's quote covers the year in it, whatever the fact's own number
            facts=[fact("In 2017, trade reached $4.5 billion", "4.5 billion")],
            # an event's quote covers its date
            events=[event("In March 2014, Belarus voted against the resolution")],
            dismissed=[dismissal("1994", "Lukashenka was first elected in 1994.")],
        )
    )
    report = scan_coverage(ds, tmp_path)
    (counts,) = report.sources
    assert (counts.total, counts.covered, counts.dismissed) == (5, 3, 1)
    assert [(u.mention.text, u.mention.kind) for u in report.unaccounted] == [
        ("2018", "event date")
    ]
    assert "unaccounted event date '2018' in: 'an official spoke." not in report.format()
    assert "unaccounted event date '2018' in: '$4.5 billion. In June 2018, an official" in (
        report.format()
    )


def test_a_year_range_is_dismissed_as_written(tmp_path):
    context = "hosting the Minsk Agreements in 2014\u20132015 to pull in other players"
    sha = write_text(tmp_path, f"It has built on its success in {context}.")
    ds = dataset(source(sha, dismissed=[dismissal("2014\u20132015", context)]))
    assert scan_coverage(ds, tmp_path).ok
    assert verify_citations(ds, tmp_path).ok


# --------------------------------------------------------------------------------------------
# the real texts (../shared/seeds; skipped when they are absent)
# --------------------------------------------------------------------------------------------


def test_real_texts_report_all_three_kinds_and_no_footnote_years(seeds_dir):
    kinds: set[str] = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        canonical = normalize_text(raw)
        notes = {
            normalize_text(line)
            for line in raw.splitlines()
            if line.strip().startswith("[") and line.strip()[1:2].isdigit()
        }
        for mention in scan_mentions(raw):
            kinds.add(mention.kind)
            assert canonical[mention.start : mention.end] == mention.text
            if mention.kind == "event date":
                line = _line_around(canonical, mention.start, notes)
                assert line is None, f"{path.name}: year {mention.text!r} in note {line!r}"
    assert kinds == {"figure", "number word", "event date"}


def _line_around(canonical: str, position: int, notes: set[str]) -> str | None:
    for note in notes:
        start = canonical.find(note)
        while start != -1:
            if start <= position < start + len(note):
                return note
            start = canonical.find(note, start + 1)
    return None
