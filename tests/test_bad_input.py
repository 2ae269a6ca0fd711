"""A malformed curated file gets one clear message per problem — file, entry, fix — and the ETL
writes nothing: the previous parquet stays exactly as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl.__main__ import main

RAD = "sources/rad-chornogor-2024.yaml"


def edit(curated: Path, relative: str, old: str, new: str) -> None:
    path = curated / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_build(curated: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--curated", str(curated), "build", "--out", str(out)])
    return code, capsys.readouterr().err


@pytest.fixture
def previous_output(tmp_path: Path) -> Path:
    """An existing parquet directory whose bytes must survive a failed build untouched."""
    out = tmp_path / "parquet"
    out.mkdir()
    (out / "observations.parquet").write_bytes(b"previous build")
    return out


BREAKAGES = {
    "malformed YAML": (
        RAD,
        "  - id: exports-2021\n",
        "  - id: exports-2021\n   bad: [unclosed\n",
        r"sources/rad-chornogor-2024\.yaml: line \d+, column \d+: malformed YAML",
    ),
    "duplicate YAML key": (
        RAD,
        "    series: trade.by_ua.exports\n    period: 2021\n",
        "    series: trade.by_ua.exports\n    period: 2021\n    period: 2020\n",
        r"malformed YAML: .*duplicate key 'period'",
    ),
    "unknown series": (
        RAD,
        "series: trade.by_ua.exports\n    period: 2021",
        "series: trade.by_ua.exprots\n    period: 2021",
        r"facts\[0\] exports-2021: unknown series 'trade\.by_ua\.exprots' — fix: define it",
    ),
    "unknown qualifier": (
        RAD,
        "    qualifier: upper_bound\n",
        "    qualifier: roughly\n",
        r"facts\[5\] exports-2022: unknown qualifier 'roughly' — fix: use one of: reported",
    ),
    "curated value claims to be derived": (
        RAD,
        "    qualifier: upper_bound\n",
        "    qualifier: derived\n",
        r"exports-2022: unknown qualifier 'derived' \('derived' is set by the ETL only\)",
    ),
    "unknown unit": (
        RAD,
        "    value: 5.4 billion\n    unit: USD\n",
        "    value: 5.4 billion\n    unit: dollars\n",
        r"exports-2021: unknown unit 'dollars'",
    ),
    "unit differs from series": (
        RAD,
        "    value: 5.4 billion\n    unit: USD\n",
        "    value: 5.4 billion\n    unit: EUR\n",
        r"exports-2021: unit 'EUR' differs from series unit 'USD'",
    ),
    "unparseable period": (
        RAD,
        "    period: 2021\n    value: 5.4 billion",
        "    period: 20211\n    value: 5.4 billion",
        r"exports-2021: unparseable period: cannot read period '20211'",
    ),
    "unparseable value": (
        RAD,
        "    value: 5.4 billion\n",
        "    value: 5.4 zillion\n",
        r"exports-2021: unparseable value: cannot read '5\.4 zillion'",
    ),
    "missing evidence": (
        RAD,
        '    evidence: "Belarus imported goods with a value of $1.5 billion from Ukraine"\n',
        "",
        r"facts\[1\] imports-2021: missing required key 'evidence'",
    ),
    "evidence without its number": (
        RAD,
        "the positive trade balance for Belarus amounted to $3.9 billion",
        "the positive trade balance for Belarus amounted to a lot",
        r"balance-2021: evidence does not contain the number as written \('3\.9 billion'\)",
    ),
    "duplicate fact": (
        RAD,
        "  - id: imports-2021\n    series: trade.by_ua.imports\n    period: 2021\n",
        "  - id: imports-2021\n    series: trade.by_ua.imports\n    period: 2022\n",
        r"facts\[7\] imports-2022: duplicate fact: trade\.by_ua\.imports 2022 is already stated by "
        r"imports-2021",
    ),
    "duplicate fact id": (
        RAD,
        "  - id: imports-2021\n",
        "  - id: exports-2021\n",
        r"duplicate fact id 'exports-2021'",
    ),
    "misspelt key": (
        RAD,
        '    locator: "Economic Cooperation: from Hero to Zero"\n    evidence: "the positive',
        '    locator: "Economic Cooperation: from Hero to Zero"\n    evidance: "the positive',
        r"balance-2021: unknown key 'evidance' — fix: use one of: .* \(typo\?\)",
    ),
    "dangling source: id does not match file": (
        RAD,
        "  id: rad-chornogor-2024\n",
        "  id: rad-chornogor-2023\n",
        r"source id 'rad-chornogor-2023' does not match the file name 'rad-chornogor-2024': "
        r"its facts would cite a source that does not exist",
    ),
    "dangling source: cross-reference": (
        "sources/bsblog-troubled-period-2021.yaml",
        "see_also: [moshes-nizhnikau-2018/",
        "see_also: [moshes-2017/",
        r"see_also 'moshes-2017/ukraine-export-market-rank-2018' "
        r"names a source that does not exist",
    ),
    "a hedged figure whose qualifier says otherwise": (
        RAD,
        "    value: 87%\n    unit: percent\n    qualifier: upper_bound\n",
        "    value: 87%\n    unit: percent\n    qualifier: reported\n",
        r"imports-change-2022: the quote says 'nearly 87%', which is 'upper_bound', not "
        r"'reported' — fix: set qualifier: upper_bound",
    ),
    "an impossible interval: 'just under' with a range": (
        RAD,
        "    low: 30,000\n",
        "    wording: just under\n    low: 30,000\n",
        r"russian-troops-early-2022: wording 'just under' on a range: a range's interval is its "
        r"two ends",
    ),
    "a trade figure that does not say whose statistics": (
        RAD,
        "    statistics_from: not stated\n",
        "",
        r"turnover-2022: a trade figure needs 'statistics_from' — fix: write whose statistics",
    ),
    "a figure dated after its document was written": (
        "sources/bsblog-troubled-period-2021.yaml",
        "    period: 2021-05\n    value: second",
        "    period: 2021\n    value: second",
        r"ukraine-export-market-rank-2021: period 2021 runs past the document's time of writing "
        r"\(2021-05\)",
    ),
    "a claim naming an unknown series": (
        RAD,
        "    kind: peak\n    series: trade.by_ua.turnover\n",
        "    kind: peak\n    series: trade.by_ua.turnvoer\n",
        r"claims\[0\] trade-peak-2021: claim names an unknown series 'trade\.by_ua\.turnvoer'",
    ),
    "a claim about a period no document covers": (
        RAD,
        "    kind: peak\n    series: trade.by_ua.turnover\n    period: 2021\n",
        "    kind: peak\n    series: trade.by_ua.turnover\n    period: 2015\n",
        r"claims\[0\] trade-peak-2021: no document gives trade\.by_ua\.turnover for 2015 \(period\)"
        r" — fix: name a period some document covers",
    ),
    "a claim of an unknown kind": (
        RAD,
        "    kind: peak\n",
        "    kind: summit\n",
        r"trade-peak-2021: unknown claim kind 'summit' — fix: use one of: peak, trough",
    ),
}


def test_a_conversion_with_no_reference_rate_for_its_period_is_refused(
    curated_copy, previous_output, capsys
):
    """The ECB's euro reference rates begin in 1999: a 1998 conversion cannot be checked."""
    union = "sources/imminent-union-2019.yaml"
    edit(
        curated_copy,
        union,
        "    series: trade.by_eu.turnover\n    period: 2018",
        "    series: trade.by_eu.turnover\n    period: 1998",
    )
    edit(
        curated_copy,
        union,
        "    series: trade.by_eu.turnover_usd\n    period: 2018",
        "    series: trade.by_eu.turnover_usd\n    period: 1998",
    )
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert re.search(
        r"eu-trade-2018-usd: no ECB reference rate USD per EUR for 1998 \(USD: 1999-01-04 to", err
    ), err
    assert (previous_output / "observations.parquet").read_bytes() == b"previous build"


@pytest.mark.parametrize("breakage", list(BREAKAGES), ids=list(BREAKAGES))
def test_each_class_of_bad_input_is_named_and_nothing_is_written(
    breakage, curated_copy, previous_output, capsys
):
    relative, old, new, expected = BREAKAGES[breakage]
    edit(curated_copy, relative, old, new)
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert re.search(expected, err), err
    assert "nothing was written" in err
    assert sorted(p.name for p in previous_output.iterdir()) == ["observations.parquet"]
    assert (previous_output / "observations.parquet").read_bytes() == b"previous build"


def test_every_problem_is_reported_in_one_run(curated_copy, previous_output, capsys):
    edit(curated_copy, RAD, "    value: 5.4 billion\n", "    value: 5.4 zillion\n")
    edit(curated_copy, RAD, "    qualifier: upper_bound\n", "    qualifier: roughly\n")
    edit(curated_copy, "series.yaml", "    unit: tonnes\n", "    unit: hogsheads\n")
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert "5.4 zillion" in err and "'roughly'" in err and "unknown unit 'hogsheads'" in err
    assert re.search(r"^\d+ problem\(s\) in curated data; nothing was written\.$", err, re.M)


def test_a_source_file_without_a_record_is_a_dangling_source(curated_copy, previous_output, capsys):
    path = curated_copy / RAD
    text = path.read_text(encoding="utf-8")
    path.write_text(text[text.index("facts:") :], encoding="utf-8")
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert "sources/rad-chornogor-2024.yaml: source: no 'source:' record" in err


def test_a_file_that_is_not_utf8_is_named(curated_copy, previous_output, capsys):
    (curated_copy / "sources" / "broken.yaml").write_bytes(b"source:\n  title: \xff\xfe\n")
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert "sources/broken.yaml: file: not UTF-8" in err


def test_a_good_tree_builds(curated_copy, tmp_path, capsys):
    out = tmp_path / "fresh"
    code = main(["--curated", str(curated_copy), "build", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [
        "checks.parquet",
        "claims.parquet",
        "disagreements.parquet",
        "events.parquet",
        "hypotheses.parquet",
        "observations.parquet",
        "series.parquet",
        "sources.parquet",
    ]


def _state_value(curated: Path, value: str, fact: str = "exports") -> None:
    """Give a fact of RAD another value, written the same way in its quote, and drop the RAD
    anchors (they would report the changed quote, after validation)."""
    old = {"exports": "5.4 billion", "imports": "1.5 billion"}[fact]
    edit(curated, RAD, f"    value: {old}\n", f"    value: {value}\n")
    path = curated / RAD
    path.write_text(path.read_text(encoding="utf-8").replace(f"${old}", f"${value}"), "utf-8")
    (curated / "anchors" / "rad-chornogor-2024.yaml").unlink(missing_ok=True)


def test_a_value_too_large_for_a_float_is_a_problem_naming_file_entry_and_fix(
    curated_copy, previous_output, capsys
):
    """10^300 billion is 10^309: past the largest float, it would be inf (and nan in the
    intervals computed from it)."""
    _state_value(curated_copy, "1" + "0" * 300 + " billion")
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert re.search(
        r"^sources/rad-chornogor-2024\.yaml: facts\[0\] exports-2021: value '1000000000+…0+ "
        r"billion' is about 10\^309, too large to compute with \(a float holds up to about "
        r"1\.8e308\) — fix: write the figure as the document does",
        err,
        re.M,
    ), err
    assert "Traceback" not in err and "nothing was written" in err
    assert (previous_output / "observations.parquet").read_bytes() == b"previous build"


def test_a_value_beyond_the_largest_figure_the_dataset_takes_is_a_problem_not_a_traceback(
    curated_copy, previous_output, capsys
):
    """1.7e308 is still a float, but arithmetic on it is not: the sum of the two is inf, and a
    figure ten times larger (tried as the explanation of a failed check) is past any float."""
    _state_value(curated_copy, "17" + "0" * 307, "exports")
    _state_value(curated_copy, "17" + "0" * 307, "imports")
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    for entry in ("facts[0] exports-2021", "facts[1] imports-2021"):
        assert re.search(
            rf"{re.escape(entry)}: value '1700000000+…0+' is 1\.7e\+308, above the largest "
            r"figure the dataset takes \(1e\+18\) — fix: write the figure as the document does",
            err,
        ), err
    assert "Traceback" not in err
    assert (previous_output / "observations.parquet").read_bytes() == b"previous build"


@pytest.mark.parametrize("relative", [RAD, "series.yaml", "anchors/rad-chornogor-2024.yaml"])
def test_a_curated_file_over_the_size_limit_is_a_problem_found_before_it_is_parsed(
    curated_copy, previous_output, capsys, relative
):
    """3 MB of an unclosed list: were the file parsed, the problem would be malformed YAML."""
    (curated_copy / relative).write_text("facts: [" + "1, " * 1_000_000, encoding="utf-8")
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert (
        f"{relative}: file: 3.0 MB, over the 2 MB limit for a curated file; not read — fix: "
        "check this is the file you meant"
    ) in err
    assert "ETL_CURATED_MAX_MB=N" in err and "malformed" not in err
    assert (previous_output / "observations.parquet").read_bytes() == b"previous build"


def test_a_curated_file_within_a_raised_size_limit_is_read(
    curated_copy, previous_output, capsys, monkeypatch
):
    (curated_copy / RAD).write_text("facts: [" + "1, " * 1_000_000, encoding="utf-8")
    monkeypatch.setenv("ETL_CURATED_MAX_MB", "4")
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert "rad-chornogor-2024.yaml: line 2, column 1: malformed YAML" in err, err
    assert "over the" not in err


@pytest.mark.parametrize("relative", [RAD, "anchors/rad-chornogor-2024.yaml"])
def test_a_curated_file_nested_too_deeply_to_read_is_a_problem_not_a_traceback(
    curated_copy, previous_output, capsys, relative
):
    (curated_copy / relative).write_text("facts: " + "[" * 50_000, encoding="utf-8")
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert re.search(rf"{re.escape(relative)}: .*nest(ed too deeply|ing depth)", err), err
    assert "Traceback" not in err and "RecursionError" not in err
    assert (previous_output / "observations.parquet").read_bytes() == b"previous build"


def test_a_document_added_twice_under_another_id_is_refused(curated_copy, previous_output, capsys):
    twice = (
        (curated_copy / RAD)
        .read_text(encoding="utf-8")
        .replace("id: rad-chornogor-2024", "id: rad-again-2024", 1)
    )
    (curated_copy / "sources" / "rad-again-2024.yaml").write_text(twice, encoding="utf-8")
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert re.search(
        r"sources/rad-(again|chornogor)-2024\.yaml: source: the same text as source "
        r"'rad-(chornogor|again)-2024'",
        err,
    ), err
    assert "keep one of the two files" in err
    assert (previous_output / "observations.parquet").read_bytes() == b"previous build"


def test_a_series_with_the_dimensions_of_another_is_refused(curated_copy, previous_output, capsys):
    series = curated_copy / "series.yaml"
    text = series.read_text(encoding="utf-8")
    copy = text[
        text.index("  - id: trade.by_ua.turnover\n") : text.index("  - id: trade.by_ua.exports\n")
    ]
    series.write_text(
        text + copy.replace("trade.by_ua.turnover", "trade.belarus_ukraine.trade"), "utf-8"
    )
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert (
        "series 'trade.belarus_ukraine.trade' has the same dimensions as 'trade.by_ua.turnover'"
        in err
    )
    assert "merge them, or set the dimension that tells them apart" in err
