"""Read ``datasets/curated/`` into typed records, reporting every structural problem at once.

Structure only: required keys, types, unknown keys (a typo like ``evidance`` must not silently
drop a citation). What the values *mean* is checked in ``validate.py``.

A draft (a source file ``python -m etl propose`` wrote, still under review) is no part of the
dataset: it is left out, not refused, so that several documents can be under review at once
while the confirmed ones build; :func:`open_drafts` lists the drafts left out, for the
commands to report.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from etl.anchors import ANCHORS_DIR_NAME
from etl.model import (
    CuratedClaim,
    CuratedDataset,
    CuratedDisagreement,
    CuratedEvent,
    CuratedFact,
    CuratedSource,
    CuratedStatement,
    Dismissal,
    Location,
    SeriesDefinition,
    SourceRecord,
)
from etl.problems import NESTED, CuratedDataError, Problem

CURATED_DIR = Path(__file__).resolve().parent.parent / "datasets" / "curated"

MAX_FILE_MB = 2.0
"""The largest curated file read, in MB (10^6 bytes); ``ETL_CURATED_MAX_MB`` changes it.

A curated file holds one document's entries or the series registry: tens of KB (the largest
today is 24 KB). A file of megabytes is a mistake (a data dump saved under ``curated/``) or
hostile; parsing 50 MB of YAML takes half a minute and a gigabyte. Its size is checked before
it is read, and it becomes one problem like any other."""

MAX_FILE_MB_VARIABLE = "ETL_CURATED_MAX_MB"

SOURCE_KEYS = {
    "required": {"id", "title", "authors", "publisher"},
    "optional": {"published", "written", "url", "text_sha256", "container", "notes", "language"},
}
FACT_KEYS = {
    "required": {"id", "series", "period", "unit", "qualifier", "locator", "evidence"},
    "optional": {
        "value",
        "low",
        "high",
        "note",
        "direction",
        "base_period",
        "see_also",
        "wording",
        "statistics_from",
        "statistics_basis",
        "converts",
        "sign",
    },
}
CLAIM_KEYS = {
    "required": {"id", "kind", "series", "period", "locator", "evidence"},
    "optional": {"than", "note"},
}
EVENT_KEYS = {
    "required": {"id", "date", "label", "locator", "evidence"},
    "optional": {"note"},
}
DISMISSAL_KEYS = {"required": {"mention", "context", "reason"}, "optional": set()}
STATEMENT_KEYS = {"required": {"id", "locator", "evidence"}, "optional": {"note"}}
DISAGREEMENT_KEYS = {"required": {"id", "about", "statement", "versus"}, "optional": {"note"}}
TOP_LEVEL_KEYS = ("source", "facts", "claims", "events", "statements", "disagreements", "dismissed")
SERIES_KEYS = {
    "required": {"id", "title", "unit", "measure", "topic", "indicator", "description"},
    "optional": {"reporter", "partner", "flow", "product", "change_of"},
}


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where available: parsing is most of the ETL's own run time."""


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that keeps dates as text and refuses duplicate keys.

    Periods like 2019-12-07 must stay strings (the ETL normalizes them itself), and a duplicated
    key would otherwise silently overwrite the first value.
    """


_StrictLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def max_file_mb() -> float:
    """:data:`MAX_FILE_MB`, or the number of MB in ``ETL_CURATED_MAX_MB`` when it is set."""
    raw = os.environ.get(MAX_FILE_MB_VARIABLE, "").strip()
    if not raw:
        return MAX_FILE_MB
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not 0 < value < float("inf"):
        raise CuratedDataError(
            [
                Problem(
                    f"${MAX_FILE_MB_VARIABLE}",
                    "environment",
                    f"{raw!r} is not a positive number of MB",
                    f"set it to a number such as {MAX_FILE_MB:g}, or unset it",
                )
            ]
        )
    return value


def too_large(path: Path, display: str, problems: list[Problem], limit_mb: float) -> bool:
    """Whether ``path`` is over ``limit_mb`` MB; if so a Problem says so (nothing is read)."""
    size = path.stat().st_size
    if size <= limit_mb * 1e6:
        return False
    problems.append(
        Problem(
            display,
            "file",
            f"{size / 1e6:.1f} MB, over the {limit_mb:g} MB limit for a curated file; not read",
            "check this is the file you meant (a curated file holds one document's entries); "
            f"for a very long document, raise the limit: {MAX_FILE_MB_VARIABLE}=N",
        )
    )
    return True


def read_yaml(
    path: Path, display: str, problems: list[Problem], limit_mb: float | None = None
) -> Any:
    """Parse one YAML file; a syntax error becomes a Problem with its line and column.

    A file over ``limit_mb`` MB (default :func:`max_file_mb`) is a Problem too, found before
    the file is read.
    """
    if too_large(path, display, problems, max_file_mb() if limit_mb is None else limit_mb):
        return None
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except UnicodeDecodeError as error:
        problems.append(Problem(display, "file", f"not UTF-8 ({error.reason})", "save as UTF-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        reason = getattr(error, "problem", None) or str(error)
        problems.append(
            Problem(display, where, f"malformed YAML: {reason}", "fix the YAML syntax there")
        )
    except RecursionError:  # the parser recurses once per level of brackets
        problems.append(Problem(display, "file", NESTED, "write the entries as the guide does"))
    return None


def _text(value: Any) -> str | None:
    """Scalars as the curator wrote them: 2017 (an int to YAML) is the text '2017'."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float | date):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return None


class _EntryReader:
    """Checks one mapping entry against its key spec and records problems with its location."""

    def __init__(
        self, raw: Any, spec: dict[str, set[str]], location: Location, problems: list[Problem]
    ) -> None:
        self.location = location
        self.problems = problems
        self.ok = isinstance(raw, dict)
        self.raw: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if not self.ok:
            self.problem(f"expected a mapping, got {type(raw).__name__}", "write key: value pairs")
            return
        for key in sorted(spec["required"] - self.raw.keys()):
            self.problem(f"missing required key '{key}'", f"add '{key}:' to this entry")
            self.ok = False
        known = spec["required"] | spec["optional"]
        for key in sorted(str(k) for k in self.raw.keys() - known):
            self.problem(f"unknown key '{key}'", f"use one of: {', '.join(sorted(known))} (typo?)")
            self.ok = False

    def problem(self, message: str, fix: str) -> None:
        self.problems.append(Problem(self.location.file, self.location.entry, message, fix))

    def text(self, key: str) -> str | None:
        value = self.raw.get(key)
        text = _text(value)
        if value is not None and text is None:
            self.problem(f"'{key}' must be a single value, got {type(value).__name__}", "quote it")
            self.ok = False
        return text

    def required_text(self, key: str) -> str:
        text = self.text(key)
        if key in self.raw and not text:
            self.problem(f"'{key}' is empty", f"fill in '{key}'")
            self.ok = False
        return text or ""

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"'{key}' must be a list of strings", f"write '{key}: [a, b]'")
            self.ok = False
            return ()
        return tuple(v.strip() for v in value)


def _entry_name(kind: str, index: int, raw: Any) -> str:
    ident = raw.get("id") if isinstance(raw, dict) else None
    return f"{kind}[{index}]" + (f" {ident}" if ident else "")


def _read_list(
    document: dict[str, Any],
    key: str,
    display: str,
    problems: list[Problem],
    build: Callable[[Any, Location], Any],
) -> tuple[Any, ...]:
    raw_list = document.get(key) or []
    if not isinstance(raw_list, list):
        problems.append(
            Problem(display, key, f"'{key}' must be a list", f"write '{key}:' then '- ' items")
        )
        return ()
    built = []
    for index, raw in enumerate(raw_list):
        item = build(raw, Location(display, _entry_name(key, index, raw)))
        if item is not None:
            built.append(item)
    return tuple(built)


def draft_markers(document: dict[str, Any]) -> str:
    """What in a source file is still a proposal, in words ("3 facts, 1 event; source: title").

    A draft written by ``python -m etl propose`` marks every entry ``status: proposed`` (or the
    curator's ``accept``/``dismiss`` not yet applied by ``review``), lists unconfirmed record
    fields under ``proposed:`` and may carry ``new_series:``. Empty when none is left.
    """
    parts = []
    for key, singular in (
        ("facts", "fact"),
        ("events", "event"),
        ("claims", "claim"),
        ("dismissed", "dismissal"),
        ("new_series", "new series"),
    ):
        entries = document.get(key)
        if not isinstance(entries, list):
            continue
        count = sum(1 for e in entries if isinstance(e, dict) and "status" in e)
        if key == "new_series":
            count = len(entries)
        if count:
            plural = singular if count == 1 or singular.endswith("series") else f"{singular}s"
            parts.append(f"{count} {plural}")
    source = document.get("source")
    fields = source.get("proposed") if isinstance(source, dict) else None
    if fields is not None:
        names = ", ".join(map(str, fields)) if isinstance(fields, list) else str(fields)
        parts.append(f"source fields {names}" if names else "the source record")
    return "; ".join(parts)


@dataclass(frozen=True)
class OpenDraft:
    """A source file still under review: what is still proposed in it and how to finish it."""

    file: str  # as the curated directory names it: sources/<id>.yaml
    source_id: str
    pending: str  # draft_markers: "18 facts; 10 events; source fields title, authors"
    text_sha256: str | None = None

    @property
    def problem(self) -> Problem:
        """The draft as one report line: file, what is still proposed, and the fix."""
        return Problem(
            self.file,
            "draft",
            f"left out until reviewed; still proposed: {self.pending}",
            f"review it with `python -m etl review {self.source_id}` (make review "
            f"ID={self.source_id}), correct what is wrong, then accept (--accept or --accept-all)",
        )


def _open_draft(document: dict[str, Any], display: str) -> OpenDraft | None:
    """The draft ``document`` is, or None when nothing in it is still proposed."""
    pending = draft_markers(document)
    if not pending:
        return None
    source = document.get("source") if isinstance(document.get("source"), dict) else {}
    source_id = _text(source.get("id")) or PurePosixPath(display).stem
    return OpenDraft(display, source_id, pending, _text(source.get("text_sha256")))


def load_source_file(
    path: Path,
    display: str,
    problems: list[Problem],
    limit_mb: float | None = None,
    drafts: list[OpenDraft] | None = None,
) -> CuratedSource | None:
    """One document's YAML → its record, facts, events and dismissed mentions.

    A draft is no source: it is added to ``drafts`` when that list is given, else reported as
    a problem (a file read on its own must be a confirmed one).
    """
    document = read_yaml(path, display, problems, limit_mb)
    if document is None and not any(p.file == display for p in problems):
        problems.append(Problem(display, "file", "file is empty", "add 'source:' and 'facts:'"))
    if not isinstance(document, dict):
        if document is not None:
            problems.append(
                Problem(display, "file", "top level must be a mapping", "start with 'source:'")
            )
        return None
    draft = _open_draft(document, display)
    if draft is not None:
        if drafts is not None:
            drafts.append(draft)
        else:
            problems.append(draft.problem)
        return None
    unknown = set(document) - set(TOP_LEVEL_KEYS)
    for key in sorted(map(str, unknown)):
        problems.append(
            Problem(
                display,
                key,
                f"unknown top-level key '{key}'",
                f"use {', '.join(TOP_LEVEL_KEYS)}",
            )
        )
    if "source" not in document:
        problems.append(
            Problem(
                display,
                "source",
                "no 'source:' record: its facts would cite a source that does not exist",
                "add the document's bibliographic record under 'source:'",
            )
        )
        return None
    reader = _EntryReader(document["source"], SOURCE_KEYS, Location(display, "source"), problems)
    if not reader.ok:
        return None
    record = SourceRecord(
        location=reader.location,
        source_id=reader.required_text("id"),
        title=reader.required_text("title"),
        authors=reader.text_list("authors"),
        publisher=reader.required_text("publisher"),
        published=reader.text("published"),
        written=reader.text("written"),
        url=reader.text("url"),
        text_sha256=reader.text("text_sha256"),
        container=reader.text("container"),
        notes=reader.text_list("notes"),
        language=reader.text("language"),
    )
    source_id = record.source_id

    def build_fact(raw: Any, location: Location) -> CuratedFact | None:
        fact = _EntryReader(raw, FACT_KEYS, location, problems)
        if not fact.ok:
            return None
        return CuratedFact(
            location=location,
            fact_id=fact.required_text("id"),
            source_id=source_id,
            series_id=fact.required_text("series"),
            period_text=fact.required_text("period"),
            value_text=fact.text("value"),
            low_text=fact.text("low"),
            high_text=fact.text("high"),
            unit=fact.required_text("unit"),
            qualifier=fact.required_text("qualifier"),
            locator=fact.required_text("locator"),
            evidence=fact.required_text("evidence"),
            note=fact.text("note"),
            direction=fact.text("direction"),
            base_period_text=fact.text("base_period"),
            see_also=fact.text_list("see_also"),
            wording=fact.text("wording"),
            statistics_from=fact.text("statistics_from"),
            statistics_basis=fact.text("statistics_basis"),
            converts=fact.text("converts"),
            sign=fact.text("sign"),
        )

    def build_claim(raw: Any, location: Location) -> CuratedClaim | None:
        claim = _EntryReader(raw, CLAIM_KEYS, location, problems)
        if not claim.ok:
            return None
        return CuratedClaim(
            location=location,
            claim_id=claim.required_text("id"),
            source_id=source_id,
            kind=claim.required_text("kind"),
            series_id=claim.required_text("series"),
            period_text=claim.required_text("period"),
            than_text=claim.text("than"),
            locator=claim.required_text("locator"),
            evidence=claim.required_text("evidence"),
            note=claim.text("note"),
        )

    def build_event(raw: Any, location: Location) -> CuratedEvent | None:
        event = _EntryReader(raw, EVENT_KEYS, location, problems)
        if not event.ok:
            return None
        return CuratedEvent(
            location=location,
            event_id=event.required_text("id"),
            source_id=source_id,
            date_text=event.required_text("date"),
            label=event.required_text("label"),
            locator=event.required_text("locator"),
            evidence=event.required_text("evidence"),
            note=event.text("note"),
        )

    def build_statement(raw: Any, location: Location) -> CuratedStatement | None:
        statement = _EntryReader(raw, STATEMENT_KEYS, location, problems)
        if not statement.ok:
            return None
        return CuratedStatement(
            location=location,
            statement_id=statement.required_text("id"),
            source_id=source_id,
            locator=statement.required_text("locator"),
            evidence=statement.required_text("evidence"),
            note=statement.text("note"),
        )

    def build_disagreement(raw: Any, location: Location) -> CuratedDisagreement | None:
        disagreement = _EntryReader(raw, DISAGREEMENT_KEYS, location, problems)
        if not disagreement.ok:
            return None
        return CuratedDisagreement(
            location=location,
            disagreement_id=disagreement.required_text("id"),
            source_id=source_id,
            about=disagreement.required_text("about"),
            statement=disagreement.required_text("statement"),
            versus=disagreement.required_text("versus"),
            note=disagreement.text("note"),
        )

    def build_dismissal(raw: Any, location: Location) -> Dismissal | None:
        dismissal = _EntryReader(raw, DISMISSAL_KEYS, location, problems)
        if not dismissal.ok:
            return None
        return Dismissal(
            location=location,
            mention=dismissal.required_text("mention"),
            context=dismissal.required_text("context"),
            reason=dismissal.required_text("reason"),
        )

    return CuratedSource(
        record=record,
        facts=_read_list(document, "facts", display, problems, build_fact),
        events=_read_list(document, "events", display, problems, build_event),
        dismissed=_read_list(document, "dismissed", display, problems, build_dismissal),
        claims=_read_list(document, "claims", display, problems, build_claim),
        statements=_read_list(document, "statements", display, problems, build_statement),
        disagreements=_read_list(document, "disagreements", display, problems, build_disagreement),
    )


def load_series_file(
    path: Path, display: str, problems: list[Problem], limit_mb: float | None = None
) -> tuple[SeriesDefinition, ...]:
    """``series.yaml``: a top-level ``series:`` list of definitions."""
    document = read_yaml(path, display, problems, limit_mb)
    if not isinstance(document, dict) or "series" not in document:
        if document is not None or not any(p.file == display for p in problems):
            problems.append(
                Problem(display, "file", "expected a top-level 'series:' list", "add it")
            )
        return ()

    def build(raw: Any, location: Location) -> SeriesDefinition | None:
        entry = _EntryReader(raw, SERIES_KEYS, location, problems)
        if not entry.ok:
            return None
        return SeriesDefinition(
            location=location,
            series_id=entry.required_text("id"),
            title=entry.required_text("title"),
            unit=entry.required_text("unit"),
            measure=entry.required_text("measure"),
            topic=entry.required_text("topic"),
            description=entry.required_text("description"),
            reporter=entry.text("reporter"),
            partner=entry.text("partner"),
            flow=entry.text("flow"),
            change_of=entry.text("change_of"),
            indicator=entry.required_text("indicator"),
            product=entry.text("product"),
        )

    return _read_list(document, "series", display, problems, build)


def hash_inputs(paths: list[Path], root: Path) -> str:
    """sha256 over every curated file's relative path and bytes, in a fixed order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def load_curated(
    curated_dir: Path = CURATED_DIR, drafts: list[OpenDraft] | None = None
) -> CuratedDataset:
    """Load every confirmed curated file; raise CuratedDataError listing all structural problems.

    Drafts are left out of the dataset (and of its ``inputs_sha256`` and ``files``): they are
    appended to ``drafts`` when a list is given. Every file is checked against the size limit
    (:func:`max_file_mb`) before it is read, the anchors too (read later, by the build).
    """
    problems: list[Problem] = []
    left_out: list[OpenDraft] = [] if drafts is None else drafts
    limit = max_file_mb()
    series_path = curated_dir / "series.yaml"
    source_paths = sorted((curated_dir / "sources").glob("*.yaml"))
    anchor_paths = sorted((curated_dir / ANCHORS_DIR_NAME).glob("*.yaml"))
    for path in anchor_paths:
        too_large(path, path.relative_to(curated_dir).as_posix(), problems, limit)
    if not series_path.is_file():
        problems.append(Problem("series.yaml", "file", "missing", f"create {series_path}"))
        series: tuple[SeriesDefinition, ...] = ()
    else:
        series = load_series_file(series_path, "series.yaml", problems, limit)
    if not source_paths:
        problems.append(
            Problem("sources/", "directory", "no source files", "add sources/<source_id>.yaml")
        )
    sources = []
    confirmed_paths = []
    for path in source_paths:
        display = path.relative_to(curated_dir).as_posix()
        before = len(left_out)
        source = load_source_file(path, display, problems, limit, left_out)
        if source is not None:
            sources.append(source)
        if len(left_out) == before:
            confirmed_paths.append(path)
    if problems:
        raise CuratedDataError(problems)
    all_paths = [p for p in [series_path, *confirmed_paths, *anchor_paths] if p.is_file()]
    return CuratedDataset(
        series=series,
        sources=tuple(sources),
        inputs_sha256=hash_inputs(all_paths, curated_dir),
        files=tuple(p.relative_to(curated_dir).as_posix() for p in all_paths),
    )


def open_drafts(curated_dir: Path = CURATED_DIR, confirmed: Iterable[str] = ()) -> list[OpenDraft]:
    """The drafts under ``curated_dir/sources``, each with what is still proposed in it.

    ``confirmed`` names files already known to be confirmed (a dataset's ``files``), which are
    not read again: a build reports its drafts at the cost of reading the drafts alone.
    """
    known = set(confirmed)
    drafts: list[OpenDraft] = []
    for path in sorted((curated_dir / "sources").glob("*.yaml")):
        display = path.relative_to(curated_dir).as_posix()
        if display in known:
            continue
        document = read_yaml(path, display, [])
        if isinstance(document, dict) and (draft := _open_draft(document, display)):
            drafts.append(draft)
    return drafts
