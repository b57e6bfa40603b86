"""What safe public service holds about a person (portal/subject_data.py): incidents they registered,
peer-support conversations they registered (they hold no names), teams they manage."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.subject_data import Holding
from vpd.models import Incident, PeerSupportConversation, Team
from vpd.perpetrator import FollowUpTask


def _incidents(user) -> list[dict]:
    return [
        {
            "reference": incident.reference,
            "date": incident.date,
            "type": incident.get_incident_type_display(),
            "department": str(incident.department),
            "location": incident.location,
            "description": incident.description,
        }
        for incident in Incident.objects.filter(reporter=user).select_related("department").order_by("pk")
    ]


def _erase_incidents(user) -> int:
    return Incident.objects.filter(reporter=user).update(reporter=None)


def _peer_support(user) -> list[dict]:
    return list(
        PeerSupportConversation.objects.filter(registered_by=user).order_by("pk").values("reference", "date")
    )


def _erase_peer_support(user) -> int:
    return PeerSupportConversation.objects.filter(registered_by=user).update(registered_by=None)


def _teams(user) -> list[dict]:
    return list(Team.objects.filter(managers=user).order_by("pk").values("name", "department__name"))


def _erase_teams(user) -> int:
    teams = list(Team.objects.filter(managers=user))
    for team in teams:
        team.managers.remove(user)
    return len(teams)


def _follow_up_tasks(user) -> list[dict]:
    """Follow-up tasks this person owns or created; the warning letter is left out (it is about the
    perpetrator, not about this person)."""
    tasks = FollowUpTask.objects.filter(Q(owner=user) | Q(created_by=user)).select_related("incident")
    return [
        {
            "incident": task.incident.reference,
            "kind": task.get_kind_display(),
            "owner": task.owner_id == user.pk,
            "created_by": task.created_by_id == user.pk,
            "due_on": task.due_on,
            "done_on": task.done_on,
        }
        for task in tasks.order_by("pk")
    ]


def _erase_follow_up_tasks(user) -> int:
    return FollowUpTask.objects.filter(owner=user).update(owner=None) + FollowUpTask.objects.filter(
        created_by=user
    ).update(created_by=None)


HOLDINGS = [
    Holding(
        name="vpd.incidents",
        label=_("Geregistreerde incidenten (agressie en geweld)"),
        covers=("vpd.Incident.reporter",),
        collect=_incidents,
        erase=_erase_incidents,
        kept_because=_(
            "Het incident zelf blijft zonder koppeling aan de melder: de werkgever moet het registreren "
            "(Arbowet) en het telt in de jaarcijfers; na 5 jaar vervallen de beschrijving en locatie."
        ),
    ),
    Holding(
        name="vpd.peer_support",
        label=_("Geregistreerde BOT-gesprekken (zonder namen)"),
        covers=("vpd.PeerSupportConversation.registered_by",),
        collect=_peer_support,
        erase=_erase_peer_support,
        kept_because=_("Het gesprek blijft zonder koppeling aan wie het registreerde, voor de jaarcijfers."),
    ),
    Holding(
        name="vpd.teams",
        label=_("Leidinggevende van teams"),
        covers=("vpd.Team.managers",),
        collect=_teams,
        erase=_erase_teams,
    ),
    Holding(
        name="vpd.follow_up_tasks",
        label=_("Vervolgtaken na incidenten (dadergerichte aanpak)"),
        covers=("vpd.FollowUpTask.owner", "vpd.FollowUpTask.created_by"),
        collect=_follow_up_tasks,
        erase=_erase_follow_up_tasks,
        kept_because=_(
            "De taak blijft zonder naam: ze hoort bij het incident, dat de werkgever moet registreren "
            "(Arbowet); vpd.follow_up_tasks verwijdert na 5 jaar ook de brieftekst."
        ),
    ),
]
