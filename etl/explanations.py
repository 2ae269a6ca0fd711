"""Hypotheses for failed checks, and caveats on values built from figures the checks doubt.

Failed checks that share a stated figure form a group. For each group the ETL tries what a
careful reader of the document would:

* **a slip in one figure** — a dropped or extra zero, one digit mistyped;
* **a base from other statistics** — the base-period level the document's own stated change
  implies. When the change reports one country's statistics and the stated level another's
  (Ukraine's imports from Belarus against Belarus's exports to Ukraine), the stated level is
  kept for every check whose figures all report its own statistics, and the implied level read
  for the rest: the document then uses two reporters' statistics, and the hypothesis says so;
* **two of these together**, when each resolves a failure the other leaves;
* **a looser reading of a claim** — a peak or low refuted only by levels before some year may
  be loose, or count from after them; no figure changes.

Each correction is weighed against the text of the document it blames: a corrected figure that
reverses the order of the document's own figures ("$7.5 billion in 2012 and $5.8 billion in
2013") or breaks one of its own claims contradicts that text, and the hypothesis says so and
ranks after those that do not. The derived values and checks resting on the changed figures are
rebuilt, and the hypotheses ranked: failures resolved minus passing checks broken, then whether
the document's own text is contradicted, then how few changes, then how many failures resolved.
These are hypotheses, labelled so: the documents' figures are never changed.

The search stays small as documents are added: checks are indexed by the stated figures they
rest on, so a correction re-checks only what rests on its figure (a check comparing two figures
is rebuilt from those two alone); corrections are tried only on the figures of one failure group;
and only corrections that resolve more failures than they break on their own are paired, at
most :data:`MAX_PAIRED` of them per group.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import combinations

from etl.checks import PAIR_KINDS, WITHIN, Check, run_checks, said
from etl.derive import derive_all
from etl.describe import format_gap, format_interval, format_quantity
from etl.intervals import INF, Interval, level_before_change
from etl.model import CuratedClaim, CuratedDataset, CuratedFact, SeriesDefinition
from etl.normalize import Period, parse_period
from etl.observations import NO_WORDING, Observation, fact_to_observation

MAX_PER_GROUP = 5
"""Hypotheses kept per group: the best few, so the Quality page stays readable."""

MAX_PAIRED = 24
"""Single corrections of one group that are tried in pairs (the best ranked first): at most
276 joint rebuilds per group, however many documents state the figures."""

SLIP_KINDS = ("dropped zero", "extra zero", "one digit")
OTHER_BASE = "other base"
OTHER_STATISTICS = "other statistics"
CLAIM_READING = "claim reading"
KIND_ORDER = {
    "dropped zero": 0,
    "extra zero": 0,
    "one digit": 1,
    OTHER_STATISTICS: 2,
    OTHER_BASE: 2,
    CLAIM_READING: 0,
}

NOT_REBUILT = ("conversion_vs_reference_rate", "plausible_magnitude")
"""Checks a corrected figure is not re-run for: a conversion's reference is a dataset, and an
unusual figure contradicts nothing, so neither is resolved nor broken by a hypothesis."""


@dataclass(frozen=True)
class Correction:
    """One change a hypothesis makes to one stated figure."""

    kind: str
    obs_id: str
    written: str
    corrected: str
    variant: Observation
    change: Observation | None = None
    """For a base from other statistics: the stated change that implies it."""
    keeps_for: str | None = None
    """For a base from other statistics: the statistics the stated level is kept for."""
    implied_from: tuple[str, ...] = ()
    """The stated figures an implied base is computed from (never changed alongside it)."""

    size: float = 0.0
    """How far it moves the figure: the log of the ratio (infinite for a change to zero)."""


@dataclass(frozen=True)
class Hypothesis:
    hypothesis_id: str
    group: str
    rank: int
    kind: str
    obs_id: str
    written: str
    corrected: str
    resolves: tuple[str, ...]
    breaks: tuple[str, ...]
    group_checks: tuple[str, ...]
    text: str
    obs_ids: tuple[str, ...] = ()
    """Every figure (or, for a claim reading, the claim) the hypothesis changes or rereads; a
    joint hypothesis has two, and ``obs_id``, ``written`` and ``corrected`` join them with "; "."""
    contradicts: tuple[str, ...] = ()
    """What of its own document's text a corrected figure contradicts, in words."""
    statistics: tuple[str, ...] = ()
    """The reporters' statistics it needs, when a document would use two."""


def failure_groups(checks: list[Check], behind: Callable[[Check], set[str]]) -> list[list[Check]]:
    """Failed checks joined when they rest on a common stated figure (connected components).

    Conversions are left out: their reference is a dataset, not a figure a slip could change.
    A document contradicting itself and documents disagreeing are grouped apart, so each group's
    hypotheses answer one question.
    """
    failed = [c for c in checks if c.failed and not c.kind.startswith("conversion")]
    groups: list[list[Check]] = []
    figures: list[set[str]] = []
    for check in failed:
        mine = behind(check)
        joined = [
            i for i, f in enumerate(figures) if f & mine and groups[i][0].scope == check.scope
        ]
        merged_checks = [check] + [c for i in joined for c in groups[i]]
        merged_figures = mine.union(*(figures[i] for i in joined))
        for i in reversed(joined):
            del groups[i], figures[i]
        groups.append(sorted(merged_checks, key=lambda c: c.check_id))
        figures.append(merged_figures)
    return sorted(groups, key=lambda g: g[0].check_id)


def _digit_variants(text: str) -> Iterator[tuple[str, str]]:
    """(kind, corrected text): every single-digit change, and a zero added or dropped."""
    match = re.search(r"\d[\d.,]*", text)
    if not match:
        return
    number = match.group()
    start, end = match.span()
    for i, char in enumerate(number):
        if not char.isdigit():
            continue
        for digit in "0123456789":
            if digit != char and not (i == 0 and digit == "0"):
                yield "one digit", text[:start] + number[:i] + digit + number[i + 1 :] + text[end:]
    if "." not in number:
        yield "dropped zero", text[:start] + number + "0" + text[end:]
        if number.endswith("0") and len(number) > 1:
            yield "extra zero", text[:start] + number[:-1] + text[end:]


def _implied_bases(
    observation: Observation, stated: list[Observation], series: dict[str, SeriesDefinition]
) -> Iterator[tuple[Observation, Observation, Observation]]:
    """(change, current level, base) for every stated change of the same document on this
    level's period whose implied base the stated level does not fit."""
    for change in stated:
        definition = series.get(change.series_id)
        if (
            change.source_id != observation.source_id
            or change.base_period is None
            or definition is None
            or definition.change_of != observation.series_id
            or change.base_period.label != observation.period.label
        ):
            continue
        current = next(
            (
                o
                for o in stated
                if o.source_id == change.source_id
                and o.series_id == observation.series_id
                and o.period.label == change.period.label
            ),
            None,
        )
        if current is None:
            continue
        implied = level_before_change(current.interval, change.interval)
        if implied is None or implied.contains(observation.value):
            continue
        base = replace(
            observation,
            value=current.value / (1 + change.value / 100),
            interval=implied,
            value_text=f"the level implied by {change.obs_id}",
        )
        yield change, current, base


def _other_base_variants(
    observation: Observation, stated: list[Observation], series: dict[str, SeriesDefinition]
) -> Iterator[Observation]:
    """The base level a stated change of the same document implies, in place of the stated one."""
    for _, _, base in _implied_bases(observation, stated, series):
        yield base


def _reporter(o: Observation) -> str | None:
    """The country whose statistics a figure reports, when known."""
    return o.statistics_from if o.statistics_from not in (None, "not stated", "other") else None


def _variants(
    original: Observation,
    fact: CuratedFact | None,
    scope: list[Observation],
    series: dict[str, SeriesDefinition],
    language: str | None = None,
) -> Iterator[tuple[str, str, Observation]]:
    """(kind, corrected, variant): the slips of one digit or zero, and the other bases."""
    for correction in _corrections(original, fact, scope, series, language):
        yield correction.kind, correction.corrected, correction.variant


def _corrections(
    original: Observation,
    fact: CuratedFact | None,
    scope: list[Observation],
    series: dict[str, SeriesDefinition],
    language: str | None = None,
) -> Iterator[Correction]:
    """Every correction tried on one stated figure, read in its document's language."""
    written = original.value_text or ""
    if fact is not None and fact.value_text and fact.qualifier != "range":
        wording = original.wording or NO_WORDING  # the same words around a corrected figure
        for kind, text in _digit_variants(fact.value_text):
            corrected = replace(fact, value_text=text, wording=wording)
            variant = fact_to_observation(corrected, series[fact.series_id], language)
            yield Correction(
                kind, original.obs_id, written, text, variant, size=_size(original, variant)
            )
    unit = series[original.series_id].unit
    for change, current, base in _implied_bases(original, scope, series):
        implied_from = (change.obs_id, current.obs_id)
        theirs, ours = _reporter(change), _reporter(original)
        if theirs and ours and theirs != ours:
            variant = replace(base, statistics_from=theirs, statistics_basis="hypothesis")
            corrected = f"{theirs} statistics: {format_interval(base.interval, unit)}"
            kind, keeps_for = OTHER_STATISTICS, ours
        else:
            variant, corrected = base, format_interval(base.interval, unit)
            kind, keeps_for = OTHER_BASE, None
        yield Correction(
            kind,
            original.obs_id,
            written,
            corrected,
            variant,
            change,
            keeps_for,
            implied_from,
            _size(original, variant),
        )


def _size(original: Observation, variant: Observation) -> float:
    if not (original.value and variant.value):
        return math.inf
    return abs(math.log(abs(variant.value) / abs(original.value)))


def _stated_behind(check: Check, by_id: dict[str, Observation]) -> set[str]:
    """The stated figures a check rests on, through any derived value it uses."""
    found: set[str] = set()
    pending = list(check.obs_ids)
    while pending:
        observation = by_id.get(pending.pop())
        if observation is None:
            continue
        if observation.is_derived:
            pending.extend(observation.derived_from)
        else:
            found.add(observation.obs_id)
    return found


@dataclass
class _Candidate:
    """A hypothesis before it is ranked: its corrections (none for a claim reading) and what
    they do to the checks."""

    corrections: tuple[Correction, ...]
    resolves: tuple[str, ...]
    breaks: tuple[str, ...]
    after: dict[str, Check]
    contradicts: tuple[str, ...] = ()
    reading: str | None = None
    written: str = ""
    corrected: str = ""
    kind: str = ""
    obs_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.corrections:
            self.kind = " + ".join(c.kind for c in self.corrections)
            self.obs_ids = tuple(c.obs_id for c in self.corrections)
            self.written = "; ".join(c.written for c in self.corrections)
            self.corrected = "; ".join(c.corrected for c in self.corrections)

    def key(self) -> tuple:
        """Rank: net failures resolved (resolved minus passing checks broken), then no
        contradiction of the blamed document's own text, then fewer changes, more failures
        resolved, the likelier kind of change, the smaller change (the log of the ratio)."""
        return (
            -(len(self.resolves) - len(self.breaks)),
            bool(self.contradicts),
            len(self.corrections),
            -len(self.resolves),
            sum(KIND_ORDER[c.kind] for c in self.corrections),
            sum(c.size for c in self.corrections),
            self.obs_ids,
            self.corrected,
        )


class _Search:
    """The indexes one build's hypothesis search works from."""

    def __init__(
        self,
        dataset: CuratedDataset,
        stated: list[Observation],
        derived: list[Observation],
        checks: list[Check],
        run: Callable[[list[Observation], frozenset[str] | None], list[Check]],
    ) -> None:
        self.stated = stated
        self.observations = stated + derived
        self.by_id = {o.obs_id: o for o in self.observations}
        self.position = {o.obs_id: i for i, o in enumerate(stated)}
        self.series = {s.series_id: s for s in dataset.series}
        self.facts: dict[str, CuratedFact] = {f.obs_id: f for s in dataset.sources for f in s.facts}
        self.language = {s.record.source_id: s.record.language for s in dataset.sources}
        self.claims: dict[str, CuratedClaim] = {
            c.obs_id: c for s in dataset.sources for c in s.claims
        }
        self.run = run
        self.checks = {c.check_id: c for c in checks}
        self.cited = {c.check_id: _stated_behind(c, self.by_id) for c in checks}
        levels: dict[str, set[str]] = {}
        for o in stated:
            levels.setdefault(o.series_id, set()).add(o.obs_id)
        self.behind = {i: set(figures) for i, figures in self.cited.items()}
        for check in checks:
            if check.claim_id:  # a claim rests on every level of its series: any may be witness
                self.behind[check.check_id] |= levels.get(check.series_id, set())
        self.resting: dict[str, list[str]] = {}
        for check_id, figures in self.behind.items():
            if self.checks[check_id].kind in NOT_REBUILT:
                continue
            for obs_id in figures:
                self.resting.setdefault(obs_id, []).append(check_id)
        self.by_document_series: dict[tuple[str, str], list[Observation]] = {}
        for o in stated:
            self.by_document_series.setdefault((o.source_id, o.series_id), []).append(o)
        self.cache: dict[tuple, dict[str, Check]] = {}

    def claims_resting_on(self, o: Observation) -> list[str]:
        """The quotes of the document's own claims that compare the figure's period."""
        found = []
        for claim in self.claims.values():
            if claim.source_id != o.source_id or claim.series_id != o.series_id:
                continue
            periods = [t for t in (claim.period_text, claim.than_text) if t]
            if any(parse_period(str(t)).label == o.period.label for t in periods):
                found.append(claim.evidence)
        return found

    def siblings(self, o: Observation) -> list[Observation]:
        """The stated figures of the same document and series."""
        return self.by_document_series.get((o.source_id, o.series_id), [])

    # -- re-checking ------------------------------------------------------------------------

    def _rebuild(self, affected: Iterable[str], replaced: dict[str, Observation]) -> dict:
        """The affected checks rebuilt with some figures replaced: a check of two figures from
        its own figures alone, the others together from every figure they rest on."""
        pairwise = [i for i in affected if self.checks[i].kind in PAIR_KINDS]
        others = [i for i in affected if self.checks[i].kind not in PAIR_KINDS]
        batches = [([i], self.behind[i]) for i in sorted(pairwise)]
        if others:
            batches.append((others, set().union(*(self.behind[i] for i in others))))
        after: dict[str, Check] = {}
        for ids, needed in batches:
            scope = [
                replaced.get(obs_id, self.by_id[obs_id])
                for obs_id in sorted(needed, key=self.position.__getitem__)
            ]
            wanted = set(ids)
            for check in self.run(scope, frozenset(self.checks[i].kind for i in ids)):
                if check.check_id in wanted:
                    after[check.check_id] = check
        return after

    def verdicts(self, corrections: tuple[Correction, ...]) -> dict[str, Check]:
        """The checks resting on the corrected figures, rebuilt (each set of corrections once).

        A base from other statistics leaves the stated level standing for the checks whose
        figures all report the stated level's statistics: those are rebuilt with the other
        corrections only (or keep their verdict, when there are none)."""
        key = tuple(sorted((c.obs_id, c.kind, c.corrected) for c in corrections))
        if key in self.cache:
            return self.cache[key]
        affected = sorted({i for c in corrections for i in self.resting.get(c.obs_id, ())})
        replaced = {c.obs_id: c.variant for c in corrections}
        after = self._rebuild(affected, replaced)
        for c in corrections:
            if c.keeps_for is None:
                continue
            own = [
                i
                for i in affected
                if c.obs_id in self.behind[i]
                and all(
                    self.by_id[o].statistics_from == c.keeps_for
                    for o in self.behind[i]
                    if o != c.obs_id
                )
            ]
            others = {k: v for k, v in replaced.items() if k != c.obs_id}
            touched = [i for i in own if self.behind[i] & others.keys()]
            after.update({i: self.checks[i] for i in own if i not in touched})
            after.update(self._rebuild(touched, others))
        self.cache[key] = after
        return after

    # -- candidates -------------------------------------------------------------------------

    def candidate(
        self, group_ids: tuple[str, ...], corrections: tuple[Correction, ...]
    ) -> _Candidate:
        after = self.verdicts(corrections)
        resolves = tuple(i for i in group_ids if i in after and after[i].consistent)
        breaks = tuple(
            sorted(i for i, c in after.items() if not c.consistent and self.checks[i].consistent)
        )
        contradicts = tuple(text for c in corrections for text in self._contradictions(c, breaks))
        return _Candidate(corrections, resolves, breaks, after, contradicts)

    def _contradictions(self, correction: Correction, breaks: tuple[str, ...]) -> Iterator[str]:
        """What of its own document's text the corrected figure contradicts: the order of the
        document's own figures of the series, and the document's own claims."""
        if correction.kind == OTHER_STATISTICS:
            return  # the stated figure stands, for its own statistics
        original = self.by_id[correction.obs_id]
        unit = self.series[original.series_id].unit
        new = correction.variant.value
        reversed_: dict[bool, list[str]] = {}
        for other, above in _ordered_against(original, self.siblings(original), self.series):
            now = new - other.value
            if (now > 0) != above or now == 0:
                reversed_.setdefault(above, []).append(
                    f"{other.period.label} ({said(original, unit)} against {said(other, unit)})"
                )
        for above, others in sorted(reversed_.items()):
            side = "above" if above else "below"
            yield f"its figures put {original.period.label} {side} {' and '.join(others)}"
        source = original.source_id
        for check_id in breaks:
            claim = self.claims.get(self.checks[check_id].claim_id or "")
            if claim is not None and claim.source_id == source:
                yield f"it breaks the document's own claim “{claim.evidence}”"

    def singles(self, group_ids: tuple[str, ...], figures: list[str]) -> list[_Candidate]:
        found = []
        for obs_id in figures:
            original = self.by_id[obs_id]
            needed = set().union(*(self.behind[i] for i in self.resting.get(obs_id, ())))
            scope = [self.by_id[i] for i in sorted(needed | {obs_id}, key=self.position.get)]
            for correction in _corrections(
                original,
                self.facts.get(obs_id),
                scope,
                self.series,
                self.language.get(original.source_id),
            ):
                candidate = self.candidate(group_ids, (correction,))
                if candidate.resolves:
                    found.append(candidate)
        return found

    def pairs(self, group_ids: tuple[str, ...], singles: list[_Candidate]) -> list[_Candidate]:
        """Two corrections of different figures together, when each resolves more failures
        than it breaks and a failure the other leaves, kept only when together they resolve
        more than either alone; of pairs that change the same two figures in the same way
        ("76%", "77%" and "78%" for "74%"), only the best."""
        gaining = [c for c in singles if len(c.resolves) > len(c.breaks)]
        best = sorted(gaining, key=_Candidate.key)[:MAX_PAIRED]
        found = []
        for first, second in combinations(best, 2):
            (a,), (b,) = first.corrections, second.corrections
            if a.obs_id == b.obs_id or a.obs_id in b.implied_from or b.obs_id in a.implied_from:
                continue
            mine, theirs = set(first.resolves), set(second.resolves)
            if mine <= theirs or theirs <= mine:
                continue
            both = tuple(sorted((a, b), key=lambda c: (KIND_ORDER[c.kind], c.obs_id)))
            joint = self.candidate(group_ids, both)
            if len(joint.resolves) > max(len(mine), len(theirs)):
                found.append(joint)
        best_of_kind: dict[tuple, _Candidate] = {}
        for joint in sorted(found, key=_Candidate.key):
            best_of_kind.setdefault((joint.obs_ids, joint.kind), joint)
        return list(best_of_kind.values())

    def readings(self, group: list[Check]) -> list[_Candidate]:
        """A claimed peak (low) refuted only by levels before some period: loose, or counting
        from after them. No figure changes; it resolves the claim's checks."""
        found = []
        for claim_id in sorted({c.claim_id for c in group if c.claim_id}):
            claim = self.claims.get(claim_id)
            mine = [c for c in group if c.claim_id == claim_id]
            if claim is None or claim.kind not in ("peak", "trough"):
                continue
            reading = _claim_reading(claim, self.by_id[mine[0].obs_ids[0]], self)
            if reading is None:
                continue
            text, since = reading
            found.append(
                _Candidate(
                    (),
                    tuple(c.check_id for c in mine),
                    (),
                    {},
                    reading=text,
                    written=f"{claim.kind} in {claim.period_text}",
                    corrected=f"{claim.kind} since {since}",
                    kind=CLAIM_READING,
                    obs_ids=(claim_id,),
                )
            )
        return found


def _ordered_against(
    figure: Observation, siblings: list[Observation], series: dict[str, SeriesDefinition]
) -> Iterator[tuple[Observation, bool]]:
    """The document's other stated figures of the same series and kind of period (levels and
    flows), each with whether this figure lies above it: the order its text gives them.
    ``siblings`` are the document's stated figures of the series."""
    definition = series.get(figure.series_id)
    if definition is None or definition.measure not in ("level", "flow"):
        return
    for other in siblings:
        if (
            other.obs_id != figure.obs_id
            and other.period.kind == figure.period.kind
            and other.period.is_dated
            and other.value != figure.value
        ):
            yield other, figure.value > other.value


def _start(o: Observation) -> object:
    return o.period.start


def _next_period(period: Period) -> Period | None:
    """The year or month right after one."""
    if period.kind == "year":
        return parse_period(f"{period.start.year + 1:04d}")
    if period.kind == "month":
        year, month = divmod(period.start.year * 12 + period.start.month, 12)
        return parse_period(f"{year:04d}-{month + 1:02d}")
    return None


def _claim_reading(
    claim: CuratedClaim, claimed: Observation, search: _Search
) -> tuple[str, str] | None:
    """(text, the period the claim would count from), when every level that refutes it lies
    before the claimed period."""
    peak = claim.kind == "peak"
    levels = [
        o
        for o in search.observations
        if o.series_id == claimed.series_id
        and o.period.kind == claimed.period.kind
        and o.period.label != claimed.period.label
        and not any(search.by_id[i].base_period for i in o.derived_from if i in search.by_id)
    ]
    refuting = [
        o
        for o in levels
        if not (
            Interval(o.interval.low, INF) if peak else Interval(-INF, o.interval.high)
        ).overlaps(claimed.interval)
    ]
    if not refuting or any(o.period.end >= claimed.period.start for o in refuting):
        return None
    since = _next_period(max(refuting, key=lambda o: o.period.end).period)
    if since is None or since.start >= claimed.period.start:
        return None
    unit = search.series[claimed.series_id].unit
    strongest = max(refuting, key=lambda o: claimed.interval.gap(o.interval))
    gap = claimed.interval.gap(strongest.interval)
    edge = claimed.interval.high if peak else claimed.interval.low
    share = f" ({gap / abs(edge):.0%})" if edge else ""
    title = search.series[claimed.series_id].title
    words = "peaked" if peak else "was at its lowest"
    side = "above" if peak else "below"
    backing = ""
    if len(refuting) == 1:
        ordered = _ordered_against(strongest, search.siblings(strongest), search.series)
        supported = sorted((o for o, above in ordered if above == peak), key=_start)
        reasons = []
        if supported:
            periods = " and ".join(o.period.label for o in supported)
            reasons.append(f"it puts {strongest.period.label} {side} {periods}")
        for evidence in search.claims_resting_on(strongest):
            reasons.append(f"its claim “{evidence}” rests on it")
        if reasons:
            backing = (
                f", a figure {strongest.source_id}'s own text supports "
                f"({'; '.join(dict.fromkeys(reasons))})"
            )
    others = ", ".join(
        f"{o.source_id}'s {said(o, unit)} for {o.period.label}"
        for o in sorted(refuting, key=lambda o: (o.period.start, o.obs_id))
    )
    verb = "lies" if len(refuting) == 1 else "lie"
    text = (
        f"{claim.source_id}'s claim that {title} {words} in {claimed.period.label} "
        f"(“{claim.evidence}”) is loose, or counts from {since.label} on: no document's level "
        f"from {since.label} refutes it, and only {others} {verb} {side} "
        f"{claimed.period.label}'s {format_interval(claimed.interval, unit)}, by at least "
        f"{format_gap(gap, unit)}{share}{backing}"
    )
    return text, since.label


def explain(
    dataset: CuratedDataset,
    stated: list[Observation],
    derived: list[Observation],
    checks: list[Check],
    evaluate: Callable[[list[Observation], frozenset[str] | None], list[Check]] | None = None,
) -> list[Hypothesis]:
    """Ranked hypotheses for every group of failed checks: single corrections, pairs of them,
    and looser readings of refuted claims (see the module docstring).

    ``evaluate`` rebuilds the checks of the given kinds (all when None) from a changed set of
    stated figures (by default: derive and the identity checks, as the build does).
    """
    run = evaluate or (
        lambda obs, kinds: run_checks(obs + derive_all(obs, dataset.series), dataset.series, kinds)
    )
    search = _Search(dataset, stated, derived, checks, run)
    hypotheses: list[Hypothesis] = []
    for group in failure_groups(checks, lambda check: search.cited[check.check_id]):
        group_ids = tuple(c.check_id for c in group)
        figures = sorted(set().union(*(search.cited[i] for i in group_ids)))
        singles = search.singles(group_ids, figures)
        readings = search.readings(group)
        found = singles + search.pairs(group_ids, singles) + readings
        found.sort(key=_Candidate.key)
        for rank, candidate in enumerate(found[:MAX_PER_GROUP], start=1):
            text = _describe(candidate, group, search, bool(readings))
            hypotheses.append(_hypothesis(candidate, group, rank, text))
    return hypotheses


def _hypothesis(candidate: _Candidate, group: list[Check], rank: int, text: str) -> Hypothesis:
    group_ids = tuple(c.check_id for c in group)
    return Hypothesis(
        hypothesis_id=f"{group_ids[0]}#{rank}",
        group=group_ids[0],
        rank=rank,
        kind=candidate.kind,
        obs_id="; ".join(candidate.obs_ids),
        written=candidate.written,
        corrected=candidate.corrected,
        resolves=candidate.resolves,
        breaks=candidate.breaks,
        group_checks=group_ids,
        text=text,
        obs_ids=candidate.obs_ids,
        contradicts=candidate.contradicts,
        statistics=_statistics_needed(candidate),
    )


def _statistics_needed(candidate: _Candidate) -> tuple[str, ...]:
    """The two reporters' statistics a base from other statistics makes the document use."""
    found: list[str] = []
    for c in candidate.corrections:
        if c.kind == OTHER_STATISTICS and c.keeps_for and c.variant.statistics_from:
            found += [c.keeps_for, c.variant.statistics_from]
    return tuple(sorted(set(found)))


def _named(check: Check) -> str:
    """A check in a few words: its kind, series and period."""
    return f"{check.kind} {check.series_id} {check.period}"


def _what(c: Correction, search: _Search) -> str:
    """One correction in words."""
    original = search.by_id[c.obs_id]
    unit = search.series[original.series_id].unit
    if c.change is None:
        return f"{c.obs_id}: {c.corrected!r} instead of {c.written!r} ({c.kind})"
    current = search.by_id[c.implied_from[1]]
    verb = "fall" if c.change.value < 0 else "rise"
    level = format_interval(c.variant.interval, unit)
    implied = (
        f"the base its stated {said(c.change, 'percent').lstrip('−')} {verb} to "
        f"{said(current, unit)} in {c.change.period.label} implies"
    )
    if c.kind == OTHER_BASE:
        return (
            f"{c.obs_id}: a {original.period.label} level of {level} ({implied}, e.g. from other "
            f"statistics) instead of {format_quantity(original.value, unit)}"
        )
    return (
        f"{c.obs_id}: the {c.change.period.label} percentages use {c.variant.statistics_from} "
        f"statistics, in which the {original.period.label} level is {level} ({implied}), while "
        f"the stated {said(original, unit)} stands as {c.keeps_for} statistics give it"
    )


def _describe(candidate: _Candidate, group: list[Check], search: _Search, claim_read: bool) -> str:
    """The hypothesis in words: what changes, what it resolves and breaks, the statistics it
    needs, and what of the blamed document's own text it contradicts."""
    resolved = f"{len(candidate.resolves)} of the {len(group)} failed checks"
    if candidate.reading is not None:
        return f"Hypothesis: {candidate.reading}. No figure changes; it would resolve {resolved}."
    changes = [_what(c, search) for c in candidate.corrections]
    if len(changes) == 1:
        text = f"Hypothesis: {changes[0]} would resolve {resolved}"
    else:
        text = (
            f"Hypothesis, {len(changes)} changes together: {'; and '.join(changes)} — together "
            f"they would resolve {resolved}"
        )
    if candidate.breaks:
        text += f"; breaks {len(candidate.breaks)} passing check(s)"
    text += "."
    for c in candidate.corrections:
        if c.kind != OTHER_STATISTICS or c.change is None:
            continue
        kept = sorted(
            _named(search.checks[i])
            for i in search.resting.get(c.obs_id, ())
            if candidate.after.get(i) is search.checks[i] and search.checks[i].consistent
        )
        held = f", which {', '.join(kept)} rests on" if kept else ""
        text += (
            f" It needs two reporters' statistics: {c.keeps_for} for the stated "
            f"{search.by_id[c.obs_id].period.label} level{held}; {c.variant.statistics_from} for "
            f"the {c.change.period.label} percentages."
        )
    for i in candidate.resolves:
        now = candidate.after[i].statistics
        if len(now) > 1 and len(search.checks[i].statistics) < 2:
            text += f" {_named(search.checks[i])} would then mix {' and '.join(now)} statistics."
    if candidate.contradicts:
        names = sorted({search.by_id[c.obs_id].source_id for c in candidate.corrections})
        text += (
            f" It contradicts {' and '.join(names)}'s own text: "
            f"{'; '.join(dict.fromkeys(candidate.contradicts))}."
        )
        if claim_read:
            text += " A looser reading of the claim needs no figure changed."
    return text


def caveats(observations: list[Observation], checks: list[Check]) -> list[Observation]:
    """Derived values built on (or themselves in) a failed check, with that caveat attached.

    Only checks of a document against itself count: when two documents disagree, or a
    conversion misses the reference rate, the figure itself is not what is in doubt.
    """
    failed: dict[str, list[Check]] = {}
    for check in checks:
        if check.failed and check.scope == WITHIN and not check.claim_id:
            for obs_id in check.obs_ids:
                failed.setdefault(obs_id, []).append(check)
    result = []
    for o in observations:
        if not o.is_derived:
            result.append(o)
            continue
        doubted = [i for i in (o.obs_id, *o.derived_from) if i in failed]
        if not doubted:
            result.append(o)
            continue
        names = sorted({f"{c.kind} {c.period}" for i in doubted for c in failed[i]})
        which = ", ".join(i for i in doubted if i != o.obs_id)
        subject = f"its input {which}" if which else "this value"
        caveat = f"Caveat: failed checks call {subject} into question ({'; '.join(names)})."
        result.append(replace(o, caveat=caveat))
    return result
