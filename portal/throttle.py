"""Sign-in throttling with django-axes, and the throttle on password reset requests.

django-axes counts failed sign-ins per account *and* client address together
(`AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]`, the address from portal/client_ip.py),
on every path that calls `django.contrib.auth.authenticate` (the site's sign-in, the Wagtail
admin's). After `AXES_FAILURE_LIMIT` failures that combination is locked; an attacker elsewhere
cannot lock the office out, and colleagues behind the same address keep signing in.

The lockout grows with repeats: the first lasts `SIGN_IN_LOCKOUT_MINUTES`, each further lockout of
the same combination within a day twice as long (at most a day). Every failed attempt row carries
its own expiry (`AXES_USE_ATTEMPT_EXPIRATION`), computed from the number of earlier lockouts when
the failure is recorded, and `ThrottleHandler` counts only rows that have not expired. (Axes' own
window would be recomputed from the *current* number of lockouts, so a finished lockout would
extend itself, and its clean-up would delete other combinations' rows with one request's window.)
Everything lives in the database, so it holds across app servers.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from portal.client_ip import client_ip

#: Earlier lockouts of the same combination within this period make the next one longer.
REPEAT_PERIOD = timedelta(days=1)
MAX_LOCKOUT = timedelta(days=1)


def base_lockout() -> timedelta:
    return timedelta(minutes=getattr(settings, "SIGN_IN_LOCKOUT_MINUTES", 15))


def earlier_lockouts(username: str | None, ip_address: str | None) -> int:
    """How often this account was locked at this address within the last day."""
    return AccessFailureLog.objects.filter(
        username=username,
        ip_address=ip_address or None,
        locked_out=True,
        attempt_time__gte=timezone.now() - REPEAT_PERIOD,
    ).count()


def lockout_duration(repeats: int) -> timedelta:
    """The first lockout lasts the base time; every repeat doubles it, up to a day."""
    return min(base_lockout() * (2 ** min(repeats, 16)), MAX_LOCKOUT)


def cool_off(request=None) -> timedelta:
    """AXES_COOLOFF_TIME: how long the failures of this request's combination count."""
    if request is None or not hasattr(request, "axes_ip_address"):
        return base_lockout()
    credentials = getattr(request, "axes_credentials", None)
    username = get_client_username(request, credentials)
    return lockout_duration(earlier_lockouts(username, request.axes_ip_address))


class ThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler, counting the failures whose own expiry has not passed."""

    def get_user_attempts(self, request, credentials=None):
        now = timezone.now()
        return [
            attempts.filter(expiration__expires_at__gt=now)
            for attempts in self.filter_user_attempts(request, credentials)
        ]


def active_lockouts():
    """Locked (account, address) combinations: (username, ip_address, failures, until) rows."""
    return (
        AccessAttempt.objects.filter(expiration__expires_at__gt=timezone.now())
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), until=Max("expiration__expires_at"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-until")
    )


def locked_until(username: str | None, ip_address: str | None):
    """When the lockout of this combination ends, or None when it is not locked."""
    row = active_lockouts().filter(username=username, ip_address=ip_address or None).first()
    return row["until"] if row else None


def lift_lockout(username: str | None, ip_address: str | None) -> int:
    """Forget the failures of one combination (an administrator lifts its lockout)."""
    deleted, _ = AccessAttempt.objects.filter(username=username, ip_address=ip_address or None).delete()
    return deleted


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page (status 429) in the person's language."""
    username = get_client_username(request, credentials)
    until = locked_until(username, getattr(request, "axes_ip_address", None) or client_ip(request))
    return render(
        request,
        "portal/lockout.html",
        {"until": until, "kind": "sign_in"},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


# -- password reset requests ------------------------------------------------------------------


def _counter_key(kind: str, value: str, window: int) -> str:
    # Keyed hash: the cache holds neither addresses nor e-mail addresses in the clear.
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"portal:reset-throttle:{kind}:{digest[:24]}:{int(time.time()) // window}"


def _count(key: str, window: int) -> int:
    """Add one to a counter in the shared cache (atomic with Redis and the database cache)."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return 1


def password_reset_allowed(request, email: str) -> bool:
    """Count a reset request for this client address and the e-mail address typed.

    Counted whether or not an account has that address, so the answer says nothing about which
    addresses exist.
    """
    window = settings.PASSWORD_RESET_LIMIT_WINDOW
    per_address = _count(_counter_key("ip", client_ip(request), window), window)
    per_account = _count(_counter_key("email", (email or "").strip().lower(), window), window)
    return (
        per_address <= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        and per_account <= settings.PASSWORD_RESET_LIMIT_PER_ACCOUNT
    )


def password_reset_refused(request):
    return render(request, "portal/lockout.html", {"kind": "password_reset"}, status=429)
