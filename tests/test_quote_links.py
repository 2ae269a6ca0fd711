"""The quote one click away: every citation — the record panel, the CSV, the API's JSON, the
embed — carries the link that opens the document's page scrolled to the quote."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
from dash import html

from dashboard.site.record import record_panel


def _linked(dataset) -> pd.DataFrame:
    observations = dataset.observations
    return observations[observations["quote_link"].notna()]


def _links_in(component) -> list[str]:
    found = []
    if isinstance(component, html.A):
        found.append(component.href)
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += _links_in(child)
    return found


def test_the_record_panel_opens_the_quote_in_the_original(dataset):
    for row in _linked(dataset).to_dict("records"):
        links = [link for part in record_panel(dataset, row["obs_id"]) for link in _links_in(part)]
        assert row["quote_link"] in links, row["obs_id"]


def test_a_record_without_a_link_offers_none(dataset):
    unlinked = dataset.observations[dataset.observations["quote_link"].isna()]
    row = unlinked.iloc[0]
    links = [link for part in record_panel(dataset, row["obs_id"]) for link in _links_in(part)]
    assert not any("#:~:text=" in link for link in links)


def test_the_quote_link_is_in_every_extract_row_that_has_one(client, dataset):
    frame = pd.read_csv(io.StringIO(client.get("/api/v1/observations.csv").get_data(as_text=True)))
    expected = dataset.observations.set_index("obs_id")["quote_link"]
    for row in frame.to_dict("records"):
        want = expected[row["obs_id"]]
        assert (pd.isna(want) and pd.isna(row["quote_link"])) or row["quote_link"] == want
    assert frame["quote_link"].notna().any()


def test_the_series_json_carries_each_rows_quote_link(client, dataset):
    series_id = _linked(dataset)["series_id"].iloc[0]
    rows = client.get(f"/api/v1/series/{series_id}.json").get_json()["observations"]
    expected = dataset.observations.set_index("obs_id")["quote_link"]
    for row in rows:
        want = expected[row["obs_id"]]
        assert row["quote_link"] == (None if pd.isna(want) else want)


def test_the_embed_shows_each_drawn_points_quote_and_link_on_click(client, dataset, registry):
    links = dataset.observations.set_index("obs_id")["quote_link"].to_dict()
    checked = 0
    for spec in registry.charts:
        page = client.get(f"/embed/{spec.chart_id}").get_data(as_text=True)
        figure = json.loads(re.search(r'id="figure">(.*?)</script>', page, re.S).group(1))
        quotes = json.loads(re.search(r'id="quotes">(.*?)</script>', page, re.S).group(1))
        drawn = {row[0] for t in figure["data"] for row in t.get("customdata") or () if row}
        assert set(quotes) == drawn & set(links), spec.chart_id
        for obs_id, shown in quotes.items():
            if isinstance(links[obs_id], str):
                assert shown["link"] == links[obs_id]
                checked += 1
    assert checked > 0
