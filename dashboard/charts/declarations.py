"""Chart declarations (``datasets/curated/charts.yaml``) as typed specs, checked against the data.

A declaration says *what* a chart shows; ``figures.py`` decides *how*. Checking declarations at
start means a typo in a series or event id fails loudly once, not as an empty chart for a reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from flask import Flask, current_app

from dashboard.model.data import Dataset

CHARTS_FILE = Path(__file__).resolve().parents[2] / "datasets" / "curated" / "charts.yaml"


class ChartDeclarationError(ValueError):
    """charts.yaml names something the data does not have; the message says what and where."""


@dataclass(frozen=True)
class ChartSpec:
    chart_id: str
    page: str
    tab: str
    title: str
    subtitle: str
    series: tuple[str, ...]
    unit: str
    events: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicPage:
    """A topic page: /<page_id>, its heading, its label in the navigation, its introduction."""

    page_id: str
    name: str
    nav: str
    intro: str

    @property
    def path(self) -> str:
        return f"/{self.page_id}"


def declared_pages(path: Path | None = None) -> tuple[TopicPage, ...]:
    """The topic pages charts.yaml declares, in order: the site registers one page for each.

    Read without the data (pages are registered when Dash imports them); every key is required
    and ids are unique, or the site does not start.
    """
    document = yaml.safe_load((path or CHARTS_FILE).read_text(encoding="utf-8")) or {}
    pages = []
    for index, raw in enumerate(document.get("pages") or []):
        where = f"pages[{index}] {raw.get('id', '?') if isinstance(raw, dict) else '?'}"
        _require(isinstance(raw, dict), where, "write id, name, nav and intro")
        for key in ("id", "name", "nav", "intro"):
            _require(bool(str(raw.get(key) or "").strip()), where, f"missing '{key}'")
        pages.append(TopicPage(raw["id"], raw["name"], raw["nav"], " ".join(raw["intro"].split())))
    ids = [p.page_id for p in pages]
    _require(bool(pages), "pages", "no topic pages declared")
    _require(len(ids) == len(set(ids)), "pages", "duplicate page ids")
    return tuple(pages)


@dataclass(frozen=True)
class ChartRegistry:
    charts: tuple[ChartSpec, ...]
    pages: tuple[str, ...] = ()
    """The topic pages' ids, in the navigation's order."""

    def get(self, chart_id: str) -> ChartSpec | None:
        return next((c for c in self.charts if c.chart_id == chart_id), None)

    def for_page(self, page: str) -> tuple[ChartSpec, ...]:
        return tuple(c for c in self.charts if c.page == page)


def _require(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise ChartDeclarationError(f"charts.yaml: {where}: {message}")


def load_charts(data: Dataset, path: Path | None = None) -> ChartRegistry:
    """Read and check every declaration against the loaded series and events (``path``:
    charts.yaml unless given)."""
    path = path or CHARTS_FILE
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    topic_pages = tuple(p.page_id for p in declared_pages(path))
    units = dict(zip(data.series["series_id"], data.series["unit"], strict=True))
    event_ids = set(data.events["event_id"])
    charts = []
    for index, raw in enumerate(document.get("charts", [])):
        where = f"charts[{index}] {raw.get('id', '?')}"
        series = tuple(raw.get("series", []))
        _require(bool(series), where, "declares no series")
        for series_id in series:
            _require(
                series_id in units,
                where,
                f"unknown series '{series_id}' — fix: declare it in series.yaml, or correct the id",
            )
        chart_units = {units[s] for s in series}
        _require(len(chart_units) == 1, where, f"mixes units {sorted(chart_units)}")
        for event in raw.get("events", []):
            _require(event in event_ids, where, f"unknown event '{event}'")
        _require(raw.get("page") in topic_pages, where, f"page must be one of {topic_pages}")
        charts.append(
            ChartSpec(
                chart_id=raw["id"],
                page=raw["page"],
                tab=raw.get("tab", raw["title"]),
                title=raw["title"],
                subtitle=raw.get("subtitle", ""),
                series=series,
                unit=chart_units.pop(),
                events=tuple(raw.get("events", [])),
                notes=tuple(raw.get("notes", [])),
            )
        )
    ids = [c.chart_id for c in charts]
    _require(len(ids) == len(set(ids)), "charts", "duplicate chart ids")
    for page in topic_pages:
        _require(any(c.page == page for c in charts), f"page {page}", "has no charts")
    return ChartRegistry(tuple(charts), topic_pages)


REGISTRY_KEY = "belarus.charts"


def install_registry(server: Flask, data: Dataset) -> ChartRegistry:
    """Check the declarations against ``data`` and put them on the app: a wrong charts.yaml
    stops the app at start, not on a reader's click."""
    registry = load_charts(data)
    server.extensions[REGISTRY_KEY] = registry
    return registry


def default_registry() -> ChartRegistry:
    """The declarations of the app handling this request (or whose app context is pushed)."""
    return current_app.extensions[REGISTRY_KEY]
