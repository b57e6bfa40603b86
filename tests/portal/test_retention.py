"""Retention of sign-in throttling data and sessions, and the daily command's set of rules."""

import datetime
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from portal.models import UserSession
from portal.retention import rules
from tests.portal.factories import UserFactory
from tests.retention import days_ago, purge

pytestmark = pytest.mark.django_db

# Every kind of personal record the portal keeps (issue #20); other branches add theirs.
EXPECTED_RULES = {
    "forms.reports",
    "forms.advisor_registrations",
    "forms.audit_log",
    "vpd.incidents",
    "vpd.peer_support",
    "awareness.registrations",
    "awareness.introduction_attendance",
    "home.read_confirmations",
    "home.review_reminders",
    "home.page_feedback",
    "home.digests",
    "home.subscriptions",
    "home.must_read_reminders",
    "search.counts",
    "portal.sign_in_throttling",
    "portal.sessions",
    "safework.declarations",
    "forms.lessons",
    "safework.vpd_scans",
    "safework.threat_assessments",
    "safework.manager_training",
    "vpd.follow_up_tasks",
    "portal.departed_accounts",
}


def test_every_kind_of_record_has_a_rule_with_a_documented_setting():
    found = {rule.name: rule for rule in rules()}
    assert set(found) >= EXPECTED_RULES
    from django.conf import settings

    for rule in found.values():
        assert hasattr(settings, rule.setting), rule.setting  # in portal/settings/base.py, env-overridable
        assert rule.days >= 1
    out = StringIO()
    call_command("purge_expired", "--list", stdout=out)
    assert all(name in out.getvalue() for name in EXPECTED_RULES)


def attempt(age_days: float, username: str = "jansen", **fields) -> AccessAttempt:
    made = AccessAttempt.objects.create(
        username=username,
        ip_address="192.0.2.7",
        user_agent="Firefox",
        get_data="",
        post_data="",
        failures_since_start=3,
        **fields,
    )
    AccessAttempt.objects.filter(pk=made.pk).update(attempt_time=days_ago(age_days))
    return made


def failure(age_days: float, username: str = "jansen") -> AccessFailureLog:
    made = AccessFailureLog.objects.create(username=username, ip_address="192.0.2.7", user_agent="Firefox")
    AccessFailureLog.objects.filter(pk=made.pk).update(attempt_time=days_ago(age_days))
    return made


def test_old_sign_in_failures_go_and_a_running_lockout_stays(settings):
    old = attempt(40)
    old_failure = failure(40)
    locked = attempt(40, username="nog-geblokkeerd")
    AccessAttemptExpiration.objects.create(
        access_attempt=locked, expires_at=timezone.now() + datetime.timedelta(hours=1)
    )
    recent = attempt(2, username="recent")
    recent_failure = failure(2)

    assert "portal.sign_in_throttling: 2 purged" in purge("portal.sign_in_throttling", settings, days=30)

    assert not AccessAttempt.objects.filter(pk=old.pk).exists()
    assert not AccessFailureLog.objects.filter(pk=old_failure.pk).exists()
    assert set(AccessAttempt.objects.values_list("pk", flat=True)) == {locked.pk, recent.pk}
    assert AccessFailureLog.objects.filter(pk=recent_failure.pk).exists()


def user_session(key: str, idle_days: float) -> UserSession:
    seen = days_ago(idle_days)
    return UserSession.objects.create(
        user=UserFactory(),
        session_key=key,
        device="desktop",
        browser="Firefox",
        signed_in_at=seen,
        last_activity=seen,
    )


def test_expired_sessions_and_old_sign_in_records_go(settings):
    old = user_session("a" * 32, idle_days=3)
    active = user_session("b" * 32, idle_days=0.01)
    Session.objects.create(session_key="c" * 32, session_data="x", expire_date=days_ago(1))
    Session.objects.create(
        session_key="d" * 32, session_data="x", expire_date=timezone.now() + datetime.timedelta(hours=1)
    )
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"

    assert "portal.sessions: 2 purged" in purge("portal.sessions", settings, days=1)

    assert list(UserSession.objects.values_list("pk", flat=True)) == [active.pk]
    assert list(Session.objects.values_list("session_key", flat=True)) == ["d" * 32]
    assert old.pk != active.pk


def test_a_sign_in_record_that_may_still_be_alive_under_the_idle_timeout_stays(settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 24 * 60 * 60  # an operator allowed five idle days
    kept = user_session("e" * 32, idle_days=3)
    purge("portal.sessions", settings, days=1)
    assert UserSession.objects.filter(pk=kept.pk).exists()
