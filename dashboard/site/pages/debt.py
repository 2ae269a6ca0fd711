"""Debt and economy: the chart explorer over this topic's charts."""

from dashboard.site.layout import register_page_for_topic

register_page_for_topic(
    __name__,
    topic="debt",
    name="Debt and economy",
    order=4,
    intro="Belarus's debt, reserves, and the weight of state enterprises and IT in its economy.",
)
