"""Background tasks in the Wagtail admin: administrators see what waits and what failed (which task,
which attempt, the error's kind, when the next attempt runs), never a task's arguments (a mail body,
a recipient). Sent mail leaves no row (portal/task_results.py)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_tasks.base import TaskResultStatus
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.mail import send_mail_task
from portal.roles import Role, has_role
from portal.task_results import attempt_of, get_date_max, unfinished_and_failed

LISTED = 200


def can_see_tasks(user) -> bool:
    """Administrators (the Beheerder role) only; a superuser flag alone is not a role."""
    return user.is_authenticated and user.is_active and has_role(user, Role.ADMINISTRATOR)


class TasksView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Achtergrondtaken")
    header_icon = "cogs"
    template_name = "portal/admin/tasks.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_tasks(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        never = get_date_max()
        rows = []
        for row in unfinished_and_failed()[:LISTED]:
            is_mail = row.task_path == send_mail_task.module_path
            rows.append(
                {
                    "name": gettext_lazy("E-mail") if is_mail else row.task_path.rsplit(".", 1)[-1],
                    "status": TaskResultStatus(row.status).label,
                    "failed": row.status == TaskResultStatus.FAILED,
                    "attempt": attempt_of(row) if is_mail else None,
                    "enqueued_at": row.enqueued_at,
                    "run_after": row.run_after if row.run_after != never else None,
                    "error": row.exception_class_path.rsplit(".", 1)[-1],
                }
            )
        context.update(rows=rows, max_attempts=settings.MAIL_MAX_ATTEMPTS)
        return context
