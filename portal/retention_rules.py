"""Retention rules of the portal app itself: sign-in throttling data (django-axes) and sessions.

Reached through `portal.retention.RULES` (`rules()` reads `<app>.retention`; this module is apart so
the contract module imports no models).
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.models import UserSession
from portal.retention import RetentionRule


def purge_sign_in_throttling(cutoff: datetime.datetime) -> int:
    """Failed sign-ins (user name, client address, browser) before the cutoff are deleted; a lockout
    still running is kept whatever its age."""
    attempts, _by_model = (
        AccessAttempt.objects.filter(attempt_time__lt=cutoff)
        .exclude(expiration__expires_at__gt=timezone.now())
        .delete()
    )
    failures, _by_model = AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()
    accesses, _by_model = AccessLog.objects.filter(attempt_time__lt=cutoff).delete()
    return attempts + failures + accesses


def purge_sessions(cutoff: datetime.datetime) -> int:
    """Expired sessions in the database store and sign-in records (`UserSession`) without activity
    since the cutoff, and never one that could still be alive under the idle timeout."""
    now = timezone.now()
    longest_idle = max(settings.SESSION_IDLE_TIMEOUT, settings.SESSION_SENSITIVE_IDLE_TIMEOUT)
    limit = min(cutoff, now - datetime.timedelta(seconds=longest_idle))
    records, _by_model = UserSession.objects.filter(last_activity__lt=limit).delete()
    stored = 0
    if settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        stored, _by_model = Session.objects.filter(expire_date__lt=now).delete()
    return records + stored


def purge_departed_accounts(cutoff: datetime.datetime) -> int:
    """Accounts of people who left: no sign-in since the cutoff. Erased through the data-subject
    registry (portal/subject_data.py), like an administrator's erasure."""
    from portal.subject_data import purge_departed_accounts as erase_departed

    return erase_departed(cutoff)


RULES = [
    RetentionRule(
        name="portal.sign_in_throttling",
        description="Failed sign-ins and lockouts (user name, client address, browser) are deleted.",
        setting="PORTAL_RETENTION_SIGN_IN_DAYS",
        default_days=30,
        purge=purge_sign_in_throttling,
    ),
    RetentionRule(
        name="portal.sessions",
        description="Expired sessions and sign-in records (device type, browser, times) are deleted.",
        setting="PORTAL_RETENTION_SESSIONS_DAYS",
        default_days=1,
        purge=purge_sessions,
    ),
    RetentionRule(
        name="portal.departed_accounts",
        description="Accounts and profiles without a sign-in for the period (people who left) are erased "
        "or anonymised as a data-subject erasure would; the office's accounts are left to its lead.",
        setting="PORTAL_RETENTION_DEPARTED_ACCOUNTS_DAYS",
        default_days=2 * 365,
        purge=purge_departed_accounts,
    ),
]
