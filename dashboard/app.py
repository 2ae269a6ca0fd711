"""Create the Dash app: pages, shared layout, API routes. Nothing else of substance lives here."""

from __future__ import annotations

from pathlib import Path

import dash
from dash import Dash, html

from dashboard.charts import default_registry
from dashboard.data import Dataset, active_dataset, load_dataset, use_dataset

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


def create_app(data: Dataset | None = None) -> Dash:
    """The app over ``data`` (default: datasets/parquet), with chart declarations checked."""
    use_dataset(data if data is not None else load_dataset())
    default_registry()  # fail at start, not on a reader's click, if charts.yaml is wrong
    from dashboard.api import api
    from dashboard.http import register_error_handler
    from dashboard.layout import build_data_only_pages, site_footer, site_header
    from dashboard.lookups import lookups
    from dashboard.media import media
    from dashboard.response_memo import install_response_memo
    from dashboard.security import install_security

    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
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
    if (HERE / "assets" / "vendor" / "regenerator-runtime.js").is_file():
        app.interpolate_index = _without_babel_polyfill(app)
    app.layout = html.Div(
        [site_header(), html.Main(dash.page_container, id="main", tabIndex="-1"), site_footer()],
        className="site",
    )
    app.server.register_blueprint(api)
    app.server.register_blueprint(media)
    register_error_handler(app.server)
    install_security(app)
    install_response_memo(app)
    app.server.add_url_rule("/healthz", "healthz", healthz)
    lookups(active_dataset())
    build_data_only_pages()
    return app


def _without_babel_polyfill(app: Dash):
    """Drop Dash's Babel polyfill from pages: 99 KB and the largest main-thread cost on load
    (Lighthouse), for browsers Dash no longer supports. Its one global Dash needs,
    regeneratorRuntime, comes from assets/vendor/regenerator-runtime.js (make run/test)."""

    def interpolate_index(**parts: str) -> str:
        parts["scripts"] = "\n".join(
            line for line in parts["scripts"].splitlines() if "/deps/polyfill@" not in line
        )
        return Dash.interpolate_index(app, **parts)

    return interpolate_index


def healthz():
    """For load balancers and humans: the data this worker serves and whether images render."""
    from flask import jsonify

    from dashboard.data import active_dataset
    from dashboard.images import RENDERER

    data = active_dataset()
    reason = RENDERER.unavailable_reason()
    return jsonify(
        {
            "status": "ok",
            "data_version": data.version,
            "observations": len(data.observations),
            "image_rendering": {"available": reason is None, "reason": reason},
        }
    )
