"""Production serving: the app server's configuration (portal/serve.py) and the benchmark's refusal of
misleading set-ups."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal import serve

ROOT = Path(__file__).resolve().parents[2]


def test_access_log_never_names_the_client():
    """The anonymous report form depends on it: no address, forwarded address, agent or referer,
    and no query string (a search term)."""
    config = serve.options({})
    assert config["log_access"] is True
    log_format = config["log_access_format"]
    for forbidden in ("%(addr)s", "%(header{", "%(query_string)s"):
        assert forbidden not in log_format
    assert "%(path)s" in log_format and "%(status)d" in log_format


def test_the_access_log_goes_to_a_file_or_is_off():
    to_file = serve.options({"APP_SERVER_ACCESS_LOG": "/var/log/portal/access.log"})
    assert to_file["log_dictconfig"]["handlers"]["access"]["filename"] == "/var/log/portal/access.log"
    assert serve.options({})["log_dictconfig"] is None  # standard output
    assert serve.options({"APP_SERVER_ACCESS_LOG": "off"})["log_access"] is False


def test_the_app_server_serves_on_loopback_with_workers_from_the_cpu_count():
    config = serve.options({"PORT": "8123"})
    assert (config["address"], config["port"]) == ("127.0.0.1", 8123)
    assert config["workers"] == len(os.sched_getaffinity(0))
    assert config["target"] == "portal.wsgi:application" and config["respawn_failed_workers"] is True
    assert serve.options({"WEB_CONCURRENCY": "7", "APP_SERVER_THREADS": "2"})["workers"] == 7
    assert serve.options({"APP_SERVER_THREADS": "2"})["blocking_threads"] == 2
    assert serve.options({})["workers_max_rss"] is None
    assert serve.options({"APP_SERVER_MAX_RSS_MB": "1024"})["workers_max_rss"] == 1024
    assert serve.options({"APP_SERVER_BIND": "10.0.0.5:9000"})["address"] == "10.0.0.5"
    assert serve.options({"APP_SERVER_BIND": "[::1]:9000"})["address"] == "::1"


def run_bench(**env_overrides):
    # The suite's own (test) keys are refused by production settings: the benchmark makes throwaway ones.
    skip = {"DJANGO_SETTINGS_MODULE", "DEBUG", "PORTAL_ENCRYPTION_KEYS", "PORTAL_AUDIT_KEY"}
    env = {key: value for key, value in os.environ.items() if key not in skip}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "scripts/bench_pages.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_benchmark_refuses_to_run_with_debug_on():
    result = run_bench(DEBUG="true")
    assert result.returncode == 2
    assert "refusing to run: DEBUG is on" in result.stderr


def test_benchmark_refuses_development_settings():
    result = run_bench(DJANGO_SETTINGS_MODULE="portal.settings.dev")
    assert result.returncode == 2
    assert "portal.settings.dev" in result.stderr and "production" in result.stderr


def test_benchmark_refuses_settings_that_are_not_production_like(tmp_path):
    """A settings module called production that turns template caching off is caught too."""
    module = tmp_path / "fake_settings" / "production.py"
    module.parent.mkdir()
    (module.parent / "__init__.py").write_text("")
    module.write_text(
        "from portal.settings.production import *  # noqa\n"
        "TEMPLATES[0]['OPTIONS'].pop('loaders')\n"
        "TEMPLATES[0]['APP_DIRS'] = True\n"
    )
    result = run_bench(
        DJANGO_SETTINGS_MODULE="fake_settings.production",
        PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}",
        SECRET_KEY="k" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789",
    )
    assert result.returncode == 2
    assert "templates are not cached" in result.stderr


def session_commands(session_id: int) -> list[bytes]:
    """The command lines of the processes in a session (Linux /proc)."""
    from pathlib import Path

    commands = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[3]) == session_id:
                commands.append((stat.parent / "cmdline").read_bytes())
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return commands


def test_make_serve_starts_the_production_server_on_a_fresh_checkout(tmp_path):
    """`scripts/serve.sh` (what `make serve` runs) without any secrets in the environment: it must
    make its local keys, migrate, collect the static files and answer through the app server, with
    an access log that names no client."""
    import http.client
    import signal
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DEBUG",
            "SECRET_KEY",
            "PORTAL_ENCRYPTION_KEYS",
            "PORTAL_AUDIT_KEY",
            "DATABASE_URL",
            "TASKS_BACKEND",
        }
    }
    env.update(
        PORT=str(port),
        PYTHON=sys.executable,
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        APP_SERVER_ACCESS_LOG=str(tmp_path / "access.log"),
        WEB_CONCURRENCY="1",
        ALLOWED_HOSTS="127.0.0.1",
    )
    server = subprocess.Popen(
        ["/bin/bash", "scripts/serve.sh"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline, status, location = time.monotonic() + 240, None, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/healthz")
                health = connection.getresponse()
                health.read()
                status = health.status
                connection.request("GET", "/nl/")
                response = connection.getresponse()
                location = response.getheader("Location")
                break
            except OSError:
                time.sleep(0.5)
        assert server.poll() is None, server.stdout.read().decode()[-3000:]
        assert status == 200
        assert location and "/login/" in location  # the intranet asks to sign in
        assert any(b"db_worker" in command for command in session_commands(server.pid)), "no task worker"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    access_log = (tmp_path / "access.log").read_text()
    assert '"GET /healthz" 200' in access_log and '"GET /nl/" 302' in access_log
    assert "127.0.0.1" not in access_log


WARMED = """
{start}
from django.core.validators import validate_email
from django.utils.functional import empty
print(validate_email.domain_regex._wrapped is not empty and validate_email.user_regex._wrapped is not empty)
"""


@pytest.mark.parametrize(
    ("start", "compiled"), [("import portal.wsgi", True), ("import django; django.setup()", False)]
)
def test_the_application_compiles_the_email_validator_before_the_workers_fork(start, compiled):
    """The first sign-up of each worker compiled them (20-30 ms of CPU, holding the GIL); loading
    the application (in the app server's main process, portal/serve.py) now does it once for all workers.
    Control: Django set up without the application module leaves them for the first request."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", WARMED.format(start=start)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(compiled)
