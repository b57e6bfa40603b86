"""The manager's part of safe public service: the team's incidents (without the reporter's free text)
and the perpetrator-focused follow-up tasks on each of them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vpd.follow_up_forms import FollowUpTaskForm
from vpd.models import Incident
from vpd.perpetrator import INCIDENT_FLAG, FollowUpTask
from vpd.team_incidents import can_follow_up, can_view_team_incidents, incidents_for, is_coordinator

#: What the team list and detail read of an incident: never its description or location.
SHOWN_FIELDS = (
    "reference",
    "date",
    "start_time",
    "end_time",
    "incident_type",
    "department__name",
    "team__name",
    "police_called",
    "police_report",
    "warning_letter",
    "incident_conversation",
    "aftercare_wanted",
    "reporter__first_name",
    "reporter__last_name",
    "reporter__username",
)


def _shown(queryset):
    """Only the fields the manager may see are even loaded (`only`), so a template cannot leak more."""
    return queryset.select_related("department", "team", "reporter").only(*SHOWN_FIELDS)


def team_incident_list(request):
    if not can_view_team_incidents(request.user):
        raise PermissionDenied
    incidents = _shown(incidents_for(request.user)).prefetch_related("follow_up_tasks")
    page = Paginator(incidents, 25).get_page(request.GET.get("pagina"))
    return render(
        request,
        "vpd/team_incident_list.html",
        {"incidents": page, "is_coordinator": is_coordinator(request.user)},
    )


def _incident(request, reference) -> Incident:
    incident = get_object_or_404(_shown(Incident.objects.all()), reference=reference)
    if not can_follow_up(request.user, incident):
        raise PermissionDenied
    return incident


def team_incident_detail(request, reference):
    incident = _incident(request, reference)
    tasks = incident.follow_up_tasks.select_related("owner")
    return render(request, "vpd/team_incident_detail.html", {"incident": incident, "tasks": tasks})


@transaction.atomic
def _save(form) -> FollowUpTask:
    task = form.save()
    if task.done_on:
        # The GIR's follow-up flag counts in the annual figures.
        Incident.objects.filter(pk=task.incident_id).update(**{INCIDENT_FLAG[task.kind]: True})
    return task


@require_http_methods(["GET", "POST"])
def follow_up_edit(request, reference, pk=None):
    incident = _incident(request, reference)
    task = get_object_or_404(FollowUpTask, pk=pk, incident=incident) if pk else None
    form = FollowUpTaskForm(request.POST or None, instance=task, incident=incident)
    if request.method == "POST" and form.is_valid():
        if task is None:
            form.instance.created_by = request.user
        try:
            saved = _save(form)
        except IntegrityError:  # the same step added at the same moment by someone else
            form.add_error(
                "kind" if "kind" in form.fields else None, _("Deze vervolgstap staat al bij dit incident.")
            )
        else:
            messages.success(
                request, _("De vervolgstap '%(kind)s' is opgeslagen.") % {"kind": saved.get_kind_display()}
            )
            return redirect("vpd:team_incident_detail", reference=incident.reference)
    return render(request, "vpd/follow_up_form.html", {"form": form, "incident": incident, "task": task})
