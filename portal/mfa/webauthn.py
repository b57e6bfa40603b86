"""Passkeys (WebAuthn) through django-otp-webauthn, adapted to the portal's second factor.

The library's views are used as they are, except that a passkey proven in a session is recorded
under `portal_second_factor` (and in the audit log), and a session counts as verified for adding a
passkey when it proved any second factor (also "idp"). Passwordless sign-in is off
(`OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False`): a passkey is the second step, never the only one.
"""

from __future__ import annotations

from django.http.request import split_domain_port
from django_otp_webauthn import helpers, utils, views

from forms import audit
from portal.mfa import is_verified
from portal.mfa.devices import mark_verified, new_recovery_codes


def relying_party_id(request) -> str:
    """The host name the person uses (validated against ALLOWED_HOSTS by get_host)."""
    domain, _port = split_domain_port(request.get_host())
    return domain


class PortalWebAuthnHelper(helpers.WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        """The configured origins plus the origin this request came to (its host is one of
        ALLOWED_HOSTS): a page on another origin relaying a ceremony is still refused."""
        origin = f"{self.request.scheme}://{self.request.get_host()}"
        return [*super().get_allowed_origins(), origin]


class _PortalSession:
    def initial(self, request, *args, **kwargs):
        if request.user.is_authenticated and not hasattr(request.user, "is_verified"):
            request.user.is_verified = lambda: is_verified(request)
        super().initial(request, *args, **kwargs)


class BeginRegistration(_PortalSession, views.BeginCredentialRegistrationView):
    def user_is_mfa_enrolled(self, user) -> bool:
        return utils.user_has_any_otp_device(user) and not is_verified(self.request)


class CompleteRegistration(_PortalSession, views.CompleteCredentialRegistrationView):
    def user_is_mfa_enrolled(self, user) -> bool:
        return utils.user_has_any_otp_device(user) and not is_verified(self.request)

    def post(self, *args, **kwargs):
        from django_otp.plugins.otp_static.models import StaticToken

        from portal.mfa.views import NEW_CODES_KEY

        first = not is_verified(self.request)
        response = super().post(*args, **kwargs)
        if response.status_code != 200:
            return response
        user = self.request.user
        audit.record("mfa.enrolled", user=user, detail={"method": "webauthn"})
        if first:  # enrolment on first sign-in: the new passkey proves this session
            from django_otp_webauthn.models import WebAuthnCredential

            device = WebAuthnCredential.objects.filter(user=user).order_by("-pk").first()
            mark_verified(self.request, "webauthn", device)
        if not StaticToken.objects.filter(device__user=user).exists():
            self.request.session[NEW_CODES_KEY] = new_recovery_codes(user)
        return response


class BeginAuthentication(_PortalSession, views.BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(_PortalSession, views.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        if not self.request.user.is_authenticated:  # passwordless sign-in is off; never log in here
            from django_otp_webauthn.exceptions import PasswordlessLoginDisabled

            raise PasswordlessLoginDisabled()
        mark_verified(self.request, "webauthn", device)
