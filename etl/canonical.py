"""The canonical form of a text, and numbers as written in it: one module for every reader.

Quotes are matched on a canonical form of the text (:func:`normalize_text`) because the texts
were partly extracted from PDFs: line breaks mid-sentence, trailing spaces, words hyphenated at
line ends, curly quotes and non-breaking spaces must not make a correct quote fail. The same
rules serve validation (a fact's number is in its own quote), wording (the phrase right before a
figure), verification and the coverage scan (``etl.texts``), so they can never disagree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "LINE_BREAKS",
    "NormalizedText",
    "find_number",
    "line_offsets",
    "normalize_text",
    "numeric_core",
]


# --------------------------------------------------------------------------------------------
# Normalization
# --------------------------------------------------------------------------------------------

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032"  # ‘ ’ ‚ ‛ ′
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"  # “ ” „ ‟ ″
_QUOTE_MAP = {ord(c): "'" for c in _SINGLE_QUOTES} | {ord(c): '"' for c in _DOUBLE_QUOTES}

# Invisible characters PDF extraction leaves behind; they carry no meaning for matching.
# (Zero-width joiners are kept: they change how some scripts are written.)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))

# What str.splitlines() treats as a line boundary.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_NL = LINE_BREAKS

# A soft hyphen at a line end always splits one word: the two halves are simply joined.
_SOFT_HYPHEN_BREAK = re.compile(f"\u00ad[^\\S{_NL}]*[{_NL}]\\s*")

# A visible hyphen directly after a non-space, followed by whitespace containing a line break.
# This is ambiguous: "Western-\nmanaged" is a compound ("Western-managed"), "negotia-\ntions"
# is a split word ("negotiations"), "state-\nand" may be "state- and nation-building". The
# canonical text keeps the hyphen and drops the break; the other readings are searchable
# variants (see NormalizedText).
_HYPHEN_BREAK = re.compile(f"(?<=\\S)([-\u2010])[^\\S{_NL}]*[{_NL}]\\s*(?=\\S)")

_WHITESPACE = re.compile(r"\s+")


def _prepare(text: str) -> str:
    """Everything in the canonical form except whitespace: invisible characters, quotes, NFKC.

    Quotes are mapped before NFKC (which turns ″ into two primes) and again after it, and
    invisible characters are removed before NFKC so that removing them cannot create a new
    composable sequence (which would make normalization non-idempotent).
    """
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = text.translate(_INVISIBLE).translate(_QUOTE_MAP)
    text = unicodedata.normalize("NFKC", text)
    return text.translate(_QUOTE_MAP)


def _canonical_with_sites(text: str) -> tuple[str, list[int]]:
    """The canonical text and the positions in it of hyphens that stood before a line break."""
    pieces = _HYPHEN_BREAK.split(_prepare(text))
    out: list[str] = []
    sites: list[int] = []
    length = 0
    for i, piece in enumerate(pieces):
        chunk = piece if i % 2 else _WHITESPACE.sub(" ", piece)
        if i % 2:
            sites.append(length)
        out.append(chunk)
        length += len(chunk)
    joined = "".join(out)
    stripped = joined.strip()
    lead = len(joined) - len(joined.lstrip())
    return stripped, [s - lead for s in sites]


def normalize_text(text: str) -> str:
    """Return the canonical form of a text or a quote; both sides of every match use it.

    * Unicode NFKC (ligatures, full-width forms, most odd spaces become their plain forms).
    * Curly single quotes ‘ ’ ‚ ‛ ′ become ``'``; curly double quotes “ ” „ ‟ ″ become ``"``:
      curators type straight quotes, the PDFs have typographic ones.
    * Soft hyphens and zero-width spaces are removed (invisible PDF artefacts).
    * Every run of whitespace, including line breaks and non-breaking spaces, becomes one
      space; the result is stripped.
    * A hyphen at a line end ("Western-\\nmanaged") keeps the hyphen and loses the break
      ("Western-managed"). Quotes written "Westernmanaged" or "Western- managed" are still
      found: :class:`NormalizedText` also searches those readings.
    * Case and dashes are kept: an en dash in "2014–2015" means something a hyphen does not,
      and a quote that changes them is not verbatim.

    The function is idempotent (the result has no line breaks left to join).
    """
    return _canonical_with_sites(text)[0]


def line_offsets(raw: str, canonical: str | None = None) -> dict[int, int]:
    """Where each non-blank raw line starts in the canonical text: raw position → offset.

    Line structure (headings, footnote lines) exists only in the raw text, while quotes and
    mentions are positioned in the canonical one. Lines are located in order, each searched
    for just after the previous one, so the whole map costs one pass over the text (not one
    normalization of every prefix). A line that cannot be located (normalization merged it
    with its neighbour) falls back to the length of the normalized prefix.
    """
    canonical = normalize_text(raw) if canonical is None else canonical
    offsets: dict[int, int] = {}
    cursor = 0
    pos = 0
    for line in raw.splitlines(keepends=True):
        content = normalize_text(line)
        if content:
            found = canonical.find(content, cursor, cursor + len(content) + 16)
            if found == -1:
                prefix = normalize_text(raw[:pos])
                found = len(prefix) + (1 if prefix else 0)
            offsets[pos] = found
            cursor = found + len(content)
        pos += len(line)
    return offsets


@dataclass(frozen=True)
class _Variant:
    text: str
    to_canonical: tuple[int, ...]  # index in this variant -> index in the canonical text


class NormalizedText:
    """A text in canonical form, searchable in every reading of its line-end hyphens.

    Why variants instead of one form: a hyphen at a PDF line end is either part of a compound
    or a typesetter's word split, and the text cannot tell which. The canonical form keeps the
    hyphen (``"Western-managed"``); the *dehyphenated* variant drops it (``"Westernmanaged"``);
    the *spaced* variant keeps it followed by a space (``"state- and"``, for the rare
    suspended hyphen broken at a line end). A quote counts as found if it occurs in any
    variant, and every match is reported as a span of the canonical text, so that mention
    positions (which are canonical) can be compared with quote positions.
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.canonical, self.hyphen_sites = _canonical_with_sites(raw)
        self._variants = [_Variant(self.canonical, tuple(range(len(self.canonical))))]
        if self.hyphen_sites:
            self._variants.append(self._variant(insert=False))
            self._variants.append(self._variant(insert=True))
        self._cache: dict[str, list[tuple[int, int]]] = {}

    def _variant(self, *, insert: bool) -> _Variant:
        chars: list[str] = []
        index: list[int] = []
        sites = set(self.hyphen_sites)
        for i, ch in enumerate(self.canonical):
            if i in sites and not insert:
                continue
            chars.append(ch)
            index.append(i)
            if i in sites:
                chars.append(" ")
                index.append(i)
        return _Variant("".join(chars), tuple(index))

    @property
    def dehyphenated(self) -> str:
        """The canonical text with line-end hyphens dropped ("Westernmanaged")."""
        return self._variants[1].text if self.hyphen_sites else self.canonical

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        """Canonical ``(start, end)`` spans of every occurrence of ``quote`` in any variant.

        The quote is normalized first. An empty quote matches nowhere (it would otherwise
        "occur" everywhere and cover every mention).
        """
        needle = normalize_text(quote)
        if needle in self._cache:
            return self._cache[needle]
        spans: set[tuple[int, int]] = set()
        if needle:
            for variant in self._variants:
                pos = variant.text.find(needle)
                while pos != -1:
                    end = pos + len(needle)
                    spans.add((variant.to_canonical[pos], variant.to_canonical[end - 1] + 1))
                    pos = variant.text.find(needle, pos + 1)
        result = sorted(spans)
        self._cache[needle] = result
        return result

    def contains(self, quote: str) -> bool:
        """Whether the quote occurs (in any reading of the line-end hyphens)."""
        return bool(self.find_all(quote))


# --------------------------------------------------------------------------------------------
# Numbers as written
# --------------------------------------------------------------------------------------------

_ARTICLES = frozenset({"a", "an", "the"})


def numeric_core(value_text: str) -> str:
    """The part of a written figure that must appear in the quote, e.g. "4.5 billion" -> "4.5".

    Why only the core: the curator may write "4.5 billion" for "$4.5 billion" or "74%" for
    "74 percent"; the digits are what a transcription error changes. The core is the first
    whitespace-separated token containing a digit, cut to run from its first to its last digit
    (so "$4.5" -> "4.5", "74%" -> "74", "30,000" -> "30,000", "10,2" -> "10,2"). A figure
    written in words has no digits: its core is the first word that is not an article, lower
    case and without punctuation ("five", "half", "a couple of billion" -> "couple").
    """
    tokens = normalize_text(value_text).split()
    for token in tokens:
        digits = [i for i, ch in enumerate(token) if ch.isdigit()]
        if digits:
            return token[digits[0] : digits[-1] + 1]
    for token in tokens:
        word = token.strip(".,;:!?\"'()[]").lower()
        if word and word not in _ARTICLES:
            return word
    return ""


def _core_pattern(core: str) -> re.Pattern[str]:
    if any(ch.isdigit() for ch in core):
        # A digit, or a '.'/',' followed by a digit, next to the core means the core is part
        # of a longer number ("4.5" in "14.5", "4" in "4.5", "30" in "30,000").
        return re.compile(rf"(?<!\d)(?<!\d[.,]){re.escape(core)}(?!\d)(?![.,]\d)")
    return re.compile(rf"(?<!\w){re.escape(core)}(?!\w)", re.IGNORECASE)


def find_number(core: str, text: str) -> list[tuple[int, int]]:
    """Spans where ``core`` occurs in ``text`` as a whole number (or whole word).

    "4.5" is not found in "14.5" or "4.55", "five" not in "fifteen" or "fivefold"; word cores
    match case-insensitively ("Half of ...").
    """
    if not core:
        return []
    return [m.span() for m in _core_pattern(core).finditer(text)]
