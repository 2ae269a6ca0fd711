"""``python -m dashboard --host 127.0.0.1 --port 8050``: serve the app for local use."""

from __future__ import annotations

import argparse
import sys

from dashboard.model.data import DataUnavailable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8050)
    args = parser.parse_args(argv)
    try:
        from dashboard.app import create_app

        app = create_app()
    except DataUnavailable as error:
        print(f"dashboard: {error}", file=sys.stderr)
        return 1
    from dashboard.serving.warmup import start_warmup

    start_warmup(app.server)
    print(f"dashboard: serving on http://{args.host}:{args.port}")
    app.run(host=args.host, port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
