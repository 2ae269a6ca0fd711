"""The topic pages: one chart explorer for each page charts.yaml declares, in its order."""

from dashboard.charts.declarations import declared_pages
from dashboard.site.layout import register_page_for_topic

for order, page in enumerate(declared_pages(), start=1):
    register_page_for_topic(f"{__name__}.{page.page_id}", page, order)
