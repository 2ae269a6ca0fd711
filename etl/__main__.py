"""Command line: ``python -m etl build | findings | anchor | verify | scan | propose | review``.

``propose`` drafts the curated file of a new document and saves its text in ``texts/`` beside
the curated directory (``datasets/texts/``, outside version control: the texts are others'
writing). It reads no document over ``--max-mb`` (``ETL_PROPOSE_MAX_MB``) and stops after
``--timeout`` seconds (``ETL_PROPOSE_TIMEOUT``). ``review`` lists a draft's proposals, least
certain first, and accepts the confirmed ones once they pass the build's own rules.
``anchor``, ``verify`` and ``scan`` read the texts in every ``--texts DIR`` given, and without
one the texts ``propose`` saved; ``anchor`` writes where each quote sits in its text
(``datasets/curated/anchors/``), for the links that open the original at the quote.

A draft still under review is left out of every command that reads the curated data, and each
command names the drafts it left out; the confirmed documents build, verify and scan.

Exit codes: 0 success, 1 problems found (bad curated input, failed citations, unaccounted
mentions), 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from etl.load import CURATED_DIR
from etl.problems import CuratedDataError


def _load_valid(curated: Path):
    from etl.load import load_curated
    from etl.validate import validate_dataset

    drafts: list = []
    dataset = load_curated(curated, drafts)
    validate_dataset(dataset)
    _report_drafts(drafts)
    return dataset


def _report_drafts(drafts) -> None:
    """One line per draft left out (file, what is still proposed, the fix), on stderr: the
    command succeeds for the confirmed documents, and the curator sees what is still open."""
    for draft in drafts:
        print(draft.problem, file=sys.stderr)


def command_build(args: argparse.Namespace) -> int:
    from etl.load import open_drafts
    from etl.pipeline import build
    from etl.write import write_tables

    result = build(args.curated)
    paths = write_tables(result.tables, result.dataset.inputs_sha256, args.out)
    inconsistent = sum(c.status == "inconsistent" for c in result.checks)
    derived = sum(o.is_derived for o in result.observations)
    drafts = open_drafts(args.curated, result.dataset.files)
    _report_drafts(drafts)
    print(
        f"etl: {len(result.observations)} observations ({derived} derived) in "
        f"{len(result.dataset.series)} series from {len(result.dataset.sources)} sources"
        + (f" ({len(drafts)} draft(s) left out until reviewed)" if drafts else "")
        + f"; {len(result.checks)} checks, {inconsistent} inconsistent; wrote {len(paths)} "
        f"files to {args.out}"
    )
    return 0


def command_findings(args: argparse.Namespace) -> int:
    from etl.findings import render
    from etl.pipeline import build

    text = render(build(args.curated))
    if args.out is None:
        print(text, end="")
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"findings: wrote {args.out}")
    return 0


def command_propose(args: argparse.Namespace) -> int:
    from etl.intake.commands import ProposeTimeout, propose_file

    try:
        summary = propose_file(
            args.path,
            args.curated,
            source_id=args.id,
            out=args.out,
            texts_dir=args.save_text or _texts_beside(args.curated),
            date=args.date,
            max_mb=args.max_mb,
            timeout=args.timeout,
            language=args.language,
        )
    except ProposeTimeout as stopped:
        print(f"error: {stopped}", file=sys.stderr)
        return 1
    print(summary)
    return 0


_PROPOSE_BOUNDS = (
    ("max_mb", "--max-mb", "ETL_PROPOSE_MAX_MB", "MB"),
    ("timeout", "--timeout", "ETL_PROPOSE_TIMEOUT", "seconds"),
)


def _propose_bounds(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """``--max-mb`` and ``--timeout``: the flag, else the environment variable, else the default;
    each a positive number."""
    from etl.intake.commands import MAX_MB, TIMEOUT_SECONDS

    defaults = {"max_mb": MAX_MB, "timeout": TIMEOUT_SECONDS}
    for name, flag, variable, unit in _PROPOSE_BOUNDS:
        value, given = getattr(args, name), flag
        if value is None and os.environ.get(variable, "").strip():
            given = f"{variable}={os.environ[variable]}"
            try:
                value = float(os.environ[variable])
            except ValueError:
                parser.error(f"{given}: not a number of {unit}")
        value = defaults[name] if value is None else value
        if not value > 0 or value == float("inf"):
            parser.error(f"{given}: must be a positive number of {unit}")
        setattr(args, name, value)


def command_review(args: argparse.Namespace) -> int:
    from etl.intake.commands import review_file

    print(review_file(args.source, args.curated, accept=args.accept, everything=args.accept_all))
    return 0


def _texts_beside(curated: Path) -> Path:
    from etl.intake.documents import texts_beside

    return texts_beside(curated)


def _texts(args: argparse.Namespace) -> list[Path]:
    """The ``--texts`` directories given, else the texts ``propose`` saved beside the curated
    directory (none when it does not exist: every document is then reported skipped)."""
    return args.texts or [_texts_beside(args.curated)]


def command_anchor(args: argparse.Namespace) -> int:
    from etl.anchors import ANCHORS_DIR_NAME, anchor_source, write_anchors
    from etl.texts import load_texts

    dataset = _load_valid(args.curated)
    texts = load_texts(_texts(args))
    directory = args.curated / ANCHORS_DIR_NAME
    changed, missing = [], []
    for source in dataset.sources:
        path = texts.get((source.record.text_sha256 or "").lower())
        if path is None:
            missing.append(source.record.source_id)
            continue
        anchors = anchor_source(source, path.read_bytes().decode("utf-8", errors="replace"))
        if write_anchors(source, anchors, directory, check=args.check):
            changed.append(source.record.source_id)
    curated_ids = {source.record.source_id for source in dataset.sources}
    orphans = sorted(
        path for path in directory.glob("*.yaml") if path.stem not in curated_ids
    )  # a document removed or renamed: its anchors go with it
    for path in orphans if not args.check else ():
        path.unlink()
    changed += [f"{path.stem} (no such document)" for path in orphans]
    verb = "out of date" if args.check else "rewrote"
    print(
        f"anchor: {len(dataset.sources) - len(missing)} document(s) anchored; "
        f"{verb}: {', '.join(changed) or 'none'}"
        + (f"; text not present (kept as they are): {', '.join(missing)}" if missing else "")
    )
    return 1 if args.check and changed else 0


def command_verify(args: argparse.Namespace) -> int:
    from etl.texts import verify_citations

    report = verify_citations(_load_valid(args.curated), _texts(args))
    print(report.format())
    return 0 if report.ok else 1


def command_scan(args: argparse.Namespace) -> int:
    from etl.texts import scan_coverage

    report = scan_coverage(_load_valid(args.curated), _texts(args))
    print(report.format())
    return 0 if report.ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    parser.add_argument("--curated", type=Path, default=CURATED_DIR, help="curated YAML directory")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="validate, derive, check and write parquet")
    from etl.write import PARQUET_DIR

    build.add_argument("--out", type=Path, default=PARQUET_DIR, help="parquet output directory")
    build.set_defaults(run=command_build)
    findings = commands.add_parser("findings", help="docs/findings.md from the checks")
    findings.add_argument("--out", type=Path, help="write here instead of standard output")
    findings.set_defaults(run=command_findings)
    for name, run, text in (
        ("anchor", command_anchor, "locate every quote in its text for links and annotations"),
        ("verify", command_verify, "every evidence quote occurs in its source text"),
        ("scan", command_scan, "every numeric mention in the texts is covered or dismissed"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument(
            "--texts",
            type=Path,
            action="append",
            help="directory of source texts (repeat for several; default: the texts propose "
            "saved, texts/ beside the curated directory)",
        )
        sub.set_defaults(run=run)
        if name == "anchor":
            sub.add_argument(
                "--check", action="store_true", help="write nothing; exit 1 if a file is stale"
            )
    propose = commands.add_parser("propose", help="draft the curated file of a new document")
    propose.add_argument("path", type=Path, help="the document: .txt, .html or .pdf")
    propose.add_argument(
        "--id", help="source id (default: the outlet's name, the title's first words, the year)"
    )
    propose.add_argument("--out", type=Path, help="draft file (default: sources/<id>.yaml)")
    propose.add_argument(
        "--date",
        help="the document's date if you know it: published (2018-12) or written (2023-10/2024)",
    )
    propose.add_argument(
        "--language",
        choices=("en", "ru", "uk"),
        help="the text's language when you know better than its letters tell (default: read "
        "from the text; a text in none of the three is refused)",
    )
    propose.add_argument(
        "--save-text",
        type=Path,
        help="where the extracted text is saved for verify and scan (default: texts/ beside "
        "the curated directory, datasets/texts)",
    )
    from etl.intake.commands import MAX_MB, TIMEOUT_SECONDS

    propose.add_argument(
        "--max-mb",
        type=float,
        help="refuse a document (the file, or the text of an HTML page or PDF) larger than this "
        f"many MB (default $ETL_PROPOSE_MAX_MB, else {MAX_MB:g})",
    )
    propose.add_argument(
        "--timeout",
        type=float,
        help="stop, writing nothing, after this many seconds "
        f"(default $ETL_PROPOSE_TIMEOUT, else {TIMEOUT_SECONDS:g})",
    )
    propose.set_defaults(run=command_propose)
    review = commands.add_parser("review", help="list a draft's proposals; accept confirmed ones")
    review.add_argument("source", help="source id (or the draft's path)")
    accept = review.add_mutually_exclusive_group()
    accept.add_argument("--accept", action="store_true", help="accept entries marked accept")
    accept.add_argument("--accept-all", action="store_true", help="accept every proposal")
    review.set_defaults(run=command_review)
    args = parser.parse_args(argv)
    for directory in getattr(args, "texts", None) or []:
        if not directory.is_dir():
            parser.error(f"--texts {directory}: not a directory")
    if args.command == "propose":
        _propose_bounds(args, parser)
    from etl.intake.documents import IntakeError

    try:
        return args.run(args)
    except CuratedDataError as error:
        print(error.format(), file=sys.stderr)
        return 1
    except IntakeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
