"""The production recipe: nginx (deploy/nginx.conf) in front of gunicorn, as `make serve-proxy`
starts it, answers pages and health while slow clients hold connections open; gunicorn alone
refuses a public address.

Needs Debian nginx (``make test`` installs it as root). Without it the proxy tests skip with a
reason; under CI (env ``CI`` set) they fail instead.
"""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import start_proxy
from slow_clients import hold, time_request

from dashboard.exports import images
from dashboard.model.data import load_dataset
from dashboard.serving import GUNICORN_ARGS
from dashboard.web.baked import BakedSite, find_site
from publish.site import publish

REPO = Path(__file__).resolve().parent.parent

GUNICORN = Path(sys.executable).with_name("gunicorn")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SLOW_CLIENTS = 64
"""More than the app's gunicorn has threads (2 workers × 4): alone it would stop answering."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"serve-proxy exited with {process.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{url} did not answer within {seconds:.0f} s")


@pytest.fixture(scope="module")
def site() -> Iterator[BakedSite]:
    """The site of the data the proxy's app serves (datasets/parquet), published with a
    stand-in renderer (each image's bytes name its size), where nginx's unprivileged workers
    can read it (pytest's own temporary directories are private to their owner)."""
    root = Path(tempfile.mkdtemp(prefix="belarus-site-"))
    root.chmod(0o755)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(images.RENDERER, "unavailable_reason", lambda: None)
        patch.setattr(images.RENDERER, "render", lambda _f, fmt, w, h, s: f"{fmt} {w}x{h}".encode())
        publish(load_dataset(), root)
    found = find_site(load_dataset().version, root)
    assert found is not None
    yield found
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def proxy(site: BakedSite) -> Iterator[str]:
    if not Path(NGINX).exists():
        reason = "nginx not installed (as root: apt-get install nginx-light; `make test` does)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} — CI is set, so this is a failure, not a skip")
        pytest.skip(reason)
    port = _free_port()
    process = start_proxy(port, _free_port(), workers=2, site_dir=site.directory.parent)
    try:
        _wait(f"http://127.0.0.1:{port}/healthz", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("serve-proxy did not stop on SIGTERM")


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_nginx_serves_the_published_files_with_the_apps_headers(proxy, site):
    one_of_each_type = {entry.headers["Content-Type"]: entry.url for entry in site.files}
    urls = {"/api/v1/series/debt.fx_reserves.csv", "/charts/polls.png?preset=social"}
    for url in sorted(urls | set(one_of_each_type.values())):
        entry = site.find(url)
        status, headers, body = _get(proxy + url)
        assert status == 200 and body == (site.directory / entry.file).read_bytes()
        assert "X-Cache" not in headers  # answered from the file, not through the app
        for name in ("Content-Type", "Content-Disposition", "Content-Security-Policy"):
            assert headers.get(name) == entry.headers.get(name), (url, name)
        assert headers["Cache-Control"] == "max-age=3600, public"
        immutable = _get(proxy + site.immutable_url(entry))[1]
        assert "immutable" in immutable["Cache-Control"]


def test_nginx_sends_the_published_gzip_variant(proxy, site):
    url = "/api/v1/observations.csv"
    _, headers, body = _get(proxy + url, **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (site.directory / site.find(url).file).read_bytes()


def test_a_url_the_bake_did_not_write_goes_to_the_app(proxy):
    _, headers, _ = _get(f"{proxy}/api/v1/series/debt.fx_reserves.csv?from=2015")
    assert headers.get("X-Cache") in ("MISS", "HIT")


def test_pages_health_and_downloads_answer_through_nginx(proxy):
    assert _get(f"{proxy}/healthz")[0] == 200
    status, _, body = _get(f"{proxy}/trade")
    assert status == 200 and b"Belarus" in body
    status, headers, _ = _get(f"{proxy}/api/v1/series/trade.by_ua.turnover.csv?to=2020")
    assert status == 200 and headers.get("X-Cache") in ("MISS", "HIT", "EXPIRED", "REVALIDATED")


def test_nginx_keeps_what_the_app_marks_cacheable(proxy):
    url = f"{proxy}/api/v1/series/trade.by_ua.exports.csv?from=2014"
    _get(url)
    assert _get(url)[1].get("X-Cache") == "HIT"


def test_slow_clients_do_not_stop_health_or_pages_behind_nginx(proxy):
    port = int(proxy.rsplit(":", 1)[1])
    with hold("127.0.0.1", port, SLOW_CLIENTS) as held:
        assert held == SLOW_CLIENTS
        health = time_request(f"{proxy}/healthz", limit=5)
        page = time_request(f"{proxy}/trade", limit=5)
    assert health is not None and health < 1.0, health
    assert page is not None and page < 1.0, page


def test_gunicorn_alone_refuses_a_public_address_and_says_why():
    env = {**os.environ, "HOST": "0.0.0.0", "PORT": str(_free_port())}
    env.pop("BELARUS_PROXY_IN_FRONT", None)
    done = subprocess.run(
        [str(GUNICORN), *GUNICORN_ARGS],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "refusing to bind 0.0.0.0" in done.stderr + done.stdout
    assert "make serve-proxy" in done.stderr + done.stdout


def _raw(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """Like ``_get``, but an error status is an answer, not an exception."""
    try:
        return _get(url, **headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.parametrize(
    "path",
    ["/api/v1/observations.csv", "/charts/polls.png?preset=social", "/trade", "/embed/polls"],
)
def test_a_host_the_site_does_not_serve_gets_400_from_nginx_for_files_pages_and_embeds(proxy, path):
    _raw(proxy + path)  # whatever nginx keeps for the trusted host
    status, headers, body = _raw(proxy + path, Host="evil.example")
    assert status == 400 and b"host not served here" in body
    assert "X-Cache" not in headers


def test_a_kept_embed_names_the_host_each_reader_asked_for(proxy):
    port = proxy.rsplit(":", 1)[1]
    for host in ("localhost", "127.0.0.1", "localhost"):
        _, _, body = _get(f"{proxy}/embed/polls", Host=f"{host}:{port}")
        assert f"http://{host}:{port}/".encode() in body, host
        other = "127.0.0.1" if host == "localhost" else "localhost"
        assert f"http://{other}:{port}/".encode() not in body, host


def test_nginx_answers_single_byte_ranges_as_the_app_does(proxy, site):
    entry = site.find("/api/v1/observations.csv")
    body = (site.directory / entry.file).read_bytes()
    single_bytes = {"bytes=0-0": body[:1], "bytes=-1": body[-1:], "bytes=7-7": body[7:8]}
    for asked, expected in single_bytes.items():
        status, headers, answer = _raw(proxy + entry.url, Range=asked)
        assert (status, answer) == (206, expected), asked
        assert headers["Content-Range"].endswith(f"/{len(body)}")


def test_nginx_answers_many_ranges_with_the_file_once(proxy, site):
    entry = site.find("/api/v1/observations.csv")
    size = len((site.directory / entry.file).read_bytes())
    ranges = ",".join(f"{n}-{n}" for n in range(0, 600, 2))  # 300 ranges in a 2.7 KB header
    status, _, answer = _raw(proxy + entry.url, Range=f"bytes={ranges}")
    assert status == 200 and len(answer) == size
