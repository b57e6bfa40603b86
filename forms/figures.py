"""Annual figures of integrity reports and confidential-advisor registrations (see forms/statistics/base.py).

Both survive the retention purge: they count only fields the purge keeps. Each counts every breakdown
in one query of conditional counts (`tally`): reports over the year's reports (plus the cases of the
appendix), confidential advisors over the colleagues with a conversation in the year (plus the
year's conversations counted).
"""

import datetime
from typing import Any, ClassVar

from django.db.models import Q
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
from forms.statistics.base import StatisticsProvider, choices_of, departments, tally, year_from


class IntegrityReportsProvider(StatisticsProvider):
    """Reports received in the year, broken down as in chapter 5 and appendix 2 of the annual report."""

    path: ClassVar[tuple[str, ...]] = ("integrity_reports",)
    models: ClassVar[tuple[str, ...]] = ("forms.IntegrityReport",)

    def compute(self, year: int) -> dict[str, Any] | None:
        reports = IntegrityReport.objects.filter(received_on__year=year)
        year_end = datetime.date(year, 12, 31)
        # One query: the total, the reports still open at the end of the year (not closed, or closed
        # later) and a conditional count per category of each breakdown.
        figures = tally(
            reports,
            {
                "by_category": ("category", choices_of(Category.choices)),
                "by_source": ("source", choices_of(Source.choices)),
                "by_department": ("department", departments()),
                "by_investigation": ("investigation", choices_of(Investigation.choices)),
                "by_conclusion": ("conclusion", choices_of(Conclusion.choices)),
                "by_consequence": ("consequence", choices_of(Consequence.choices)),
            },
            count_if={"open_at_year_end": Q(closed_on__isnull=True) | Q(closed_on__gt=year_end)},
        )
        if not figures["total"]:
            return None
        # The labels translated once (not once per case: a lazy translation costs a lookup each time).
        category, source, investigation, conclusion, consequence = (
            {value: str(label) for value, label in choices}
            for choices in (
                Category.choices,
                Source.choices,
                Investigation.choices,
                Conclusion.choices,
                Consequence.choices,
            )
        )
        cases = [
            {
                "subject": subject or category.get(row_category, ""),
                "category": category.get(row_category, ""),
                "source": source.get(row_source, ""),
                "investigation": investigation.get(row_investigation, ""),
                "conclusion": conclusion.get(row_conclusion, ""),
                "consequence": consequence.get(row_consequence, ""),
            }
            for subject, row_category, row_source, row_investigation, row_conclusion, row_consequence in (
                reports.order_by("received_on", "pk").values_list(
                    "subject", "category", "source", "investigation", "conclusion", "consequence"
                )
            )
        ]
        return {
            "total": figures["total"],
            "by_category": figures["by_category"],
            "by_source": figures["by_source"],
            "by_department": figures["by_department"],
            "by_investigation": figures["by_investigation"],
            "by_conclusion": figures["by_conclusion"],
            "by_consequence": figures["by_consequence"],
            "open_at_year_end": figures["open_at_year_end"],
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
        # The colleagues (registrations) with a conversation in the year: a subquery, not a join, so
        # each colleague counts once however many conversations they had (IN rather than EXISTS:
        # SQLite runs a correlated EXISTS once per registration). One query counts them, their
        # advisors and every breakdown (conditional counts).
        colleagues = AdvisorRegistration.objects.filter(pk__in=conversations.values("registration_id"))
        figures = tally(
            colleagues,
            {
                "by_topic": ("topic", choices_of(AdvisorTopic.choices)),
                "by_subtopic": ("subtopic", choices_of(AdvisorSubtopic.choices)),
                "by_department": ("department", departments()),
            },
            count_distinct={"advisors": "advisor"},
        )
        return {
            "advisors": figures["advisors"],
            "colleagues": figures["total"],
            "conversations": count,
            "by_topic": figures["by_topic"],
            "by_subtopic": figures["by_subtopic"],
            "by_department": figures["by_department"],
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
