"""The request's WSGI environ carries the request only (portal/wsgi_environ.py): granian copies the
server process's environment, secrets included, into every request, where Django's error e-mails
and error trackers would show it, and where `HTTP_*` variables pass for headers the client sent."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from portal.wsgi_environ import RequestOnlyEnviron

ROOT = Path(__file__).resolve().parents[2]
SECRET = "postgres://portal:db-password-canary@db/portal"


def seen_by_application(environ, process_environment):
    seen = {}

    def application(request_environ, start_response):
        seen.update(request_environ)
        return []

    RequestOnlyEnviron(application, process_environment)(environ, lambda *args: None)
    return seen


def test_process_variables_never_reach_the_application():
    process = {"DATABASE_URL": SECRET, "SECRET_KEY": "k", "HTTP_PROXY": "http://proxy.test", "PATH": "/bin"}
    request = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/nl/",
        "QUERY_STRING": "",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "portal.example",
        "wsgi.url_scheme": "https",
    }
    seen = seen_by_application(process | request, process)
    assert seen == request  # no secret, no PATH, and the process's HTTP_PROXY is no header


def test_a_header_the_client_sent_is_kept_even_where_a_process_variable_has_its_name():
    process = {"HTTP_PROXY": "http://proxy.example", "CONTENT_TYPE": "text/plain"}
    request = {"REQUEST_METHOD": "POST", "HTTP_PROXY": "from-client", "CONTENT_TYPE": "multipart/form-data"}
    assert seen_by_application(process | request, process) == request


def test_variables_the_server_always_sets_are_kept_whatever_the_process_has():
    process = {"REQUEST_METHOD": "GET", "SERVER_NAME": "x"}
    request = {"REQUEST_METHOD": "GET", "SERVER_NAME": "x"}
    assert seen_by_application(process | request, process) == request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(("application", "leaks"), [("guarded", False), ("echo", True)])
def test_under_granian_the_process_environment_stays_out_of_requests(application, leaks):
    """The portal's application behind granian, with a secret in the process environment. The
    control (`echo`, the same application unguarded) shows granian handing the secret over."""
    port = free_port()
    env = {**os.environ, "PORTAL_TEST_CANARY_URL": SECRET}
    server = subprocess.Popen(
        [sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)]
        + ["--workers", "1", "--http", "1", "--no-ws", f"tests.portal.wsgi_apps.echo:{application}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, body = time.monotonic() + 30, None
        while body is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/nl/?q=1", timeout=5) as response:
                    body = response.read().decode()
            except OSError:
                time.sleep(0.2)
        assert body is not None, "granian did not answer"
        assert "PATH_INFO=/nl/" in body and "QUERY_STRING=q=1" in body
        assert (SECRET in body) is leaks
        assert ("PATH=" in body.replace("PATH_INFO=", "")) is leaks
    finally:
        server.terminate()
        server.wait(timeout=30)
