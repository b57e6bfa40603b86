"""The contract between the statistics service and the sources of its figures.

Each source of annual figures is a *provider*: a small class in its own app's `figures.py`
(`awareness/figures.py`, `vpd/figures.py`, `forms/figures.py`, `forms/statistics/figures.py`),
listed once in `forms/statistics/registry.py`. The service (`forms/statistics/service.py`) asks every
provider for a year's exact figures and adds what is shared: figures of the previous year,
historical figures for years before the portal, percentage changes, small-count suppression,
caching. A provider only counts, with SQL aggregation: about one query per source, counting all of
its breakdowns at once (`tally`: conditional counts in one pass over the year's rows, or
`grouped`: one GROUP BY over all of its dimension columns, with each breakdown summed in Python over
the grouped rows, never over records). Departments are grouped on the foreign key column (no join)
and named from `departments()`, which reads the department list once per computation.

Figures are plain data, shaped as in `../shared/STATISTICS.md`: integers, and breakdowns as lists
of rows `{"code": "<stable slug>", "label": "<Dutch label>", "count": N}` in page order that
include the categories with count 0.
"""

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet

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

    def year_of(self, instance) -> int | set[int] | None:
        """The year whose figures a saved or deleted record changes (for cache invalidation), or the
        set of years when a record counts in several (a programme item in the years of its sessions)."""
        raise NotImplementedError


# --- the department list, read once per computation -----------------------------------------------

_computation: ContextVar[dict[str, Any] | None] = ContextVar("statistics_computation", default=None)


@contextmanager
def computation() -> Iterator[None]:
    """Within this block (the service computes a year, or a report of two years, in one)
    `departments()` reads the department list once and every provider shares it. Nested blocks share
    the outer one's."""
    if _computation.get() is not None:
        yield
        return
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
    queryset: QuerySet,
    breakdowns: dict[str, tuple[str, Sequence[Choice]]],
    count_if: dict[str, Q] | None = None,
    count_distinct: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Every breakdown of `queryset` and a few totals in one query that reads the rows once: a
    conditional count per (field, choice).

    `breakdowns` maps a name to (field, choices); the result has the breakdown's rows under that
    name, `"total"` (the number of rows), the number of rows matching each condition of `count_if`
    and the number of distinct values of each field of `count_distinct`, under their names. A row
    whose value is no choice (or NULL) counts in no row of that breakdown, as in a grouped count.

    Django compiles the rows' query (filters, joins, parameters) with the counted columns as
    `c0, c1, ...`; the counts around it are plain SQL, every value a query parameter: as one
    `aggregate()` with thirty filtered `Count`s the ORM spent several times the database's time on
    building the query.
    """
    count_if, count_distinct = count_if or {}, count_distinct or {}
    fields = [field for field, _choices in breakdowns.values()]
    columns: dict[str, Any] = {f"c{n}": F(field) for n, field in enumerate(fields)}
    columns |= {
        f"if{n}": ExpressionWrapper(q, output_field=BooleanField()) for n, q in enumerate(count_if.values())
    }
    columns |= {f"distinct{n}": F(field) for n, field in enumerate(count_distinct.values())}
    try:
        sql, params = queryset.order_by().values(**columns).query.sql_with_params()
    except EmptyResultSet:
        counts: Iterator[int] = itertools.repeat(0)
    else:
        select, values = ["COUNT(*)"], []
        select += [f"COUNT(CASE WHEN counted.if{n} THEN 1 END)" for n in range(len(count_if))]
        select += [f"COUNT(DISTINCT counted.distinct{n})" for n in range(len(count_distinct))]
        for n, (_field, choices) in enumerate(breakdowns.values()):
            for value, _code, _label in choices:
                select.append(f"COUNT(CASE WHEN counted.c{n} = %s THEN 1 END)")
                values.append(value)
        with connections[queryset.db].cursor() as cursor:
            # Fixed SQL fragments around the ORM's query; every value is a parameter.
            query = f"SELECT {', '.join(select)} FROM ({sql}) counted"  # noqa: S608 - names from model metadata; values are parameters
            cursor.execute(query, [*values, *params])
            counts = iter(cursor.fetchone())
    result: dict[str, Any] = {"total": next(counts)}
    result |= {name: next(counts) for name in count_if}
    result |= {name: next(counts) for name in count_distinct}
    for name, (_field, choices) in breakdowns.items():
        result[name] = [
            {"code": code, "label": label, "count": next(counts)} for _value, code, label in choices
        ]
    return result


def grouped(queryset: QuerySet, fields: Sequence[str], distinct: str = "pk", **aggregates) -> list[tuple]:
    """One grouped query over all of `fields` at once: rows of (*values, count, *aggregates).

    Each breakdown is then a `marginal` of these rows (summed in Python over the groups, not over
    records). `distinct` names what is counted once within a group (e.g. "email" for people).
    """
    groups = queryset.order_by().values(*fields).annotate(count=_count(distinct), **aggregates)
    return list(groups.values_list(*fields, "count", *aggregates))


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
