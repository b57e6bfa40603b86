"""The daily reminder of overdue perpetrator follow-up tasks (police report, warning letter,
conversation) to their owners, once a day.

Run by `send_safework_reminders` beside the decision and improvement-action reminders, with the same
exactly-once row (`safework.ReminderSent`, kind `vervolgstap`). The mail names the incident's
reference, the step and the due date, and links to the team incident page; nothing the reporter wrote.
"""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from safework.models import ReminderKind
from safework.reminders import _once
from vpd.perpetrator import FollowUpTask


def _link(task: FollowUpTask) -> str:
    with override("nl"):
        path = reverse("vpd:team_incident_detail", args=[task.incident.reference])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def overdue_follow_up_tasks(today=None) -> dict:
    """Owners → their follow-up tasks past the due date and not done."""
    today = today or timezone.localdate()
    overdue = FollowUpTask.objects.filter(done_on__isnull=True, due_on__lt=today, owner__isnull=False)
    by_owner = defaultdict(list)
    for task in overdue.select_related("owner", "incident").only(
        "kind", "due_on", "owner", "incident__reference"
    ):
        by_owner[task.owner].append(task)
    return by_owner


def send_follow_up_reminders(today=None) -> int:
    today = today or timezone.localdate()
    sent = 0
    for owner, tasks in overdue_follow_up_tasks(today).items():
        if not (owner.is_active and owner.email):
            continue
        with override("nl"):
            subject = _("Vervolgstappen na een incident zijn te laat")
            lines = [_("Deze vervolgstappen van de dadergerichte aanpak zijn over de datum:")]
            lines += [
                _("- %(reference)s, %(step)s, uiterlijk %(due)s: %(link)s")
                % {
                    "reference": task.incident.reference,
                    "step": task.get_kind_display(),
                    "due": task.due_on.strftime("%d-%m-%Y"),
                    "link": _link(task),
                }
                for task in tasks
            ]
        if _once(ReminderKind.OVERDUE_FOLLOW_UP, owner, today, subject, "\n".join(lines) + "\n"):
            sent += 1
    return sent
