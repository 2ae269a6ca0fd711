"""What the first lines of a plain text say about the document: title, authors, series, date.

Copies of articles usually keep the page's header: a breadcrumb ("Home / Publications /
Title"), the title, a series line ("SCEEUS Guest Commentary No. 8, 2024"), bylines ("• Pavlo
Rad", "By A and B"), a date ("2020-08-03", "December 2018"). Each field found is a proposal the
curator confirms; nothing here is trusted beyond that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.normalize import MONTH_NAMES, MONTH_PATTERN

__all__ = ["HEADER_LINES", "Metadata", "read_header"]


@dataclass(frozen=True)
class Metadata:
    """What a document says about itself; every field is a proposal for the curator to confirm.

    ``origin`` says where each field was read ("HTML meta tag", "PDF metadata", "first lines"),
    so the curator knows how far to trust it.
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    container: str | None = None
    date: str | None = None
    url: str | None = None
    origin: dict[str, str] = field(default_factory=dict)


HEADER_LINES = 15
"""How many non-empty lines at the top are read as the header."""

_MONTHS = MONTH_PATTERN
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTH_YEAR = re.compile(rf"\b({_MONTHS})\s+(?:(\d{{1,2}}),?\s+)?(\d{{4}})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\s+(\d{{4}})\b")
_SERIES_LINE = re.compile(
    r"\b(?:Policy Memo|Memo|Commentary|Working Paper|Paper|Brief|Report|Analysis|Note|Issue)"
    r"\s+(?:No\.?|№|#)\s*\d+",
    re.I,
)
_YEAR_AT_END = re.compile(r"(?:,\s*|\s)((?:19|20)\d{2})\s*$")
_BYLINE = re.compile(r"^(?:by\s+)?(.+)$", re.I)
_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]+(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]+){1,3}")
_BULLET = re.compile(r"^\s*[•·*-]\s*")
_FURNITURE = re.compile(r"^\s*(?:\d+\s*m(?:in)?\.?|share|print|menu|home)\b", re.I)


def read_header(text: str) -> Metadata:
    """Propose title, authors, container, publisher and date from the first lines of ``text``."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEADER_LINES]
    origin: dict[str, str] = {}
    title = _title(lines)
    if title:
        origin["title"] = "first lines"
    container = next((line for line in lines if _SERIES_LINE.search(line)), None)
    if container:
        origin["container"] = "first lines"
    authors = _authors(lines, title)
    if authors:
        origin["authors"] = "first lines (bylines)"
    date = _date(lines, container)
    if date:
        origin["date"] = "first lines"
    publisher = None
    if container:
        match = _SERIES_LINE.search(container)
        before = container[: match.start()].strip() if match else ""
        if before:
            publisher = before.split()[0]
            origin["publisher"] = "first word of the series line"
    return Metadata(
        title=title,
        authors=authors,
        publisher=publisher,
        container=_series_name(container),
        date=date,
        origin=origin,
    )


def _series_name(line: str | None) -> str | None:
    """ "SCEEUS Guest Commentary No. 8, 2024" → "SCEEUS Guest Commentary No. 8"."""
    match = _SERIES_LINE.search(line or "")
    return line[: match.end()].strip() if line and match else None


def _title(lines: list[str]) -> str | None:
    for line in lines:
        if " / " in line and len(line.split(" / ")) >= 3:
            return line.split(" / ")[-1].strip()  # breadcrumb: its last part is the page
        if _FURNITURE.match(line) or _SERIES_LINE.search(line):
            continue
        if 2 <= len(line.split()) <= 25 and not line.endswith((".", ",", ";")):
            return line
    return None


def _authors(lines: list[str], title: str | None) -> tuple[str, ...]:
    found: list[str] = []
    for line in lines:
        if line == title or _SERIES_LINE.search(line):
            continue
        bullet = _BULLET.match(line)
        byline = line.lower().startswith("by ")
        if not (bullet or byline):
            continue
        body = _BYLINE.match(_BULLET.sub("", line)).group(1)  # type: ignore[union-attr]
        for part in re.split(r",\s*|\s+and\s+|\s*&\s*", body):
            if _NAME.fullmatch(part.strip()):
                found.append(part.strip())
    return tuple(dict.fromkeys(found))


def _date(lines: list[str], container: str | None) -> str | None:
    months = MONTH_NAMES
    for line in lines:
        if len(line.split()) > 12:
            continue  # body text: a date there dates an event, not the document
        if match := _ISO_DATE.search(line):
            return match.group(0)
        if match := _DAY_MONTH_YEAR.search(line):
            day, month, year = match.groups()
            return f"{year}-{months[month.lower()]:02d}-{int(day):02d}"
        if match := _MONTH_YEAR.search(line):
            month, day, year = match.groups()
            if day:
                return f"{year}-{months[month.lower()]:02d}-{int(day):02d}"
            return f"{year}-{months[month.lower()]:02d}"
    if container and (match := _YEAR_AT_END.search(container)):
        return match.group(1)
    return None
