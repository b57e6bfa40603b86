"""A logging filter that keeps client addresses of the anonymous report URLs out of every log."""

import logging

from django.http import HttpRequest

from forms.anonymity import is_anonymous_path, scrub


class DropClientAddress(logging.Filter):
    """Scrubs requests to the report URLs in log records; drops the raw socket of the dev server.

    `django.request` records carry the request (error emails print its META); the development
    server's `django.server` records carry the socket, whose text names the peer address.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            if is_anonymous_path(request.path_info):
                scrub(request)
        elif request is not None:
            record.request = None
        return True
