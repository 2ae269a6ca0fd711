"""Politics and security: the chart explorer over this topic's charts."""

from dashboard.site.layout import register_page_for_topic

register_page_for_topic(
    __name__,
    topic="more",
    name="Politics and security",
    order=5,
    intro=(
        "Polls, parliament seats, Russian troops in Belarus "
        "and military equipment handed to Russia."
    ),
)
