"""/api/v1/annotations.jsonld: every quote as a W3C Web Annotation, read by a JSON-LD processor
(pyld, with the Web Annotation context held locally) as the vocabulary's own terms, its
positions selecting the quote in the checked text."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pandas as pd
import pytest
from pyld import jsonld

from dashboard.exports.annotations import CONTEXT, TEXT_FRAGMENTS, text_uri
from etl.canonical import normalize_text
from etl.texts import load_texts

OA = "http://www.w3.org/ns/oa#"
CONTEXT_FILE = Path(__file__).parent / "contexts" / "anno.jsonld"


@pytest.fixture(scope="module")
def collection(client) -> dict:
    response = client.get("/api/v1/annotations.jsonld")
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    assert f'profile="{CONTEXT}"' in response.headers["Content-Type"]
    return response.get_json(force=True)


@pytest.fixture(scope="module")
def expanded(collection) -> list[dict]:
    """The collection expanded by pyld; only the Web Annotation context may be fetched."""
    context = json.loads(CONTEXT_FILE.read_text())

    def loader(url: str, options: dict | None = None) -> dict:
        assert url.rstrip("/") == CONTEXT, f"tried to fetch {url}"
        return {"contextUrl": None, "documentUrl": url, "document": context}

    return jsonld.expand(collection, {"documentLoader": loader})


def _annotations(expanded: list[dict]) -> list[dict]:
    (root,) = expanded
    (page,) = root["http://www.w3.org/ns/activitystreams#first"]
    return page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]


def _column(frame: pd.DataFrame, key: str, value: str) -> dict:
    return frame.set_index(key)[value].to_dict()


def _values(node: dict, term: str) -> list:
    return [v.get("@value", v.get("@id")) for v in node.get(term, [])]


def test_every_quoted_figure_event_and_claim_is_one_annotation(collection, dataset):
    items = collection["first"]["items"]
    quoted = dataset.observations[dataset.observations["evidence"].notna()]["obs_id"]
    expected = {*quoted, *dataset.events["event_id"], *dataset.claims["claim_id"]}
    assert {item["id"].split("#", 1)[1] for item in items} == expected
    assert collection["total"] == len(items) == len(expected)


def test_a_json_ld_processor_reads_each_annotation_in_the_vocabularys_terms(expanded, dataset):
    annotations = _annotations(expanded)
    assert annotations and all(a["@type"] == [OA + "Annotation"] for a in annotations)
    evidence = {
        **_column(dataset.observations, "obs_id", "evidence"),
        **_column(dataset.events, "event_id", "evidence"),
        **_column(dataset.claims, "claim_id", "evidence"),
    }
    for annotation in annotations:
        cited = annotation["@id"].split("#", 1)[1]
        assert _values(annotation, OA + "motivatedBy") == [OA + "describing"]
        (body,) = annotation[OA + "hasBody"]
        assert body["@type"] == [OA + "TextualBody"] and _values(body, _RDF_VALUE)
        for target in annotation[OA + "hasTarget"]:
            selectors = target[OA + "hasSelector"]
            kinds = {s["@type"][0] for s in selectors}
            assert OA + "TextQuoteSelector" in kinds, cited
            quote = next(s for s in selectors if s["@type"] == [OA + "TextQuoteSelector"])
            assert _values(quote, OA + "exact") == [evidence[cited]], cited


_RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"


def test_positions_are_typed_non_negative_integers_and_the_collection_becomes_rdf(
    expanded, collection
):
    positions = [
        s
        for a in _annotations(expanded)
        for t in a[OA + "hasTarget"]
        for s in t[OA + "hasSelector"]
        if s["@type"] == [OA + "TextPositionSelector"]
    ]
    assert positions
    xsd = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
    for selector in positions:
        for term in ("start", "end"):
            (value,) = selector[OA + term]
            assert value["@type"] == xsd and int(value["@value"]) >= 0
    quads = jsonld.to_rdf(expanded, {"format": "application/n-quads"})
    assert quads.count(f"<{OA}TextPositionSelector>") == len(positions)


def test_the_checked_text_is_named_by_its_sha256(collection, dataset):
    hashes = set(dataset.sources["text_sha256"].dropna())
    for item in collection["first"]["items"]:
        targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
        texts = [t["source"] for t in targets if t["source"].startswith("ni:///sha-256;")]
        assert len(texts) == 1, item["id"]
        digest = texts[0].split(";", 1)[1]
        sha = base64.urlsafe_b64decode(digest + "=" * (-len(digest) % 4)).hex()
        assert sha in hashes and texts[0] == text_uri(sha)


def test_the_page_target_carries_the_text_fragment_of_the_quote_link(collection, dataset):
    links = _column(dataset.observations, "obs_id", "quote_link")
    links |= _column(dataset.events, "event_id", "quote_link")
    checked = 0
    for item in collection["first"]["items"]:
        cited = item["id"].split("#", 1)[1]
        link = links.get(cited)
        if not isinstance(link, str):
            continue
        targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
        (page,) = [t for t in targets if t["source"] == link.split("#", 1)[0]]
        fragment = next(s for s in page["selector"] if s["type"] == "FragmentSelector")
        assert fragment == {
            "type": "FragmentSelector",
            "conformsTo": TEXT_FRAGMENTS,
            "value": link.split("#", 1)[1],
        }
        checked += 1
    assert checked > 0


def test_each_position_selects_its_quote_in_the_checked_text(collection, dataset, source_texts):
    texts = {sha: normalize_text(p.read_text()) for sha, p in load_texts(source_texts).items()}
    by_uri = {text_uri(sha): text for sha, text in texts.items()}
    checked = 0
    for item in collection["first"]["items"]:
        targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
        for target in targets:
            if target["source"] not in by_uri:
                continue
            text = by_uri[target["source"]]
            quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
            position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
            exact = text[position["start"] : position["end"]]
            assert exact == normalize_text(quote["exact"]), item["id"]
            context = quote.get("prefix", "") + exact + quote.get("suffix", "")
            assert text.count(context) == 1, item["id"]
            checked += 1
    assert checked == collection["total"]


def test_unknown_parameters_get_a_400_with_a_message(client):
    response = client.get("/api/v1/annotations.jsonld?page=2")
    assert response.status_code == 400
    assert "page" in response.get_json()["error"]
