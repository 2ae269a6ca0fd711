"""Formatted citations and BibTeX for each source, built from its record so they never drift.

Unknown authors or outlets are said as unknown rather than left blank or guessed.
"""

from __future__ import annotations

import calendar

from etl.model import SourceRecord
from etl.normalize import parse_period

UNKNOWN = "not established"


def published_precision(record: SourceRecord) -> str:
    """day | month | year, from how precisely the record's date is written."""
    kind = parse_period(record.date_text).kind
    return {"day": "day", "month": "month"}.get(kind, "year")


def _written(record: SourceRecord) -> str:
    """'December 2019' for a month, '2019' for a year, the first and last for a span."""
    period = parse_period(record.written or "")
    if period.kind == "month":
        return f"{calendar.month_name[period.start.month]} {period.start.year}"
    if period.kind == "year":
        return str(period.start.year)
    return f"between {period.start:%B %Y} and {period.end:%B %Y}"


def _apa_author(name: str) -> str:
    """'Arkady Moshes' → 'Moshes, A.'"""
    parts = name.split()
    if len(parts) < 2:
        return name
    initials = " ".join(f"{p[0]}." for p in parts[:-1])
    return f"{parts[-1]}, {initials}"


def _apa_date(record: SourceRecord) -> str:
    """APA date: the publication date; "n.d., written ..." when only the writing is known."""
    if not record.published:
        return f"n.d., written {_written(record)}"
    period = parse_period(record.published)
    precision = published_precision(record)
    if precision == "day":
        return f"{period.start.year}, {calendar.month_name[period.start.month]} {period.start.day}"
    if precision == "month":
        return f"{period.start.year}, {calendar.month_name[period.start.month]}"
    return str(period.start.year)


def short_citation(record: SourceRecord) -> str:
    """Author-year tag for hovers and source lines: 'Moshes & Nizhnikau (2018)'."""
    year = parse_period(record.date_text).start.year
    surnames = [a.split()[-1] for a in record.authors]
    if not surnames:
        who = record.publisher if record.publisher != UNKNOWN else f"“{record.title}”"
    elif len(surnames) == 1:
        who = surnames[0]
    elif len(surnames) == 2:
        who = f"{surnames[0]} & {surnames[1]}"
    else:
        who = f"{surnames[0]} et al."
    return f"{who} ({year})"


def format_citation(record: SourceRecord) -> str:
    """APA-like reference: authors (date). Title. Container. Publisher. URL."""
    authors = [_apa_author(a) for a in record.authors]
    if len(authors) > 1:
        author_text = ", ".join(authors[:-1]) + ", & " + authors[-1]
    else:
        author_text = authors[0] if authors else ""
    parts = []
    if author_text:
        parts.append(f"{author_text} ({_apa_date(record)}). {record.title}.")
    else:
        parts.append(f"{record.title} ({_apa_date(record)}). [Author {UNKNOWN}.]")
    if record.container:
        parts.append(f"{record.container}.")
    parts.append(
        f"{record.publisher}." if record.publisher != UNKNOWN else f"[Publisher {UNKNOWN}.]"
    )
    if record.url:
        parts.append(record.url)
    return " ".join(parts)


def _bibtex_escape(text: str) -> str:
    for char in ("\\", "&", "%", "$", "#", "_", "{", "}"):
        text = text.replace(char, "\\" + char if char != "\\" else r"\textbackslash{}")
    return text


def format_bibtex(record: SourceRecord) -> str:
    """A @misc entry; authors joined with 'and', month as a BibTeX macro.

    Without a publication date the year is the year of writing, and the note says so.
    """
    period = parse_period(record.date_text)
    fields: list[tuple[str, str]] = [("title", "{" + _bibtex_escape(record.title) + "}")]
    if record.authors:
        fields.append(("author", "{" + " and ".join(map(_bibtex_escape, record.authors)) + "}"))
    fields.append(("year", "{" + str(period.start.year) + "}"))
    if record.published and published_precision(record) in ("day", "month"):
        fields.append(("month", calendar.month_abbr[period.start.month].lower()))
    if record.publisher != UNKNOWN:
        fields.append(("publisher", "{" + _bibtex_escape(record.publisher) + "}"))
    if record.container:
        fields.append(("howpublished", "{" + _bibtex_escape(record.container) + "}"))
    if record.url:
        fields.append(("url", "{" + record.url + "}"))
    notes = []
    if not record.published:
        notes.append(f"publication date {UNKNOWN}; written {_written(record)}")
    if not record.authors:
        notes.append(f"Author {UNKNOWN}")
    if record.publisher == UNKNOWN:
        notes.append(f"outlet {UNKNOWN}")
    if notes:
        fields.append(("note", "{" + _bibtex_escape("; ".join(notes)) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{record.source_id},\n{body}\n}}"
