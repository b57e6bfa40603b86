"""The daily reminder command: reminders the day before, evaluation requests the day after, never twice."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tests.awareness.factories import RegistrationFactory, SessionFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The command, with its mail leaving once its writes commit (portal/mail.py)."""

    def run() -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_awareness_reminders", stdout=out)
        return out.getvalue()

    return run


def test_reminders_go_once_to_confirmed_people_of_tomorrows_sessions(run):
    tomorrow = SessionFactory(start=in_days(1, hour=10), end=in_days(1, hour=12))
    next_week = SessionFactory(start=in_days(7))
    confirmed = RegistrationFactory(session=tomorrow)
    RegistrationFactory(session=tomorrow, status="waitlisted")
    RegistrationFactory(session=tomorrow, status="cancelled")
    RegistrationFactory(session=next_week)
    cancelled_session = SessionFactory(start=in_days(1, hour=15), end=in_days(1, hour=16), cancelled=True)
    RegistrationFactory(session=cancelled_session)

    assert "1 reminders" in run()
    [message] = mail.outbox
    assert message.to == [confirmed.email]
    assert "Herinnering" in message.subject
    assert message.attachments
    assert "0 reminders" in run()
    assert len(mail.outbox) == 1


def test_evaluation_requests_go_once_after_the_session(run):
    yesterday = SessionFactory(start=in_days(-1, hour=10), end=in_days(-1, hour=12))
    came = RegistrationFactory(session=yesterday, attended=True)
    RegistrationFactory(session=yesterday, attended=False)
    assert "1 evaluation requests" in run()
    [message] = mail.outbox
    assert message.to == [came.email]
    assert f"/bewustwording/evaluatie/{came.pk}/" in message.body
    run()
    assert len(mail.outbox) == 1
    assert yesterday.end - yesterday.start == datetime.timedelta(hours=2)
