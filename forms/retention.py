"""Retention rules of the forms app: integrity reports, confidential-advisor registrations, the audit log.

Each purge keeps what the annual statistics count (forms/figures.py), so published figures never change.
"""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from forms.lessons.retention import RULES as LESSON_RULES
from forms.models import AdvisorRegistration, IntegrityReport
from portal.retention import RetentionRule

# What an anonymised advisor registration's pseudonym starts with (unique per advisor, so `pk` follows).
PURGED_PSEUDONYM = "verwijderd-"


def purge_report_content(report: IntegrityReport, today: datetime.date) -> dict[str, int]:
    """Remove a closed report's content, keeping only what the statistics count. Returns counts removed."""
    counts = {
        "messages": report.messages.count(),
        "attachments": report.attachments.count(),
        "notes": report.notes.count(),
    }
    with transaction.atomic():
        report.messages.all().delete()
        report.attachments.all().delete()
        report.notes.all().delete()
        report.transitions.update(note="")  # the office's notes on steps are content too
        # The protocol events keep their dates (the timers' history) and lose notes and documents.
        report.protocol_events.update(
            note="", document_name="", document_type="", document_size=0, document_pages=0, document_data=None
        )
        report.tasks.all().delete()  # a task's title or note may name people (forms/case_tasks.py)
        IntegrityReport.objects.filter(pk=report.pk).update(
            description="",
            occurred="",
            persons_involved="",
            contact_details="",
            receipt_prefix="",
            receipt_hash="",
            registered_by=None,
            purged_on=today,
        )
    return counts


def purge_closed_reports(cutoff: datetime.datetime) -> int:
    """Reports closed before the cutoff's day lose description, persons, contact details, receipt
    code, messages, attachments and internal notes."""
    today = timezone.localdate()
    due = IntegrityReport.objects.filter(closed_on__lt=cutoff.date(), purged_on__isnull=True).order_by("pk")
    purged = 0
    for report in due:
        purge_report_content(report, today)
        purged += 1
    return purged


def purge_advisor_registrations(cutoff: datetime.datetime) -> int:
    """Registrations whose last conversation was before the cutoff lose the advisor's pseudonym.

    Department, topic and the conversations' dates stay: the statistics count them. A registration
    without any conversation is not counted anywhere and is kept until it gets one (the advisor sees
    and can delete it).
    """
    due = (
        AdvisorRegistration.objects.annotate(last=Max("conversations__held_on"))
        .filter(last__lt=cutoff.date())
        .exclude(pseudonym__startswith=PURGED_PSEUDONYM)
    )
    purged = 0
    for pk in due.values_list("pk", flat=True):
        purged += AdvisorRegistration.objects.filter(pk=pk).update(pseudonym=f"{PURGED_PSEUDONYM}{pk}")
    return purged


def purge_audit_log(cutoff: datetime.datetime) -> int:
    """Entries from before the cutoff's day are removed behind a signed checkpoint (forms/audit.py).
    Refuses (raises) when the chain does not verify: a purge never destroys evidence of tampering."""
    from forms.audit import purge_before

    removed, _checkpoint = purge_before(cutoff.date())
    return removed


RULES = [
    RetentionRule(
        name="forms.reports",
        description="Closed integrity reports: content, persons, contact details, receipt code, messages, "
        "attachments, notes and case tasks are removed; dates, category, department, source, channel and "
        "outcome stay.",
        setting="PORTAL_RETENTION_REPORTS_DAYS",
        default_days=5 * 365,
        purge=purge_closed_reports,
    ),
    RetentionRule(
        name="forms.advisor_registrations",
        description="Confidential-advisor registrations: the pseudonym is replaced after the last "
        "conversation; department, topic and conversation dates stay.",
        setting="PORTAL_RETENTION_ADVISOR_REGISTRATIONS_DAYS",
        default_days=2 * 365,
        purge=purge_advisor_registrations,
    ),
    RetentionRule(
        name="forms.audit_log",
        description="Audit log: entries older than the period are removed behind a signed checkpoint.",
        setting="PORTAL_RETENTION_AUDIT_LOG_DAYS",
        default_days=7 * 365,
        purge=purge_audit_log,
    ),
    *LESSON_RULES,  # forms/lessons/retention.py
]
