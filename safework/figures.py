"""Annual figures of the declarations register (`gifts_and_outside_work` in STATISTICS.md).

One grouped query per kind over (decision, department) of the year's declarations (by the date they
were made); declarations not decided yet count under `nog-niet-besloten`. The by-department tables
follow the statistics' disclosure rule (`forms/statistics/disclosure.py`, `UNIT_TABLES`).
"""

from typing import Any

from django.db.models.functions import ExtractYear

from forms.statistics.base import StatisticsProvider, choices_of, departments, grouped, marginal, year_from
from safework.models import Decision, Declaration, DeclarationKind

UNDECIDED = ("", "nog-niet-besloten", "Nog niet besloten")


class _DeclarationsProvider(StatisticsProvider):
    kind: str
    models = ("safework.Declaration",)

    def compute(self, year: int) -> dict[str, Any] | None:
        rows = Declaration.objects.filter(kind=self.kind, submitted_on__year=year)
        groups = grouped(rows, ("decision", "department"))
        if not groups:
            return None
        return {
            "total": sum(count for *_values, count in groups),
            "by_decision": marginal(groups, 0, [*choices_of(Decision.choices), UNDECIDED]),
            "by_department": marginal(groups, 1, departments()),
        }

    def years(self) -> set[int]:
        return set(
            Declaration.objects.filter(kind=self.kind)
            .annotate(year=ExtractYear("submitted_on"))
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        )

    def year_of(self, instance) -> int | None:
        return year_from(instance.submitted_on)


class GiftsProvider(_DeclarationsProvider):
    path = ("gifts_and_outside_work", "gifts")
    kind = DeclarationKind.GIFT


class OutsideWorkProvider(_DeclarationsProvider):
    path = ("gifts_and_outside_work", "outside_work")
    kind = DeclarationKind.OUTSIDE_WORK
