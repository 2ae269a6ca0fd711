"""Every page carries the dataset's schema.org description for dataset search, read back with
extruct as a search engine's crawler reads it; every figure in it comes from the tables."""

from __future__ import annotations

import dash
import extruct
import pandas as pd
import pytest


def _datasets(html: str) -> list[dict]:
    found = extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld"])["json-ld"]
    return [item for item in found if item.get("@type") == "Dataset"]


@pytest.fixture(scope="module")
def described(client) -> dict:
    datasets = _datasets(client.get("/trade").get_data(as_text=True))
    assert len(datasets) == 1
    return datasets[0]


def test_every_page_describes_the_dataset_once(app, client):
    for page in dash.page_registry.values():
        assert len(_datasets(client.get(page["path"]).get_data(as_text=True))) == 1, page["path"]


def test_it_is_based_on_every_document_with_its_authors_and_address(described, dataset):
    based_on = {work["name"]: work for work in described["isBasedOn"]}
    assert set(based_on) == set(dataset.sources["title"])
    for source in dataset.sources.itertuples():
        work = based_on[source.title]
        assert [a["name"] for a in work["author"]] == list(source.authors)
        address = source.url if isinstance(source.url, str) else None  # one has no address
        assert work.get("url") == address and work["citation"] == source.citation


def test_its_coverage_is_what_the_observations_span(described, dataset):
    start = pd.Timestamp(dataset.observations["period_start"].min()).year
    end = pd.Timestamp(dataset.observations["period_end"].max()).year
    assert described["temporalCoverage"] == f"{start}/{end}"
    assert {p["name"] for p in described["spatialCoverage"]} == {"Belarus", "Ukraine", "Russia"}


def test_it_names_every_series_that_has_observations(described, dataset):
    measured = {v["propertyID"]: v for v in described["variableMeasured"]}
    assert set(measured) == set(dataset.observations["series_id"])
    titles = dataset.series.set_index("series_id")["title"]
    assert all(measured[s]["name"] == titles[s] for s in measured)


def test_every_download_it_lists_answers_with_its_format(described, client):
    assert described["distribution"]
    for download in described["distribution"]:
        path = download["contentUrl"].removeprefix("http://localhost")
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.mimetype == download["encodingFormat"], path


def test_its_addresses_are_the_configured_public_url(app, dataset, monkeypatch):
    from dashboard.site.dataset_metadata import dataset_jsonld

    monkeypatch.setenv("BELARUS_PUBLIC_URL", "https://indicators.example.org")
    with app.server.test_request_context("/", headers={"Host": "localhost"}):
        from dashboard.web.hosts import site_origin

        described = dataset_jsonld(dataset, site_origin())
    urls = [d["contentUrl"] for d in described["distribution"]] + [described["url"]]
    assert all(url.startswith("https://indicators.example.org/") for url in urls)


def test_the_readmes_table_of_the_dataset_gives_the_built_counts(dataset):
    """The first thing a newcomer reads about the data says how much of it there is: the counts
    in the README's table are those of the dataset the tests build."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\w+) \| (.+) \|$", readme, flags=re.MULTILINE))
    observations = dataset.observations
    derived = int((observations["qualifier"] == "derived").sum())
    assert rows["observations"].startswith(
        f"{len(observations)} ({len(observations) - derived} stated, {derived} derived) in "
        f"{observations['series_id'].nunique()} series"
    )
    assert rows["sources"].startswith(f"{len(dataset.sources)} documents")
    assert rows["events"].startswith(f"{len(dataset.events)} dated events")
    assert rows["claims"].startswith(f"{len(dataset.claims)} comparative")
    assert rows["disagreements"].startswith(f"{len(dataset.disagreements)} places")
    failing = int((dataset.checks["status"] == "inconsistent").sum())
    assert rows["checks"].startswith(f"{len(dataset.checks)} checks")
    assert f"**{failing} fail**" in rows["checks"]
