"""Annual figures of safe public service for the statistics service (see forms/statistics/base.py).

Registered by the integrator in forms/statistics/registry.py; each breakdown is one grouped query.
"""

from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from forms.statistics.base import StatisticsProvider, breakdown, year_from
from home.models import Department
from vpd.models import ConversationSequence, EventKind, Incident, IncidentType, PeerSupportConversation


def department_choices() -> list[tuple[str, str]]:
    return list(Department.objects.order_by("name").values_list("slug", "name"))


class PublicAggressionProvider(StatisticsProvider):
    """Incidents of public aggression registered in the GIR: total, by type, by department."""

    path = ("public_aggression",)
    models = ("vpd.Incident",)

    def compute(self, year: int) -> dict[str, Any] | None:
        incidents = Incident.objects.filter(date__year=year)
        total = incidents.count()
        if not total:
            return None
        return {
            "total": total,
            "by_type": breakdown(incidents, "incident_type", IncidentType.choices),
            "by_department": breakdown(incidents, "department__slug", department_choices()),
        }

    def years(self) -> set[int]:
        return set(
            Incident.objects.annotate(year=ExtractYear("date"))
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        )

    def year_of(self, instance) -> int | None:
        return year_from(instance.date)


class PeerSupportProvider(StatisticsProvider):
    """Peer-support conversations: by first/second/third conversation, referrals, event, department."""

    path = ("peer_support",)
    models = ("vpd.PeerSupportConversation",)

    def compute(self, year: int) -> dict[str, Any] | None:
        conversations = PeerSupportConversation.objects.filter(date__year=year)
        counts = conversations.aggregate(total=Count("pk"), referrals=Count("pk", filter=Q(referred=True)))
        if not counts["total"]:
            return None
        return {
            "conversations": counts["total"],
            "by_sequence": breakdown(conversations, "sequence", ConversationSequence.choices),
            "referrals": counts["referrals"],
            "by_event": breakdown(conversations, "event", EventKind.choices),
            "by_department": breakdown(conversations, "department__slug", department_choices()),
        }

    def years(self) -> set[int]:
        return set(
            PeerSupportConversation.objects.annotate(year=ExtractYear("date"))
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        )

    def year_of(self, instance) -> int | None:
        return year_from(instance.date)
