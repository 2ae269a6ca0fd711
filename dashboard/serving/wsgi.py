"""WSGI entry point for production servers: ``gunicorn dashboard.serving.wsgi:server``.

The data location comes from BELARUS_DATA (default: datasets/parquet). The app, its data and its
chart declarations load once per worker at import; a missing or corrupt table stops the worker
with a message instead of serving a half-started app.
"""

from __future__ import annotations

import os
import sys

from dashboard.app import create_app
from dashboard.charts.declarations import ChartDeclarationError
from dashboard.model.data import PARQUET_DIR, DataUnavailable, load_dataset

try:
    app = create_app(load_dataset(os.environ.get("BELARUS_DATA", str(PARQUET_DIR))))
except (DataUnavailable, ChartDeclarationError) as error:
    print(f"belarus-indicators: cannot start: {error}", file=sys.stderr, flush=True)
    sys.exit(4)
server = app.server
