"""Anchors: every quote located in its checked text, and the text fragment that opens the original
page at the quote — matched as a browser matches it, stored without more of the text than the
quote, refused when stale."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
import yaml

from etl.anchors import (
    ANCHORS_DIR_NAME,
    Anchor,
    Fragment,
    _as_yaml,
    _quotes,
    anchor_source,
    find_fragment,
    quote_link,
    read_anchors,
)
from etl.canonical import normalize_text
from etl.load import CURATED_DIR, load_curated
from etl.model import CuratedFact, CuratedSource, Location, SourceRecord
from etl.pipeline import build
from etl.problems import CuratedDataError, Problem
from etl.texts import load_texts

# --------------------------------------------------------------------------------------------
# The text-directive matcher, on small texts
# --------------------------------------------------------------------------------------------

TEXT = "Trade fell in 2013. Trade fell again in 2017, as trade fell in 2013 had warned."


def test_a_directive_selects_its_first_occurrence_case_insensitively_on_word_boundaries():
    assert find_fragment(TEXT, Fragment("trade fell")) == (0, 10)
    assert find_fragment(TEXT, Fragment("rade fell")) is None  # not at a word start


def test_a_prefix_moves_the_match_to_the_occurrence_it_precedes():
    found = find_fragment(TEXT, Fragment("trade fell in 2013", prefix="as"))
    assert TEXT[found[0] : found[1]] == "trade fell in 2013"
    assert found[0] > TEXT.index("2017")


def test_a_range_ends_at_the_first_end_after_its_start_whose_suffix_follows():
    plain = find_fragment(TEXT, Fragment("Trade fell again", "2013"))
    assert TEXT[plain[0] : plain[1]] == "Trade fell again in 2017, as trade fell in 2013"
    suffixed = find_fragment(TEXT, Fragment("Trade", "fell", suffix="again"))
    assert TEXT[suffixed[0] : suffixed[1]] == "Trade fell in 2013. Trade fell"


def test_a_directive_whose_end_never_follows_selects_nothing():
    assert find_fragment(TEXT, Fragment("warned", "Trade")) is None


def test_the_directive_percent_encodes_the_characters_its_syntax_uses():
    directive = Fragment("Belarus-Ukraine trade, 2012 & 2013", prefix="the").directive()
    assert directive == "text=the-,Belarus%2DUkraine%20trade%2C%202012%20%26%202013"


# --------------------------------------------------------------------------------------------
# Anchoring a document, on a small one
# --------------------------------------------------------------------------------------------


def _source(*quotes: str, url: str | None = "https://example.org/a") -> CuratedSource:
    record = SourceRecord(
        Location("sources/x.yaml", "source"), "x", "T", ("A",), "P", "2020", url, "ab" * 32
    )
    facts = tuple(
        CuratedFact(
            Location("sources/x.yaml", f"facts[{i}]"),
            f"f{i}",
            "x",
            "trade.by_ua.turnover",
            "2013",
            "5.8 billion",
            None,
            None,
            "USD",
            "reported",
            "Economy",
            quote,
        )
        for i, quote in enumerate(quotes)
    )
    return CuratedSource(record, facts=facts)


def test_a_quote_that_occurs_once_gets_its_position_and_no_context_words():
    raw = "Economy\nIn 2013 trade was\n$5.8 billion, down from 2012."
    anchor = anchor_source(_source("trade was $5.8 billion"), raw).anchors["f0"]
    canonical = normalize_text(raw)
    assert canonical[anchor.start : anchor.end] == "trade was $5.8 billion" == anchor.exact
    assert anchor.prefix is None and anchor.suffix is None
    assert find_fragment(canonical, anchor.fragment) == (anchor.start, anchor.end)


def test_a_recurring_quote_gets_the_fewest_neighbouring_words_that_make_it_unique():
    raw = "Intro: it reached $5.8 billion in 2013. Economy: exports reached $5.8 billion in 2013."
    anchor = anchor_source(_source("reached $5.8 billion in 2013"), raw).anchors["f0"]
    canonical = normalize_text(raw)
    assert anchor.start == canonical.rindex("reached $5.8 billion")  # the one in its section
    assert anchor.prefix == "exports " and anchor.suffix is None
    assert canonical.count(anchor.prefix + anchor.exact) == 1
    assert find_fragment(canonical, anchor.fragment) == (anchor.start, anchor.end)
    assert anchor.fragment.prefix == "exports"


def test_a_fragment_avoids_quote_marks_the_live_page_prints_curly():
    raw = "Economy: Minsk called them \u201cbandits\u201d and closed the border in 2018."
    quote = 'Minsk called them "bandits" and closed the border'
    anchor = anchor_source(_source(quote), raw).anchors["f0"]
    terms = [anchor.fragment.start, anchor.fragment.end]
    assert all('"' not in term for term in terms if term), anchor.fragment


def test_the_link_is_the_documents_url_with_the_fragment_and_none_without_a_url():
    anchor = Anchor("f0", 0, 9, "trade was", fragment=Fragment("trade was"))
    assert quote_link("https://example.org/a#top", anchor) == (
        "https://example.org/a#:~:text=trade%20was"
    )
    assert quote_link(None, anchor) is None
    assert quote_link("https://example.org/a", None) is None


# --------------------------------------------------------------------------------------------
# The stored anchors: refused when stale, with the file, entry and fix
# --------------------------------------------------------------------------------------------


def _write(directory: Path, source: CuratedSource, raw: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    quotes = {cited: q for cited, _, q in _quotes(source)}
    path = directory / "x.yaml"
    path.write_text(_as_yaml(anchor_source(source, raw), quotes), encoding="utf-8")
    return path


def test_stored_anchors_are_read_back_for_the_current_quotes(tmp_path):
    source = _source("trade was $5.8 billion")
    _write(tmp_path, source, "In 2013 trade was $5.8 billion.")
    problems: list[Problem] = []
    anchors = read_anchors([source], tmp_path, problems)
    assert problems == []
    assert anchors["x/f0"].exact == "trade was $5.8 billion"


def test_an_anchor_whose_quote_has_changed_is_refused_naming_the_entry_and_the_fix(tmp_path):
    _write(tmp_path, _source("trade was $5.8 billion"), "In 2013 trade was $5.8 billion.")
    problems: list[Problem] = []
    read_anchors([_source("trade was $5.9 billion")], tmp_path, problems)
    assert [(p.file, p.entry) for p in problems] == [("anchors/x.yaml", "f0")]
    assert "changed" in problems[0].problem and "make anchor" in problems[0].fix


def test_anchors_computed_against_another_text_are_refused(tmp_path):
    path = _write(tmp_path, _source("trade was"), "In 2013 trade was $5.8 billion.")
    body = yaml.safe_load(path.read_text())
    body["text_sha256"] = "cd" * 32
    path.write_text(yaml.safe_dump(body))
    problems: list[Problem] = []
    read_anchors([_source("trade was")], tmp_path, problems)
    assert [p.entry for p in problems] == ["text_sha256"]


def test_a_stale_anchors_file_stops_the_build_before_anything_is_written(curated_copy):
    path = curated_copy / ANCHORS_DIR_NAME / "moshes-nizhnikau-2018.yaml"
    body = yaml.safe_load(path.read_text())
    first = next(iter(body["quotes"]))
    body["quotes"][first]["end"] += 3  # a span that no longer fits its quote
    path.write_text(yaml.safe_dump(body))
    with pytest.raises(CuratedDataError) as raised:
        build(curated_copy)
    assert f"anchors/moshes-nizhnikau-2018.yaml: {first}:" in str(raised.value)


# --------------------------------------------------------------------------------------------
# Against the documents' texts (../shared/seeds and ../shared/corpus)
# --------------------------------------------------------------------------------------------


def _texts(source_texts: tuple[Path, ...]) -> dict[str, str]:
    return {sha: p.read_text(encoding="utf-8") for sha, p in load_texts(source_texts).items()}


def test_the_stored_anchors_are_what_the_texts_give_today(source_texts):
    texts = _texts(source_texts)
    for source in load_curated().sources:
        anchors = anchor_source(source, texts[source.record.text_sha256])
        quotes = {cited: q for cited, _, q in _quotes(source)}
        stored = (CURATED_DIR / ANCHORS_DIR_NAME / f"{source.record.source_id}.yaml").read_text()
        assert stored == _as_yaml(anchors, quotes), f"run `make anchor` ({source.record.source_id})"


def test_every_quote_is_anchored_and_its_fragment_selects_it_first_in_its_text(source_texts):
    texts = _texts(source_texts)
    for source in load_curated().sources:
        canonical = normalize_text(texts[source.record.text_sha256])
        anchors = anchor_source(source, texts[source.record.text_sha256]).anchors
        assert set(anchors) == {cited for cited, _, _ in _quotes(source)}
        for cited, anchor in anchors.items():
            assert anchor.fragment is not None, cited
            start, end = find_fragment(canonical, anchor.fragment)
            assert anchor.start <= start < end <= anchor.end, cited
            assert end - start >= min(len(anchor.exact), 20), cited  # most of a long quote


def test_the_anchors_files_hold_no_words_beyond_the_quotes_and_their_context(seeds_dir):
    for path in (CURATED_DIR / ANCHORS_DIR_NAME).glob("*.yaml"):
        body = yaml.safe_load(path.read_text())
        source = next(s for s in load_curated().sources if s.record.source_id == body["source"])
        quotes = {cited: normalize_text(q).lower() for cited, _, q in _quotes(source)}
        for cited, entry in body["quotes"].items():
            for term in (entry.get("fragment") or {}).values():
                inside = unquote(term).lower() in quotes[cited]
                assert inside or len(term.split()) <= 3, (path.name, cited, term)


def test_the_built_tables_carry_each_quotes_link_and_position(built, source_texts):
    observations = built.tables["observations"].to_pandas()
    texts = _texts(source_texts)
    sources = {s.record.source_id: s.record for s in load_curated().sources}
    quoted = observations[observations["evidence"].notna()]
    for row in quoted.to_dict("records"):
        record = sources[row["source_id"]]
        canonical = normalize_text(texts[record.text_sha256])
        start, end = int(row["quote_start"]), int(row["quote_end"])
        assert canonical[start:end] == normalize_text(row["evidence"]), row["obs_id"]
        if record.url:
            assert row["quote_link"].startswith(record.url + "#:~:text="), row["obs_id"]
        else:
            assert pd.isna(row["quote_link"]), row["obs_id"]
    assert observations[observations["evidence"].isna()]["quote_link"].isna().all()


def test_the_anchor_command_reports_stale_files_and_rewrites_them(
    source_texts, curated_copy, capsys
):
    from etl.__main__ import main

    stale = curated_copy / ANCHORS_DIR_NAME / "rad-chornogor-2024.yaml"
    stale.write_text(stale.read_text().replace("start: ", "start: 1", 1))
    texts = [arg for directory in source_texts for arg in ("--texts", str(directory))]
    args = ["--curated", str(curated_copy), "anchor", *texts]
    assert main([*args, "--check"]) == 1
    assert "out of date: rad-chornogor-2024" in capsys.readouterr().out
    assert main(args) == 0
    assert main([*args, "--check"]) == 0
    shutil.rmtree(curated_copy / ANCHORS_DIR_NAME)
    assert main(args) == 0
    anchored = len(list((curated_copy / ANCHORS_DIR_NAME).glob("*.yaml")))
    assert anchored == len(load_curated(curated_copy).sources)
