"""Where each quote sits in its document: what "open the quote in the original" is built from.

A citation names a document, a section and a verbatim quote. Two things make the quote one click
away, and both need the document's text:

* a **text fragment** (``#:~:text=``) appended to the document's URL, which makes the browser
  scroll the original page to the quote and highlight it. It must match the quote and nothing
  earlier in the page, and use only words the live page spells as the checked text does (no
  straight quotes that the page prints curly, no word a PDF split at a line end);
* the quote's **position** in the checked text (a W3C ``TextPositionSelector``) and, where the
  quote occurs more than once, the words that tell the occurrences apart (the ``prefix`` or
  ``suffix`` of a ``TextQuoteSelector``), so annotation tools can load every citation.

The texts are not in the repository, so ``python -m etl anchor --texts DIR`` computes the anchors
once and writes ``datasets/curated/anchors/<source>.yaml``; the build reads those files and needs
no text. They hold only offsets, words of the quote itself and, where a quote is not unique, the
fewest neighbouring words that make it so. The build refuses anchors computed against another
version of the text or a quote that has changed since (``read_anchors``), naming the fix.

Positions count Unicode code points in the canonical form of the checked text
(:func:`etl.canonical.normalize_text`: whitespace collapsed, curly quotes straightened), the
normalization the Web Annotation model asks for before characters are counted.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml

from etl.canonical import NormalizedText, normalize_text
from etl.model import CuratedSource
from etl.problems import NESTED, Problem

__all__ = [
    "ANCHORS_DIR_NAME",
    "Anchor",
    "Fragment",
    "SourceAnchors",
    "anchor_source",
    "find_fragment",
    "quote_link",
    "read_anchors",
    "write_anchors",
]

ANCHORS_DIR_NAME = "anchors"
EDGE_WORDS = 4
"""Words at each end of a long quote's fragment (``textStart,textEnd``): enough to be unique in
these documents, few enough that an edit of the page between them does not break the link."""
SHORT_QUOTE_WORDS = 8
"""A quote of at most this many words is matched whole (``text=exact``)."""
MAX_GROWTH = 8
MAX_CONTEXT_WORDS = 3
_SAFE_WORD = re.compile(r"[\w.,;:%$€£()/&–—+-]+")
"""Words a live page prints as the checked text does: no quote marks (straightened in the
canonical form) and nothing a text extraction may have changed."""
FIX = "run `make anchor` (python -m etl anchor --texts DIR) with the document's text"


@dataclass(frozen=True)
class Fragment:
    """The parts of a text directive: ``text=[prefix-,]start[,end][,-suffix]``."""

    start: str
    end: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    def directive(self) -> str:
        """The percent-encoded directive; ``-``, ``,`` and ``&`` are encoded as the syntax asks."""

        def encode(term: str) -> str:
            return quote(term, safe="").replace("-", "%2D")

        parts = [encode(self.start)]
        if self.prefix:
            parts.insert(0, encode(self.prefix) + "-")
        if self.end:
            parts.append(encode(self.end))
        if self.suffix:
            parts.append("-" + encode(self.suffix))
        return "text=" + ",".join(parts)


@dataclass(frozen=True)
class Anchor:
    """One quote's place in its checked text."""

    cited_id: str
    start: int
    end: int
    exact: str
    prefix: str | None = None
    suffix: str | None = None
    fragment: Fragment | None = None


@dataclass(frozen=True)
class SourceAnchors:
    source_id: str
    text_sha256: str
    anchors: dict[str, Anchor]


def _quotes(source: CuratedSource) -> Iterator[tuple[str, str, str]]:
    """(cited id, locator, quote) of every fact, event, claim and statement of a document."""
    for cited in source.cited():
        yield cited.obs_id.split("/", 1)[1], cited.locator, cited.evidence


# --------------------------------------------------------------------------------------------
# Matching as a browser matches a text directive
# --------------------------------------------------------------------------------------------


def _term(term: str) -> re.Pattern[str]:
    """A directive term as the browser looks for it: case-insensitive, on word boundaries."""
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def find_fragment(text: str, fragment: Fragment) -> tuple[int, int] | None:
    """The first range of ``text`` the directive selects, as the text-fragment algorithm finds
    it: the first ``start`` (right after ``prefix``, when given), then the first ``end`` after
    it whose ``suffix`` follows; ``None`` when nothing matches."""
    start, end = _term(fragment.start), _term(fragment.end) if fragment.end else None
    prefix = _term(fragment.prefix) if fragment.prefix else None
    suffix = _term(fragment.suffix) if fragment.suffix else None
    position = 0
    while position <= len(text):
        if prefix:
            before = prefix.search(text, position)
            if before is None:
                return None
            position = before.start() + 1
            found = start.match(text, _skip_space(text, before.end()))
            if found is None:
                continue
        else:
            found = start.search(text, position)
            if found is None:
                return None
            position = found.start() + 1
        cursor = found.end()
        while True:
            finish = cursor
            if end is not None:
                closing = end.search(text, cursor)
                if closing is None:
                    return None
                finish = closing.end()
            if suffix is None or suffix.match(text, _skip_space(text, finish)):
                return found.start(), finish
            if end is None:
                break
            cursor = finish
    return None


# --------------------------------------------------------------------------------------------
# Computing anchors (needs the text)
# --------------------------------------------------------------------------------------------


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def _cited_span(text: NormalizedText, quote_text: str, locator: str) -> tuple[int, int] | None:
    """The occurrence a citation means: the first one in its section when the quote recurs."""
    spans = text.find_all(quote_text)
    if len(spans) > 1:
        headings = text.find_all(locator)
        if headings:
            after = [span for span in spans if span[0] >= headings[0][0]]
            return (after or spans)[0]
    return spans[0] if spans else None


def _context(canonical: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The fewest words before (or after) the quote that make it unique in the text."""
    exact = canonical[start:end]
    if canonical.count(exact) <= 1:
        return None, None
    before = _words(canonical, 0, start)
    after = _words(canonical, end, len(canonical))
    for count in range(1, MAX_CONTEXT_WORDS * 3):
        prefix = canonical[before[-count][0] : start] if len(before) >= count else None
        if prefix and canonical.count(prefix + exact) == 1:
            return prefix, None
        suffix = canonical[end : after[count - 1][1]] if len(after) >= count else None
        if suffix and canonical.count(exact + suffix) == 1:
            return None, suffix
    return None, None


def _safe(text: NormalizedText, span: tuple[int, int]) -> bool:
    word = text.canonical[span[0] : span[1]]
    split_here = any(span[0] <= site < span[1] for site in text.hyphen_sites)
    return bool(_SAFE_WORD.fullmatch(word)) and not split_here


def _fragment(text: NormalizedText, start: int, end: int) -> Fragment | None:
    """The shortest directive of safe words whose first match is the quote (or its safe core)."""
    canonical = text.canonical
    words = _words(canonical, start, end)
    safe = [_safe(text, w) for w in words]
    first = next((i for i, ok in enumerate(safe) if ok), None)
    last = next((i for i in range(len(words) - 1, -1, -1) if safe[i]), None)
    if first is None or last is None:
        return None

    def run(i: int, step: int, limit: int) -> list[int]:
        taken = []
        while 0 <= i < len(words) and len(taken) < limit and safe[i]:
            taken.append(i)
            i += step
        return taken

    def span(indices: list[int]) -> str:
        lo, hi = min(indices), max(indices)
        return canonical[words[lo][0] : words[hi][1]]

    # (fragment, the range it must select): the whole quote when short, else its safe edges;
    # an edge may move inward past words the live page may spell differently
    candidates: list[tuple[Fragment, tuple[int, int]]] = []
    if all(safe[first : last + 1]) and last - first + 1 <= SHORT_QUOTE_WORDS:
        whole = Fragment(span(list(range(first, last + 1))))
        candidates.append((whole, (words[first][0], words[last][1])))
    heads = [i for i, ok in enumerate(safe) if ok][:MAX_GROWTH]
    tails = [i for i in range(len(words) - 1, -1, -1) if safe[i]][:MAX_GROWTH]
    for size in range(EDGE_WORDS, EDGE_WORDS + MAX_GROWTH):
        for i in heads:
            for j in tails:
                head, tail = run(i, 1, size), run(j, -1, size)
                if min(len(head), len(tail)) >= min(size, 2) and max(head) < min(tail):
                    edges = Fragment(span(head), span(tail))
                    candidates.append((edges, (words[i][0], words[j][1])))
    for candidate, target in candidates:
        if find_fragment(canonical, candidate) == target:
            return candidate
    every_word = _words(canonical, 0, len(canonical))
    starts = [w[0] for w in every_word]
    for base, target in candidates:
        before = every_word[: bisect_left(starts, target[0])]
        after = every_word[bisect_left(starts, target[1]) :]
        for count in range(1, MAX_CONTEXT_WORDS + 1):
            for chosen, side in ((before[-count:], "prefix"), (after[:count], "suffix")):
                if len(chosen) < count or not all(_safe(text, w) for w in chosen):
                    continue
                context = {side: canonical[chosen[0][0] : chosen[-1][1]]}
                candidate = Fragment(base.start, base.end, **context)
                if find_fragment(canonical, candidate) == target:
                    return candidate
    return None


def anchor_source(source: CuratedSource, raw_text: str) -> SourceAnchors:
    """Every quote of a document located in its text (quotes not found are left out: ``verify``
    reports them)."""
    text = NormalizedText(raw_text)
    anchors: dict[str, Anchor] = {}
    for cited_id, locator, quote_text in _quotes(source):
        found = _cited_span(text, quote_text, locator)
        if found is None:
            continue
        start, end = found
        prefix, suffix = _context(text.canonical, start, end)
        anchors[cited_id] = Anchor(
            cited_id,
            start,
            end,
            text.canonical[start:end],
            prefix,
            suffix,
            _fragment(text, start, end),
        )
    record = source.record
    return SourceAnchors(record.source_id, (record.text_sha256 or "").lower(), anchors)


# --------------------------------------------------------------------------------------------
# The anchors files
# --------------------------------------------------------------------------------------------

HEADER = (
    "# Where each quote of this document sits in its checked text, for the links that open the\n"
    "# original at the quote and for annotation tools. Written by `make anchor`; do not edit.\n"
)


def _as_yaml(source: SourceAnchors, quotes: dict[str, str]) -> str:
    entries = {}
    for cited_id, anchor in source.anchors.items():
        entry: dict[str, object] = {
            "start": anchor.start,
            "end": anchor.end,
            "quote_sha256": quote_digest(quotes[cited_id]),
        }
        if anchor.exact != normalize_text(quotes[cited_id]):
            entry["exact"] = anchor.exact
        for key in ("prefix", "suffix"):
            if getattr(anchor, key):
                entry[key] = getattr(anchor, key)
        if anchor.fragment:
            entry["fragment"] = {k: v for k, v in vars(anchor.fragment).items() if v is not None}
        entries[cited_id] = entry
    body = {"source": source.source_id, "text_sha256": source.text_sha256, "quotes": entries}
    return HEADER + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def write_anchors(
    source: CuratedSource, anchors: SourceAnchors, directory: Path, *, check: bool = False
) -> bool:
    """Write (or, with ``check``, compare) one document's anchors file; True when it changed."""
    quotes = {cited_id: quote_text for cited_id, _, quote_text in _quotes(source)}
    path = directory / f"{anchors.source_id}.yaml"
    wanted = _as_yaml(anchors, quotes)
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if current == wanted:
        return False
    if not check:
        directory.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted, encoding="utf-8")
    return True


def quote_digest(quote_text: str) -> str:
    """A short SHA-256 of the normalized quote: an anchor is stale when the quote changes."""
    return hashlib.sha256(normalize_text(quote_text).encode()).hexdigest()[:16]


def _squash(text: str) -> str:
    return re.sub(r"[\s-]", "", text).lower()


def read_anchors(
    sources: Iterable[CuratedSource], directory: Path, problems: list[Problem]
) -> dict[str, Anchor]:
    """Every stored anchor keyed by the cited id (``source/fact``), checked against the record's
    text hash and the current quotes; every mismatch becomes a problem naming the fix."""
    by_id = {s.record.source_id: s for s in sources}
    found: dict[str, Anchor] = {}
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        display = f"{ANCHORS_DIR_NAME}/{path.name}"
        try:
            body = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            problems.append(Problem(display, "file", f"not valid YAML ({error})", FIX))
            continue
        except RecursionError:
            problems.append(Problem(display, "file", NESTED, FIX))
            continue
        source = by_id.get(body.get("source")) if isinstance(body, dict) else None
        if source is None:
            problems.append(
                Problem(
                    display,
                    "source",
                    "names no curated document (removed or renamed?)",
                    "delete the file, or " + FIX + ", which removes it",
                )
            )
            continue
        if (source.record.text_sha256 or "").lower() != str(body.get("text_sha256", "")).lower():
            problems.append(
                Problem(
                    display, "text_sha256", "computed against another text than the record's", FIX
                )
            )
            continue
        quotes = {cited_id: quote_text for cited_id, _, quote_text in _quotes(source)}
        for cited_id, entry in (body.get("quotes") or {}).items():
            try:
                anchor = _anchor(cited_id, entry, quotes)
            except (KeyError, TypeError, ValueError) as error:
                problems.append(
                    Problem(display, str(cited_id), f"stale or malformed: {error}", FIX)
                )
                continue
            found[f"{source.record.source_id}/{cited_id}"] = anchor
    return found


def _anchor(cited_id: str, entry: dict, quotes: dict[str, str]) -> Anchor:
    if cited_id not in quotes:
        raise KeyError("no fact, event or claim has this id any more")
    exact = entry.get("exact") or normalize_text(quotes[cited_id])
    start, end = int(entry["start"]), int(entry["end"])
    if entry.get("quote_sha256") != quote_digest(quotes[cited_id]):
        raise ValueError("the quote has changed since its anchor was computed")
    if end - start != len(exact) or _squash(exact) != _squash(quotes[cited_id]):
        raise ValueError("its span does not fit the quote")
    fragment = Fragment(**entry["fragment"]) if entry.get("fragment") else None
    if fragment and any(
        _squash(term) not in _squash(exact) for term in (fragment.start, fragment.end) if term
    ):
        raise ValueError("the fragment's words are not in the quote")
    return Anchor(cited_id, start, end, exact, entry.get("prefix"), entry.get("suffix"), fragment)


def quote_link(url: str | None, anchor: Anchor | None) -> str | None:
    """The document's URL with the text fragment that scrolls it to the quote (None without a
    URL or a fragment: the plain URL is already in the citation)."""
    if not url or anchor is None or anchor.fragment is None:
        return None
    return f"{url.split('#', 1)[0]}#:~:{anchor.fragment.directive()}"
