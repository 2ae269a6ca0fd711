"""WSGI entry point for production servers: ``gunicorn dashboard.wsgi:server``.

The data location comes from BELARUS_DATA (default: datasets/parquet). The app, its data and its
chart declarations load once per worker at import; a missing or corrupt table stops the worker
with a message instead of serving a half-started app.
"""

from __future__ import annotations

import os
from pathlib import Path

from dashboard.app import create_app
from dashboard.data import PARQUET_DIR, load_dataset

app = create_app(load_dataset(Path(os.environ.get("BELARUS_DATA", PARQUET_DIR))))
server = app.server
