"""Overdue improvement actions reach their owner in the daily reminder exactly once a day; old scans
and replaced building DRAs are purged after their retention period, never while still in use."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal.retention import rules
from safework.action_reminders import send_action_reminders
from safework.dra import AssessmentMeasure, ThreatAssessment
from safework.models import ReminderSent
from safework.reminders import send_decision_reminders
from safework.scans import ActionStatus, ImprovementAction, VpdScan
from tests.safework.factories import GiftFactory
from tests.safework.scan_factories import ActionFactory, AssessmentFactory, ScanFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 10)


@pytest.fixture
def overdue(people):
    scan = ScanFactory(department=people.department, findings="Bevinding Zeldzaam")
    return ActionFactory(scan=scan, owner=people.manager, due_on=datetime.date(2026, 6, 1))


def run(day, capture):
    with capture(execute=True):
        return send_action_reminders(day)


def test_an_overdue_action_reaches_its_owner_once_a_day(people, overdue, django_capture_on_commit_callbacks):
    scan = overdue.scan
    not_due = ActionFactory(scan=scan, owner=people.manager, due_on=TODAY, description="Nog niet te laat")
    done = ActionFactory(
        scan=scan, owner=people.manager, due_on=datetime.date(2026, 5, 1), status=ActionStatus.DONE
    )
    someone_else = ActionFactory(scan=scan, owner=people.other_manager, due_on=datetime.date(2026, 5, 1))
    assert run(TODAY, django_capture_on_commit_callbacks) == 2
    by_person = {tuple(message.to): message.body for message in mail.outbox}
    body = by_person[(people.manager.email,)]
    assert f"/nl/mijn-verbeteracties/{overdue.pk}/" in body
    assert f"/{not_due.pk}/" not in body and f"/{done.pk}/" not in body
    assert f"/{someone_else.pk}/" in by_person[(people.other_manager.email,)]
    assert "Bevinding Zeldzaam" not in body and "Alarmknop" not in body  # a link, not the content
    # The same day again (a second run, a second server): nothing more.
    assert run(TODAY, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    # The next day: once more.
    assert run(TODAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 2
    assert len(mail.outbox) == 4


def test_a_done_action_is_no_longer_reminded(overdue, django_capture_on_commit_callbacks):
    overdue.status = ActionStatus.DONE
    overdue.save()
    assert run(TODAY, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_an_owner_who_also_decides_gets_both_reminders_the_same_day(
    people, overdue, django_capture_on_commit_callbacks
):
    """The kinds are counted apart: an overdue decision does not swallow the action reminder."""
    GiftFactory(employee=people.declarant, manager=people.manager, decision_due=datetime.date(2026, 6, 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_decision_reminders(TODAY) == 1
        assert send_action_reminders(TODAY) == 1
    assert [message.to for message in mail.outbox] == [[people.manager.email]] * 2
    assert ReminderSent.objects.filter(recipient=people.manager, sent_on=TODAY).count() == 2


def test_the_daily_command_sends_them(people, django_capture_on_commit_callbacks):
    ActionFactory(
        scan=ScanFactory(department=people.department),
        owner=people.manager,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_safework_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [message.to for message in mail.outbox] == [[people.manager.email]]


def rule(name):
    return next(found for found in rules() if found.name == name)


def cutoff(name):
    return timezone.now() - datetime.timedelta(days=rule(name).days)


def test_old_scans_go_once_all_their_actions_are_done(people, settings):
    settings.PORTAL_RETENTION_VPD_SCANS_DAYS = 365
    old_done = ScanFactory(department=people.department, scanned_on=datetime.date(2020, 3, 1))
    ActionFactory(scan=old_done, owner=people.manager, status=ActionStatus.DONE)
    old_open = ScanFactory(department=people.department, scanned_on=datetime.date(2020, 3, 1))
    ActionFactory(scan=old_open, owner=people.manager, status=ActionStatus.IN_PROGRESS)
    recent = ScanFactory(department=people.department, scanned_on=timezone.localdate())
    assert rule("safework.vpd_scans").days == 365
    assert rule("safework.vpd_scans").purge(cutoff("safework.vpd_scans")) == 1
    assert set(VpdScan.objects.all()) == {old_open, recent}
    assert not ImprovementAction.objects.filter(scan_id=old_done.pk).exists()


def test_a_replaced_assessment_goes_after_the_period_and_the_current_one_stays(settings):
    settings.PORTAL_RETENTION_THREAT_ASSESSMENTS_DAYS = 365
    first = AssessmentFactory(assessed_on=datetime.date(2014, 3, 1))
    replaced = AssessmentFactory(assessed_on=datetime.date(2021, 3, 23))
    current = AssessmentFactory(assessed_on=timezone.localdate() - datetime.timedelta(days=30))
    lone = AssessmentFactory(building="Stadskantoor", assessed_on=datetime.date(2014, 3, 1))
    assert rule("safework.threat_assessments").purge(cutoff("safework.threat_assessments")) == 1
    # `replaced` was replaced only 30 days ago; `first` was replaced in 2021; `lone` is still current.
    assert set(ThreatAssessment.objects.all()) == {replaced, current, lone}
    assert not AssessmentMeasure.objects.filter(assessment_id=first.pk).exists()
