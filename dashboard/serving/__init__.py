"""Running the app in production: the WSGI entry point, gunicorn's configuration, warm-up and JSON
logs."""

GUNICORN_ARGS = ("-c", "dashboard/serving/gunicorn_conf.py", "dashboard.serving.wsgi:server")
"""What ``make serve`` passes gunicorn (run from the repository root); every launcher uses it."""
