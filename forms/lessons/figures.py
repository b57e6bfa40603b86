"""Annual figures of the lessons-learned register: `integrity_reports.lessons` in the export.

A measure counts in the year it was agreed. Besides the contract's figures (`measures`,
`by_status`) the section holds `items`: the measures' texts and statuses for the annual report's
list, without case, department or owner, so a published snapshot freezes exactly what the page
shows and never anything more.
"""

from typing import Any, ClassVar

from django.db.models.functions import ExtractYear

from forms.lessons.models import LessonMeasure, LessonStatus
from forms.statistics.base import StatisticsProvider, choices_of, tally, year_from


class LessonsProvider(StatisticsProvider):
    """Organisational measures agreed in the year after integrity cases, by status."""

    path: ClassVar[tuple[str, ...]] = ("integrity_reports", "lessons")
    models: ClassVar[tuple[str, ...]] = ("forms.LessonMeasure",)

    def compute(self, year: int) -> dict[str, Any] | None:
        measures = LessonMeasure.objects.filter(agreed_on__year=year)
        figures = tally(measures, {"by_status": ("status", choices_of(LessonStatus.choices))})
        if not figures["total"]:
            return None
        # The status as its code: the page names it in the reader's language.
        items = [
            {"measure": text, "status": status}
            for text, status in measures.order_by("agreed_on", "pk").values_list("measure", "status")
        ]
        return {"measures": figures["total"], "by_status": figures["by_status"], "items": items}

    def years(self) -> set[int]:
        return set(
            LessonMeasure.objects.annotate(year=ExtractYear("agreed_on"))
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        )

    def year_of(self, instance) -> int | None:
        return year_from(getattr(instance, "agreed_on", None))
