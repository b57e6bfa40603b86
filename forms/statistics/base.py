"""The contract between the statistics service and the sources of its figures.

Each source of annual figures is a *provider*: a small class in its own app's `figures.py`
(`awareness/figures.py`, `vpd/figures.py`, `forms/figures.py`, `forms/statistics/figures.py`),
listed once in `forms/statistics/registry.py`. The service (`forms/statistics/service.py`) asks every
provider for a year's exact figures and adds what is shared: figures of the previous year,
historical figures for years before the portal, percentage changes, small-count suppression,
caching. A provider only counts, with SQL aggregation: one grouped query per breakdown.

Figures are plain data, shaped as in `../shared/STATISTICS.md`: integers, and breakdowns as lists
of rows `{"code": "<stable slug>", "label": "<Dutch label>", "count": N}` in page order that
include the categories with count 0.
"""

from collections.abc import Iterable
from typing import Any, ClassVar

from django.db.models import Count, QuerySet


class StatisticsProvider:
    """One source of annual figures. Subclasses set the class attributes and implement `compute`."""

    #: Where the figures sit in the export, e.g. ("awareness", "introduction") or ("peer_support",).
    path: ClassVar[tuple[str, ...]]
    #: The models ("app_label.ModelName") whose saves and deletes change these figures.
    models: ClassVar[tuple[str, ...]]

    def compute(self, year: int) -> dict[str, Any] | None:
        """The exact figures of `year`, or None when there are no records for that year."""
        raise NotImplementedError

    def years(self) -> set[int]:
        """The years that have records (one query)."""
        raise NotImplementedError

    def year_of(self, instance) -> int | None:
        """The year whose figures a saved or deleted record changes (for cache invalidation)."""
        raise NotImplementedError


def breakdown(queryset: QuerySet, field: str, choices: Iterable[tuple[str, str]], distinct: str = "pk"):
    """Rows for every choice, counted in one grouped query.

    `choices` are (value, label) pairs as Django's `TextChoices.choices` gives them; the value is the
    stable slug code. `distinct` names what is counted once (e.g. "colleague" for people).
    """
    counts = dict(queryset.order_by().values_list(field).annotate(count=_count(distinct)))
    return [
        {"code": str(value), "label": str(label), "count": counts.get(value, 0)} for value, label in choices
    ]


def department_breakdown(queryset: QuerySet, field: str = "department", distinct: str = "pk"):
    """Rows for every department (`home.Department`, code = its slug, in name order), in one grouped
    query on the foreign key column (no join) plus one small query for the departments."""
    from home.models import Department

    counts = dict(queryset.order_by().values_list(field).annotate(count=_count(distinct)))
    return [
        {"code": slug, "label": name, "count": counts.get(pk, 0)}
        for pk, slug, name in Department.objects.order_by("name").values_list("pk", "slug", "name")
    ]


def _count(distinct: str) -> Count:
    # COUNT(*) rather than COUNT(id): the database can answer from an index alone.
    return Count("*") if distinct == "pk" else Count(distinct, distinct=True)


def year_from(value) -> int | None:
    """The year of a date, datetime or ISO date string (a model instance built from form or test data
    may still hold the string it was given until it is read back from the database)."""
    if not value:
        return None
    if isinstance(value, str):
        return int(value[:4])
    return value.year
