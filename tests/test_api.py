"""The CSV routes: citations on every row, the same rows as the parquet, and clear 4xx errors."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.extract import EXTRACT_COLUMNS


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


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
        ("/api/v1/observations.csv?series=trade.by_ua.turnover,nope", 404, "unknown series: nope"),
        ("/api/v1/observations.csv?from=abc", 400, "'from' must be a year"),
        ("/api/v1/observations.csv?from=2022&to=2012", 400, "'from' is after 'to'"),
        ("/api/v1/charts/nope/obs_ids", 404, "unknown chart"),
    ],
)
def test_bad_requests_get_a_json_error_not_a_stack_trace(client, path, status, message):
    response = client.get(path)
    assert response.status_code == status
    assert message in response.get_json()["error"]


def test_every_page_is_served(client):
    for path in (
        "/",
        "/trade",
        "/energy",
        "/subsidies",
        "/debt",
        "/more",
        "/sources",
        "/quality",
        "/data",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.get_data(as_text=True)
