"""Retention purge, deadline computation and the daily reminder."""

import datetime
import logging
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from forms.models import Attachment, IntegrityReport, Message, add_months
from forms.reminders import due_cases
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory, MessageFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_deadlines_are_seven_days_and_three_months():
    report = IntegrityReportFactory.build(received_on=datetime.date(2021, 11, 30))
    assert report.acknowledge_by == datetime.date(2021, 12, 7)
    # No acknowledgement yet: three calendar months after the end of the seven days.
    assert report.feedback_by == datetime.date(2022, 3, 7)
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert not report.acknowledgement_overdue(datetime.date(2021, 12, 7))
    assert report.acknowledgement_overdue(datetime.date(2021, 12, 8))
    report.acknowledged_on = datetime.date(2021, 12, 9)
    assert not report.acknowledgement_overdue(datetime.date(2022, 1, 1))
    # Three calendar months from the acknowledgement (tests/forms/test_timers.py has the edge cases).
    assert report.feedback_by == datetime.date(2022, 3, 9)
    assert not report.feedback_overdue(datetime.date(2022, 3, 9))
    assert report.feedback_overdue(datetime.date(2022, 3, 10))


def test_retention_purges_old_closed_cases_and_keeps_statistics(caplog):
    old = IntegrityReportFactory(
        received_on=datetime.date(2019, 2, 1),
        closed_on=datetime.date(2019, 6, 1),
        description="OUDE INHOUD",
        contact_details="06-OUD",
        category="omgaan-met-elkaar",
        investigation="vooronderzoek",
        conclusion="geen-schending",
        consequence="geen",
        subject="Omgaan met elkaar (demo)",
    )
    MessageFactory(report=old)
    Attachment.objects.create(report=old, name="a.pdf", content_type="application/pdf", size=1, data=b"x")
    recent = IntegrityReportFactory(received_on=TODAY, closed_on=TODAY, description="NIEUWE INHOUD")
    open_case = IntegrityReportFactory(received_on=datetime.date(2015, 1, 1), description="OPEN INHOUD")
    out = StringIO()
    with caplog.at_level(logging.INFO, logger="forms.retention"):
        call_command("purge_closed_reports", stdout=out)
    old.refresh_from_db()
    assert old.purged_on == TODAY
    assert (old.description, old.contact_details, old.receipt_hash) == ("", "", "")
    assert (
        not Message.objects.filter(report=old).exists() and not Attachment.objects.filter(report=old).exists()
    )
    assert (old.category, old.investigation, old.conclusion, old.consequence, old.received_on.year) == (
        "omgaan-met-elkaar",
        "vooronderzoek",
        "geen-schending",
        "geen",
        2019,
    )
    assert IntegrityReport.objects.get(pk=recent.pk).description == "NIEUWE INHOUD"
    assert IntegrityReport.objects.get(pk=open_case.pk).description == "OPEN INHOUD"
    assert old.reference in caplog.text and "1 messages, 1 attachments" in caplog.text
    assert "OUDE INHOUD" not in caplog.text + out.getvalue()
    # Running again removes nothing more.
    out = StringIO()
    call_command("purge_closed_reports", stdout=out)
    assert "0 reports purged" in out.getvalue()


def test_retention_period_is_configurable(settings):
    IntegrityReportFactory(closed_on=TODAY - datetime.timedelta(days=400))
    settings.PORTAL_REPORT_RETENTION_YEARS = 1
    call_command("purge_closed_reports", stdout=StringIO())
    assert IntegrityReport.objects.exclude(purged_on=None).count() == 1


def test_reminder_mails_the_office_about_due_deadlines_without_content(
    make_user, django_capture_on_commit_callbacks
):
    office = make_user(Role.INTEGRITY_OFFICE, email="ib@portaal.invalid")
    make_user(Role.ADMINISTRATOR, email="beheer@portaal.invalid")
    late = IntegrityReportFactory(received_on=TODAY - datetime.timedelta(days=10), description="GEHEIM")
    new = IntegrityReportFactory(received_on=TODAY)
    IntegrityReportFactory(received_on=TODAY, acknowledged_on=TODAY)  # nothing due
    IntegrityReportFactory(received_on=TODAY - datetime.timedelta(days=30), closed_on=TODAY)  # closed
    lines = due_cases(TODAY)
    assert lines == [
        f"{late.reference}: ontvangst bevestigen vóór {late.acknowledge_by.isoformat()} (verlopen)",
        f"{new.reference}: ontvangst bevestigen vóór {new.acknowledge_by.isoformat()} (nieuw)",
    ]
    with django_capture_on_commit_callbacks(execute=True):  # mail leaves after commit (portal/mail.py)
        call_command("send_integrity_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [office.email]
    assert late.reference in mail.outbox[0].body and "GEHEIM" not in mail.outbox[0].body


def test_no_reminder_without_due_deadlines(django_capture_on_commit_callbacks):
    IntegrityReportFactory(received_on=TODAY, acknowledged_on=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_integrity_reminders", stdout=StringIO())
    assert mail.outbox == []
