"""The daily reminder of overdue improvement actions (VPD scans) to their owners, once a day.

Like the decision reminders (`safework.reminders`): one `ReminderSent` row per owner and day,
written in the transaction that queues the mail, so two concurrent runs send it only once. The mail
names the department and the due date and links to the action; the owner reads it in the portal.
"""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from safework.models import ReminderKind
from safework.reminders import _once
from safework.scans import ImprovementAction


def _link(action) -> str:
    """The owner's page of the action on the site (owners need not have the admin)."""
    with override("nl"):
        path = reverse("safework:action_status", args=[action.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def overdue_actions(today=None) -> dict:
    """Owners → their improvement actions past the due date and not done."""
    today = today or timezone.localdate()
    by_owner = defaultdict(list)
    overdue = ImprovementAction.objects.overdue(today).filter(owner__isnull=False)
    for action in overdue.select_related("owner", "scan__department").order_by("due_on", "pk"):
        by_owner[action.owner].append(action)
    return by_owner


def send_action_reminders(today=None) -> int:
    today = today or timezone.localdate()
    sent = 0
    for owner, actions in overdue_actions(today).items():
        if not (owner.is_active and owner.email):
            continue
        with override("nl"):
            subject = _("Verbeteracties uit een VPD-scan zijn te laat")
            lines = [_("Deze verbeteracties zijn over de datum en nog niet afgerond:")]
            lines += [
                _("- %(department)s, gereed op %(due)s: %(link)s")
                % {"department": a.scan.department, "due": a.due_on.strftime("%d-%m-%Y"), "link": _link(a)}
                for a in actions
            ]
        if _once(ReminderKind.OVERDUE_ACTIONS, owner, today, subject, "\n".join(lines) + "\n"):
            sent += 1
    return sent
