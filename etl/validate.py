"""Check what curated values mean: known series, units, qualifiers; readable periods and values;
evidence that contains its number; no duplicates; no reference to a source that does not exist.

Every problem is collected (file, entry, problem, fix) so one run shows the curator all of them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import PurePosixPath

from etl.canonical import find_number, normalize_text, numeric_core
from etl.intake.grammar.quantities import Quantity, find_quantities
from etl.intervals import domain_of, wording_by_phrase
from etl.model import (
    CLAIM_KINDS,
    CURATED_QUALIFIERS,
    DIRECTIONS,
    FLOWS,
    LANGUAGES,
    MEASURES,
    QUALIFIERS,
    STATISTICS,
    TOPICS,
    UNITS,
    CuratedDataset,
    CuratedDisagreement,
    CuratedFact,
    SeriesDefinition,
)
from etl.normalize import NormalizationError, Period, ValueTooLarge, parse_period, parse_value
from etl.observations import NO_WORDING, fact_wording
from etl.problems import CuratedDataError, Problem

SERIES_ID = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")
INDICATOR = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
"""An indicator is one snake_case word of the intake's vocabulary (``external_state_debt``)."""
TRADE_INDICATOR = "trade"
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_EVIDENCE_WORDS = 30
"""The contract asks for quotes of at most ~25 words; 30 leaves room for a number's context."""
MAX_VALUE = 1e18
"""The largest figure (in base units, its scale word applied) the dataset takes: a quintillion.
No indicator here comes near it (Russia's GDP in rubles is about 2e14), so a larger value is a
wrong digit or scale word; and the checks and their explanations compute with every figure
(sums, ratios, a figure ten or a thousand times larger), which near the largest float (about
1.8e308) would overflow to inf and nan."""
_TOO_LARGE_FIX = (
    "write the figure as the document does: no indicator comes near this, so the digits or "
    "the scale word are wrong"
)


def contains_number(text: str, number_as_written: str) -> bool:
    """Whether the figure as written ('4.5 billion', 'five') occurs in the text as a whole token."""
    return bool(find_number(numeric_core(number_as_written), normalize_text(text)))


def _problem(location, message: str, fix: str) -> Problem:
    return Problem(location.file, location.entry, message, fix)


def validate_series(series: tuple[SeriesDefinition, ...]) -> list[Problem]:
    problems: list[Problem] = []
    ids = Counter(s.series_id for s in series)
    known = set(ids)
    for s in series:
        where = s.location
        if ids[s.series_id] > 1:
            problems.append(_problem(where, f"duplicate series id '{s.series_id}'", "rename one"))
        if not SERIES_ID.fullmatch(s.series_id):
            problems.append(
                _problem(
                    where,
                    f"series id '{s.series_id}' is not a dotted slug",
                    "e.g. trade.by_ua.turnover",
                )
            )
        for field, value, allowed in (
            ("unit", s.unit, UNITS),
            ("measure", s.measure, MEASURES),
            ("topic", s.topic, TOPICS),
        ):
            if value not in allowed:
                problems.append(
                    _problem(
                        where, f"unknown {field} '{value}'", f"use one of: {', '.join(allowed)}"
                    )
                )
        if s.flow is not None and s.flow not in FLOWS:
            problems.append(
                _problem(where, f"unknown flow '{s.flow}'", f"use one of: {', '.join(FLOWS)}")
            )
        problems.extend(_dimension_problems(s))
        if s.change_of is not None and s.change_of not in known:
            problems.append(
                _problem(
                    where,
                    f"change_of names an unknown series '{s.change_of}'",
                    "set change_of to an existing series id, or remove it",
                )
            )
        if s.measure != "change" and s.change_of is not None:
            problems.append(_problem(where, "change_of is only for change series", "remove it"))
    problems.extend(_duplicate_dimensions(series))
    return problems


DIMENSIONS = ("reporter", "partner", "indicator", "flow", "product", "measure", "unit")
"""What a series is: a figure joins the one series whose every dimension it agrees with."""


def _duplicate_dimensions(series: tuple[SeriesDefinition, ...]) -> list[Problem]:
    """Two series with the same dimensions would split one indicator's figures between them at
    random, so the registry refuses them — unless they are siblings whose ids differ only in
    their last word, which names what the dimensions cannot (a tariff change ``…_proposed``
    and ``…_agreed``)."""
    seen: dict[tuple, SeriesDefinition] = {}
    problems: list[Problem] = []
    for s in series:
        if s.indicator is None:
            continue
        key = (*(getattr(s, name, None) for name in DIMENSIONS), s.change_of)
        first = seen.setdefault(key, s)
        if first is not s and not _told_apart(first, s):
            problems.append(
                _problem(
                    s.location,
                    f"series '{s.series_id}' has the same dimensions as '{first.series_id}' "
                    f"({', '.join(f'{n} {getattr(s, n, None)}' for n in DIMENSIONS)})",
                    "merge them, or set the dimension that tells them apart (partner, flow, "
                    "product, measure or unit)",
                )
            )
    return problems


def _told_apart(first: SeriesDefinition, second: SeriesDefinition) -> bool:
    """Siblings declared distinct on purpose: ids equal but for their last word."""
    return first.series_id.rsplit("_", 1)[0] == second.series_id.rsplit("_", 1)[0]


def _dimension_problems(s: SeriesDefinition) -> list[Problem]:
    """What the intake matches figures on must be readable: a snake_case indicator (series.yaml
    requires one; the loader says so when it is missing), the flow of a trade series (exports
    and imports of one pair are different series), a named product."""
    problems: list[Problem] = []
    where = s.location
    if s.indicator is not None and not INDICATOR.fullmatch(s.indicator):
        problems.append(
            _problem(
                where,
                f"indicator '{s.indicator}' is not a snake_case word",
                "name what is measured, e.g. indicator: external_state_debt",
            )
        )
    if s.indicator == TRADE_INDICATOR and s.flow is None:
        problems.append(
            _problem(
                where,
                "a trade series names its flow",
                f"add flow: one of {', '.join(FLOWS)}",
            )
        )
    if s.product is not None and not s.product.strip():
        problems.append(_problem(where, "product is empty", "name the goods, or remove it"))
    return problems


def _is_trade_amount(definition: SeriesDefinition | None) -> bool:
    """A trade flow's amount or its change: the figures whose reporter matters, because one
    country's exports and its partner's imports of the same goods are different statistics.
    A fuel delivery, or a share or rank of a flow, names its flow without being one."""
    if definition is None or definition.flow is None:
        return False
    return definition.indicator in (None, TRADE_INDICATOR) and definition.measure in (
        "flow",
        "change",
    )


def _check_value(fact: CuratedFact, problems: list[Problem], language: str | None = None) -> None:
    """A fact's value (or range) reads as a number in its source's language, within bounds."""
    where = fact.location
    if fact.qualifier == "range":
        if fact.value_text or not (fact.low_text and fact.high_text):
            problems.append(
                _problem(
                    where, "a range needs 'low' and 'high' and no 'value'", "write low: and high:"
                )
            )
    elif not fact.value_text or fact.low_text or fact.high_text:
        problems.append(
            _problem(
                where,
                f"a '{fact.qualifier}' fact needs 'value' (and no low/high)",
                "write value: as the document does, e.g. '4.5 billion'",
            )
        )
    parsed = []
    for key, text in (("value", fact.value_text), ("low", fact.low_text), ("high", fact.high_text)):
        if text is None:
            continue
        try:
            value = parse_value(text, fact.unit, language).value
        except ValueTooLarge as error:
            problems.append(_problem(where, f"{key} {error}", _TOO_LARGE_FIX))
            continue
        except NormalizationError as error:
            problems.append(_problem(where, f"unparseable {key}: {error}", "fix the figure"))
            continue
        if abs(value) > MAX_VALUE:
            shown = text if len(text) <= 40 else f"{text[:20]}…{text[-15:]}"
            problems.append(
                _problem(
                    where,
                    f"{key} {shown!r} is {value:.2g}, above the largest figure the dataset takes "
                    f"({MAX_VALUE:.0e})",
                    _TOO_LARGE_FIX,
                )
            )
            continue
        parsed.append(value)
    if fact.qualifier == "range" and len(parsed) == 2 and parsed[0] > parsed[1]:
        problems.append(_problem(where, "range low is above high", "swap low and high"))


def _check_evidence(
    fact_location,
    evidence: str,
    numbers: tuple[str, ...],
    problems: list[Problem],
    unit: str = "",
    language: str | None = None,
) -> None:
    if not evidence:
        return  # the loader has already reported the empty or missing key
    words = len(evidence.split())
    if words > MAX_EVIDENCE_WORDS:
        problems.append(
            _problem(
                fact_location,
                f"evidence is {words} words long (limit {MAX_EVIDENCE_WORDS})",
                "quote only the clause that states the number",
            )
        )
    for number in numbers:
        if not quote_states(evidence, number, unit, language):
            problems.append(
                _problem(
                    fact_location,
                    f"evidence does not contain the number as written ('{number}')",
                    "quote the words that state this number, or correct the value",
                )
            )


def _check_sign(
    where, fact: CuratedFact, definition: SeriesDefinition | None, problems: list[Problem]
) -> None:
    """A sign is "-" or "+", on a figure its series lets be negative (a balance); a change says
    its direction instead."""
    if fact.sign is None:
        return
    if fact.sign not in ("+", "-"):
        problems.append(_problem(where, f"sign '{fact.sign}' is not + or -", "write sign: '-'"))
    elif definition is not None and definition.measure == "change":
        problems.append(
            _problem(where, "a change says its sign with 'direction'", "write direction instead")
        )
    elif (
        definition is not None
        and domain_of(definition.unit, definition.measure, definition.flow).low >= 0
    ):
        problems.append(
            _problem(
                where,
                f"series '{definition.series_id}' cannot be negative",
                "remove 'sign', or file the figure under a balance",
            )
        )


def quote_states(evidence: str, number: str, unit: str = "", language: str | None = None) -> bool:
    """Whether the quote states ``number``: as written, or as the intake's grammar reads it
    ("Thirty-three percent" states 33, "quadrupled" 4, "¾" 3/4, "1 млрд 607 млн" 1607 млн)."""
    if contains_number(evidence, number):
        return True
    try:
        wanted = parse_value(number, unit, language).value
    except NormalizationError:
        return False
    for item in find_quantities(evidence, language or "en"):
        if isinstance(item, Quantity):
            for found in (item.number, item.low, item.high):
                if found is not None and math.isclose(
                    float(found) * item.scale, wanted, rel_tol=1e-9
                ):
                    return True
    return False


def validate_facts(
    dataset: CuratedDataset, series_by_id: dict[str, SeriesDefinition]
) -> list[Problem]:
    problems: list[Problem] = []
    all_fact_ids = {f.obs_id for src in dataset.sources for f in src.facts}
    writing_ends = {s.record.source_id: _time_of_writing(s.record) for s in dataset.sources}
    for source in dataset.sources:
        fact_ids = Counter(f.fact_id for f in source.facts)
        first_by_key: dict[tuple[str, str], str] = {}
        for fact in source.facts:
            where = fact.location
            if fact_ids[fact.fact_id] > 1:
                problems.append(
                    _problem(
                        where, f"duplicate fact id '{fact.fact_id}'", "give each fact its own id"
                    )
                )
            if not SLUG.fullmatch(fact.fact_id):
                problems.append(
                    _problem(
                        where, f"fact id '{fact.fact_id}' is not a slug", "use lower-case-words"
                    )
                )
            definition = series_by_id.get(fact.series_id)
            if definition is None:
                problems.append(
                    _problem(
                        where,
                        f"unknown series '{fact.series_id}'",
                        "define it in series.yaml or fix the id",
                    )
                )
            if fact.unit not in UNITS:
                problems.append(
                    _problem(
                        where, f"unknown unit '{fact.unit}'", f"use one of: {', '.join(UNITS)}"
                    )
                )
            elif definition is not None and fact.unit != definition.unit:
                problems.append(
                    _problem(
                        where,
                        f"unit '{fact.unit}' differs from series unit '{definition.unit}'",
                        "convert nothing by hand: use the series for this unit",
                    )
                )
            if fact.qualifier not in CURATED_QUALIFIERS:
                hint = " ('derived' is set by the ETL only)" if fact.qualifier in QUALIFIERS else ""
                problems.append(
                    _problem(
                        where,
                        f"unknown qualifier '{fact.qualifier}'{hint}",
                        f"use one of: {', '.join(CURATED_QUALIFIERS)}",
                    )
                )
            try:
                period = parse_period(fact.period_text).label
                first = first_by_key.setdefault((fact.series_id, period), fact.fact_id)
                if first != fact.fact_id:
                    problems.append(
                        _problem(
                            where,
                            f"duplicate fact: {fact.series_id} {period} "
                            f"is already stated by {first}",
                            "keep one fact per series and period; dismiss restatements",
                        )
                    )
            except NormalizationError as error:
                problems.append(_problem(where, f"unparseable period: {error}", "fix the period"))
            _check_value(fact, problems, source.record.language)
            _check_evidence(
                where,
                fact.evidence,
                fact.numbers_as_written,
                problems,
                fact.unit,
                source.record.language,
            )
            _check_wording(fact, problems)
            _check_statistics(fact, definition, problems)
            _check_within_writing(fact, writing_ends.get(source.record.source_id), problems)
            is_change = definition is not None and definition.measure == "change"
            if is_change:
                if fact.direction not in DIRECTIONS:
                    problems.append(
                        _problem(
                            where,
                            "a stated change needs 'direction'",
                            "write direction: increase|decrease",
                        )
                    )
                if not fact.base_period_text and definition.change_of:
                    problems.append(
                        _problem(
                            where,
                            "a stated change needs 'base_period'",
                            "write the period it compares with",
                        )
                    )
                elif fact.base_period_text:
                    try:
                        parse_period(fact.base_period_text)
                    except NormalizationError as error:
                        problems.append(
                            _problem(where, f"unparseable base_period: {error}", "fix it")
                        )
            elif fact.direction or fact.base_period_text:
                problems.append(
                    _problem(
                        where, "direction/base_period apply only to change series", "remove them"
                    )
                )
            _check_sign(where, fact, definition, problems)
            for reference in fact.see_also:
                if reference not in all_fact_ids:
                    target = reference.split("/")[0]
                    known_sources = {s.record.source_id for s in dataset.sources}
                    what = "source" if target not in known_sources else "fact"
                    problems.append(
                        _problem(
                            where,
                            f"see_also '{reference}' names a {what} that does not exist",
                            "use <source_id>/<fact_id> of an existing fact",
                        )
                    )
    return problems


def _check_wording(fact: CuratedFact, problems: list[Problem]) -> None:
    """The qualifier must say what the words before the figure say ("nearly" → upper_bound)."""
    where = fact.location
    explicit = fact.wording
    if explicit and fact.qualifier == "range" and explicit.lower() != NO_WORDING:
        problems.append(
            _problem(
                where,
                f"wording '{explicit}' on a range: a range's interval is its two ends",
                "remove 'wording:', or state the figure as one value with its wording",
            )
        )
        return
    if explicit and explicit.lower() != NO_WORDING and wording_by_phrase(explicit) is None:
        problems.append(
            _problem(
                where,
                f"unknown wording '{explicit}'",
                "name a hedging phrase from docs/data-model.md, or 'none'",
            )
        )
        return
    if fact.qualifier == "range" or not fact.value_text or not fact.evidence:
        return
    found = fact_wording(fact)
    if found is None:
        if fact.qualifier in ("approximate", "lower_bound", "upper_bound"):
            problems.append(
                _problem(
                    where,
                    f"qualifier '{fact.qualifier}' but the quote has no hedging word before "
                    f"'{fact.value_text}'",
                    "use 'reported', or name the wording with 'wording:' if it sits elsewhere",
                )
            )
        return
    phrase, wording = found
    if fact.qualifier != wording.qualifier:
        problems.append(
            _problem(
                where,
                f"the quote says '{phrase} {fact.value_text}', which is '{wording.qualifier}', "
                f"not '{fact.qualifier}'",
                f"set qualifier: {wording.qualifier} (or 'wording: none' if '{phrase}' does "
                "not hedge the figure)",
            )
        )


def _check_statistics(
    fact: CuratedFact, definition: SeriesDefinition | None, problems: list[Problem]
) -> None:
    """Trade figures say whose statistics they report, and why when it is inferred."""
    where = fact.location
    if fact.statistics_from is not None and fact.statistics_from not in STATISTICS:
        problems.append(
            _problem(
                where,
                f"unknown statistics_from '{fact.statistics_from}'",
                f"use one of: {', '.join(STATISTICS)}",
            )
        )
    if _is_trade_amount(definition) and fact.statistics_from is None:
        problems.append(
            _problem(
                where,
                "a trade figure needs 'statistics_from'",
                f"write whose statistics it reports: {', '.join(STATISTICS)}",
            )
        )
    if fact.statistics_from not in (None, "not stated") and not fact.statistics_basis:
        problems.append(
            _problem(
                where,
                f"statistics_from '{fact.statistics_from}' needs 'statistics_basis'",
                "say where the document says so, or why it is inferred",
            )
        )


def _time_of_writing(record) -> Period | None:
    try:
        return parse_period(record.written or record.published or "")
    except NormalizationError:
        return None


def _check_within_writing(
    fact: CuratedFact, writing: Period | None, problems: list[Problem]
) -> None:
    """A reported figure cannot cover time after its document was written; a forecast may."""
    if writing is None or fact.qualifier == "forecast":
        return
    try:
        period = parse_period(fact.period_text)
    except NormalizationError:
        return  # reported with the other period problems
    if period.is_dated and period.end > writing.end:
        problems.append(
            _problem(
                fact.location,
                f"period {period.label} runs past the document's time of writing ({writing.label})",
                "date the figure no later than the writing, or mark it a forecast",
            )
        )


def validate_claims(
    dataset: CuratedDataset, series_by_id: dict[str, SeriesDefinition]
) -> list[Problem]:
    """Claims: known kind and series, unique ids, a quote within the length limit.

    Whether a document covers the claimed periods is checked once the levels are derived
    (``etl.claims``), because a claimed level may itself be derived.
    """
    problems: list[Problem] = []
    for source in dataset.sources:
        ids = Counter(c.claim_id for c in source.claims)
        fact_ids = {f.fact_id for f in source.facts}
        for claim in source.claims:
            where = claim.location
            if ids[claim.claim_id] > 1 or claim.claim_id in fact_ids:
                problems.append(
                    _problem(
                        where, f"duplicate id '{claim.claim_id}'", "give each claim its own id"
                    )
                )
            if not SLUG.fullmatch(claim.claim_id):
                problems.append(
                    _problem(
                        where, f"claim id '{claim.claim_id}' is not a slug", "use lower-case-words"
                    )
                )
            if claim.kind not in CLAIM_KINDS:
                problems.append(
                    _problem(
                        where,
                        f"unknown claim kind '{claim.kind}'",
                        f"use one of: {', '.join(CLAIM_KINDS)}",
                    )
                )
            if claim.series_id not in series_by_id:
                problems.append(
                    _problem(
                        where,
                        f"claim names an unknown series '{claim.series_id}'",
                        "define it in series.yaml or fix the id",
                    )
                )
            _check_evidence(where, claim.evidence, (), problems)
    return problems


def validate_disagreements(dataset: CuratedDataset) -> list[Problem]:
    """Statements and disagreements: slug ids no other entry of the document uses, quotes within
    the length limit, and references that resolve. A disagreement sets this document's fact,
    event, claim or statement against another document's; a statement is only ever the side of a
    disagreement (it has no figure, date or series of its own to be published by)."""
    problems: list[Problem] = []
    cited = {
        source.record.source_id: {entry.obs_id.split("/", 1)[1] for entry in source.cited()}
        for source in dataset.sources
    }
    sides = {
        side
        for source in dataset.sources
        for disagreement in source.disagreements
        for side in (disagreement.cited_id, disagreement.versus)
    }
    for source in dataset.sources:
        source_id = source.record.source_id
        ids = Counter(entry.obs_id.split("/", 1)[1] for entry in source.cited())
        for statement in source.statements:
            where = statement.location
            if ids[statement.statement_id] > 1:
                problems.append(
                    _problem(
                        where,
                        f"duplicate id '{statement.statement_id}'",
                        "give each fact, event, claim and statement of a document its own id",
                    )
                )
            if not SLUG.fullmatch(statement.statement_id):
                problems.append(
                    _problem(
                        where,
                        f"statement id '{statement.statement_id}' is not a slug",
                        "use lower-case-words",
                    )
                )
            _check_evidence(where, statement.evidence, (), problems)
            if statement.obs_id not in sides:
                problems.append(
                    _problem(
                        where,
                        f"statement '{statement.statement_id}' is the side of no disagreement",
                        "name it in a disagreement ('statement:' in this document, or 'versus:' "
                        "in another), or remove it",
                    )
                )
        pairs: dict[frozenset[str], str] = {}
        seen = Counter(d.disagreement_id for d in source.disagreements)
        for disagreement in source.disagreements:
            where = disagreement.location
            if seen[disagreement.disagreement_id] > 1:
                problems.append(
                    _problem(
                        where,
                        f"duplicate disagreement id '{disagreement.disagreement_id}'",
                        "give each disagreement its own id",
                    )
                )
            if not SLUG.fullmatch(disagreement.disagreement_id):
                problems.append(
                    _problem(
                        where,
                        f"disagreement id '{disagreement.disagreement_id}' is not a slug",
                        "use lower-case-words",
                    )
                )
            if disagreement.statement not in cited[source_id]:
                problems.append(
                    _problem(
                        where,
                        f"statement '{disagreement.statement}' names no fact, event, claim or "
                        "statement of this document",
                        "use the id of one of this document's entries (add it under "
                        "'statements:' if the text states it in words)",
                    )
                )
            problems += _versus_problems(disagreement, source_id, cited)
            pair = frozenset((disagreement.cited_id, disagreement.versus))
            first = pairs.setdefault(pair, disagreement.disagreement_id)
            if first != disagreement.disagreement_id:
                problems.append(
                    _problem(
                        where,
                        f"the same two entries are already set against each other by '{first}'",
                        "keep one of the two disagreements",
                    )
                )
    return problems


def _versus_problems(
    disagreement: CuratedDisagreement, source_id: str, cited: dict[str, set[str]]
) -> list[Problem]:
    """``versus`` names another document's fact, event, claim or statement as <source_id>/<id>."""
    where = disagreement.location
    other, _, entry = disagreement.versus.partition("/")
    if not entry:
        return [
            _problem(
                where,
                f"versus '{disagreement.versus}' is not <source_id>/<id>",
                "name another document's fact, event, claim or statement, e.g. "
                "moshes-nizhnikau-2018/un-vote-territorial-integrity-2014",
            )
        ]
    if other == source_id:
        return [
            _problem(
                where,
                f"versus '{disagreement.versus}' is in this same document: a disagreement is "
                "between two documents",
                "name another document's entry (a document at odds with itself is a finding "
                "for a fact's note)",
            )
        ]
    if other not in cited:
        return [
            _problem(
                where,
                f"versus '{disagreement.versus}' names a source that does not exist",
                "use the id of a curated source (its file name)",
            )
        ]
    if entry not in cited[other]:
        return [
            _problem(
                where,
                f"versus '{disagreement.versus}' names no fact, event, claim or statement of "
                f"{other}",
                f"use the id of one of {other}'s entries (add it under its 'statements:' if "
                "the text states it in words)",
            )
        ]
    return []


def validate_sources(dataset: CuratedDataset) -> list[Problem]:
    problems: list[Problem] = []
    ids = Counter(s.record.source_id for s in dataset.sources)
    first_with_text: dict[str, str] = {}
    for source in dataset.sources:
        record = source.record
        where = record.location
        stem = PurePosixPath(where.file).stem
        sha = (record.text_sha256 or "").lower()
        if sha and first_with_text.setdefault(sha, record.source_id) != record.source_id:
            problems.append(
                _problem(
                    where,
                    f"the same text as source '{first_with_text[sha]}' (text_sha256): one "
                    "document added twice, its figures counted twice",
                    f"keep one of the two files; remove {where.file}, or correct its text_sha256",
                )
            )
        if record.source_id != stem:
            problems.append(
                _problem(
                    where,
                    f"source id '{record.source_id}' does not match the file name '{stem}': "
                    "its facts would cite a source that does not exist",
                    f"rename the file to {record.source_id}.yaml or set id: {stem}",
                )
            )
        if ids[record.source_id] > 1:
            problems.append(
                _problem(where, f"duplicate source id '{record.source_id}'", "rename one")
            )
        if not SLUG.fullmatch(record.source_id):
            problems.append(
                _problem(
                    where, f"source id '{record.source_id}' is not a slug", "use lower-case-words"
                )
            )
        if not record.published and not record.written:
            problems.append(
                _problem(
                    where,
                    "no date: neither 'published' nor 'written'",
                    "add published: (as printed) or written: (when the text shows it was written)",
                )
            )
        for key, text in (("published", record.published), ("written", record.written)):
            if not text:
                continue
            try:
                kind = parse_period(text).kind
            except NormalizationError as error:
                problems.append(
                    _problem(
                        where, f"unparseable {key} date: {error}", "write 2018-12 or 2020-08-03"
                    )
                )
                continue
            if key == "published" and kind in ("interval", "undated"):
                problems.append(
                    _problem(where, "published is not one date", "write one date: 2018-12, 2024")
                )
        if record.text_sha256 is not None and not SHA256.fullmatch(record.text_sha256):
            problems.append(
                _problem(where, "text_sha256 is not 64 hex digits", "paste `sha256sum` output")
            )
        if not record.authors and not record.notes:
            problems.append(
                _problem(
                    where, "no authors and no note saying they are unknown", "add authors or a note"
                )
            )
        if record.language is not None and record.language not in LANGUAGES:
            problems.append(
                _problem(
                    where,
                    f"language '{record.language}' is not one the ETL reads figures in",
                    f"write one of {', '.join(LANGUAGES)}, or leave it out for English",
                )
            )
        event_ids = Counter(e.event_id for e in source.events)
        for event in source.events:
            if event_ids[event.event_id] > 1:
                problems.append(
                    _problem(event.location, f"duplicate event id '{event.event_id}'", "rename one")
                )
            try:
                parse_period(event.date_text)
            except NormalizationError as error:
                problems.append(
                    _problem(event.location, f"unparseable date: {error}", "fix the date")
                )
            _check_evidence(event.location, event.evidence, (), problems)
        for dismissal in source.dismissed:
            _check_evidence(dismissal.location, dismissal.context, (), problems)
            if not contains_number(dismissal.context, dismissal.mention):
                problems.append(
                    _problem(
                        dismissal.location,
                        f"context does not contain the mention '{dismissal.mention}'",
                        "quote the words around the dismissed number",
                    )
                )
    return problems


def validate_dataset(dataset: CuratedDataset) -> None:
    """Raise CuratedDataError with every semantic problem; return silently when all is well."""
    series_by_id = {s.series_id: s for s in dataset.series}
    problems = validate_series(dataset.series)
    problems += validate_sources(dataset)
    problems += validate_facts(dataset, series_by_id)
    problems += validate_claims(dataset, series_by_id)
    problems += validate_disagreements(dataset)
    if problems:
        raise CuratedDataError(problems)
