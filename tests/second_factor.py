"""Signing in as a role that must prove a second factor, in tests.

`verified_after_force_login` (autouse in tests/conftest.py) completes the second factor right after
`Client.force_login`, as force_login itself skips the password: it writes the session key the
verify view writes (portal/mfa/devices.py `mark_verified`). Tests about the second factor itself
sign in with `client.login` (the real password check, unaffected) or are marked `password_only`.
Browser journeys sign in for real: password, then the demo authenticator's current code.
"""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.test import Client

from portal.mfa import SESSION_KEY, needs_second_factor
from portal.mfa.demo import DEMO_TOTP_KEY_HEX, current_code, give_demo_totp

_original_force_login = Client.force_login


def mark_session_verified(client, method: str = "totp") -> None:
    session = client.session
    session[SESSION_KEY] = method
    session.save()


def force_login_verified(client, user, backend=None) -> None:
    _original_force_login(client, user, backend)
    if needs_second_factor(user):
        mark_session_verified(client)


def demo_code_for(username: str) -> str:
    """A code of the demo authenticator this user has not used yet (django-otp refuses a code
    twice): the current one, or the next time step's (within the allowed clock drift)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, key=DEMO_TOTP_KEY_HEX, confirmed=True).first()
    if device is None:
        give_demo_totp(user)
        return current_code()
    now = time.time()
    if device.last_t >= int(now // 30):
        return current_code(now + 30)
    return current_code(now)


def give_demo_authenticator_if_needed(username: str) -> None:
    """Sensitive roles get the demo authenticator before a browser signs in as them."""
    from portal.mfa.devices import has_primary_device

    user = get_user_model().objects.filter(username=username).first()
    if user is not None and needs_second_factor(user) and not has_primary_device(user):
        give_demo_totp(user)
