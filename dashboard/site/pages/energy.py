"""Energy: the chart explorer over this topic's charts."""

from dashboard.site.layout import register_page_for_topic

register_page_for_topic(
    __name__,
    topic="energy",
    name="Energy",
    order=2,
    intro=(
        "Belarus's share of Ukraine's gasoline market, Russian "
        "oil supply and the oil transit tariff."
    ),
)
