"""The curated records as the ETL sees them after loading, before any normalization.

Every field keeps the text as the curator wrote it (``value_text`` is "4.5 billion", not 4.5e9):
normalization is a separate step so that validation can point at the exact text that is wrong,
and so that citation verification can look for the number *as written* in the quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

QUALIFIERS: tuple[str, ...] = (
    "reported",
    "approximate",
    "lower_bound",
    "upper_bound",
    "range",
    "forecast",
    "derived",
)
"""Closed vocabulary (docs/data-model.md). ``derived`` is reserved for values the ETL computes."""

CURATED_QUALIFIERS: tuple[str, ...] = tuple(q for q in QUALIFIERS if q != "derived")

CURRENCIES: tuple[str, ...] = ("USD", "EUR", "RUB", "BYN", "BYR", "UAH", "CNY", "PLN")
"""Currencies by ISO 4217 code. BYR is the Belarusian rouble before the 2016 redenomination
(10,000 BYR = 1 BYN): figures stay in the currency the document states, never redenominated."""
PRICE_UNITS: tuple[str, ...] = (
    "USD per tonne",
    "USD per barrel",
    "USD per thousand cubic metres",
    "EUR per tonne",
)
"""Prices: a currency per unit of a good (oil per tonne or barrel, gas per 1,000 cubic metres)."""
UNITS: tuple[str, ...] = (
    *CURRENCIES,
    "percent",
    "percentage points",
    "times",
    "fraction",
    "persons",
    "count",
    "tonnes",
    "barrels",
    "barrels per day",
    "tonnes per year",
    "cubic metres",
    "cubic metres per year",
    "rank",
    *PRICE_UNITS,
)
"""Base units. Money is in currency units (dollars, not billions); shares in percent points;
a change in percentage points (a rate's difference) apart from a percent change; "times" a
multiple ("quadrupled" is 4 times); "fraction" a part of a whole written as one ("three
quarters")."""

MEASURES: tuple[str, ...] = ("level", "share", "change", "flow", "index")
"""level: a stock or state at a date; flow: an amount over a period; share: a part of a whole;
change: a change against a base period; index: a level against a base period set to 100
("100.9% in comparable prices")."""
TOPICS: tuple[str, ...] = (
    "economy",
    "trade",
    "energy",
    "subsidies",
    "debt",
    "politics",
    "security",
    "opinion",
)
FLOWS: tuple[str, ...] = ("exports", "imports", "turnover", "balance")
DIRECTIONS: tuple[str, ...] = ("increase", "decrease")
STATISTICS: tuple[str, ...] = ("Belarusian", "Ukrainian", "other", "not stated")
"""Whose national statistics a trade figure reports; "not stated" when the document does not say."""
CLAIM_KINDS: tuple[str, ...] = ("peak", "trough", "higher_than", "lower_than")
"""Comparative statements the ETL checks against the levels of every document."""

PUBLISHED_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
LANGUAGES: tuple[str, ...] = ("en", "ru", "uk")
"""The languages the intake reads and the ETL parses figures in."""


@dataclass(frozen=True)
class Location:
    """Where a record sits in the curated tree, so every error message can name it."""

    file: str
    entry: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}"


@dataclass(frozen=True)
class SourceRecord:
    """The bibliographic record of one document. Uncertain details are said, never guessed."""

    location: Location
    source_id: str
    title: str
    authors: tuple[str, ...]
    publisher: str
    published: str | None
    url: str | None
    text_sha256: str | None
    container: str | None = None
    notes: tuple[str, ...] = ()
    written: str | None = None
    language: str | None = None
    """The document's language ("en", "ru", "uk"): how its figures are written ("19,407" is
    nineteen thousand in English, nineteen and a bit in Russian)."""

    @property
    def date_text(self) -> str:
        """The document's date: when it was published, else when it was written."""
        return self.published or self.written or ""

    @property
    def date_basis(self) -> str:
        return "published" if self.published else "written"


@dataclass(frozen=True)
class CuratedFact:
    """One number a document states, exactly as the curator transcribed it."""

    location: Location
    fact_id: str
    source_id: str
    series_id: str
    period_text: str
    value_text: str | None
    low_text: str | None
    high_text: str | None
    unit: str
    qualifier: str
    locator: str
    evidence: str
    note: str | None = None
    direction: str | None = None
    base_period_text: str | None = None
    see_also: tuple[str, ...] = ()
    wording: str | None = None
    statistics_from: str | None = None
    statistics_basis: str | None = None
    converts: str | None = None
    sign: str | None = None
    """"-" for a figure the document states as negative without a minus: a deficit, a
    negative balance ("a deficit of $554 million" is −554 million). Changes say it with
    ``direction``."""

    @property
    def obs_id(self) -> str:
        """Stable id: the source slug plus the curator's fact id, unique across the dataset."""
        return f"{self.source_id}/{self.fact_id}"

    @property
    def numbers_as_written(self) -> tuple[str, ...]:
        """The written figures the evidence quote must contain (both ends of a range)."""
        return tuple(t for t in (self.value_text, self.low_text, self.high_text) if t)


@dataclass(frozen=True)
class CuratedEvent:
    """A dated event that charts annotate; cited like any number."""

    location: Location
    event_id: str
    source_id: str
    date_text: str
    label: str
    locator: str
    evidence: str
    note: str | None = None

    @property
    def obs_id(self) -> str:
        return f"{self.source_id}/{self.event_id}"


@dataclass(frozen=True)
class CuratedClaim:
    """A comparative statement ("reached its peak in 2021"), cited like a fact and checked
    against the levels of every document for the same series."""

    location: Location
    claim_id: str
    source_id: str
    kind: str
    series_id: str
    period_text: str
    than_text: str | None
    locator: str
    evidence: str
    note: str | None = None

    @property
    def obs_id(self) -> str:
        return f"{self.source_id}/{self.claim_id}"


@dataclass(frozen=True)
class CuratedStatement:
    """What a document says in words, with no figure to check ("it condemned the independent
    movements by defending the territorial integrity of Ukraine"), cited like an event: one side
    of a disagreement between documents."""

    location: Location
    statement_id: str
    source_id: str
    locator: str
    evidence: str
    note: str | None = None

    @property
    def obs_id(self) -> str:
        return f"{self.source_id}/{self.statement_id}"


@dataclass(frozen=True)
class CuratedDisagreement:
    """Two documents saying incompatible things in words: this document's fact, event, claim or
    statement (``statement``, its own id) against another document's (``versus``,
    ``<source_id>/<id>``). The dataset shows both quotes side by side and decides neither."""

    location: Location
    disagreement_id: str
    source_id: str
    about: str
    statement: str
    versus: str
    note: str | None = None

    @property
    def obs_id(self) -> str:
        return f"{self.source_id}/{self.disagreement_id}"

    @property
    def cited_id(self) -> str:
        """This document's side, as a dataset-wide id."""
        return f"{self.source_id}/{self.statement}"


@dataclass(frozen=True)
class Dismissal:
    """A numeric mention in a text that is deliberately not a fact, and why."""

    location: Location
    mention: str
    context: str
    reason: str


@dataclass(frozen=True)
class CuratedSource:
    """One curated document file: its record, facts, events, claims, statements, disagreements
    and dismissed mentions."""

    record: SourceRecord
    facts: tuple[CuratedFact, ...] = ()
    events: tuple[CuratedEvent, ...] = ()
    dismissed: tuple[Dismissal, ...] = ()
    claims: tuple[CuratedClaim, ...] = ()
    statements: tuple[CuratedStatement, ...] = ()
    disagreements: tuple[CuratedDisagreement, ...] = ()

    def cited(self) -> tuple[CuratedFact | CuratedEvent | CuratedClaim | CuratedStatement, ...]:
        """Every entry that quotes the text: what a disagreement may set against another's."""
        return (*self.facts, *self.events, *self.claims, *self.statements)


@dataclass(frozen=True)
class SeriesDefinition:
    """What a series means; every fact must name one of these."""

    location: Location
    series_id: str
    title: str
    unit: str
    measure: str
    topic: str
    description: str
    reporter: str | None = None
    partner: str | None = None
    flow: str | None = None
    change_of: str | None = None
    indicator: str | None = None
    """What is measured, in the intake's closed vocabulary (snake_case: ``trade``, ``gdp``,
    ``external_state_debt``): with reporter, partner, flow, product, measure and unit, the
    dimensions a figure must agree on to join the series. Required in series.yaml."""
    product: str | None = None
    """What goods a flow or price is of (``goods``, ``gasoline``, ``oil``), when the series
    names one; a series that names none takes a figure whatever its product."""


@dataclass(frozen=True)
class CuratedDataset:
    """Everything under ``datasets/curated/``, loaded and structurally valid."""

    series: tuple[SeriesDefinition, ...]
    sources: tuple[CuratedSource, ...]
    inputs_sha256: str = ""
    files: tuple[str, ...] = field(default=())
