"""The migration to timestamp-free ciphertexts and a chained audit log, run on data made before it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from forms.crypto import fernet
from forms.models import AuditLogEntry, IntegrityReport

BEFORE = [("forms", "0006_submission_nonce")]
AFTER = [("forms", "0007_timeless_ciphertexts_and_audit_chain")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_migration_chains_existing_entries_and_rewrites_fernet_values():
    old_apps = migrate(BEFORE)
    try:
        Report = old_apps.get_model("forms", "IntegrityReport")
        Entry = old_apps.get_model("forms", "AuditLogEntry")
        report = Report.objects.create(category="overig", source="intern", received_on=timezone.localdate())
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE forms_integrityreport SET description = %s WHERE id = %s",
                [fernet().encrypt(b"OUDE BESCHRIJVING").decode(), report.pk],
            )
        for action in ("bekeken", "gewijzigd", "geexporteerd"):
            Entry.objects.create(report_id=report.pk, action=action, detail={"oud": True})
        migrate(AFTER)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    entries = list(AuditLogEntry.objects.order_by("sequence"))
    assert [(entry.sequence, entry.action) for entry in entries] == [
        (1, "bekeken"),
        (2, "gewijzigd"),
        (3, "geexporteerd"),
    ]
    assert all(entry.on == timezone.localdate(entry.at) and len(entry.mac) == 64 for entry in entries)
    out = StringIO()
    call_command("verify_audit_log", stdout=out)
    assert "Audit log intact: 3 entries" in out.getvalue()
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM forms_integrityreport WHERE id = %s", [report.pk])
        assert cursor.fetchone()[0].startswith("pe1:")
    assert IntegrityReport.objects.get(pk=report.pk).description == "OUDE BESCHRIJVING"
