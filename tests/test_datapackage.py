"""The dataset as one download: a Frictionless package that validates (types, keys, foreign keys,
hashes), whose tables equal the parquet, documented and citable, and byte-identical when rebuilt
from the same data."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import zipfile

import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml
from frictionless import validate

from dashboard.model.data import TABLES, DataUnavailable
from publish.datapackage import (
    FIXED_TIME,
    build_package,
    main,
    table_csv,
    write_package,
)

ROOT = "belarus-indicators"


@pytest.fixture(scope="module")
def package(dataset, parquet_dir) -> bytes:
    return build_package(dataset, parquet_dir)


@pytest.fixture(scope="module")
def unpacked(package, tmp_path_factory):
    target = tmp_path_factory.mktemp("package")
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        archive.extractall(target)
    return target / ROOT


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_the_package_holds_data_docs_and_citations(package):
    infos = zipfile.ZipFile(io.BytesIO(package)).infolist()
    expected = {"datapackage.json", "README.md", "CITATION.cff", "sources.bib"}
    expected |= {f"data/{t}.csv" for t in TABLES} | {f"parquet/{t}.parquet" for t in TABLES}
    names = [info.filename for info in infos]
    assert sorted(names) == names == sorted(f"{ROOT}/{name}" for name in expected)
    assert {info.date_time for info in infos} == {FIXED_TIME}


def test_frictionless_validates_it(unpacked):
    report = validate(unpacked / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "type", "note"])


def test_frictionless_checks_the_foreign_keys(unpacked, tmp_path):
    """A dangling series_id is reported: the keys are really enforced, not just declared."""
    broken = tmp_path / ROOT
    shutil.copytree(unpacked, broken)
    descriptor = json.loads((broken / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        del resource["hash"], resource["bytes"]  # only the key error, not the changed checksum
    (broken / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    path = broken / "data" / "observations.csv"
    rows = _rows(path)
    rows[1][rows[0].index("series_id")] = "no.such_series"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    report = validate(broken / "datapackage.json")
    assert not report.valid
    assert {error[0] for error in report.flatten(["type"])} == {"foreign-key"}


def test_the_descriptor_declares_keys_licences_and_sources(unpacked, dataset):
    descriptor = json.loads((unpacked / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["name"] == ROOT and descriptor["version"] == dataset.version
    keys = {r["name"]: r["schema"]["primaryKey"] for r in descriptor["resources"]}
    assert keys == {
        "sources": ["source_id"],
        "series": ["series_id"],
        "observations": ["obs_id"],
        "checks": ["check_id"],
        "events": ["event_id"],
        "claims": ["claim_id"],
        "hypotheses": ["hypothesis_id"],
        "disagreements": ["disagreement_id"],
    }
    foreign = {
        (r["name"], fk["fields"][0], fk["reference"]["resource"])
        for r in descriptor["resources"]
        for fk in r["schema"].get("foreignKeys", [])
    }
    assert {
        ("observations", "series_id", "series"),
        ("observations", "source_id", "sources"),
        ("events", "source_id", "sources"),
        ("disagreements", "source_id", "sources"),
        ("disagreements", "versus_source_id", "sources"),
    } <= foreign
    assert all(lic.get("title") for lic in descriptor["licenses"])
    assert len(descriptor["sources"]) == len(dataset.sources)
    unknown = dataset.sources[dataset.sources["publisher"] == "not established"]
    for citation in unknown["citation"]:
        (entry,) = [s for s in descriptor["sources"] if s["title"] == citation]
        assert "not established" in entry["note"]


def test_each_csv_has_the_parquet_rows_and_columns(unpacked, parquet_dir):
    descriptor = json.loads((unpacked / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        name = resource["name"]
        header, *rows = _rows(unpacked / resource["path"])
        parquet = pq.read_table(unpacked / "parquet" / f"{name}.parquet")
        assert header == parquet.column_names == [f["name"] for f in resource["schema"]["fields"]]
        assert len(rows) == parquet.num_rows > 0
        assert all(f["description"] for f in resource["schema"]["fields"])
        assert (unpacked / "parquet" / f"{name}.parquet").read_bytes() == (
            parquet_dir / f"{name}.parquet"
        ).read_bytes()


def test_csv_is_rfc4180_with_crlf(unpacked):
    for name in TABLES:
        body = (unpacked / "data" / f"{name}.csv").read_bytes()
        body.decode("utf-8")
        assert body.endswith(b"\r\n") and body.count(b"\r\n") >= 2
        assert b"\n" not in body.replace(b"\r\n", b"") or name == "sources"  # quoted multi-line


def test_csv_values_round_trip(unpacked, dataset):
    with (unpacked / "data/observations.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["obs_id"]: r for r in csv.DictReader(handle)}
    for obs in dataset.observations.itertuples():
        row = rows[obs.obs_id]
        assert float(row["value"]) == obs.value
        for column in ("value_low", "value_high"):
            written, value = row[column], getattr(obs, column)
            assert (written == "") == pd.isna(value)
            assert pd.isna(value) or float(written) == value
        assert row["derived_from"] == ";".join(obs.derived_from)
        if obs.period_kind == "undated":
            assert row["period_start"] == row["period_end"] == ""
        else:
            assert row["period_start"] == obs.period_start.isoformat()
    with (unpacked / "data/sources.csv").open(encoding="utf-8", newline="") as handle:
        sources = {r["source_id"]: r for r in csv.DictReader(handle)}
    for source in dataset.sources.itertuples():
        assert sources[source.source_id]["notes"].split("\n") == (list(source.notes) or [""])


def test_a_list_item_holding_the_separator_is_refused(dataset):
    observations = dataset.observations.copy()
    observations.at[observations.index[0], "see_also"] = ["a;b"]
    with pytest.raises(ValueError, match="contains ';'"):
        table_csv(dataclasses.replace(dataset, observations=observations), "observations")


def test_readme_tells_every_inconsistency_with_its_quotes(unpacked, dataset):
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    assert dataset.version in readme
    evidence = dataset.observations.set_index("obs_id")["evidence"]
    inconsistent = dataset.checks[dataset.checks["status"] == "inconsistent"]
    assert len(inconsistent) > 0
    for check in inconsistent.itertuples():
        assert check.message in readme
        for obs_id in check.obs_ids:
            if isinstance(evidence.get(obs_id), str):
                assert f"“{evidence[obs_id]}”" in readme
    for source in dataset.sources.itertuples():
        assert source.citation in readme
        assert all(note in readme for note in source.notes)
    for name in TABLES:
        assert f"### `{name}`" in readme


def test_citation_cff_and_bibliography(unpacked, dataset):
    cff = yaml.safe_load((unpacked / "CITATION.cff").read_text(encoding="utf-8"))
    for key in ("cff-version", "message", "title", "authors", "type", "version", "references"):
        assert cff[key], key
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["version"] == dataset.version
    assert "date-released" not in cff  # no build date: the package must be reproducible
    assert [r["title"] for r in cff["references"]] == list(
        dataset.sources.sort_values("source_id")["title"]
    )
    assert all(r["authors"] and r["year"] for r in cff["references"])
    bib = (unpacked / "sources.bib").read_text(encoding="utf-8")
    assert bib.count("@misc{") == len(dataset.sources)
    for source_id in dataset.sources["source_id"]:
        assert f"@misc{{{source_id}," in bib


def test_the_same_data_gives_the_same_bytes(package, dataset, parquet_dir):
    assert build_package(dataset, parquet_dir) == package
    assert build_package(dataset) == package  # parquet_dir defaults to where data was loaded


def test_parquet_of_another_build_is_refused(dataset, parquet_dir):
    with pytest.raises(DataUnavailable, match="data version"):
        build_package(dataset, parquet_dir, version="0000000000000000")


def test_write_package_and_the_command(dataset, parquet_dir, package, tmp_path, capsys):
    out = write_package(dataset, parquet_dir, tmp_path / "dist" / "belarus-indicators.zip")
    assert out.read_bytes() == package
    command_out = tmp_path / "cli.zip"
    assert main(["--out", str(command_out), "--data", str(parquet_dir)]) == 0
    assert command_out.read_bytes() == package
    assert "data version" in capsys.readouterr().out
    assert main(["--out", str(tmp_path / "x.zip"), "--data", str(tmp_path / "nothing")]) == 1


def test_the_package_is_served_with_etag(app):
    client = app.server.test_client()
    response = client.get("/download/belarus-indicators.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert 'filename="belarus-indicators.zip"' in response.headers["Content-Disposition"]
    again = client.get(
        "/download/belarus-indicators.zip", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304
