"""Trade: the chart explorer over this topic's charts."""

from dashboard.site.layout import register_page_for_topic

register_page_for_topic(
    __name__,
    topic="trade",
    name="Trade",
    order=1,
    intro=(
        "Belarus–Ukraine trade, its two directions and what the documents "
        "say changed; Belarus's trade with the EU and Russia."
    ),
)
