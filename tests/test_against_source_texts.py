"""Against the documents themselves (../shared/seeds and ../shared/corpus, present in CI; skipped
elsewhere):
every quote is verbatim, every numeric mention is accounted for, and the project holds no more of
their text than short quotes."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

from etl.__main__ import main
from etl.load import load_curated
from etl.texts import normalize_text

REPO = Path(__file__).resolve().parent.parent
WINDOW_WORDS = 35
"""Longer than any evidence quote may be (30 words): a shared run this long is copied prose."""


def _text_files(source_texts: tuple[Path, ...]) -> list[Path]:
    return [path for directory in source_texts for path in sorted(directory.glob("*.txt"))]


def _texts_args(source_texts: tuple[Path, ...]) -> list[str]:
    return [arg for directory in source_texts for arg in ("--texts", str(directory))]


def test_each_source_record_names_the_hash_of_a_text_that_exists(source_texts):
    hashes = {hashlib.sha256(p.read_bytes()).hexdigest() for p in _text_files(source_texts)}
    for source in load_curated().sources:
        assert source.record.text_sha256 in hashes, source.record.source_id


def test_every_evidence_quote_occurs_verbatim_and_holds_its_number(source_texts, capsys):
    code = main(["verify", *_texts_args(source_texts)])
    report = capsys.readouterr().out
    assert code == 0, report
    sources = len(load_curated().sources)
    summary = rf"verify: \d+ quotes checked in {sources} sources, 0 failures"
    assert re.search(summary, report), report


def test_every_numeric_mention_is_covered_or_dismissed_with_a_reason(source_texts, capsys):
    code = main(["scan", *_texts_args(source_texts)])
    report = capsys.readouterr().out
    assert code == 0, report
    assert "0 unaccounted — coverage 100.0%" in report, report


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", normalize_text(text).lower())


def test_no_file_in_the_project_carries_a_passage_of_the_documents(source_texts):
    windows = set()
    for text in _text_files(source_texts):
        words = _words(text.read_text(encoding="utf-8"))
        windows |= {tuple(words[i : i + WINDOW_WORDS]) for i in range(len(words) - WINDOW_WORDS)}
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    leaks = []
    for name in tracked:
        path = REPO / name
        if not path.is_file():
            continue
        try:
            words = _words(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        if any(tuple(words[i : i + WINDOW_WORDS]) in windows for i in range(len(words))):
            leaks.append(name)
    assert not leaks, f"files holding {WINDOW_WORDS}+ consecutive words of a source text: {leaks}"
