"""`make serve-proxy`: nginx on HOST:PORT in front of `make serve`'s gunicorn on loopback.

The production recipe in one command, on this machine: deploy/nginx.conf with its placeholders
filled in, gunicorn (dashboard/serving/gunicorn_conf.py) on 127.0.0.1:UPSTREAM_PORT, nginx in the
foreground. Both run in their own process groups; when either exits, or on Ctrl-C / SIGTERM, the
other is stopped too, so nothing is left behind.

Environment: HOST (default 127.0.0.1), PORT (8050), UPSTREAM_PORT (PORT + 1), WORKERS, and
everything gunicorn_conf.py reads.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.model.data import PARQUET_DIR, DataUnavailable, load_dataset  # noqa: E402
from dashboard.serving import GUNICORN_ARGS  # noqa: E402
from dashboard.web.baked import (  # noqa: E402
    CACHE_SECONDS,
    IMMUTABLE_CACHE,
    KEPT_HEADERS,
    SITE_DIR,
    BakedSite,
    find_site,
)

TEMPLATE = REPO / "deploy" / "nginx.conf"
GUNICORN = Path(sys.executable).with_name("gunicorn")
START_SECONDS = 120.0


def render(runtime: Path, listen: str, upstream: str, site_root: Path = SITE_DIR) -> str:
    """deploy/nginx.conf with its placeholders filled in; the includes for the published site
    (``baked_maps``, ``baked_locations``) are written to ``runtime``."""
    site = current_site(site_root)
    (runtime / "baked-maps.conf").write_text(baked_maps(site), encoding="utf-8")
    (runtime / "baked-locations.conf").write_text(baked_locations(site), encoding="utf-8")
    text = TEMPLATE.read_text(encoding="utf-8")
    values = {
        "RUNTIME": str(runtime),
        "LISTEN": listen,
        "UPSTREAM": upstream,
        "SITE_ROOT": str(site_root.resolve()),
        "DEPLOY": str(TEMPLATE.parent),
        "BAKED_MAPS": str(runtime / "baked-maps.conf"),
        "BAKED_LOCATIONS": str(runtime / "baked-locations.conf"),
        "RELEASE": site.version if site else f"unpublished-{time.time_ns()}",
    }
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def current_site(site_root: Path) -> BakedSite | None:
    """The published site of the data the app will serve (BELARUS_DATA), if there is one."""
    try:
        data = load_dataset(os.environ.get("BELARUS_DATA", str(PARQUET_DIR)))
    except DataUnavailable:
        return None
    return find_site(data.version, site_root)


SENT_BY_NGINX = ("Content-Type",)
"""Headers nginx writes itself for a file (deploy/nginx-static.conf), not taken from the app."""
MAPPED = tuple(h for h in KEPT_HEADERS if h not in SENT_BY_NGINX)
MUTABLE_CACHE = f"max-age={CACHE_SECONDS}, public"


def _variable(header: str) -> str:
    return "baked_" + header.lower().replace("-", "_")


def baked_maps(site: BakedSite | None) -> str:
    """nginx maps from each baked URL that has a query string, and from each /site/<version>/
    URL (as the request line has them), to its file and the headers the app sent with it."""
    names = ["baked_file", "baked_cache_control", *(_variable(h) for h in MAPPED)]
    maps: dict[str, list[tuple[str, str]]] = {name: [] for name in names}
    for entry in site.files if site else ():
        urls = [(site.immutable_url(entry), IMMUTABLE_CACHE)]
        if "?" in entry.url:
            urls.append((entry.url, MUTABLE_CACHE))
        for url, cache in urls:
            maps["baked_file"].append((url, f"{site.version}/{entry.file}"))
            maps["baked_cache_control"].append((url, cache))
            for header in MAPPED:
                maps[_variable(header)].append((url, entry.headers.get(header, "")))
    lines = []
    for name, pairs in maps.items():
        lines += [f"map $request_uri ${name} {{", '    default "";']
        lines += [f"    {_quoted(url)} {_quoted(value)};" for url, value in pairs]
        lines.append("}")
    return "\n".join(lines) + "\n"


def _media_type(content_type: str) -> str:
    """The app's Content-Type without its charset, which nginx adds itself (charset_types)."""
    kept = [p.strip() for p in content_type.split(";") if not p.strip().startswith("charset=")]
    return "; ".join(kept)


def baked_locations(site: BakedSite | None) -> str:
    """An exact ``location =`` for each baked URL without a query string: its file, served
    with the headers the app sent for it — when the request has no query string either."""
    blocks = []
    for entry in site.files if site else ():
        if "?" in entry.url:
            continue
        lines = [
            f"location = {_quoted(entry.url)} {{",
            "    if ($is_args) {",
            "        return 418;  # baked without a query string: the app answers (@machine)",
            "    }",
            f"    alias {_quoted(str(site.directory.resolve() / entry.file))};",
            f"    include {TEMPLATE.parent / 'nginx-static.conf'};",
            "    types { }",
            f"    default_type {_quoted(_media_type(entry.headers['Content-Type']))};",
            f"    add_header Cache-Control {_quoted(MUTABLE_CACHE)};",
            *(
                f"    add_header {header} {_quoted(entry.headers[header])};"
                for header in MAPPED
                if header in entry.headers
            ),
            "    add_header Access-Control-Allow-Origin *;",
            "}",
        ]
        blocks.append("\n".join(lines))
    return "\n".join(blocks) + "\n"


UNWRITABLE = ("\\", "$", "\n")
"""Characters an nginx string would read as an escape, a variable or the end of a line."""


def _quoted(value: str) -> str:
    """``value`` as an nginx string: in double quotes, or single ones if it holds double."""
    quote = "'" if '"' in value else '"'
    if (quote == "'" and "'" in value) or any(c in value for c in UNWRITABLE):
        raise ValueError(f"not writable in an nginx map: {value!r}")
    return f"{quote}{value}{quote}"


def _wait_for(url: str, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve-proxy: {what} exited with {process.returncode} at start")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise SystemExit(f"serve-proxy: {what} did not answer {url} within {START_SECONDS:.0f} s")


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=25)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def main() -> int:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        print(
            "serve-proxy: nginx is missing; install it (Debian: apt-get install nginx-light)",
            file=sys.stderr,
        )
        return 2
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8050"))
    upstream_port = int(os.environ.get("UPSTREAM_PORT", str(port + 1)))
    runtime = Path(tempfile.mkdtemp(prefix="belarus-proxy-"))
    runtime.chmod(0o755)  # nginx's workers run unprivileged when the master is root
    listen = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    (runtime / "nginx.conf").write_text(render(runtime, listen, f"127.0.0.1:{upstream_port}"))
    # nginx keeps the app's page and callback answers itself: the app's own memo would hold
    # them twice (dashboard/web/response_memo.py)
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(upstream_port)}
    env.setdefault("BELARUS_RESPONSE_MEMO", "0")
    app = proxy = None
    stopping = False

    def on_signal(signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        app = subprocess.Popen(
            [str(GUNICORN), *GUNICORN_ARGS],
            cwd=REPO,
            env=env,
            start_new_session=True,
        )
        _wait_for(f"http://127.0.0.1:{upstream_port}/healthz", app, "gunicorn")
        proxy = subprocess.Popen(
            [
                nginx,
                "-p",
                str(runtime),
                "-e",
                str(runtime / "error.log"),
                "-c",
                str(runtime / "nginx.conf"),
            ],
            start_new_session=True,
        )
        reachable = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        _wait_for(f"http://{reachable}:{port}/healthz", proxy, "nginx")
        print(
            f"serve-proxy: http://{host}:{port} (nginx) → gunicorn on 127.0.0.1:{upstream_port}",
            flush=True,
        )
        while not stopping and app.poll() is None and proxy.poll() is None:
            time.sleep(0.2)
        return 0 if stopping else 1
    finally:
        _stop(proxy)
        _stop(app)
        shutil.rmtree(runtime, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
