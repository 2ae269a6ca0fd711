"""charts.yaml: the topic pages it declares become the site's pages and navigation, and a
declaration naming something that does not exist stops the site at start with where and what."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dashboard.charts.declarations import (
    CHARTS_FILE,
    ChartDeclarationError,
    declared_pages,
    load_charts,
)
from dashboard.site.layout import NAV


def _variant(tmp_path: Path, change) -> Path:
    document = yaml.safe_load(CHARTS_FILE.read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "charts.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_every_declared_page_is_in_the_navigation_in_its_order():
    pages = declared_pages()
    topic_links = [(path, label) for path, label in NAV if path in {p.path for p in pages}]
    assert topic_links == [(p.path, p.nav) for p in pages]


def test_every_declared_page_is_a_registered_page_with_its_heading(app):
    import dash

    registered = {page["path"]: page["name"] for page in dash.page_registry.values()}
    for page in declared_pages():
        assert registered[page.path] == page.name


def test_every_chart_is_on_a_declared_page(dataset):
    ids = {p.page_id for p in declared_pages()}
    assert {chart.page for chart in load_charts(dataset).charts} <= ids


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["charts"][0].update(page="nowhere"), "page must be one of"),
        (lambda d: d["pages"].append(dict(d["pages"][0])), "duplicate page ids"),
        (lambda d: d["pages"][0].pop("intro"), "missing 'intro'"),
        (
            lambda d: d["pages"].append({"id": "empty", "name": "E", "nav": "E", "intro": "E."}),
            "page empty: has no charts",
        ),
        (lambda d: d["charts"][0].update(series=["no.such_series"]), "unknown series"),
    ],
)
def test_a_wrong_declaration_is_refused_with_where_and_what(tmp_path, dataset, change, message):
    with pytest.raises(ChartDeclarationError, match=message):
        load_charts(dataset, _variant(tmp_path, change))


def test_make_etl_refuses_a_chart_naming_a_series_the_data_lacks(parquet_dir, tmp_path, capsys):
    from dashboard.charts.__main__ import main
    from dashboard.charts.declarations import CHARTS_FILE

    charts = tmp_path / "charts.yaml"
    text = CHARTS_FILE.read_text(encoding="utf-8")
    charts.write_text(text.replace("[trade.by_ua.turnover]", "[trade.by_ua.turnovre]", 1), "utf-8")
    assert main(["--charts", str(charts), "--data", str(parquet_dir)]) == 1
    err = capsys.readouterr().err
    assert "unknown series 'trade.by_ua.turnovre' — fix: declare it in series.yaml" in err
    assert main(["--data", str(parquet_dir)]) == 0
