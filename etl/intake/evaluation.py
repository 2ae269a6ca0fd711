"""How close ``propose`` comes to a curator: leave-one-out on the curated documents, and real
reports scored against their answer keys.

**Leave-one-out.** For each curated document whose text is present, propose from its text
alone — the record, the facts and dismissals of *that* document unseen; the series registry and
the other documents known, as they would be for a new document — and compare, mention by
mention, with what the curators recorded:

* **recall** of the curated facts: a proposed fact accounts for the fact's number, with the same
  value and unit; also the same period; also the same qualifier;
* **precision** of the proposed facts and dismissals: a proposed fact matches a curated fact with
  the same value and unit, a proposed dismissal matches a curated dismissal of that mention;
* **events**: proposed events that a curated event or claim cites (reported, not a goal: which
  dated sentences deserve a mark on a chart is the curator's editorial choice);
* **verify**: every proposed quote and context, checked by ``verify`` itself on the draft.

**Answer keys.** A real report, never curated here, comes with a key written by hand: one row
per figure an economist would record (value as written, unit, scale, period, qualifier, sign,
indicator, quote), and the series a careful curator would file each row under. The draft is
matched to the key one to one (:func:`score_against_key`) and scored as the curator meets it:
how many key figures it proposes with the right value and unit, and with the right period,
sign, qualifier and series; how many of its proposals are figures at all; whether its quotes
are verbatim; how many fields the curator changes to turn it into the key; and whether its
confidence can be trusted — a confident proposal in the wrong existing series is the error a
hurried curator keeps.
"""

from __future__ import annotations

import csv
import inspect
import math
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from etl.canonical import NormalizedText, find_number, normalize_text, numeric_core
from etl.intake.documents import read_document
from etl.intake.grammar.language import language_of
from etl.intake.proposals import Draft, ProposedFact, ProposedSeries, first_year, propose
from etl.intervals import find_wording
from etl.model import CuratedDataset, CuratedFact, CuratedSource, SeriesDefinition
from etl.normalize import NormalizationError, parse_period, parse_value
from etl.texts import load_texts
from etl.validate import quote_states

__all__ = [
    "CorpusScore",
    "DocumentScore",
    "Expectation",
    "KeyRow",
    "RowMatch",
    "SeriesKey",
    "corpus_dates",
    "key_amounts",
    "leave_one_out",
    "pool",
    "read_key",
    "read_key_number",
    "read_series_key",
    "score_against_key",
    "score_corpus",
    "score_draft",
    "sign_of",
]

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
    judged: list[tuple[float, bool]] = field(default_factory=list)
    """Each proposed fact's raw score, and whether it is right as proposed (value, unit,
    period, qualifier, direction and series as the curators have them): what the
    confidence calibration (etl/intake/calibration.py) is learned from."""

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


def same_reading(proposed: str, expected: str, evidence: str, value: str | None) -> bool:
    """Whether two qualifiers say the same of this quote: equal, or both allowed by its words
    with the same interval — "almost 89%" is an upper bound close to 89 whether labelled
    `upper_bound` or `approximate` (etl/intervals.py), and the build reads both alike."""
    if proposed == expected:
        return True
    found = find_wording(evidence, value) if value else None
    return bool(found and found[1].allows(proposed) and found[1].allows(expected))


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
        if same_reading(best.qualifier, fact.qualifier, best.evidence, best.value):
            score.qualifier += 1
        else:
            score.misses.append(f"{fact.fact_id}: qualifier {fact.qualifier} → {best.qualifier}")

    for proposal in draft.facts:
        score.proposals += 1
        matched = [
            f
            for f, spans in curated
            if any(_overlaps(a, b) for a in proposal.spans for b in spans)
            and same_amount(proposal, f)
        ]
        if matched:
            score.matching += 1
        else:
            score.misses.append(f"proposed fact {proposal.id} ({proposal.value}) matches none")
        right = any(
            _same_period(proposal.period, f.period_text)
            and same_reading(proposal.qualifier, f.qualifier, proposal.evidence, proposal.value)
            and proposal.series == f.series_id
            and (proposal.direction or None) == (f.direction or None)
            for f in matched
        )
        score.judged.append((proposal.raw_confidence, right))
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
    score.quotes, score.quote_failures = unverified_quotes(draft, text)
    return score


def unverified_quotes(draft: Draft, text: NormalizedText) -> tuple[int, list[str]]:
    """How many quotes the draft proposes, and those ``verify`` would refuse: a fact's quote
    must occur in the text and contain its numbers, an event's quote must occur, a dismissal's
    context must occur and contain its mention."""
    language = draft.record.get("language")
    quotes: list[tuple[str, tuple[str, ...], str]] = [
        *(
            (f.evidence, tuple(t for t in (f.value, f.low, f.high) if t), f.unit)
            for f in draft.facts
        ),
        *((e.evidence, (), "") for e in draft.events),
        *((d.context, (d.mention,), "") for d in draft.dismissed),
    ]
    failures = []
    for quote, numbers, unit in quotes:
        canonical = normalize_text(quote)
        if not text.contains(quote) or any(
            not find_number(numeric_core(n), canonical)
            and not quote_states(canonical, n, unit, language)
            for n in numbers
        ):
            failures.append(quote)
    return len(quotes), failures


def _same_period(proposed: str, curated: str) -> bool:
    try:
        return parse_period(proposed).label == parse_period(curated).label
    except NormalizationError:
        return False


# --------------------------------------------------------------------------------------------
# Real reports against their answer keys
# --------------------------------------------------------------------------------------------

CURRENCIES = frozenset({"USD", "EUR", "RUB", "BYR", "BYN", "UAH", "GBP", "CNY", "PLN", "KZT"})
"""The currencies a key may name; a key row whose currency is implied accepts any of them."""

CONFIDENT = 0.8
"""A proposal at this confidence or above is one a curator is invited to accept unread."""

BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, CONFIDENT), (CONFIDENT, 1.0))
"""Confidence bands for calibration: each ``[low, high)``, the last one closed."""

MISSED_ROW_FIELDS = 6
"""What a key row the draft missed costs the curator: writing the fact (value, unit, period,
qualifier, sign and series)."""

FALSE_POSITIVE_FIELDS = 1
"""What a proposal that matches no key row costs the curator: deleting it."""

JUDGED_FIELDS = ("period", "qualifier", "sign", "series")
"""The fields of a matched proposal that may still be wrong (value and unit match by
definition)."""

DIMENSIONS = ("reporter", "partner", "indicator", "flow", "product", "measure", "unit")
"""What tells one series from another; a new series a draft proposes is compared on those of
them it states."""

_SCALES = {
    "thousand": 10**3,
    "тыс": 10**3,
    "тис": 10**3,
    "million": 10**6,
    "mln": 10**6,
    "млн": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "млрд": 10**9,
    "trillion": 10**12,
    "трлн": 10**12,
}
_RANGE_DASH = re.compile(r"\s*[–—]\s*|(?<=\d)-(?=\d)")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")


@dataclass(frozen=True)
class KeyRow:
    """One figure of an answer key (``<slug>.key.csv``): the fact as an economist records it.

    ``value`` is written as in the text (with the document's decimal comma; compounds in the
    smaller unit, words as digits, fractions as ``a/b``, ranges as ``low–high``), ``scale`` as
    in the text ("млрд.", "million"), ``period`` empty where the text states none, ``sign``
    ``+``, ``-`` or empty. ``number`` is the row's position in the key, from 1.
    """

    number: int
    value: str
    unit: str
    scale: str
    period: str
    qualifier: str
    sign: str
    indicator: str
    quote: str

    @property
    def currency_implied(self) -> bool:
        """The text gives no currency: any currency reads it right."""
        return "currency implied" in self.indicator.lower() and self.unit in CURRENCIES


def read_key(path: Path) -> list[KeyRow]:
    """The rows of an answer key, numbered from 1 in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            KeyRow(
                number=number,
                **{name: (row.get(name) or "").strip() for name in KEY_COLUMNS},
            )
            for number, row in enumerate(csv.DictReader(handle), start=1)
        ]


KEY_COLUMNS = ("value", "unit", "scale", "period", "qualifier", "sign", "indicator", "quote")


@dataclass(frozen=True)
class Expectation:
    """The series a careful curator files one key row under: an existing id, or ``new`` with
    the dimensions the new series would have."""

    series: str
    about: str = ""
    dimensions: dict[str, str] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        return self.series == "new"


@dataclass(frozen=True)
class SeriesKey:
    """For one document: each key row's expected series, and the ids of the series that exist
    (a proposal in none of them is a proposal of a new series)."""

    rows: dict[int, Expectation]
    existing: frozenset[str]


def read_series_key(path: Path, existing: frozenset[str]) -> dict[str, SeriesKey]:
    """Every document's :class:`SeriesKey` from a YAML file of the form::

        documents:
          <slug>:
            - {row: 1, about: trade turnover, series: trade.by_ua.turnover}
            - row: 2
              about: foreign trade balance
              series: new
              dimensions: {reporter: Belarus, partner: all countries, ...}

    An existing id that is not in ``existing`` is an error, not a series no draft can match.
    """
    import yaml

    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    keys: dict[str, SeriesKey] = {}
    for slug, rows in (loaded.get("documents") or {}).items():
        expected: dict[int, Expectation] = {}
        for entry in rows:
            series = str(entry["series"])
            if series != "new" and series not in existing:
                raise ValueError(f"{path.name}: {slug} row {entry['row']}: no series {series!r}")
            dimensions = {str(k): str(v) for k, v in (entry.get("dimensions") or {}).items()}
            expected[int(entry["row"])] = Expectation(
                series, str(entry.get("about", "")), dimensions
            )
        keys[str(slug)] = SeriesKey(expected, existing)
    return keys


@dataclass(frozen=True)
class RowMatch:
    """A key row and the proposed fact matched to it: which judged fields are right, and for a
    proposed new series, which of its stated dimensions agree with the expected ones."""

    row: int
    fact: str
    confidence: float
    right: dict[str, bool]
    dimensions: dict[str, bool] = field(default_factory=dict)
    corrections: tuple[str, ...] = ()  # each wrong field: what the draft says, what the key does

    @property
    def wrong_fields(self) -> int:
        return sum(not ok for ok in self.right.values())

    @property
    def fully_right(self) -> bool:
        return self.wrong_fields == 0


@dataclass(frozen=True)
class Judged:
    """One proposed fact as judged against the key: matched or not, fully right or not, and
    whether it sits in an existing series other than the expected one."""

    fact: str
    confidence: float
    row: int | None
    fully_right: bool
    wrong_existing_series: bool
    raw: float = 0.0
    """The proposal's score before calibration (what a calibration is learned from)."""


@dataclass
class CorpusScore:
    """One document's draft against its answer key (or several pooled by :func:`pool`)."""

    document: str
    rows: int
    seconds: float = 0.0
    documents: int = 1
    language: str | None = None
    date: str | None = None  # the document's date given to ``propose``
    matches: list[RowMatch] = field(default_factory=list)
    judged: list[Judged] = field(default_factory=list)
    quotes: int = 0
    quote_failures: list[str] = field(default_factory=list)
    unlocated: list[int] = field(default_factory=list)  # key rows whose quote is not in the text
    misses: list[str] = field(default_factory=list)

    def recall(self, field_name: str | None = None) -> float:
        """Share of key rows matched (value and unit), and with ``field_name`` right too."""
        hits = sum(field_name is None or m.right[field_name] for m in self.matches)
        return hits / self.rows if self.rows else 1.0

    @property
    def proposals(self) -> int:
        return len(self.judged)

    def precision(self) -> float:
        """Share of proposed facts that match a key row (dismissals are not proposals)."""
        return len(self.matches) / self.proposals if self.proposals else 1.0

    def curator_fields(self) -> int:
        """Fields to change to turn the draft into the key: wrong fields of matched facts, a
        whole fact for every missed row, a deletion for every false positive."""
        return (
            sum(m.wrong_fields for m in self.matches)
            + MISSED_ROW_FIELDS * (self.rows - len(self.matches))
            + FALSE_POSITIVE_FIELDS * (self.proposals - len(self.matches))
        )

    def fields_per_five(self) -> float:
        """:meth:`curator_fields` per five key figures."""
        return 5 * self.curator_fields() / self.rows if self.rows else 0.0

    def band(self, low: float, high: float) -> tuple[int, int]:
        """Proposals with ``low <= confidence < high`` (``<= 1`` for the top band): how many
        are fully right, and how many there are."""
        inside = [
            j
            for j in self.judged
            if low <= j.confidence and (j.confidence < high or (high >= 1.0 and j.confidence <= 1))
        ]
        return sum(j.fully_right for j in inside), len(inside)

    def confident_in_wrong_existing_series(self) -> int:
        """Proposals at :data:`CONFIDENT` or above filed in an existing series a curator would
        not file them under: the error a curator accepting confident proposals unread keeps."""
        return sum(j.wrong_existing_series and j.confidence >= CONFIDENT for j in self.judged)

    def dimension_agreement(self) -> dict[str, tuple[int, int]]:
        """For matched facts in a proposed new series: per dimension the series states, how
        often it agrees with the expected one, of how many."""
        agreement: dict[str, tuple[int, int]] = {}
        for match in self.matches:
            for name, ok in match.dimensions.items():
                agreed, total = agreement.get(name, (0, 0))
                agreement[name] = (agreed + ok, total + 1)
        return agreement


def pool(scores: list[CorpusScore]) -> CorpusScore:
    """Several documents' scores as one: every ratio then weighs each key row (or proposal)
    alike, whichever document it is in."""
    pooled = CorpusScore("all", sum(s.rows for s in scores), documents=len(scores))
    for score in scores:
        pooled.seconds += score.seconds
        pooled.matches += score.matches
        pooled.judged += score.judged
        pooled.quotes += score.quotes
        pooled.quote_failures += score.quote_failures
        pooled.unlocated += score.unlocated
        pooled.misses += [f"{score.document}: {m}" for m in score.misses]
    return pooled


def score_against_key(
    draft: Draft,
    key: list[KeyRow],
    text: str,
    expected: SeriesKey,
    *,
    seconds: float = 0.0,
    language: str | None = None,
) -> CorpusScore:
    """Compare a draft with a document's answer key, figure by figure.

    A proposed fact matches a key row when its value is the key's (within a relative 1e-9; a
    range's ends for a range), its unit is the key's (any currency where the key's is implied)
    and its quote or mention overlaps the key's quote in the text. Rows and facts are matched
    one to one, each row to the candidate with the most fields right, then rearranged so that
    as many rows as possible are matched. ``language`` is how the key's numbers are written
    ("19,407" is 19.407 in ``ru`` and ``uk``, 19407 in ``en``); by default the text's.
    """
    missing = [row.number for row in key if row.number not in expected.rows]
    document = str(draft.record.get("id", draft.document.path.stem))
    if missing:
        raise ValueError(f"{document}: no expected series for key rows {missing}")
    normalized = NormalizedText(text)
    language = language or language_of(text)
    score = CorpusScore(document, len(key), seconds, language=language)
    quotes = {row.number: normalized.find_all(row.quote) for row in key}
    score.unlocated = [number for number, spans in quotes.items() if not spans]
    candidates = _candidates(draft, key, quotes, normalized, expected, language)
    chosen = dict(_one_to_one(candidates, lambda pair: candidates[pair][1]))
    score.matches = sorted((candidates[i, j][0] for i, j in chosen.items()), key=lambda m: m.row)
    for i, fact in enumerate(draft.facts):
        match = candidates[i, chosen[i]][0] if i in chosen else None
        wrong_series = (
            match is not None
            and fact.series in expected.existing
            and fact.series != expected.rows[match.row].series
        )
        score.judged.append(
            Judged(
                fact.id,
                fact.confidence,
                match.row if match else None,
                bool(match and match.fully_right),
                wrong_series,
                fact.raw_confidence,
            )
        )
        if match is None:
            score.misses.append(
                f"proposed {_shown(fact)} in {_series_shown(fact.series, expected)} "
                f"(confidence {fact.confidence:.2f}) "
                "matches no key row"
            )
    score.misses[:0] = _row_misses(draft, key, quotes, score)
    score.quotes, score.quote_failures = unverified_quotes(draft, normalized)
    return score


Quality = tuple[int, bool]
"""How good a candidate (fact, row) pair is: its fields right, then whether the fact's own
mention (not only its quote) lies in the key's quote."""


def _candidates(
    draft: Draft,
    key: list[KeyRow],
    quotes: dict[int, list[Span]],
    text: NormalizedText,
    expected: SeriesKey,
    language: str | None,
) -> dict[tuple[int, int], tuple[RowMatch, Quality]]:
    """Every (fact index, row index) pair that matches on value, unit and place, checked."""
    new_series = {s.id: s for s in draft.new_series}
    amounts = [key_amounts(row, language) for row in key]
    found: dict[tuple[int, int], tuple[RowMatch, Quality]] = {}
    for i, fact in enumerate(draft.facts):
        ours = _fact_amounts(fact, draft)
        quoted = text.find_all(fact.evidence) if fact.evidence else []
        for j, row in enumerate(key):
            if not (ours and _same_amounts(ours, amounts[j]) and _same_unit(fact.unit, row)):
                continue
            own = any(_overlaps(a, b) for a in fact.spans for b in quotes[row.number])
            if own or any(_overlaps(a, b) for a in quoted for b in quotes[row.number]):
                check = _check(fact, row, expected, new_series)
                found[i, j] = (check, (len(JUDGED_FIELDS) - check.wrong_fields, own))
    return found


def _row_misses(
    draft: Draft, key: list[KeyRow], quotes: dict[int, list[Span]], score: CorpusScore
) -> list[str]:
    """What the curator must do for each key row: correct fields, or write it — and what the
    draft made of the figure's quote instead (other figures proposed there, dismissals)."""
    matched = {m.row: m for m in score.matches}
    misses = []
    for row in key:
        match = matched.get(row.number)
        shown = f"row {row.number} ({_key_shown(row)})"
        if match is not None:
            if match.corrections:
                misses.append(f"{shown}: {'; '.join(match.corrections)}")
            continue
        if row.number in score.unlocated:
            misses.append(f"{shown}: not proposed (the key's quote is not in the text)")
            continue
        inside = quotes[row.number]
        there = [
            _shown(f) for f in draft.facts if any(_overlaps(a, b) for a in f.spans for b in inside)
        ] + [
            f"dismissed ({_reason(d.reason)})"
            for d in draft.dismissed
            if any(_overlaps(a, b) for a in d.spans for b in inside)
        ]
        there = list(dict.fromkeys(there))
        misses.append(
            f"{shown}: not proposed" + (f" — in its quote: {', '.join(there)}" if there else "")
        )
    return misses


def _check(
    fact: ProposedFact, row: KeyRow, expected: SeriesKey, new_series: dict[str, ProposedSeries]
) -> RowMatch:
    want = expected.rows[row.number]
    in_existing = fact.series in expected.existing
    series_right = (not in_existing) if want.is_new else fact.series == want.series
    dimensions: dict[str, bool] = {}
    proposed = new_series.get(fact.series)
    if proposed is not None and want.is_new:
        for name in DIMENSIONS:
            stated = getattr(proposed, name, None)
            if stated and name in want.dimensions:
                dimensions[name] = _agree(str(stated), want.dimensions[name])
    right = {
        "period": _same_period_or_undated(fact.period, row.period),
        "qualifier": same_reading(fact.qualifier, row.qualifier, fact.evidence, fact.value),
        "sign": sign_of(fact) == row.sign,
        "series": series_right,
    }
    said = {
        "period": (fact.period or "none", row.period or "none"),
        "qualifier": (fact.qualifier, row.qualifier),
        "sign": (sign_of(fact) or "none", row.sign or "none"),
        "series": (
            _series_shown(fact.series, expected),
            want.series if not want.is_new else "a new series",
        ),
    }
    corrections = tuple(
        f"{name} {said[name][0]} for {said[name][1]}" for name, ok in right.items() if not ok
    )
    return RowMatch(row.number, fact.id, fact.confidence, right, dimensions, corrections)


def sign_of(fact: ProposedFact) -> str:
    """A proposed fact's sign as a key writes it: ``+``, ``-`` or empty — its own ``sign``
    where it has one, else its direction, else a negative value's minus."""
    stated = getattr(fact, "sign", None)
    if stated in ("+", "-"):
        return str(stated)
    if stated in ("positive", "surplus", "increase"):
        return "+"
    if stated in ("negative", "deficit", "decrease"):
        return "-"
    if fact.direction == "increase":
        return "+"
    if fact.direction == "decrease":
        return "-"
    if (fact.value or "").lstrip().startswith(("-", "−")):
        return "-"
    return ""


def _one_to_one(
    candidates: Iterable[tuple[int, int]], quality: Callable[[tuple[int, int]], tuple]
) -> list[tuple[int, int]]:
    """A one-to-one choice of (fact, row) pairs: best quality first, then augmented along
    alternating paths until no more rows can be matched (a maximum matching that keeps the
    greedy preference wherever it costs no match)."""
    pairs = sorted(candidates, key=quality, reverse=True)
    rows_of: dict[int, list[int]] = {}
    for i, j in pairs:
        rows_of.setdefault(i, []).append(j)
    fact_of_row: dict[int, int] = {}
    row_of_fact: dict[int, int] = {}
    for i, j in pairs:
        if i not in row_of_fact and j not in fact_of_row:
            row_of_fact[i], fact_of_row[j] = j, i

    def augment(i: int, seen: set[int]) -> bool:
        for j in rows_of[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in fact_of_row or augment(fact_of_row[j], seen):
                row_of_fact[i], fact_of_row[j] = j, i
                return True
        return False

    for i in rows_of:
        if i not in row_of_fact:
            augment(i, set())
    return sorted(row_of_fact.items())


def read_key_number(written: str, language: str | None) -> float:
    """A key's number as written: "19,407" (a decimal comma in ``ru`` and ``uk``, thousands in
    English), "1,571.9", "1 607", "3/4"."""
    text = written.strip().replace("\u00a0", "").replace(" ", "")
    if "/" in text:
        numerator, denominator = text.split("/", 1)
        return float(Decimal(numerator) / Decimal(denominator))
    if "," in text and "." in text:
        decimal = "," if text.rindex(",") > text.rindex(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", "." if language in ("ru", "uk") else "")
    return float(Decimal(text))


def key_amounts(row: KeyRow, language: str | None) -> tuple[float, ...]:
    """A key row's value in base units: one number, or a range's two ends (none when the
    value cannot be read)."""
    scale = _SCALES.get(row.scale.strip().rstrip(".").lower(), 1) if row.scale else 1
    try:
        return tuple(
            read_key_number(part, language) * scale for part in _RANGE_DASH.split(row.value)
        )
    except (InvalidOperation, ValueError, ZeroDivisionError):
        return ()


def _fact_amounts(fact: ProposedFact, draft: Draft) -> tuple[float, ...]:
    written = (fact.value,) if fact.value else (fact.low, fact.high)
    language = draft.record.get("language")
    try:
        return tuple(abs(_parse_fact_value(t, fact.unit, language)) for t in written if t)
    except NormalizationError:
        return ()


def _parse_fact_value(written: str, unit: str, language: object) -> float:
    """The fact's value as the ETL reads it: with the record's language where ``parse_value``
    reads figures by language."""
    if language and _PARSE_VALUE_READS_LANGUAGE:
        return parse_value(written, unit, language=language).value  # type: ignore[call-arg]
    return parse_value(written, unit).value


_PARSE_VALUE_READS_LANGUAGE = "language" in inspect.signature(parse_value).parameters


def _same_amounts(ours: tuple[float, ...], theirs: tuple[float, ...]) -> bool:
    return len(ours) == len(theirs) and all(
        math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0) for a, b in zip(ours, theirs, strict=True)
    )


def _unit_name(unit: str) -> str:
    return " ".join(unit.split()).casefold()


def _same_unit(unit: str, row: KeyRow) -> bool:
    if row.currency_implied:
        return unit in CURRENCIES
    return _unit_name(unit) == _unit_name(row.unit)


def _period_bounds(label: str) -> tuple[date, date] | None:
    """A period's first and last day: what any label of it ("2022-Q1", "2022-01/2022-03")
    means."""
    label = label.strip()
    for pattern, months in ((_QUARTER, 3), (_HALF, 6)):
        found = pattern.fullmatch(label)
        if found:
            year, part = int(found[1]), int(found[2])
            first = (part - 1) * months + 1
            label = f"{year}-{first:02d}/{year}-{first + months - 1:02d}"
    try:
        period = parse_period(label)
    except NormalizationError:
        return None
    return (period.start, period.end) if period.is_dated else None


def _same_period_or_undated(proposed: str, key: str) -> bool:
    """The key's period, or no period where the key has none."""
    if not key.strip():
        return not proposed.strip() or proposed.strip() == "undated"
    ours, theirs = _period_bounds(proposed), _period_bounds(key)
    return ours is not None and ours == theirs


def _agree(stated: str, expected: str) -> bool:
    """Two plain-word dimensions agree when one contains the other, case, spacing and
    snake_case aside ("external_state_debt" is "external state debt")."""
    a, b = (_unit_name(t.replace("_", " ")) for t in (stated, expected))
    return bool(a and b) and (a in b or b in a)


def _shown(fact: ProposedFact) -> str:
    value = fact.value or f"{fact.low}–{fact.high}"
    return f"{value} {fact.unit} {fact.period}"


def _series_shown(series: str, expected: SeriesKey) -> str:
    """An existing series by its id; a proposed one as "new" (its id is made of the
    document's words)."""
    return series if series in expected.existing else "a new series"


def _reason(reason: str) -> str:
    """A dismissal's reason without the ids it names (made of the document's words)."""
    head = re.split(r" as |:| \(", reason, maxsplit=1)[0]
    return " ".join(w for w in head.split() if not re.search(r"-\d|proposed", w))[:60]


def _key_shown(row: KeyRow) -> str:
    scale = f" {row.scale}" if row.scale else ""
    return f"{row.value}{scale} {row.unit}"


_FIRST_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def corpus_dates(readme: str) -> dict[str, str]:
    """Each document's date from a corpus README's table (columns ``slug`` and ``date``): the
    first date the cell gives — "2023-07/08 (inferred …)" → 2023-07, "2016-01-29 (store
    metadata)" → 2016-01-29."""
    dates: dict[str, str] = {}
    header: list[str] = []
    for line in readme.splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not header:
            header = [cell.lower() for cell in cells]
            continue
        if "slug" not in header or "date" not in header or set(cells[0]) <= set("-: "):
            continue
        found = _FIRST_DATE.match(cells[header.index("date")])
        if found:
            dates[cells[header.index("slug")]] = found.group()
    return dates


def registry_before(dataset: CuratedDataset, source_id: str) -> tuple[SeriesDefinition, ...]:
    """The series registry as a curator met it before ``source_id`` was curated: less the
    series only that document's facts and claims use, which its curation added.

    A report scored against the registry it was itself filed into would find every series
    its key calls new already there, and its "new" figures would count as misfiled."""
    own: set[str] = set()
    elsewhere: set[str] = set()
    for source in dataset.sources:
        used = {entry.series_id for entry in (*source.facts, *source.claims)}
        (own if source.record.source_id == source_id else elsewhere).update(used)
    added = own - elsewhere
    return tuple(s for s in dataset.series if s.series_id not in added)


def score_corpus(
    corpus: Path, series_keys: dict[str, SeriesKey], dataset: CuratedDataset
) -> list[CorpusScore]:
    """Propose every ``<slug>.txt`` of ``corpus`` that has a key, with its date from the
    corpus README, and score it against its key. A report already curated here (its id is
    its slug) is proposed as it was first met: its own facts unseen and the series its
    curation added left out of the registry (:func:`registry_before`)."""
    dates = corpus_dates((corpus / "README.md").read_text(encoding="utf-8"))
    scores = []
    for key_path in sorted(corpus.glob("*.key.csv")):
        slug = key_path.name.removesuffix(".key.csv")
        started = time.perf_counter()
        document = read_document(corpus / f"{slug}.txt")
        registry = registry_before(dataset, slug)
        draft = propose(document, slug, registry, first_year(dataset, slug), dates.get(slug))
        seconds = time.perf_counter() - started
        known = frozenset(s.series_id for s in registry)
        expected = SeriesKey(series_keys[slug].rows if slug in series_keys else {}, known)
        score = score_against_key(
            draft, read_key(key_path), document.text, expected, seconds=seconds
        )
        score.date = dates.get(slug)
        scores.append(score)
    return scores
