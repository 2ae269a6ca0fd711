"""Read a new document — plain text, HTML or PDF — into the text ``verify`` will check it against.

The text the curator's quotes are checked against is the text *this module extracts*, saved by
its SHA-256, so the proposal, ``verify`` and ``scan`` always read the same characters. What the
document states about itself (title, authors, outlet, date, address) is read alongside: HTML
meta tags through trafilatura, the PDF information dictionary through pypdf, the first lines of
a plain text by :mod:`etl.intake.header`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from etl.intake.header import Metadata, read_header

TEXTS_DIR = Path(__file__).resolve().parents[2] / "datasets" / "texts"
"""Where proposed documents' texts are kept for ``verify`` and ``scan`` (not version
controlled: they are others' writing)."""

__all__ = ["Document", "IntakeError", "Metadata", "read_document"]

MIN_WORDS = 30
"""Fewer words than this is not an article: an empty page, a scanned PDF, a navigation shell."""

PAGES_FOR_PROGRESS = 5
"""Documents with more pages than this show a progress bar while their pages are read."""

MAX_MB = 10.0
"""The largest document ``propose`` reads, in MB (10^6 bytes): the file, and the text extracted
from an HTML page or a PDF. Articles, memos and reports are 10 KB to 1 MB of text and PDFs a few
MB; a file far larger is a mistake (a whole site saved, a data dump) or hostile. Proposing takes
time and memory in proportion to the text and to the numbers in it: seconds for a real report,
but a text of nothing but numbers takes minutes per MB, which the time limit
(:data:`etl.intake.commands.TIMEOUT_SECONDS`) then bounds. ``propose --max-mb`` (or
``ETL_PROPOSE_MAX_MB``) raises it."""

MAX_MB_HINT = "if it really is one document, raise the limit: --max-mb N (or ETL_PROPOSE_MAX_MB=N)"


class IntakeError(Exception):
    """A document that cannot be proposed from; the message names the file and what to do."""


@dataclass(frozen=True)
class Document:
    """The extracted text of one document, its kind, page count and self-description."""

    path: Path
    kind: str  # "text" | "html" | "pdf"
    text: str
    pages: int
    metadata: Metadata

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_document(
    path: Path, progress: Callable[[int], object] | None = None, *, max_mb: float = MAX_MB
) -> Document:
    """Extract the text and metadata of ``path`` by its kind (by suffix, then by content).

    ``progress`` is called with the page count of a long PDF before its pages are read and
    returns a callable to advance per page (a tqdm bar); short documents never call it.
    Raises :class:`IntakeError` for a file that is missing, unreadable, empty, has no text
    layer, or is larger than ``max_mb`` MB (the file, checked before it is read; the text of
    an HTML page or a PDF, checked as it is extracted), with the reason and what to do.
    """
    path = Path(path)
    if not path.is_file():
        raise IntakeError(f"{path}: no such file")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise IntakeError(f"{path}: cannot read ({error.strerror})") from error
    if size > max_mb * 1e6:
        raise IntakeError(
            f"{path}: the file is {_mb(size)}, over the {max_mb:g} MB limit for a document; "
            + MAX_MB_HINT
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IntakeError(f"{path}: cannot read ({error.strerror})") from error
    if not data.strip():
        raise IntakeError(f"{path}: the file is empty")
    kind = _kind(path, data)
    if kind == "pdf":
        document = _read_pdf(path, data, progress, max_mb)
    elif kind == "html":
        document = _read_html(path, data)
    else:
        document = _read_text(path, data)
    _check_text_size(path, kind, len(document.text.encode("utf-8")), max_mb)
    if len(document.text.split()) < MIN_WORDS:
        raise IntakeError(_too_little_text(path, kind, len(document.text.split())))
    return document


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _check_text_size(
    path: Path, kind: str, size: int, max_mb: float, *, so_far: bool = False
) -> None:
    if size > max_mb * 1e6:
        what = (
            "the text of this file"
            if kind == "text"
            else f"the text extracted from this {kind.upper()}"
        )
        raise IntakeError(
            f"{path}: {what} is {'at least ' if so_far else ''}{_mb(size)}, over the "
            f"{max_mb:g} MB limit for a document; " + MAX_MB_HINT
        )


def _kind(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        return "pdf"
    head = data[:2048].lstrip().lower()
    if suffix in (".html", ".htm", ".xhtml") or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def _too_little_text(path: Path, kind: str, words: int) -> str:
    if kind == "pdf":
        return (
            f"{path}: the PDF has {words} words of text: it is probably scanned (images of "
            "pages, no text layer). Run OCR on it first (e.g. ocrmypdf) and propose from that"
        )
    if kind == "html":
        return (
            f"{path}: no main text found in the page ({words} words after removing navigation "
            "and boilerplate). Save the article itself, or copy its text into a .txt file"
        )
    return f"{path}: only {words} words of text; is this the whole document?"


# --------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IntakeError(
            f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8, or give the PDF "
            "or HTML it came from"
        ) from error


def _read_text(path: Path, data: bytes) -> Document:
    text = _decode(path, data)
    if "\x00" in text:
        raise IntakeError(f"{path}: a binary file, not text, HTML or PDF")
    return Document(path, "text", text, _page_count(text), read_header(text))


def _page_count(text: str) -> int:
    """Pages of a plain text: form feeds where present, else about 500 words a page."""
    if "\f" in text:
        return text.count("\f") + 1
    return max(1, round(len(text.split()) / 500))


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


_HTML_FIELDS = ("text", "title", "author", "sitename", "date", "url")


def _extract_html(html: str) -> dict[str, str | None]:
    """trafilatura's main text and meta tags of a page (the fields this module reads)."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    extracted = result.as_dict() if result is not None else {}
    return {key: extracted.get(key) for key in _HTML_FIELDS}


def _in_child(path: Path, function: Callable[..., object], *args: object) -> object:
    """``function(*args)`` run in a forked child process, its result sent back.

    trafilatura parses and searches a page with lxml in long calls into C (an XPath over the
    whole tree), which a time limit -- a signal, handled only between Python steps (see
    ``etl.intake.commands.time_limit``) -- cannot interrupt: on a 50 MB page one such call
    outlasts a 30 s limit by minutes. Waiting here for the child can be interrupted at once,
    and the child is then killed.
    """
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return function(*args)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_send_result, args=(send, function, args), daemon=True)
    child.start()
    send.close()
    try:
        answer = receive.recv()
    except EOFError:
        answer = None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if answer is None:
        raise IntakeError(f"{path}: the page's reader stopped (exit status {child.exitcode})")
    done, value = answer
    if not done:
        raise IntakeError(f"{path}: the page cannot be read ({value})")
    return value


def _send_result(send, function: Callable[..., object], args: tuple[object, ...]) -> None:
    try:
        send.send((True, function(*args)))
    except Exception as error:  # reported by the parent, with the file's name
        send.send((False, f"{type(error).__name__}: {error}"))
    finally:
        send.close()


def _read_html(path: Path, data: bytes) -> Document:
    html = _decode(path, data)
    import trafilatura  # noqa: F401  (imported here, once, rather than in every child)

    extracted = cast(dict[str, str | None], _in_child(path, _extract_html, html))
    text = (extracted.get("text") or "").strip()
    if not text:
        raise IntakeError(_too_little_text(path, "html", 0))
    meta = extracted or {}
    authors = tuple(a.strip() for a in re.split(r";|\band\b|,", meta.get("author") or "") if a)
    origin = {}
    values = {
        "title": meta.get("title"),
        "publisher": meta.get("sitename"),
        "date": meta.get("date"),
        "url": meta.get("url"),
    }
    for key, value in (*values.items(), ("authors", authors)):
        if value:
            origin[key] = "HTML meta tags (trafilatura)"
    metadata = Metadata(
        title=values["title"],
        authors=tuple(a for a in authors if a),
        publisher=values["publisher"],
        date=values["date"],
        url=values["url"],
        origin=origin,
    )
    # Text before the first heading-like line is navigation far less often in extracted HTML
    # than in a plain copy, so the header reader only fills fields the meta tags left empty.
    fallback = read_header(text)
    return Document(path, "html", text + "\n", _page_count(text), _fill(metadata, fallback))


def _fill(primary: Metadata, fallback: Metadata) -> Metadata:
    origin = dict(primary.origin)
    values = {}
    for key in ("title", "authors", "publisher", "container", "date", "url"):
        value = getattr(primary, key)
        if not value and getattr(fallback, key):
            value = getattr(fallback, key)
            origin[key] = fallback.origin.get(key, "first lines")
        values[key] = value
    return Metadata(**values, origin=origin)


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------

_PAGE_NUMBER_LINE = re.compile(r"\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*", re.I)


def _read_pdf(
    path: Path, data: bytes, progress: Callable[[int], object] | None, max_mb: float = MAX_MB
) -> Document:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IntakeError(f"{path}: the PDF is encrypted; give an unlocked copy")
        count = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise IntakeError(f"{path}: not a readable PDF ({error})") from error
    advance = progress(count) if progress and count > PAGES_FOR_PROGRESS else None
    pages: list[str] = []
    extracted = 0
    for page in reader.pages:
        try:
            pages.append(page.extract_text() or "")
        except Exception as error:  # pypdf raises many kinds on damaged content streams
            raise IntakeError(f"{path}: page {len(pages) + 1} cannot be read ({error})") from error
        extracted += len(pages[-1].encode("utf-8"))
        _check_text_size(path, "pdf", extracted, max_mb, so_far=True)  # a small PDF, a huge text
        if advance:
            advance(1)  # type: ignore[operator]
    text = "\n\n".join(_without_furniture(pages))
    info = reader.metadata or {}
    metadata = _pdf_metadata(info)
    return Document(path, "pdf", text.strip() + "\n", count, _fill(metadata, read_header(text)))


def _without_furniture(pages: list[str]) -> list[str]:
    """Drop running headers, footers and page numbers: lines repeated at the same end of pages.

    A line counts as furniture when it is a bare page number, or when the same line (digits
    ignored, so "Page 3 of 50" repeats) is the first or last line of at least half the pages
    of a document of three pages or more.
    """
    split = [page.splitlines() for page in pages]
    ends: Counter[str] = Counter()
    for lines in split:
        body = [line for line in lines if line.strip()]
        for line in {*body[:1], *body[-1:]}:
            ends[_shape(line)] += 1
    threshold = max(2, (len(pages) + 1) // 2) if len(pages) >= 3 else None
    kept = []
    for lines in split:
        body_idx = [i for i, line in enumerate(lines) if line.strip()]
        edge = {*body_idx[:1], *body_idx[-1:]}
        out = []
        for i, line in enumerate(lines):
            if i in edge and (
                _PAGE_NUMBER_LINE.fullmatch(line)
                or (threshold is not None and ends[_shape(line)] >= threshold)
            ):
                continue
            out.append(line)
        kept.append("\n".join(out))
    return kept


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _pdf_metadata(info) -> Metadata:
    title = (info.get("/Title") or "").strip() or None
    author = (info.get("/Author") or "").strip()
    authors = tuple(a.strip() for a in re.split(r";|,|\band\b", author) if a.strip())
    date = None
    try:
        created = getattr(info, "creation_date", None)
        date = created.date().isoformat() if created else None
    except (ValueError, TypeError):
        date = None
    origin = {key: "PDF metadata" for key, v in (("title", title), ("authors", authors)) if v}
    if date:
        origin["date"] = "PDF metadata (creation date: check it is the publication date)"
    return Metadata(title=title, authors=authors, date=date, origin=origin)
