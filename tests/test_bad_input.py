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
}


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
    edit(curated_copy, "series.yaml", "    unit: tonnes\n", "    unit: barrels\n")
    code, err = run_build(curated_copy, previous_output, capsys)
    assert code == 1
    assert "5.4 zillion" in err and "'roughly'" in err and "unknown unit 'barrels'" in err
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
        "events.parquet",
        "hypotheses.parquet",
        "observations.parquet",
        "series.parquet",
        "sources.parquet",
    ]
