"""The two intake commands: ``propose`` a draft from a new document, ``review`` it.

Both refuse, with the reason and what to do, rather than write anything doubtful: a document
already curated or already under review (same text), an id or file already taken, a text too
short to be an article, in another language, or not text at all; a review whose accepted
entries the build would refuse.
``propose`` is bounded: it reads no document over a size limit (:data:`MAX_MB`) and stops after
a time limit (:data:`TIMEOUT_SECONDS`), each with a message saying how to raise it. Writing is
all or nothing (:func:`etl.intake.draft.write_atomically`), and happens only once the draft is
complete, outside the time limit, so a stopped run leaves nothing behind.

The proposed source id is the outlet's name, the title's first words and the year
(:func:`proposed_id`): "minsk-herald-belarus-gdp-shows-2023", "zerkalo-eksport-tovarov-2023".
"""

from __future__ import annotations

import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date as Date
from pathlib import Path

from etl.intake.documents import (
    MAX_MB,
    PDF_CREATION_DATE,
    TEXTS_DIR,
    Document,
    IntakeError,
    read_document,
)
from etl.intake.draft import render, write_atomically
from etl.intake.grammar.language import Language
from etl.intake.header import HEADER_LINES, dateline_in, is_furniture_line
from etl.intake.proposals import Draft, first_year, known_values, propose
from etl.intake.review import accept as accept_marked
from etl.intake.review import describe
from etl.load import OpenDraft, load_curated

__all__ = [
    "MAX_MB",
    "TEXTS_DIR",
    "TIMEOUT_SECONDS",
    "ProposeTimeout",
    "propose_file",
    "proposed_id",
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


# --------------------------------------------------------------------------------------------
# The proposed source id
# --------------------------------------------------------------------------------------------


def _table(cyrillic: str, latin: str) -> dict[str, str]:
    """Letter by letter; "-" is a letter written as nothing (the soft sign, the apostrophe)."""
    return dict(zip(cyrillic, latin.split(), strict=True))


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TRANSLITERATION = {
    # Russian as Russian passports write it (ICAO, 2013); Ukrainian by its official table (2010)
    "ru": _table(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia",
    ),
    "uk": _table(
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’",
        "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch - iu ia - -",
    ),
}
_STOP_WORDS = _word_set(
    "the and for with from into after over about than this that its are was were has have "
    "how why what who will would not but new say says said "
    "для что как это при без под над или его так уже все "
    "що або які під його вже"
)
_SLUG_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-ZА-ЯЁІЇЄҐ]{2,10})\)")
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)*?([a-z0-9-]+)\.[a-z]{2,6}$", re.I)
_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
TITLE_WORDS = 3
"""Words of the title in a proposed id: enough to tell an outlet's reports of one year apart."""
MAX_ID_CHARS = 60


def _latin(word: str, language: str | None) -> str:
    """A word in Latin letters: Russian and Ukrainian transliterated by their own tables."""
    table = _TRANSLITERATION["uk" if language == "uk" else "ru"]
    letters = (table.get(ch, ch).replace("-", "") for ch in word.lower())
    return re.sub(r"[^a-z0-9]", "", "".join(letters))


def _slug_words(text: str, language: str | None, count: int) -> list[str]:
    words = []
    for match in _SLUG_WORD.finditer(text):
        word = match[0]
        latin = _latin(word, language)
        if len(latin) < 3 or word.lower() in _STOP_WORDS or latin.isdigit():
            continue
        words.append(latin)
        if len(words) == count:
            break
    return words


def _outlet(publisher: str | None, language: str | None) -> list[str]:
    """The outlet's short name: an acronym in brackets ("… (SCEEUS)"), a web address's name
    ("news.zerkalo.io" → zerkalo), else its first two words ("The Minsk Herald")."""
    if not publisher or publisher == "not established":
        return []
    if match := _ACRONYM_IN_BRACKETS.search(publisher):
        return [_latin(match[1], language)]
    if match := _DOMAIN.fullmatch(publisher.strip().removeprefix("www.")):
        return [_latin(match[1], language)]
    return _slug_words(publisher, language, 2)


def id_year(document: Document, given: str | None = None) -> tuple[str | None, str]:
    """The year a proposed id carries, and where it comes from: the date given, else the date
    the document states, else the latest year its text names up to this one, a deadline aside
    ("until 2024", "до 2024 г."): the text was written in that year or after it."""
    for candidate, origin in ((given, "--date"), (document.metadata.date, "the document's date")):
        if candidate and re.match(r"(?:19|20)\d\d", candidate):
            return candidate[:4], origin
    this_year = Date.today().year
    years = [
        int(match[1])
        for match in _YEAR_IN_TEXT.finditer(document.text)
        if int(match[1]) <= this_year
        and not _DEADLINE.search(document.text, max(0, match.start() - 12), match.start())
    ]
    if not years:
        return None, "no year: none is given, stated or named"
    return str(max(years)), "the latest year the text names"


_DEADLINE = re.compile(r"(?i)(?<!\w)(?:until|till|through|by|to|до|по|к)\s+(?:the\s+)?$")


def _first_line(text: str) -> str:
    """The text's first line that is no furniture, without the dateline it may open with."""
    for line in text.splitlines()[:HEADER_LINES]:
        if line.strip() and not is_furniture_line(line):
            dateline = dateline_in(line.strip())
            return line.strip()[dateline.end if dateline else 0 :]
    return ""


def proposed_id(document: Document, date: str | None = None) -> str:
    """The source id proposed for a document: the outlet's short name, the first
    :data:`TITLE_WORDS` words of its title (in Latin letters) and its year, as a slug.

    "The Minsk Herald", "Belarus GDP shows growth…", 2023 → minsk-herald-belarus-gdp-shows-2023;
    a Russian title "Товарооборот Беларуси и Украины…" of 2010 → tovarooborot-belarusi-ukrainy-2010.
    Without a title, the words of the text's first line stand in for it.
    """
    meta = document.metadata
    language = document.language
    words = _outlet(meta.publisher, language)
    title = meta.title or _first_line(document.text)
    words += [w for w in _slug_words(title, language, TITLE_WORDS) if w not in words]
    year, _ = id_year(document, date)
    slug = "-".join(words)[: MAX_ID_CHARS - 5].rstrip("-")
    return "-".join(part for part in (slug, year) if part) or "new-document"


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
    language: Language | None = None,
) -> str:
    """Draft the curated file of the document at ``path``; return the summary to print.

    A document over ``max_mb`` MB is refused before it is read (:class:`IntakeError`); reading
    and proposing stop after ``timeout`` seconds (:class:`ProposeTimeout`). Either way nothing
    is written. Other drafts under review do not stand in the way, but a text one of them was
    proposed from is refused like a curated one.
    """
    with time_limit(timeout, path):
        document = read_document(Path(path), progress=_progress, max_mb=max_mb, language=language)
        if date:
            document = _without_creation_date(document)
        given_id = source_id
        source_id = source_id or proposed_id(document, date)
        if not _SLUG.fullmatch(source_id):
            raise IntakeError(f"--id {source_id!r} is not a slug; use lower-case-words")
        target = out or curated / "sources" / f"{source_id}.yaml"
        if target.exists():
            raise IntakeError(f"{target} already exists; choose another --id or --out")
        drafts: list[OpenDraft] = []
        dataset = load_curated(curated, drafts)
        _refuse_a_text_already_taken(path, document, dataset, drafts, curated)
        taken = {s.record.source_id for s in dataset.sources} | {d.source_id for d in drafts}
        if source_id in taken:
            raise IntakeError(f"id {source_id!r} is already a curated source; choose another --id")
        draft = propose(
            document,
            source_id,
            dataset.series,
            first_year(dataset),
            date,
            known_values=known_values(dataset),
        )
        _describe_the_document(draft, document, given_language=language is not None)
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
        + f" from {document.kind} of {document.pages} pages"
        + f" in {_LANGUAGE_NAMES.get(document.language or '', document.language)}"
        + _read_as(document)
        + f"; text saved as {_shown(text_path)}\n"
        + ("" if given_id else _id_note(source_id, document, date))
        + f"next: python -m etl review {source_id}"
    )


def _id_note(source_id: str, document: Document, date: str | None) -> str:
    """Where a proposed id's year came from, when that was a guess from the text."""
    _, origin = id_year(document, date)
    if origin in ("--date", "the document's date"):
        return ""
    return (
        f"id: {source_id} (its year: {origin}; if that is not the document's year, propose "
        "again with --id or --date)\n"
    )


_LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian"}


def _read_as(document: Document) -> str:
    """ " read as CP1251 (not UTF-8; …)" when the file was in another encoding."""
    decoded = document.encoding
    if decoded is None or decoded.is_utf8:
        return ""
    return f", read as {decoded.name} (not UTF-8; {decoded.how})"


def _without_creation_date(document: Document) -> Document:
    """The document without the date its PDF was made: the curator's date stands instead."""
    meta = document.metadata
    if meta.origin.get("date") != PDF_CREATION_DATE:
        return document
    origin = {key: value for key, value in meta.origin.items() if key != "date"}
    return replace(document, metadata=replace(meta, date=None, origin=origin))


def _refuse_a_text_already_taken(path, document, dataset, drafts, curated: Path) -> None:
    for source in dataset.sources:
        if (source.record.text_sha256 or "").lower() == document.sha256:
            raise IntakeError(
                f"{path}: this text is already curated as {source.record.source_id} "
                f"({source.record.location.file}); review that file instead"
            )
    for draft in drafts:
        if (draft.text_sha256 or "").lower() == document.sha256:
            raise IntakeError(
                f"{path}: this text is already proposed as {draft.source_id} "
                f"({_shown(curated / draft.file)}), still under review; review that draft, or "
                "delete it to propose again"
            )


def _describe_the_document(draft: Draft, document: Document, *, given_language: bool) -> None:
    """Complete the draft's record with what the document says about itself beyond the
    bibliographic fields: its language, and notes on its encoding, the agencies it credits
    and its dateline."""
    record = draft.record
    if document.language and "language" not in record:
        record["language"] = document.language
        if given_language:
            draft.record_origin["language"] = "given by the curator"
        else:
            draft.record_origin["language"] = "its letters and commonest words"
            draft.proposed_fields.append("language")
    notes = [str(n) for n in record.get("notes") or []]  # type: ignore[attr-defined]
    notes += [note for note in document.notes if note not in notes]
    if notes:
        record["notes"] = notes


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
    result = accept_marked(path, curated / "series.yaml", everything=everything, curated=curated)
    parts = [f"review: accepted {result.accepted}"]
    if result.dismissed:
        parts.append(f"dismissed {result.dismissed}")
    if result.series_added:
        parts.append(f"added series {', '.join(result.series_added)} to series.yaml")
    for existing, facts in result.facts_moved.items():
        parts.append(f"moved {', '.join(facts)} to the existing series {existing}")
    if result.record_confirmed:
        parts.append("confirmed the source record")
    summary = ", ".join(parts) + f"; {result.remaining} still to review in {_shown(path)}"
    if result.remaining == 0:
        summary += "\nnext: make anchor etl verify scan"
    return summary
