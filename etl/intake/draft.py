"""Write a :class:`~etl.intake.proposals.Draft` as the curated YAML file a curator reviews.

The file has the layout of every curated source file, plus what makes it a draft: the record's
``proposed:`` list (fields read from the document, still to be checked), ``status: proposed``
and a ``confidence`` on every entry, and a ``new_series:`` list when a figure fits no existing
series. Above each entry a comment gives the sentence around the mention and how it was read,
so the file is reviewed top to bottom without opening the document. ruamel.yaml writes it (it
keeps comments, and ``review`` edits the file in place without losing the curator's own).

Nothing is written partially: the YAML and the text go to temporary files that replace their
targets only once both are complete.
"""

from __future__ import annotations

import io
import os
import tempfile
import textwrap
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from etl.intake.proposals import Draft

__all__ = ["PROPOSED", "render", "round_trip_yaml", "write_atomically"]

PROPOSED = "proposed"
_COMMENT_WIDTH = 96


def round_trip_yaml() -> YAML:
    """The one YAML reader/writer for drafts: round-trip, comments kept, no line wrapping."""
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def _quoted(text: str) -> DoubleQuotedScalarString:
    return DoubleQuotedScalarString(text)


def _comment_lines(*parts: str) -> str:
    lines: list[str] = []
    for part in parts:
        lines += textwrap.wrap(part, _COMMENT_WIDTH) or [""]
    return "\n".join(lines)


RECORD_ORDER = (
    "id",
    "title",
    "authors",
    "publisher",
    "container",
    "published",
    "written",
    "url",
    "language",
    "text_sha256",
    "notes",
)
"""The order of a source record's keys, as every curated file writes them."""


def _in_record_order(record: dict[str, object]) -> list[tuple[str, object]]:
    known = [(key, record[key]) for key in RECORD_ORDER if key in record]
    return known + [(key, value) for key, value in record.items() if key not in RECORD_ORDER]


def render(draft: Draft) -> str:
    """The draft as YAML text, with the review comments."""
    root = CommentedMap()
    record = CommentedMap()
    for key, value in _in_record_order(draft.record):
        if key == "title" or key == "container":
            record[key] = _quoted(str(value))
        elif isinstance(value, list):
            seq = CommentedSeq(value)
            if key == "authors":
                seq.fa.set_flow_style()
            record[key] = seq
        else:
            record[key] = value
    fields = CommentedSeq(draft.proposed_fields)
    fields.fa.set_flow_style()
    record["proposed"] = fields
    for key in draft.proposed_fields:
        if key in draft.record_origin:
            record.yaml_add_eol_comment(f"from {draft.record_origin[key]}", key)
    root["source"] = record
    root.yaml_set_comment_before_after_key(
        "source",
        before=_comment_lines(
            f"Draft proposed from {draft.document.path.name}: {len(draft.facts)} facts, "
            f"{len(draft.events)} events, {len(draft.dismissed)} dismissed mentions.",
            "Review every entry: correct what is wrong, then set 'status: accept' (or run "
            f"'python -m etl review {draft.record['id']} --accept-all') and remove names from "
            "'proposed:' once checked. The ETL leaves the file out while anything is proposed.",
        ),
    )
    if draft.new_series:
        root["new_series"] = _entries(
            [_new_series_entry(s, draft.facts) for s in draft.new_series],
            [_new_series_comment(s) for s in draft.new_series],
        )
    root["facts"] = _entries(
        [_fact_entry(f) for f in draft.facts],
        [_review_comment(f.sentence, f.how) for f in draft.facts],
    )
    root["events"] = _entries(
        [
            {
                "id": e.id,
                "date": e.date,
                "label": _quoted(e.label),
                "locator": _quoted(e.locator),
                "evidence": _quoted(e.evidence),
                "status": PROPOSED,
                "confidence": e.confidence,
            }
            for e in draft.events
        ],
        [
            _review_comment(e.sentence, ["a year that dates an event: event or dismissal?"])
            for e in draft.events
        ],
    )
    root["dismissed"] = _entries(
        [
            {
                "mention": _quoted(d.mention),
                "context": _quoted(d.context),
                "reason": _quoted(d.reason),
                "status": PROPOSED,
                "confidence": d.confidence,
            }
            for d in draft.dismissed
        ],
        [_review_comment(d.sentence, []) for d in draft.dismissed],
    )
    buffer = io.StringIO()
    round_trip_yaml().dump(root, buffer)
    return buffer.getvalue()


NEW_SERIES_COMMENT = (
    "No existing series fits these figures: this one is named from what was read (its "
    "dimensions, id, title and description). Check them, or write the id of a series of "
    "series.yaml to move its facts there. Then 'status: accept' (a new id is added to "
    "series.yaml) or 'status: dismiss'."
)
_SERIES_DIMENSIONS = ("product", "reporter", "partner", "flow")


def _new_series_comment(series) -> str:
    """The instructions: the registry's titles and descriptions are public (chart titles, the
    data package, the Sources page), so the curator checks them."""
    return _comment_lines(NEW_SERIES_COMMENT)


def _new_series_entry(series, facts) -> dict[str, object]:
    """A proposed series with the facts that use it, which take whatever id it is given.

    Its id, title, indicator, dimensions and description are named from what was read, for the
    curator to check."""
    used_by = CommentedSeq(f.id for f in facts if f.series == series.id)
    used_by.fa.set_flow_style()
    entry: dict[str, object] = {
        "id": series.id,
        "title": _quoted(series.title or ""),
        "unit": series.unit,
        "measure": series.measure,
        "topic": series.topic,
        "indicator": getattr(series, "indicator", None) or "",
    }
    for key in _SERIES_DIMENSIONS:
        if value := getattr(series, key, None):
            entry[key] = value
    entry["description"] = _quoted(series.description or "")
    entry["used_by"] = used_by
    entry["status"] = PROPOSED
    return entry


def _fact_entry(fact) -> dict[str, object]:
    entry: dict[str, object] = {"id": fact.id, "series": fact.series, "period": fact.period}
    if fact.value is not None:
        entry["value"] = _quoted(fact.value)
    else:
        entry["low"] = _quoted(fact.low)
        entry["high"] = _quoted(fact.high)
    entry["unit"] = fact.unit
    entry["qualifier"] = fact.qualifier
    if fact.direction:
        entry["direction"] = fact.direction
    if fact.base_period:
        entry["base_period"] = fact.base_period
    if fact.statistics_from:
        entry["statistics_from"] = fact.statistics_from
    if getattr(fact, "statistics_basis", None):
        entry["statistics_basis"] = _quoted(fact.statistics_basis)
    if getattr(fact, "sign", None):
        entry["sign"] = fact.sign
    entry["locator"] = _quoted(fact.locator)
    entry["evidence"] = _quoted(fact.evidence)
    entry["status"] = PROPOSED
    entry["confidence"] = fact.confidence
    return entry


def _review_comment(sentence: str, how: list[str]) -> str:
    """Opens with « (``review`` recognises the block by it and drops it once confirmed)."""
    return _comment_lines(f"«{sentence}»", *how)


def _entries(items: list[dict[str, object]], comments: list[str]) -> CommentedSeq:
    seq = CommentedSeq()
    for index, (item, comment) in enumerate(zip(items, comments, strict=True)):
        seq.append(CommentedMap(item))
        seq.yaml_set_comment_before_after_key(index, before=comment, indent=2)
    return seq


def write_atomically(targets: dict[Path, str | bytes]) -> None:
    """Write every target completely to a temporary file, then move them all into place.

    Either every file is written or none is changed: a failure while writing (disk full, an
    encoding error) leaves the targets as they were.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            with os.fdopen(handle, "wb") as out:
                out.write(content.encode("utf-8") if isinstance(content, str) else content)
            staged.append((Path(name), target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
