"""Review a draft: list what is still proposed, and accept what the curator has confirmed.

A draft entry is confirmed by the curator in the file itself — ``status: accept`` after reading
and correcting it, ``status: dismiss`` (with an optional ``reason:``) to turn a proposed fact or
event into a dismissed mention — or in bulk with ``--accept-all``. Accepting removes the draft
markers (``status``, ``confidence``; the record's ``proposed`` list), and rewrites the file
through ruamel.yaml so every comment the curator wrote stays where it was.

A proposed new series is accepted the same way, and may be named first: the ``id`` written in
its ``new_series`` entry is the one its facts (``used_by``) get. A new id is added to
``series.yaml``; the id of a series already there moves the facts to it, adding nothing;
``status: dismiss`` drops the proposal.

Nothing is written unless the accepted entries pass the build's own rules (:mod:`etl.load` and
:mod:`etl.validate`): a refused review names each problem — file, entry, problem, fix — and
leaves both files as they were. Listing puts the least certain proposals first.
"""

from __future__ import annotations

import copy
import io
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from etl.canonical import numeric_core
from etl.intake.documents import IntakeError
from etl.intake.draft import PROPOSED, round_trip_yaml, write_atomically
from etl.problems import CuratedDataError, Problem

__all__ = ["ACCEPT", "DISMISS", "ReviewResult", "accept", "describe"]

ACCEPT = "accept"
DISMISS = "dismiss"
_SECTIONS = ("facts", "events", "claims", "dismissed")
_DEFAULT_REASON = "not an indicator value (curator's judgement at review)"


@dataclass
class ReviewResult:
    """What ``accept`` did, for the one-line summary."""

    accepted: int = 0
    dismissed: int = 0
    series_added: list[str] = field(default_factory=list)
    facts_moved: dict[str, list[str]] = field(default_factory=dict)  # existing series → facts
    remaining: int = 0
    record_confirmed: bool = False


def _load(path: Path) -> CommentedMap:
    try:
        document = round_trip_yaml().load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise IntakeError(f"{path}: cannot read ({error})") from error
    except YAMLError as error:
        raise IntakeError(f"{path}: malformed YAML ({error}); fix it and review again") from error
    if not isinstance(document, CommentedMap):
        raise IntakeError(f"{path}: not a curated source file (no 'source:' mapping)")
    return document


_NAMES = {"facts": "fact", "events": "event", "claims": "claim", "dismissed": "dismissed"}


def describe(path: Path) -> str:
    """Every entry still proposed, as a readable list, the least certain first: the record's
    fields to confirm, the new series, then every proposal by its confidence, lowest first."""
    document = _load(path)
    lines: list[str] = []
    source = document.get("source") or {}
    fields = list(source.get("proposed") or [])
    if fields:
        lines.append(f"source {source.get('id')}: confirm {', '.join(map(str, fields))}")
        for key in fields:
            lines.append(f"    {key}: {source.get(key)!r}")
    for series in document.get("new_series") or []:
        used_by = ", ".join(map(str, series.get("used_by") or [])) or "no fact"
        title = series.get("title") or "(no title yet: name it)"
        lines.append(
            f"new series {series.get('id')} ({series.get('unit')}, {series.get('measure')}): "
            f"{title}  [{series.get('status')}], used by {used_by}"
        )
    pending = [
        (section, entry)
        for section in _SECTIONS
        for entry in document.get(section) or []
        if isinstance(entry, dict) and entry.get("status")
    ]
    if pending:
        pending.sort(key=lambda item: _confidence(item[1]))
        lines.append(f"{len(pending)} proposals to review, least certain first:")
        lines += ["  " + _entry_line(section, entry) for section, entry in pending]
    if not lines:
        return f"{path.name}: nothing left to review"
    lines.append(
        "accept: correct an entry, set its 'status: accept' (or 'status: dismiss'), then "
        f"make review ID={source.get('id') or path.stem} ACCEPT=marked; or ACCEPT=all"
    )
    return "\n".join(lines)


def _confidence(entry: dict) -> float:
    """An entry's confidence; one the curator has already marked counts as certain."""
    if entry.get("status") != PROPOSED:
        return 2.0
    try:
        return float(entry.get("confidence", 1.0))
    except (TypeError, ValueError):
        return 1.0


def _entry_line(section: str, entry: dict) -> str:
    mark = f"[{entry.get('status')} {entry.get('confidence', '')}]".replace(" ]", "]")
    mark += f" {_NAMES[section]}"
    if section == "facts":
        value = entry.get("value") or f"{entry.get('low')}–{entry.get('high')}"
        what = (
            f"{entry.get('id')}: {value} {entry.get('unit')}, {entry.get('period')}, "
            f"{entry.get('qualifier')}, {entry.get('series')}"
        )
        quote = entry.get("evidence")
    elif section == "events":
        what = f"{entry.get('id')}: {entry.get('date')} {entry.get('label')}"
        quote = entry.get("evidence")
    elif section == "claims":
        what = f"{entry.get('id')}: {entry.get('kind')} {entry.get('period')}"
        quote = entry.get("evidence")
    else:
        what = f"{entry.get('mention')!r}: {entry.get('reason')}"
        quote = entry.get("context")
    return f"{mark} {what}\n      «{quote}»"


def accept(
    path: Path, series_path: Path, *, everything: bool = False, curated: Path | None = None
) -> ReviewResult:
    """Accept the entries marked ``status: accept`` (all of them with ``everything``).

    ``status: dismiss`` on a fact or an event turns it into a dismissed mention (its number
    and quote become the mention and context). Accepted new series are appended to
    ``series_path`` under the id their entry now has (or, naming a series already there, move
    their facts to it). The record is confirmed when ``everything`` is set or its ``proposed``
    list is empty. The result is checked with the build's rules against the other documents
    of ``curated`` (default: the directory of ``series_path``) before anything is written.
    Raises :class:`IntakeError` on an unknown status, and with every problem the build would
    report.
    """
    document = _load(path)
    registry = _load(series_path)
    known = {str(s.get("id")) for s in registry.get("series") or [] if isinstance(s, dict)}
    result = ReviewResult()
    source = document.get("source")
    if isinstance(source, CommentedMap) and "proposed" in source:
        if everything or not source["proposed"]:
            del source["proposed"]
            result.record_confirmed = True
        else:
            result.remaining += 1
    added = _accept_new_series(document, known, everything, result)
    as_written = {  # where each entry stands in the file the curator is reviewing
        id(entry): index
        for section in _SECTIONS
        for index, entry in enumerate(document.get(section) or [])
    }
    new_dismissals: list[CommentedMap] = []
    for section in _SECTIONS:
        entries = document.get(section)
        if not isinstance(entries, list):
            continue
        keep = []
        for index, entry in enumerate(entries):
            status = entry.get("status") if isinstance(entry, dict) else None
            if status is None:
                keep.append(index)
                continue
            if status == DISMISS and section in ("facts", "events"):
                new_dismissals.append(_as_dismissal(section, entry))
                result.dismissed += 1
                continue
            if status not in (ACCEPT, PROPOSED, DISMISS):
                raise IntakeError(
                    f"{path}: {section} entry {entry.get('id') or entry.get('mention')!r} has "
                    f"status {status!r}; use '{ACCEPT}', '{DISMISS}' (facts, events) or leave "
                    f"'{PROPOSED}'"
                )
            if everything or status == ACCEPT:
                entry.pop("status", None)
                entry.pop("confidence", None)
                result.accepted += 1
            else:
                result.remaining += 1
            keep.append(index)
        for index in reversed(range(len(entries))):
            if index not in keep:
                del entries[index]
        if not entries:  # every entry dismissed: an empty list, without the comments it had
            document.ca.items.pop(section, None)
            document[section] = CommentedSeq()
    if new_dismissals:
        document.setdefault("dismissed", CommentedSeq()).extend(new_dismissals)
    registry_text = _with_series(registry, added) if added else None
    _check_with_the_builds_rules(
        path, document, registry_text or _dump(registry), curated or series_path.parent, as_written
    )
    text = _without_review_comments(_dump(document), keep_header=result.remaining > 0)
    if result.record_confirmed:
        text = _without_origin_comments(text)
    targets: dict[Path, str] = {path: text}
    if registry_text is not None:
        targets[series_path] = registry_text
        result.series_added = [str(s["id"]) for s in added]
    write_atomically(targets)
    return result


def _accept_new_series(
    document: CommentedMap, known: set[str], everything: bool, result: ReviewResult
) -> list[CommentedMap]:
    """Settle the draft's ``new_series``: accepted ones leave the draft, their facts take the
    id the curator gave them; those with a new id are returned (for series.yaml), those named
    after an existing series only move their facts there. Dismissed ones are dropped."""
    proposals = document.get("new_series")
    if not isinstance(proposals, list):
        return []
    for series in proposals:
        status = series.get("status") if isinstance(series, dict) else None
        if status not in (ACCEPT, PROPOSED, DISMISS):
            name = series.get("id") if isinstance(series, dict) else series
            raise IntakeError(
                f"new_series entry {name!r} has status {status!r}; use '{ACCEPT}', "
                f"'{DISMISS}' or leave '{PROPOSED}'"
            )
    accepted = [
        s
        for s in proposals
        if isinstance(s, dict)
        and (everything or s.get("status") == ACCEPT)
        and s.get("status") != DISMISS
    ]
    named = known | {str(s.get("id")) for s in accepted}
    facts = [f for f in document.get("facts") or [] if isinstance(f, dict)]
    added: list[CommentedMap] = []
    for series in accepted:
        series_id = str(series.get("id"))
        users = {str(u) for u in series.pop("used_by", None) or []}
        series.pop("status", None)
        moved = [
            str(fact.get("id"))
            for fact in facts
            if str(fact.get("id")) in users and str(fact.get("series")) not in named
        ]
        for fact in facts:
            if str(fact.get("id")) in moved:
                fact["series"] = series_id
        if series_id in known:
            result.facts_moved.setdefault(series_id, []).extend(moved)
        else:
            added.append(series)
    settled = [
        index
        for index, s in enumerate(proposals)
        if any(s is a for a in accepted) or (isinstance(s, dict) and s.get("status") == DISMISS)
    ]
    for index in reversed(settled):
        del proposals[index]  # in place: the comments above the others stay with them
    result.remaining += len(proposals)
    if not proposals:
        del document["new_series"]
    return added


def _check_with_the_builds_rules(
    path: Path,
    document: CommentedMap,
    registry_text: str,
    curated: Path,
    as_written: dict[int, int],
) -> None:
    """Load and validate what the review confirms as the build would: the draft's confirmed
    entries (still-proposed ones aside) with the registry it will have, among the other
    documents. Raise :class:`IntakeError` listing the problems in this file or its series,
    each entry named by its place in the file as the curator wrote it (``as_written``)."""
    from etl.load import load_curated, load_series_file, load_source_file
    from etl.model import CuratedDataset
    from etl.validate import validate_dataset

    display = f"sources/{path.name}"
    view, positions = _confirmed_view(document, as_written)
    pending_series = {str(s.get("id")) for s in document.get("new_series") or []}
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="review-") as scratch:
        registry_file = Path(scratch) / "series.yaml"
        registry_file.write_text(registry_text, encoding="utf-8")
        source_file = Path(scratch) / path.name
        source_file.write_text(_dump(view), encoding="utf-8")
        series = load_series_file(registry_file, "series.yaml", problems)
        source = load_source_file(source_file, display, problems)
    if source is not None and not problems:
        try:
            others = [s for s in load_curated(curated).sources if s.record.location.file != display]
        except CuratedDataError:
            others = []  # the build reports those files' problems itself
        try:
            validate_dataset(CuratedDataset(series=series, sources=(*others, source)))
        except CuratedDataError as error:
            problems += error.problems
    ours = [
        _in_the_draft(problem, positions, pending_series)
        for problem in problems
        if problem.file in (display, "series.yaml")
    ]
    if ours:
        listed = "\n".join(f"  {problem}" for problem in sorted(set(ours)))
        raise IntakeError(
            f"{path}: not accepted, nothing written: the build would refuse what this review "
            f"confirms ({len(ours)} problem(s)):\n{listed}"
        )


_ENTRY_INDEX = re.compile(r"^(facts|events|claims|dismissed)\[(\d+)\]")


def _confirmed_view(
    document: CommentedMap, as_written: dict[int, int]
) -> tuple[CommentedMap, dict[str, list[int]]]:
    """The draft as the build would read it once reviewed: still-proposed entries, the
    ``proposed`` list and ``new_series`` left out; with, per section, where each kept entry
    stands in the file as written (so a problem names the entry the curator sees)."""
    view = copy.deepcopy(document)
    view.pop("new_series", None)
    if isinstance(view.get("source"), dict):
        view["source"].pop("proposed", None)
    positions: dict[str, list[int]] = {}
    for section in _SECTIONS:
        entries = document.get(section)
        if not isinstance(entries, list):
            continue
        kept = [i for i, e in enumerate(entries) if not (isinstance(e, dict) and "status" in e)]
        positions[section] = [as_written.get(id(entries[i]), i) for i in kept]
        view[section] = CommentedSeq(view[section][i] for i in kept)
    return view, positions


def _in_the_draft(
    problem: Problem, positions: dict[str, list[int]], pending_series: set[str]
) -> Problem:
    """A problem as the curator finds it in the draft: its entry's index there, and for a fact
    naming a series still proposed, the fix of accepting that series too."""
    entry = problem.entry
    if match := _ENTRY_INDEX.match(entry):
        section, index = match[1], int(match[2])
        if index < len(positions.get(section, [])):
            entry = f"{section}[{positions[section][index]}]" + entry[match.end() :]
    fix = problem.fix
    unknown = re.match(r"unknown series '([^']+)'", problem.problem)
    if unknown and unknown[1] in pending_series:
        fix = (
            f"accept its new_series entry too ({unknown[1]}: status: accept), or name a series "
            "of series.yaml in the fact"
        )
    return Problem(problem.file, entry, problem.problem, fix)


REVIEW_COMMENT = "# «"
"""How a draft's review comment opens: the sentence around the mention, then how it was read."""


def _without_review_comments(text: str, *, keep_header: bool) -> str:
    """Drop the review comments of confirmed entries (and the draft header once all are).

    The comment quotes the whole sentence around a mention for the review; a confirmed file
    keeps only the short quotes, as every curated file does (the documents are others' writing).
    A comment block is kept when the entry after it still has a ``status``.
    """
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    i = 0
    if not keep_header:
        while i < len(lines) and lines[i].startswith("#"):
            i += 1
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(REVIEW_COMMENT):
            end = i
            while end < len(lines) and lines[end].lstrip().startswith("#"):
                end += 1
            if _entry_is_pending(lines, end):
                out.extend(lines[i:end])
            i = end
            continue
        out.append(line)
        i += 1
    return "".join(out)


_ORIGIN_COMMENT = re.compile(r"\s+# from [^\n]*$")


def _without_origin_comments(text: str) -> str:
    """Drop "# from first lines"-style notes on the record's fields once it is confirmed."""
    out, in_source = [], False
    for line in text.splitlines(keepends=True):
        if line and not line[0].isspace() and not line.startswith("#"):
            in_source = line.startswith("source:")
        if in_source:
            ending = "\n" if line.endswith("\n") else ""
            line = _ORIGIN_COMMENT.sub("", line.rstrip("\n")) + ending
        out.append(line)
    return "".join(out)


def _entry_is_pending(lines: list[str], start: int) -> bool:
    """Whether the list entry starting at ``lines[start]`` still has a ``status:`` key."""
    if start >= len(lines) or not lines[start].lstrip().startswith("- "):
        return False
    indent = len(lines[start]) - len(lines[start].lstrip())
    for line in lines[start + 1 :]:
        stripped = line.lstrip()
        current = len(line) - len(stripped)
        if (
            stripped
            and not stripped.startswith("#")
            and (current < indent or (current == indent and stripped.startswith("- ")))
        ):
            break
        if stripped.startswith("status:"):
            return True
    return False


def _as_dismissal(section: str, entry: dict) -> CommentedMap:
    """A fact or event the curator dismissed, as the dismissal ``verify`` and ``scan`` match:
    its number as its quote writes it, the quote as context."""
    context = str(entry.get("evidence") or "")
    if section == "facts":
        written = str(entry.get("value") or entry.get("low") or "")
        core = numeric_core(written)
        in_quote = [m for m in (written, core) if m and m.lower() in context.lower()]
        mention = in_quote[0] if in_quote else written
    else:
        mention = str(entry.get("date", ""))[:4]
    return CommentedMap(
        mention=mention,
        context=entry.get("evidence"),
        reason=entry.get("reason") or _DEFAULT_REASON,
    )


def _with_series(registry: CommentedMap, added: list[CommentedMap]) -> str:
    registry = copy.deepcopy(registry)
    registry.setdefault("series", CommentedSeq()).extend(added)
    return _dump(registry)


def _dump(document: CommentedMap) -> str:
    buffer = io.StringIO()
    round_trip_yaml().dump(document, buffer)
    return buffer.getvalue()
