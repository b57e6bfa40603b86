"""Everything the database holds, and everything the logs said, as text to search."""

import io
import logging

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.http import HttpRequest


def database_dump(app_label: str | None = None, dumpdata: bool = True) -> str:
    """`dumpdata` plus every row of every table (of one app's tables if `app_label` is given).

    `dumpdata` goes through the models and so shows decrypted text; the raw rows are what a
    database dump or backup holds.
    """
    parts = []
    if dumpdata:
        out = io.StringIO()
        # Models without a table (portal.RolePolicy only carries permissions) cannot be dumped.
        tables = set(connection.introspection.table_names())
        tableless = [model._meta.label for model in apps.get_models() if model._meta.db_table not in tables]
        call_command("dumpdata", *([app_label] if app_label else []), exclude=tableless, stdout=out)
        parts.append(out.getvalue())
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if app_label and not table.startswith(f"{app_label}_"):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table names from introspection)
            for row in cursor.fetchall():
                parts.append(
                    f"{table}: "
                    + repr(
                        [bytes(v).decode("latin-1") if isinstance(v, bytes | memoryview) else v for v in row]
                    )
                )
    return "\n".join(parts)


class CaptureEverything(logging.Handler):
    """Keeps each record formatted, with its extra attributes and, for requests, the request's META
    (what Django's error e-mails print)."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        text = [self.format(record), repr(record.__dict__)]
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            text.append(repr(request.META))
        self.lines.append(" ".join(text))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)
