"""WSGI applications that answer with the environ's keys and values, for tests/portal/test_wsgi_environ.py."""

from portal.wsgi_environ import RequestOnlyEnviron


def echo(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return ["\n".join(f"{key}={value}" for key, value in sorted(environ.items())).encode()]


guarded = RequestOnlyEnviron(echo)
