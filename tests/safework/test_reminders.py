"""Overdue decisions reach the manager in the daily reminder exactly once per day."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from safework.models import DeclarationStatus
from safework.reminders import send_decision_reminders
from tests.safework.factories import GiftFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 20)


@pytest.fixture
def overdue(people):
    return GiftFactory(
        employee=people.declarant,
        manager=people.manager,
        submitted_on=datetime.date(2026, 3, 1),
        decision_due=datetime.date(2026, 3, 15),
    )


def run(day, capture):
    with capture(execute=True):
        return send_decision_reminders(day)


def test_overdue_decision_reminded_once_a_day(people, overdue, django_capture_on_commit_callbacks):
    not_due = GiftFactory(employee=people.employee, manager=people.manager, decision_due=TODAY)
    decided = GiftFactory(
        employee=people.employee,
        manager=people.manager,
        decision_due=datetime.date(2026, 3, 10),
        status=DeclarationStatus.DECIDED,
    )
    assert run(TODAY, django_capture_on_commit_callbacks) == 1
    [reminder] = mail.outbox
    assert reminder.to == [people.manager.email]
    assert overdue.reference in reminder.body
    assert not_due.reference not in reminder.body and decided.reference not in reminder.body
    assert "Van Zanten" not in reminder.body  # references only
    # The same day again (a second run, a second server): nothing more.
    assert run(TODAY, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1
    # The next day: once more.
    assert run(TODAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2


def test_a_decided_declaration_is_no_longer_reminded(people, overdue, django_capture_on_commit_callbacks):
    overdue.status = DeclarationStatus.DECIDED
    overdue.save()
    assert run(TODAY, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_the_daily_command_sends_them(people, overdue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_safework_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [message.to for message in mail.outbox] == [[people.manager.email]]
