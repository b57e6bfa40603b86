"""Only the request in a request's WSGI environ, never the server process's environment.

Granian (portal/serve.py) starts every request's environ from a copy of the process environment
(`basic_env = dict(os.environ)` in granian/wsgi.py). Left there, `SECRET_KEY`, `DATABASE_URL` with
its password, `CACHE_LOCATION` and every other variable would be in `request.META`: in Django's
error e-mails, which anyone can set off (a request with a wrong `Host`), and in any error tracker.
And a process variable named `HTTP_...` (`HTTP_PROXY`) would pass for a header the client sent.

So the application sees the CGI variables of the request, its headers and the `wsgi.` keys only;
a header with exactly the value of a process variable of the same name is dropped as inherited.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

#: PEP 3333's request variables (CGI) that a server may set.
CGI_KEYS = frozenset(
    {
        "REQUEST_METHOD",
        "SCRIPT_NAME",
        "PATH_INFO",
        "QUERY_STRING",
        "CONTENT_TYPE",
        "CONTENT_LENGTH",
        "SERVER_NAME",
        "SERVER_PORT",
        "SERVER_PROTOCOL",
        "SERVER_SOFTWARE",
        "GATEWAY_INTERFACE",
        "REMOTE_ADDR",
        "REMOTE_PORT",
    }
)
#: Set by the server on every request, so a process variable of that name never shows through.
ALWAYS_SET = frozenset(
    {"REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "SERVER_NAME", "SERVER_PORT"}
    | {"SERVER_PROTOCOL", "SERVER_SOFTWARE", "GATEWAY_INTERFACE", "REMOTE_ADDR"}
)


def _is_request_key(key: str) -> bool:
    return key in CGI_KEYS or key.startswith(("HTTP_", "wsgi."))


class RequestOnlyEnviron:
    """WSGI middleware: the wrapped application gets the request's variables only (see above)."""

    def __init__(self, application, process_environment: Mapping[str, str] | None = None):
        self.application = application
        environment = os.environ if process_environment is None else process_environment
        #: Process variables that look like request data and so could pass for it.
        self.inherited = {
            key: value for key, value in environment.items() if _is_request_key(key) and key not in ALWAYS_SET
        }

    def __call__(self, environ, start_response):
        inherited = self.inherited
        request = {
            key: value
            for key, value in environ.items()
            if _is_request_key(key) and (key not in inherited or inherited[key] != value)
        }
        return self.application(request, start_response)
