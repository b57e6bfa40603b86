"""ORM queries built and compiled once, then run again with new values.

For code that runs on every view of a cached page (the holes of portal/holes.py): there, turning a
queryset into SQL (joins, lookups, the compiler) costs ten to thirty times what the database needs
to answer it. A prepared query keeps the ORM's SQL and its conversion of the results, and only
puts new values in:

    open_items = PreparedQuery(
        lambda user_id, page_ids: ReadConfirmation.objects.filter(
            user_id=user_id, page_id__in=page_ids
        ).values_list("page_id", "version")
    )
    rows = open_items(person.pk, [16, 17])  # a list of tuples, converted as the ORM converts them

`build` must return a `values_list()` queryset (not `flat`) and depend on nothing but its arguments: no
`timezone.now()`, no active language, no settings that change (pass them as arguments). Arguments
are ints, strings, UUIDs, aware datetimes, or lists of those (the SQL is compiled per list length;
with an empty list the ORM runs the query as usual). The first call for a list length builds the
queryset twice with different stand-in values, finds each one among the compiled query's
parameters, and keeps their places. A value the ORM changed on the way (a `LIKE` pattern) or
decided on without SQL (out of a column's range), SQL that differs between the two builds, or a
constant taken for a value is refused at once: a query that cannot be prepared never runs with
the wrong values.
"""

from __future__ import annotations

import datetime
import itertools
import threading
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable

Shape = tuple[int | None, ...]


class PreparedQuery:
    """A `values_list()` query compiled once per list length of its arguments."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._compiled: dict[Shape, tuple] = {}
        self._lock = threading.Lock()

    def __call__(self, *values) -> list[tuple]:
        shape = tuple(len(value) if isinstance(value, list | tuple) else None for value in values)
        if 0 in shape:  # an empty list: `__in` gives nothing, `exclude(__in=...)` everything
            return [tuple(row) for row in self.build(*values)]
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = self._compile(values, shape)
        alias, sql, template, compiler, converters = compiled
        connection = connections[alias]
        params = _params(connection, template, values)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return [tuple(row) for row in rows]
        # The ORM's own conversion of the columns (SQLite's text datetimes, decimals, booleans),
        # with the converters it chose when the query was compiled (`results_iter` asks every
        # column's field for them again on each call).
        return [tuple(row) for row in compiler.apply_converters(rows, converters)]

    def _compile(self, values, shape: Shape):
        """Compile with two sets of stand-ins: the values' places must be the same in both and
        everything else equal, so a constant that happens to equal a stand-in is never taken for
        an argument."""
        compiled = [self._compile_with(_stand_ins(values, shape, round_)) for round_ in (1, 2)]
        (_alias, sql, template, *_rest), (_alias_2, sql_2, template_2, *_rest_2) = compiled
        if sql != sql_2 or template != template_2:
            raise ValueError("Prepared query: the SQL depends on the values; build it with the ORM instead")
        with self._lock:
            self._compiled[shape] = compiled[0]
        return compiled[0]

    def _compile_with(self, stand_ins: list):
        queryset = self.build(*stand_ins)
        if queryset._iterable_class is not ValuesListIterable:  # rows are tuples, also without SQL
            raise TypeError("A prepared query must be a values_list() queryset (not flat)")
        alias = queryset.db  # the router's choice: it does not depend on the values
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet) as error:
            # The ORM decided from a stand-in (a value out of a column's range, say) without asking
            # the database: nothing can be prepared from that.
            raise ValueError(f"Prepared query: the ORM answered {error!r} without SQL") from error
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        converters = compiler.get_converters(fields)
        return alias, sql, _template(connections[alias], stand_ins, params), compiler, converters


def _stand_ins(values, shape: Shape, round_: int) -> list:
    """Values of the callers' types that no real query uses, each different from every other."""
    counter = itertools.count(1)
    stand_ins = []
    for value, length in zip(values, shape, strict=True):
        if length is None:
            stand_ins.append(_stand_in(value, round_, next(counter)))
        else:
            stand_ins.append([_stand_in(item, round_, next(counter)) for item in value])
    return stand_ins


def _stand_in(value, round_: int, number: int):
    if value is None:
        raise TypeError("A prepared query takes no None (the ORM would compile it as IS NULL)")
    if isinstance(value, bool):
        raise TypeError("A prepared query takes no booleans (backends store them differently)")
    if isinstance(value, int):
        # Within every integer column's range (the ORM answers out-of-range values without SQL).
        return 27_000 + 2_000 * round_ + number
    if isinstance(value, str):
        return f"\x1fprepared-{round_}-{number}\x1f"
    if isinstance(value, uuid.UUID):
        return uuid.UUID(int=0xF1E2D3C4 << 96 | round_ << 32 | number)
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise TypeError("A prepared query takes aware datetimes only")
        return datetime.datetime(1901, 2, 3, 4, 5, round_, number, tzinfo=datetime.UTC)
    raise TypeError(f"A prepared query takes ints, strings, UUIDs and datetimes, not {type(value)}")


def _adapt(connection, value):
    """A value as the ORM hands it to the driver (datetimes and UUIDs depend on the backend)."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise TypeError("A prepared query takes aware datetimes only")
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, uuid.UUID):
        return value if connection.features.has_native_uuid_field else value.hex
    if value is None or isinstance(value, bool):
        raise TypeError("A prepared query takes no None or booleans")
    return value


Slot = tuple[int, int | None]  # (argument, index in a list argument or None)


def _template(connection, stand_ins: list, params: Sequence) -> list[tuple[Slot | None, Any]]:
    """For each parameter: (where its value comes from, the driver's integer type or None), or
    (None, the constant)."""
    places: dict[Any, Slot] = {}
    for index, stand_in in enumerate(stand_ins):
        if isinstance(stand_in, list):
            for position, item in enumerate(stand_in):
                places[_key(_adapt(connection, item))] = (index, position)
        else:
            places[_key(_adapt(connection, stand_in))] = (index, None)
    template, found = [], set()
    for param in params:
        slot = places.get(_key(param))
        if slot is None:
            template.append((None, param))
            continue
        # The driver's own integer types (psycopg's Int4 for an integer column) are kept.
        template.append((slot, type(param) if isinstance(param, int) and type(param) is not int else None))
        found.add(slot)
    missing = set(places.values()) - found
    if missing:
        raise ValueError(
            f"Prepared query: arguments {sorted(missing)} do not reach the SQL unchanged; "
            "build this query with the ORM on every call instead"
        )
    return template


def _key(value):
    # Type-exact ("1" and 1, 1 and True must not meet), except a driver's integer types.
    if isinstance(value, int) and not isinstance(value, bool):
        return (int, int(value))
    return (type(value), value)


def _params(connection, template, values) -> list:
    params = []
    for slot, constant_or_cast in template:
        if slot is None:
            params.append(constant_or_cast)
            continue
        value = _adapt(connection, _value_at(values, slot))
        params.append(constant_or_cast(value) if constant_or_cast else value)
    return params


def _value_at(values, slot: Slot):
    index, position = slot
    return values[index] if position is None else values[index][position]
