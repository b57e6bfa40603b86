"""What safe public service holds about a person (portal/subject_data.py): incidents they registered,
peer-support conversations they registered (they hold no names), teams they manage."""

from django.utils.translation import gettext_lazy as _

from portal.subject_data import Holding
from vpd.models import Incident, PeerSupportConversation, Team


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
]
