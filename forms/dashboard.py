"""The integrity office's panel on the admin dashboard: my open cases, overdue timers (statutory and the
investigation protocol's), unread messages, my tasks due this week.

Shown to office members only (the same group check as the case screens). Counts and references,
never content; five queries whatever the number of cases.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from forms import protocol_timers, timers
from forms.models import IntegrityReport, Message
from forms.permissions import is_integrity_office


def mine(user) -> Q:
    co_handled = IntegrityReport.co_handlers.through.objects.filter(user=user).values("integrityreport")
    return Q(owner=user) | Q(pk__in=co_handled)


def unread_for(user) -> Q:
    """Cases with a reporter's message unread by this user: their own cases, and cases nobody owns."""
    unread = Message.objects.filter(read=False, author=Message.Author.REPORTER).values("report")
    return Q(pk__in=unread) & (mine(user) | Q(owner__isnull=True))


class OfficeDashboardPanel(Component):
    name = "integrity_office_cases"
    template_name = "forms/admin/dashboard_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        open_cases = IntegrityReport.objects.filter(timers.open_cases())
        my_cases = list(open_cases.filter(mine(self.user)).order_by("received_on", "pk")[:20])
        return {
            "my_cases": my_cases,
            "acknowledgement_overdue": open_cases.filter(timers.acknowledgement_overdue(today)).count(),
            "feedback_overdue": open_cases.filter(timers.feedback_overdue(today)).count(),
            "unread": open_cases.filter(unread_for(self.user)).count(),
            "protocol_overdue": open_cases.filter(protocol_timers.overdue(today)).count(),
            "today": today,
            **tasks_due_context(self.user, today),
        }


def tasks_due_context(user, today) -> dict:
    """My open tasks due by Sunday (late ones first), on open cases (forms/task_checklists.py)."""
    from forms.case_tasks import CaseTask
    from forms.task_checklists import due_this_week, end_of_week

    tasks = CaseTask.objects.filter(due_this_week(user, today)).select_related("report")
    return {"tasks_due": list(tasks.order_by("due_on", "pk")[:50]), "week_ends": end_of_week(today)}


def add_panel(request, panels) -> None:
    if is_integrity_office(request.user):
        panels.append(OfficeDashboardPanel(request.user))
