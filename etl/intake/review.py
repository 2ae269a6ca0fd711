"""Review a draft: list what is still proposed, and accept what the curator has confirmed.

A draft entry is confirmed by the curator in the file itself — ``status: accept`` after reading
and correcting it, ``status: dismiss`` (with an optional ``reason:``) to turn a proposed fact or
event into a dismissed mention — or in bulk with ``--accept-all``. Accepting removes the draft
markers (``status``, ``confidence``; the record's ``proposed`` list), moves accepted new series
into ``series.yaml``, and rewrites the file through ruamel.yaml so every comment the curator
wrote stays where it was. Both files are written only when the whole review succeeded.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from etl.intake.documents import IntakeError
from etl.intake.draft import PROPOSED, round_trip_yaml, write_atomically

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


def describe(path: Path) -> str:
    """Every entry still proposed, as a readable list: value, period, qualifier, quote."""
    document = _load(path)
    lines: list[str] = []
    source = document.get("source") or {}
    fields = list(source.get("proposed") or [])
    if fields:
        lines.append(f"source {source.get('id')}: confirm {', '.join(map(str, fields))}")
        for key in fields:
            lines.append(f"    {key}: {source.get(key)!r}")
    for series in document.get("new_series") or []:
        lines.append(
            f"new series {series.get('id')} ({series.get('unit')}, {series.get('measure')}): "
            f"{series.get('title')}  [{series.get('status')}]"
        )
    for section in _SECTIONS:
        entries = document.get(section) or []
        pending = [e for e in entries if isinstance(e, dict) and e.get("status")]
        if not pending:
            continue
        lines.append(f"{section}: {len(pending)} to review")
        for entry in pending:
            lines.append("  " + _entry_line(section, entry))
    if not lines:
        return f"{path.name}: nothing left to review"
    return "\n".join(lines)


def _entry_line(section: str, entry: dict) -> str:
    mark = f"[{entry.get('status')} {entry.get('confidence', '')}]".replace(" ]", "]")
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


def accept(path: Path, series_path: Path, *, everything: bool = False) -> ReviewResult:
    """Accept the entries marked ``status: accept`` (all of them with ``everything``).

    ``status: dismiss`` on a fact or an event turns it into a dismissed mention (its number
    and quote become the mention and context). Accepted new series are appended to
    ``series_path``. The record is confirmed when ``everything`` is set or its ``proposed``
    list is empty. Raises :class:`IntakeError` on an unknown status.
    """
    document = _load(path)
    result = ReviewResult()
    source = document.get("source")
    if isinstance(source, CommentedMap) and "proposed" in source:
        if everything or not source["proposed"]:
            del source["proposed"]
            result.record_confirmed = True
        else:
            result.remaining += 1
    added: list[CommentedMap] = []
    kept_series = CommentedSeq()
    for series in document.get("new_series") or []:
        status = series.get("status")
        if everything or status == ACCEPT:
            series.pop("status", None)
            added.append(series)
        else:
            kept_series.append(series)
            result.remaining += 1
    if "new_series" in document:
        if kept_series:
            document["new_series"] = kept_series
        else:
            del document["new_series"]
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
    if new_dismissals:
        document.setdefault("dismissed", CommentedSeq()).extend(new_dismissals)
    text = _without_review_comments(_dump(document), keep_header=result.remaining > 0)
    if result.record_confirmed:
        text = _without_origin_comments(text)
    targets: dict[Path, str] = {path: text}
    if added:
        targets[series_path] = _with_series(series_path, added)
        result.series_added = [str(s["id"]) for s in added]
    write_atomically(targets)
    return result


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
    if section == "facts":
        mention = entry.get("value") or entry.get("low")
    else:
        mention = str(entry.get("date", ""))[:4]
    return CommentedMap(
        mention=str(mention),
        context=entry.get("evidence"),
        reason=entry.get("reason") or _DEFAULT_REASON,
    )


def _with_series(series_path: Path, added: list[CommentedMap]) -> str:
    registry = _load(series_path)
    registry.setdefault("series", CommentedSeq()).extend(added)
    return _dump(registry)


def _dump(document: CommentedMap) -> str:
    buffer = io.StringIO()
    round_trip_yaml().dump(document, buffer)
    return buffer.getvalue()
