"""Annual figures of integrity reports and confidential-advisor registrations (see forms/statistics/base.py).

Both survive the retention purge: they count only fields the purge keeps.
"""

import datetime
from typing import Any, ClassVar

from django.db.models.functions import ExtractYear

from forms.models import (
    AdvisorConversation,
    AdvisorRegistration,
    AdvisorSubtopic,
    AdvisorTopic,
    Category,
    Conclusion,
    Consequence,
    IntegrityReport,
    Investigation,
    Source,
)
from forms.statistics.base import StatisticsProvider, breakdown, year_from
from home.models import Department


def _department_choices() -> list[tuple[str, str]]:
    return list(Department.objects.order_by("name").values_list("slug", "name"))


class IntegrityReportsProvider(StatisticsProvider):
    """Reports received in the year, broken down as in chapter 5 and appendix 2 of the annual report."""

    path: ClassVar[tuple[str, ...]] = ("integrity_reports",)
    models: ClassVar[tuple[str, ...]] = ("forms.IntegrityReport",)

    def compute(self, year: int) -> dict[str, Any] | None:
        reports = IntegrityReport.objects.filter(received_on__year=year)
        total = reports.count()
        if not total:
            return None
        year_end = datetime.date(year, 12, 31)
        labels = {
            "category": dict(Category.choices),
            "source": dict(Source.choices),
            "investigation": dict(Investigation.choices),
            "conclusion": dict(Conclusion.choices),
            "consequence": dict(Consequence.choices),
        }
        cases = [
            {
                "subject": row["subject"] or str(labels["category"].get(row["category"], "")),
                **{field: str(labels[field].get(row[field], "")) for field in labels},
            }
            for row in reports.order_by("received_on", "pk").values("subject", *labels)
        ]
        return {
            "total": total,
            "by_category": breakdown(reports, "category", Category.choices),
            "by_source": breakdown(reports, "source", Source.choices),
            "by_department": breakdown(reports, "department__slug", _department_choices()),
            "by_investigation": breakdown(reports, "investigation", Investigation.choices),
            "by_conclusion": breakdown(reports, "conclusion", Conclusion.choices),
            "by_consequence": breakdown(reports, "consequence", Consequence.choices),
            "open_at_year_end": reports.exclude(closed_on__lte=year_end).count(),
            "cases": cases,
        }

    def years(self) -> set[int]:
        return set(
            IntegrityReport.objects.annotate(year=ExtractYear("received_on"))
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        )

    def year_of(self, instance) -> int | None:
        received_on = getattr(instance, "received_on", None)
        return year_from(received_on)


class ConfidentialAdvisorsProvider(StatisticsProvider):
    """Colleagues who went to a confidential advisor, their conversations, topics and departments."""

    path: ClassVar[tuple[str, ...]] = ("confidential_advisors",)
    models: ClassVar[tuple[str, ...]] = ("forms.AdvisorRegistration", "forms.AdvisorConversation")

    def compute(self, year: int) -> dict[str, Any] | None:
        conversations = AdvisorConversation.objects.filter(held_on__year=year)
        count = conversations.count()
        if not count:
            return None
        # A subquery, not a join: each colleague counts once however many conversations they had.
        colleagues = AdvisorRegistration.objects.filter(pk__in=conversations.values("registration_id"))
        return {
            "advisors": colleagues.order_by().values("advisor").distinct().count(),
            "colleagues": colleagues.count(),
            "conversations": count,
            "by_topic": breakdown(colleagues, "topic", AdvisorTopic.choices),
            "by_subtopic": breakdown(colleagues, "subtopic", AdvisorSubtopic.choices),
            "by_department": breakdown(colleagues, "department__slug", _department_choices()),
        }

    def years(self) -> set[int]:
        return set(
            AdvisorConversation.objects.annotate(year=ExtractYear("held_on"))
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        )

    def year_of(self, instance) -> int | None:
        held_on = getattr(instance, "held_on", None)
        if held_on:
            return year_from(held_on)
        # A registration changes the figures of the years of its conversations; the latest is a fair guess.
        latest = AdvisorConversation.objects.filter(registration_id=instance.pk).order_by("-held_on").first()
        return latest.held_on.year if latest else None
