"""Task checklists on cases: a new case gets its category's template tasks; tasks are assigned,
dated and ticked off. Every change is written to the case's audit log (`forms.audit.record`).

Only the integrity office handles tasks (the views check `forms.permissions.can_handle_case`);
a closed case's checklist no longer changes.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from forms import audit
from forms.case_tasks import CaseTask, CaseTemplate
from forms.models import IntegrityReport


class TaskRefused(Exception):
    """A change to a task that is not allowed (for example on a closed case)."""


def apply_templates(report: IntegrityReport, *, user=None, date_only: bool = False) -> list[CaseTask]:
    """Give a new case the tasks of every active template for its category.

    Due dates count from the day the report was received; the case's owner (if any) owns the tasks.
    `date_only` when the reporter caused it (a report from the web form), as the audit log asks.
    """
    templates = list(
        CaseTemplate.objects.filter(active=True, category=report.category).prefetch_related("tasks")
    )
    tasks = [
        CaseTask(
            report=report,
            title=item.title,
            mandatory=item.mandatory,
            owner_id=report.owner_id,
            due_on=report.received_on + datetime.timedelta(days=item.due_days),
            template=template,
            sort_order=index,
        )
        for index, (template, item) in enumerate(
            (template, item) for template in templates for item in template.tasks.all()
        )
    ]
    if not tasks:
        return []
    with transaction.atomic():
        created = CaseTask.objects.bulk_create(tasks)
        audit.record(
            "taken uit sjabloon",
            user=user,
            report=report,
            detail={"sjablonen": [template.pk for template in templates], "taken": len(created)},
            date_only=date_only,
        )
    return created


def open_mandatory(report: IntegrityReport):
    return report.tasks.filter(mandatory=True, done_on__isnull=True)


def _check_open_case(report: IntegrityReport) -> None:
    if report.is_closed:
        raise TaskRefused(_("De zaak is afgesloten; de takenlijst verandert niet meer."))


def _locked_case(task_or_report) -> IntegrityReport:
    """Lock the case row: ticking off and closing the case cannot interleave."""
    pk = task_or_report.report_id if isinstance(task_or_report, CaseTask) else task_or_report.pk
    report = IntegrityReport.objects.select_for_update().get(pk=pk)
    _check_open_case(report)
    return report


def add_task(report: IntegrityReport, *, user, title: str, owner, due_on, mandatory: bool) -> CaseTask:
    with transaction.atomic():
        locked = _locked_case(report)
        order = (locked.tasks.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
        task = CaseTask.objects.create(
            report=locked, title=title, owner=owner, due_on=due_on, mandatory=mandatory, sort_order=order
        )
        audit.record(
            "taak toegevoegd",
            user=user,
            report=locked,
            detail={"taak": task.pk, "verplicht": mandatory, "eigenaar": getattr(owner, "pk", None)},
        )
    return task


def update_task(task: CaseTask, *, user, owner, due_on) -> CaseTask:
    """Reassign a task or move its due date (its title and whether it is mandatory stay)."""
    with transaction.atomic():
        locked = _locked_case(task)
        before = {"eigenaar": task.owner_id, "uiterlijk": task.due_on.isoformat() if task.due_on else None}
        task.owner, task.due_on = owner, due_on
        task.save(update_fields=["owner", "due_on"])
        after = {"eigenaar": task.owner_id, "uiterlijk": due_on.isoformat() if due_on else None}
        if before != after:
            audit.record(
                "taak gewijzigd",
                user=user,
                report=locked,
                detail={"taak": task.pk, "van": before, "naar": after},
            )
    return task


def tick_off(task: CaseTask, *, user, note: str = "", on: datetime.date | None = None) -> CaseTask:
    with transaction.atomic():
        locked = _locked_case(task)
        task = CaseTask.objects.select_for_update().get(pk=task.pk)
        if task.is_done:
            raise TaskRefused(_("Deze taak is al afgevinkt."))
        task.done_on, task.done_by, task.note = on or timezone.localdate(), user, note
        task.save(update_fields=["done_on", "done_by", "note"])
        audit.record(
            "taak afgevinkt",
            user=user,
            report=locked,
            detail={"taak": task.pk, "verplicht": task.mandatory, "datum": task.done_on.isoformat()},
        )
    return task


def reopen(task: CaseTask, *, user) -> CaseTask:
    with transaction.atomic():
        locked = _locked_case(task)
        task = CaseTask.objects.select_for_update().get(pk=task.pk)
        if not task.is_done:
            raise TaskRefused(_("Deze taak staat al open."))
        task.done_on, task.done_by = None, None
        task.save(update_fields=["done_on", "done_by"])
        audit.record("taak heropend", user=user, report=locked, detail={"taak": task.pk})
    return task


def give_unowned_tasks_to(report: IntegrityReport) -> int:
    """When a case gets an owner, its open tasks nobody owned yet go to them."""
    if report.owner_id is None:
        return 0
    return report.tasks.filter(owner__isnull=True, done_on__isnull=True).update(owner=report.owner_id)


def end_of_week(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=6 - today.weekday())  # Sunday


def due_this_week(user, today: datetime.date) -> Q:
    """Open tasks of this user on open cases due by Sunday, those already late included."""
    from forms import timers

    open_case_pks = IntegrityReport.objects.filter(timers.open_cases()).values("pk")
    return Q(owner=user, done_on__isnull=True, due_on__lte=end_of_week(today), report__in=open_case_pks)


def panel_context(report: IntegrityReport) -> dict:
    """What the case screen shows of the checklist (forms/admin/panel_tasks.html, panel_steps.html)."""
    tasks = list(report.tasks.select_related("owner", "done_by")) if report.pk else []
    return {
        "tasks": tasks,
        "open_mandatory_tasks": sum(1 for task in tasks if task.mandatory and not task.is_done),
    }
