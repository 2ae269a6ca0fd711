"""WSGI entry point for production servers: ``gunicorn dashboard.serving.wsgi:server``.

The data location comes from BELARUS_DATA (default: datasets/parquet). The app, its data and its
chart declarations load once, in gunicorn's master (``preload_app``), and again on each reload
(``SIGHUP``: dashboard/serving/releases.py); a missing or corrupt table stops the start with a
message instead of serving a half-started app, and refuses a reload while the server goes on.
"""

from __future__ import annotations

import sys

from dashboard.charts.declarations import ChartDeclarationError
from dashboard.model.data import DataUnavailable
from dashboard.serving.releases import Releases, server_leases

try:
    server = Releases(leases=server_leases())
except (DataUnavailable, ChartDeclarationError) as error:
    print(f"belarus-indicators: cannot start: {error}", file=sys.stderr, flush=True)
    sys.exit(4)
