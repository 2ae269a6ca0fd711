"""Hosts: a request naming a Host the site does not trust gets 400, never a page; absolute links
use BELARUS_PUBLIC_URL when it is set, so a forged Host never reaches an embed code."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from dashboard.web.hosts import site_origin, trusted_hosts


@pytest.fixture
def configured_app(dataset, monkeypatch):
    monkeypatch.setenv("BELARUS_PUBLIC_URL", "https://indicators.example.org/")
    monkeypatch.setenv("BELARUS_TRUSTED_HOSTS", "mirror.example.net")
    return create_app(dataset)


@pytest.mark.parametrize(
    "path", ["/", "/trade", "/api/v1/series", "/healthz", "/embed/ua-turnover"]
)
def test_an_unknown_host_gets_400_on_every_route(app, path):
    response = app.server.test_client().get(path, headers={"Host": "attacker.example"})
    assert response.status_code == 400
    assert "is not served here" in response.get_data(as_text=True)


def test_an_unknown_host_gets_400_on_a_callback(app):
    response = app.server.test_client().post(
        "/_dash-update-component", json={}, headers={"Host": "attacker.example"}
    )
    assert response.status_code == 400


def test_loopback_hosts_are_always_answered(app):
    client = app.server.test_client()
    for host in ("localhost", "127.0.0.1:8050", "localhost:8050"):
        assert client.get("/healthz", headers={"Host": host}).status_code == 200, host


def test_the_public_and_listed_hosts_are_answered(configured_app):
    client = configured_app.server.test_client()
    for host in ("indicators.example.org", "mirror.example.net"):
        assert client.get("/healthz", headers={"Host": host}).status_code == 200, host
    assert client.get("/healthz", headers={"Host": "example.org"}).status_code == 400


def test_embed_codes_use_the_public_url_not_the_request_host(configured_app):
    client = configured_app.server.test_client()
    page = client.get("/trade", headers={"Host": "127.0.0.1:8050"}).get_data(as_text=True)
    assert "https://indicators.example.org/embed/" in page
    assert "http://127.0.0.1:8050/embed/" not in page


def test_without_a_public_url_links_use_the_trusted_request_host(app):
    with app.server.test_request_context("/", headers={"Host": "localhost:8050"}):
        assert site_origin() == "http://localhost:8050"


def test_a_malformed_public_url_is_refused_at_start(monkeypatch):
    monkeypatch.setenv("BELARUS_PUBLIC_URL", "indicators.example.org")
    with pytest.raises(ValueError, match="BELARUS_PUBLIC_URL"):
        trusted_hosts()


@pytest.mark.parametrize(
    "path",
    ["/api/v1/series", "/charts/polls.png", "/download/belarus-indicators.zip", "/embed/polls"],
)
def test_an_unknown_host_on_a_machine_route_gets_its_400_as_json(app, path):
    """Programs read the machine routes: their refusal is JSON, as their other errors are."""
    response = app.server.test_client().get(path, headers={"Host": "attacker.example"})
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    assert "is not served here" in response.get_json()["error"]


def test_an_unknown_host_on_a_page_gets_its_400_as_text(app):
    response = app.server.test_client().get("/trade", headers={"Host": "attacker.example"})
    assert response.status_code == 400 and response.mimetype == "text/plain"
