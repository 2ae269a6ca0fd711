"""The two intake commands: ``propose`` a draft from a new document, ``review`` it.

Both refuse, with the reason and what to do, rather than write anything doubtful: a document
already curated (same text), an id or file already taken, a text too short to be an article.
``propose`` is bounded: it reads no document over a size limit (:data:`MAX_MB`) and stops after
a time limit (:data:`TIMEOUT_SECONDS`), each with a message saying how to raise it. Writing is
all or nothing (:func:`etl.intake.draft.write_atomically`), and happens only once the draft is
complete, outside the time limit, so a stopped run leaves nothing behind.
"""

from __future__ import annotations

import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from etl.intake.documents import MAX_MB, TEXTS_DIR, IntakeError, read_document
from etl.intake.draft import render, write_atomically
from etl.intake.proposals import first_year, propose
from etl.intake.review import accept as accept_marked
from etl.intake.review import describe
from etl.load import load_curated

__all__ = [
    "MAX_MB",
    "TEXTS_DIR",
    "TIMEOUT_SECONDS",
    "ProposeTimeout",
    "propose_file",
    "review_file",
    "time_limit",
]

TIMEOUT_SECONDS = 300.0
"""How long ``propose`` may take, in seconds. A real document is proposed in seconds (a 50-page
PDF in about 5 s); this bounds what the size limit cannot: a text that is nothing but numbers
(minutes per MB), a PDF whose pages are slow to decode. ``propose --timeout`` (or
``ETL_PROPOSE_TIMEOUT``) raises it."""


class ProposeTimeout(BaseException):
    """``propose`` ran past its time limit; the message names the file, the limit and the flag.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` on the way (in the
    HTML and PDF readers) can swallow it or report it as a damaged page.
    """


@contextmanager
def time_limit(seconds: float, path: Path) -> Iterator[None]:
    """Raise :class:`ProposeTimeout` in this block once ``seconds`` have passed.

    A real-time interval timer (SIGALRM) in the main thread of the command's process; elsewhere
    (another thread, a platform without it) the block runs unbounded.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ProposeTimeout(
            f"{path}: not proposed within the {seconds:g} s time limit; stopped, nothing was "
            "written. If the document really takes that long, allow more time: --timeout N "
            "(seconds; or ETL_PROPOSE_TIMEOUT=N)"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _progress(total: int):
    from tqdm import tqdm

    bar = tqdm(total=total, desc="reading pages", unit="page", file=sys.stderr, leave=False)
    return bar.update


def _shown(path: Path) -> str:
    """A path as the curator typed it: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _default_id(title: str, date: str | None) -> str:
    stop = {"the", "and", "for", "with", "from", "into", "after", "of", "in", "on", "an"}
    words = [w for w in re.findall(r"[a-z0-9]+", title.lower()) if len(w) > 2 and w not in stop]
    words = words[:4]
    year = (date or "")[:4]
    return "-".join([*words, *([year] if year.isdigit() else [])]) or "new-document"


def propose_file(
    path: Path,
    curated: Path,
    *,
    source_id: str | None = None,
    out: Path | None = None,
    texts_dir: Path = TEXTS_DIR,
    date: str | None = None,
    max_mb: float = MAX_MB,
    timeout: float = TIMEOUT_SECONDS,
) -> str:
    """Draft the curated file of the document at ``path``; return the summary to print.

    A document over ``max_mb`` MB is refused before it is read (:class:`IntakeError`); reading
    and proposing stop after ``timeout`` seconds (:class:`ProposeTimeout`). Either way nothing
    is written.
    """
    with time_limit(timeout, path):
        document = read_document(Path(path), progress=_progress, max_mb=max_mb)
        meta = document.metadata
        source_id = source_id or _default_id(meta.title or Path(path).stem, meta.date)
        if not _SLUG.fullmatch(source_id):
            raise IntakeError(f"--id {source_id!r} is not a slug; use lower-case-words")
        target = out or curated / "sources" / f"{source_id}.yaml"
        if target.exists():
            raise IntakeError(f"{target} already exists; choose another --id or --out")
        dataset = load_curated(curated)
        for source in dataset.sources:
            if (source.record.text_sha256 or "").lower() == document.sha256:
                raise IntakeError(
                    f"{path}: this text is already curated as {source.record.source_id} "
                    f"({source.record.location.file}); review that file instead"
                )
        if source_id in {s.record.source_id for s in dataset.sources}:
            raise IntakeError(f"id {source_id!r} is already a curated source; choose another --id")
        draft = propose(document, source_id, dataset.series, first_year(dataset), date)
        text_path = Path(texts_dir) / f"{source_id}.txt"
        if text_path.exists() and text_path.read_text(encoding="utf-8") != document.text:
            raise IntakeError(f"{text_path} exists with another text; choose another --id")
        rendered = render(draft)
    write_atomically({target: rendered, text_path: document.text})
    mean = sum(f.confidence for f in draft.facts) / len(draft.facts) if draft.facts else 0.0
    return (
        f"propose: wrote {_shown(target)}: {len(draft.facts)} facts (mean confidence {mean:.2f}), "
        f"{len(draft.events)} events, {len(draft.dismissed)} dismissed mentions"
        + (f", {len(draft.new_series)} new series" if draft.new_series else "")
        + f" from {document.kind} of {document.pages} pages; text saved as {_shown(text_path)}\n"
        f"next: python -m etl review {source_id}"
    )


def _draft_path(source: str, curated: Path) -> Path:
    candidate = Path(source)
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return candidate
    path = curated / "sources" / f"{source}.yaml"
    if not path.is_file():
        raise IntakeError(f"no draft {path}; give a source id from {curated / 'sources'}")
    return path


def review_file(source: str, curated: Path, *, accept: bool, everything: bool) -> str:
    """List the draft's proposals, or accept the confirmed ones; return what to print."""
    path = _draft_path(source, curated)
    if not (accept or everything):
        return describe(path)
    result = accept_marked(path, curated / "series.yaml", everything=everything)
    parts = [f"review: accepted {result.accepted}"]
    if result.dismissed:
        parts.append(f"dismissed {result.dismissed}")
    if result.series_added:
        parts.append(f"added series {', '.join(result.series_added)} to series.yaml")
    if result.record_confirmed:
        parts.append("confirmed the source record")
    summary = ", ".join(parts) + f"; {result.remaining} still to review in {_shown(path)}"
    if result.remaining == 0:
        summary += "\nnext: make anchor etl verify scan"
    return summary
