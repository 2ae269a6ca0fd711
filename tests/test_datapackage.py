"""The dataset as one download: a Frictionless package that validates, whose tables equal the
parquet, documented and citable, and byte-identical when rebuilt from the same data."""

from __future__ import annotations

import csv
import io
import zipfile

import pandas as pd
import pytest
import yaml
from frictionless import validate

from dashboard.data import TABLES
from dashboard.datapackage import build_package


@pytest.fixture(scope="module")
def package(dataset) -> bytes:
    return build_package(dataset)


@pytest.fixture(scope="module")
def unpacked(package, tmp_path_factory):
    target = tmp_path_factory.mktemp("package")
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        archive.extractall(target)
    return target / "belarus-indicators"


def test_the_package_holds_data_docs_and_citations(package):
    names = set(zipfile.ZipFile(io.BytesIO(package)).namelist())
    expected = {"datapackage.json", "README.md", "CITATION.cff", "sources.bib"}
    expected |= {f"data/{t}.csv" for t in TABLES} | {f"parquet/{t}.parquet" for t in TABLES}
    assert names == {f"belarus-indicators/{name}" for name in expected}


def test_frictionless_validates_it_foreign_keys_included(unpacked):
    report = validate(unpacked / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])


def test_each_csv_has_the_parquet_rows_and_documented_columns(unpacked, dataset):
    import json

    descriptor = json.loads((unpacked / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        rows = list(csv.DictReader((unpacked / resource["path"]).open(encoding="utf-8")))
        parquet = pd.read_parquet(unpacked / "parquet" / f"{resource['name']}.parquet")
        assert len(rows) == len(parquet) == len(getattr(dataset, resource["name"]))
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert list(rows[0]) == fields
        assert all(f["description"] for f in resource["schema"]["fields"])


def test_csv_values_round_trip(unpacked, dataset):
    rows = {r["obs_id"]: r for r in csv.DictReader((unpacked / "data/observations.csv").open())}
    for obs in dataset.observations.itertuples():
        assert float(rows[obs.obs_id]["value"]) == obs.value
        assert rows[obs.obs_id]["derived_from"] == ";".join(obs.derived_from)


def test_readme_citation_and_bibliography_are_complete(unpacked, dataset):
    readme = (unpacked / "README.md").read_text()
    for check in dataset.checks[dataset.checks["status"] == "inconsistent"].itertuples():
        assert check.message in readme
    for citation in dataset.sources["citation"]:
        assert citation in readme
    cff = yaml.safe_load((unpacked / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert len(cff["references"]) == len(dataset.sources)
    assert (unpacked / "sources.bib").read_text().count("@misc{") == len(dataset.sources)


def test_the_same_data_gives_the_same_bytes(package, dataset):
    assert build_package(dataset) == package


def test_the_package_is_served_with_etag(app):
    client = app.server.test_client()
    response = client.get("/download/belarus-indicators.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert 'filename="belarus-indicators.zip"' in response.headers["Content-Disposition"]
    again = client.get(
        "/download/belarus-indicators.zip", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304
