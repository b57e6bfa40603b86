"""A second factor at sign-in for the roles that can read sensitive data.

Whoever can read integrity reports, confidential-advisor registrations, user data or the personal
data of the safe-workplace registers proves a second factor right after the password: TOTP (an
authenticator app), a passkey (WebAuthn) or a one-time recovery code, from django-otp and
django-otp-webauthn. `SecondFactorMiddleware` (portal/mfa/middleware.py) holds such a session at
"verify" (or "enrol" the first time) until it has done so; nothing else opens meanwhile.

How the current session proved its second factor is kept in `request.session[SESSION_KEY]`:
"totp", "webauthn", "recovery", or "idp" (set by the OpenID Connect sign-in when the identity
provider asserted multi-factor authentication). Missing or empty means "password only".
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q

from portal.roles import OFFICE_LEAD_PERMISSION, Role

SESSION_KEY = "portal_second_factor"
#: The values of SESSION_KEY that count as a proven second factor.
METHODS = frozenset({"totp", "webauthn", "recovery", "idp"})

#: By default: the roles that read reports, advisor registrations, user data or safe-workplace
#: personal data (HR: declarations and placements; the security coordinator: building DRAs).
#: `PORTAL_MFA_ROLES` (group names) overrides it; office leads and superusers always need one.
SENSITIVE_ROLES = (
    Role.INTEGRITY_OFFICE,
    Role.CONFIDENTIAL_ADVISOR,
    Role.ADMINISTRATOR,
    Role.HR,
    Role.SECURITY_COORDINATOR,
)


def required_roles() -> tuple[str, ...]:
    configured = getattr(settings, "PORTAL_MFA_ROLES", None)
    return tuple(str(role) for role in (SENSITIVE_ROLES if configured is None else configured))


def needs_second_factor(user) -> bool:
    """True when this user must prove a second factor: a superuser, an office lead, or a member of
    one of the required roles. One query (none for superusers); remembered on the user object,
    which lives for one request."""
    if not (user and user.is_authenticated):
        return False
    cached = getattr(user, "_portal_needs_second_factor", None)
    if cached is not None:
        return cached
    needed = user.is_superuser or users_needing_second_factor().filter(pk=user.pk).exists()
    user._portal_needs_second_factor = needed
    return needed


def users_needing_second_factor():
    """The users who must prove a second factor, as one query."""
    from django.contrib.auth import get_user_model

    app_label, codename = OFFICE_LEAD_PERMISSION.split(".")
    lead = {"content_type__app_label": app_label, "codename": codename}
    return (
        get_user_model()
        ._default_manager.filter(
            Q(is_superuser=True)
            | Q(groups__name__in=required_roles())
            | Q(**{f"user_permissions__{key}": value for key, value in lead.items()})
            | Q(**{f"groups__permissions__{key}": value for key, value in lead.items()})
        )
        .distinct()
    )


def second_factor_method(request) -> str:
    """How this session proved a second factor ("" when it did not)."""
    session = getattr(request, "session", None)
    if session is None:
        return ""
    method = session.get(SESSION_KEY) or ""
    return method if method in METHODS else ""


def is_verified(request) -> bool:
    return bool(second_factor_method(request))


def is_held(request) -> bool:
    """True for a signed-in person who must prove a second factor and has not in this session."""
    return not is_verified(request) and needs_second_factor(request.user)
