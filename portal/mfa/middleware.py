"""Holds a session that must prove a second factor at "verify" (or "enrol") until it has.

Runs right after Django's authentication and login-required middleware and before anything that
answers a request on its own (the page cache, Wagtail's redirects, every view): for such a session
every path, site pages, app views, the Wagtail admin, documents, exports and downloads, answers
with a redirect to the second-factor page, except that page itself, its passkey endpoints and
signing out.
"""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from portal.mfa import is_held

#: What a held session may still open: the second-factor pages, the passkey endpoints, signing out.
OPEN_VIEW_NAMES = frozenset({"mfa:verify", "mfa:enrol", "mfa:recovery_codes", "logout", "healthz"})
OPEN_NAMESPACES = frozenset({"otp_webauthn"})


def is_open_while_held(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in OPEN_VIEW_NAMES or bool(set(match.namespaces) & OPEN_NAMESPACES)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_held(request) and not is_open_while_held(request.path_info):
            return self.hold(request)
        return self.get_response(request)

    @staticmethod
    def hold(request):
        from portal.mfa.devices import has_primary_device

        target = reverse("mfa:verify" if has_primary_device(request.user) else "mfa:enrol")
        if request.method in ("GET", "HEAD"):
            next_url = request.get_full_path()
            if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                target += "?" + urlencode({"next": next_url})
        response = HttpResponseRedirect(target)
        response.status_code = 303  # also after a POST: the browser fetches the page with GET
        response["Cache-Control"] = "no-store"
        return response
