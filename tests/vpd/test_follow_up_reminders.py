"""Overdue perpetrator follow-up tasks reach their owner in the daily reminder, once a day, with the
reference and a link only (never what the reporter wrote or the letter)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from safework.models import ReminderSent
from tests.portal.factories import UserFactory
from tests.vpd.factories import IncidentFactory
from vpd.follow_up_reminders import send_follow_up_reminders
from vpd.perpetrator import FollowUpKind, FollowUpTask

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 10)


def task(owner, kind=FollowUpKind.CONVERSATION, due=datetime.date(2026, 6, 1), done=None, **incident):
    return FollowUpTask.objects.create(
        incident=IncidentFactory(description="Scheldde de baliemedewerker uit", **incident),
        kind=kind,
        owner=owner,
        due_on=due,
        done_on=done,
        letter="Geachte heer Zeldzaam",
    )


def run(day, capture) -> int:
    with capture(execute=True):
        return send_follow_up_reminders(day)


def test_an_overdue_task_reaches_its_owner_once_a_day(django_capture_on_commit_callbacks):
    owner, other = UserFactory(email="manager@gemeente.invalid"), UserFactory(email="other@gemeente.invalid")
    overdue = task(owner)
    not_due = task(owner, kind=FollowUpKind.POLICE_REPORT, due=TODAY)
    done = task(owner, kind=FollowUpKind.WARNING_LETTER, done=datetime.date(2026, 5, 30))
    someone_else = task(other)

    assert run(TODAY, django_capture_on_commit_callbacks) == 2
    body = {tuple(message.to): message.body for message in mail.outbox}[(owner.email,)]
    assert overdue.incident.reference in body and "Incidentgesprek met de dader" in body
    assert f"/nl/vpd/team-incidenten/{overdue.incident.reference}/" in body
    assert not_due.incident.reference not in body and done.incident.reference not in body
    assert someone_else.incident.reference not in body
    assert "Scheldde" not in body and "Zeldzaam" not in body  # a link, not the content
    # A second run the same day (a second server): nothing more; the next day once more.
    assert run(TODAY, django_capture_on_commit_callbacks) == 0
    assert run(TODAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 2
    assert len(mail.outbox) == 4
    assert ReminderSent.objects.filter(kind="vervolgstap", recipient=owner).count() == 2


def test_no_reminder_for_a_done_task_an_inactive_owner_or_no_owner(django_capture_on_commit_callbacks):
    done = task(UserFactory(email="done@gemeente.invalid"))
    done.done_on = datetime.date(2026, 6, 9)
    done.save()
    task(UserFactory(email="gone@gemeente.invalid", is_active=False))
    task(None)
    assert run(TODAY, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_the_daily_command_sends_them(django_capture_on_commit_callbacks):
    owner = UserFactory(email="manager@gemeente.invalid")
    task(owner, due=timezone.localdate() - datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_safework_reminders", "--now", stdout=StringIO())
    assert [message.to for message in mail.outbox] == [[owner.email]]
