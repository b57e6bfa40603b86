"""What a restored backup must reproduce, as JSON: used by scripts/backup_restore_check.sh.

Decrypts every report field, message, note and attachment (a wrong or missing key fails here),
verifies the audit chain, and fingerprints the statistics export of every year with data. Prints
counts and hashes only, never content.
"""

import hashlib
import json

from django.core.management.base import BaseCommand

from forms import audit
from forms.models import Attachment, IntegrityReport, InternalNote, Message
from forms.statistics import service


def fingerprint(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


class Command(BaseCommand):
    help = "Print a JSON summary of what a restore must reproduce (counts and hashes, no content)."

    def handle(self, *args, **options):
        decrypted = {"reports": 0, "messages": 0, "notes": 0, "attachments": 0}
        content = hashlib.sha256()
        for report in IntegrityReport.objects.order_by("pk"):
            fields = (report.description, report.occurred, report.persons_involved, report.contact_details)
            for value in fields:
                content.update(value.encode())
            decrypted["reports"] += 1
        for message in Message.objects.order_by("pk"):
            content.update(message.body.encode())
            decrypted["messages"] += 1
        for note in InternalNote.objects.order_by("pk"):
            content.update(note.body.encode())
            decrypted["notes"] += 1
        for attachment in Attachment.objects.order_by("pk"):
            data = attachment.content()
            if len(data) != attachment.size:
                raise SystemExit(f"attachment {attachment.pk} does not open to its recorded size")
            content.update(data)
            decrypted["attachments"] += 1
        check = audit.verify()
        statistics = {}
        for year in service.years_with_data():
            export = service.export(year, exact=True)
            if export is not None:
                export.pop("generated_at", None)
                statistics[str(year)] = fingerprint(export)
        summary = {
            "decrypted": decrypted,
            "content_sha256": content.hexdigest(),
            "audit_intact": check.intact,
            "audit_problem": check.problem,
            "audit_entries": check.entries,
            "statistics": statistics,
        }
        self.stdout.write(json.dumps(summary, sort_keys=True))
