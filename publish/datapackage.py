"""The whole dataset as one documented, citable download: a Frictionless Tabular Data Package.

``belarus-indicators.zip`` holds, under a ``belarus-indicators/`` folder, ``datapackage.json``
(tables, typed fields with descriptions, keys, sources, licence note), one CSV per table, the
parquet files the app loaded (same bytes), a README written from the data (what each table means,
how to cite, caveats, the consistency findings), ``CITATION.cff`` and ``sources.bib``.

Built deterministically: entries sorted, fixed timestamps and permissions, no build date anywhere,
so the same data gives the same bytes (with the same zlib).

Served at /download/belarus-indicators.zip (``dashboard/exports/media.py``) and written by
``make package`` (``python -m publish.datapackage --out dist/belarus-indicators.zip``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import math
import numbers
import sys
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import yaml

from dashboard.model.data import PARQUET_DIR, TABLES, Dataset, DataUnavailable, load_dataset
from etl.model import (
    CLAIM_KINDS,
    FLOWS,
    MEASURES,
    PUBLISHED_PRECISIONS,
    QUALIFIERS,
    STATISTICS,
    TOPICS,
    UNITS,
)
from etl.tables import DESCRIPTIONS, SCHEMAS

NAME = "belarus-indicators"
TITLE = "Belarus, Ukraine and Russia: cited economic and political indicators"
AUTHOR = "belarus-indicators contributors"
VERSION_KEY = b"belarus_indicators.data_version"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
"""Zip entries carry a fixed timestamp so rebuilding the same data gives identical bytes."""
NOT_ESTABLISHED = "not established"

_UNIT_NOTE = "In the unit of the row's series (series.unit: USD, EUR, BYN, percent, ...)."
_QUOTE_FIELDS = {
    "quote_link": "The document's URL with a text fragment (#:~:text=) that opens the "
    "original page scrolled to the quote. Empty when the document has no URL.",
    "quote_start": "Where the quote starts in the canonical form of the checked text "
    "(sources.csv text_sha256; Unicode code points, whitespace collapsed): a W3C "
    "TextPositionSelector start.",
    "quote_end": "Where the quote ends (exclusive) in the same text.",
    "quote_prefix": "Only when the quote occurs more than once in its text: the words just "
    "before it that tell the occurrences apart (a TextQuoteSelector prefix).",
    "quote_suffix": "Only when the quote recurs and the words after it tell it apart.",
}
"""The quote's place and link: the same columns on observations, events and claims."""

FIELD_DOCS: dict[str, dict[str, str]] = {
    "sources": {
        "source_id": "Slug identifying the document (rad-chornogor-2024).",
        "title": "Title as printed.",
        "authors": "Authors in order, ';'-separated. Empty: no author established (see notes).",
        "publisher": "Publisher or outlet; the text 'not established' when unknown.",
        "container": "Series or container, e.g. 'SCEEUS Guest Commentary No. 8, 2024'.",
        "published": "First day of the publication date as curated (2024 -> 2024-01-01). Empty "
        "when no publication date is established.",
        "published_precision": "day, month or year: how precisely 'published' is known.",
        "written": "When the text shows it was written (a period label), if curated.",
        "date": "The document's date: its publication date, else when it was written.",
        "date_basis": "published or written: which of the two 'date' is.",
        "url": "Web address, when one is known.",
        "text_sha256": "SHA-256 of the exact text the quotes were checked against.",
        "citation": "APA-like reference; unknown author/outlet shown as '[... not established.]'.",
        "short_citation": "Author-year tag used in charts, e.g. 'Rad & Chornogor (2024)'.",
        "bibtex": "A @misc BibTeX entry (also in sources.bib).",
        "notes": "The curator's caveats about the document (dates, authorship, defects), one per "
        "line (line-break-separated, as notes contain ';'). May be empty.",
    },
    "series": {
        "series_id": "Dotted slug identifying the series (trade.by_ua.turnover).",
        "title": "Human title.",
        "unit": "Base unit of every value in the series: currency units by ISO code (not "
        "billions; BYR is the Belarusian rouble before 2016, BYN after), percent (points), "
        "percentage points, times, fraction, persons, count, tonnes, barrels, barrels per day, "
        "cubic metres, rank (1 = first), or a price (USD per tonne, USD per barrel).",
        "measure": "level (stock or state), flow (amount over the period), share (percent of a "
        "whole), change (change against a base period), index (level against a base period "
        "set to 100).",
        "topic": "Topic used to group series.",
        "indicator": "What is measured, one snake_case word (trade, gdp, external_state_debt, "
        "fuel_supply, ...).",
        "reporter": "The economy whose statistic it is (for trade: whose side the flow is seen "
        "from).",
        "partner": "The other economy of a flow between two (trade partner, creditor, supplier); "
        "empty for a total with the world or where there is no other side.",
        "flow": "exports, imports, turnover or balance (= exports - imports, from the reporter's "
        "side), for trade and fuel flows.",
        "product": "What goods a flow or price is of (goods, gasoline, oil, ...), when the series "
        "names one.",
        "change_of": "Change series: the level series it is the percent change of.",
        "description": "What the series means and how documents word it.",
    },
    "observations": {
        "obs_id": "Stable id: <source_id>/<fact id>, or <source_id>/<rule>:<series>:<period> "
        "for a derived value.",
        "series_id": "The series (series.csv).",
        "period": "Canonical period label: 2012, 2022-02, 2019-12-07, 2023-01/2023-07.",
        "period_start": "First day of the period (inclusive). Empty when undated.",
        "period_end": "Last day of the period (inclusive). Empty when undated.",
        "period_kind": "year, month, day, interval (a partial year is never a year) or undated "
        "(the document gives no date).",
        "base_period": "On a change: the period compared with.",
        "value": "The value in base units (dollars, not billions); a stated fall is negative; "
        "a range's midpoint. " + _UNIT_NOTE,
        "value_low": "Stated: low end of a range or the bound of a lower_bound. Derived: low end "
        "of the plausible interval. " + _UNIT_NOTE,
        "value_high": "Stated: high end of a range or the bound of an upper_bound. Derived: high "
        "end of the plausible interval. " + _UNIT_NOTE,
        "value_as_written": "The figure as transcribed from the document ('1.4 billion', '74%'). "
        "Empty for derived values.",
        "wording": "The hedging words before the figure ('just under', 'more than', 'around'), "
        "'between' for a range; empty for a plain figure.",
        "interval_low": "Lowest value the figure's rounding and wording allow; empty when they set "
        "no lower limit. " + _UNIT_NOTE,
        "interval_high": "Highest value the figure's rounding and wording allow; empty when they "
        "set no upper limit. " + _UNIT_NOTE,
        "qualifier": "How the document states the figure (approximate, lower_bound, range, ...); "
        "'derived' for values computed by the ETL.",
        "source_id": "The document that states the value, or that all inputs of a derived value "
        "come from (sources.csv).",
        "locator": "Section heading or paragraph stating the value. Empty for derived values.",
        "evidence": "Verbatim quote (at most 30 words) containing the number. Empty for derived "
        "values.",
        **_QUOTE_FIELDS,
        "derived_from": "Derived values: the input obs_ids, ';'-separated.",
        "see_also": "obs_ids of facts in other documents stating the same figure, ';'-separated.",
        "method": "Derived values: the formula in plain words.",
        "note": "Curator's note; on a derived value, which inputs were bounds or approximate.",
        "caveat": "Derived values: the failed checks that call it or its inputs into question.",
        "statistics_from": "Trade figures: whose statistics it reports (Belarusian, Ukrainian, "
        "other, not stated).",
        "statistics_basis": "Where the document says whose statistics, or why it is inferred.",
        "as_of": "The document's date (period label): what the documents said as of then.",
        "as_of_start": "First day of as_of.",
        "as_of_end": "Last day of as_of: the value is known to have been said by this day.",
    },
    "checks": {
        "check_id": "Stable id: <kind>/<stated obs_id or claim id>/<inputs or witness>.",
        "kind": "stated_change_vs_levels, flows_sum_to_turnover, balance_identity, "
        "subperiod_within_year, same_figure_across_documents, claim_peak, claim_trough, "
        "claim_higher_than, claim_lower_than or conversion_vs_reference_rate.",
        "scope": "within one document, across documents, or against a reference dataset.",
        "series_id": "Series of the stated figure.",
        "period": "Period of the stated figure (subperiod_within_year: of the part).",
        "unit": "Unit of the stated and computed values (a series unit, or 'USD per EUR').",
        "stated": "The stated figure (for a conversion, the rate it implies).",
        "stated_low": "Low end of the interval the stated figure's words allow; empty: no limit.",
        "stated_high": "High end of that interval; empty: no limit.",
        "computed": "The figure computed from the others (for a conversion, the reference rate).",
        "computed_low": "Low end of the computed interval; empty: no limit.",
        "computed_high": "High end of the computed interval; empty: no limit.",
        "gap": "Smallest distance between the two intervals; 0 exactly when they overlap.",
        "status": (
            "consistent (the intervals overlap), inconsistent, or unusual (a figure more than ten "
            "times away from every other figure of its series: out of the ordinary, not refuted)."
        ),
        "obs_ids": "The stated observation first, then the inputs, ';'-separated.",
        "source_ids": "The documents the check draws on, ';'-separated.",
        "claim_id": "For a claim check, the claim (claims.csv).",
        "message": "The result in one line of plain words.",
    },
    "events": {
        "event_id": "Stable id: <source_id>/<event id>.",
        "date": "Canonical period label: a year, month, day or interval.",
        "date_start": "First day.",
        "date_end": "Last day.",
        "label": "Short description of the event.",
        "source_id": "The document that states it (sources.csv).",
        "locator": "Section or paragraph.",
        "evidence": "Verbatim quote (at most 30 words).",
        **_QUOTE_FIELDS,
        "note": "Curator's note.",
    },
    "claims": {
        "claim_id": "Stable id: <source_id>/<claim id>.",
        "kind": "peak, trough, higher_than or lower_than.",
        "series_id": "The series the claim is about.",
        "period": "The period claimed (the peak's year, or the one compared).",
        "than": "higher_than/lower_than: the period compared with.",
        "source_id": "The document that makes the claim.",
        "locator": "Section or paragraph.",
        "evidence": "Verbatim quote (at most 30 words).",
        **_QUOTE_FIELDS,
        "note": "Curator's note.",
        "status": "inconsistent when any document's levels refute the claim (checks.csv).",
    },
    "hypotheses": {
        "hypothesis_id": "<first check of the group>#<rank>.",
        "group": "The group of failed checks (its first check_id).",
        "rank": "1 = resolves the most failures while breaking the fewest passing checks.",
        "kind": "dropped zero, extra zero, one digit, other statistics (the base a stated "
        "change implies, e.g. from the other reporter's statistics), claim reading (the claim "
        "read more loosely), or two of them joined by ' + ' (a joint hypothesis: two changes "
        "together).",
        "obs_id": "The stated figure(s) the hypothesis changes or rereads; a joint hypothesis "
        "names two, '; '-separated.",
        "written": "The figure(s) as written, '; '-separated like obs_id.",
        "corrected": "The corrected figure(s), in the same order.",
        "resolves": "check_ids of the group this would resolve, ';'-separated.",
        "breaks": "check_ids now consistent that it would make inconsistent, ';'-separated.",
        "group_checks": "Every check_id of the group, ';'-separated.",
        "text": "The hypothesis in plain words.",
    },
    "disagreements": {
        "disagreement_id": "Stable id: <source_id>/<disagreement id>.",
        "about": "What the two documents disagree about, in a few words.",
        "cited_id": "The statement, fact, event or claim of this side (<source_id>/<id>).",
        "source_id": "The document of this side (sources.csv).",
        "locator": "Section or paragraph of this side's quote.",
        "evidence": "This side's verbatim quote (at most 30 words).",
        "quote_link": _QUOTE_FIELDS["quote_link"],
        "versus_id": "The entry of another document it disagrees with (<source_id>/<id>).",
        "versus_source_id": "The other document (sources.csv).",
        "versus_locator": "Section or paragraph of the other side's quote.",
        "versus_evidence": "The other side's verbatim quote (at most 30 words).",
        "versus_quote_link": "The other document's URL opened at its quote.",
        "note": "The curator's reading: how the two may be reconciled, and that the dataset "
        "decides neither.",
    },
}
PRIMARY_KEYS = {
    "sources": "source_id",
    "series": "series_id",
    "observations": "obs_id",
    "checks": "check_id",
    "events": "event_id",
    "claims": "claim_id",
    "hypotheses": "hypothesis_id",
    "disagreements": "disagreement_id",
}
FOREIGN_KEYS = {
    "observations": [("series_id", "series", "series_id"), ("source_id", "sources", "source_id")],
    "checks": [("series_id", "series", "series_id")],
    "events": [("source_id", "sources", "source_id")],
    "claims": [("series_id", "series", "series_id"), ("source_id", "sources", "source_id")],
    "disagreements": [
        ("source_id", "sources", "source_id"),
        ("versus_source_id", "sources", "source_id"),
    ],
}
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("sources", "published_precision"): PUBLISHED_PRECISIONS,
    ("series", "unit"): UNITS,
    ("series", "measure"): MEASURES,
    ("series", "topic"): TOPICS,
    ("series", "flow"): FLOWS,
    ("observations", "period_kind"): ("year", "month", "day", "interval", "undated"),
    ("observations", "statistics_from"): STATISTICS,
    ("checks", "scope"): ("within one document", "across documents", "against a reference dataset"),
    ("claims", "kind"): CLAIM_KINDS,
    ("claims", "status"): ("consistent", "inconsistent"),
    ("observations", "qualifier"): QUALIFIERS,
    ("checks", "status"): ("consistent", "inconsistent", "unusual"),
}
LIST_SEPARATORS: dict[tuple[str, str], str] = {("sources", "notes"): "\n"}
"""List columns are joined with ';' in CSV, except where the items themselves contain ';'."""
DEFAULT_SEPARATOR = ";"

LICENCE_NOTE = (
    "The data are facts (figures, dates) and short verbatim quotes (at most 30 words), each "
    "attributed to the document it comes from. The documents themselves are not included; their "
    "text remains their authors' and publishers' and is not relicensed here. Reuse the figures "
    "with their citations (see How to cite). The code that builds and serves this dataset is MIT "
    "licensed."
)
LICENSES = [
    {
        "path": "README.md#licence",
        "title": "Facts and short quotes attributed to the cited documents (not an open licence "
        "for the documents' text); see README, Licence",
    },
    {
        "name": "MIT",
        "path": "https://opensource.org/licenses/MIT",
        "title": "MIT License (the code that builds this dataset, not the cited documents)",
    },
]


# ---------------------------------------------------------------------------------------------
# Tables as CSV


def _field_type(kind: pa.DataType) -> str:
    if pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        return "number"
    if pa.types.is_integer(kind):
        return "integer"
    if pa.types.is_boolean(kind):
        return "boolean"
    if pa.types.is_date(kind):
        return "date"
    return "string"  # strings, and lists (joined in CSV)


def _separator(table: str, column: str) -> str:
    return LIST_SEPARATORS.get((table, column), DEFAULT_SEPARATOR)


def _cell(value: object, table: str, field: pa.Field) -> str:
    """One CSV cell: empty for null, ISO dates, floats that round-trip, joined lists."""
    if pa.types.is_list(field.type):
        items = [] if value is None else [str(item) for item in value]
        separator = _separator(table, field.name)
        clashing = [item for item in items if separator in item]
        if clashing:
            raise ValueError(f"{table}.{field.name}: item contains {separator!r}: {clashing[0]}")
        return separator.join(items)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral) or (
        pa.types.is_integer(field.type) and float(value).is_integer()
    ):
        return str(int(value))  # pandas reads a nullable integer column as floats
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"{table}.{field.name}: {number} cannot be written to CSV")
        return repr(number)
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def table_rows(data: Dataset, name: str) -> Iterable[list[str]]:
    """The header, then each row of a table as CSV cells, in the parquet's column order."""
    schema = SCHEMAS[name]
    frame = getattr(data, name)
    missing = [field for field in schema.names if field not in frame.columns]
    if missing:
        raise ValueError(f"{name}: columns missing from the loaded table: {missing}")
    yield list(schema.names)
    for row in frame[schema.names].itertuples(index=False, name=None):
        yield [_cell(value, name, field) for value, field in zip(row, schema, strict=True)]


def table_csv(data: Dataset, name: str) -> str:
    """RFC 4180: header row, CRLF line ends, quotes only where needed."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(table_rows(data, name))
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Metadata


def _sorted_sources(data: Dataset) -> pd.DataFrame:
    return data.sources.sort_values("source_id")


def _not_established(source) -> list[str]:
    missing = []
    if len(source.authors) == 0:
        missing.append("author")
    if source.publisher == NOT_ESTABLISHED:
        missing.append("outlet")
    return missing


def _source_caveat(source) -> str | None:
    """'Author and outlet not established; no URL known.' or None when all are known."""
    parts = []
    missing = _not_established(source)
    if missing:
        parts.append(f"{' and '.join(missing).capitalize()} not established")
    if not isinstance(source.url, str):
        parts.append("no URL known")
    return "; ".join(parts) + "." if parts else None


def _year_span(data: Dataset) -> str:
    years = sorted(int(label[:4]) for label in data.sources["date"])
    return f"{years[0]}–{years[-1]}" if years[0] != years[-1] else str(years[0])


def description(data: Dataset) -> str:
    observations = data.observations
    derived = int((observations["qualifier"] == "derived").sum())
    topics = ", ".join(sorted(data.series["topic"].unique()))
    return (
        f"{len(observations)} values on Belarus and its relations with Ukraine and Russia "
        f"({topics}), from {len(data.sources)} documents published "
        f"{_year_span(data)}, in {observations['series_id'].nunique()} series. Each stated figure "
        "carries its document, section, a verbatim quote containing the number and a qualifier "
        f"(about, more than, range, ...); {derived} values are derived from figures of one "
        f"document, with method and inputs. Also: {len(data.events)} cited events and "
        f"{len(data.checks)} checks of the documents' internal consistency."
    )


def _schema(name: str) -> dict:
    docs = FIELD_DOCS[name]
    undocumented = set(SCHEMAS[name].names) ^ set(docs)
    if undocumented:
        raise ValueError(f"{name}: fields and FIELD_DOCS differ: {sorted(undocumented)}")
    fields = []
    for field in SCHEMAS[name]:
        entry: dict = {"name": field.name, "type": _field_type(field.type)}
        entry["description"] = docs[field.name]
        constraints: dict = {}
        if not field.nullable and not pa.types.is_list(field.type):
            constraints["required"] = True
        if (name, field.name) in ENUMS:
            constraints["enum"] = list(ENUMS[(name, field.name)])
        if constraints:
            entry["constraints"] = constraints
        fields.append(entry)
    schema: dict = {"fields": fields, "primaryKey": [PRIMARY_KEYS[name]]}
    if name in FOREIGN_KEYS:
        schema["foreignKeys"] = [
            {"fields": [field], "reference": {"resource": table, "fields": [key]}}
            for field, table, key in FOREIGN_KEYS[name]
        ]
    return schema


def descriptor(data: Dataset, version: str | None = None, csvs: dict | None = None) -> dict:
    """datapackage.json. ``csvs`` (table -> CSV bytes) adds each file's size and sha256, which
    ``frictionless validate`` then checks."""
    resources = []
    for name in TABLES:
        resource = {
            "name": name,
            "path": f"data/{name}.csv",
            "profile": "tabular-data-resource",
            "title": name,
            "description": DESCRIPTIONS[name],
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
        }
        if csvs is not None:
            resource["bytes"] = len(csvs[name])
            resource["hash"] = "sha256:" + hashlib.sha256(csvs[name]).hexdigest()
        resource["schema"] = _schema(name)
        resources.append(resource)
    sources = []
    for source in _sorted_sources(data).itertuples():
        entry = {"title": source.citation}
        if isinstance(source.url, str):
            entry["path"] = source.url
        caveat = _source_caveat(source)
        if caveat:
            entry["note"] = caveat
        sources.append(entry)
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": description(data),
        "version": _version(data, version),
        "keywords": ["Belarus", "Ukraine", "Russia", "trade", "energy", "politics", "citations"],
        "licenses": LICENSES,
        "sources": sources,
        "contributors": [{"title": AUTHOR, "role": "author"}],
        "resources": resources,
    }


def _version(data: Dataset, version: str | None) -> str:
    return version or data.version or "unversioned"


def _evidence_lines(data: Dataset, obs_ids: Iterable[str]) -> list[str]:
    observations = data.observations.set_index("obs_id")
    lines = []
    for obs_id in obs_ids:
        if obs_id not in observations.index:
            continue
        obs = observations.loc[obs_id]
        if isinstance(obs["evidence"], str):
            lines.append(f"  - `{obs_id}` ({obs['locator']}): “{obs['evidence']}”")
        elif isinstance(obs["method"], str):
            lines.append(f"  - `{obs_id}` (derived): {obs['method']}")
    return lines


def readme(data: Dataset, version: str | None = None) -> str:
    version = _version(data, version)
    sources = _sorted_sources(data)
    lines = [
        f"# {NAME}: the dataset",
        "",
        f"*{TITLE}*, data version `{version}`.",
        "",
        description(data),
        "",
        "Nothing is interpolated or estimated beyond the stated derivations: a figure no document "
        "states is a missing row. Trade flows are stored from Belarus's side (exports = Belarus "
        "to partner), whatever the document's wording.",
        "",
        "## Files",
        "",
        "- `datapackage.json`: Frictionless Tabular Data Package descriptor (types, keys, "
        "descriptions).",
        "- `data/<table>.csv`: the tables (UTF-8, comma-separated, CRLF, header row; empty cell = "
        "null; list columns joined with `;`, `sources.notes` one note per line).",
        "- `parquet/<table>.parquet`: the same tables as built by the ETL, with list columns as "
        "lists; the schema metadata holds the data version.",
        "- `CITATION.cff`, `sources.bib`: how to cite this dataset and the documents.",
        "",
        "## Tables",
        "",
    ]
    for name in TABLES:
        lines += [f"### `{name}` ({len(getattr(data, name))} rows)", "", DESCRIPTIONS[name], ""]
        for field in SCHEMAS[name]:
            lines.append(
                f"- `{field.name}` ({_field_type(field.type)}): {FIELD_DOCS[name][field.name]}"
            )
        lines.append("")
    lines += [
        "Value columns (`observations.value*`, `observations.interval_*`) are in the unit of "
        "their series, `series.unit`; check values (`checks.stated*`, `checks.computed*`, "
        "`checks.gap`) are in `checks.unit`.",
        "",
        "## How to cite",
        "",
        "Cite the document each figure comes from (its `source_id`):",
        "",
    ]
    lines += [f"- `{s.source_id}`: {s.citation}" for s in sources.itertuples()]
    lines += [
        "",
        f"and this dataset as: {AUTHOR}, *{TITLE}*, data version {version} "
        "(`CITATION.cff`). BibTeX entries for the documents are in `sources.bib`.",
        "",
        "## Caveats",
        "",
        "Notes on the documents (authorship, dates, defects), as recorded by the curators:",
        "",
    ]
    for source in sources.itertuples():
        notes = list(source.notes)
        caveat = _source_caveat(source)
        if caveat and not notes:
            notes = [caveat]
        if notes:
            lines.append(f"- {source.short_citation} (`{source.source_id}`):")
            lines += [f"  - {note}" for note in notes]
    checks = data.checks
    inconsistent = checks[checks["status"] == "inconsistent"]
    lines += [
        "",
        "## Consistency findings",
        "",
        f"{len(checks)} checks set the interval a stated figure's rounding and wording allow "
        "against the interval computed from other figures: of the same document, of every "
        f"other document, or of the ECB's reference rates. {len(inconsistent)} are "
        "inconsistent: the intervals do not meet, and `gap` says by how much. These are "
        "findings about the documents; the figures are kept as written:",
        "",
    ]
    for check in inconsistent.itertuples():
        lines.append(f"- **`{check.series_id}`, {check.period}** ({check.kind}): {check.message}")
        lines += _evidence_lines(data, check.obs_ids)
    lines += [
        "",
        f"The other {len(checks) - len(inconsistent)} checks are consistent (`data/checks.csv`).",
        "",
        "## Licence",
        "",
        LICENCE_NOTE,
        "",
    ]
    return "\n".join(lines)


def _cff_author(name: str) -> dict:
    given, _, family = name.rpartition(" ")
    return {"family-names": family, "given-names": given} if given else {"name": name}


def citation_cff(data: Dataset, version: str | None = None) -> str:
    """CITATION.cff. No date-released: the package has no build date (it must be reproducible),
    and the latest source's date is not when the dataset was released."""
    references = []
    for source in _sorted_sources(data).itertuples():
        known = isinstance(source.published_precision, str)
        published = pd.Timestamp(source.published) if known else None
        reference: dict = {
            "type": "article",
            "title": source.title,
            "authors": [_cff_author(a) for a in source.authors]
            or [{"name": "[Author not established]"}],
            "year": int(source.date[:4]),
        }
        if published is not None and source.published_precision in ("day", "month"):
            reference["month"] = int(published.month)
        if source.published_precision == "day":
            reference["date-published"] = published.date().isoformat()
        if isinstance(source.container, str):
            reference["collection-title"] = source.container
        if source.publisher != NOT_ESTABLISHED:
            reference["publisher"] = {"name": source.publisher}
        if isinstance(source.url, str):
            reference["url"] = source.url
        caveat = _source_caveat(source)
        if caveat:
            reference["notes"] = caveat
        references.append(reference)
    cff = {
        "cff-version": "1.2.0",
        "message": "If you use these data, cite the documents each figure comes from (see "
        "references and sources.bib) and this dataset.",
        "type": "dataset",
        "title": TITLE,
        "abstract": description(data),
        "version": _version(data, version),
        "authors": [{"name": AUTHOR}],
        "keywords": ["Belarus", "Ukraine", "Russia", "trade", "energy", "politics"],
        "references": references,
    }
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=100)


def bibliography(data: Dataset) -> str:
    return "\n\n".join(e.strip() for e in _sorted_sources(data)["bibtex"]) + "\n"


# ---------------------------------------------------------------------------------------------
# Parquet files and the zip


def _parquet_location(data: Dataset, parquet_dir: Path | str | None) -> tuple[pafs.FileSystem, str]:
    where = parquet_dir if parquet_dir is not None else data.directory
    if where is None:
        raise DataUnavailable("no parquet directory: pass parquet_dir")
    text = str(where)
    if "://" in text:
        return pafs.FileSystem.from_uri(text)
    return pafs.LocalFileSystem(), str(Path(text).resolve())


def parquet_files(
    data: Dataset, parquet_dir: Path | str | None = None, version: str | None = None
) -> dict[str, bytes]:
    """The parquet files as the ETL wrote them, refused if they are not the loaded version (the
    directory was rebuilt after the data were loaded): a package never mixes two builds."""
    filesystem, root = _parquet_location(data, parquet_dir)
    expected = version or data.version
    files = {}
    for name in TABLES:
        path = f"{root.rstrip('/')}/{name}.parquet"
        try:
            with filesystem.open_input_file(path) as handle:
                body = handle.read()
            found = (pq.read_schema(pa.BufferReader(body)).metadata or {}).get(VERSION_KEY, b"")
        except (OSError, pa.ArrowException) as error:
            raise DataUnavailable(f"cannot read {path}: {error}") from error
        if expected and found.decode() != expected:
            raise DataUnavailable(
                f"{path} is data version {found.decode() or '(none)'}, not the loaded "
                f"{expected}: the data were rebuilt; reload them"
            )
        files[name] = body
    return files


def package_entries(
    data: Dataset, parquet_dir: Path | str | None = None, version: str | None = None
) -> dict[str, bytes]:
    """Every file of the package by its path inside the package folder."""
    csvs = {name: table_csv(data, name).encode() for name in TABLES}
    text = json.dumps(descriptor(data, version, csvs), indent=1, ensure_ascii=False) + "\n"
    entries = {
        "datapackage.json": text.encode(),
        "README.md": readme(data, version).encode(),
        "CITATION.cff": citation_cff(data, version).encode(),
        "sources.bib": bibliography(data).encode(),
    }
    entries |= {f"data/{name}.csv": body for name, body in csvs.items()}
    parquet = parquet_files(data, parquet_dir, version)
    entries |= {f"parquet/{name}.parquet": body for name, body in parquet.items()}
    return entries


def build_package(
    data: Dataset, parquet_dir: Path | str | None = None, version: str | None = None
) -> bytes:
    """The zip, deterministic: sorted entries, fixed times and permissions. ``parquet_dir``
    defaults to the directory ``data`` was loaded from, ``version`` to ``data.version``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, body in sorted(package_entries(data, parquet_dir, version).items()):
            info = zipfile.ZipInfo(f"{NAME}/{path}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever builds it
            info.external_attr = 0o100644 << 16
            archive.writestr(info, body, compresslevel=9)
    return buffer.getvalue()


def write_package(
    data: Dataset, parquet_dir: Path | str | None, out: Path, version: str | None = None
) -> Path:
    """Write the zip to ``out`` atomically (a reader never sees half a file)."""
    body = build_package(data, parquet_dir, version)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(out.name + ".partial")
    temporary.write_bytes(body)
    temporary.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m publish.datapackage",
        description="Write the dataset as a Frictionless data package (zip).",
    )
    parser.add_argument("--out", type=Path, default=Path("dist") / f"{NAME}.zip")
    parser.add_argument("--data", default=str(PARQUET_DIR), help="parquet directory or URI")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        data = load_dataset(args.data)
        out = write_package(data, args.data, args.out)
    except DataUnavailable as error:
        print(f"package: {error}", file=sys.stderr)
        return 1
    size = out.stat().st_size / 1024
    elapsed = time.perf_counter() - started
    print(f"package: {out} ({size:.0f} KiB, data version {data.version}, {elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
