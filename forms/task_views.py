"""Admin screens of a case's tasks: add a task, reassign or re-date it, tick it off or reopen it.

Each is a page of its own (the case screen is one big form, and forms do not nest). Only the
integrity office may open them; a task's owner is always an office member; a closed case's
checklist is read-only. Every change goes through `forms.task_checklists` (audited, atomic).
"""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from forms import services, task_checklists
from forms.case_tasks import CaseTask
from forms.models import IntegrityReport
from forms.permissions import can_handle_case

DATE_WIDGET = django_forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _office_members():
    from forms.viewsets import office_members

    return office_members()


class TaskPlanForm(django_forms.Form):
    owner = django_forms.ModelChoiceField(
        label=gettext_lazy("Eigenaar"), queryset=IntegrityReport.objects.none(), required=False
    )
    due_on = django_forms.DateField(label=gettext_lazy("Uiterlijk op"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _office_members()  # anyone else is refused as a choice
        self.fields["due_on"].error_messages["invalid"] = _("Vul een geldige datum in.")


class NewTaskForm(TaskPlanForm):
    title = django_forms.CharField(
        label=gettext_lazy("Taak"),
        max_length=200,
        error_messages={"required": gettext_lazy("Beschrijf de taak.")},
    )
    mandatory = django_forms.BooleanField(
        label=gettext_lazy("Verplicht"),
        required=False,
        help_text=gettext_lazy("Een zaak wordt pas afgesloten als alle verplichte taken zijn afgevinkt."),
    )
    field_order = ["title", "owner", "due_on", "mandatory"]


class TickOffForm(django_forms.Form):
    note = django_forms.CharField(
        label=gettext_lazy("Toelichting (optioneel)"),
        required=False,
        widget=django_forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Bijvoorbeeld: niet van toepassing, omdat …"),
    )


def _case(request, pk) -> IntegrityReport:
    if not can_handle_case(request.user):
        raise PermissionDenied
    return get_object_or_404(IntegrityReport, pk=pk)


def _edit_url(report) -> str:
    return reverse("integriteitsmeldingen:edit", args=[report.pk])


def _mark_invalid(form) -> None:
    for name in form.errors:
        if name in form.fields:  # the message is read with the field it concerns
            form.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"id_{name}-error"}
            )


def _closed(request, report):
    messages.error(request, _("De zaak is afgesloten; de takenlijst verandert niet meer."))
    return redirect(_edit_url(report))


@require_http_methods(["GET", "POST"])
def add(request, pk: int):
    report = _case(request, pk)
    if report.is_closed:
        return _closed(request, report)
    status = 200
    if request.method == "POST":
        form = NewTaskForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                task_checklists.add_task(
                    report,
                    user=request.user,
                    title=data["title"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                    mandatory=data["mandatory"],
                )
            except task_checklists.TaskRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, _("Taak toegevoegd."))
            return redirect(_edit_url(report))
        status = 422
    else:
        form = NewTaskForm(initial={"owner": report.owner_id})
    _mark_invalid(form)
    return TemplateResponse(
        request,
        "forms/admin/task.html",
        {"report": report, "form": form, "title": _("Taak toevoegen"), "edit_url": _edit_url(report)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def detail(request, pk: int, task_pk: int):
    """One task: change owner and due date, tick it off with an optional note, or reopen it."""
    report = _case(request, pk)
    task = get_object_or_404(CaseTask.objects.select_related("owner", "done_by"), pk=task_pk, report=report)
    plan = TaskPlanForm(initial={"owner": task.owner_id, "due_on": task.due_on})
    tick = TickOffForm()
    status = 200
    if request.method == "POST":
        if report.is_closed:
            return _closed(request, report)
        action = request.POST.get("action")
        try:
            if action == "plan":
                plan = TaskPlanForm(request.POST)
                if plan.is_valid():
                    task_checklists.update_task(
                        task,
                        user=request.user,
                        owner=plan.cleaned_data["owner"],
                        due_on=plan.cleaned_data["due_on"],
                    )
                    messages.success(request, _("Taak bijgewerkt."))
                    return redirect(_edit_url(report))
            elif action == "tick":
                tick = TickOffForm(request.POST)
                if tick.is_valid():
                    task_checklists.tick_off(task, user=request.user, note=tick.cleaned_data["note"])
                    messages.success(request, _("Taak afgevinkt: %(task)s.") % {"task": task.title})
                    return redirect(_edit_url(report))
            elif action == "reopen":
                task_checklists.reopen(task, user=request.user)
                messages.success(request, _("Taak heropend: %(task)s.") % {"task": task.title})
                return redirect(_edit_url(report))
        except task_checklists.TaskRefused as refused:
            messages.error(request, str(refused))
            return redirect(_edit_url(report))
        status = 422
    else:
        services.audit(report, request.user, "taak geopend")
    _mark_invalid(plan)
    return TemplateResponse(
        request,
        "forms/admin/task.html",
        {
            "report": report,
            "task": task,
            "form": plan,
            "tick_form": tick,
            "title": task.title,
            "edit_url": _edit_url(report),
            "today": timezone.localdate(),
        },
        status=status,
    )
