"""The documents grouped by kind — policy articles, news reports, … — for the Sources page.

The kind is a fact about a document that only its curator can state: a think tank's memo and a
news agency's report can share a publisher, a container, a language and a length. So the kind
comes from the sources table's ``kind`` column (the curated record's ``kind:``), never from a
guess on the outlet's name; documents without one are listed together, last, under a heading
that says so — and when no document has one, the page lists them all under one heading.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.model.data import Dataset
from dashboard.model.formatting import name_words

KIND_COLUMN = "kind"
KIND_HEADINGS = {
    "policy article": "Policy articles",
    "news report": "News reports",
    "opinion column": "Opinion columns",
}
"""The kinds the dataset uses, in the order the page lists them, each with its heading. A kind
not listed here follows them, in alphabetical order, headed by its own name."""
UNRECORDED = "Documents of no recorded kind"
ALL_DOCUMENTS = "Documents"


@dataclass(frozen=True)
class DocumentGroup:
    heading: str
    kind: str | None
    """None: the documents whose record gives no kind."""
    sources: pd.DataFrame
    """The group's rows of the sources table, oldest first."""

    @property
    def anchor(self) -> str:
        return "kind-" + (self.kind or "unrecorded").replace(" ", "-")


def document_kind(source: pd.Series) -> str | None:
    """The kind the document's record states, or None."""
    kind = source.get(KIND_COLUMN)
    return kind.strip() if isinstance(kind, str) and kind.strip() else None


def documents_by_kind(data: Dataset) -> list[DocumentGroup]:
    """The documents in groups of one kind each, known kinds first (``KIND_HEADINGS``' order),
    then other kinds alphabetically, then those of no recorded kind; oldest first within each."""
    sources = data.sources.sort_values(["date", "title"])
    kinds = [document_kind(row) for _, row in sources.iterrows()]
    if not any(kinds):
        return [DocumentGroup(ALL_DOCUMENTS, None, sources)]
    known = [k for k in KIND_HEADINGS if k in kinds]
    others = sorted({k for k in kinds if k and k not in KIND_HEADINGS})
    headings = {k: KIND_HEADINGS.get(k) or name_words(k.replace(" ", "_")) for k in known + others}
    order: list[str | None] = [*known, *others, *([None] if None in kinds else [])]
    return [
        DocumentGroup(
            headings[kind] if kind else UNRECORDED,
            kind,
            sources[[found == kind for found in kinds]],
        )
        for kind in order
    ]
