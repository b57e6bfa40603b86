"""Retention of the audit log: the one documented way to remove old entries.

Removes the entries from before the retention period (`PORTAL_AUDIT_RETENTION_YEARS`, default 7)
and appends a signed checkpoint entry naming what was removed and the MAC the remaining chain
continues from, so `verify_audit_log` still passes. Refuses when the chain does not verify. On
PostgreSQL the append-only trigger lets these deletes through only inside the purge's transaction.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forms.audit import purge_before
from forms.models import add_months


class Command(BaseCommand):
    help = "Remove audit log entries older than the retention period, leaving a signed checkpoint."

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            type=int,
            default=getattr(settings, "PORTAL_AUDIT_RETENTION_YEARS", 7),
            help="Keep entries of this many years (default: PORTAL_AUDIT_RETENTION_YEARS or 7).",
        )

    def handle(self, *args, years: int, **options):
        if years < 1:
            raise CommandError("Keep at least one year of the audit log.")
        cutoff = add_months(timezone.localdate(), -12 * years)
        try:
            removed, checkpoint = purge_before(cutoff)
        except RuntimeError as error:
            raise CommandError(str(error)) from None
        if checkpoint is None:
            self.stdout.write(f"No audit log entries from before {cutoff}.")
        else:
            self.stdout.write(
                f"Removed {removed} audit log entries from before {cutoff}; "
                f"checkpoint is entry {checkpoint.sequence}."
            )
