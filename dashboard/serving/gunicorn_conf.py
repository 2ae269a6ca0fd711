"""gunicorn settings for ``make serve``; every value can be overridden from the environment.

HOST, PORT, WORKERS (default: one per core), THREADS, BELARUS_DATA (parquet directory or URI),
BELARUS_CACHE_DIR (the only directory the app writes to).

gunicorn binds loopback only, unless BELARUS_PROXY_IN_FRONT=1 says a proxy owns the address: its
gthread workers read each request in a thread, so 8 or 9 clients that send half a request and wait
hold every thread of a 2-core server (docs/benchmarks.md). nginx in front (deploy/nginx.conf,
``make serve-proxy``) reads requests with an event loop and passes the app only complete ones.
"""

import gc
import os

_host = os.environ.get("HOST", "127.0.0.1")
if (
    _host not in ("127.0.0.1", "localhost", "::1")
    and os.environ.get("BELARUS_PROXY_IN_FRONT") != "1"
):
    raise SystemExit(
        f"make serve: refusing to bind {_host}: gunicorn alone falls to slow clients. Serve the "
        "public address with nginx in front — `make serve-proxy HOST=" + _host + "` (or "
        "deploy/nginx.conf) — or set BELARUS_PROXY_IN_FRONT=1 if a proxy already fronts it."
    )
bind = f"{_host}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WORKERS") or os.cpu_count() or 2)
worker_class = "gthread"  # keep-alive, and a slow render does not block a worker's other requests
threads = int(os.environ.get("THREADS", "4"))
keepalive = 5
timeout = 60
graceful_timeout = 20
control_socket_disable = True  # gunicorn >= 24 would otherwise write a socket under $HOME
preload_app = True  # load and check the data once, in the master: a bad dataset never forks workers
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "dashboard.serving.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        },
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        },
    },
    "loggers": {
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "dashboard": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
}


def pre_fork(server, worker):
    """Move everything the master loaded (the dataset, the app, its layouts: ~175,000 objects)
    out of the collector's reach before forking: a full collection in a worker would otherwise
    scan them all, an ~80 ms pause of every thread of that worker, and it would touch their
    memory pages, undoing the memory the forked workers share (the gc module's own advice)."""
    gc.freeze()


def on_reload(arbiter):
    """``SIGHUP`` (``make reload``): load the release the data names now, before the new
    workers fork from this master; the old workers finish their requests and go. A release
    that does not load is refused, and the new workers serve the current one."""
    from dashboard.serving.wsgi import server

    server.reload()


def on_exit(arbiter):
    """Stop refreshing the leases on the published site: they expire after the grace period,
    and a later ``make publish`` may remove the versions (publish/leases.py)."""
    from dashboard.serving.wsgi import server

    if server.leases is not None:
        server.leases.close()


def post_worker_init(worker):
    """Start this worker's image renderer, and render the pages' first-view charts, in the
    background (dashboard/serving/warmup.py)."""
    from dashboard.serving.warmup import start_warmup
    from dashboard.serving.wsgi import server

    start_warmup(server.current.app.server)


def worker_exit(server, worker):
    """Close this worker's Chromium, so a shutdown or restart leaves no browser behind."""
    from dashboard.exports.images import RENDERER

    RENDERER.close()
