"""Everything the database holds, and everything the logs said, as text to search."""

import io
import logging

from django.core.management import call_command
from django.db import connection
from django.http import HttpRequest


def database_dump(
    app_label: str | None = None, dumpdata: bool = True, without_role_changes: bool = False
) -> str:
    """`dumpdata` plus every row of every table (of one app's tables if `app_label` is given).

    `dumpdata` goes through the models and so shows decrypted text; the raw rows are what a
    database dump or backup holds. `without_role_changes` leaves out the audit entries about
    accounts' roles (portal/role_audit.py: about no report, written when an account got its roles),
    so that a check of a report's records is not set off by the account's own creation.
    """
    import json

    from forms.models import AuditLogEntry

    skipped = set()
    if without_role_changes:
        skipped = set(AuditLogEntry.objects.filter(report__isnull=True).values_list("pk", flat=True))
    parts = []
    if dumpdata:
        out = io.StringIO()
        call_command("dumpdata", *([app_label] if app_label else []), stdout=out)
        objects = [
            obj
            for obj in json.loads(out.getvalue() or "[]")
            if not (obj["model"] == "forms.auditlogentry" and obj["pk"] in skipped)
        ]
        parts.append(json.dumps(objects, ensure_ascii=False))
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if app_label and not table.startswith(f"{app_label}_"):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table names from introspection)
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                if (
                    table == AuditLogEntry._meta.db_table
                    and dict(zip(columns, row, strict=True))["id"] in skipped
                ):
                    continue
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
