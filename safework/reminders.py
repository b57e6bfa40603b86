"""The daily reminders of the safe-workplace registers, each sent to a person at most once a day.

`ReminderSent` has one row per (kind, recipient, day); the row is written in the same transaction
that queues the mail, and its unique constraint lets only one of two concurrent runs send it.
"""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from portal.mail import send_mail_later
from safework.models import Declaration, DeclarationStatus, ReminderKind, ReminderSent
from safework.notifications import _link


def _once(kind: str, recipient, today, subject: str, body: str) -> bool:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(kind=kind, recipient=recipient, sent_on=today)
            send_mail_later(subject, body, [recipient.email])
    except IntegrityError:
        return False  # already sent today
    return True


def overdue_decisions(today=None) -> dict:
    """Managers → their declarations past the decision date (references only)."""
    today = today or timezone.localdate()
    pending = Declaration.objects.filter(
        status=DeclarationStatus.AWAITING_MANAGER, decision_due__lt=today, manager__isnull=False
    ).select_related("manager")
    by_manager = defaultdict(list)
    for declaration in pending.order_by("decision_due", "pk"):
        by_manager[declaration.manager].append(declaration)
    return by_manager


def send_decision_reminders(today=None) -> int:
    today = today or timezone.localdate()
    sent = 0
    for manager, declarations in overdue_decisions(today).items():
        if not (manager.is_active and manager.email):
            continue
        with override("nl"):
            subject = _("Meldingen wachten op je besluit")
            lines = [_("De termijn voor een besluit is verstreken bij deze meldingen:")]
            lines += [f"- {d.reference}: {_link(d)}" for d in declarations]
        if _once(ReminderKind.DECLARATION_DECISION, manager, today, subject, "\n".join(lines) + "\n"):
            sent += 1
    return sent
