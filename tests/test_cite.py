"""'Cite this chart': the view's citation as text and BibTeX, beside every chart and in the
embed, crediting exactly the documents the view's figures come from."""

from __future__ import annotations

import html
import io
import re

import pandas as pd
import pytest

from dashboard.charts.citation import chart_citation
from dashboard.charts.state import default_state


def _documents_behind(client, dataset, spec, state) -> set[str]:
    """From the API, as an analyst would: the view's extract, plus its series' undated figures
    (the chart's notes cite those)."""
    query = f"series={','.join(state.series)}"
    query += f"&from={state.start_year}" if state.start_year else ""
    query += f"&to={state.end_year}" if state.end_year else ""
    csv = pd.read_csv(io.BytesIO(client.get(f"/api/v1/observations.csv?{query}").get_data()))
    obs = dataset.observations
    undated = obs[obs["series_id"].isin(state.series) & (obs["period_kind"] == "undated")]
    return set(csv["source_id"]) | set(undated["source_id"])


def test_every_charts_citation_credits_exactly_the_documents_behind_its_view(
    app, client, dataset, registry
):
    short = dataset.sources.set_index("source_id")["short_citation"]
    for spec in registry.charts:
        state = default_state(spec)
        citation = chart_citation(spec, dataset, state, "https://example.org")
        expected = _documents_behind(client, dataset, spec, state)
        assert set(citation.source_ids) == expected, spec.chart_id
        for source_id in expected:
            assert short[source_id] in citation.text, (spec.chart_id, source_id)
        assert spec.title in citation.text and f"https://example.org/{spec.page}" in citation.text


def test_the_bibtex_holds_the_chart_then_each_document_it_draws_on(app, dataset, registry):
    spec = registry.get("ua-turnover")
    citation = chart_citation(spec, dataset, default_state(spec), "https://example.org")
    keys = re.findall(r"^@\w+\{([^,]+),", citation.bibtex, re.M)
    assert keys == ["belarus-indicators-ua-turnover", *citation.source_ids]
    assert citation.bibtex.count("{") == citation.bibtex.count("}")
    assert " & " not in citation.bibtex.split("\n\n")[0], "LaTeX's & is escaped"


def test_the_explorer_shows_the_citation_of_the_view_in_its_url(app, dataset, registry):
    import dash

    page = next(p for p in dash.page_registry.values() if p["path"] == "/trade")
    with app.server.test_request_context("/trade"):
        layout = str(page["layout"](chart="ua-turnover", **{"from": "2022"}))
    spec = registry.get("ua-turnover")
    from dashboard.charts.state import parse_state

    with app.server.test_request_context("/trade"):
        state, _ = parse_state({"chart": "ua-turnover", "from": "2022"}, "trade", registry, dataset)
        citation = chart_citation(spec, dataset, state, "http://localhost")
    assert "Cite this chart" in layout and citation.text in layout


@pytest.mark.parametrize("chart_id", ["ua-turnover", "polls"])
def test_the_embed_carries_the_same_citation(client, app, dataset, registry, chart_id):
    spec = registry.get(chart_id)
    citation = chart_citation(spec, dataset, default_state(spec), "http://localhost")
    page = client.get(f"/embed/{chart_id}").get_data(as_text=True)
    assert "Cite this chart" in page
    assert html.escape(citation.text) in page and html.escape(citation.bibtex.strip()) in page
