"""Exactly-once submission of the report form: its nonce is claimed in the database.

`claim` runs inside the transaction that stores the report: if another process already claimed the
nonce (the same final step sent twice, to two workers or servers), the unique key refuses it and
the caller shows "already sent". The old per-process `cache.add` let both through.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from forms.models import SubmissionNonce

KEEP_DAYS = 3  # far longer than a draft lives (2 hours); then the rows go


def _digest(nonce: str) -> str:
    return hashlib.sha256(f"forms.report-nonce:{nonce}".encode()).hexdigest()


def _in_database() -> bool:
    # Test-only switch: the control run of tests/forms/test_two_servers.py shows the old race.
    return getattr(settings, "PORTAL_REPORT_NONCE_IN_DATABASE", True)


def is_claimed(nonce: str) -> bool:
    if not _in_database():
        return cache.get(f"forms:report-nonce:{nonce}") is not None
    return SubmissionNonce.objects.filter(digest=_digest(nonce)).exists()


def claim(nonce: str) -> bool:
    """Claim the nonce in the current transaction; False when it was claimed before."""
    if not nonce:
        return False
    if not _in_database():
        return cache.add(f"forms:report-nonce:{nonce}", 1, 4 * 60 * 60)
    today = timezone.localdate()
    SubmissionNonce.objects.filter(claimed_on__lt=today - datetime.timedelta(days=KEEP_DAYS)).delete()
    try:
        with transaction.atomic():
            SubmissionNonce.objects.create(digest=_digest(nonce), claimed_on=today)
    except IntegrityError:
        return False
    return True
