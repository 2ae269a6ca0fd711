"""The published tables as pyarrow tables with explicit schemas (the data contract, DESIGN.md).

Schemas are written out, never inferred, so a column cannot silently change type when the data
does (an all-null column inferred as ``null``, an int where a float belongs).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from etl.bibliography import format_bibtex, format_citation, published_precision, short_citation
from etl.checks import Check
from etl.model import CuratedDataset, CuratedEvent
from etl.normalize import parse_period
from etl.observations import Observation

ETL_VERSION = "1.0.0"

SOURCES_SCHEMA = pa.schema(
    [
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("title", pa.string(), nullable=False),
        pa.field("authors", pa.list_(pa.string()), nullable=False),
        pa.field("publisher", pa.string(), nullable=False),
        pa.field("container", pa.string()),
        pa.field("published", pa.date32(), nullable=False),
        pa.field("published_precision", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("text_sha256", pa.string()),
        pa.field("citation", pa.string(), nullable=False),
        pa.field("short_citation", pa.string(), nullable=False),
        pa.field("bibtex", pa.string(), nullable=False),
        pa.field("notes", pa.list_(pa.string()), nullable=False),
    ]
)

SERIES_SCHEMA = pa.schema(
    [
        pa.field("series_id", pa.string(), nullable=False),
        pa.field("title", pa.string(), nullable=False),
        pa.field("unit", pa.string(), nullable=False),
        pa.field("measure", pa.string(), nullable=False),
        pa.field("topic", pa.string(), nullable=False),
        pa.field("reporter", pa.string()),
        pa.field("partner", pa.string()),
        pa.field("flow", pa.string()),
        pa.field("change_of", pa.string()),
        pa.field("description", pa.string(), nullable=False),
    ]
)

OBSERVATIONS_SCHEMA = pa.schema(
    [
        pa.field("obs_id", pa.string(), nullable=False),
        pa.field("series_id", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("period_start", pa.date32(), nullable=False),
        pa.field("period_end", pa.date32(), nullable=False),
        pa.field("period_kind", pa.string(), nullable=False),
        pa.field("base_period", pa.string()),
        pa.field("value", pa.float64(), nullable=False),
        pa.field("value_low", pa.float64()),
        pa.field("value_high", pa.float64()),
        pa.field("value_as_written", pa.string()),
        pa.field("qualifier", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("locator", pa.string()),
        pa.field("evidence", pa.string()),
        pa.field("derived_from", pa.list_(pa.string()), nullable=False),
        pa.field("see_also", pa.list_(pa.string()), nullable=False),
        pa.field("method", pa.string()),
        pa.field("note", pa.string()),
    ]
)

CHECKS_SCHEMA = pa.schema(
    [
        pa.field("check_id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("series_id", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("stated", pa.float64(), nullable=False),
        pa.field("computed", pa.float64(), nullable=False),
        pa.field("difference", pa.float64(), nullable=False),
        pa.field("tolerance", pa.float64(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("obs_ids", pa.list_(pa.string()), nullable=False),
        pa.field("message", pa.string(), nullable=False),
    ]
)

EVENTS_SCHEMA = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("date", pa.string(), nullable=False),
        pa.field("date_start", pa.date32(), nullable=False),
        pa.field("date_end", pa.date32(), nullable=False),
        pa.field("label", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("locator", pa.string(), nullable=False),
        pa.field("evidence", pa.string(), nullable=False),
        pa.field("note", pa.string()),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "sources": SOURCES_SCHEMA,
    "series": SERIES_SCHEMA,
    "observations": OBSERVATIONS_SCHEMA,
    "checks": CHECKS_SCHEMA,
    "events": EVENTS_SCHEMA,
}

DESCRIPTIONS: dict[str, str] = {
    "sources": "Bibliographic record of each source document, with formatted citation and BibTeX.",
    "series": "Definition of each indicator series: unit, measure, topic, trade direction.",
    "observations": "Every value, stated or derived, with its citation (source, locator, quote).",
    "checks": "Internal-consistency checks: a stated figure against one computed beside it.",
    "events": "Dated events that charts annotate, cited like any number.",
}


def sources_table(dataset: CuratedDataset) -> pa.Table:
    rows = []
    for source in sorted(dataset.sources, key=lambda s: s.record.source_id):
        record = source.record
        rows.append(
            {
                "source_id": record.source_id,
                "title": record.title,
                "authors": list(record.authors),
                "publisher": record.publisher,
                "container": record.container,
                "published": parse_period(record.published).start,
                "published_precision": published_precision(record),
                "url": record.url,
                "text_sha256": record.text_sha256,
                "citation": format_citation(record),
                "short_citation": short_citation(record),
                "bibtex": format_bibtex(record),
                "notes": list(record.notes),
            }
        )
    return pa.Table.from_pylist(rows, schema=SOURCES_SCHEMA)


def series_table(dataset: CuratedDataset) -> pa.Table:
    rows = [
        {
            "series_id": s.series_id,
            "title": s.title,
            "unit": s.unit,
            "measure": s.measure,
            "topic": s.topic,
            "reporter": s.reporter,
            "partner": s.partner,
            "flow": s.flow,
            "change_of": s.change_of,
            "description": s.description,
        }
        for s in sorted(dataset.series, key=lambda s: s.series_id)
    ]
    return pa.Table.from_pylist(rows, schema=SERIES_SCHEMA)


def observations_table(observations: Iterable[Observation]) -> pa.Table:
    ordered = sorted(
        observations, key=lambda o: (o.series_id, o.period.start, o.period.end, o.obs_id)
    )
    rows = [
        {
            "obs_id": o.obs_id,
            "series_id": o.series_id,
            "period": o.period.label,
            "period_start": o.period.start,
            "period_end": o.period.end,
            "period_kind": o.period.kind,
            "base_period": o.base_period.label if o.base_period else None,
            "value": o.value,
            "value_low": o.value_low,
            "value_high": o.value_high,
            "value_as_written": o.value_text,
            "qualifier": o.qualifier,
            "source_id": o.source_id,
            "locator": o.locator,
            "evidence": o.evidence,
            "derived_from": list(o.derived_from),
            "see_also": list(o.see_also),
            "method": o.method,
            "note": o.note,
        }
        for o in ordered
    ]
    return pa.Table.from_pylist(rows, schema=OBSERVATIONS_SCHEMA)


def checks_table(checks: Iterable[Check]) -> pa.Table:
    rows = [
        {
            "check_id": c.check_id,
            "kind": c.kind,
            "series_id": c.series_id,
            "period": c.period,
            "stated": c.stated,
            "computed": c.computed,
            "difference": c.difference,
            "tolerance": c.tolerance,
            "status": c.status,
            "obs_ids": list(c.obs_ids),
            "message": c.message,
        }
        for c in checks
    ]
    return pa.Table.from_pylist(rows, schema=CHECKS_SCHEMA)


def events_table(dataset: CuratedDataset) -> pa.Table:
    events: list[CuratedEvent] = [e for s in dataset.sources for e in s.events]
    rows = []
    for event in events:
        period = parse_period(event.date_text)
        rows.append(
            {
                "event_id": event.obs_id,
                "date": period.label,
                "date_start": period.start,
                "date_end": period.end,
                "label": event.label,
                "source_id": event.source_id,
                "locator": event.locator,
                "evidence": event.evidence,
                "note": event.note,
            }
        )
    rows.sort(key=lambda r: (r["date_start"], r["event_id"]))
    return pa.Table.from_pylist(rows, schema=EVENTS_SCHEMA)
