"""Retention of the forms app through the daily command: reports, advisor registrations, audit log."""

import datetime

import pytest
from django.utils import timezone

from forms import audit
from forms.models import AdvisorRegistration, AuditLogEntry, IntegrityReport, Message
from forms.retention import PURGED_PSEUDONYM
from tests.forms.factories import (
    AdvisorConversationFactory,
    AdvisorRegistrationFactory,
    IntegrityReportFactory,
    MessageFactory,
)
from tests.retention import OLD_YEAR, figures, purge

pytestmark = pytest.mark.django_db


def old_and_recent_reports():
    old = IntegrityReportFactory(
        received_on=datetime.date(OLD_YEAR, 2, 1),
        closed_on=datetime.date(OLD_YEAR, 6, 1),
        description="OUDE INHOUD",
        persons_involved="Jan Jansen",
        contact_details="06-OUD",
        conclusion="gegrond",
    )
    MessageFactory(report=old, body="OUD BERICHT")
    recent = IntegrityReportFactory(closed_on=timezone.localdate(), description="NIEUWE INHOUD")
    return old, recent


def test_closed_reports_lose_their_content_and_the_figures_stay(settings):
    old, recent = old_and_recent_reports()
    before = figures(OLD_YEAR)
    assert before["integrity_reports"]["total"] == 1

    assert "forms.reports: 1 purged" in purge("forms.reports", settings)

    old.refresh_from_db()
    assert (old.description, old.persons_involved, old.contact_details, old.receipt_hash) == ("", "", "", "")
    assert old.purged_on == timezone.localdate()
    assert not Message.objects.filter(report=old).exists()
    assert IntegrityReport.objects.get(pk=recent.pk).description == "NIEUWE INHOUD"
    assert figures(OLD_YEAR) == before
    assert "forms.reports: 0 purged" in purge("forms.reports", settings)  # nothing twice
    IntegrityReport.objects.filter(pk=old.pk).delete()  # control: the comparison sees a lost record
    assert figures(OLD_YEAR) != before


def test_control_a_period_longer_than_the_age_keeps_the_report(settings):
    old, _recent = old_and_recent_reports()
    purge("forms.reports", settings, days=365 * 10)
    old.refresh_from_db()
    assert old.description == "OUDE INHOUD" and old.purged_on is None


def test_advisor_registrations_lose_the_pseudonym_and_the_figures_stay(settings):
    old = AdvisorRegistrationFactory(pseudonym="mevrouw-van-balie-3", topic="overig")
    AdvisorConversationFactory(registration=old, held_on=datetime.date(OLD_YEAR, 3, 1))
    # Its last conversation is recent: the whole registration is still in use.
    ongoing = AdvisorRegistrationFactory(pseudonym="lopend")
    AdvisorConversationFactory(registration=ongoing, held_on=datetime.date(OLD_YEAR, 3, 1))
    AdvisorConversationFactory(registration=ongoing, held_on=timezone.localdate())
    before = figures(OLD_YEAR)
    assert before["confidential_advisors"]

    assert "forms.advisor_registrations: 1 purged" in purge("forms.advisor_registrations", settings)

    old.refresh_from_db()
    assert old.pseudonym == f"{PURGED_PSEUDONYM}{old.pk}"
    assert AdvisorRegistration.objects.get(pk=ongoing.pk).pseudonym == "lopend"
    assert figures(OLD_YEAR) == before


def test_the_audit_log_is_shortened_behind_a_checkpoint_and_still_verifies(settings, monkeypatch):
    from django.utils import timezone

    moment = timezone.make_aware(datetime.datetime(OLD_YEAR, 5, 1, 10, 0))
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        old = audit.record("bekeken", detail={"i": 1})
    recent = audit.record("bekeken", detail={"i": 2})

    assert "forms.audit_log: 1 purged" in purge("forms.audit_log", settings)

    assert not AuditLogEntry.objects.filter(pk=old.pk).exists()
    assert AuditLogEntry.objects.filter(pk=recent.pk).exists()
    assert AuditLogEntry.objects.filter(action=audit.CHECKPOINT_ACTION).exists()
    assert audit.verify().intact


def test_a_failing_rule_rolls_back_and_the_others_still_run(settings, monkeypatch):
    """An audit log that does not verify is never purged; the reports' rule still runs; the command fails."""
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    old, _recent = old_and_recent_reports()
    monkeypatch.setattr(audit, "purge_before", lambda cutoff: (_ for _ in ()).throw(RuntimeError("broken")))
    settings.PORTAL_RETENTION_REPORTS_DAYS = 365
    err = StringIO()
    with pytest.raises(CommandError, match=r"forms\.audit_log"):
        call_command(
            "purge_expired",
            "--rule",
            "forms.audit_log",
            "--rule",
            "forms.reports",
            stdout=StringIO(),
            stderr=err,
        )
    assert "forms.audit_log: failed, rolled back" in err.getvalue()
    old.refresh_from_db()
    assert old.purged_on is not None


def test_a_period_below_one_day_is_refused(settings):
    old, _recent = old_and_recent_reports()
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.PORTAL_RETENTION_REPORTS_DAYS = 0
    with pytest.raises(CommandError):
        call_command("purge_expired", "--rule", "forms.reports", stdout=StringIO(), stderr=StringIO())
    old.refresh_from_db()
    assert old.purged_on is None


def test_the_command_logs_counts_and_never_content(settings, caplog):
    old, _recent = old_and_recent_reports()
    with caplog.at_level("INFO", logger="portal.retention"):
        purge("forms.reports", settings)
    logged = caplog.text
    assert "forms.reports: 1 rows purged" in logged
    assert "OUDE INHOUD" not in logged and "Jan Jansen" not in logged and old.reference not in logged
