"""Retention: remove the content of closed integrity reports after the retention period.

Keeps only what the statistics count (year and dates, category, department, source, channel,
investigation, conclusion, consequence, and the office's publishable subject), so that published
figures never change. Logs what it removed (references and counts, never content).
"""

import datetime
import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from forms.models import IntegrityReport, add_months

logger = logging.getLogger("forms.retention")


class Command(BaseCommand):
    help = "Remove the content of integrity reports closed longer ago than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            type=int,
            default=getattr(settings, "PORTAL_REPORT_RETENTION_YEARS", 5),
            help="Retention period in years after closing (default: PORTAL_REPORT_RETENTION_YEARS or 5).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be removed.")

    def handle(self, *args, years: int, dry_run: bool, **options):
        today = timezone.localdate()
        cutoff = add_months(today, -12 * years) if years else today + datetime.timedelta(days=1)
        due = IntegrityReport.objects.filter(closed_on__lt=cutoff, purged_on__isnull=True).order_by("pk")
        removed = 0
        for report in due:
            counts = {
                "messages": report.messages.count(),
                "attachments": report.attachments.count(),
                "notes": report.notes.count(),
            }
            line = (
                f"{report.reference} (closed {report.closed_on}): removed description, persons, "
                f"contact details, receipt code, {counts['messages']} messages, "
                f"{counts['attachments']} attachments, {counts['notes']} notes"
            )
            if dry_run:
                self.stdout.write(f"would purge {line}")
                continue
            with transaction.atomic():
                report.messages.all().delete()
                report.attachments.all().delete()
                report.notes.all().delete()
                report.transitions.update(note="")  # the office's notes on steps are content too
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
            logger.info("Retention purge: %s", line)
            self.stdout.write(f"purged {line}")
            removed += 1
        self.stdout.write(f"{removed} reports purged (retention {years} years).")
