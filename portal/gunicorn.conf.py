"""Gunicorn settings for the portal (`make serve`, production, `make bench`).

Every value can be overridden with an environment variable, so the same file serves a laptop and a
cluster of app servers behind a reverse proxy (see docs/deployment.md).

The access log never names the client: no address (`%(h)s`), no user agent, no referer, no
`X-Forwarded-For`. The anonymous integrity report form depends on that (DESIGN.md: nothing that
could tie a report to its reporter is written to logs).
"""

import os


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Threaded workers: one process per core (the work is CPU-bound Python), a few threads each to
# overlap database and cache round trips, and HTTP keep-alive (sync workers close every
# connection, which costs a TCP handshake per request behind a keep-alive proxy).
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", _cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads new connections over
# them. On one shared socket the worker that woke first accepted a whole burst of keep-alive
# connections (a load test, a proxy after a restart) and the other sat idle: measured on 2 cores,
# the code of conduct at 16 clients ran at 600 instead of 1,500 requests/s in two runs out of three.
reuse_port = os.environ.get("GUNICORN_REUSE_PORT", "true").lower() in ("1", "true", "yes", "on")
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle workers now and then so a slow leak can never take a server down; rarely, and far apart:
# when a worker restarts, its keep-alive clients reconnect at once and all land on the workers that
# are up at that moment. With 20,000 requests (a few seconds of cached pages) both workers restarted
# together and one took every connection: half the throughput until clients reconnected (measured).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100000"))
# Load the application before forking: less memory, and a broken deploy fails at start-up.
preload_app = True
# The reverse proxy in front terminates TLS and sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Method, path, status, size, duration. Deliberately without %(h)s, %(a)s, %(f)s and headers.
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# No runtime control socket: it lives at one fixed path per user, which several servers on one
# machine (or the benchmark next to `make serve`) would fight over.
control_socket_disable = True


def worker_exit(server, worker):
    """Each worker logs how its page cache answered (portal/page_cache_stats.py): the load test adds
    these lines up instead of reading a response header that would tell colleagues about each other."""
    from portal.page_cache_stats import log_counts_once

    log_counts_once()
