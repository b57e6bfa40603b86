"""The audit log is tamper-evident: an HMAC chain keyed outside the database, verified by
`manage.py verify_audit_log`; bulk writes refused in Python, UPDATE/DELETE refused by a trigger on
PostgreSQL; the retention purge leaves a signed checkpoint; reporter events keep the day only."""

import contextlib
import datetime
import json
import threading
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from forms import audit
from forms.models import AuditChainHead, AuditLogEntry, IntegrityReport
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory
from tests.forms.helpers import code_of, file_report

pytestmark = pytest.mark.django_db
TABLE = AuditLogEntry._meta.db_table


def intact() -> str:
    """What verification says of the whole log: creating users with roles writes role-change entries
    (portal/role_audit.py) besides the entries a test makes itself."""
    return f"Audit log intact: {AuditLogEntry.objects.count()} entries"


def verify_output(*args) -> str:
    out = StringIO()
    call_command("verify_audit_log", *args, stdout=out)
    return out.getvalue()


def assert_broken_at(sequence: int, *args) -> str:
    with pytest.raises(CommandError) as error:
        verify_output(*args)
    assert f"broken at entry {sequence}:" in str(error.value), str(error.value)
    return str(error.value)


@contextlib.contextmanager
def as_database_owner():
    """Raw SQL as someone with full access to the database. On PostgreSQL the append-only trigger
    would refuse it; a superuser can switch triggers off (`session_replication_role`), so tests of
    what verification catches do that too (and show that it is possible)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        try:
            yield cursor
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("SET session_replication_role = origin")


@pytest.fixture
def log(make_user):
    """Five entries by an officer about one case, the portal's first."""
    officer = make_user(Role.INTEGRITY_OFFICE)
    report = IntegrityReportFactory()
    entries = [
        audit.record("bekeken", user=officer, report=report),
        audit.record(
            "gewijzigd", user=officer, report=report, detail={"status": ["ontvangen", "in-onderzoek"]}
        ),
        audit.record(
            "rol gewijzigd", user=officer, detail={"voor": [], "na": ["Integriteitsbureau"], "2": 1.5}
        ),
        audit.record("bijlage gedownload", user=officer, report=report),
        audit.record("bekeken", user=officer, report=report),
    ]
    return entries


def test_entries_form_an_unbroken_chain_that_verifies(log):
    sequences = [entry.sequence for entry in log]
    assert sequences == list(range(sequences[0], sequences[0] + 5))
    assert len({entry.mac for entry in log}) == 5 and all(len(entry.mac) == 64 for entry in log)
    assert intact() in verify_output()
    assert AuditChainHead.objects.get().sequence == log[-1].sequence


def test_a_plain_create_is_chained_too(log):
    AuditLogEntry.objects.create(report=log[0].report, action="bekeken")
    assert intact() in verify_output()


def test_bulk_update_and_bulk_delete_are_refused_in_python(log):
    report = log[0].report
    for attempt in (
        lambda: AuditLogEntry.objects.update(action="niets"),
        lambda: AuditLogEntry.objects.filter(pk=log[1].pk).update(action="niets"),
        lambda: report.audit_log.update(action="niets"),
        lambda: AuditLogEntry.objects.all().delete(),
        lambda: report.audit_log.all().delete(),
        lambda: AuditLogEntry.objects.bulk_update(log, ["action"]),
        lambda: AuditLogEntry.objects.bulk_create([AuditLogEntry(action="x", on=timezone.localdate())]),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert list(
        AuditLogEntry.objects.filter(sequence__gte=log[0].sequence)
        .order_by("sequence")
        .values_list("action", flat=True)
    ) == [
        "bekeken",
        "gewijzigd",
        "rol gewijzigd",
        "bijlage gedownload",
        "bekeken",
    ]
    # Control: the same change through the model's ordinary queryset API works on other models.
    assert IntegrityReport.objects.filter(pk=report.pk).update(subject="x") == 1


TAMPERING = {
    "action rewritten": ("UPDATE {t} SET action = 'bekeken' WHERE sequence = {s2}", 2),
    "user swapped": ("UPDATE {t} SET user_id = NULL WHERE sequence = {s2}", 2),
    "detail edited": ("UPDATE {t} SET detail = '{{}}' WHERE sequence = {s2}", 2),
    "time moved": ("UPDATE {t} SET at = at - interval '1 hour' WHERE sequence = {s2}", 2),
    "entry in the middle deleted": ("DELETE FROM {t} WHERE sequence = {s2}", 2),
    "oldest entries deleted": ("DELETE FROM {t} WHERE sequence <= {s2}", 0),
    "newest entry deleted": ("DELETE FROM {t} WHERE sequence = {s4}", 4),
    "MAC copied from another entry": (
        "UPDATE {t} SET mac = (SELECT mac FROM {t} WHERE sequence = {s1}) WHERE sequence = {s2}",
        2,
    ),
}


@pytest.mark.parametrize("kind", TAMPERING)
def test_raw_sql_tampering_is_found_by_verify_audit_log(log, kind):
    sql, broken_index = TAMPERING[kind]
    first = log[0].sequence
    values = {"t": TABLE, **{f"s{i}": first + i for i in range(5)}}
    if connection.vendor == "sqlite":
        sql = sql.replace("at - interval '1 hour'", "datetime(at, '-1 hour')")
    assert "Audit log intact" in verify_output()  # control: the untouched log verifies
    with as_database_owner() as cursor:
        cursor.execute(sql.format(**values))
        assert cursor.rowcount >= 1
    expected = first + broken_index if kind != "oldest entries deleted" else first + 3
    assert_broken_at(expected)


def test_a_forged_entry_inserted_with_raw_sql_is_found(log):
    last = log[-1]
    with as_database_owner() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (action, detail, at, {connection.ops.quote_name('on')}, sequence, mac,"  # noqa: S608 - names from model metadata; values are parameters
            " report_id, user_id) VALUES (%s, %s, %s, %s, %s, %s, NULL, NULL)",
            ["bekeken", "{}", timezone.now(), timezone.localdate(), last.sequence + 1, "0" * 64],
        )
    assert_broken_at(last.sequence + 1)


def test_entries_removed_at_the_end_with_the_head_row_are_found_with_an_exported_head(log, caplog):
    out = StringIO()
    call_command("log_audit_chain_head", stdout=out)
    exported = out.getvalue()
    assert f"sequence={log[-1].sequence} mac={log[-1].mac}" in exported
    assert any(f"sequence={log[-1].sequence}" in record.getMessage() for record in caplog.records)
    assert "1 exported heads matched" in verify_output("--head", f"{log[-1].sequence}:{log[-1].mac}")
    with as_database_owner() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE sequence = %s", [log[-1].sequence])  # noqa: S608 - names from model metadata; values are parameters
        cursor.execute(
            "UPDATE forms_auditchainhead SET sequence = %s, mac = %s", [log[-2].sequence, log[-2].mac]
        )
    assert "Audit log intact" in verify_output()  # the chain alone cannot see a clean cut at the end
    message = assert_broken_at(log[-1].sequence, "--head", f"{log[-1].sequence}:{log[-1].mac}")
    assert "entries at the end were removed" in message


def test_heads_file_reads_the_exported_log_lines(log, tmp_path):
    out = StringIO()
    call_command("log_audit_chain_head", stdout=out)
    heads = tmp_path / "portal.log"
    heads.write_text(f"2026-12-02 other line: nothing\nWARNING forms.audit {out.getvalue()}")
    assert "1 exported heads matched" in verify_output("--heads-file", str(heads))
    with as_database_owner() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET action = 'x' WHERE sequence = %s", [log[-1].sequence])  # noqa: S608 - names from model metadata; values are parameters
    assert_broken_at(log[-1].sequence, "--heads-file", str(heads))


def test_a_different_key_does_not_verify(log):
    with override_settings(PORTAL_AUDIT_KEY="another-key-0123456789abcdef0123456789"):
        # The first entry of the chain (a role change of the officer, made before the fixture's entries).
        assert_broken_at(AuditLogEntry.objects.order_by("sequence").first().sequence)


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE {t} SET action = 'niets' WHERE sequence = %s",
        "DELETE FROM {t} WHERE sequence = %s",
    ],
)
def test_postgresql_trigger_refuses_update_and_delete_from_raw_sql(log, sql):
    statement = sql.format(t=TABLE)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [log[1].sequence])
    assert AuditLogEntry.objects.get(sequence=log[1].sequence).action == "gewijzigd"
    # Control: the very same statement goes through once the trigger is off (what a table owner or
    # superuser could do), and verification then finds it.
    with as_database_owner() as cursor:
        cursor.execute(statement, [log[1].sequence])
        assert cursor.rowcount == 1
    assert_broken_at(log[1].sequence)


@pytest.mark.postgres
def test_postgresql_trigger_lets_deletes_through_only_with_the_purge_setting(log):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL {audit.PURGE_SETTING} = 'on'")
        cursor.execute(f"DELETE FROM {TABLE} WHERE sequence = %s", [log[0].sequence])  # noqa: S608 - names from model metadata; values are parameters
        assert cursor.rowcount == 1
        cursor.execute(f"SET LOCAL {audit.PURGE_SETTING} = 'off'")
        with pytest.raises(DatabaseError), transaction.atomic():
            cursor.execute(f"UPDATE {TABLE} SET action = 'x' WHERE sequence = %s", [log[1].sequence])  # noqa: S608 - names from model metadata; values are parameters
    # Anyone with the portal's database account can do the same: verification notices the gap
    # (the removed entry has a predecessor: the role change that made the officer).
    assert_broken_at(log[0].sequence)


def test_the_sequence_is_unique_so_a_fork_cannot_be_stored(log):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (action, detail, at, {connection.ops.quote_name('on')}, sequence, mac,"  # noqa: S608 - names from model metadata; values are parameters
            " report_id, user_id) VALUES ('x', '{}', NULL, %s, %s, %s, NULL, NULL)",
            [timezone.localdate(), log[-1].sequence, "0" * 64],
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_from_several_connections_never_fork_the_chain():
    from django.db import connections

    start = threading.Barrier(4)
    errors = []

    def worker(n):
        try:
            start.wait(timeout=10)
            for i in range(15):
                audit.record("bekeken", detail={"worker": n, "i": i})
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    sequences = list(AuditLogEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    assert len(sequences) == 60 and sequences == list(range(sequences[0], sequences[0] + 60))
    assert intact() in verify_output()


def test_events_the_reporter_causes_keep_the_day_only(client, make_user):
    code = code_of(file_report(client))
    report = IntegrityReport.objects.get()
    client.post("/nl/melding/opvolging/", {"code": code, "action": "message", "body": "Nog iets."})
    reporter_events = list(report.audit_log.order_by("sequence").values_list("action", "at", "on", "user"))
    assert reporter_events == [
        ("ontvangen", None, timezone.localdate(), None),
        ("aangevuld door melder", None, timezone.localdate(), None),
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT at FROM {TABLE} WHERE report_id = %s", [report.pk])  # noqa: S608 - names from model metadata; values are parameters
        assert {row[0] for row in cursor.fetchall()} == {None}
    # Control: what the office does keeps its time.
    officer = make_user(Role.INTEGRITY_OFFICE)
    client.force_login(officer)
    client.get(f"/admin/integriteitsmeldingen/edit/{report.pk}/")
    viewed = report.audit_log.get(action="bekeken")
    assert viewed.at is not None and viewed.user == officer
    assert intact() in verify_output()


# --- retention


def entries_on(day: datetime.date, count: int, monkeypatch) -> list[AuditLogEntry]:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        return [audit.record("bekeken", detail={"i": i}) for i in range(count)]


def test_purge_removes_old_entries_and_leaves_a_signed_checkpoint(monkeypatch):
    old = entries_on(timezone.localdate() - datetime.timedelta(days=365 * 8), 3, monkeypatch)
    recent = entries_on(timezone.localdate(), 2, monkeypatch)
    out = StringIO()
    call_command("purge_audit_log", stdout=out)
    assert "Removed 3 audit log entries" in out.getvalue()
    assert not AuditLogEntry.objects.filter(pk__in=[entry.pk for entry in old]).exists()
    checkpoint = AuditLogEntry.objects.get(action=audit.CHECKPOINT_ACTION)
    assert checkpoint.sequence == recent[-1].sequence + 1
    assert checkpoint.detail["kept_from"] == recent[0].sequence and checkpoint.detail["removed"] == 3
    assert checkpoint.detail["anchor"] == old[-1].mac
    assert intact() in verify_output()
    # A head exported before the purge still checks against the checkpoint's anchor.
    assert "Audit log intact" in verify_output("--head", f"{old[-1].sequence}:{old[-1].mac}")
    assert_broken_at(old[-1].sequence, "--head", f"{old[-1].sequence}:{old[-2].mac}")
    # Nothing more to remove on a second run.
    out = StringIO()
    call_command("purge_audit_log", stdout=out)
    assert "No audit log entries" in out.getvalue()
    assert intact() in verify_output()


def test_control_removing_old_entries_without_the_checkpoint_is_found(monkeypatch):
    old = entries_on(timezone.localdate() - datetime.timedelta(days=365 * 8), 3, monkeypatch)
    entries_on(timezone.localdate(), 2, monkeypatch)
    with as_database_owner() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE sequence <= %s", [old[-1].sequence])  # noqa: S608 - names from model metadata; values are parameters
    message = assert_broken_at(old[-1].sequence + 1)
    assert "no signed checkpoint" in message


def test_a_forged_checkpoint_anchor_is_found(monkeypatch):
    entries_on(timezone.localdate() - datetime.timedelta(days=365 * 8), 3, monkeypatch)
    entries_on(timezone.localdate(), 2, monkeypatch)
    call_command("purge_audit_log", stdout=StringIO())
    checkpoint = AuditLogEntry.objects.get(action=audit.CHECKPOINT_ACTION)
    with as_database_owner() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET detail = %s WHERE id = %s",  # noqa: S608 - names from model metadata; values are parameters
            [json.dumps({"kept_from": checkpoint.detail["kept_from"], "anchor": "0" * 64}), checkpoint.pk],
        )
    assert_broken_at(checkpoint.detail["kept_from"])


def test_purge_refuses_when_the_log_does_not_verify(monkeypatch):
    old = entries_on(timezone.localdate() - datetime.timedelta(days=365 * 8), 3, monkeypatch)
    with as_database_owner() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET action = 'x' WHERE sequence = %s", [old[1].sequence])  # noqa: S608 - names from model metadata; values are parameters
    with pytest.raises(CommandError, match="does not verify, nothing purged"):
        call_command("purge_audit_log", stdout=StringIO())
    assert AuditLogEntry.objects.count() == 3


def test_purge_of_everything_old_keeps_a_verifiable_chain(monkeypatch):
    entries_on(timezone.localdate() - datetime.timedelta(days=365 * 8), 4, monkeypatch)
    call_command("purge_audit_log", stdout=StringIO())
    assert list(AuditLogEntry.objects.values_list("action", flat=True)) == [audit.CHECKPOINT_ACTION]
    assert intact() in verify_output()
    audit.record("bekeken")
    assert intact() in verify_output()


def test_deleting_an_account_keeps_its_id_in_the_log_and_the_chain_intact(make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    entry = audit.record("bekeken", user=officer, report=IntegrityReportFactory())
    officer_id = officer.pk
    officer.delete()
    assert AuditLogEntry.objects.get(pk=entry.pk).user_id == officer_id
    assert intact() in verify_output()
    # The case screen lists the entry without the account.
    assert list(entry.report.audit_log.select_related("user").values_list("user__username", flat=True)) == [
        None
    ]
