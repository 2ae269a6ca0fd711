"""How well and how fast ``python -m etl propose`` drafts a document → docs/benchmarks.md.

Three measures, in one run:

* **Leave-one-out on the curated documents.** Each document is proposed from its text alone
  (its own curated file unseen; the series registry and the other documents known) and compared
  mention by mention with what the curators recorded (``etl.intake.evaluation``): recall of the
  curated facts by (value, unit), by (value, unit, period) and by qualifier; precision of the
  proposed facts and dismissals; every quote and context checked by ``verify``. The same is
  measured a second time with the document's curated date given (``--date``), which separates
  reading periods from guessing when a text was written.
* **The confirmed draft.** Each leave-one-out draft, accepted as it stands (``review
  --accept-all``) into a copy of the curated data, must pass ``build``, ``verify`` and ``scan``.
* **Speed.** Time per document and per page, and a 50-page PDF made from the five texts,
  proposed by the command itself (a fresh process, as a curator runs it; goal < 30 s).
* **Bounds.** What ``propose`` does with input no real document comes near, generated here in
  a temporary directory: a 50 MB HTML page and a 25 MB text of about a million numbers, as the
  command is run (refused by the size limit) and with that limit raised (stopped by the time
  limit), each with its wall time and peak memory; and the time of the mention scan on the
  first 0.5, 2 and 8 MB of that text, which must grow linearly. ``--bounds-only`` measures just
  these and rewrites only their part of the section.

Also measured: quantulum3, a well-kept quantity extractor, reading value and unit from each
curated fact's own quote, against the project's rules on the same facts — the comparison that
decides which of the two the intake uses.

**Real reports** (a section of its own, ``<!-- intake-corpus -->``). The ten news reports of
``../shared/corpus/`` (Russian, Ukrainian, English), each proposed as it was first met —
its date from the corpus README, its own facts unseen, the series only its curation added left
out of the registry — and scored against its hand-written
answer key (``etl.intake.evaluation.score_against_key``) and the series a careful curator
would file each key figure under (``bench/corpus_series.yaml``): recall of (value, unit), and
with the period, sign, qualifier and series right; precision; verbatim quotes; the fields a
curator changes per five key figures; calibration by confidence band; time per document; and
quantulum3 on the same key figures. ``--corpus-only`` measures just these and rewrites only
that section; where the corpus is absent it is skipped with a note.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from report import replace_section

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from etl.intake.commands import MAX_MB, TIMEOUT_SECONDS  # noqa: E402
from etl.intake.evaluation import (  # noqa: E402
    BANDS,
    CONFIDENT,
    CURRENCIES,
    FALSE_POSITIVE_FIELDS,
    MISSED_ROW_FIELDS,
    CorpusScore,
    DocumentScore,
    KeyRow,
    key_amounts,
    leave_one_out,
    pool,
    read_key,
    read_series_key,
    score_corpus,
)
from etl.intake.grammar.language import language_of  # noqa: E402
from etl.load import CURATED_DIR, load_curated  # noqa: E402
from etl.normalize import NormalizationError, parse_value  # noqa: E402
from etl.texts import scan_mentions  # noqa: E402

GOALS = {
    "value_unit": 0.95,
    "value_unit_period": 0.85,
    "qualifier": 0.80,
    "matching": 0.80,
}
PDF_PAGES = 50
PDF_GOAL_SECONDS = 30.0
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
HOSTILE_HTML_MB = 50
HOSTILE_TEXT_MB = 25
SCAN_MB = (0.5, 2, 8)
RAISED_TIMEOUT = 30  # seconds: the time limit, shortened, for the runs with the size limit raised
WITHIN_MB = 1  # the first MB of the numeric text: proposed whole, as a document within the limit
BOUNDS_HEADING = "### Bounds: input no real document comes near"
CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_SERIES = Path(__file__).resolve().parent / "corpus_series.yaml"
CORPUS_SECTION = "intake-corpus"
CORPUS_GOALS = {
    "value_unit": 0.95,
    "period": 0.90,
    "sign": 0.95,
    "qualifier": 0.90,
    "series": 0.90,
    "precision": 0.90,
}
CORPUS_FIELDS_GOAL = 1.0  # fields the curator changes per five key figures
CORPUS_SECONDS_GOAL = 2.0  # per document


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _pooled(scores: list[DocumentScore], name: str) -> float:
    numerator = sum(getattr(s, name) for s in scores)
    denominator = sum(s.proposals if name == "matching" else s.facts for s in scores)
    return numerator / denominator if denominator else 1.0


def _table(scores: list[DocumentScore]) -> list[str]:
    lines = [
        "| document | facts | (value, unit) | + period | qualifier | precision | events cited "
        "| quotes verified | time | per page |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        verified = s.quotes - len(s.quote_failures)
        lines.append(
            f"| {s.source_id} | {s.facts} | {_pct(s.ratio('value_unit'))} "
            f"| {_pct(s.ratio('value_unit_period'))} | {_pct(s.ratio('qualifier'))} "
            f"| {_pct(s.ratio('matching'))} ({s.matching}/{s.proposals}) "
            f"| {s.events_cited}/{s.events} | {verified}/{s.quotes} | {s.seconds:.2f} s "
            f"| {s.seconds / max(s.pages, 1) * 1000:.0f} ms |"
        )
    lines.append(
        f"| **all** | {sum(s.facts for s in scores)} | **{_pct(_pooled(scores, 'value_unit'))}** "
        f"| **{_pct(_pooled(scores, 'value_unit_period'))}** "
        f"| **{_pct(_pooled(scores, 'qualifier'))}** | **{_pct(_pooled(scores, 'matching'))}** "
        f"| {sum(s.events_cited for s in scores)}/{sum(s.events for s in scores)} "
        f"| {sum(s.quotes - len(s.quote_failures) for s in scores)}/"
        f"{sum(s.quotes for s in scores)} | {sum(s.seconds for s in scores):.2f} s | |"
    )
    return lines


def _misses(scores: list[DocumentScore]) -> list[str]:
    lines = []
    for s in scores:
        facts = [m for m in s.misses if not m.startswith("proposed ")]
        if facts:
            lines.append(f"* {s.source_id}: " + "; ".join(facts))
    return lines


def _run(command: list[str], cwd: Path) -> tuple[int, str]:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    output = (done.stdout + done.stderr).strip().splitlines()
    return done.returncode, output[-1] if output else ""


def confirmed_drafts(texts: Path) -> list[str]:
    """Propose each document into a copy of the curated data without it; accept all; check."""
    dataset = load_curated()
    python = sys.executable
    rows = ["| document | build | verify | scan |", "|---|---|---|---|"]
    for source in dataset.sources:
        sid = source.record.source_id
        text = next(
            (p for p in texts.iterdir() if p.is_file() and _sha(p) == source.record.text_sha256),
            None,
        )
        if text is None:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            curated = Path(tmp) / "curated"
            shutil.copytree(CURATED_DIR, curated)
            (curated / "sources" / f"{sid}.yaml").unlink()
            for other in (curated / "sources").glob("*.yaml"):
                # Another document's see_also may name the one left out; drop that reference.
                lines = other.read_text(encoding="utf-8").splitlines(keepends=True)
                kept = [line for line in lines if not re.search(rf"see_also:.*{sid}/", line)]
                other.write_text("".join(kept), encoding="utf-8")
            saved = Path(tmp) / "texts"
            base = [python, "-m", "etl", "--curated", str(curated)]
            steps = [
                [*base, "propose", str(text), "--id", sid, "--save-text", str(saved)],
                [*base, "review", sid, "--accept-all"],
                [*base, "build", "--out", str(Path(tmp) / "parquet")],
                [*base, "verify", "--texts", str(texts), "--texts", str(saved)],
                [*base, "scan", "--texts", str(texts), "--texts", str(saved)],
            ]
            results = []
            for step in steps:
                code, last = _run(step, REPO)
                results.append("passes" if code == 0 else f"**fails**: {last}")
        rows.append(f"| {sid} | {results[2]} | {results[3]} | {results[4]} |")
    return rows


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def fifty_page_pdf(texts: Path, out: Path) -> int:
    """A PDF of at least 50 pages from the five texts (only in a temporary directory)."""
    from fpdf import FPDF

    bodies = [p.read_text(encoding="utf-8") for p in sorted(texts.glob("*.txt"))]
    pdf = FPDF()
    if FONT.is_file():
        pdf.add_font("body", fname=str(FONT))
        pdf.set_font("body", size=10)
    else:  # latin-1 only: the characters it cannot draw become "?"
        pdf.set_font("helvetica", size=10)
        bodies = [b.encode("latin-1", "replace").decode("latin-1") for b in bodies]
    pdf.set_title("Fifty pages of policy memos")
    pdf.add_page()
    index = 0
    while pdf.pages_count < PDF_PAGES:
        pdf.multi_cell(0, 5, bodies[index % len(bodies)], new_x="LMARGIN", new_y="NEXT")
        index += 1
    pdf.output(str(out))
    return pdf.pages_count


def time_pdf(texts: Path) -> tuple[int, float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "fifty.pdf"
        pages = fifty_page_pdf(texts, pdf)
        curated = Path(tmp) / "curated"
        shutil.copytree(CURATED_DIR, curated)
        command = [
            sys.executable, "-m", "etl", "--curated", str(curated), "propose", str(pdf),
            "--id", "fifty-pages", "--save-text", str(Path(tmp) / "texts"),
        ]  # fmt: skip
        started = time.perf_counter()
        code, last = _run(command, REPO)
        seconds = time.perf_counter() - started
        summary = subprocess.run(
            ["grep", "-c", "^  - ", str(curated / "sources" / "fifty-pages.yaml")],
            capture_output=True,
            text=True,
        ).stdout.strip()
    return pages, seconds, f"exit {code}, {summary} entries" if code == 0 else last


_QUANTULUM_UNITS = {
    "dollar": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "percentage": "percent",
    "tonne": "tonnes",
    "ruble": "RUB",
    "russian ruble": "RUB",
}


def quantulum_comparison() -> tuple[int, int, float]:
    """Facts whose (value, unit) quantulum3 reads from the fact's own quote, and its time."""
    import warnings

    warnings.filterwarnings("ignore")
    from quantulum3 import parser

    dataset = load_curated()
    found = total = 0
    started = time.perf_counter()
    for source in dataset.sources:
        for fact in source.facts:
            if fact.qualifier == "range":
                continue
            total += 1
            try:
                want = parse_value(fact.value_text or "", fact.unit).value
            except NormalizationError:
                continue
            for quantity in parser.parse(fact.evidence):
                unit = _QUANTULUM_UNITS.get(quantity.unit.name.lower())
                count_like = quantity.unit.name == "dimensionless" and fact.unit in (
                    "count",
                    "persons",
                    "rank",
                )
                if (unit == fact.unit or count_like) and abs(quantity.value - want) < 1e-6 * max(
                    1.0, abs(want)
                ):
                    found += 1
                    break
    return found, total, time.perf_counter() - started


_QUANTULUM_KEY_UNITS: dict[str, frozenset[str]] = {
    "dollar": frozenset({"USD"}),
    "united states dollar": frozenset({"USD"}),
    "euro": frozenset({"EUR"}),
    "percentage": frozenset({"percent"}),
    "tonne": frozenset({"tonnes"}),
    "ton": frozenset({"tonnes"}),
    "short ton": frozenset({"tonnes"}),
    "barrel per day": frozenset({"barrels per day"}),
    "dollar per tonne": frozenset({"USD per tonne"}),
    "dollar per ton": frozenset({"USD per tonne"}),
    "tonne per year": frozenset({"tonnes per year"}),
    "ton per year": frozenset({"tonnes per year"}),
    # quantulum3 knows no Belarusian ruble: any ruble is taken for the key's
    "ruble": frozenset({"RUB", "BYR", "BYN"}),
    "russian ruble": frozenset({"RUB", "BYR", "BYN"}),
    "belarusian ruble": frozenset({"BYR", "BYN"}),
}


def quantulum_reads(row: KeyRow, language: str | None) -> bool:
    """Whether quantulum3, given the key's own quote, reads the row's value and unit (both
    ends of a range; any currency where the key's currency is implied)."""
    from quantulum3 import parser

    wanted = key_amounts(row, language)
    implied = "currency implied" in row.indicator.lower()
    read = []
    for quantity in parser.parse(row.quote):
        units = _QUANTULUM_KEY_UNITS.get(quantity.unit.name.lower(), frozenset())
        if row.unit in units or (implied and units & CURRENCIES):
            read.append(quantity.value)
    return bool(wanted) and all(
        any(abs(value - want) <= 1e-6 * max(1.0, abs(want)) for value in read) for want in wanted
    )


def quantulum_on_keys(corpus: Path) -> tuple[dict[str, tuple[int, int]], float]:
    """Per document: key rows whose (value, unit) quantulum3 reads from the key's quote, of
    how many; and the time it took."""
    import warnings

    warnings.filterwarnings("ignore")
    found: dict[str, tuple[int, int]] = {}
    started = time.perf_counter()
    for key_path in sorted(corpus.glob("*.key.csv")):
        slug = key_path.name.removesuffix(".key.csv")
        language = language_of((corpus / f"{slug}.txt").read_text(encoding="utf-8"))
        rows = read_key(key_path)
        found[slug] = (sum(quantulum_reads(row, language) for row in rows), len(rows))
    return found, time.perf_counter() - started


def _verdict_at_least(value: float, goal: float) -> str:
    return "meets" if value >= goal else "**misses**"


def _verdict_at_most(value: float, goal: float) -> str:
    return "meets" if value <= goal else "**misses**"


def _corpus_goals(all_: CorpusScore, slowest: float) -> list[str]:
    names = {
        "value_unit": "recall of (value, unit)",
        "period": "recall of (value, unit, period)",
        "sign": "recall with the sign right",
        "qualifier": "recall with the qualifier right",
        "series": "recall with the series right",
    }
    rows = ["| goal | pooled | verdict |", "|---|---|---|"]
    for name, label in names.items():
        value = all_.recall(None if name == "value_unit" else name)
        goal = CORPUS_GOALS[name]
        rows.append(
            f"| {label} ≥ {_pct(goal)} | {_pct(value)} | {_verdict_at_least(value, goal)} |"
        )
    wrong = all_.confident_in_wrong_existing_series()
    rows.append(
        f"| no proposal at confidence ≥ {CONFIDENT} in a wrong existing series | {wrong} "
        f"| {_verdict_at_most(wrong, 0)} |"
    )
    precision = all_.precision()
    rows.append(
        f"| precision ≥ {_pct(CORPUS_GOALS['precision'])} | {_pct(precision)} "
        f"({len(all_.matches)}/{all_.proposals}) "
        f"| {_verdict_at_least(precision, CORPUS_GOALS['precision'])} |"
    )
    failures = len(all_.quote_failures)
    rows.append(
        f"| every proposed quote verbatim | {all_.quotes - failures}/{all_.quotes} "
        f"| {_verdict_at_most(failures, 0)} |"
    )
    fields = all_.fields_per_five()
    rows.append(
        f"| curator's fields ≤ {CORPUS_FIELDS_GOAL:g} per 5 key figures | {fields:.1f} "
        f"({all_.curator_fields()} for {all_.rows}) "
        f"| {_verdict_at_most(fields, CORPUS_FIELDS_GOAL)} |"
    )
    rows.append(
        f"| time per document < {CORPUS_SECONDS_GOAL:g} s | slowest {slowest:.2f} s "
        f"| {'meets' if slowest < CORPUS_SECONDS_GOAL else '**misses**'} |"
    )
    return rows


def _corpus_table(scores: list[CorpusScore], all_: CorpusScore) -> list[str]:
    lines = [
        "| document | lang | date | key figures | proposed | (value, unit) | + period | sign "
        "| qualifier | series | precision | quotes verbatim | fields per 5 "
        f"| ≥ {CONFIDENT} in a wrong series | time |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in [*scores, all_]:
        bold = "**" if s is all_ else ""
        lines.append(
            f"| {bold}{s.document}{bold} | {s.language or '–'} | {s.date or '–'} | {s.rows} "
            f"| {s.proposals} | {bold}{_pct(s.recall())}{bold} | {_pct(s.recall('period'))} "
            f"| {_pct(s.recall('sign'))} | {_pct(s.recall('qualifier'))} "
            f"| {_pct(s.recall('series'))} "
            f"| {_pct(s.precision())} ({len(s.matches)}/{s.proposals}) "
            f"| {s.quotes - len(s.quote_failures)}/{s.quotes} | {s.fields_per_five():.1f} "
            f"| {s.confident_in_wrong_existing_series()} | {s.seconds:.2f} s |"
        )
    return lines


def _calibration(all_: CorpusScore, scores: list[CorpusScore]) -> list[str]:
    """Proposals fully right per confidence band: as proposed (with the calibration table
    learned from every document, these included), and cross-validated (each report's
    proposals scored by a table learned without it) — what a confidence means for a report
    the table has not seen."""
    from calibrate import cross_validated, outcomes

    found = outcomes()
    unseen = cross_validated(found)
    reports = {s.document for s in scores}
    pairs = [pair for document, judged in unseen.items() if document in reports for pair in judged]
    lines = [
        "| confidence | proposals | fully right | share "
        "| cross-validated: proposals | right | share |",
        "|---|---|---|---|---|---|---|",
    ]
    for low, high in BANDS:
        right, total = all_.band(low, high)
        inside = [ok for p, ok in pairs if low <= p and (p < high or (high >= 1.0 and p <= 1))]
        closing = "]" if high >= 1.0 else ")"
        share = _pct(right / total) if total else "–"
        held = _pct(sum(inside) / len(inside)) if inside else "–"
        lines.append(
            f"| [{low:g}, {high:g}{closing} | {total} | {right} | {share} "
            f"| {len(inside)} | {sum(inside)} | {held} |"
        )
    return lines


def _dimensions(all_: CorpusScore) -> list[str]:
    agreement = all_.dimension_agreement()
    if not agreement:
        return ["No matched figure is in a new series the draft proposes."]
    return [
        "Where a matched figure is in a new series the draft proposes, the dimensions that "
        "series states, against those `bench/corpus_series.yaml` gives (reported, not a goal): "
        + "; ".join(f"{name} {agreed}/{total}" for name, (agreed, total) in agreement.items())
        + "."
    ]


def corpus_section(corpus: Path) -> list[str] | None:
    """The "Real reports" section, or None where the corpus is absent."""
    if not any(corpus.glob("*.key.csv")):
        return None
    dataset = load_curated()
    keys = read_series_key(CORPUS_SERIES, frozenset(s.series_id for s in dataset.series))
    scores = score_corpus(corpus, keys, dataset)
    all_ = pool(scores)
    slowest = max((s.seconds for s in scores), default=0.0)
    q_found, q_seconds = quantulum_on_keys(corpus)
    languages = Counter(s.language or "none" for s in scores)
    in_languages = ", ".join(f"{lang} {n}" for lang, n in sorted(languages.items()))
    quantulum_rows = [
        "| document | lang | key figures | quantulum3, from the key's quote | the intake, "
        "from the whole text |",
        "|---|---|---|---|---|",
    ]
    for s in scores:
        found, total = q_found.get(s.document, (0, s.rows))
        quantulum_rows.append(
            f"| {s.document} | {s.language or '–'} | {total} | {found} ({_pct(found / total)}) "
            f"| {len(s.matches)} ({_pct(s.recall())}) |"
        )
    q_all = sum(f for f, _ in q_found.values())
    quantulum_rows.append(
        f"| **all** | | {all_.rows} | **{q_all} ({_pct(q_all / all_.rows)})** "
        f"| **{len(all_.matches)} ({_pct(all_.recall())})** |"
    )
    misses = []
    for s in scores:
        if s.misses:
            misses.append(f"* **{s.document}**: " + "; ".join(s.misses))
    return [
        "## Intake on real reports: news in three languages against answer keys",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}. The {len(scores)}",
        f"reports of `../shared/corpus/` ({in_languages}; {all_.rows} key figures), each",
        "proposed as it was first met: with its date from the corpus README (the first date its",
        "table gives), its own curated facts unseen, against the series registry",
        "(`datasets/curated/series.yaml`) less the series only its own curation added",
        "(`etl.intake.evaluation.registry_before`), and matched one to one with its answer key",
        "(`etl.intake.evaluation.score_against_key`). A proposal matches a key figure with the",
        "same value (the key's value as written, in the document's number format, times its",
        "scale), the same unit (any currency where the key's is implied) and a quote or mention",
        "overlapping the key's quote. The series right is the one `bench/corpus_series.yaml`",
        "gives (a careful curator's filing; where it is `new`, any series not in the registry).",
        "The curator's fields: per matched figure, each of period, qualifier, sign and series",
        f"that is wrong; {MISSED_ROW_FIELDS} for a key figure not proposed (write it);",
        f"{FALSE_POSITIVE_FIELDS} for a proposal matching no key figure (delete it).",
        "",
        *_corpus_goals(all_, slowest),
        "",
        "### Per document",
        "",
        *_corpus_table(scores, all_),
        "",
        "### Calibration: proposals fully right by confidence",
        "",
        "Fully right: matched to a key figure, with period, qualifier, sign and series right. "
        "The confidence is the calibrated one (`make calibrate`: isotonic regression over the "
        "curated documents' leave-one-out and these reports); cross-validated, each report's "
        "proposals are scored by a table learned from the other fourteen documents only.",
        "",
        *_calibration(all_, scores),
        "",
        *_dimensions(all_),
        "",
        "### quantulum3 on the same key figures",
        "",
        "quantulum3 given each key figure's own quote (easier than finding it in the text;",
        "`ruble` taken for whichever ruble the key names) reads the right value and unit for",
        f"{q_all} of {all_.rows} in {q_seconds:.1f} s:",
        "",
        *quantulum_rows,
        "",
        "### What the drafts get wrong",
        "",
        *misses,
    ]


def _write_corpus_section(output: Path, lines: list[str]) -> None:
    """Replace the corpus section, placed right after the leave-one-out section when new."""
    text = output.read_text(encoding="utf-8") if output.exists() else ""
    start, after = f"<!-- {CORPUS_SECTION}:start -->", "<!-- intake:end -->"
    if start not in text and after in text:
        cut = text.index(after) + len(after)
        placeholder = f"\n\n{start}\n<!-- {CORPUS_SECTION}:end -->"
        output.write_text(text[:cut] + placeholder + text[cut:], encoding="utf-8")
    replace_section(output, CORPUS_SECTION, "\n".join(lines))


def _corpus(output: Path, corpus: Path) -> None:
    lines = corpus_section(corpus)
    if lines is None:
        print(f"bench/intake: no answer keys in {corpus}; real reports skipped", file=sys.stderr)
        return
    _write_corpus_section(output, lines)
    print("\n".join(lines[: lines.index("### Per document")]))


def numeric_paragraph(index: int) -> str:
    """One paragraph of the generated text: ten numbers of every kind, varied by ``index``."""
    year = 2000 + index % 24
    return (
        f"In {year}, exports reached ${index % 97}.{index % 10} billion, up {index % 50 + 1}% "
        f"on {year - 1}; imports were {index % 900 + 100},{index % 1000:03d} tonnes. About "
        f"{index % 5000} people and {index % 300} firms took part, two hundred more than in "
        f"March {year}.\n\n"
    )


def numeric_text(size: int) -> str:
    """About ``size`` characters of numeric paragraphs (about 48,000 numbers a MB)."""
    parts, length, index = ["Numbers, a generated text\n\n"], 0, 0
    while length < size:
        parts.append(numeric_paragraph(index))
        length += len(parts[-1])
        index += 1
    return "".join(parts)[:size]


def html_page(size: int) -> str:
    """An article page of about ``size`` characters made of numeric paragraphs."""
    parts = ["<!doctype html><html><head><title>Numbers</title></head><body><article>\n"]
    length, index = len(parts[0]), 0
    while length < size:
        parts.append(f"<p>{numeric_paragraph(index).strip()}</p>\n")
        length += len(parts[-1])
        index += 1
    parts.append("</article></body></html>\n")
    return "".join(parts)


def _measured(command: list[str]) -> tuple[int, float, float, str]:
    """Exit status, wall seconds, peak memory (MB) of the command's own process, last line."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return process.returncode, seconds, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def bounds() -> list[str]:
    """The bounds part of the section: generated hostile inputs, as run and with limits raised,
    and the scan's time on growing prefixes of the numeric text."""
    rows = [
        "| input | run | exit | time | peak memory | message |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "page.html"
        html.write_text(html_page(HOSTILE_HTML_MB * 10**6), encoding="utf-8")
        text = numeric_text(HOSTILE_TEXT_MB * 10**6)
        plain = Path(tmp) / "numbers.txt"
        plain.write_text(text, encoding="utf-8")
        numbers = len(re.findall(r"\d+(?:[.,]\d+)*", text))
        within = Path(tmp) / "numbers-within.txt"
        within.write_text(text[: WITHIN_MB * 10**6], encoding="utf-8")
        curated = Path(tmp) / "curated"
        shutil.copytree(CURATED_DIR, curated)
        runs = [
            ("as run (defaults)", []),
            (
                f"`--max-mb 100 --timeout {RAISED_TIMEOUT}`",
                ["--max-mb", "100", "--timeout", str(RAISED_TIMEOUT)],
            ),
        ]
        for label, path, tried in (
            (f"{HOSTILE_HTML_MB} MB HTML page", html, runs),
            (f"{HOSTILE_TEXT_MB} MB text, {numbers:,} numbers", plain, runs),
            (f"its first {WITHIN_MB} MB, within the limit", within, runs[:1]),
        ):
            for run, extra in tried:
                command = [
                    sys.executable, "-m", "etl", "--curated", str(curated), "propose", str(path),
                    "--id", "hostile", "--save-text", str(Path(tmp) / "texts"), *extra,
                ]  # fmt: skip
                code, seconds, peak, message = _measured(command)
                message = message.replace(str(path), path.name).replace("|", "\\|")
                draft = curated / "sources" / "hostile.yaml"
                written = draft.exists() and path != within
                if path == within and code == 0:
                    message = f"a draft of {draft.stat().st_size / 1e6:.0f} MB written"
                rows.append(
                    f"| {label} | {run} | {code} | {seconds:.1f} s | {peak:.0f} MB "
                    f"| {message}{' (**a draft was written**)' if written else ''} |"
                )
        scans = ["| first | numbers | mentions | time | per MB |", "|---|---|---|---|---|"]
        for megabytes in SCAN_MB:
            prefix = text[: int(megabytes * 10**6)]
            started = time.perf_counter()
            mentions = scan_mentions(prefix)
            seconds = time.perf_counter() - started
            count = len(re.findall(r"\d+(?:[.,]\d+)*", prefix))
            scans.append(
                f"| {megabytes:g} MB | {count:,} | {len(mentions):,} | {seconds:.2f} s "
                f"| {seconds / megabytes:.2f} s |"
            )
    return [
        BOUNDS_HEADING,
        "",
        f"`propose` reads no document over {MAX_MB:g} MB (`--max-mb`, `ETL_PROPOSE_MAX_MB`: the",
        "file, checked before it is read, and the text of an HTML page or PDF) and stops after",
        f"{TIMEOUT_SECONDS:g} s (`--timeout`, `ETL_PROPOSE_TIMEOUT`), writing nothing. Inputs",
        "generated for the purpose (numeric paragraphs, ten numbers each), proposed by the",
        "command in a fresh process; peak memory is the largest resident set of that process",
        "or of the child that reads an HTML page:",
        "",
        *rows,
        "",
        "The generated text has a number every 20 characters, more than ten times as many as",
        "any curated document: its every mention becomes a proposal, which is why even its",
        "first MB takes this long (most of it writing the draft). Real reports are proposed in",
        "seconds (the 50-page PDF above).",
        "",
        "The mention scan (`etl.texts.scan_mentions`, which `propose` and `scan` run over a",
        "whole text) on the first megabytes of the same text. Each number is read with a fixed",
        "window around it, so the time per MB stays flat:",
        "",
        *scans,
    ]


def _with_bounds(output: Path, lines: list[str]) -> str:
    """The current intake section with its bounds part replaced by ``lines``."""
    text = output.read_text(encoding="utf-8") if output.exists() else ""
    start, end = "<!-- intake:start -->", "<!-- intake:end -->"
    if start not in text or end not in text:
        raise SystemExit("bench/intake: no intake section yet; run without --bounds-only first")
    body = text[text.index(start) + len(start) : text.index(end)].strip()
    if BOUNDS_HEADING in body:
        body = body[: body.index(BOUNDS_HEADING)].rstrip()
    return body + "\n\n" + "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--texts", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument(
        "--bounds-only",
        action="store_true",
        help="measure only the bounds; keep the rest of the section as it is",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--corpus-only",
        action="store_true",
        help="measure only the real reports against their keys; rewrite only their section",
    )
    args = parser.parse_args()
    if args.corpus_only:
        _corpus(args.output, args.corpus)
        return 0
    if args.bounds_only:
        lines = bounds()
        replace_section(args.output, "intake", _with_bounds(args.output, lines))
        print("\n".join(lines))
        return 0
    if not any(args.texts.glob("*.txt")):
        print(f"bench/intake: no texts in {args.texts}; nothing measured", file=sys.stderr)
        return 0
    dataset = load_curated()
    alone = leave_one_out(dataset, args.texts)
    dated = leave_one_out(dataset, args.texts, dates_given=True)
    confirmed = confirmed_drafts(args.texts)
    pages, pdf_seconds, pdf_result = time_pdf(args.texts)
    q_found, q_total, q_seconds = quantulum_comparison()
    ours = sum(s.value_unit for s in alone)
    ours_total = sum(s.facts for s in alone)

    def verdict(value: float, goal: float) -> str:
        return "meets" if value >= goal else "**misses**"

    goals = [
        "| goal | text alone | with the document's date given |",
        "|---|---|---|",
    ]
    names = {
        "value_unit": "recall of (value, unit) ≥ 95%",
        "value_unit_period": "recall of (value, unit, period) ≥ 85%",
        "qualifier": "recall of the qualifier ≥ 80%",
        "matching": "precision (proposals matching a curated fact or dismissal) ≥ 80%",
    }
    for name, goal in GOALS.items():
        a, d = _pooled(alone, name), _pooled(dated, name)
        goals.append(
            f"| {names[name]} | {_pct(a)} ({verdict(a, goal)}) | {_pct(d)} ({verdict(d, goal)}) |"
        )
    failures = sum(len(s.quote_failures) for s in alone)
    goals.append(
        f"| every proposed quote passes `verify` | {failures} failures | "
        f"{sum(len(s.quote_failures) for s in dated)} failures |"
    )
    goals.append(
        f"| a {PDF_PAGES}-page PDF proposed in < {PDF_GOAL_SECONDS:.0f} s | "
        f"{pdf_seconds:.1f} s for {pages} pages ({pdf_result}; "
        f"{verdict(PDF_GOAL_SECONDS - pdf_seconds, 0)}) | |"
    )
    body = [
        "## Intake: `python -m etl propose` against the curators, leave-one-out",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}. Each document is",
        "proposed from its text alone (its own curated file unseen) and compared mention by",
        "mention with what the curators recorded; figures pooled over the five documents.",
        "",
        *goals,
        "",
        "### Per document, text alone",
        "",
        *_table(alone),
        "",
        "### Per document, with the document's curated date given (`--date`)",
        "",
        *_table(dated),
        "",
        "Precision counts proposed facts and dismissals; proposed events are counted apart",
        "(“events cited”: a curated event or claim cites the year), because which dated",
        "sentences deserve a mark on a chart is an editorial choice, not a reading.",
        "",
        "### What the proposals get wrong (text alone)",
        "",
        *_misses(alone),
        "",
        "### The drafts accepted as they stand",
        "",
        "Each leave-one-out draft, accepted whole (`review --accept-all`) into a copy of the",
        "curated data without the document:",
        "",
        *confirmed,
        "",
        "### A quantity-extraction library against the project's rules",
        "",
        "quantulum3 given each curated fact's own quote (easier than finding the figure in the",
        f"text) reads the right value and unit for {q_found} of {q_total} single-value facts in",
        f"{q_seconds:.1f} s; the project's rules, finding the figures themselves in the whole",
        f"text, read {ours} of {ours_total} facts (ranges included). The intake therefore keeps",
        "its own rules, which share the scan's notion of a mention (so every mention gets",
        "exactly one proposal) and read Russian scale words and decimal commas.",
        "",
        *bounds(),
    ]
    replace_section(args.output, "intake", "\n".join(body))
    print("\n".join(goals))
    _corpus(args.output, args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
