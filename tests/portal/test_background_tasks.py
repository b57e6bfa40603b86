"""E-mail as a background task (portal/mail.py) on the database backend, run by `db_worker`.

A sign-up does not wait for the mail relay (it is not even contacted during the request); the
worker sends the mail; a refused mail is retried up to MAIL_MAX_ATTEMPTS and then listed for
administrators; a sent mail leaves no row behind; no task row holds what a report says.
"""

import contextlib
import socket
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from awareness.models import Registration
from awareness.services import send_registration_email_task
from forms.models import IntegrityReport
from portal.mail import send_mail_later, send_mail_task
from portal.roles import Role
from portal.scheduled import run_scheduled_command
from tests.awareness.factories import SessionFactory
from tests.forms.factories import IntegrityReportFactory
from tests.forms.helpers import WHAT, file_report
from tests.server_processes import free_port

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SMTP = "django.core.mail.backends.smtp.EmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def database_tasks(settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    settings.MAIL_RETRY_SECONDS = 0  # the next attempt is due at once, so one batch runs them all
    # Between tasks the worker closes connections whose autocommit differs from the settings, as
    # the test's transaction's does: it would end the test's transaction (PostgreSQL).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    if connection.vendor == "sqlite":
        # The worker claims a task in BEGIN EXCLUSIVE on SQLite, which cannot start inside the
        # test's transaction; a savepoint stands in. PostgreSQL runs the worker's own locking.
        monkeypatch.setattr(db_worker, "exclusive_transaction", lambda using=None: transaction.atomic(using))


@contextlib.contextmanager
def hanging_relay(settings):
    """A mail relay that accepts connections and never answers: any send through it hangs."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.setblocking(False)
        settings.EMAIL_BACKEND = SMTP
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", listener.getsockname()[1]
        settings.EMAIL_TIMEOUT = 0.5

        def contacted() -> bool:
            try:
                listener.accept()[0].close()
            except BlockingIOError:
                return False
            return True

        yield contacted


def refusing_relay(settings):
    """A mail relay address where nothing listens: every send fails at once."""
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_TIMEOUT = 2


def run_worker() -> None:
    """`manage.py db_worker` as production runs it, until no task is due."""
    call_command("db_worker", "--batch", "--interval=0", "--no-startup-delay", "--no-reload", verbosity=0)


def sign_up(client, session):
    with transaction.atomic():  # the view's own commit, as in a request outside a test
        return client.post(
            reverse("awareness:register", args=[session.pk]),
            {"name": "Mila de Medewerker", "email": "mila@portaal.invalid"},
        )


def test_a_sign_up_does_not_wait_for_a_hanging_relay_and_the_worker_sends_the_mail(
    database_tasks, settings, employee_client, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=3)
    with hanging_relay(settings) as contacted:
        with django_capture_on_commit_callbacks(execute=True):
            response = sign_up(employee_client, session)
        assert not contacted(), "the request talked to the mail relay"
    assert response.status_code == 302
    assert Registration.objects.get().status == "confirmed"
    assert mail.outbox == []
    # The request queued the e-mail; the worker writes it (and queues the sending, with retries).
    [queued] = DBTaskResult.objects.filter(task_path=send_registration_email_task.module_path)
    assert queued.status == "READY"
    assert not DBTaskResult.objects.filter(task_path=send_mail_task.module_path).exists()

    settings.EMAIL_BACKEND = LOCMEM  # the relay is back
    run_worker()
    [message] = mail.outbox
    assert message.to == [Registration.objects.get().email] and "bevestigd" in message.subject
    [(filename, content, mimetype)] = message.attachments
    assert filename == "activiteit.ics" and mimetype == "text/calendar" and "VEVENT" in str(content)
    assert not DBTaskResult.objects.exists(), "done tasks leave no row"


def test_control_with_the_immediate_backend_the_request_itself_talks_to_the_relay(
    settings, employee_client, django_capture_on_commit_callbacks
):
    """Shows the test above can fail: sending in the request reaches the relay during the request."""
    settings.TASKS = IMMEDIATE_TASKS
    session = SessionFactory(capacity=3)
    with hanging_relay(settings) as contacted:
        with django_capture_on_commit_callbacks(execute=True):
            response = sign_up(employee_client, session)
        assert contacted()
    assert response.status_code == 302  # a failed send never fails the sign-up


def test_a_queued_mail_is_dropped_when_the_write_rolls_back(database_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail_later("Onderwerp", "Tekst", ["a@portaal.invalid"])
        assert DBTaskResult.objects.count() == 1
        raise RuntimeError("the write failed")
    assert not DBTaskResult.objects.exists()


def test_a_refused_mail_is_retried_up_to_the_limit_and_listed_for_administrators(
    database_tasks, settings, client, make_user
):
    settings.MAIL_MAX_ATTEMPTS = 3
    refusing_relay(settings)
    send_mail_later("Onderwerp", "Geheime tekst", ["a@portaal.invalid"])
    run_worker()
    rows = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [row.status for row in rows] == ["FAILED"] * 3
    assert [row.args_kwargs["kwargs"].get("attempt", 1) for row in rows] == [1, 2, 3]
    assert "ConnectionRefusedError" in rows[-1].exception_class_path
    run_worker()  # nothing is due any more: the limit holds
    assert DBTaskResult.objects.count() == 3 and mail.outbox == []

    url = reverse("portal_tasks")
    client.force_login(make_user(Role.ADMINISTRATOR))
    page = client.get(url).text
    assert page.count("ConnectionRefusedError") == 3 and "3 / 3" in page
    assert "Geheime tekst" not in page and "a@portaal.invalid" not in page  # never the arguments


def test_a_later_success_clears_the_failed_attempts(database_tasks, settings):
    settings.MAIL_MAX_ATTEMPTS = 3
    refusing_relay(settings)
    send_mail_later("Onderwerp", "Tekst", ["a@portaal.invalid"])
    call_command("db_worker", "--batch", "--max-tasks=1", "--interval=0", "--no-startup-delay", verbosity=0)
    assert list(DBTaskResult.objects.values_list("status", flat=True).order_by("enqueued_at")) == [
        "FAILED",
        "READY",
    ]
    settings.EMAIL_BACKEND = LOCMEM
    run_worker()
    assert len(mail.outbox) == 1
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize(
    ("roles", "superuser"),
    [((), False), ((Role.EDITOR,), True), ((Role.EDITOR,), False), ((Role.INTEGRITY_OFFICE,), False)],
)
def test_only_administrators_see_the_task_list(client, make_user, roles, superuser):
    client.force_login(make_user(*roles, is_superuser=superuser))
    response = client.get(reverse("portal_tasks"))
    if roles:  # Wagtail answers a refused admin view with a redirect to the dashboard
        assert response.status_code == 302 and response["Location"] == "/admin/"
    else:  # no admin access at all: the portal's 403 page
        assert response.status_code == 403


def test_no_task_row_holds_what_a_report_says(database_tasks, client, make_user, settings):
    """Filing a report and the office's reminder about it queue only references, never content."""
    make_user(Role.INTEGRITY_OFFICE, email="ib@portaal.invalid")
    settings.EMAIL_BACKEND = LOCMEM
    secret = "Zwager krijgt alle opdrachten van afdeling Noord"
    response = file_report(client, what={**WHAT, "description": secret, "occurred": "sinds juni"})
    assert response.status_code == 200
    report = IntegrityReport.objects.get()
    call_command("send_integrity_reminders", "--now", stdout=StringIO())  # the job itself, queuing the mail
    rows = list(DBTaskResult.objects.values_list("args_kwargs", flat=True))
    assert any(report.reference in str(row) for row in rows), "the reminder was queued"
    assert not any(secret in str(row) or "sinds juni" in str(row) for row in rows)


def test_a_scheduled_command_enqueues_its_job_and_the_worker_runs_it(database_tasks, settings, make_user):
    office = make_user(Role.INTEGRITY_OFFICE, email="ib@portaal.invalid")
    report = IntegrityReportFactory(received_on=timezone.localdate())
    settings.EMAIL_BACKEND = LOCMEM
    out = StringIO()
    call_command("send_integrity_reminders", "--days-ahead=3", stdout=out)  # what cron runs
    assert "Enqueued send_integrity_reminders" in out.getvalue()
    [job] = DBTaskResult.objects.filter(task_path=run_scheduled_command.module_path)
    assert job.args_kwargs["args"] == ["send_integrity_reminders", {"days_ahead": 3}]
    assert mail.outbox == []
    run_worker()  # runs the job, which queues the mail, which the same batch sends
    [message] = mail.outbox
    assert message.to == [office.email] and report.reference in message.body
    assert not DBTaskResult.objects.exists()
