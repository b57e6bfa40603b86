"""Site views of safe public service: register an incident (GIR), see your own registrations,
record a peer-support conversation (BOT), and start a team instruction for a team you manage."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vpd import permissions
from vpd.forms import IncidentForm, PeerSupportForm
from vpd.manager_notifications import notify_team_managers
from vpd.models import Incident, PeerSupportConversation, Team
from vpd.notifications import notify_peer_support
from vpd.services import create_instruction_draft, department_page_of
from vpd.team_incidents import can_view_team_incidents


@require_http_methods(["GET", "POST"])
def incident_create(request):
    if not permissions.can_register_incident(request.user):
        raise PermissionDenied
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            incident = form.save(commit=False)
            incident.reporter = request.user
            incident.save()
            if incident.aftercare_wanted:
                transaction.on_commit(lambda: notify_peer_support(incident))
                transaction.on_commit(lambda: notify_team_managers(incident))
        messages.success(
            request,
            _("Je melding is geregistreerd met kenmerk %(reference)s.") % {"reference": incident.reference},
        )
        return redirect("vpd:incident_detail", reference=incident.reference)
    return render(request, "vpd/incident_form.html", {"form": form})


def incident_list(request):
    """The signed-in person's own registrations (the coordinator sees all in the admin)."""
    incidents = Incident.objects.filter(reporter=request.user).select_related("department", "team")
    return render(
        request,
        "vpd/incident_list.html",
        {
            "incidents": incidents,
            "is_coordinator": permissions.can_view_all_incidents(request.user),
            "can_view_team_incidents": can_view_team_incidents(request.user),
        },
    )


def incident_detail(request, reference):
    incident = get_object_or_404(
        Incident.objects.select_related("department", "team", "reporter"), reference=reference
    )
    if not permissions.can_view_incident(request.user, incident):
        raise PermissionDenied
    return render(request, "vpd/incident_detail.html", {"incident": incident})


@require_http_methods(["GET", "POST"])
def peer_support_create(request):
    if not permissions.can_register_peer_support(request.user):
        raise PermissionDenied
    form = PeerSupportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            conversation = form.save(commit=False)
            conversation.registered_by = request.user
            conversation.save()
        messages.success(
            request,
            _("Het gesprek is geregistreerd met kenmerk %(reference)s.")
            % {"reference": conversation.reference},
        )
        return redirect("vpd:peer_support_create")
    recent = PeerSupportConversation.objects.filter(registered_by=request.user).select_related("department")[
        :10
    ]
    return render(request, "vpd/peer_support_form.html", {"form": form, "recent": recent})


@require_http_methods(["GET", "POST"])
def team_instruction_start(request, slug):
    """A manager starts the instruction of a team that has none yet, then writes it in the admin."""
    team = get_object_or_404(Team.objects.select_related("department"), slug=slug)
    if not permissions.can_manage_team(request.user, team):
        raise PermissionDenied
    existing = team.instruction_page()
    if existing is not None:
        return redirect("wagtailadmin_pages:edit", existing.pk)
    department_page = department_page_of(team)
    if request.method == "POST" and department_page is not None:
        page = create_instruction_draft(
            team, request.user, title=_("Teaminstructie %(team)s") % {"team": team.name}
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return render(
        request,
        "vpd/team_instruction_start.html",
        {"team": team, "department_page": department_page, "cancel_url": reverse("vpd:incident_list")},
    )
