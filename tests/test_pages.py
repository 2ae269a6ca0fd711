"""Each page's layout, rendered on the server from a URL's query, holds what a reader needs."""

from __future__ import annotations

import sys

import dash
import pandas as pd
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


def _is_check_card(node) -> bool:
    classes = (getattr(node, "className", "") or "").split()
    return type(node).__name__ == "Article" and "check" in classes and "disagreement" not in classes


def test_the_quality_page_shows_both_sides_of_each_check(app, dataset):
    """One card per row of the checks table: its verdict, the figures on both sides (the check's
    message, without its status word), and what each side rests on — the claim's quote, every
    stated figure's quote with its source and place in it, and a derived figure's method."""
    cards = [text_of(c) for c in find(render("/quality"), _is_check_card)]
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


def test_the_quality_page_quotes_both_sides_of_each_disagreement_in_words(app, dataset):
    """A disagreement is not a check: no verdict, both documents quoted with their place, and
    the curator's reading."""
    assert not dataset.disagreements.empty
    page = render("/quality")
    cards = [
        text_of(c)
        for c in find(page, lambda n: "disagreement" in (getattr(n, "className", "") or ""))
        if type(c).__name__ == "Article"
    ]
    assert len(cards) == len(dataset.disagreements)
    citations = dataset.sources.set_index("source_id")["short_citation"]
    for row in dataset.disagreements.itertuples():
        (card,) = [c for c in cards if c.startswith(row.about)]
        for side in ("", "versus_"):
            source, locator, quote = (
                getattr(row, side + "source_id"),
                getattr(row, side + "locator"),
                getattr(row, side + "evidence"),
            )
            assert citations[source] in card and locator in card and quote in card, side
        assert row.note in card
        assert "consistent" not in card.split(row.note)[0], "no verdict on a disagreement"
    assert set(dataset.disagreements["quote_link"].dropna()) <= _hrefs(page)


def test_the_quality_page_counts_the_pairs_of_documents_it_compared(app, dataset):
    from etl.checks import pairs_compared

    compared, contradicting = pairs_compared(
        dataset.checks["kind"], dataset.checks["scope"], dataset.checks["status"]
    )
    words = text_of(render("/quality"))
    assert (
        f"{compared} pair(s) of figures from different documents on the same series and an "
        f"overlapping period compared" in words
    )
    assert f"{contradicting} contradict each other" in words


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


# --- the series list ---------------------------------------------------------------------------


def _is(kind: str):
    return lambda n: type(n).__name__ == kind


def test_the_series_list_groups_every_comparable_series_by_topic_and_indicator(
    app, registry, dataset
):
    """Each topic a fieldset named by its legend, each indicator of a topic that has several a
    fieldset of its own; every series the chart may draw listed once, the chart's own ticked;
    and the one value the server and URL read holds exactly the ticked series."""
    from dashboard.charts.state import comparable_series
    from dashboard.model.formatting import name_words
    from dashboard.site.series_picker import GROUP, PICKER, SERIES, series_groups

    titles = dataset.series.set_index("series_id")
    grouped_somewhere = 0
    for spec in registry.charts:
        layout = render(f"/{spec.page}", chart=spec.chart_id)
        picker = by_id(layout, PICKER)
        lists = find(picker, lambda n: isinstance(getattr(n, "id", None), dict))
        checklists = [n for n in lists if n.id.get("type") == GROUP]
        listed = [option["value"] for n in checklists for option in n.options]
        assert sorted(listed) == sorted(comparable_series(spec, dataset)), spec.chart_id
        assert len(listed) == len(set(listed))
        ticked = [v for n in checklists for v in n.value]
        assert set(ticked) == set(spec.series)
        assert by_id(layout, SERIES).value == list(spec.series)
        groups = series_groups(spec, dataset)
        if len(groups) == 1:
            continue
        grouped_somewhere += 1
        topics = [f for f in find(picker, _is("Fieldset")) if "series-topic" in f.className]
        assert [f.children[0].children for f in topics] == list(
            dict.fromkeys(name_words(g.topic) for g in groups)
        ), spec.chart_id
        for topic in topics:
            members = find(topic, _is("Checklist"))
            indicators = {titles.loc[o["value"], "indicator"] for n in members for o in n.options}
            inner = [f for f in find(topic, _is("Fieldset")) if f is not topic]
            if len(indicators) > 1:
                assert sorted(f.children[0].children for f in inner) == sorted(
                    name_words(i) for i in indicators
                ), spec.chart_id
            else:
                assert not inner, "one indicator needs no legend of its own"
    assert grouped_somewhere, "some chart may draw series of several topics"


def test_a_series_list_past_a_screenful_has_a_labelled_filter_box_and_a_status(
    app, registry, dataset
):
    from dashboard.charts.state import comparable_series
    from dashboard.site.series_picker import FILTER, FILTER_STATUS, PICKER, SCREENFUL

    seen = set()
    for spec in registry.charts:
        layout = render(f"/{spec.page}", chart=spec.chart_id)
        picker = by_id(layout, PICKER)
        long = len(comparable_series(spec, dataset)) > SCREENFUL
        seen.add(long)
        boxes = [n for n in find(picker, _is("Input")) if n.id == FILTER]
        assert len(boxes) == int(long), spec.chart_id
        if long:
            box = boxes[0]
            assert box.type == "search"
            labels = [n for n in find(picker, _is("Label")) if n.htmlFor == FILTER]
            assert len(labels) == 1 and labels[0].children, "the box has a label"
            status = by_id(picker, FILTER_STATUS)
            assert status.role == "status"
            # the label comes before the box, the box before the list: a sane focus order
            order = [n for n in find(picker, lambda n: True) if n in (labels[0], box, status)]
            assert order == [labels[0], box, status]
    assert seen == {True, False}, "the data has both a long list and a short one"


# --- the Overview's cards ------------------------------------------------------------------


def _quotable(obs, questioned) -> bool:
    return (
        obs["period_kind"] != "undated"
        and obs["qualifier"] not in ("derived", "forecast")
        and obs["obs_id"] not in questioned
    )


def _charted_in_page_order(registry) -> dict[str, str]:
    """series_id → the first chart drawing it by default, pages in the navigation's order."""
    first: dict[str, str] = {}
    for page in registry.pages:
        for chart in registry.for_page(page):
            for series_id in chart.series:
                first.setdefault(series_id, chart.chart_id)
    return first


def test_each_topic_card_shows_its_newest_quotable_figure_and_links_to_its_chart(
    app, registry, dataset
):
    """One card per topic that has one: of the series charts draw by default (changes and
    indices aside),
    the newest figure a document states as what was — dated, not derived, not a forecast, no
    check questioning it — shown as worded, with its period and source, linking to the first
    chart that draws it."""
    from dashboard.charts.marks import questioned_points
    from dashboard.model.formatting import format_observed, format_period

    questioned = questioned_points(dataset)
    series = dataset.series.set_index("series_id")
    sources = dataset.sources.set_index("source_id")
    first_chart = _charted_in_page_order(registry)
    newest: dict[str, pd.Timestamp] = {}
    for series_id in first_chart:
        if series.loc[series_id, "measure"] in ("change", "index"):
            continue
        rows = dataset.observations[dataset.observations["series_id"] == series_id]
        ends = [
            pd.Timestamp(o["period_end"]) for _, o in rows.iterrows() if _quotable(o, questioned)
        ]
        topic = series.loc[series_id, "topic"]
        if ends:
            newest[topic] = max([*ends, newest.get(topic, pd.Timestamp.min)])
    cards = find(render("/"), _is("Article"))
    assert len(cards) == len(newest) > 0
    topics_shown = []
    for card in cards:
        link = find(card, lambda n: type(n).__name__ == "Link")[0]
        title = text_of(link)
        series_id = series.index[series["title"] == title][0]
        spec = registry.get(first_chart[series_id])
        assert link.href.startswith(f"/{spec.page}?chart={spec.chart_id}&")
        topic = series.loc[series_id, "topic"]
        topics_shown.append(topic)
        shown = text_of(card)
        rows = dataset.observations[dataset.observations["series_id"] == series_id]
        matches = [
            o
            for _, o in rows.iterrows()
            if _quotable(o, questioned)
            and pd.Timestamp(o["period_end"]) == newest[topic]
            and format_period(o["period"]) in shown
        ]
        assert matches, (topic, series_id)
        obs = matches[0]
        low, high = (None if pd.isna(v) else v for v in (obs["value_low"], obs["value_high"]))
        value = format_observed(
            obs["value"], low, high, obs["qualifier"], series.loc[series_id, "unit"]
        )
        assert value in shown and sources.loc[obs["source_id"], "short_citation"] in shown
    assert sorted(topics_shown) == sorted(newest), "one card per topic"


def test_a_newer_figure_moves_its_topics_card_unless_a_check_questions_it(registry, dataset):
    """The cards follow the data: a newer stated figure of another charted series of the topic
    takes the card; the same figure questioned by a failed check does not."""
    from dataclasses import replace as changed

    from dashboard.charts.headlines import headlines

    before = {h.topic: h for h in headlines(registry, dataset)}
    topic, card = next(iter(before.items()))
    series = dataset.series.set_index("series_id")
    first_chart = _charted_in_page_order(registry)
    rival = next(
        s
        for s in first_chart
        if s != card.series_id
        and series.loc[s, "topic"] == topic
        and series.loc[s, "measure"] not in ("change", "index")
        and (dataset.observations["series_id"] == s).any()
    )
    template = dataset.observations[dataset.observations["series_id"] == rival].iloc[0].copy()
    template["obs_id"] = f"{template['source_id']}/a-newer-figure"
    template["period"], template["period_kind"] = "2099", "year"
    template["period_start"] = pd.Timestamp(2099, 1, 1).date()
    template["period_end"] = pd.Timestamp(2099, 12, 31).date()
    template["qualifier"], template["caveat"] = "reported", None
    newer = changed(
        dataset,
        observations=pd.concat([dataset.observations, template.to_frame().T], ignore_index=True),
    )
    moved = {h.topic: h for h in headlines(registry, newer)}
    assert (moved[topic].series_id, moved[topic].obs_id) == (rival, template["obs_id"])
    failed = dataset.checks.iloc[[0]].copy()
    failed["check_id"], failed["status"] = "test/questioned", "inconsistent"
    failed["scope"], failed["kind"], failed["claim_id"] = "within one document", "test", None
    failed["obs_ids"] = [[template["obs_id"]]]
    failed["message"] = "inconsistent: a test check"
    doubted = changed(newer, checks=pd.concat([dataset.checks, failed], ignore_index=True))
    assert {h.topic: h for h in headlines(registry, doubted)}[topic] == before[topic]


# --- Sources by kind, coverage, pages -------------------------------------------------------


def test_the_sources_page_groups_the_documents_by_the_kind_their_records_state(app, dataset):
    """Known kinds first, in the dataset's order, then others, then documents of no recorded
    kind; each document once, under its own kind, with its facts and how to cite it."""
    from dataclasses import replace as changed

    from dashboard.model.documents import KIND_HEADINGS, UNRECORDED, documents_by_kind

    page = sys.modules[
        next(p for p in dash.page_registry.values() if p["path"] == "/sources")["module"]
    ]
    contents, kind_section = page.contents, page.kind_section

    ids = list(dataset.sources.sort_values("date")["source_id"])
    assert len(ids) >= 4
    stated = {ids[0]: "news report", ids[1]: "policy article", ids[2]: "memoir"}
    sources = dataset.sources.assign(kind=[stated.get(i) for i in dataset.sources["source_id"]])
    data = changed(dataset, sources=sources)
    groups = documents_by_kind(data)
    assert [g.kind for g in groups] == ["policy article", "news report", "memoir", None]
    assert [g.heading for g in groups][:2] == [
        KIND_HEADINGS["policy article"],
        KIND_HEADINGS["news report"],
    ]
    assert groups[-1].heading == UNRECORDED
    for group in groups:
        members = list(group.sources["source_id"])
        assert all(stated.get(i) == group.kind for i in members)
        assert members == sorted(members, key=ids.index), "oldest first"
        section = kind_section(data, group)
        headings = [text_of(h) for h in find(section, _is("H2"))]
        assert headings == [f"{group.heading} ({len(members)})"]
        text = str(section)
        for source in group.sources.itertuples():
            assert source.title in text and source.citation in text
            assert f"@misc{{{source.source_id}" in text
    assert sorted(i for g in groups for i in g.sources["source_id"]) == sorted(ids)
    links = {a.href for a in find(contents(groups), _is("A"))}
    assert {f"#source-{i}" for i in ids} | {f"#{g.anchor}" for g in groups} == links


def test_without_any_kind_recorded_the_sources_page_lists_every_document_under_one_heading(
    app, dataset
):
    from dataclasses import replace as changed

    from dashboard.model.documents import ALL_DOCUMENTS, documents_by_kind

    data = changed(dataset, sources=dataset.sources.assign(kind=None))
    groups = documents_by_kind(data)
    assert [(g.heading, len(g.sources)) for g in groups] == [(ALL_DOCUMENTS, len(dataset.sources))]
    page = render("/sources")
    assert len(find(page, _is("H1"))) == 1
    assert len(find(page, lambda n: getattr(n, "className", None) == "source")) == len(
        dataset.sources
    )


@pytest.mark.parametrize(
    ("first", "last", "undated", "said"),
    [
        ("2019", "2019", False, "2019"),
        ("2023-10/2024-12", "2023-10/2024-12", False, "Oct 2023–Dec 2024"),
        ("2012", "2023-01/2023-07", False, "2012 – Jan–Jul 2023"),
        ("2012", "2013", True, "2012 – 2013; undated"),
        (None, None, True, "undated"),
    ],
)
def test_a_coverage_says_each_period_once(first, last, undated, said):
    from dashboard.model.formatting import format_coverage

    assert format_coverage(first, last, undated) == said


def test_the_data_page_never_repeats_a_period_in_a_coverage(app, dataset):
    from dashboard.model.formatting import format_period

    rows = find(render("/data"), _is("Tr"))
    header = [text_of(th) for th in find(rows[0], _is("Th"))]
    column = header.index("Coverage")
    cells = [text_of(find(row, _is("Td"))[column]) for row in rows[1:]]
    assert cells
    for cell in cells:
        parts = [p.strip() for p in cell.removesuffix("; undated").split(" – ")]
        assert len(parts) == len(set(parts)), cell
        assert cell.count("undated") <= 1, cell
    periods = dataset.observations.groupby("series_id")["period"].agg(set)
    singles = [next(iter(p)) for p in periods if len(p) == 1 and "undated" not in p]
    assert any(format_period(p) in cells for p in singles), "a series of one period says it once"


ECONOMY_SITE = """
import json, sys
from pathlib import Path

import dashboard.charts.declarations as declarations

declarations.CHARTS_FILE = Path(sys.argv[1])
from dashboard.app import create_app
from dashboard.model.data import load_dataset

client = create_app(load_dataset(sys.argv[2]), site_root=None).server.test_client()
page = client.get("/economy")
print(json.dumps({"status": page.status_code, "page": page.get_data(as_text=True),
                  "overview": client.get("/").get_data(as_text=True)}))
"""


def test_a_topic_page_declared_in_charts_yaml_is_served_with_no_code_of_its_own(
    parquet_dir, tmp_path
):
    """An Economy page is one entry under ``pages:`` and the charts that name it: the site
    registers it, links it in the navigation and serves its explorer, first view included."""
    import json
    import subprocess
    from html import escape

    import yaml

    from dashboard.charts.declarations import CHARTS_FILE

    document = yaml.safe_load(CHARTS_FILE.read_text(encoding="utf-8"))
    if not any(p["id"] == "economy" for p in document["pages"]):
        document["pages"].insert(
            -1,
            {"id": "economy", "name": "Economy", "nav": "Economy", "intro": "Output and prices."},
        )
        document["charts"].append(
            {
                "id": "economy-test",
                "page": "economy",
                "title": "Foreign exchange reserves",
                "series": ["debt.fx_reserves"],
            }
        )
    charts = tmp_path / "charts.yaml"
    charts.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    title = next(c["title"] for c in document["charts"] if c["page"] == "economy")
    result = subprocess.run(
        [sys.executable, "-c", ECONOMY_SITE, str(charts), str(parquet_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    served = json.loads(result.stdout.splitlines()[-1])
    assert served["status"] == 200
    assert "<h1>Economy</h1>" in served["page"]
    assert 'aria-label="Charts on this page"' in served["page"], "its explorer, with its tabs"
    assert escape(title) in served["page"] and 'class="first-chart"' in served["page"]
    assert 'href="/economy"' in served["overview"], "the navigation links it"


def test_a_long_series_list_folds_the_topics_the_chart_draws_nothing_of(registry, dataset):
    """Past a screenful each topic folds under a summary naming it and its count, open where
    the view draws one of its series: the keyboard passes a closed topic in one Tab."""
    from dashboard.charts.state import comparable_series
    from dashboard.model.formatting import name_words
    from dashboard.site.series_picker import PICKER, SCREENFUL, TOPIC_BOX

    topics = dataset.series.set_index("series_id")["topic"]
    folded_somewhere = False
    for spec in registry.charts:
        options = comparable_series(spec, dataset)
        layout = render(f"/{spec.page}", chart=spec.chart_id)
        folds = find(by_id(layout, PICKER), _is("Details"))
        if len(options) <= SCREENFUL or len({topics[s] for s in options}) == 1:
            assert not folds, spec.chart_id
            continue
        folded_somewhere = True
        assert [f.id["type"] for f in folds] == [TOPIC_BOX] * len(folds)
        for fold in folds:
            topic = fold.id["group"]
            members = [s for s in options if topics[s] == topic]
            assert text_of(fold.children[0]) == f"{name_words(topic)} ({len(members)})"
            assert fold.open == any(s in spec.series for s in members), (spec.chart_id, topic)
    assert folded_somewhere
