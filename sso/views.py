"""Sign-in through the identity provider (start, callback), its failure page, and signing out."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from mozilla_django_oidc import views as oidc_views

from sso import conf
from sso.backends import ID_TOKEN, REFRESH_TOKEN

logger = logging.getLogger(__name__)

SECOND_FACTOR = "portal_second_factor"


def failure_page(request, status=400):
    """The one clear answer to any failed sign-in through the provider (details go to the log)."""
    response = render(
        request,
        "sso/failed.html",
        {"provider_name": settings.OIDC_PROVIDER_NAME, "local_login": conf.local_login_allowed()},
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


@method_decorator([login_not_required, never_cache], name="dispatch")
class StartSignIn(oidc_views.OIDCAuthenticationRequestView):
    """Sends the browser to the provider with state, nonce and a PKCE challenge kept in the session."""

    def __init__(self, *args, **kwargs):  # endpoints are looked up per request (discovery)
        super(oidc_views.OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    get_settings = staticmethod(lambda attr, *args: _setting(attr, *args))

    def get(self, request):
        if not conf.enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = conf.setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except (requests.RequestException, ValueError):
            logger.warning("The identity provider's discovery document could not be read", exc_info=True)
            return failure_page(request, status=503)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


def _setting(attr, *args):
    value = conf.setting(attr)
    if value is None:
        return getattr(settings, attr, *args) if args else getattr(settings, attr)
    return value


@method_decorator([login_not_required, never_cache], name="dispatch")
class Callback(oidc_views.OIDCAuthenticationCallbackView):
    """The provider sends the browser back here; every refusal ends on the styled failure page."""

    get_settings = staticmethod(lambda attr, *args: _setting(attr, *args))

    def get(self, request):
        if not conf.enabled():
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation as error:  # wrong state, nonce, audience, expiry, signature
            logger.warning("Sign-in through the identity provider refused: %s", error)
        except requests.RequestException as error:  # the token exchange failed (code, PKCE, client)
            logger.warning("Sign-in through the identity provider failed: %s", error)
        return self.login_failure()

    def login_failure(self):
        if self.request.GET.get("error"):
            logger.info("The identity provider answered %s", self.request.GET.get("error"))
        return failure_page(self.request)

    def login_success(self):
        user = self.user
        if self.request.user.is_authenticated and self.request.user != user:
            auth.logout(self.request)
        auth.login(self.request, user)
        session = self.request.session
        session.update(user.provider_session)
        # The second factor is proven by the provider only when its amr/acr say so (see the brief's
        # contract with the second-factor check); otherwise the portal asks for its own.
        if user.provider_mfa:
            session[SECOND_FACTOR] = "idp"
        else:
            session.pop(SECOND_FACTOR, None)
        return HttpResponseRedirect(self.success_url)


@require_POST
def sign_out(request):
    """Ends the portal session and, where the provider offers it, the provider's session too."""
    id_token = request.session.get(ID_TOKEN)
    refresh_token = request.session.get(REFRESH_TOKEN)
    after = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    target = resolve_url(settings.LOGOUT_REDIRECT_URL)
    if id_token and conf.enabled():
        try:
            end_session = conf.setting("OIDC_OP_LOGOUT_ENDPOINT")
            revocation = conf.setting("OIDC_OP_REVOCATION_ENDPOINT")
        except (requests.RequestException, ValueError):
            end_session = revocation = None
        if refresh_token and revocation and not end_session:
            _revoke(revocation, refresh_token)
        if end_session:
            query = {"id_token_hint": id_token, "post_logout_redirect_uri": after}
            query["client_id"] = settings.OIDC_RP_CLIENT_ID
            target = f"{end_session}?{urlencode(query)}"
    auth.logout(request)
    return HttpResponseRedirect(target)


def _revoke(endpoint: str, refresh_token: str) -> None:
    try:
        requests.post(
            endpoint,
            data={"token": refresh_token, "token_type_hint": "refresh_token"},
            auth=(settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET),
            timeout=settings.OIDC_TIMEOUT,
        )
    except requests.RequestException:
        logger.warning("Revoking the refresh token at sign-out failed", exc_info=True)
