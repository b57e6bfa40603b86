"""Write the audit log's chain head (last sequence number and MAC) to the log.

Run it from cron (e.g. every 15 minutes) and ship the portal's log to the municipality's log system:
a head kept outside the database lets `verify_audit_log --heads-file` notice entries removed from
the end of the audit log, which the chain alone cannot.
"""

import logging

from django.core.management.base import BaseCommand
from django.utils import timezone

from forms.audit import chain_head

logger = logging.getLogger("forms.audit")


class Command(BaseCommand):
    help = "Log the audit log's chain head (sequence and MAC) for export to an external log."

    def handle(self, *args, **options):
        sequence, mac = chain_head()
        line = f"audit chain head sequence={sequence} mac={mac} logged_at={timezone.now():%Y-%m-%dT%H:%M:%SZ}"
        logger.warning(line)  # WARNING: kept at every LOG_LEVEL, so the export never misses a head
        self.stdout.write(line)
