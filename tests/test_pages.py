"""Each page's layout, rendered on the server from a URL's query, holds what a reader needs."""

from __future__ import annotations

import dash
import pytest


@pytest.fixture(autouse=True)
def in_a_request(app):
    """Dash renders a page's layout while the app answers a request: so do these tests."""
    with app.server.test_request_context("/"):
        yield


def render(path: str, **query: str):
    page = next(p for p in dash.page_registry.values() if p["path"] == path)
    return page["layout"](**query)


def find(component, predicate) -> list:
    """Components matching ``predicate``, in document order."""
    if isinstance(component, list | tuple):
        return [match for child in component for match in find(child, predicate)]
    found = [component] if predicate(component) else []
    children = getattr(component, "children", None)
    if children is not None and not isinstance(children, str):
        found += find(children, predicate)
    return found


def by_id(component, component_id):
    matches = find(component, lambda n: getattr(n, "id", None) == component_id)
    assert len(matches) == 1, component_id
    return matches[0]


def test_a_topic_page_renders_the_view_its_url_describes(app):
    layout = render("/trade", chart="ua-flows", view="table", events="off", **{"from": "2021"})
    assert by_id(layout, "control-view").value == "table"
    assert by_id(layout, "control-events").value == []
    assert by_id(layout, "control-from").value == 2021
    assert by_id(layout, "graph-container").style == {"display": "none"}
    assert by_id(layout, "chart-title").children.startswith("Belarus sold Ukraine far more")
    figure = by_id(layout, "explorer-graph").figure
    assert "title" not in figure["layout"], "the page's title is HTML, which wraps"


def test_an_invalid_url_renders_defaults_and_says_why(app):
    layout = render("/trade", transform="bogus")
    notice = by_id(layout, "url-notice")
    assert "transform=bogus" in str(notice.children)
    assert by_id(layout, "control-transform").value == "level"


def test_the_table_view_has_the_csv_columns_and_each_value_in_words_after_its_period(app):
    from dashboard.model.extract import EXTRACT_COLUMNS
    from dashboard.site.explorer import WORDS_COLUMN

    table = by_id(render("/trade", view="table"), "explorer-table")
    headers = [th.children for th in find(table, lambda n: type(n).__name__ == "Th")]
    assert [h for h in headers if h != WORDS_COLUMN] == list(EXTRACT_COLUMNS)
    assert headers[headers.index(WORDS_COLUMN) - 1] == "period"


def test_a_chart_view_sends_no_table_until_the_reader_asks_for_it(app):
    """The table is ~30 KB of components: chart views leave it empty, switching fills it."""
    assert by_id(render("/trade"), "explorer-table").children == []


def test_switching_to_the_table_fills_it_and_leaves_the_chart_as_it_is(app):
    from dash_requests import callback_body, callback_key

    client = app.server.test_client()
    client.get("/")  # Dash registers the callbacks on its first request
    key = callback_key(app, "..explorer-graph.figure")

    def switch_to(view: str):
        body = callback_body(
            app,
            key,
            [["trade.by_ua.turnover"], None, None, "level", None, view, ""],
            ["ua-turnover", "linear", ["on"]],
            changed="control-view.value",
        )
        return client.post("/_dash-update-component", json=body)

    filled = switch_to("table")
    assert filled.status_code == 200, filled.data[:300]
    changed = filled.get_json()["response"]
    assert set(changed) == {"explorer-table"}, "only the table changes"
    assert "Tbody" in str(changed["explorer-table"]["children"])
    assert switch_to("chart").status_code == 204, "back to the chart: nothing to send"


def test_the_navigation_links_every_registered_page_once(app):
    from dashboard.site.layout import NAV

    linked = [path for path, _ in NAV]
    assert len(set(linked)) == len(linked)
    assert set(linked) == {page["path"] for page in dash.page_registry.values()}


def test_every_page_has_one_h1(app):
    for page in dash.page_registry.values():
        layout = page["layout"]()
        assert len(find(layout, lambda n: type(n).__name__ == "H1")) == 1, page["path"]


def test_the_sources_page_lists_every_document_with_bibtex(app, dataset):
    layout = render("/sources")
    text = str(layout)
    for source in dataset.sources.itertuples():
        assert source.title in text and f"@misc{{{source.source_id}" in text


def text_of(component) -> str:
    """The text a reader sees in a component: its children's strings, in order."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return "".join(text_of(child) for child in component)
    children = getattr(component, "children", None)
    return "" if children is None else text_of(children)


def test_the_quality_page_shows_both_sides_of_each_check(app, dataset):
    """One card per row of the checks table: its verdict, the figures on both sides (the check's
    message, without its status word), and what each side rests on — the claim's quote, every
    stated figure's quote with its source and place in it, and a derived figure's method."""
    cards = [text_of(c) for c in find(render("/quality"), lambda n: type(n).__name__ == "Article")]
    assert len(cards) == len(dataset.checks)
    citations = dataset.sources.set_index("source_id")["short_citation"]
    observations = dataset.observations.set_index("obs_id")
    claims = dataset.claims.set_index("claim_id")
    for check in dataset.checks.itertuples():
        assert check.message.startswith(f"{check.status}: "), check.check_id
        figures = check.message.removeprefix(f"{check.status}: ")
        matching = [card for card in cards if figures in card]
        assert len(matching) == 1, (check.check_id, figures)
        card = matching[0]
        assert card.startswith(check.status), "the card opens with its status"
        verdict = check.status.capitalize()
        assert f"{verdict}: the stated " in card, card
        if check.status == "unusual":  # one figure against its series' range, not another
            assert "outside" in card and len(check.obs_ids) == 1
            continue
        assert " and the computed " in card, card
        if isinstance(check.claim_id, str):
            claim = claims.loc[check.claim_id]
            for shown in (citations[claim.source_id], claim.locator, claim.evidence):
                assert shown in card, (check.check_id, check.claim_id, shown)
        assert len(check.obs_ids) >= 2, "a check sets one figure against at least one other"
        for obs_id in check.obs_ids:
            obs = observations.loc[obs_id]
            if obs.qualifier == "derived":
                expected = (obs_id, obs.method)
            else:
                expected = (citations[obs.source_id], obs.locator, obs.evidence)
            for shown in expected:
                assert shown in card, (check.check_id, obs_id, shown)


def _hrefs(layout) -> set[str]:
    return {n.href for n in find(layout, lambda n: type(n).__name__ == "A") if n.href}


def test_the_sources_page_links_every_quoted_fact_to_the_original(app, dataset):
    observations = dataset.observations
    linked = observations[observations["quote_link"].notna()]
    assert not linked.empty
    assert set(linked["quote_link"]) <= _hrefs(render("/sources"))


def test_the_quality_page_links_each_quote_it_shows_that_has_a_link(app, dataset):
    observations = dataset.observations.set_index("obs_id")
    shown = {i for ids in dataset.checks["obs_ids"] for i in ids}
    links = {observations.loc[i, "quote_link"] for i in shown} | set(dataset.claims["quote_link"])
    wanted = {link for link in links if isinstance(link, str)}
    assert wanted and wanted <= _hrefs(render("/quality"))
