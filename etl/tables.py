"""The published tables as pyarrow tables with explicit schemas: the data contract
(docs/data-model.md).

Schemas are written out, never inferred, so a column cannot silently change type when the data
does (an all-null column inferred as ``null``, an int where a float belongs).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pyarrow as pa

from etl.anchors import Anchor, quote_link
from etl.bibliography import format_bibtex, format_citation, published_precision, short_citation
from etl.canonical import normalize_text
from etl.checks import Check
from etl.explanations import Hypothesis
from etl.model import CuratedDataset, CuratedEvent, SourceRecord
from etl.normalize import Period, parse_period
from etl.observations import Observation

ETL_VERSION = "2.0.0"

SOURCES_SCHEMA = pa.schema(
    [
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("title", pa.string(), nullable=False),
        pa.field("authors", pa.list_(pa.string()), nullable=False),
        pa.field("publisher", pa.string(), nullable=False),
        pa.field("container", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("published_precision", pa.string()),
        pa.field("written", pa.string()),
        pa.field("date", pa.string(), nullable=False),
        pa.field("date_basis", pa.string(), nullable=False),
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
        pa.field("indicator", pa.string(), nullable=False),
        pa.field("reporter", pa.string()),
        pa.field("partner", pa.string()),
        pa.field("flow", pa.string()),
        pa.field("product", pa.string()),
        pa.field("change_of", pa.string()),
        pa.field("description", pa.string(), nullable=False),
    ]
)

QUOTE_FIELDS = [
    pa.field("quote_link", pa.string()),
    pa.field("quote_start", pa.int32()),
    pa.field("quote_end", pa.int32()),
    pa.field("quote_prefix", pa.string()),
    pa.field("quote_suffix", pa.string()),
]
"""Where a quote sits in its checked text and the link that opens the original there
(``quote_columns``): the same columns on every table that quotes."""

OBSERVATIONS_SCHEMA = pa.schema(
    [
        pa.field("obs_id", pa.string(), nullable=False),
        pa.field("series_id", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("period_start", pa.date32()),
        pa.field("period_end", pa.date32()),
        pa.field("period_kind", pa.string(), nullable=False),
        pa.field("base_period", pa.string()),
        pa.field("value", pa.float64(), nullable=False),
        pa.field("value_low", pa.float64()),
        pa.field("value_high", pa.float64()),
        pa.field("value_as_written", pa.string()),
        pa.field("wording", pa.string()),
        pa.field("interval_low", pa.float64()),
        pa.field("interval_high", pa.float64()),
        pa.field("qualifier", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("locator", pa.string()),
        pa.field("evidence", pa.string()),
        *QUOTE_FIELDS,
        pa.field("derived_from", pa.list_(pa.string()), nullable=False),
        pa.field("see_also", pa.list_(pa.string()), nullable=False),
        pa.field("method", pa.string()),
        pa.field("note", pa.string()),
        pa.field("caveat", pa.string()),
        pa.field("statistics_from", pa.string()),
        pa.field("statistics_basis", pa.string()),
        pa.field("as_of", pa.string(), nullable=False),
        pa.field("as_of_start", pa.date32(), nullable=False),
        pa.field("as_of_end", pa.date32(), nullable=False),
    ]
)

CHECKS_SCHEMA = pa.schema(
    [
        pa.field("check_id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("scope", pa.string(), nullable=False),
        pa.field("series_id", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("unit", pa.string(), nullable=False),
        pa.field("stated", pa.float64(), nullable=False),
        pa.field("stated_low", pa.float64()),
        pa.field("stated_high", pa.float64()),
        pa.field("computed", pa.float64(), nullable=False),
        pa.field("computed_low", pa.float64()),
        pa.field("computed_high", pa.float64()),
        pa.field("gap", pa.float64(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("obs_ids", pa.list_(pa.string()), nullable=False),
        pa.field("source_ids", pa.list_(pa.string()), nullable=False),
        pa.field("claim_id", pa.string()),
        pa.field("message", pa.string(), nullable=False),
    ]
)

CLAIMS_SCHEMA = pa.schema(
    [
        pa.field("claim_id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("series_id", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("than", pa.string()),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("locator", pa.string(), nullable=False),
        pa.field("evidence", pa.string(), nullable=False),
        *QUOTE_FIELDS,
        pa.field("note", pa.string()),
        pa.field("status", pa.string(), nullable=False),
    ]
)

HYPOTHESES_SCHEMA = pa.schema(
    [
        pa.field("hypothesis_id", pa.string(), nullable=False),
        pa.field("group", pa.string(), nullable=False),
        pa.field("rank", pa.int32(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("obs_id", pa.string(), nullable=False),
        pa.field("written", pa.string(), nullable=False),
        pa.field("corrected", pa.string(), nullable=False),
        pa.field("resolves", pa.list_(pa.string()), nullable=False),
        pa.field("breaks", pa.list_(pa.string()), nullable=False),
        pa.field("group_checks", pa.list_(pa.string()), nullable=False),
        pa.field("text", pa.string(), nullable=False),
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
        *QUOTE_FIELDS,
        pa.field("note", pa.string()),
    ]
)

DISAGREEMENTS_SCHEMA = pa.schema(
    [
        pa.field("disagreement_id", pa.string(), nullable=False),
        pa.field("about", pa.string(), nullable=False),
        pa.field("cited_id", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("locator", pa.string(), nullable=False),
        pa.field("evidence", pa.string(), nullable=False),
        pa.field("quote_link", pa.string()),
        pa.field("versus_id", pa.string(), nullable=False),
        pa.field("versus_source_id", pa.string(), nullable=False),
        pa.field("versus_locator", pa.string(), nullable=False),
        pa.field("versus_evidence", pa.string(), nullable=False),
        pa.field("versus_quote_link", pa.string()),
        pa.field("note", pa.string()),
    ]
)
"""One row per disagreement: both sides whole (document, locator, quote, the link that opens the
original at the quote), so a reader sees the two quotes side by side without a lookup."""

SCHEMAS: dict[str, pa.Schema] = {
    "sources": SOURCES_SCHEMA,
    "series": SERIES_SCHEMA,
    "observations": OBSERVATIONS_SCHEMA,
    "checks": CHECKS_SCHEMA,
    "events": EVENTS_SCHEMA,
    "claims": CLAIMS_SCHEMA,
    "hypotheses": HYPOTHESES_SCHEMA,
    "disagreements": DISAGREEMENTS_SCHEMA,
}

DESCRIPTIONS: dict[str, str] = {
    "sources": "Bibliographic record of each source document, with formatted citation and BibTeX.",
    "series": "Definition of each indicator series: its dimensions (reporter, partner, indicator, "
    "flow, product, measure, unit) and topic.",
    "observations": "Every value, stated or derived, with its citation (source, locator, quote).",
    "checks": "Consistency checks: the interval a stated figure allows against one computed from "
    "other figures, within one document, across documents, or against reference rates.",
    "events": "Dated events that charts annotate, cited like any number.",
    "claims": "Comparative statements (a peak, a trough, higher or lower than) checked against "
    "every document's levels, cited like any number.",
    "hypotheses": "Ranked single-figure corrections that would resolve groups of failed checks. "
    "Hypotheses only: the documents' figures are never changed.",
    "disagreements": "Documents that say incompatible things in words, each side with its "
    "citation (source, locator, quote); shown side by side, neither decided.",
}


def _finite(value: float | None) -> float | None:
    """Unbounded interval ends are written as null: CSV and JSON have no infinity."""
    return value if value is not None and math.isfinite(value) else None


def quote_columns(
    cited_id: str, evidence: str | None, url: str | None, anchors: Mapping[str, Anchor]
) -> dict[str, object]:
    """Where the quote sits in its checked text and the link that opens the original there;
    all null for a derived value (its inputs carry theirs) or a quote not yet anchored.

    Positions are given only where the text's own characters are the quote's (normalized): a
    quote found in another reading of a line-end hyphen has its link but no position, since a
    TextPositionSelector's span must spell the quote exactly."""
    anchor = anchors.get(cited_id) if evidence else None
    positioned = anchor is not None and anchor.exact == normalize_text(evidence or "")
    return {
        "quote_link": quote_link(url, anchor),
        "quote_start": anchor.start if positioned else None,
        "quote_end": anchor.end if positioned else None,
        "quote_prefix": anchor.prefix if positioned else None,
        "quote_suffix": anchor.suffix if positioned else None,
    }


def document_date(record: SourceRecord) -> Period:
    """The span the document's date allows: its publication date, else when it was written."""
    return parse_period(record.date_text)


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
                "published": parse_period(record.published).start if record.published else None,
                "published_precision": published_precision(record) if record.published else None,
                "written": parse_period(record.written).label if record.written else None,
                "date": document_date(record).label,
                "date_basis": record.date_basis,
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
            "indicator": s.indicator,
            "reporter": s.reporter,
            "partner": s.partner,
            "flow": s.flow,
            "product": s.product,
            "change_of": s.change_of,
            "description": s.description,
        }
        for s in sorted(dataset.series, key=lambda s: s.series_id)
    ]
    return pa.Table.from_pylist(rows, schema=SERIES_SCHEMA)


def observations_table(
    observations: Iterable[Observation],
    dataset: CuratedDataset,
    anchors: Mapping[str, Anchor] | None = None,
) -> pa.Table:
    anchors = anchors or {}
    dates = {s.record.source_id: document_date(s.record) for s in dataset.sources}
    urls = {s.record.source_id: s.record.url for s in dataset.sources}
    ordered = sorted(
        observations, key=lambda o: (o.series_id, o.period.start, o.period.end, o.obs_id)
    )
    rows = [
        {
            "obs_id": o.obs_id,
            "series_id": o.series_id,
            "period": o.period.label,
            "period_start": o.period.start if o.period.is_dated else None,
            "period_end": o.period.end if o.period.is_dated else None,
            "period_kind": o.period.kind,
            "base_period": o.base_period.label if o.base_period else None,
            "value": o.value,
            "value_low": _finite(o.value_low),
            "value_high": _finite(o.value_high),
            "value_as_written": o.value_text,
            "wording": o.wording,
            "interval_low": _finite(o.interval.low),
            "interval_high": _finite(o.interval.high),
            "qualifier": o.qualifier,
            "source_id": o.source_id,
            "locator": o.locator,
            "evidence": o.evidence,
            **quote_columns(o.obs_id, o.evidence, urls[o.source_id], anchors),
            "derived_from": list(o.derived_from),
            "see_also": list(o.see_also),
            "method": o.method,
            "note": o.note,
            "caveat": o.caveat,
            "statistics_from": o.statistics_from,
            "statistics_basis": o.statistics_basis,
            "as_of": dates[o.source_id].label,
            "as_of_start": dates[o.source_id].start,
            "as_of_end": dates[o.source_id].end,
        }
        for o in ordered
    ]
    return pa.Table.from_pylist(rows, schema=OBSERVATIONS_SCHEMA)


def checks_table(checks: Iterable[Check]) -> pa.Table:
    rows = [
        {
            "check_id": c.check_id,
            "kind": c.kind,
            "scope": c.scope,
            "series_id": c.series_id,
            "period": c.period,
            "unit": c.unit,
            "stated": c.stated,
            "stated_low": _finite(c.stated_interval.low),
            "stated_high": _finite(c.stated_interval.high),
            "computed": c.computed,
            "computed_low": _finite(c.computed_interval.low),
            "computed_high": _finite(c.computed_interval.high),
            "gap": c.gap,
            "status": c.status,
            "obs_ids": list(c.obs_ids),
            "source_ids": list(c.source_ids),
            "claim_id": c.claim_id,
            "message": c.message,
        }
        for c in sorted(checks, key=lambda c: c.check_id)
    ]
    return pa.Table.from_pylist(rows, schema=CHECKS_SCHEMA)


def claims_table(
    dataset: CuratedDataset,
    checks: Iterable[Check],
    anchors: Mapping[str, Anchor] | None = None,
) -> pa.Table:
    """Each claim with its overall verdict: inconsistent when any document's levels refute it."""
    anchors = anchors or {}
    verdicts: dict[str, list[str]] = {}
    for check in checks:
        if check.claim_id:
            verdicts.setdefault(check.claim_id, []).append(check.status)
    rows = [
        {
            "claim_id": claim.obs_id,
            "kind": claim.kind,
            "series_id": claim.series_id,
            "period": parse_period(claim.period_text).label,
            "than": parse_period(claim.than_text).label if claim.than_text else None,
            "source_id": claim.source_id,
            "locator": claim.locator,
            "evidence": claim.evidence,
            **quote_columns(claim.obs_id, claim.evidence, source.record.url, anchors),
            "note": claim.note,
            "status": "inconsistent"
            if "inconsistent" in verdicts.get(claim.obs_id, [])
            else "consistent",
        }
        for source in dataset.sources
        for claim in source.claims
    ]
    rows.sort(key=lambda r: r["claim_id"])
    return pa.Table.from_pylist(rows, schema=CLAIMS_SCHEMA)


def hypotheses_table(hypotheses: Iterable[Hypothesis]) -> pa.Table:
    rows = [
        {
            "hypothesis_id": h.hypothesis_id,
            "group": h.group,
            "rank": h.rank,
            "kind": h.kind,
            "obs_id": h.obs_id,
            "written": h.written,
            "corrected": h.corrected,
            "resolves": list(h.resolves),
            "breaks": list(h.breaks),
            "group_checks": list(h.group_checks),
            "text": h.text,
        }
        for h in hypotheses
    ]
    return pa.Table.from_pylist(rows, schema=HYPOTHESES_SCHEMA)


def events_table(dataset: CuratedDataset, anchors: Mapping[str, Anchor] | None = None) -> pa.Table:
    anchors = anchors or {}
    urls = {s.record.source_id: s.record.url for s in dataset.sources}
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
                **quote_columns(event.obs_id, event.evidence, urls[event.source_id], anchors),
                "note": event.note,
            }
        )
    rows.sort(key=lambda r: (r["date_start"], r["event_id"]))
    return pa.Table.from_pylist(rows, schema=EVENTS_SCHEMA)


def disagreements_table(
    dataset: CuratedDataset, anchors: Mapping[str, Anchor] | None = None
) -> pa.Table:
    """Each disagreement with both of its sides resolved to their citations (validated first:
    every side names an entry that quotes its document)."""
    anchors = anchors or {}
    urls = {s.record.source_id: s.record.url for s in dataset.sources}
    entries = {entry.obs_id: entry for s in dataset.sources for entry in s.cited()}

    def side(cited_id: str, prefix: str) -> dict[str, object]:
        entry = entries[cited_id]
        link = quote_columns(cited_id, entry.evidence, urls[entry.source_id], anchors)
        return {
            f"{prefix}source_id": entry.source_id,
            f"{prefix}locator": entry.locator,
            f"{prefix}evidence": entry.evidence,
            f"{prefix}quote_link": link["quote_link"],
        }

    rows = [
        {
            "disagreement_id": d.obs_id,
            "about": d.about,
            "cited_id": d.cited_id,
            **side(d.cited_id, ""),
            "versus_id": d.versus,
            **side(d.versus, "versus_"),
            "note": d.note,
        }
        for source in dataset.sources
        for d in source.disagreements
    ]
    rows.sort(key=lambda r: r["disagreement_id"])
    return pa.Table.from_pylist(rows, schema=DISAGREEMENTS_SCHEMA)
