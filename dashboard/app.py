"""Create the Dash app: pages, shared layout, API routes. Nothing else of substance lives here."""

from __future__ import annotations

import re
from pathlib import Path

import dash
from dash import Dash
from flask import Flask, has_request_context, request

from dashboard.charts.declarations import install_registry
from dashboard.exports.images import install_image_cache
from dashboard.model.data import Dataset, active_dataset, install_dataset, load_dataset
from dashboard.site.dataset_metadata import jsonld_script
from dashboard.site.layout import first_view
from dashboard.web.baked import EXTENSION_ID as SITE_EXTENSION
from dashboard.web.baked import SITE_DIR, BakedFiles, find_site, site_version
from dashboard.web.compression import CompressedFiles, compression_key
from dashboard.web.hosts import answer_untrusted_hosts, site_origin, trusted_hosts
from dashboard.web.http import install_body_cache

HERE = Path(__file__).resolve().parent
INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
{%metas%}
<title>{%title%}</title>
{%favicon%}
{%css%}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
{%app_entry%}
{%config%}
{%scripts%}
{%renderer%}
</body>
</html>"""


def create_app(data: Dataset | None = None, *, site_root: Path | None = SITE_DIR) -> Dash:
    """The app over ``data`` (default: datasets/parquet), with chart declarations checked;
    serving the files published under ``site_root`` for this data when there are some (None:
    the app answers every URL itself)."""
    data = data if data is not None else load_dataset()
    from dashboard.exports.api import api
    from dashboard.exports.media import media
    from dashboard.model.lookups import lookups
    from dashboard.site.layout import build_data_only_pages, site
    from dashboard.web.http import register_error_handler
    from dashboard.web.response_memo import install_response_memo
    from dashboard.web.security import install_security

    server = Flask(__name__)
    server.config.update(
        COMPRESS_CACHE_BACKEND=CompressedFiles,
        COMPRESS_CACHE_KEY=compression_key,
        TRUSTED_HOSTS=trusted_hosts(),  # any other Host header gets 400 (dashboard/web/hosts.py)
    )
    # What the app serves lives on it (server.extensions), never in module globals.
    install_dataset(server, data)
    install_registry(server, data)
    install_image_cache(server)
    install_body_cache(server)
    app = Dash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder=str(HERE / "site" / "pages"),
        assets_folder=str(HERE / "assets"),
        assets_ignore=r"(boot|first-chart)\.js",  # the page shell lists them itself
        title="belarus-indicators",
        update_title=None,
        compress=True,
        # Otherwise Dash 4 embeds every page's full layout (figures, tables: ~275 KB) in each
        # page's HTML so the browser can validate callback ids; that cost ~30 ms of JSON per
        # page view. The browser tests exercise every callback instead.
        suppress_callback_exceptions=True,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {
                "name": "description",
                "content": "Sourced indicators on Belarus, Ukraine and Russia: every point cited.",
            },
        ],
    )
    app.index_string = INDEX
    app.interpolate_index = _page_shell(
        app, drop_polyfill=(HERE / "assets" / "vendor" / "regenerator-runtime.js").is_file()
    )
    app.renderer = BOOTED_START
    app.layout = site(dash.page_container)
    app.server.register_blueprint(api)
    app.server.register_blueprint(media)
    register_error_handler(app.server)
    answer_untrusted_hosts(app.server)
    install_security(app)
    install_response_memo(app)
    published = find_site(data.version, site_root) if site_root else None
    app.server.extensions[SITE_EXTENSION] = published
    if site_root is not None:  # the published files, served before Flask sees the request
        app.server.wsgi_app = BakedFiles(
            app.server.wsgi_app, published, trusted_hosts(), root=site_root
        )
    app.server.add_url_rule("/healthz", "healthz", healthz)
    lookups(data)
    with app.server.app_context():
        build_data_only_pages()
    # Dash registers the script files it may serve, and Dash Pages its router, on the first page
    # request. Make it here — in the gunicorn master, before it forks — so that every worker
    # serves every script from its first request on: a script preloaded from a worker that had
    # not yet served a page was a 404, and the page never started.
    app.server.test_client().get("/")
    return app


BOOTED_START = "window.dashBoot.then(function () { new DashRenderer(); });"
"""Dash's renderer starts once assets/boot.js has run the app's scripts (CSP hashes this text)."""
SCRIPT_SRC = re.compile(r'<script src="([^"]+)"')
UNUSED_SCRIPTS = ("/dash_table/bundle",)
"""Dash loads dash_table's bundle on every page; no page here has a DataTable."""


def _page_shell(app: Dash, drop_polyfill: bool):
    """The HTML every page starts as: the page's first view rendered on the server
    (dashboard/site/prerender.py), and only the scripts the app needs, listed inert for
    assets/boot.js, which downloads them once the page has loaded and runs them at the reader's
    first interaction (BOOTED_START) — so the first view, chart included, costs no script.

    ``drop_polyfill`` drops Dash's Babel polyfill: 99 KB and the largest main-thread cost on
    load (Lighthouse), for browsers Dash no longer supports. Its one global Dash needs,
    regeneratorRuntime, comes from assets/vendor/regenerator-runtime.js (make run/test)."""
    unused = UNUSED_SCRIPTS + (("/deps/polyfill@",) if drop_polyfill else ())

    def interpolate_index(**parts: str) -> str:
        lines, chunks = [], []
        for line in parts["scripts"].splitlines():
            if any(u in line for u in unused):
                continue
            found = SCRIPT_SRC.search(line)
            if found and "/assets/boot.js" not in found.group(1):
                line = f'<script type="text/plain" class="boot-script" src="{found.group(1)}">'
                line += "</script>"
            lines.append(line)
        if has_request_context():
            parts["metas"] += "\n" + jsonld_script(active_dataset(), site_origin())
            query = {k: v[0] if len(v) == 1 else v for k, v in request.args.lists()}
            view = first_view(request.path, query)
            parts["app_entry"] = view + parts["app_entry"]
            if "graph-pending" in view:  # dcc.Graph's code is a chunk it fetches when it mounts
                prefix = app.config.requests_pathname_prefix
                chunks.append(f"{prefix}_dash-component-suites/dash/dcc/async-graph.js")
            if "chart-points" in view:  # the static chart's points answer before the app
                lines.append(f'<script src="{app.get_asset_url("first-chart.js")}"></script>')
        boot = app.get_asset_url("boot.js")
        # the page's release: its scripts ask for it (dashboard/serving/releases.py)
        release = site_version(active_dataset().version) if has_request_context() else ""
        lines.append(
            f'<script src="{boot}" data-chunks="{" ".join(chunks)}"'
            f' data-release="{release}"></script>'
        )
        parts["scripts"] = "\n".join(lines)
        # from the head, so it downloads while the page is parsed
        parts["css"] += f'\n<link rel="preload" as="script" href="{boot}">'
        return Dash.interpolate_index(app, **parts)

    return interpolate_index


def healthz():
    """For load balancers and humans: the data this worker serves and whether images render."""
    from flask import jsonify

    from dashboard.exports.images import RENDERER
    from dashboard.model.data import active_dataset
    from dashboard.web.baked import published_site

    data = active_dataset()
    reason = RENDERER.unavailable_reason()
    return jsonify(
        {
            "status": "ok",
            "data_version": data.version,
            "site_version": site_version(data.version),
            "published_site": published_site() is not None,
            "observations": len(data.observations),
            "image_rendering": {"available": reason is None, "reason": reason},
        }
    )
