"""How close ``propose`` comes to the curators: leave-one-out on the curated documents.

For each curated document whose text is present, propose from its text alone — the record, the
facts and dismissals of *that* document unseen; the series registry and the other documents
known, as they would be for a new document — and compare, mention by mention, with what the
curators recorded:

* **recall** of the curated facts: a proposed fact accounts for the fact's number, with the same
  value and unit; also the same period; also the same qualifier;
* **precision** of the proposed facts and dismissals: a proposed fact matches a curated fact with
  the same value and unit, a proposed dismissal matches a curated dismissal of that mention;
* **events**: proposed events that a curated event or claim cites (reported, not a goal: which
  dated sentences deserve a mark on a chart is the curator's editorial choice);
* **verify**: every proposed quote and context, checked by ``verify`` itself on the draft.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from etl.canonical import NormalizedText, find_number, normalize_text, numeric_core
from etl.intake.documents import read_document
from etl.intake.proposals import Draft, first_year, propose
from etl.model import CuratedDataset, CuratedFact, CuratedSource
from etl.normalize import NormalizationError, parse_period, parse_value
from etl.texts import load_texts

__all__ = ["DocumentScore", "leave_one_out", "score_draft"]

Span = tuple[int, int]


@dataclass
class DocumentScore:
    """Leave-one-out counts for one document (ratios are computed from them)."""

    source_id: str
    pages: int
    seconds: float
    facts: int = 0
    value_unit: int = 0
    value_unit_period: int = 0
    qualifier: int = 0
    proposals: int = 0
    matching: int = 0
    events: int = 0
    events_cited: int = 0
    quotes: int = 0
    quote_failures: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def ratio(self, name: str) -> float:
        denominator = self.proposals if name == "matching" else self.facts
        if name == "events_cited":
            denominator = self.events
        return getattr(self, name) / denominator if denominator else 1.0


def leave_one_out(
    dataset: CuratedDataset, texts_dir: Path, *, dates_given: bool = False
) -> list[DocumentScore]:
    """Score ``propose`` on every curated document whose text is in ``texts_dir``.

    With ``dates_given`` the curated record's date (written, else published) is passed to
    ``propose`` as a curator who knows it would: periods are then read from the text alone,
    but "today" means what the curators established it means.
    """
    texts = load_texts(texts_dir)
    scores = []
    for source in dataset.sources:
        path = texts.get((source.record.text_sha256 or "").lower())
        if path is None:
            continue
        started = time.perf_counter()
        document = read_document(path)
        draft = propose(
            document,
            source.record.source_id,
            dataset.series,
            first_year(dataset, source.record.source_id),
            (source.record.written or source.record.published) if dates_given else None,
        )
        seconds = time.perf_counter() - started
        scores.append(score_draft(draft, source, seconds))
    return scores


def _amounts(value: str | None, low: str | None, high: str | None, unit: str) -> tuple:
    try:
        return tuple(parse_value(t, unit).value for t in (value, low, high) if t)
    except NormalizationError:
        return ()


def _number_spans(text: NormalizedText, quote: str, written: tuple[str, ...]) -> list[Span]:
    spans = []
    for start, end in text.find_all(quote):
        for number in written:
            core = numeric_core(number)
            for a, b in find_number(core, text.canonical[start:end]):
                spans.append((start + a, start + b))
    return spans


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_draft(draft: Draft, source: CuratedSource, seconds: float) -> DocumentScore:
    """Compare one draft with its curated document, mention by mention."""
    text = NormalizedText(draft.document.text)
    score = DocumentScore(source.record.source_id, draft.document.pages, seconds)
    curated: list[tuple[CuratedFact, list[Span]]] = [
        (fact, _number_spans(text, fact.evidence, fact.numbers_as_written)) for fact in source.facts
    ]
    dismissed_spans = [
        span for d in source.dismissed for span in _number_spans(text, d.context, (d.mention,))
    ]
    cited_spans = [s for c in (*source.events, *source.claims) for s in text.find_all(c.evidence)]

    def same_amount(proposal, fact: CuratedFact) -> bool:
        ours = _amounts(proposal.value, proposal.low, proposal.high, proposal.unit)
        theirs = _amounts(fact.value_text, fact.low_text, fact.high_text, fact.unit)
        return bool(ours) and ours == theirs and proposal.unit == fact.unit

    for fact, spans in curated:
        score.facts += 1
        candidates = [
            p for p in draft.facts if any(_overlaps(a, b) for a in p.spans for b in spans)
        ]
        best = next((p for p in candidates if same_amount(p, fact)), None)
        if best is None:
            got = ", ".join(f"{p.value or (p.low, p.high)} {p.unit}" for p in candidates)
            score.misses.append(f"{fact.fact_id}: {fact.value_text} {fact.unit} → {got or 'none'}")
            continue
        score.value_unit += 1
        if _same_period(best.period, fact.period_text):
            score.value_unit_period += 1
        else:
            score.misses.append(f"{fact.fact_id}: period {fact.period_text} → {best.period}")
        if best.qualifier == fact.qualifier:
            score.qualifier += 1
        else:
            score.misses.append(f"{fact.fact_id}: qualifier {fact.qualifier} → {best.qualifier}")

    for proposal in draft.facts:
        score.proposals += 1
        if any(
            any(_overlaps(a, b) for a in proposal.spans for b in spans) and same_amount(proposal, f)
            for f, spans in curated
        ):
            score.matching += 1
        else:
            score.misses.append(f"proposed fact {proposal.id} ({proposal.value}) matches none")
    for dismissal in draft.dismissed:
        score.proposals += 1
        if any(_overlaps(a, b) for a in dismissal.spans for b in dismissed_spans):
            score.matching += 1
        else:
            score.misses.append(f"proposed dismissal {dismissal.mention!r} is curated otherwise")
    for event in draft.events:
        score.events += 1
        if any(s <= a and b <= e for a, b in event.spans for s, e in cited_spans):
            score.events_cited += 1
    for quote, numbers in [
        *((f.evidence, tuple(t for t in (f.value, f.low, f.high) if t)) for f in draft.facts),
        *((e.evidence, ()) for e in draft.events),
        *((d.context, (d.mention,)) for d in draft.dismissed),
    ]:
        score.quotes += 1
        canonical = normalize_text(quote)
        if not text.contains(quote) or any(
            not find_number(numeric_core(n), canonical) for n in numbers
        ):
            score.quote_failures.append(quote)
    return score


def _same_period(proposed: str, curated: str) -> bool:
    try:
        return parse_period(proposed).label == parse_period(curated).label
    except NormalizationError:
        return False
