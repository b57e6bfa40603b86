"""The two ways in: the identity provider (OpenID Connect) and, as break-glass, a local password."""

from __future__ import annotations

import logging
import time

import jwt
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from portal.mfa.backends import ModelBackend
from sso import conf, provisioning

logger = logging.getLogger(__name__)

#: Session keys (besides mozilla-django-oidc's own) that hold the provider's tokens.
ID_TOKEN = "oidc_id_token"  # noqa: S105 - a session key, not a secret
REFRESH_TOKEN = "oidc_refresh_token"  # noqa: S105 - a session key, not a secret
CHECKED_AT = "oidc_checked_at"


class LocalPasswordBackend(ModelBackend):
    """Django's username/password check (with the second-factor flag loaded, portal/mfa/), only while
    `PORTAL_LOCAL_LOGIN` is on."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not conf.local_login_allowed():
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class IdentityProviderBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's authorization-code flow with the portal's checks and accounts.

    Settings are read when a callback arrives, not when Django builds the backend list, so a
    password sign-in never contacts (or needs) the identity provider.
    """

    def __init__(self, *args, **kwargs):  # deliberately not super(): see the class docstring
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()
        self.request = None

    @staticmethod
    def get_settings(attr, *args):
        value = conf.setting(attr)
        if value is None:
            return getattr(settings, attr, *args) if args else getattr(settings, attr)
        return value

    def _configure(self):
        self.OIDC_OP_TOKEN_ENDPOINT = conf.setting("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = conf.setting("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = conf.setting("OIDC_OP_JWKS_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        # Only the callback view signs in this way (it passes the nonce); a password form never does.
        if request is None or "nonce" not in kwargs or not conf.enabled():
            return None
        self._configure()
        self.id_token_claims = None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        """Signature, algorithm, issuer, audience, expiry and issue time: all of them, strictly."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The ID token is not signed with the configured algorithm.")
        issuer = conf.setting("OIDC_OP_ISSUER")
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=issuer or None,
                leeway=settings.OIDC_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise SuspiciousOperation("The ID token has expired.") from error
        except jwt.InvalidAudienceError as error:
            raise SuspiciousOperation("The ID token is meant for another client.") from error
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"The ID token is not valid: {error}") from error
        # Several audiences: the authorized party must be us (OpenID Connect Core 3.1.3.7).
        several = isinstance(claims.get("aud"), list) and len(claims["aud"]) > 1
        if several and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("The ID token is meant for another client.")
        if claims["iat"] > time.time() + settings.OIDC_LEEWAY_SECONDS:
            raise SuspiciousOperation("The ID token was issued in the future.")
        return claims

    def get_token(self, payload):
        token_info = super().get_token(payload)
        self.refresh_token = token_info.get("refresh_token")
        return token_info

    def verify_token(self, token, **kwargs):
        if kwargs.get("nonce") is None and "nonce" in kwargs:
            raise SuspiciousOperation("No nonce was kept for this sign-in.")
        claims = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:
            self.id_token_claims = claims  # the ID token's (not userinfo's): amr, acr, auth_time
        return claims

    def store_tokens(self, access_token, id_token):
        # Kept on the user instead: signing in may start a new session (sso.views.Callback stores them).
        self.id_token = id_token

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo answer is about someone else.")
        claims = {**userinfo, "iss": payload["iss"], "sub": payload["sub"]}
        user = provisioning.provision(claims, settings)
        user.provider_mfa = mfa_asserted(payload)
        user.provider_session = {
            ID_TOKEN: self.id_token,
            REFRESH_TOKEN: getattr(self, "refresh_token", None),
            CHECKED_AT: time.time(),
        }
        return user

    def filter_users_by_claims(self, claims):  # never by e-mail: see provisioning
        raise NotImplementedError

    def get_user(self, user_id):
        # Django's check, which refuses deactivated accounts (the library's own does not).
        return ModelBackend.get_user(self, user_id)


def mfa_asserted(id_token_claims: dict) -> bool:
    """True when the ID token's `amr` or `acr` meets `OIDC_MFA_AMR_VALUES` / `OIDC_MFA_ACR_VALUES`."""
    amr = id_token_claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    acr = id_token_claims.get("acr")
    wanted_amr = set(settings.OIDC_MFA_AMR_VALUES)
    wanted_acr = set(settings.OIDC_MFA_ACR_VALUES)
    return bool(wanted_amr & {str(value) for value in amr}) or (acr is not None and str(acr) in wanted_acr)
