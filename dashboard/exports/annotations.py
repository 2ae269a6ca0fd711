"""Every citation as a W3C Web Annotation, so annotation tools can load the dataset's quotes.

One annotation per quoted fact, event and claim. Its body says what the dataset takes from the
quote ("Belarus–Ukraine trade turnover, 2012: $7.5 billion, reported"); its targets are

* the checked text, named by its SHA-256 as an RFC 6920 ``ni:`` URI, with a TextQuoteSelector
  (the quote, plus the prefix or suffix only where the quote recurs) and a TextPositionSelector
  (code points in the canonical form of that text, the normalization the model asks for);
* the document's page, where it has a URL, with the same TextQuoteSelector (tools anchor it on
  the live page, whose offsets differ from the checked text's) and, as an equivalent selector,
  the text fragment that makes a browser scroll the page to the quote.

The collection is one AnnotationCollection with a single embedded AnnotationPage (the Web
Annotation Protocol's container shape); a few hundred annotations need no paging.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pandas as pd

from dashboard.model.data import Dataset
from dashboard.model.formatting import QUALIFIER_WORDS, format_observed, format_period
from dashboard.model.lookups import lookups

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MEDIA_TYPE = f'application/ld+json; profile="{CONTEXT}"'
PATH = "/api/v1/annotations.jsonld"
TEXT_FRAGMENTS = "https://wicg.github.io/scroll-to-text-fragment/"
"""What a FragmentSelector's ``:~:text=`` value conforms to: the Text Fragments specification."""


def text_uri(sha256_hex: str) -> str:
    """The checked text as a content-addressed IRI: ``ni:///sha-256;<base64url digest>``."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256_hex)).rstrip(b"=").decode()
    return f"ni:///sha-256;{digest}"


def _present(value: object) -> bool:
    return isinstance(value, str) and value != ""


def _quote_selector(row: dict) -> dict[str, Any]:
    selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": row["evidence"]}
    for key in ("prefix", "suffix"):
        if _present(row.get(f"quote_{key}")):
            selector[key] = row[f"quote_{key}"]
    return selector


def _targets(row: dict, source: dict) -> list[dict[str, Any]]:
    quote = _quote_selector(row)
    targets: list[dict[str, Any]] = []
    if _present(source.get("text_sha256")):
        selectors: list[dict[str, Any]] = [quote]
        if not pd.isna(row.get("quote_start")):
            selectors.append(
                {
                    "type": "TextPositionSelector",
                    "start": int(row["quote_start"]),
                    "end": int(row["quote_end"]),
                }
            )
        targets.append(
            {
                "type": "SpecificResource",
                "source": text_uri(source["text_sha256"]),
                "selector": selectors,
            }
        )
    if _present(source.get("url")):
        on_page: list[dict[str, Any]] = [quote]
        if _present(row.get("quote_link")):
            on_page.append(
                {
                    "type": "FragmentSelector",
                    "conformsTo": TEXT_FRAGMENTS,
                    "value": row["quote_link"].split("#", 1)[1],
                }
            )
        targets.append({"type": "SpecificResource", "source": source["url"], "selector": on_page})
    return targets


def _cited(data: Dataset) -> Iterator[tuple[str, str, dict]]:
    """(id, what the dataset takes from the quote, row) for every quoted fact, event, claim."""
    found = lookups(data)
    for row in data.observations.to_dict("records"):
        if not _present(row["evidence"]):
            continue
        series = found.series[row["series_id"]]
        observed = format_observed(
            row["value"], row["value_low"], row["value_high"], row["qualifier"], series["unit"]
        )
        qualifier = QUALIFIER_WORDS[row["qualifier"]]
        when = format_period(row["period"])
        yield row["obs_id"], f"{series['title']}, {when}: {observed} ({qualifier})", row
    for row in data.events.to_dict("records"):
        yield row["event_id"], f"Event, {format_period(row['date'])}: {row['label']}", row
    for row in data.claims.to_dict("records"):
        title = found.series[row["series_id"]]["title"]
        yield row["claim_id"], f"Claim about {title} ({row['kind']}, {row['period']})", row


def annotation_collection(data: Dataset, origin: str) -> dict[str, Any]:
    """The whole AnnotationCollection (JSON-LD, compacted against the Web Annotation context)."""
    sources = data.sources.set_index("source_id").to_dict("index")
    collection_id = f"{origin}{PATH}"
    items = []
    for cited_id, description, row in _cited(data):
        source = sources[row["source_id"]]
        targets = _targets(row, source)
        if not targets:
            continue
        items.append(
            {
                "id": f"{collection_id}#{cited_id}",
                "type": "Annotation",
                "motivation": "describing",
                "body": {
                    "type": "TextualBody",
                    "value": description,
                    "format": "text/plain",
                    "language": "en",
                    "purpose": "describing",
                },
                "target": targets if len(targets) > 1 else targets[0],
            }
        )
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"belarus-indicators: every quoted figure, event and claim (data {data.version})",
        "total": len(items),
        "first": {
            "id": f"{collection_id}#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
