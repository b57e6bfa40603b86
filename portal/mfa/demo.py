"""A fixed authenticator secret for the demo accounts that need a second factor (development only).

The README documents it, so people and scripts can sign in as these accounts: add the base32 key to
an authenticator app, or compute the current code with
`.venv/bin/python -c "from django_otp.oath import totp; print('%06d' % totp(b'integriteit-demo2026'))"`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEMO_TOTP_SECRET = b"integriteit-demo2026"
DEMO_TOTP_KEY_HEX = DEMO_TOTP_SECRET.hex()
DEMO_TOTP_BASE32 = "NFXHIZLHOJUXIZLJOQWWIZLNN4ZDAMRW"


def current_code(at: float | None = None) -> str:
    """The demo accounts' authenticator code at the time `at` (now by default)."""
    from django_otp.oath import TOTP

    generator = TOTP(DEMO_TOTP_SECRET)
    if at is not None:
        generator.time = at
    return f"{generator.token():06d}"


def give_demo_totp(user) -> None:
    """Gives `user` the demo authenticator (idempotent). Refuses outside development and tests."""
    if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
        raise ImproperlyConfigured("The demo second factor is for development and tests only.")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.update_or_create(
        user=user,
        name="demo",
        defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True, "step": 30, "t0": 0, "digits": 6},
    )
