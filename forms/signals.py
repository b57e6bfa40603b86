"""What happens when a reporter writes: the case turns unread for its owner, the office gets a
notification without content, and after closing the reporter may send one last message.

The notification names the reference only (never the message, category or department) and goes
through `portal.mail.send_mail_later`, so it leaves after the message is committed.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from portal.mail import send_mail_later
from portal.roles import Role


def message_window_ends(report) -> datetime.date | None:
    """The last day a closed case still takes its one last message (None while the case is open)."""
    if not report.is_closed:
        return None
    closed = report.closed_on or timezone.localdate()
    return closed + datetime.timedelta(days=settings.PORTAL_CLOSED_CASE_MESSAGE_DAYS)


def reporter_may_write(report, today: datetime.date | None = None) -> bool:
    if report.purged_on:
        return False
    if not report.is_closed:
        return True
    today = today or timezone.localdate()
    return report.final_message_on is None and today <= message_window_ends(report)


def _recipients(report) -> list[str]:
    office = get_user_model().objects.filter(is_active=True, groups__name=str(Role.INTEGRITY_OFFICE))
    if report.owner_id:
        office = office.filter(pk=report.owner_id)
    return list(office.exclude(email="").values_list("email", flat=True).distinct())


def notify_office_of_reporter_message(report) -> int:
    """Tell the owner (or the whole office when nobody owns the case): reference and link only."""
    with override("nl"):
        subject = _("Nieuw bericht bij melding %(ref)s") % {"ref": report.reference}
        body = _(
            "De melder van %(ref)s heeft een bericht of bestand toegevoegd. Lees het in het beheer:\n%(url)s"
        ) % {
            "ref": report.reference,
            "url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/integriteitsmeldingen/edit/{report.pk}/",
        }
    return send_mail_later(subject, body, _recipients(report), confidential=True)


def mark_read(report, user) -> int:
    """The owner opened the case (or anyone of the office when it has no owner): messages are read."""
    if report.owner_id and report.owner_id != user.pk:
        return 0
    return report.messages.filter(read=False).update(read=True)
