"""Ends the portal session of someone the identity provider no longer signs in (sso/recheck.py)."""

from django.contrib import auth, messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from sso import recheck


class IdentityProviderRecheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if (
            session is not None
            and recheck.due(session)
            and request.user.is_authenticated
            and recheck.check_with_lock(session) == recheck.ENDED
        ):
            auth.logout(request)
            messages.info(
                request,
                _("Je sessie is beëindigd: de identiteitsprovider meldt je niet meer aan. Log opnieuw in."),
            )
            return redirect("login")
        return self.get_response(request)
