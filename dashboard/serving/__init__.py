"""Running the app in production: the WSGI entry point, gunicorn's configuration, warm-up and JSON
logs."""
