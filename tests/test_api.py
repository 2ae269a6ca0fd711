"""The CSV routes: citations on every row, the same rows as the parquet, and clear 4xx errors."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.model.extract import EXTRACT_COLUMNS


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_a_series_extract_has_every_row_and_its_citation(client, dataset):
    response = client.get("/api/v1/series/trade.by_ua.turnover.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert (
        'filename="belarus-indicators_trade.by_ua.turnover.csv"'
        in response.headers["Content-Disposition"]
    )
    rows = read_csv(response)
    expected = dataset.observations[dataset.observations["series_id"] == "trade.by_ua.turnover"]
    assert sorted(r["obs_id"] for r in rows) == sorted(expected["obs_id"])
    assert list(rows[0]) == list(EXTRACT_COLUMNS)
    for row in rows:
        assert row["citation"] and row["source_id"]
        assert row["evidence"] or row["method"], row["obs_id"]


def test_the_range_filter_and_its_filename(client):
    response = client.get("/api/v1/observations.csv?series=trade.by_ua.turnover&from=2021&to=2022")
    assert response.status_code == 200
    assert "_2021-2022.csv" in response.headers["Content-Disposition"]
    periods = {r["period"] for r in read_csv(response)}
    assert periods == {"2021", "2022", "2022-02", "2022-08", "2022-01/2022-07"}


def test_all_observations_come_back_as_rfc4180_csv(client, dataset):
    response = client.get("/api/v1/observations.csv")
    body = response.get_data(as_text=True)
    assert body.count("\r\n") == len(dataset.observations) + 1 + body.count('"\r\n"')
    assert len(read_csv(response)) == len(dataset.observations)


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/v1/series/nope.csv", 404, "unknown series"),
        ("/api/v1/observations.csv?series=trade.by_ua.turnover,nope", 404, "unknown series 'nope'"),
        ("/api/v1/series/trade.by_ua.turnover.json?from=20x2", 400, "'from' must be a year"),
        ("/api/v1/observations.parquet?colour=blue", 400, "unknown parameter(s): colour"),
        ("/api/v1/sources.json?from=2012", 400, "unknown parameter(s): from"),
        ("/api/v1/observations.csv?from=abc", 400, "'from' must be a year"),
        ("/api/v1/observations.csv?from=2022&to=2012", 400, "'from' is after 'to'"),
        ("/charts/nope.png", 404, "unknown chart"),
    ],
)
def test_bad_requests_get_a_json_error_not_a_stack_trace(client, path, status, message):
    response = client.get(path)
    assert response.status_code == status
    assert message in response.get_json()["error"]


def test_every_page_is_served(client):
    import dash

    paths = [page["path"] for page in dash.page_registry.values()]
    assert paths, "the app registers its pages"
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.get_data(as_text=True)


def test_the_series_catalogue_lists_units_coverage_and_links(client, dataset):
    catalogue = client.get("/api/v1/series").get_json()
    assert catalogue["data_version"] == dataset.version
    entry = next(s for s in catalogue["series"] if s["series_id"] == "trade.by_ua.turnover")
    rows = dataset.observations[dataset.observations["series_id"] == "trade.by_ua.turnover"]
    first = rows.sort_values("period_start").iloc[0]["period"]
    assert entry["unit"] == "USD" and entry["first_period"] == first
    assert entry["observations"] == len(rows)
    assert entry["derived"] == int((rows["qualifier"] == "derived").sum())
    assert client.get(entry["csv"]).status_code == 200
    assert len(catalogue["series"]) == dataset.series["series_id"].nunique()


def test_a_series_as_json_keeps_the_citation_on_every_row(client, dataset):
    payload = client.get("/api/v1/series/trade.by_ua.imports.json").get_json()
    assert payload["series"]["unit"] == "USD"
    rows = payload["observations"]
    assert len(rows) == int((dataset.observations["series_id"] == "trade.by_ua.imports").sum())
    assert all(r["citation"] and (r["evidence"] or r["method"]) for r in rows)


def test_observations_as_parquet_match_the_csv(client):
    import io

    import pandas as pd

    parquet = pd.read_parquet(io.BytesIO(client.get("/api/v1/observations.parquet?from=2021").data))
    csv_rows = read_csv(client.get("/api/v1/observations.csv?from=2021"))
    assert sorted(parquet["obs_id"]) == sorted(r["obs_id"] for r in csv_rows)
    assert list(parquet.columns) == list(EXTRACT_COLUMNS)


def test_the_bibliography_as_json_and_bibtex(client, dataset):
    sources = client.get("/api/v1/sources.json").get_json()["sources"]
    assert {s["source_id"] for s in sources} == set(dataset.sources["source_id"])
    bib = client.get("/api/v1/sources.bib")
    assert bib.mimetype == "application/x-bibtex"
    assert bib.get_data(as_text=True).count("@misc{") == len(dataset.sources)


def test_responses_carry_etag_and_cache_control_and_revalidate(client):
    first = client.get("/api/v1/series/trade.by_ua.turnover.csv")
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    etag = first.headers["ETag"]
    again = client.get("/api/v1/series/trade.by_ua.turnover.csv", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data


def test_the_chart_catalogue_links_pages_images_and_embeds(client, registry):
    charts = client.get("/api/v1/charts").get_json()["charts"]
    assert [c["chart_id"] for c in charts] == [c.chart_id for c in registry.charts]
    first = charts[0]
    assert first["png"] == f"/charts/{first['chart_id']}.png"
    assert client.get(first["page"].split("?")[0]).status_code == 200


def test_as_of_gives_what_the_documents_had_said_by_then(client):
    """An ALFRED-style vintage: as of December 2019 exactly the documents written by then count
    (the 2018 and 2019 articles and the older reports), none written later."""
    import csv as _csv
    import io as _io

    def rows_of(url: str) -> list[dict[str, str]]:
        response = client.get(url)
        assert response.status_code == 200
        return list(_csv.DictReader(_io.StringIO(response.get_data(as_text=True))))

    response = client.get("/api/v1/observations.csv?as_of=2019-12")
    assert "as-of-2019-12" in response.headers["Content-Disposition"]
    rows = rows_of("/api/v1/observations.csv?as_of=2019-12")
    everything = rows_of("/api/v1/observations.csv")
    written_by_then = {r["source_id"] for r in everything if r["as_of"] <= "2019-12"}
    assert {"moshes-nizhnikau-2018", "imminent-union-2019"} <= written_by_then
    assert rows and {r["source_id"] for r in rows} == written_by_then
    assert all(r["as_of"] <= "2019-12" for r in rows)
    assert "rad-chornogor-2024" in {r["source_id"] for r in everything} - written_by_then


def test_a_malformed_as_of_is_a_400_with_a_message(client):
    for bad in ("December", "2019-13", "2019-02-30", "20199"):
        response = client.get(f"/api/v1/observations.csv?as_of={bad}")
        assert response.status_code == 400, bad
        assert "as_of" in response.get_json()["error"]


def test_the_public_api_has_no_route_made_for_tests(client):
    assert client.get("/api/v1/charts/ua-turnover/obs_ids").status_code == 404
