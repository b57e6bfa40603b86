"""`/.well-known/security.txt` (RFC 9116): where to report a vulnerability in the portal.

Contact and policy come from settings (`SECURITY_TXT_CONTACT`, `SECURITY_TXT_POLICY`); `Expires` is
a year from the first day of the current month at most, as the RFC advises, so the file never goes
stale while the contact in the environment is reviewed with every yearly release.
"""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET


def expires(today: datetime.date | None = None) -> datetime.datetime:
    today = today or timezone.now().date()
    first = today.replace(day=1)
    return datetime.datetime(first.year + 1, first.month, 1, tzinfo=datetime.UTC) - datetime.timedelta(days=1)


@login_not_required
@require_GET
def security_txt(request):
    """Open to everyone: a researcher outside the municipality must be able to read it."""
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_TXT_CONTACT]
    lines.append(f"Expires: {expires().strftime('%Y-%m-%dT%H:%M:%SZ')}")
    lines.append("Preferred-Languages: nl, en")
    lines.append(f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}")
    if settings.SECURITY_TXT_POLICY:
        lines.append(f"Policy: {settings.SECURITY_TXT_POLICY}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
