"""A view's state lives in the URL: parsing never fails, invalid parameters fall back to defaults
with a notice naming them, and a state's query string reads back to the same state."""

from __future__ import annotations

from urllib.parse import parse_qsl

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.charts.state import QUERY_KEYS, ViewState, parse_state, state_query


def parse(query, registry, dataset, page="trade"):
    return parse_state(query, page, registry, dataset)


def test_no_parameters_give_the_first_chart_of_the_page(registry, dataset):
    state, notices = parse({}, registry, dataset)
    assert state == ViewState("ua-turnover", ("trade.by_ua.turnover",))
    assert notices == []


def test_a_full_query_is_read_exactly(registry, dataset):
    query = {
        "chart": "ua-flows",
        "series": "trade.by_ua.exports,trade.by_ua.imports",
        "from": "2015",
        "to": "2023",
        "transform": "index",
        "base": "2021",
        "events": "off",
        "view": "table",
    }
    state, notices = parse(query, registry, dataset)
    assert notices == []
    assert state == ViewState(
        "ua-flows",
        ("trade.by_ua.exports", "trade.by_ua.imports"),
        2015,
        2023,
        "index",
        2021,
        "linear",
        False,
        "table",
    )


def test_state_query_reads_back_to_the_same_state(registry, dataset):
    state = ViewState(
        "ua-turnover",
        ("trade.by_ua.turnover", "debt.fx_reserves"),
        2012,
        2022,
        "change",
        None,
        "linear",
        False,
        "table",
    )
    again, notices = parse(dict(parse_qsl(state_query(state)[1:])), registry, dataset)
    assert (again, notices) == (state, [])


def test_invalid_parameters_fall_back_with_a_notice_each(registry, dataset):
    query = {"transform": "bogus", "from": "abc", "scale": "sideways", "chart": "nope", "x": "1"}
    state, notices = parse(query, registry, dataset)
    assert state == ViewState("ua-turnover", ("trade.by_ua.turnover",))
    text = " ".join(notices)
    for word in (
        "transform=bogus",
        "from=abc",
        "scale=sideways",
        "chart=nope",
        "unknown parameter 'x'",
    ):
        assert word in text


def test_choices_that_cannot_go_together_are_reconciled(registry, dataset):
    state, notices = parse({"chart": "stated-changes", "transform": "index"}, registry, dataset)
    assert state.transform == "level" and "amounts only" in notices[0]
    state, notices = parse({"chart": "stated-changes", "scale": "log"}, registry, dataset)
    assert state.scale == "linear", "falls are negative, so no log axis"
    state, _ = parse({"chart": "ua-flows", "transform": "index", "base": "1999"}, registry, dataset)
    assert state.base_year == 2021


def test_an_index_is_based_on_a_year_inside_the_range_shown(registry, dataset):
    """The base value must be drawn: indexing 2020–2023 to 2012 would leave nothing to draw."""
    state, notices = parse({"transform": "index", "from": "2020"}, registry, dataset)
    assert state.transform == "index" and state.base_year is not None
    assert state.base_year >= 2020 and notices == []
    state, notices = parse(
        {"transform": "index", "from": "2020", "base": "2012"}, registry, dataset
    )
    assert state.base_year >= 2020 and "indexed to" in notices[0]


def test_a_range_with_no_common_year_falls_back_to_levels_with_a_notice(registry, dataset):
    state, notices = parse(
        {"chart": "ua-flows", "transform": "index", "to": "2015"}, registry, dataset
    )
    assert state.transform == "level" and "selected range" in notices[0]


def test_a_chart_from_another_page_is_refused(registry, dataset):
    state, notices = parse({"chart": "polls"}, registry, dataset, page="trade")
    assert state.chart_id == "ua-turnover" and "no such chart on this page" in notices[0]


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from([*QUERY_KEYS, "zz"]), st.text(max_size=600), max_size=9))
def test_any_query_gives_a_valid_state(registry, dataset, query):
    state, _ = parse(query, registry, dataset)
    spec = registry.get(state.chart_id)
    assert spec is not None and spec.page == "trade"
    assert state.series and state.transform in ("level", "change", "index")
    units = set(dataset.series.set_index("series_id").loc[list(state.series), "unit"])
    assert units == {spec.unit}


def test_a_view_with_a_record_open_keeps_the_record_last_in_its_link(registry, dataset):
    """A copied link reopens the record too: ``obs`` comes last, its id as written (slashes
    and colons kept), and reads back to the same view without a notice — the explorer checks
    the id against the points the view draws."""
    state = ViewState("ua-flows", ("trade.by_ua.exports",), 2015, None, "change")
    obs = "rad-chornogor-2024/turnover-from-flows:trade.by_ua.turnover:2021"
    query = state_query(state, record=obs)
    assert query.startswith(state_query(state) + "&")
    assert query.endswith(f"&obs={obs}")
    params = dict(parse_qsl(query[1:]))
    assert params["obs"] == obs
    again, notices = parse(params, registry, dataset)
    assert (again, notices) == (state, [])


def test_a_view_without_a_record_has_no_obs_in_its_link():
    assert "obs=" not in state_query(ViewState("ua-turnover", ("trade.by_ua.turnover",)))
