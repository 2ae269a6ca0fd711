"""The dataset described for search engines and catalogues: a schema.org ``Dataset`` as JSON-LD,
in the head of every page, built from the tables themselves (what the data covers, which
documents it is based on, what each series measures, where to download it).

Dataset search (Google's, and catalogues that read schema.org) indexes exactly this block; a
reader never sees it. Absolute URLs come from the site's configured address
(dashboard/web/hosts.py), so a forged Host never ends up in them.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from dashboard.model.data import Dataset
from dashboard.model.formatting import UNIT_WORDS

NAME = "belarus-indicators"
DESCRIPTION = (
    "Sourced indicators on Belarus, Ukraine and Russia — Belarus–Ukraine and Belarus's foreign "
    "trade, fuel, Russian subsidies, debt and reserves, GDP and inflation, polls, troops — each "
    "value cited to the sentence that states it in a policy article or news report, with its "
    "period, qualifier and consistency checks."
)
LICENCE = (
    "Facts and short quotes attributed to the cited documents; the documents' text remains "
    "their authors' and publishers' (see the project's README, Licence)."
)
COUNTRIES = ("Belarus", "Ukraine", "Russia")
DOWNLOADS = (
    (
        "/download/belarus-indicators.zip",
        "application/zip",
        "The whole dataset: a Frictionless data package",
    ),
    ("/api/v1/observations.csv", "text/csv", "Every observation with its citation"),
    (
        "/api/v1/observations.parquet",
        "application/vnd.apache.parquet",
        "Every observation, parquet",
    ),
    (
        "/api/v1/observations.sdmx.csv",
        "application/vnd.sdmx.data+csv",
        "Every observation, SDMX-CSV 2.0 (structure: /api/v1/sdmx/structure.xml)",
    ),
    ("/api/v1/sources.bib", "application/x-bibtex", "The documents, BibTeX"),
    ("/api/v1/series", "application/json", "The series catalogue, JSON"),
)


def _document(source: dict) -> dict:
    document = {
        "@type": "CreativeWork",
        "name": source["title"],
        "author": [{"@type": "Person", "name": name} for name in source["authors"]],
        "publisher": {"@type": "Organization", "name": source["publisher"]},
        "datePublished": str(source["date"]),
        "citation": source["citation"],
    }
    if isinstance(source.get("url"), str) and source["url"]:
        document["url"] = source["url"]
    return document


def _variable(series: dict) -> dict:
    variable = {
        "@type": "PropertyValue",
        "name": series["title"],
        "propertyID": series["series_id"],
        "unitText": UNIT_WORDS.get(series["unit"], series["unit"]),
    }
    if isinstance(series.get("description"), str):
        variable["description"] = series["description"]
    return variable


def dataset_jsonld(data: Dataset, origin: str) -> dict:
    """The schema.org ``Dataset`` for ``data`` served at ``origin`` (absolute URLs need it)."""
    observed = data.observations
    start = pd.Timestamp(observed["period_start"].min()).year
    end = pd.Timestamp(observed["period_end"].max()).year
    shown = set(observed["series_id"])
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": NAME,
        "description": DESCRIPTION,
        "url": f"{origin}/",
        "version": data.version,
        "creator": {"@type": "Organization", "name": NAME, "url": f"{origin}/"},
        "license": {"@type": "CreativeWork", "name": LICENCE},
        "isAccessibleForFree": True,
        "isBasedOn": [
            _document(s) for s in data.sources.sort_values("source_id").to_dict("records")
        ],
        "temporalCoverage": f"{start}/{end}",
        "spatialCoverage": [{"@type": "Country", "name": country} for country in COUNTRIES],
        "variableMeasured": [
            _variable(s) for s in data.series.to_dict("records") if s["series_id"] in shown
        ],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "encodingFormat": media_type,
                "contentUrl": f"{origin}{path}",
            }
            for path, media_type, name in DOWNLOADS
        ],
    }


@lru_cache(maxsize=8)
def jsonld_script(data: Dataset, origin: str) -> str:
    """The ``<script type="application/ld+json">`` block for a page's head (a data block: no
    script runs, so the page's Content-Security-Policy is unaffected)."""
    body = json.dumps(dataset_jsonld(data, origin), ensure_ascii=False, indent=1)
    body = body.replace("</", "<\\/")  # no "</script>" inside the block
    return f'<script type="application/ld+json">{body}</script>'
