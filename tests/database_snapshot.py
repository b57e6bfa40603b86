"""A copy of the whole test database, taken once and put back in well under a second.

Live-server tests cannot share the test's transaction with the server thread, so each of them ends
by emptying every table. Those that want the demo content loaded it again from scratch, which took
about ten seconds on SQLite and more on PostgreSQL for every such test. Instead the demo is loaded
once, the database is copied aside, and later tests get the copy back:

- SQLite (the in-memory test database, shared with the server thread): the SQLite backup API copies
  every page of the database, search index included, to a private in-memory database and back.
- PostgreSQL: every table Django knows is copied into a schema of its own (`CREATE TABLE … AS`);
  restoring empties the tables and inserts the copies in one transaction (the foreign keys Django
  makes are deferrable), then moves each sequence past the highest restored id.
"""

import sqlite3

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "test_database_snapshot"


class SQLiteSnapshot:
    def __init__(self):
        connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def restore(self) -> None:
        connection.ensure_connection()
        self.copy.backup(connection.connection)

    def discard(self) -> None:
        self.copy.close()


class PostgreSQLSnapshot:
    def __init__(self):
        quote = connection.ops.quote_name
        self.tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
            for table in self.tables:
                cursor.execute(f"CREATE TABLE {SCHEMA}.{quote(table)} AS TABLE public.{quote(table)}")

    def restore(self) -> None:
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("TRUNCATE " + ", ".join(f"public.{quote(table)}" for table in self.tables))
            for table in self.tables:
                copy = f"INSERT INTO public.{quote(table)} SELECT * FROM {SCHEMA}.{quote(table)}"  # noqa: S608 - names of Django's own tables, quoted
                cursor.execute(copy)
            for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(statement)

    def discard(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


def take_snapshot() -> SQLiteSnapshot | PostgreSQLSnapshot | None:
    """Copy the test database as it is now; None for a database kept elsewhere (a SQLite file)."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return SQLiteSnapshot()
    if connection.vendor == "postgresql":
        return PostgreSQLSnapshot()
    return None
