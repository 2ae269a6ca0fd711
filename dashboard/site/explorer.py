"""The chart explorer on every topic page: tabs, controls, chart or table, and the record panel.

State flows one way. A page's ``layout(**query)`` reads the URL and renders the complete view
(figure included, so the first chart needs no callback). Controls then change the view: changes
that need new data go to the server (series, range, transform); changes that need none run in the
browser (log scale, events, chart/table) — and every change rewrites the URL in place with
``history.replaceState``, so a copied link reproduces the view without re-rendering the page.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from urllib.parse import urlencode

import pandas as pd
from dash import (
    ALL,
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    dcc,
    html,
    no_update,
)
from dash.exceptions import PreventUpdate

from dashboard.charts.citation import ChartCitation, chart_citation
from dashboard.charts.declarations import ChartSpec, default_registry
from dashboard.charts.figures import (
    FigureOptions,
    build_figure,
    chart_events,
    describe,
    questioned_points,
    source_line,
)
from dashboard.charts.state import (
    RECORD_PARAMETER,
    TRANSFORMS,
    ViewState,
    comparable_series,
    document_dates,
    index_base_years,
    log_allowed,
    parse_state,
    state_query,
    transform_allowed,
    year_span,
)
from dashboard.model.data import Dataset, active_dataset
from dashboard.model.extract import EXTRACT_COLUMNS, extract, select_records
from dashboard.model.formatting import format_period, value_in_words
from dashboard.model.lookups import lookups
from dashboard.site.prerender import StaticChart, show_static_chart
from dashboard.site.record import RECORD_LINK, record_panel
from dashboard.site.series_picker import SERIES, series_picker
from dashboard.site.share import cite_panel, current_origin, image_query, share_panel

CHART_STORE = "explorer-chart"
GRAPH = "explorer-graph"
GRAPH_CONTAINER = "graph-container"
TABLE = "explorer-table"
TABLE_CONTAINER = "table-container"
NOTICE = "url-notice"
DESCRIPTION = "chart-description"
SOURCE = "chart-source"
RECORD = "record-panel"
DOWNLOAD = "download-csv"
DOWNLOAD_XLSX = "download-xlsx"
URL_SYNC = "url-sync"
RECORD_URL = "record-url"
POINT_STATUS = "chart-point-status"
CHART_KEYS = "Chart: the arrow keys move from point to point, Enter opens the point's record"
"""The chart box's label: how its points are reached from the keyboard (assets/chart-keys.js)."""
CONTROL = {
    "series": SERIES,
    "from": "control-from",
    "to": "control-to",
    "transform": "control-transform",
    "base": "control-base",
    "scale": "control-scale",
    "events": "control-events",
    "view": "control-view",
    "as_of": "control-as-of",
}
TRANSFORM_LABELS = {
    "level": "Level",
    "change": "% change on previous",
    "index": "Index (base year = 100)",
}
PAGE_FIGURE = FigureOptions(height=460, text_in_figure=False)
WORDS_COLUMN = "in words"
"""The table view's one column beyond the CSV's: each value as the chart draws it, in words."""
GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
    "toImageButtonOptions": {"format": "png", "width": 1200, "height": 675, "scale": 2},
}


def _fieldset(legend: str, control) -> html.Fieldset:
    return html.Fieldset([html.Legend(legend), control], className="control")


def _number(label: str, control_id: str, value: int | None, low: int, high: int) -> html.Div:
    return html.Div(
        [
            html.Label(label, htmlFor=control_id),
            dcc.Input(
                id=control_id,
                type="number",
                min=low,
                max=high,
                step=1,
                value=value,
                placeholder={"control-from": str(low), "control-to": str(high)}.get(control_id, ""),
                debounce=True,
                inputMode="numeric",
            ),
        ],
        className="control number",
    )


def controls(spec: ChartSpec, state: ViewState, data: Dataset) -> html.Div:
    options = comparable_series(spec, data)
    low, high = year_span(data, tuple(options))
    return html.Div(
        [
            series_picker(spec, state, data),
            html.Div(
                [
                    _number("From year", CONTROL["from"], state.start_year, low, high),
                    _number("To year", CONTROL["to"], state.end_year, low, high),
                ],
                className="control-row",
            ),
            _fieldset(
                "Transform",
                dcc.RadioItems(
                    id=CONTROL["transform"],
                    options=_transform_options(data, state.series),
                    value=state.transform,
                    className="options",
                ),
            ),
            _number("Index base year", CONTROL["base"], state.base_year, low, high),
            _fieldset(
                "Vertical axis",
                dcc.RadioItems(
                    id=CONTROL["scale"],
                    options=_scale_options(data, state),
                    value=state.scale,
                    className="options inline",
                ),
            ),
            _fieldset(
                "Annotations",
                dcc.Checklist(
                    id=CONTROL["events"],
                    options=[{"label": "Show events", "value": "on"}],
                    value=["on"] if state.events else [],
                    className="options",
                ),
            ),
            _vintages(data, state),
            _fieldset(
                "Show as",
                dcc.RadioItems(
                    id=CONTROL["view"],
                    options=[
                        {"label": "Chart", "value": "chart"},
                        {"label": "Table", "value": "table"},
                    ],
                    value=state.view,
                    className="options inline",
                ),
            ),
        ],
        className="controls",
    )


def _vintages(data: Dataset, state: ViewState) -> html.Details:
    """What the documents had said by a date: one choice per document date, folded under a
    summary (fifteen documents make a list longer than the rest of the panel), open when the
    view is of a date."""
    dates = document_dates(data)
    return html.Details(
        [
            html.Summary(f"What the documents said ({len(dates)} dates)"),
            _fieldset(
                "What the documents said",
                dcc.RadioItems(
                    id=CONTROL["as_of"],
                    options=[{"label": "All documents", "value": ""}]
                    + [
                        {"label": f"As of {format_period(label)} ({who})", "value": label}
                        for label, who in dates
                    ],
                    value=state.as_of or "",
                    className="options",
                ),
            ),
        ],
        open=bool(state.as_of),
        className="control-fold",
    )


def _transform_options(data: Dataset, series: tuple[str, ...]) -> list[dict]:
    amounts = transform_allowed(data, series)
    indexable = amounts and bool(index_base_years(data, series))
    return [
        {
            "label": TRANSFORM_LABELS[t],
            "value": t,
            "disabled": (t == "change" and not amounts) or (t == "index" and not indexable),
        }
        for t in TRANSFORMS
    ]


def _scale_options(data: Dataset, state: ViewState) -> list[dict]:
    positive = state.transform == "level" and log_allowed(data, state.series)
    return [
        {"label": "Linear", "value": "linear"},
        {"label": "Log", "value": "log", "disabled": not positive},
    ]


@lru_cache(maxsize=256)
def table_view(
    data: Dataset,
    series: tuple[str, ...],
    start_year: int | None,
    end_year: int | None,
    as_of: date | None = None,
) -> html.Table:
    """The extract as an HTML table: the same rows and columns as the CSV download, and after
    the period the value in words with everything the chart draws around it ("at least 40%",
    "30,000–40,000 persons (range)", "approximately …", "(forecast)", "(derived: <method>)",
    "⚠ <why a consistency check questions it>").

    Built only for the table view: at ~30 KB of component JSON it was most of a chart callback's
    response and time, for a table a chart reader never sees."""
    frame = extract(data, series, start_year, end_year, as_of)
    questioned = questioned_points(data)
    words = [
        value_in_words(
            row.value,
            row.value_low,
            row.value_high,
            row.qualifier,
            row.unit,
            row.method if isinstance(row.method, str) else None,
            questioned.get(row.obs_id),
        )
        for row in frame.itertuples()
    ]
    at = list(EXTRACT_COLUMNS).index("period") + 1
    columns = [*EXTRACT_COLUMNS[:at], WORDS_COLUMN, *EXTRACT_COLUMNS[at:]]

    def cell(value) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return ""
        if isinstance(value, float):
            return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
        return str(value)

    return html.Table(
        [
            html.Caption("Data behind the chart, one row per observation, with its citation"),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
            html.Tbody(
                [
                    html.Tr([html.Td(cell(v)) for v in [*row[:at], said, *row[at:]]])
                    for row, said in zip(frame.to_numpy(dtype=object).tolist(), words, strict=True)
                ]
            ),
        ],
        className="data-table",
    )


def _table_children(data: Dataset, state: ViewState) -> html.Table | list:
    """The table in a table view; nothing in a chart view (the browser asks for it on a switch)."""
    if state.view != "table":
        return []
    return table_view(data, state.series, state.start_year, state.end_year, state.as_of_end)


def chart_notes(spec: ChartSpec, data: Dataset) -> html.Div:
    """The chart's notes and the key to its numbered event markers, with their citations."""
    sources = lookups(data).sources
    events = chart_events(spec, data)
    parts = []
    if spec.notes:
        parts.append(html.Ul([html.Li(note) for note in spec.notes], className="chart-notes"))
    if events:
        parts.append(
            html.Ol(
                [
                    html.Li(
                        [
                            html.Strong(f"{format_period(e['date'])}: "),
                            e["label"],
                            html.Span(
                                f" — {sources[e['source_id']]['short_citation']}, “{e['locator']}”",
                                className="muted",
                            ),
                        ],
                        value=e["number"],
                    )
                    for e in events
                ],
                className="event-key",
                **{"aria-label": "Events marked on the chart"},
            )
        )
    return html.Div(parts, className="notes")


def csv_href(state: ViewState, extension: str = "csv") -> str:
    """The extract of exactly this view: CSV, or ``extension`` ('xlsx': the Excel workbook)."""
    params = [("series", ",".join(state.series))]
    if state.start_year:
        params.append(("from", str(state.start_year)))
    if state.end_year:
        params.append(("to", str(state.end_year)))
    if state.as_of:
        params.append(("as_of", state.as_of))
    return f"/api/v1/observations.{extension}?" + urlencode(params, safe=",")


def _notice(notices: list[str]) -> list:
    if not notices:
        return []
    return [html.Strong("Some link parameters were not understood. "), " ".join(notices)]


def static_chart(spec: ChartSpec, state: ViewState) -> StaticChart:
    """The view's chart as the first view draws it: an SVG of the page's own figure."""
    alt = f"Chart: {spec.title}"
    page_url = f"/{spec.page}{state_query(state)}"
    return StaticChart(spec.chart_id, image_query(state), PAGE_FIGURE.height, alt, page_url)


def explorer_layout(page: str, path: str, query: dict[str, str]) -> html.Section:
    """The whole explorer for a page, rendered from the URL's query parameters.

    A pure function of the data, the page, the query and the site's origin (in the share
    snippets), so each distinct page view is built once per process: building it took ~40 ms,
    most of a page load's server time under load (docs/benchmarks.md)."""
    key = tuple(sorted((str(k), v if isinstance(v, str) else str(v)) for k, v in query.items()))
    return _explorer_layout(active_dataset(), page, path, key, current_origin())


@lru_cache(maxsize=512)
def _explorer_layout(
    data: Dataset, page: str, path: str, query: tuple[tuple[str, str], ...], origin: str
) -> html.Section:
    registry = default_registry()
    wanted = dict(query)
    record = wanted.pop(RECORD_PARAMETER, None)  # a point's record link (the first view's chart)
    state, notices = parse_state(wanted, page, registry, data)
    spec = registry.get(state.chart_id)
    assert spec is not None
    shown = select_records(data, state.series, state.start_year, state.end_year, state.as_of_end)
    if record is not None and record not in {row["obs_id"] for row in shown}:
        notices.append(f"Ignored '{RECORD_PARAMETER}={record[:40]}': no such point in this view.")
        record = None
    figure = build_figure(spec, data, state, PAGE_FIGURE)
    description = describe(spec, data, state)
    tabs = [
        dcc.Link(
            [chart.tab, html.Span(" (shown)", className="visually-hidden")]
            if chart.chart_id == spec.chart_id
            else chart.tab,
            href=f"{path}{state_query(ViewState(chart.chart_id, chart.series))}",
            className="chart-tab active" if chart.chart_id == spec.chart_id else "chart-tab",
        )
        for chart in registry.for_page(page)
    ]
    graph = dcc.Graph(id=GRAPH, figure=figure, config=GRAPH_CONFIG, className="graph")
    if state.view == "chart":
        show_static_chart(graph, static_chart(spec, state))
    show_chart = {"display": "block" if state.view == "chart" else "none"}
    show_table = {"display": "block" if state.view == "table" else "none"}
    return html.Section(
        [
            html.Nav(tabs, className="chart-tabs", **{"aria-label": "Charts on this page"}),
            html.Div(
                _notice(notices),
                id=NOTICE,
                role="status",
                className="notice" if notices else "notice empty",
            ),
            dcc.Store(id=CHART_STORE, data=spec.chart_id),
            dcc.Store(id=URL_SYNC),
            dcc.Store(id=RECORD_URL),
            html.Div(
                [
                    html.Div(
                        [
                            html.H2(spec.title, id="chart-title", className="chart-title"),
                            html.P(spec.subtitle, className="chart-subtitle"),
                            html.Div(
                                graph,
                                id=GRAPH_CONTAINER,
                                style=show_chart,
                                tabIndex="0",
                                role="group",
                                className="graph-box",
                                **{"aria-label": CHART_KEYS},
                            ),
                            html.P(id=POINT_STATUS, role="status", className="visually-hidden"),
                            html.Div(
                                html.Div(
                                    _table_children(data, state),
                                    id=TABLE,
                                    className="table-scroll",
                                    tabIndex="0",
                                ),
                                id=TABLE_CONTAINER,
                                style=show_table,
                            ),
                            html.P(
                                source_line(data, (row["source_id"] for row in shown)),
                                id=SOURCE,
                                className="source-line",
                            ),
                            chart_notes(spec, data),
                            html.Div(
                                [
                                    html.H2("Text description", className="visually-hidden"),
                                    html.P(description, id=DESCRIPTION),
                                ],
                                className="description",
                            ),
                            html.Div(
                                [
                                    html.A(
                                        "Download CSV",
                                        id=DOWNLOAD,
                                        href=csv_href(state),
                                        className="button",
                                        download="",
                                    ),
                                    html.A(
                                        "Excel",
                                        id=DOWNLOAD_XLSX,
                                        href=csv_href(state, "xlsx"),
                                        className="button",
                                        download="",
                                        **{"aria-label": "Download as an Excel workbook"},
                                    ),
                                    share_panel(spec.chart_id, state, description),
                                    cite_panel(chart_citation(spec, data, state, origin)),
                                ],
                                className="chart-actions",
                            ),
                        ],
                        className="chart-area",
                    ),
                    html.Div(controls(spec, state, data), className="control-panel"),
                    html.Aside(
                        [
                            html.H2("Where this number comes from"),
                            html.Div(record_panel(data, record), id=RECORD),
                        ],
                        className="record-panel",
                        **{"aria-live": "polite"},
                    ),
                ],
                className="explorer-body",
            ),
        ],
        id="explorer",
    )


@callback(
    Output(GRAPH, "figure"),
    Output(DESCRIPTION, "children"),
    Output(TABLE, "children"),
    Output(SOURCE, "children"),
    Output(DOWNLOAD, "href"),
    Output(NOTICE, "children"),
    Output(NOTICE, "className"),
    Output(CONTROL["transform"], "options"),
    Output(CONTROL["scale"], "options"),
    Output(CONTROL["base"], "value"),
    Output(DOWNLOAD_XLSX, "href"),
    Output("cite-text", "value"),
    Output("cite-bibtex", "value"),
    Input(CONTROL["series"], "value"),
    Input(CONTROL["from"], "value"),
    Input(CONTROL["to"], "value"),
    Input(CONTROL["transform"], "value"),
    Input(CONTROL["base"], "value"),
    Input(CONTROL["view"], "value"),
    Input(CONTROL["as_of"], "value"),
    State(CHART_STORE, "data"),
    State(CONTROL["scale"], "value"),
    State(CONTROL["events"], "value"),
    prevent_initial_call=True,
)
def update_chart(series, start, end, transform, base, view, as_of, chart_id, scale, events):
    """Rebuild what depends on data; validation is the URL parser's, so both agree.

    Switching to the table (shown by the browser, ``explorer.setView``) only fills the table,
    which chart views leave empty."""
    spec = default_registry().get(chart_id) if isinstance(chart_id, str) else None
    if spec is None:
        raise PreventUpdate  # not a request this page sends
    series = [s for s in series if isinstance(s, str)] if isinstance(series, list) else []
    start, end, base = (v if isinstance(v, int | float) else None for v in (start, end, base))
    transform = transform if isinstance(transform, str) else "level"
    scale = scale if isinstance(scale, str) else "linear"
    view = view if isinstance(view, str) else "chart"
    query = {
        "chart": chart_id,
        "series": ",".join(series or []) or ",".join(spec.series),
        "from": "" if start is None else str(start),
        "to": "" if end is None else str(end),
        "transform": transform or "level",
        "base": "" if base is None else str(base),
        "scale": scale or "linear",
        "events": "on" if events else "off",
        "view": view or "chart",
        "as_of": as_of if isinstance(as_of, str) else "",
    }
    switched_view = ctx.triggered_id == CONTROL["view"]
    if switched_view and view != "table":
        raise PreventUpdate  # back to the chart, which the browser shows as it was
    query_items = tuple((k, v) for k, v in query.items() if v)
    outputs = _view(active_dataset(), query_items, spec.page, base, current_origin())
    if switched_view:
        return (no_update, no_update, outputs[2], *(no_update,) * (len(outputs) - 3))
    return outputs


@lru_cache(maxsize=1024)
def _view(
    data: Dataset, query: tuple[tuple[str, str], ...], page: str, base: int | None, origin: str
) -> tuple:
    """Everything the chart callback returns for one query: a pure function of the query over
    data that never changes in a process, so it is computed once per distinct view."""
    state, notices = parse_state(dict(query), page, default_registry(), data)
    spec = default_registry().get(state.chart_id)
    shown = select_records(data, state.series, state.start_year, state.end_year, state.as_of_end)
    return (
        build_figure(spec, data, state, PAGE_FIGURE),
        describe(spec, data, state),
        _table_children(data, state),
        source_line(data, (row["source_id"] for row in shown)),
        csv_href(state),
        _notice(notices),
        "notice" if notices else "notice empty",
        _transform_options(data, state.series),
        _scale_options(data, state),
        state.base_year if state.transform == "index" else base,
        csv_href(state, "xlsx"),
        *_citation_values(chart_citation(spec, data, state, origin)),
    )


def _citation_values(citation: ChartCitation) -> tuple[str, str]:
    return citation.text, citation.bibtex


@callback(
    Output(RECORD, "children"),
    Input(GRAPH, "clickData"),
    Input({"type": RECORD_LINK, "obs": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def open_record(click_data, _link_clicks):
    """A clicked point, or a clicked input of a derived point, opens that observation's record."""
    data = active_dataset()
    trigger = ctx.triggered_id
    if isinstance(trigger, dict) and isinstance(trigger.get("obs"), str):
        if not ctx.triggered[0]["value"]:
            return no_update  # the buttons were just created, not clicked
        return record_panel(data, trigger["obs"])
    if isinstance(trigger, dict):
        return no_update
    points = click_data.get("points") if isinstance(click_data, dict) else None
    point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
    custom = point.get("customdata")
    obs_id = custom[0] if isinstance(custom, list) and custom else None
    return record_panel(data, obs_id if isinstance(obs_id, str) else None)


clientside_callback(
    ClientsideFunction(namespace="explorer", function_name="setScale"),
    Output(GRAPH, "figure", allow_duplicate=True),
    Input(CONTROL["scale"], "value"),
    State(GRAPH, "figure"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction(namespace="explorer", function_name="setEvents"),
    Output(GRAPH, "figure", allow_duplicate=True),
    Input(CONTROL["events"], "value"),
    State(GRAPH, "figure"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction(namespace="explorer", function_name="setView"),
    Output(GRAPH_CONTAINER, "style"),
    Output(TABLE_CONTAINER, "style"),
    Input(CONTROL["view"], "value"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction(namespace="explorer", function_name="syncUrl"),
    Output(URL_SYNC, "data"),
    Input(CONTROL["series"], "value"),
    Input(CONTROL["from"], "value"),
    Input(CONTROL["to"], "value"),
    Input(CONTROL["transform"], "value"),
    Input(CONTROL["base"], "value"),
    Input(CONTROL["scale"], "value"),
    Input(CONTROL["events"], "value"),
    Input(CONTROL["view"], "value"),
    Input(CONTROL["as_of"], "value"),
    State(CHART_STORE, "data"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction(namespace="explorer", function_name="recordUrl"),
    Output(RECORD_URL, "data"),
    Input(GRAPH, "clickData"),
    Input({"type": RECORD_LINK, "obs": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction(namespace="explorer", function_name="shareLinks"),
    Output("download-png", "href"),
    Output("download-svg", "href"),
    Output("image-link", "data"),
    Output("embed-img", "value"),
    Output("embed-iframe", "value"),
    Input(URL_SYNC, "data"),
    Input(DESCRIPTION, "children"),
    State(CHART_STORE, "data"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction(namespace="explorer", function_name="copyLink"),
    Output("copy-image-link", "children"),
    Input("copy-image-link", "n_clicks"),
    State("image-link", "data"),
    prevent_initial_call=True,
)
