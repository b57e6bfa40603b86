"""How a sign-up commits (awareness.services.register): the session lock is released without waiting
for the disk only when a commit that does wait follows before anyone is told.

On PostgreSQL the sign-up's own transaction sets `synchronous_commit` off, so the next sign-up can
take the lock while the log is still being written; the confirmation's task row (database task
backend) commits after it in a transaction that waits for the disk, and PostgreSQL flushes its log
in order. Anywhere else (SQLite, the in-process task backend, a caller's transaction) the commit is
an ordinary one.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from awareness import services
from awareness.models import Registration
from tests.awareness.factories import SessionFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("live_db"),
]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EARLY_RELEASE = "SET LOCAL synchronous_commit TO OFF"


def sign_up(session, name: str = "mila") -> list[str]:
    """Register `name` for the session; the statements sent, in order."""
    with CaptureQueriesContext(connection) as queries:
        services.register(session.pk, services.Applicant(name=name, email=f"{name}@portaal.invalid"))
    return [query["sql"] for query in queries.captured_queries]


def confirmations() -> list[tuple[str, str]]:
    """(name, status) of the sign-ups whose e-mail is queued (other writes queue tasks of their own)."""
    rows = DBTaskResult.objects.filter(task_path=services.send_registration_email_task.module_path)
    queued = {
        row.args_kwargs["kwargs"]["registration_id"]: row.args_kwargs["kwargs"]["status"] for row in rows
    }
    return sorted((registration.name, queued[registration.pk]) for registration in Registration.objects.all())


def position(statements: list[str], start: str) -> int:
    return next(index for index, sql in enumerate(statements) if sql.startswith(start))


@pytest.mark.postgres
def test_on_postgresql_the_lock_is_released_early_and_the_task_row_commits_after_it(settings):
    settings.TASKS = DATABASE_TASKS
    session = SessionFactory(capacity=1)
    with connection.cursor() as cursor:
        # Whatever the server's own default (CI's test server runs with it off), this connection's
        # is on: the sign-up must leave it so.
        cursor.execute("SET synchronous_commit TO on")
    statements = sign_up(session)
    early = position(statements, EARLY_RELEASE)
    locked = position(statements, 'SELECT "awareness_session"')
    assert "FOR UPDATE" in statements[locked]
    registered = position(statements, 'INSERT INTO "awareness_registration"')
    queued = max(
        index
        for index, sql in enumerate(statements)
        if sql.startswith('INSERT INTO "django_tasks_database_dbtaskresult"')
    )
    # Set before the lock is taken, the registration written under it, the task row (its own,
    # waiting commit) after it.
    assert early < locked < registered < queued
    assert confirmations() == [("mila", Registration.Status.CONFIRMED)]
    # The setting lasted for the sign-up's transaction only.
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        after = cursor.fetchone()[0]
        cursor.execute("RESET synchronous_commit")
    assert after == "on"


def test_on_sqlite_the_commit_is_an_ordinary_one(settings):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite pass")
    settings.TASKS = DATABASE_TASKS
    statements = sign_up(SessionFactory(capacity=1))
    assert not any(sql.startswith(EARLY_RELEASE) for sql in statements)
    assert confirmations() == [("mila", Registration.Status.CONFIRMED)]


def test_with_mail_sent_in_process_the_commit_waits_for_the_disk(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    statements = sign_up(SessionFactory(capacity=1))
    assert not any(sql.startswith(EARLY_RELEASE) for sql in statements)
    assert Registration.objects.count() == 1


def test_inside_a_callers_transaction_its_commit_is_left_alone(settings):
    settings.TASKS = DATABASE_TASKS
    session = SessionFactory(capacity=1)
    with transaction.atomic():
        statements = sign_up(session)
    assert not any(sql.startswith(EARLY_RELEASE) for sql in statements)
    assert Registration.objects.count() == 1


def test_the_waitlist_still_follows_the_places_taken(settings):
    settings.TASKS = DATABASE_TASKS
    session = SessionFactory(capacity=1)
    sign_up(session, "eerste")
    sign_up(session, "tweede")
    assert confirmations() == [
        ("eerste", Registration.Status.CONFIRMED),
        ("tweede", Registration.Status.WAITLISTED),
    ]
