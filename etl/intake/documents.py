"""Read a new document — plain text, HTML or PDF — into the text ``verify`` will check it against.

The text the curator's quotes are checked against is the text *this module extracts*, saved by
its SHA-256, so the proposal, ``verify`` and ``scan`` always read the same characters. What the
document states about itself (title, authors, outlet, date, address) is read alongside: HTML
meta tags through trafilatura, the PDF information dictionary through pypdf, the first lines of
any text by :mod:`etl.intake.header`.

What is not a document the intake can read is refused with what it looks like and what to do,
before anything is proposed: a file that is not text (an image or an archive renamed .txt,
bytes with no text in them), a text whose encoding cannot be told for certain, a text in a
language other than the three the intake reads (English, Russian, Ukrainian).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from etl.intake.grammar.language import MIN_LETTERS, Language, language_of
from etl.intake.header import Metadata, is_person, read_header

TEXTS_DIR = Path(__file__).resolve().parents[2] / "datasets" / "texts"
"""Where proposed documents' texts are kept for ``verify`` and ``scan`` (not version
controlled: they are others' writing): ``texts/`` beside the curated directory."""


def texts_beside(curated: Path) -> Path:
    """The directory of texts that belongs to a curated directory: ``texts/`` beside it.

    ``datasets/curated`` keeps its texts in ``datasets/texts``; a copy of the curated files
    elsewhere (a test's, a benchmark's) keeps its own, so nothing run against a copy writes
    into the repository.
    """
    return Path(curated).parent / "texts"


__all__ = ["Document", "IntakeError", "Metadata", "decode", "read_document", "texts_beside"]

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
    """The extracted text of one document, its kind, page count and self-description.

    ``language`` is the language its figures are written in (en, ru, uk); ``encoding`` the
    encoding the file was read in when it was not UTF-8 (a PDF's text is always Unicode), with
    how that was established.
    """

    path: Path
    kind: str  # "text" | "html" | "pdf"
    text: str
    pages: int
    metadata: Metadata
    language: Language | None = None
    encoding: Decoded | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def notes(self) -> tuple[str, ...]:
        """What the curator should know about how the document was read: its encoding, the
        agencies it credits, its dateline, names that are no authors (for the draft's notes)."""
        notes = []
        if self.encoding is not None and not self.encoding.is_utf8:
            notes.append(
                f"The file was not UTF-8: it was read as {self.encoding.name} "
                f"({self.encoding.how}); the saved text is UTF-8."
            )
        return (*notes, *self.metadata.notes)


def read_document(
    path: Path,
    progress: Callable[[int], object] | None = None,
    *,
    max_mb: float = MAX_MB,
    language: Language | None = None,
) -> Document:
    """Extract the text and metadata of ``path`` by its kind (by suffix, then by content).

    ``progress`` is called with the page count of a long PDF before its pages are read and
    returns a callable to advance per page (a tqdm bar); short documents never call it.
    ``language`` is the curator's word for the text's language; without it the language is
    read from the text's letters, and a text in none of the three is refused.
    Raises :class:`IntakeError` for a file that is missing, unreadable, empty, not text (an
    image, an archive, binary data), in an encoding that cannot be told for certain, without a
    text layer, in another language, or larger than ``max_mb`` MB (the file, checked before it
    is read; the text of an HTML page or a PDF, checked as it is extracted), with the reason
    and what to do.
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
    if not data.startswith(b"%PDF-") and (what := looks_like(data)):
        raise IntakeError(f"{path}: not a text, HTML or PDF document: it looks like {what}")
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
    found = language or _language(document.text)
    if found is None:
        raise IntakeError(_other_language(path, document.text))
    return replace(document, language=found, metadata=_described(document.metadata))


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
# Bytes to text: what a file is, and which encoding its text is in
# --------------------------------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"WEBP", 8, "a WebP image"),
    (b"ftyp", 4, "an MP4 or QuickTime video, or a HEIC photo"),
    (b"PK\x03\x04", 0, "a ZIP archive (a .docx, .xlsx, .odt or .epub file is one too)"),
    (b"PK\x05\x06", 0, "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office file (.doc, .xls, .ppt)"),
    (b"{\\rtf", 0, "an RTF document (word-processor markup)"),
    (b"\x1f\x8b", 0, "a gzip-compressed file"),
    (b"\xfd7zXZ\x00", 0, "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"%!PS", 0, "a PostScript file"),
    (b"\x7fELF", 0, "a program (an ELF executable)"),
    (b"ID3", 0, "an MP3 audio file"),
    (b"OggS", 0, "an Ogg audio or video file"),
)
"""Files that start with these bytes are not text, whatever their name says."""

_WHAT_TO_GIVE = "give the article as plain text (.txt, UTF-8), an HTML page (.html) or a PDF (.pdf)"
_IMAGE_HINT = "; if it is a scan of a page, run OCR on it first (e.g. ocrmypdf or tesseract)"

_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
"""Control characters no text uses (tab, line breaks, form feed and ESC's neighbours aside)."""
MAX_CONTROL_SHARE = 0.01
"""A file with more control bytes than this share is binary: a text has none, random bytes
about one in ten."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_like(data: bytes) -> str | None:
    """What a file is when its first bytes say it is not text ("a PNG image"), else None."""
    for magic, offset, what in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            hint = _IMAGE_HINT if "image" in what or "photo" in what else ""
            return f"{what}{hint}; {_WHAT_TO_GIVE}"
    if data[:3] == b"BZh" and data[3:4].isdigit():
        return f"a bzip2-compressed file; {_WHAT_TO_GIVE}"
    return None


@dataclass(frozen=True)
class Decoded:
    """A file's text, the codec it was decoded with and how that codec was established."""

    text: str
    codec: str  # Python's name: "utf-8", "cp1251", "koi8_r", "utf_16_le"
    how: str  # "" for UTF-8; "its byte-order mark"; "detected: … reads as Russian"

    @property
    def name(self) -> str:
        """The encoding as ``iconv`` and editors name it: CP1251, KOI8-R, UTF-16LE."""
        return iconv_name(self.codec)

    @property
    def is_utf8(self) -> bool:
        """UTF-8, with or without a byte-order mark: nothing to tell the curator."""
        return codecs.lookup(self.codec).name in ("utf-8", "utf-8-sig")


def iconv_name(codec: str) -> str:
    """Python's codec name as ``iconv -f`` takes it: cp1251 → CP1251, koi8_r → KOI8-R,
    utf_16_le → UTF-16LE, mac_cyrillic → MACCYRILLIC, iso8859_5 → ISO-8859-5."""
    name = codecs.lookup(codec).name  # "cp1251", "koi8-r", "utf-16-le", "mac-cyrillic"
    special = {"mac-cyrillic": "MACCYRILLIC", "latin-1": "ISO-8859-1", "utf-8-sig": "UTF-8"}
    if name in special:
        return special[name]
    if match := re.fullmatch(r"utf-(16|32)-(le|be)", name):
        return f"UTF-{match[1]}{match[2].upper()}"
    if match := re.fullmatch(r"iso8859-(\d+)", name):
        return f"ISO-8859-{match[1]}"
    return name.upper()


def decode(path: Path, data: bytes) -> Decoded:
    """The text of ``data``: UTF-8 (with or without a BOM), UTF-16 or UTF-32 by their
    byte-order marks, or another encoding when it can be told for certain.

    Certain means: charset-normalizer finds the encoding with little mess (its ``chaos``
    measure), the text it decodes to reads as English, Russian or Ukrainian (their commonest
    words, no letter foreign to them), and no other encoding reads as well with other letters.
    Raises :class:`IntakeError` for binary data (what it looks like) and for an encoding that
    is not certain (with the ``iconv`` command that converts the file).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec, "its byte-order mark")
            except UnicodeDecodeError as error:
                raise IntakeError(
                    f"{path}: starts with the byte-order mark of {iconv_name(codec)} but is "
                    f"not valid {iconv_name(codec)} (byte {error.start}): the file is damaged; "
                    "save it again"
                ) from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and _control_share(data) <= MAX_CONTROL_SHARE and "\x00" not in text:
        return Decoded(text, "utf-8", "")
    detected, rivals = _detect(data)
    if detected is not None and not rivals:
        return detected
    if b"\x00" in data or _control_share(data) > MAX_CONTROL_SHARE:
        share = _control_share(data)
        raise IntakeError(
            f"{path}: not text: {share:.0%} of its bytes are control characters"
            + (" (NUL bytes among them)" if b"\x00" in data else "")
            + f", as in an image, an archive or a program; {_WHAT_TO_GIVE}"
        )
    raise IntakeError(_uncertain(path, detected, rivals))


def _control_share(data: bytes) -> float:
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))) / max(len(data), 1)


MAX_CHAOS = 0.2
"""charset-normalizer's mess measure (0 clean, 1 noise) above which a decoding is not taken."""
RIVAL_MARGIN = 0.05
"""Another decoding with other letters whose mess is within this margin makes it uncertain."""
DETECTION_SAMPLE = 200_000
"""Characters of a decoded text its language and letters are judged on."""


def _detect(data: bytes) -> tuple[Decoded | None, list[str]]:
    """The certain decoding of ``data`` and, when there are any, the rival encodings that read
    as well with other letters (then it is not certain)."""
    from charset_normalizer import from_bytes

    readable = []
    for match in from_bytes(data, threshold=MAX_CHAOS):
        text = str(match)
        language = _reads_as(text[:DETECTION_SAMPLE])
        if language is not None:
            readable.append((match.chaos, match.encoding, text, language))
    if not readable:
        return None, []
    chaos, codec, text, language = readable[0]
    letters = _letters(text)
    rivals = [
        iconv_name(other)
        for other_chaos, other, other_text, _ in readable[1:]
        if other_chaos <= chaos + RIVAL_MARGIN and _letters(other_text) != letters
    ]
    how = f"detected by charset-normalizer; its text reads as {_LANGUAGE_NAMES[language]}"
    return Decoded(text, codec, how), list(dict.fromkeys(rivals))


def _letters(text: str) -> str:
    """The Latin and Cyrillic letters of a text: what two decodings must agree on (other
    characters — quotes, dashes — differ between codepages without changing a figure)."""
    return re.sub(r"[^A-Za-z\u0400-\u04FF]+", "", text)


def _uncertain(path: Path, detected: Decoded | None, rivals: list[str]) -> str:
    if detected is not None:
        guess = detected.name
        which = f"it reads as {detected.name}, but as well as {' or '.join(rivals)}"
    else:
        guess = "ENCODING"
        which = (
            "no encoding makes it read as English, Russian or Ukrainian (ENCODING is the one it "
            "was saved in, such as CP1251, KOI8-R or UTF-16)"
        )
    target = path.with_name(f"{path.stem}.utf8{path.suffix or '.txt'}")
    return (
        f"{path}: not UTF-8, and its encoding cannot be told for certain: {which}. "
        f'Convert it to UTF-8 and propose that: iconv -f {guess} -t UTF-8 "{path}" > "{target}"'
    )


# --------------------------------------------------------------------------------------------
# The language of the text
# --------------------------------------------------------------------------------------------

_LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian"}


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_COMMON_WORDS: dict[str, frozenset[str]] = {
    "ru": _word_set(
        "и в во не на что с со по из за от для к ко о об а как это то но же он она они его ее "
        "её их был была были было также который которая которые при до после уже более году "
        "года млн млрд тыс процентов"
    ),
    "uk": _word_set(
        "і й в у не на що з із зі та до за від для як це але він вона вони його її їх був була "
        "були було також який яка які при після вже більш році року млн млрд тис відсотків"
    ),
}
"""The commonest words of Russian and Ukrainian prose: a fifth or more of any news text's words,
almost none of a text decoded in the wrong codepage."""
MIN_COMMON_SHARE = 0.1
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF'’]+")
_FOREIGN = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\u2500-\u259f"
    r"\u0400\u0402\u0403\u0405\u0408-\u040d\u040f\u0450\u0452\u0453\u0455\u0458-\u045d"
    r"\u045f-\u048f\u0492-\u04ff\u221a\u2248\u2206\u0192\u00ac\u00f7]"
)
"""Characters no English, Russian or Ukrainian text has, which a wrong codepage produces:
control characters, the replacement character, private use, box drawing, Cyrillic letters of
other languages (Serbian ђ, Macedonian ќ, Kazakh ә), and the mathematical signs of Mac
codepages. Cyrillic letters in an English text and accented Latin ones in a Russian or
Ukrainian text count as foreign too."""
_LATIN_ACCENTED = re.compile(r"[\u00c0-\u024f]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
MAX_FOREIGN_SHARE = 0.002
_BELARUSIAN_ONLY = re.compile(r"[ўЎ]")
_UKRAINIAN_I = re.compile(r"[іІ]")
_RUSSIAN_Y = re.compile(r"[ыЫэЭ]")
_NOT_BELARUSIAN = re.compile(r"[иИщЩїЇєЄ]")


def _language(text: str) -> Language | None:
    """The text's language (``language_of``), but not Belarusian, which ``language_of`` would
    take for Russian or Ukrainian: Belarusian writes і like Ukrainian and ы, э like Russian, and
    ў, which neither has, and it never writes и, щ, ї or є, which they do."""
    language = language_of(text)
    if language in ("ru", "uk"):
        belarusian = len(_BELARUSIAN_ONLY.findall(text)) + min(
            len(_UKRAINIAN_I.findall(text)), len(_RUSSIAN_Y.findall(text))
        )
        if belarusian > 2 * len(_NOT_BELARUSIAN.findall(text)) + 2:
            return None
    return language


def _reads_as(text: str) -> Language | None:
    """The language a decoded text reads as, or None when a wrong decoding is likely: too few
    of the language's commonest words, or characters foreign to it."""
    language = _language(text)
    if language is None:
        return None
    letters = sum(ch.isalpha() for ch in text)
    foreign = len(_FOREIGN.findall(text))
    if language == "en":
        foreign += len(_CYRILLIC_LETTER.findall(text))
    else:
        foreign += len(_LATIN_ACCENTED.findall(text))
        words = _CYRILLIC_WORD.findall(text.lower())
        common = sum(word in _COMMON_WORDS[language] for word in words)
        if not words or common < MIN_COMMON_SHARE * len(words):
            return None
    return language if foreign <= MAX_FOREIGN_SHARE * max(letters, 1) else None


def _other_language(path: Path, text: str) -> str:
    """Why a text is refused: what it is written in, and what to do."""
    return (
        f"{path}: the text is {_what_it_is_in(text)}; the intake reads English, Russian and "
        "Ukrainian only. Write a document in another language's curated file by hand (see "
        "docs/adding-a-document.md), or, if it is in one of the three after all, say which: "
        "--language en|ru|uk"
    )


_SCRIPT_NAMES = {"CJK": "Chinese or Japanese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese"}


def _what_it_is_in(text: str) -> str:
    sample = text[:DETECTION_SAMPLE]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return f"{len(letters)} letters only, too few to tell its language"
    scripts = Counter(unicodedata.name(ch, "UNKNOWN").split(" ")[0] for ch in letters)
    script, count = scripts.most_common(1)[0]
    if script == "CYRILLIC":
        return "in Belarusian (Cyrillic with і, ы and ў, without и)"
    if script == "LATIN":
        return (
            "in Latin letters but not English (few of English's commonest words: German, "
            "French, Polish or another language)"
        )
    name = _SCRIPT_NAMES.get(script, script.title())
    return f"mostly in {name} script ({count / len(letters):.0%} of its letters)"


# --------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------


def _read_text(path: Path, data: bytes) -> Document:
    decoded = decode(path, data)
    text = decoded.text
    return Document(path, "text", text, _page_count(text), read_header(text), encoding=decoded)


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


_DECLARED_CHARSET = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})", re.I
)


def _decode_html(path: Path, data: bytes) -> Decoded:
    """A page's text in the charset its ``<meta charset>`` declares, when that decodes it;
    else as any text (:func:`decode`)."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _DECLARED_CHARSET.search(data[:4096])
        if declared:
            try:
                codec = codecs.lookup(declared[1].decode("ascii")).name
                text = data.decode(codec)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown declaration: detect instead
            else:
                how = "" if codec == "utf-8" else "declared by the page's <meta charset>"
                return Decoded(text, codec, how)
    return decode(path, data)


def _read_html(path: Path, data: bytes) -> Document:
    decoded = _decode_html(path, data)
    import trafilatura  # noqa: F401  (imported here, once, rather than in every child)

    extracted = cast(dict[str, str | None], _in_child(path, _extract_html, decoded.text))
    text = (extracted.get("text") or "").strip()
    if not text:
        raise IntakeError(_too_little_text(path, "html", 0))
    meta = extracted or {}
    authors = tuple(a.strip() for a in re.split(r";|\band\b|,", meta.get("author") or "") if a)
    origin = {}
    values = {
        "title": _without_site_name(meta.get("title"), meta.get("sitename")),
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
    document = Document(path, "html", text + "\n", _page_count(text), _fill(metadata, fallback))
    return replace(document, encoding=decoded)


def _without_site_name(title: str | None, site: str | None) -> str | None:
    """A page title without the site's name after a separator: "Title | Site" → "Title"."""
    if not title or not site:
        return title
    for separator in (" | ", " - ", " — ", " – ", " :: ", " · "):
        head, _, tail = title.rpartition(separator)
        if head and tail.strip().lower() == site.strip().lower():
            return head.strip()
    return title


def _fill(primary: Metadata, fallback: Metadata) -> Metadata:
    """``primary``'s fields, each empty one filled from ``fallback``; credits, dateline and
    notes from both."""
    origin = dict(primary.origin)
    values = {}
    for key in ("title", "authors", "publisher", "container", "date", "url"):
        value = getattr(primary, key)
        if not value and getattr(fallback, key):
            value = getattr(fallback, key)
            origin[key] = fallback.origin.get(key, "first lines")
        values[key] = value
    credited = {name.lower(): name for name in (*fallback.credits, *primary.credits)}
    return Metadata(
        **values,
        origin=origin,
        credits=tuple(credited.values()),
        dateline=primary.dateline or fallback.dateline,
        notes=(*primary.notes, *fallback.notes),
    )


def _described(meta: Metadata) -> Metadata:
    """The description with every name in its place: an author that is an agency the text
    credits, or no person's name (an outlet, a newsroom, a login), is no author; the agencies
    credited and the dateline go to the notes, never to the publisher or the authors."""
    credited = {name.lower() for name in meta.credits}
    authors, not_people = [], []
    for name in meta.authors:
        (authors if is_person(name) and name.lower() not in credited else not_people).append(name)
    notes = list(meta.notes)
    if not_people:
        named = ", ".join(f"'{n}'" for n in not_people)
        notes.append(f"Named as author but not a person (an outlet, an agency, a login?): {named}.")
    if meta.credits:
        notes.append(
            "The text credits " + ", ".join(meta.credits) + " (a credit line: the agency or "
            "office it reports from, not its publisher); say whose statistics its figures are "
            "in statistics_from."
        )
    if meta.dateline:
        notes.append(
            f"Dateline: '{meta.dateline}' (where and by which agency the report was filed)."
        )
    origin = dict(meta.origin)
    if not authors:
        origin.pop("authors", None)
    return replace(meta, authors=tuple(authors), notes=tuple(dict.fromkeys(notes)), origin=origin)


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
    try:
        xmp = reader.xmp_metadata
    except Exception:  # a malformed XMP stream: the information dictionary still counts
        xmp = None
    metadata = _pdf_metadata(info, xmp)
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


_SOFTWARE_TITLE = re.compile(
    r"(?i)^(?:microsoft (?:word|powerpoint|excel) - |untitled\b|document\d*$|presentation\d*$)"
    r"|\.(?:docx?|pdf|indd|odt|rtf|txt|pptx?)$"
)
"""Titles a PDF's producing software writes, not its author: "Microsoft Word - memo.docx"."""


def _pdf_metadata(info, xmp=None) -> Metadata:
    """Title, authors and date from a PDF's information dictionary, the publisher from its XMP
    metadata (``dc:publisher``) when it has one. The creation date is proposed with a caution:
    it is when the file was made, which may not be when the document was published."""
    title = (info.get("/Title") or "").strip() or None
    if title and _SOFTWARE_TITLE.search(title):
        title = None
    author = (info.get("/Author") or "").strip()
    authors = tuple(a.strip() for a in re.split(r";|,|\band\b", author) if a.strip())
    date = None
    try:
        created = getattr(info, "creation_date", None)
        date = created.date().isoformat() if created else None
    except (ValueError, TypeError):
        date = None
    publisher = None
    try:
        publishers = (xmp.dc_publisher if xmp is not None else None) or []
        publisher = str(publishers[0]).strip() or None if publishers else None
    except Exception:  # pypdf raises many kinds on malformed XMP
        publisher = None
    origin = {
        key: "PDF metadata"
        for key, v in (("title", title), ("authors", authors), ("publisher", publisher))
        if v
    }
    if date:
        origin["date"] = PDF_CREATION_DATE
    return Metadata(title=title, authors=authors, publisher=publisher, date=date, origin=origin)


PDF_CREATION_DATE = "PDF metadata (creation date: check it is the publication date)"
"""The origin of a date read from a PDF's creation date: when the file was made."""
