"""Task records of notifications about cases: pruned once sent, never shown to administrators.

The attack: an administrator opens Instellingen → Achtergrondtaken while the office's mail about a
case waits or fails, and learns which case is handled (and by whom, from the row). Each test keeps
an ordinary mail beside it as the control that the page does list what it may.
"""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from forms import services
from forms.models import Status
from portal.mail import send_confidential_mail_task, send_mail_later, send_mail_task
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory
from tests.portal.test_background_tasks import LOCMEM, refusing_relay, run_worker
from tests.portal.test_background_tasks import database_tasks as database_tasks  # the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR, is_superuser=True))
    return client


def listed(client) -> list[dict]:
    response = client.get(reverse("portal_tasks"))
    assert response.status_code == 200
    return response.context["rows"], response.content.decode()


def a_case_with_a_reporter_message(make_user):
    owner = make_user(Role.INTEGRITY_OFFICE, email="behandelaar@portaal.invalid")
    report = IntegrityReportFactory(owner=owner, status=Status.ACKNOWLEDGED)
    run_worker()  # Wagtail's own tasks after those saves (reference index) run first and leave no row
    services.add_reporter_message(report, "Nog een bewijsstuk", [])
    return report


def test_a_queued_case_notification_is_hidden_and_pruned_once_sent(
    database_tasks, settings, admin_client, make_user
):
    report = a_case_with_a_reporter_message(make_user)
    send_mail_later("Inschrijving", "Tekst", ["medewerker@portaal.invalid"])  # the control
    assert DBTaskResult.objects.filter(task_path=send_confidential_mail_task.module_path).count() == 1
    assert DBTaskResult.objects.filter(task_path=send_mail_task.module_path).count() == 1

    rows, page = listed(admin_client)
    assert len(rows) == 1  # the ordinary mail is listed: the page does show queued mail
    assert report.reference not in page and "behandelaar@portaal.invalid" not in page

    settings.EMAIL_BACKEND = LOCMEM
    run_worker()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "behandelaar@portaal.invalid",
        "medewerker@portaal.invalid",
    ]
    assert not DBTaskResult.objects.exists(), "sent notifications leave no record"


def test_failed_case_notifications_are_not_listed_while_ordinary_failures_are(
    database_tasks, settings, admin_client, make_user
):
    settings.MAIL_MAX_ATTEMPTS = 2
    refusing_relay(settings)
    a_case_with_a_reporter_message(make_user)
    call_command("send_integrity_reminders", "--now", stdout=StringIO())  # names the case's reference
    send_mail_later("Inschrijving", "Tekst", ["medewerker@portaal.invalid"])
    run_worker()
    hidden = DBTaskResult.objects.filter(task_path=send_confidential_mail_task.module_path)
    assert hidden.count() == 4 and set(hidden.values_list("status", flat=True)) == {"FAILED"}

    rows, page = listed(admin_client)
    assert len(rows) == 2 and all(row["failed"] for row in rows)  # the ordinary mail's two attempts
    assert page.count("ConnectionRefusedError") == 2


def test_a_later_success_prunes_the_failed_attempts_of_a_case_notification(
    database_tasks, settings, make_user
):
    settings.MAIL_MAX_ATTEMPTS = 3
    refusing_relay(settings)
    a_case_with_a_reporter_message(make_user)
    call_command("db_worker", "--batch", "--max-tasks=1", "--interval=0", "--no-startup-delay", verbosity=0)
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "READY"]
    settings.EMAIL_BACKEND = LOCMEM
    run_worker()
    assert len(mail.outbox) == 1
    assert not DBTaskResult.objects.exists()
