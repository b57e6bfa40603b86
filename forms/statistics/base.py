"""The contract between the statistics service and the sources of its figures.

Each source of annual figures is a *provider*: a small class in its own app's `figures.py`
(`awareness/figures.py`, `vpd/figures.py`, `forms/figures.py`, `forms/statistics/figures.py`),
listed once in `forms/statistics/registry.py`. The service (`forms/statistics/service.py`) asks every
provider for a year's exact figures and adds what is shared: figures of the previous year,
historical figures for years before the portal, percentage changes, small-count suppression,
caching. A provider only counts, with SQL aggregation: one query per source where it can, counting
all of its breakdowns at once (`tally`: conditional counts in one pass over the year's rows, or
`grouped`: one GROUP BY over all of its dimension columns, with each breakdown summed in Python over
the grouped rows, never over records). Departments are grouped on the foreign key column (no join)
and named from `departments()`, which reads the department list once per computation.

Figures are plain data, shaped as in `../shared/STATISTICS.md`: integers, and breakdowns as lists
of rows `{"code": "<stable slug>", "label": "<Dutch label>", "count": N}` in page order that
include the categories with count 0.
"""

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

from django.db.models import Count, Q, QuerySet

#: (value in the database, stable code, label) of one category of a breakdown.
Choice = tuple[Any, str, str]


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


# --- the department list, read once per computation -----------------------------------------------

_computation: ContextVar[dict[str, Any] | None] = ContextVar("statistics_computation", default=None)


@contextmanager
def computation() -> Iterator[None]:
    """Within this block (the service computes a year in one) `departments()` reads the department
    list once and every provider shares it."""
    token = _computation.set({})
    try:
        yield
    finally:
        _computation.reset(token)


def departments() -> list[Choice]:
    """Every department as (primary key, slug, name), in name order: the choices of a department
    breakdown grouped on the foreign key column. One query, or none inside a `computation()` that
    has read them already."""
    from home.models import Department

    memo = _computation.get()
    if memo is not None and "departments" in memo:
        return memo["departments"]
    rows = list(Department.objects.order_by("name").values_list("pk", "slug", "name"))
    if memo is not None:
        memo["departments"] = rows
    return rows


# --- counting ---------------------------------------------------------------------------------------


def choices_of(choices: Iterable[tuple[Any, Any]]) -> list[Choice]:
    """(value, code, label) triples from (value, label) pairs such as `TextChoices.choices` (the
    value is the stable slug code)."""
    return [(value, str(value), str(label)) for value, label in choices]


def rows_from(counts: dict[Any, int], choices: Iterable[Choice]) -> list[dict[str, Any]]:
    """Breakdown rows for every choice, in the choices' order, with the zeros."""
    return [{"code": code, "label": label, "count": counts.get(value, 0)} for value, code, label in choices]


def tally(
    queryset: QuerySet, breakdowns: dict[str, tuple[str, Sequence[Choice]]], **aggregates
) -> dict[str, Any]:
    """Every breakdown and every extra aggregate of `queryset` in one `aggregate()` query: a
    conditional count per (field, choice), so the database reads the rows once.

    `breakdowns` maps a name to (field, choices); the result has the breakdown's rows under that name
    and each of `aggregates` under its own name. Rows whose value is no choice count in no row, as in
    a grouped count.
    """
    expressions = dict(aggregates)
    for name, (field, choices) in breakdowns.items():
        for n, (value, _code, _label) in enumerate(choices):
            expressions[f"{name}__{n}"] = Count("pk", filter=Q(**{field: value}))
    row = queryset.order_by().aggregate(**expressions)
    result = {name: row[name] for name in aggregates}
    for name, (_field, choices) in breakdowns.items():
        result[name] = [
            {"code": code, "label": label, "count": row[f"{name}__{n}"]}
            for n, (_value, code, label) in enumerate(choices)
        ]
    return result


def grouped(queryset: QuerySet, fields: Sequence[str], distinct: str = "pk", **aggregates) -> list[tuple]:
    """One grouped query over all of `fields` at once: rows of (*values, count, *aggregates).

    Each breakdown is then a `marginal` of these rows (summed in Python over the groups, not over
    records). `distinct` names what is counted once within a group (e.g. "email" for people).
    """
    return list(
        queryset.order_by()
        .values_list(*fields)
        .annotate(count=_count(distinct), **aggregates)
        .values_list(*fields, "count", *aggregates)
    )


def marginal(groups: Iterable[tuple], index: int, choices: Iterable[Choice], column: int = -1):
    """The breakdown by the `index`-th grouped field: the groups' counts (their `column`) summed per
    value, as rows for every choice."""
    counts: Counter = Counter()
    for group in groups:
        counts[group[index]] += group[column]
    return rows_from(counts, choices)


def breakdown(queryset: QuerySet, field: str, choices: Iterable[tuple[str, str]], distinct: str = "pk"):
    """Rows for every choice of one field, counted in one grouped query.

    `choices` are (value, label) pairs as Django's `TextChoices.choices` gives them; the value is the
    stable slug code. `distinct` names what is counted once (e.g. "colleague" for people).
    """
    counts = dict(queryset.order_by().values_list(field).annotate(count=_count(distinct)))
    return rows_from(counts, choices_of(choices))


def department_breakdown(queryset: QuerySet, field: str = "department", distinct: str = "pk"):
    """Rows for every department (`home.Department`, code = its slug, in name order), in one grouped
    query on the foreign key column (no join) plus the department list (`departments()`)."""
    counts = dict(queryset.order_by().values_list(field).annotate(count=_count(distinct)))
    return rows_from(counts, departments())


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
