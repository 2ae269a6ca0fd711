"""Hypotheses for failed checks, and caveats on values built from figures the checks doubt.

Failed checks that share a stated figure form a group. For each group the ETL tries every
single-figure correction a slip could explain — a dropped or extra zero, one digit mistyped, a
base-year level taken from other statistics (the level the document's own stated change implies)
— rebuilds the derived values and checks with that one figure changed, and ranks the corrections
by how many of the group's failures they resolve and how many passing checks they break. These are
hypotheses, labelled so: the documents' figures are never changed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from etl.checks import WITHIN, Check, run_checks
from etl.derive import derive_all
from etl.describe import format_interval, format_quantity
from etl.intervals import level_before_change
from etl.model import CuratedDataset, CuratedFact, SeriesDefinition
from etl.observations import NO_WORDING, Observation, fact_to_observation

MAX_PER_GROUP = 5
"""Hypotheses kept per group: the best few, so the Quality page stays readable."""

KIND_ORDER = {"dropped zero": 0, "extra zero": 0, "one digit": 1, "other base": 2}


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


def _other_base_variants(
    observation: Observation, stated: list[Observation], series: dict[str, SeriesDefinition]
) -> Iterator[Observation]:
    """The base level a stated change of the same document implies, in place of the stated one."""
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
        yield replace(
            observation,
            value=current.value / (1 + change.value / 100),
            interval=implied,
            value_text=f"the level implied by {change.obs_id}",
        )


def explain(
    dataset: CuratedDataset,
    stated: list[Observation],
    derived: list[Observation],
    checks: list[Check],
    evaluate: Callable[[list[Observation], frozenset[str] | None], list[Check]] | None = None,
) -> list[Hypothesis]:
    """Ranked single-figure corrections for every group of failed checks.

    ``evaluate`` rebuilds the checks of the given kinds (all when None) from a changed set of
    stated figures (by default: derive and the identity checks, as the build does).
    """
    by_id = {o.obs_id: o for o in stated + derived}
    series = {s.series_id: s for s in dataset.series}
    facts: dict[str, CuratedFact] = {f.obs_id: f for s in dataset.sources for f in s.facts}
    run = evaluate or (
        lambda obs, kinds: run_checks(obs + derive_all(obs, dataset.series), dataset.series, kinds)
    )
    before = {c.check_id: c.consistent for c in checks}
    kind_of = {c.check_id: c.kind for c in checks}
    cited = {c.check_id: _stated_behind(c, by_id) for c in checks}
    behind = {i: set(figures) for i, figures in cited.items()}
    for check in checks:
        if check.claim_id:  # a claim rests on every level of its series: any may be the witness
            behind[check.check_id] |= {o.obs_id for o in stated if o.series_id == check.series_id}
    hypotheses: list[Hypothesis] = []
    verdicts: dict[tuple[str, str, str], dict[str, bool]] = {}
    for group in failure_groups(checks, lambda check: cited[check.check_id]):
        group_ids = tuple(c.check_id for c in group)
        figures = sorted(set().union(*(cited[i] for i in group_ids)))
        found: list[tuple[tuple, Hypothesis]] = []
        for obs_id in figures:
            # A changed value can only change the checks that rest on it; rebuilding just the
            # figures those checks rest on keeps the search fast and its answer the same.
            affected = {i for i, figures_behind in behind.items() if obs_id in figures_behind}
            needed = set().union(*(behind[i] for i in affected))
            scope = [o for o in stated if o.obs_id in needed]
            original = by_id[obs_id]
            for kind, corrected, variant in _variants(original, facts.get(obs_id), scope, series):
                key = (obs_id, kind, corrected)
                if key not in verdicts:  # a figure in two groups is tried once
                    kinds = frozenset(kind_of[i] for i in affected)
                    rebuilt = run([variant if o.obs_id == obs_id else o for o in scope], kinds)
                    verdicts[key] = {
                        c.check_id: c.consistent for c in rebuilt if c.check_id in affected
                    }
                after = verdicts[key]
                resolves = tuple(i for i in group_ids if after.get(i))
                if not resolves:
                    continue
                breaks = tuple(
                    sorted(i for i, ok in after.items() if ok is False and before.get(i))
                )
                unit = series[original.series_id].unit
                text = _describe(kind, original, corrected, variant, unit, resolves, breaks, group)
                size = (
                    abs(math.log(abs(variant.value) / abs(original.value)))
                    if original.value and variant.value
                    else math.inf
                )
                key = (
                    -(len(resolves) - len(breaks)),
                    -len(resolves),
                    KIND_ORDER[kind],
                    size,
                    obs_id,
                )
                found.append(
                    (
                        key,
                        Hypothesis(
                            "",
                            group_ids[0],
                            0,
                            kind,
                            obs_id,
                            original.value_text or "",
                            corrected,
                            resolves,
                            breaks,
                            group_ids,
                            text,
                        ),
                    )
                )
        found.sort(key=lambda item: item[0])
        for rank, (_, hypothesis) in enumerate(found[:MAX_PER_GROUP], start=1):
            hypotheses.append(
                replace(hypothesis, rank=rank, hypothesis_id=f"{group_ids[0]}#{rank}")
            )
    return hypotheses


def _variants(
    original: Observation,
    fact: CuratedFact | None,
    scope: list[Observation],
    series: dict[str, SeriesDefinition],
) -> Iterator[tuple[str, str, Observation]]:
    if fact is not None and fact.value_text and fact.qualifier != "range":
        wording = original.wording or NO_WORDING  # the same words around a corrected figure
        for kind, text in _digit_variants(fact.value_text):
            corrected = replace(fact, value_text=text, wording=wording)
            variant = fact_to_observation(corrected, series[fact.series_id])
            yield kind, text, variant
    for variant in _other_base_variants(original, scope, series):
        unit = series[original.series_id].unit
        yield "other base", format_interval(variant.interval, unit), variant


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


def _describe(
    kind: str,
    original: Observation,
    corrected: str,
    variant: Observation,
    unit: str,
    resolves: tuple[str, ...],
    breaks: tuple[str, ...],
    group: list[Check],
) -> str:
    if kind == "other base":
        what = (
            f"{original.obs_id}: a {original.period.label} level of "
            f"{format_interval(variant.interval, unit)} (the base the document's stated change "
            f"implies, e.g. from other statistics) instead of "
            f"{format_quantity(original.value, unit)}"
        )
    else:
        what = f"{original.obs_id}: {corrected!r} instead of {original.value_text!r} ({kind})"
    tail = f"; breaks {len(breaks)} passing check(s)" if breaks else ""
    return (
        f"Hypothesis: {what} would resolve {len(resolves)} of the {len(group)} failed checks{tail}."
    )


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
