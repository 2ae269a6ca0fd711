"""Subsidies: the chart explorer over this topic's charts."""

from dashboard.site.layout import register_page_for_topic

register_page_for_topic(
    __name__,
    topic="subsidies",
    name="Subsidies",
    order=3,
    intro="What Russia's oil tax maneuver cost Belarus, and the money Russia paid or lent.",
)
