"""The whole dataset as one documented, citable download: a Frictionless Tabular Data Package.

``belarus-indicators.zip`` holds ``datapackage.json`` (tables, fields with descriptions, keys,
sources, licence note), one CSV per table, the parquet files, a README written from the data (what
each table means, how to cite, caveats, the consistency findings), ``CITATION.cff`` and
``sources.bib``. Built deterministically: the same data gives the same bytes.

Served at /download/belarus-indicators.zip and written by ``make package`` to dist/.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow.fs as pafs
import yaml

from dashboard.data import TABLES, Dataset, DataUnavailable, load_dataset

NAME = "belarus-indicators"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
"""Zip entries carry a fixed timestamp so rebuilding the same data gives identical bytes."""

FIELD_DOCS: dict[str, dict[str, tuple[str, str]]] = {
    "sources": {
        "source_id": ("string", "Slug identifying the document."),
        "title": ("string", "Document title."),
        "authors": ("string", "Authors, ';'-separated; empty when not established."),
        "publisher": ("string", "Outlet; 'not established' when unknown."),
        "container": ("string", "Series or container (e.g. a policy-memo series)."),
        "published": ("date", "Publication date (first day of the month/year when less precise)."),
        "published_precision": ("string", "day, month or year: how precise 'published' is."),
        "url": ("string", "Where the document is published, when known."),
        "text_sha256": ("string", "sha256 of the exact text the quotes were checked against."),
        "citation": ("string", "Formatted reference (APA-like)."),
        "short_citation": ("string", "Author–year tag used in charts."),
        "bibtex": ("string", "BibTeX entry."),
        "notes": ("string", "Caveats about the document, ';'-separated."),
    },
    "series": {
        "series_id": ("string", "Dotted slug identifying the series."),
        "title": ("string", "Series title."),
        "unit": ("string", "Unit of every value in the series (USD, EUR, RUB, percent, ...)."),
        "measure": ("string", "level, flow, share or change."),
        "topic": (
            "string",
            "trade, energy, subsidies, debt, economy, politics, security, opinion.",
        ),
        "reporter": ("string", "Whose side a trade flow is seen from."),
        "partner": ("string", "The other country or union."),
        "flow": ("string", "exports, imports, turnover or balance (trade series)."),
        "change_of": ("string", "For change series: the level series they change."),
        "description": ("string", "What the series measures and its caveats."),
    },
    "observations": {
        "obs_id": ("string", "Stable id: <source_id>/<fact id or derivation>."),
        "series_id": ("string", "The series (see series.csv)."),
        "period": ("string", "Period label: 2012, 2022-02, 2023-01/2023-07 (month interval)."),
        "period_start": ("date", "First day of the period."),
        "period_end": ("date", "Last day of the period."),
        "period_kind": ("string", "year, month, day or interval (a partial year is an interval)."),
        "base_period": ("string", "For changes: the period compared with."),
        "value": ("number", "Value in base units of the series' unit (dollars, not billions)."),
        "value_low": ("number", "Lower bound or range low; for derived values, the low end."),
        "value_high": ("number", "Upper bound or range high; for derived values, the high end."),
        "value_as_written": ("string", "The figure as the document writes it."),
        "qualifier": (
            "string",
            "reported, approximate, lower_bound, upper_bound, range, forecast or derived.",
        ),
        "source_id": ("string", "The document (see sources.csv)."),
        "locator": ("string", "Section of the document that states the value."),
        "evidence": ("string", "Verbatim quote (at most 30 words) containing the number."),
        "derived_from": ("string", "Derived values: the input obs_ids, ';'-separated."),
        "see_also": ("string", "Facts in other documents stating the same, ';'-separated."),
        "method": ("string", "Derived values: how they were computed, in words."),
        "note": ("string", "Curator's note."),
    },
    "checks": {
        "check_id": ("string", "Stable id of the check."),
        "kind": ("string", "stated_change_vs_levels, flows_sum_to_turnover, balance_identity, ..."),
        "series_id": ("string", "The series of the stated figure."),
        "period": ("string", "Its period."),
        "stated": ("number", "The figure the document states."),
        "computed": ("number", "The figure computed from the figures stated beside it."),
        "difference": ("number", "computed − stated."),
        "tolerance": ("number", "What rounding and wording allow."),
        "status": ("string", "consistent or inconsistent (|difference| > tolerance)."),
        "obs_ids": ("string", "The observations involved, ';'-separated."),
        "message": ("string", "The finding in words."),
    },
    "events": {
        "event_id": ("string", "Stable id: <source_id>/<event id>."),
        "date": ("string", "Date label (year, month or day)."),
        "date_start": ("date", "First day."),
        "date_end": ("date", "Last day."),
        "label": ("string", "What happened."),
        "source_id": ("string", "The document that states it."),
        "locator": ("string", "Its section."),
        "evidence": ("string", "Verbatim quote."),
        "note": ("string", "Curator's note."),
    },
}
PRIMARY_KEYS = {
    "sources": "source_id",
    "series": "series_id",
    "observations": "obs_id",
    "checks": "check_id",
    "events": "event_id",
}
FOREIGN_KEYS = {
    "observations": [("series_id", "series", "series_id"), ("source_id", "sources", "source_id")],
    "events": [("source_id", "sources", "source_id")],
}
LICENCE_NOTE = (
    "Code: MIT. Data: facts (figures, dates) and short quotes, each attributed to the document it "
    "comes from; the documents themselves are not included and remain their authors' and "
    "publishers'. Reuse the figures with their citations."
)


def table_frame(data: Dataset, name: str) -> pd.DataFrame:
    """A table as published: declared columns only, lists joined with ';'."""
    frame = getattr(data, name)[list(FIELD_DOCS[name])].copy()
    for column in frame.columns:
        if frame[column].map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).any():
            frame[column] = frame[column].map(lambda v: ";".join(v) if v is not None else "")
    return frame


def table_csv(data: Dataset, name: str) -> str:
    return table_frame(data, name).to_csv(index=False, lineterminator="\r\n", float_format="%.17g")


def descriptor(data: Dataset) -> dict:
    resources = []
    for name in TABLES:
        schema: dict = {
            "fields": [
                {"name": field, "type": kind, "description": text}
                for field, (kind, text) in FIELD_DOCS[name].items()
            ],
            "primaryKey": [PRIMARY_KEYS[name]],
        }
        if name in FOREIGN_KEYS:
            schema["foreignKeys"] = [
                {"fields": [field], "reference": {"resource": table, "fields": [key]}}
                for field, table, key in FOREIGN_KEYS[name]
            ]
        resources.append(
            {
                "name": name,
                "path": f"data/{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    sources = [
        {"title": row.citation, **({"path": row.url} if isinstance(row.url, str) else {})}
        for row in data.sources.sort_values("source_id").itertuples()
    ]
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "Belarus, Ukraine and Russia: cited economic and political indicators",
        "description": (
            "Figures from five policy articles (2018–2024) on Belarus's relations with Ukraine and "
            "Russia, each with its source, section, verbatim quote and qualifier; values derived "
            "from them, with method and inputs; and consistency checks of the documents."
        ),
        "version": data.version or "unversioned",
        "licenses": [{"name": "other-at", "title": LICENCE_NOTE, "path": "README.md#licence"}],
        "sources": sources,
        "contributors": [{"title": "belarus-indicators contributors", "role": "author"}],
        "resources": resources,
    }


def readme(data: Dataset) -> str:
    observations = data.observations
    derived = int((observations["qualifier"] == "derived").sum())
    lines = [
        "# belarus-indicators: the dataset",
        "",
        f"Data version `{data.version}`. {len(observations)} observations ({derived} derived) in "
        f"{observations['series_id'].nunique()} series from {len(data.sources)} documents; "
        f"{len(data.events)} dated events; {len(data.checks)} consistency checks.",
        "",
        "Every stated value carries its document (`source_id`), the section that states it "
        "(`locator`), a verbatim quote containing the number (`evidence`) and a qualifier. "
        "Derived values carry their `method` and inputs (`derived_from`). Nothing is "
        "interpolated: a missing year is a missing row.",
        "",
        "## Tables",
        "",
    ]
    for name in TABLES:
        lines.append(f"- `data/{name}.csv` (also `parquet/{name}.parquet`):")
        lines += [f"  - `{f}`: {text}" for f, (_, text) in FIELD_DOCS[name].items()]
    lines += ["", "## How to cite", "", "Cite the documents a figure comes from:", ""]
    lines += [f"- {c}" for c in data.sources.sort_values("source_id")["citation"]]
    lines += [
        "",
        "and this dataset as: belarus-indicators contributors, *Belarus, Ukraine and Russia: "
        f"cited economic and political indicators*, data version {data.version} "
        "(see `CITATION.cff`; BibTeX for the documents in `sources.bib`).",
        "",
        "## Caveats",
        "",
    ]
    for source in data.sources.sort_values("source_id").itertuples():
        for note in source.notes:
            lines.append(f"- {source.short_citation}: {note}")
    lines += ["", "## Consistency findings", ""]
    evidence = observations.set_index("obs_id")["evidence"]
    for check in data.checks[data.checks["status"] == "inconsistent"].itertuples():
        lines.append(f"- **{check.series_id}, {check.period}**: {check.message}")
        for obs_id in check.obs_ids:
            quote = evidence.get(obs_id)
            if isinstance(quote, str):
                lines.append(f"  - `{obs_id}`: “{quote}”")
    consistent = int((data.checks["status"] == "consistent").sum())
    lines += [
        "",
        f"{consistent} further checks find the documents consistent (see `data/checks.csv`).",
        "",
        "## Licence",
        "",
        LICENCE_NOTE,
        "",
    ]
    return "\n".join(lines)


def citation_cff(data: Dataset) -> str:
    references = []
    for source in data.sources.sort_values("source_id").itertuples():
        reference: dict = {
            "type": "article",
            "title": source.title,
            "authors": [
                {"family-names": a.split()[-1], "given-names": " ".join(a.split()[:-1])}
                for a in source.authors
            ]
            or [{"name": "Author not established"}],
            "year": pd.Timestamp(source.published).year,
        }
        if isinstance(source.url, str):
            reference["url"] = source.url
        if source.publisher != "not established":
            reference["publisher"] = {"name": source.publisher}
        references.append(reference)
    cff = {
        "cff-version": "1.2.0",
        "message": "Cite the documents each figure comes from, and this dataset.",
        "type": "dataset",
        "title": "Belarus, Ukraine and Russia: cited economic and political indicators",
        "version": data.version or "unversioned",
        "authors": [{"name": "belarus-indicators contributors"}],
        "references": references,
    }
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True)


def _parquet_bytes(data: Dataset, name: str) -> bytes:
    filesystem, root = (
        pafs.FileSystem.from_uri(data.directory)
        if "://" in str(data.directory)
        else (pafs.LocalFileSystem(), str(Path(str(data.directory)).resolve()))
    )
    with filesystem.open_input_file(f"{root.rstrip('/')}/{name}.parquet") as handle:
        return handle.read()


def build_package(data: Dataset) -> bytes:
    """The zip, deterministic: fixed entry times, fixed order."""
    entries: list[tuple[str, bytes]] = [
        ("datapackage.json", json.dumps(descriptor(data), indent=1, ensure_ascii=False).encode()),
        ("README.md", readme(data).encode()),
        ("CITATION.cff", citation_cff(data).encode()),
        (
            "sources.bib",
            ("\n\n".join(data.sources.sort_values("source_id")["bibtex"]) + "\n").encode(),
        ),
    ]
    entries += [(f"data/{name}.csv", table_csv(data, name).encode()) for name in TABLES]
    entries += [(f"parquet/{name}.parquet", _parquet_bytes(data, name)) for name in TABLES]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, body in entries:
            info = zipfile.ZipInfo(f"{NAME}/{path}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, body)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.datapackage")
    parser.add_argument("--out", type=Path, default=Path("dist") / f"{NAME}.zip")
    args = parser.parse_args(argv)
    try:
        body = build_package(load_dataset())
    except DataUnavailable as error:
        print(f"package: {error}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.out.with_suffix(".zip.partial")
    temporary.write_bytes(body)
    temporary.replace(args.out)
    print(f"package: {args.out} ({len(body) / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
