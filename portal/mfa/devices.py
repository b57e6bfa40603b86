"""The second-factor devices of a person (django-otp's models) and proving one in a session."""

from __future__ import annotations

from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from forms import audit
from portal.mfa import METHODS, SESSION_KEY

RECOVERY_DEVICE_NAME = "recovery"
RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"


def has_primary_device(user) -> bool:
    """An authenticator app or a passkey (recovery codes alone are not an enrolment)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def has_passkey(user) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed authenticator of an enrolment in progress (one per person, kept across
    requests and workers in the database until a code confirms it)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def confirm_totp(user, token: str) -> TOTPDevice | None:
    """Confirms the pending authenticator when `token` is its current code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None or not _check([device], "".join(token.split())):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record("mfa.enrolled", user=user, detail={"method": "totp"})
    return device


def new_recovery_codes(user) -> list[str]:
    """Replaces the person's recovery codes with fresh ones (each works once)."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        audit.record("mfa.recovery_codes_issued", user=user, detail={"count": len(codes)})
    return codes


class Throttled(Exception):
    """Too many wrong codes: django-otp refuses this device until `until` (growing delays)."""

    def __init__(self, until):
        super().__init__(until)
        self.until = until


def _check(devices, token: str):
    """The first device that accepts `token`; Throttled when every device is waiting."""
    waiting = []
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if not allowed:
            waiting.append((info or {}).get("locked_until"))
            continue
        if device.verify_token(token):
            return device
    if devices and len(waiting) == len(devices):
        raise Throttled(min((until for until in waiting if until), default=None))
    return None


def verify_code(user, token: str) -> tuple[str, object] | None:
    """(method, device) when `token` is a current authenticator code or an unused recovery code.

    django-otp throttles each device after failures (growing delays, kept in the database) and
    refuses an authenticator code that was already used."""
    token = "".join(token.split()).lower()
    if not token:
        return None
    if token.isdigit():
        device = _check(list(TOTPDevice.objects.filter(user=user, confirmed=True)), token)
        return ("totp", device) if device else None
    device = _check(list(StaticDevice.objects.filter(user=user, confirmed=True)), token)
    return ("recovery", device) if device else None


def mark_verified(request, method: str, device=None) -> None:
    """Record in the session that it proved a second factor, under a new session key."""
    if method not in METHODS:
        raise ValueError(method)
    request.session.cycle_key()
    request.session[SESSION_KEY] = method
    if device is not None:
        otp_login(request, device)
    audit.record("mfa.verified", user=request.user, detail={"method": method})


def remove_all(user) -> int:
    """Deletes every second-factor device of `user`; they enrol again at the next sign-in."""
    with transaction.atomic():
        removed = 0
        for model in (TOTPDevice, StaticDevice, WebAuthnCredential):
            removed += model.objects.filter(user=user).delete()[0]
    return removed
