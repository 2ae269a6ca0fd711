"""`make serve-proxy`: nginx on HOST:PORT in front of the app's gunicorn.

The production recipe in one command, on this machine: deploy/nginx.conf with its placeholders
filled in, gunicorn (dashboard/serving/gunicorn_conf.py) on 127.0.0.1:UPSTREAM_PORT, nginx in the
foreground. Both run in their own process groups; when either exits, or on Ctrl-C / SIGTERM, the
other is stopped too, so nothing is left behind.

With ``UPSTREAMS`` (``host:port,host:port``) it starts no gunicorn and fronts those servers
instead: the load balancer of several hosts, each running `make serve` with
BELARUS_PROXY_IN_FRONT=1 (docs/deploy.md, "Several hosts").

``SIGHUP`` (`make reload PORT=…`) moves to a new release: the own gunicorn reloads (its new
workers load the data built now), and once it answers from the new release nginx's files and
cache keys follow; with ``UPSTREAMS``, nginx follows once every upstream answers from one release
(roll them first, one at a time). nginx takes a lease on the version whose files it serves
(publish/leases.py), so `make publish` never removes them from under it.

Environment: HOST (default 127.0.0.1), PORT (8050), UPSTREAM_PORT (PORT + 1), UPSTREAMS,
WORKERS, and everything gunicorn_conf.py reads.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
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

from dashboard.serving import GUNICORN_ARGS  # noqa: E402
from dashboard.serving.__main__ import expected_version, pid_file  # noqa: E402
from dashboard.web.baked import (  # noqa: E402
    CACHE_SECONDS,
    IMMUTABLE_CACHE,
    KEPT_HEADERS,
    SITE_DIR,
    BakedSite,
    read_site,
)
from dashboard.web.hosts import trusted_hosts  # noqa: E402
from dashboard.web.security import FILE_POLICY  # noqa: E402
from publish.leases import Leases  # noqa: E402

TEMPLATE = REPO / "deploy" / "nginx.conf"
GUNICORN = Path(sys.executable).with_name("gunicorn")
START_SECONDS = 120.0
RELOAD_SECONDS = 90.0
UPSTREAM_HEALTH = "max_fails=1 fail_timeout=5s"
"""Passive health checks: one failed attempt takes a server out of rotation for five seconds."""
SERVER_NAME = re.compile(r"^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$|^\[[0-9A-Fa-f:.]+\]$")


def render(
    runtime: Path, listen: str, upstreams: list[str], site: BakedSite | None, site_root: Path
) -> str:
    """deploy/nginx.conf with its placeholders filled in; the includes for the published site
    (``baked_maps``, ``baked_locations``) are written to ``runtime``."""
    (runtime / "baked-maps.conf").write_text(baked_maps(site), encoding="utf-8")
    (runtime / "baked-locations.conf").write_text(baked_locations(site), encoding="utf-8")
    text = TEMPLATE.read_text(encoding="utf-8")
    values = {
        "RUNTIME": str(runtime),
        "LISTEN": listen,
        "UPSTREAM_SERVERS": "\n".join(f"        server {u} {UPSTREAM_HEALTH};" for u in upstreams),
        "SERVER_NAMES": " ".join(server_names(trusted_hosts())),
        "SITE_ROOT": str(site_root.resolve()),
        "DEPLOY": str(TEMPLATE.parent),
        "BAKED_MAPS": str(runtime / "baked-maps.conf"),
        "BAKED_LOCATIONS": str(runtime / "baked-locations.conf"),
        "RELEASE": site.version if site else f"unpublished-{time.time_ns()}",
        "IMMUTABLE_CACHE": IMMUTABLE_CACHE,
        "FILE_POLICY": FILE_POLICY,
    }
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def server_names(hosts: list[str]) -> list[str]:
    """The trusted hosts as nginx server names (``.example.org``: the domain and its subdomains,
    as the app reads it); a name nginx could misread is refused."""
    for host in hosts:
        if not SERVER_NAME.match(host):
            raise SystemExit(f"serve-proxy: {host!r} is not a host name nginx can serve")
    return hosts


def site_of(version: str | None, site_root: Path) -> BakedSite | None:
    """The published site of ``version``, if it is published under ``site_root``."""
    if not version:
        return None
    try:
        return read_site(site_root / version)
    except (OSError, ValueError, KeyError):
        return None


SENT_BY_NGINX = ("Content-Type",)
"""Headers nginx writes itself for a file (deploy/nginx-static.conf), not taken from the app."""
MAPPED = tuple(h for h in KEPT_HEADERS if h not in SENT_BY_NGINX)
MUTABLE_CACHE = f"max-age={CACHE_SECONDS}, public"


def _variable(header: str) -> str:
    return "baked_" + header.lower().replace("-", "_")


def baked_maps(site: BakedSite | None) -> str:
    """nginx maps from each baked URL that has a query string (as the request line has it) to
    its file and the headers the app sent with it. (``/site/<version>/`` URLs have a location
    of their own in nginx.conf, for every published version.)"""
    names = ["baked_file", "baked_cache_control", *(_variable(h) for h in MAPPED)]
    maps: dict[str, list[tuple[str, str]]] = {name: [] for name in names}
    for entry in site.files if site else ():
        if "?" not in entry.url:
            continue
        maps["baked_file"].append((entry.url, f"{site.version}/{entry.file}"))
        maps["baked_cache_control"].append((entry.url, MUTABLE_CACHE))
        for header in MAPPED:
            maps[_variable(header)].append((entry.url, entry.headers.get(header, "")))
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


def _health(address: str) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://{address}/healthz", timeout=5) as response:
            return json.load(response)
    except (OSError, ValueError):
        return None


def _wait_for(url: str, process: subprocess.Popen | None, what: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"serve-proxy: {what} exited with {process.returncode} at start")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise SystemExit(f"serve-proxy: {what} did not answer {url} within {START_SECONDS:.0f} s")


def served_release(
    upstreams: list[str], seconds: float = 0.0, wanted: str | None = None
) -> str | None:
    """The release every upstream answers from (three answers in a row from each, so that the
    old workers of a reload have gone) — of data version ``wanted``, when given — waiting up
    to ``seconds``; None if they disagree."""
    deadline = time.monotonic() + seconds
    while True:
        answers = [_health(u) or {} for u in upstreams for _ in range(3)]
        seen = {(a.get("site_version"), a.get("data_version")) for a in answers}
        if len(seen) == 1 and wanted in (None, *(data for _, data in seen)):
            return seen.pop()[0]
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.5)


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=25)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


class Proxy:
    """nginx over the upstreams, its configuration rewritten for the release they serve."""

    def __init__(self, runtime: Path, listen: str, upstreams: list[str], site_root: Path) -> None:
        self.runtime, self.listen, self.upstreams, self.site_root = (
            runtime,
            listen,
            upstreams,
            site_root,
        )
        self.leases = Leases(site_root, role="nginx")
        self.release: str | None = None

    def configure(self, release: str | None) -> None:
        site = site_of(release, self.site_root)
        text = render(self.runtime, self.listen, self.upstreams, site, self.site_root)
        (self.runtime / "nginx.conf").write_text(text, encoding="utf-8")
        self.release = release
        self.leases.hold([site.version] if site else [])

    def command(self, nginx: str) -> list[str]:
        runtime = str(self.runtime)
        return [nginx, "-p", runtime, "-e", f"{runtime}/error.log", "-c", f"{runtime}/nginx.conf"]


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
    external = [u.strip() for u in os.environ.get("UPSTREAMS", "").split(",") if u.strip()]
    upstreams = external or [f"127.0.0.1:{upstream_port}"]
    site_root = Path(os.environ.get("BELARUS_SITE_DIR", str(SITE_DIR)))
    runtime = Path(tempfile.mkdtemp(prefix="belarus-proxy-"))
    runtime.chmod(0o755)  # nginx's workers run unprivileged when the master is root
    listen = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    proxy = Proxy(runtime, listen, upstreams, site_root)
    # nginx keeps the app's page and callback answers itself: the app's own memo would hold
    # them twice (dashboard/web/response_memo.py)
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(upstream_port)}
    env.setdefault("BELARUS_RESPONSE_MEMO", "0")
    app = server = None
    events: list[int] = []

    def on_signal(signum, _frame):
        events.append(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, on_signal)
    own_pid = pid_file(port)
    own_pid.parent.mkdir(parents=True, exist_ok=True)
    try:
        if not external:
            app = subprocess.Popen(
                [str(GUNICORN), *GUNICORN_ARGS, "--pid", str(pid_file(upstream_port))],
                cwd=REPO,
                env=env,
                start_new_session=True,
            )
        for address in upstreams:
            _wait_for(f"http://{address}/healthz", app, f"the app at {address}")
        proxy.configure(served_release(upstreams, seconds=START_SECONDS))
        server = subprocess.Popen(proxy.command(nginx), start_new_session=True)
        reachable = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        _wait_for(f"http://{reachable}:{port}/healthz", server, "nginx")
        own_pid.write_text(f"{os.getpid()}\n")
        print(
            f"serve-proxy: http://{host}:{port} (nginx) → {', '.join(upstreams)}"
            f" (release {proxy.release})",
            flush=True,
        )
        while app is None or app.poll() is None:
            if server.poll() is not None:
                return 1
            if events and events[-1] == signal.SIGHUP:
                events.clear()
                _reload(proxy, server, app, upstreams)
            elif events:
                return 0
            time.sleep(0.2)
        return 1
    finally:
        own_pid.unlink(missing_ok=True)
        proxy.leases.close()
        _stop(server)
        _stop(app)
        shutil.rmtree(runtime, ignore_errors=True)


def _reload(proxy: Proxy, server: subprocess.Popen, app: subprocess.Popen | None, upstreams):
    """Move to the release the upstreams serve once reloaded: the own gunicorn is reloaded
    first; nginx follows when every upstream answers from one release."""
    wanted = None
    if app is not None:
        wanted = expected_version()
        with contextlib.suppress(ProcessLookupError):
            os.kill(app.pid, signal.SIGHUP)
    release = served_release(upstreams, seconds=RELOAD_SECONDS, wanted=wanted)
    if release is None:
        print(
            f"serve-proxy: the upstreams do not all serve {wanted or 'one release'} "
            "(a refused release is in the app's log); nginx unchanged",
            flush=True,
        )
        return
    if release != proxy.release:
        proxy.configure(release)
        os.kill(server.pid, signal.SIGHUP)  # nginx re-reads its configuration gracefully
    print(f"serve-proxy: serving release {release}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
