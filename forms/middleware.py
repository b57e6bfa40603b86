"""Middleware that makes the anonymous report URLs forget who is asking before anything logs it."""

from forms.anonymity import _ANONYMOUS_REQUEST, is_anonymous_path, scrub


class AnonymousReportMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_anonymous_path(request.path_info):
            scrub(request)
            marker = _ANONYMOUS_REQUEST.set(True)
            try:
                response = self.get_response(request)
            finally:
                _ANONYMOUS_REQUEST.reset(marker)
            # Nothing of a report may linger in caches or the browser history's cache.
            response["Cache-Control"] = "no-store"
            # Same-origin, not no-referrer: browsers then still send the Origin header that the
            # CSRF check needs (with no-referrer they send "null").
            response["Referrer-Policy"] = "same-origin"
            return response
        return self.get_response(request)
