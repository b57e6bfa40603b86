"""The application server: granian, for production, `make serve`, the cluster and the benchmarks.

    python -m portal.serve

Why granian and not gunicorn (which served the portal until 4 December 2026): the same cached page
through the same fast path served 1,800 requests/s under gunicorn's threaded workers and 2,650
under granian (code of conduct, signed in, 16 connections, two workers each; docs/performance.md).
Gunicorn parses every request and writes every response in Python while holding the GIL; granian
does that in Rust and hands Python only the WSGI call.

Every value can be overridden with an environment variable, so the same module serves a laptop and
a cluster of app servers behind a reverse proxy (docs/deployment.md):

- `PORT` (8000) or `APP_SERVER_BIND` (`127.0.0.1:$PORT`): where it listens;
- `WEB_CONCURRENCY` (the CPUs this process may use): worker processes;
- `APP_SERVER_THREADS` (4): threads per worker for requests that wait on the database;
- `APP_SERVER_ACCESS_LOG` (`-`, standard output): a file for the access log, or `off`;
- `APP_SERVER_MAX_RSS_MB` (unset): a worker that grows beyond this is replaced (gunicorn's
  `max_requests` recycled workers by count; memory is what such a limit protects).

The access log never names the client: no address, no user agent, no referer, no
`X-Forwarded-For`. The anonymous integrity report form depends on that (DESIGN.md: nothing that
could tie a report to its reporter is written to logs).

The application is loaded here, before the workers fork (as gunicorn's `preload_app` did), so the
warm-up (portal/warm_up.py) is done once for all of them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

#: Method, path without the query string (it may carry a search term), status and duration.
ACCESS_LOG_FORMAT = '"%(method)s %(path)s" %(status)d %(dt_ms).1fms'
APPLICATION = "portal.wsgi:application"


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _access_log_config(destination: str) -> dict[str, Any] | None:
    """Granian's logging configuration with the access log written to `destination`."""
    if destination in ("-", "off"):
        return None
    return {
        "handlers": {
            "console": {
                "formatter": "generic",
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
            },
            "access": {"formatter": "access", "class": "logging.FileHandler", "filename": destination},
        }
    }


def options(env: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """The keyword arguments for `granian.Granian`, from the environment."""
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings

    bind = env.get("APP_SERVER_BIND") or f"127.0.0.1:{env.get('PORT', '8000')}"
    address, _, port = bind.rpartition(":")
    address = address.removeprefix("[").removesuffix("]")  # [::1]:8000
    access_log = env.get("APP_SERVER_ACCESS_LOG", "-")
    return {
        "target": APPLICATION,
        "address": address,
        "port": int(port),
        "interface": Interfaces.WSGI,
        "workers": int(env.get("WEB_CONCURRENCY") or _cpu_count()),
        "blocking_threads": int(env.get("APP_SERVER_THREADS", "4")),
        # Behind the reverse proxy, which speaks HTTP/1.1 to the app servers.
        "http": HTTPModes.http1,
        "http1_settings": HTTP1Settings(header_read_timeout=30_000, keep_alive=True),
        "websockets": False,
        "log_access": access_log != "off",
        "log_access_format": ACCESS_LOG_FORMAT,
        "log_dictconfig": _access_log_config(access_log),
        # A worker that dies is replaced; one that will not stop is killed after this many
        # seconds. Unlike gunicorn's arbiter, granian exits when a replaced worker dies again
        # within seconds (a crash loop): run it under a supervisor that restarts it
        # (docs/deployment.md).
        "respawn_failed_workers": True,
        "workers_kill_timeout": 20,
        "workers_max_rss": int(env["APP_SERVER_MAX_RSS_MB"]) if env.get("APP_SERVER_MAX_RSS_MB") else None,
    }


def main() -> None:
    from granian import Granian

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    import portal.wsgi  # noqa: F401 - loaded once, before the workers fork

    Granian(**options()).serve()


if __name__ == "__main__":
    main()
