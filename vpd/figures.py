"""Annual figures of safe public service for the statistics service (see forms/statistics/base.py).

Registered by the integrator in forms/statistics/registry.py. Each source is one grouped query over
all of its dimension columns (the year's incidents by type and department; the year's conversations
by sequence, event, department and referral); the breakdowns are summed from the grouped rows.
"""

from typing import Any

from django.db.models.functions import ExtractYear

from forms.statistics.base import StatisticsProvider, choices_of, departments, grouped, marginal, year_from
from vpd.models import ConversationSequence, EventKind, Incident, IncidentType, PeerSupportConversation


class PublicAggressionProvider(StatisticsProvider):
    """Incidents of public aggression registered in the GIR: total, by type, by department."""

    path = ("public_aggression",)
    models = ("vpd.Incident",)

    def compute(self, year: int) -> dict[str, Any] | None:
        # One query: (type, department id, count) per group; an index covers it.
        groups = grouped(Incident.objects.filter(date__year=year), ("incident_type", "department"))
        if not groups:
            return None
        return {
            "total": sum(count for *_values, count in groups),
            "by_type": marginal(groups, 0, choices_of(IncidentType.choices)),
            "by_department": marginal(groups, 1, departments()),
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
        # One query: (sequence, event, department id, referred, count) per group.
        fields = ("sequence", "event", "department", "referred")
        groups = grouped(PeerSupportConversation.objects.filter(date__year=year), fields)
        if not groups:
            return None
        return {
            "conversations": sum(count for *_values, count in groups),
            "by_sequence": marginal(groups, 0, choices_of(ConversationSequence.choices)),
            "referrals": sum(count for *_values, referred, count in groups if referred),
            "by_event": marginal(groups, 1, choices_of(EventKind.choices)),
            "by_department": marginal(groups, 2, departments()),
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
