"""Writing reports, messages and audit entries: the only places that create these records."""

import datetime

from django.db import transaction
from django.utils import timezone

from forms import audit as audit_log
from forms import receipts
from forms.attachments import CleanFile
from forms.crypto import encrypt_bytes
from forms.models import Attachment, AuditLogEntry, Channel, IntegrityReport, Message


def _attach(report: IntegrityReport, files: list[CleanFile], today: datetime.date) -> None:
    Attachment.objects.bulk_create(
        [
            Attachment(
                report=report,
                name=file.name,
                content_type=file.content_type,
                size=len(file.data),
                pages=file.pages,
                data=encrypt_bytes(file.data),
                added_on=today,
            )
            for file in files
        ]
    )


def file_report(*, what: dict, about: dict, files: list[CleanFile]) -> tuple[IntegrityReport, str]:
    """Store a report from the web form and return it with its receipt code (shown once, never stored).

    Deliberately takes no request and no user: nothing about the reporter's device or account can
    end up in the report.
    """
    code = receipts.new_code()
    prefix, hashed = receipts.hash_code(code)
    today = timezone.localdate()
    with transaction.atomic():
        report = IntegrityReport.objects.create(
            category=what["category"],
            description=what["description"],
            occurred=what.get("occurred", ""),
            department=what.get("department"),
            persons_involved=what.get("persons_involved", ""),
            source=about["source"],
            channel=Channel.WEB,
            contact_details=about.get("contact_details", ""),
            received_on=today,
            receipt_prefix=prefix,
            receipt_hash=hashed,
        )
        _attach(report, files, today)
        # The reporter caused it: the day only, like the report.
        audit_log.record("ontvangen", report=report, date_only=True)
        from forms.task_checklists import apply_templates

        apply_templates(report, date_only=True)  # the category's checklist (forms/task_checklists.py)
    return report, code


class MessagingClosed(Exception):
    """The case is closed and its last message was sent, or the period for it has passed."""


def add_reporter_message(report: IntegrityReport, body: str, files: list[CleanFile]) -> None:
    from forms import signals

    today = timezone.localdate()
    with transaction.atomic():
        # Locked, so that two tabs cannot both send the one message allowed after closing.
        report = IntegrityReport.objects.select_for_update().get(pk=report.pk)
        if not signals.reporter_may_write(report, today):
            raise MessagingClosed
        if report.is_closed:
            report.final_message_on = today
            report.save(update_fields=["final_message_on"])
        if body.strip():
            Message.objects.create(
                report=report, author=Message.Author.REPORTER, body=body, sent_on=today, read=False
            )
        _attach(report, files, today)
        signals.notify_office_of_reporter_message(report)
        audit_log.record(
            "aangevuld door melder",
            report=report,
            detail={"bericht": bool(body.strip()), "bijlagen": len(files)},
            date_only=True,
        )


def add_office_message(report: IntegrityReport, body: str, user) -> Message:
    with transaction.atomic():
        message = Message.objects.create(report=report, author=Message.Author.OFFICE, body=body)
        audit(report, user, "bericht verstuurd")
    return message


def audit(report: IntegrityReport, user, action: str) -> AuditLogEntry:
    return audit_log.record(action, user=user, report=report)


def audit_detail(report: IntegrityReport, user, action: str, detail: dict) -> AuditLogEntry:
    return audit_log.record(action, user=user, report=report, detail=detail)
