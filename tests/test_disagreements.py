"""Documents that disagree in words: a disagreement sets one document's fact, event, claim or
statement against another document's, and the published row carries both quotes with their
citations, side by side, deciding neither. Bad references are refused with file, entry and fix,
and nothing is written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pandera.errors import SchemaErrors

from etl.__main__ import main
from etl.contract import validate_frames
from etl.model import (
    CuratedDataset,
    CuratedSource,
    CuratedStatement,
    Location,
    SourceRecord,
)
from etl.texts import scan_coverage, verify_citations

ORBELI = "sources/orbeli-western-factor-2020.yaml"
MOSHES = "sources/moshes-nizhnikau-2018.yaml"
DISAGREEMENT = """
disagreements:
  - id: test-disagreement
    about: A test of what a disagreement may name
    statement: {statement}
    versus: {versus}
"""


def edit(curated: Path, relative: str, old: str, new: str) -> None:
    path = curated / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_disagreement(curated: Path, relative: str, statement: str, versus: str) -> None:
    """Append a disagreement to a document that has none of its own (Moshes & Nizhnikau)."""
    path = curated / relative
    text = path.read_text(encoding="utf-8")
    assert "\ndisagreements:" not in text, "test setup: the document already has disagreements"
    path.write_text(
        text + DISAGREEMENT.format(statement=statement, versus=versus), encoding="utf-8"
    )


@pytest.fixture
def previous_output(tmp_path: Path) -> Path:
    """An existing parquet directory whose bytes must survive a failed build untouched."""
    out = tmp_path / "parquet"
    out.mkdir()
    (out / "observations.parquet").write_bytes(b"previous build")
    return out


def refused(curated: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The build's standard error, after asserting it failed and wrote nothing."""
    code = main(["--curated", str(curated), "build", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert (out / "observations.parquet").read_bytes() == b"previous build"
    return err


# --------------------------------------------------------------------------------------------
# the published rows
# --------------------------------------------------------------------------------------------


def test_each_disagreement_row_carries_both_sides_quotes_as_curated(built):
    cited = {e.obs_id: e for s in built.dataset.sources for e in s.cited()}
    rows = built.tables["disagreements"].to_pylist()
    declared = [d for s in built.dataset.sources for d in s.disagreements]
    assert sorted(r["disagreement_id"] for r in rows) == sorted(d.obs_id for d in declared)
    for row in rows:
        own, other = cited[row["cited_id"]], cited[row["versus_id"]]
        assert (row["source_id"], row["locator"], row["evidence"]) == (
            own.source_id,
            own.locator,
            own.evidence,
        )
        assert (row["versus_source_id"], row["versus_locator"], row["versus_evidence"]) == (
            other.source_id,
            other.locator,
            other.evidence,
        )
        assert row["source_id"] != row["versus_source_id"]


def test_each_sides_link_opens_its_own_document_at_its_own_quote(built):
    urls = {s.record.source_id: s.record.url for s in built.dataset.sources}
    for row in built.tables["disagreements"].to_pylist():
        for prefix in ("", "versus_"):
            link, url = row[f"{prefix}quote_link"], urls[row[f"{prefix}source_id"]]
            if url is None:
                assert link is None, "a document without an address has no link to open"
            else:
                assert link.startswith(f"{url}#:~:text="), row["disagreement_id"]


def test_orbeli_defending_ukraines_territorial_integrity_is_set_against_the_2014_un_vote(built):
    rows = {r["disagreement_id"]: r for r in built.tables["disagreements"].to_pylist()}
    row = rows["orbeli-western-factor-2020/ukraine-territorial-integrity-2014"]
    assert "defending the territorial integrity of Ukraine" in row["evidence"]
    assert row["versus_id"] == "moshes-nizhnikau-2018/un-vote-territorial-integrity-2014"
    assert "voted against the UN resolution" in row["versus_evidence"]


# --------------------------------------------------------------------------------------------
# references that do not resolve
# --------------------------------------------------------------------------------------------


def test_a_disagreement_within_one_document_is_refused(curated_copy, previous_output, capsys):
    add_disagreement(
        curated_copy,
        MOSHES,
        "trade-turnover-2012",
        "moshes-nizhnikau-2018/un-vote-territorial-integrity-2014",
    )
    err = refused(curated_copy, previous_output, capsys)
    assert (
        f"{MOSHES}: disagreements[0] test-disagreement: versus "
        "'moshes-nizhnikau-2018/un-vote-territorial-integrity-2014' is in this same document: "
        "a disagreement is between two documents — fix: name another document's entry"
    ) in err


def test_versus_naming_no_entry_of_the_other_document_is_refused(
    curated_copy, previous_output, capsys
):
    add_disagreement(
        curated_copy, MOSHES, "trade-turnover-2012", "rad-chornogor-2024/no-such-entry"
    )
    err = refused(curated_copy, previous_output, capsys)
    assert (
        "versus 'rad-chornogor-2024/no-such-entry' names no fact, event, claim or statement of "
        "rad-chornogor-2024 — fix: use the id of one of rad-chornogor-2024's entries"
    ) in err


def test_versus_naming_a_source_that_does_not_exist_is_refused(
    curated_copy, previous_output, capsys
):
    add_disagreement(curated_copy, MOSHES, "trade-turnover-2012", "no-such-source/exports-2021")
    err = refused(curated_copy, previous_output, capsys)
    assert "versus 'no-such-source/exports-2021' names a source that does not exist" in err


def test_versus_without_its_document_is_refused(curated_copy, previous_output, capsys):
    add_disagreement(curated_copy, MOSHES, "trade-turnover-2012", "exports-2021")
    err = refused(curated_copy, previous_output, capsys)
    assert "versus 'exports-2021' is not <source_id>/<id> — fix:" in err


def test_a_side_that_is_no_entry_of_its_own_document_is_refused(
    curated_copy, previous_output, capsys
):
    add_disagreement(curated_copy, MOSHES, "no-such-entry", "rad-chornogor-2024/exports-2021")
    err = refused(curated_copy, previous_output, capsys)
    assert (
        f"{MOSHES}: disagreements[0] test-disagreement: statement 'no-such-entry' names no fact, "
        "event, claim or statement of this document — fix:"
    ) in err


def test_a_statement_no_disagreement_names_is_refused(curated_copy, previous_output, capsys):
    edit(
        curated_copy,
        MOSHES,
        "\nstatements:\n",
        "\nstatements:\n  - id: unused-statement\n    locator: Conclusion\n"
        '    evidence: "Ukraine and Belarus have not been able to foster a new strategic '
        'partnership"\n',
    )
    err = refused(curated_copy, previous_output, capsys)
    assert (
        f"{MOSHES}: statements[0] unused-statement: statement 'unused-statement' is the side of "
        "no disagreement — fix: name it in a disagreement"
    ) in err


def test_the_same_two_entries_set_against_each_other_twice_are_refused(
    curated_copy, previous_output, capsys
):
    edit(
        curated_copy,
        ORBELI,
        "\ndisagreements:\n",
        "\ndisagreements:\n  - id: the-same-again\n    about: Declared twice\n"
        "    statement: defended-ukraine-territorial-integrity\n"
        "    versus: moshes-nizhnikau-2018/un-vote-territorial-integrity-2014\n",
    )
    err = refused(curated_copy, previous_output, capsys)
    assert (
        "ukraine-territorial-integrity-2014: the same two entries are already set against each "
        "other by 'the-same-again' — fix: keep one of the two disagreements"
    ) in err


# --------------------------------------------------------------------------------------------
# the data contract
# --------------------------------------------------------------------------------------------


def frames_of(built) -> dict:
    return {name: table.to_pandas() for name, table in built.tables.items()}


def test_the_contract_refuses_a_disagreement_whose_two_sides_are_one_document(built):
    frames = frames_of(built)
    rows = frames["disagreements"]
    assert len(rows), "test setup: the curated data has disagreements"
    rows.loc[rows.index[0], "versus_source_id"] = rows.loc[rows.index[0], "source_id"]
    with pytest.raises(SchemaErrors, match="a disagreement is between two documents"):
        validate_frames(frames)


def test_the_contract_refuses_a_side_citing_a_document_not_in_the_sources(built):
    frames = frames_of(built)
    rows = frames["disagreements"]
    rows.loc[rows.index[0], "versus_source_id"] = "no-such-source"
    with pytest.raises(ValueError, match="no-such-source"):
        validate_frames(frames)


# --------------------------------------------------------------------------------------------
# statements against their text
# --------------------------------------------------------------------------------------------

TEXT = "Relations were tense. Security cooperation has been surprisingly good since 2014.\n"


def statement_source(tmp_path: Path, evidence: str) -> CuratedDataset:
    """One document whose text is TEXT and whose only entry is a statement quoting it."""
    data = TEXT.encode("utf-8")
    (tmp_path / "doc.txt").write_bytes(data)
    record = SourceRecord(
        location=Location("sources/test-source.yaml", "source"),
        source_id="test-source",
        title="A test document",
        authors=(),
        publisher="Test",
        published="2019",
        url=None,
        text_sha256=hashlib.sha256(data).hexdigest(),
        notes=("Synthetic.",),
    )
    statement = CuratedStatement(
        location=Location("sources/test-source.yaml", "statements[0] good-since-2014"),
        statement_id="good-since-2014",
        source_id="test-source",
        locator="Body",
        evidence=evidence,
    )
    return CuratedDataset(series=(), sources=(CuratedSource(record, statements=(statement,)),))


def test_verify_fails_a_statement_whose_quote_is_not_in_its_text(tmp_path):
    report = verify_citations(
        statement_source(tmp_path, "Security cooperation has been excellent"), tmp_path
    )
    (failure,) = report.failures
    assert failure.startswith("sources/test-source.yaml: statements[0] good-since-2014:")


def test_scan_counts_the_numbers_inside_a_statements_quote_as_cited(tmp_path):
    quote = "Security cooperation has been surprisingly good since 2014."
    report = scan_coverage(statement_source(tmp_path, quote), tmp_path)
    assert report.unaccounted == [] and report.covered == 1
