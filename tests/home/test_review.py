"""Ownership and review: the overdue report and the daily, idempotent reminder."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from home.models import ReviewReminder
from home.services import overdue_pages
from portal.roles import Role
from tests.home.factories import code_of_conduct, content_page, protocol

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=10)
FUTURE = TODAY + datetime.timedelta(days=10)


@pytest.fixture
def pages(make_user):
    owner = make_user(username="eigenaar", email="eigenaar@portaal.invalid")
    return {
        "overdue": content_page(slug="verlopen", next_review_date=PAST, owner_user=owner),
        "overdue_code": code_of_conduct(
            next_review_date=PAST, owner_group=Group.objects.get(name="Integriteitsbureau")
        ),
        "future": protocol(next_review_date=FUTURE, owner_user=owner),
        "today": content_page(slug="vandaag", next_review_date=TODAY, owner_user=owner),
        "never": content_page(slug="zonder-datum"),
    }


def test_overdue_pages_are_exactly_those_past_their_review_date(pages):
    assert {page.pk for page in overdue_pages()} == {pages["overdue"].pk, pages["overdue_code"].pk}


def test_admin_report_lists_the_overdue_pages(client, make_user, pages):
    client.force_login(make_user(Role.EDITOR))
    body = client.get("/admin/reports/herziening/").content.decode()
    assert body.count("data-review-date") == 2
    assert pages["overdue"].title in body and pages["overdue_code"].title in body
    assert pages["future"].title not in body and "Zonder datum" not in body


@pytest.mark.parametrize(
    "roles, allowed", [((Role.EDITOR,), True), ((Role.ADMINISTRATOR,), True), ((Role.MANAGER,), False)]
)
def test_report_access_per_role(client, make_user, roles, allowed):
    client.force_login(make_user(*roles))
    response = client.get("/admin/reports/herziening/")
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code in (302, 403)


def test_reminder_is_sent_once_per_review_date(pages, make_user, django_capture_on_commit_callbacks):
    office = make_user(Role.INTEGRITY_OFFICE, username="ib", email="ib@portaal.invalid")
    with django_capture_on_commit_callbacks(execute=True):  # mail leaves once the reminder commits
        call_command("send_review_reminders", stdout=StringIO())
    assert len(mail.outbox) == 2
    recipients = sorted(tuple(message.to) for message in mail.outbox)
    assert ("eigenaar@portaal.invalid",) in recipients and (office.email,) in recipients
    assert any(
        "verlopen" in message.subject.lower() or "Verlopen" in message.subject for message in mail.outbox
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=StringIO())
    assert len(mail.outbox) == 2
    assert ReviewReminder.objects.count() == 2

    # After the owner sets a new date that passes again, a new reminder goes out.
    page = pages["overdue"]
    page.next_review_date = PAST + datetime.timedelta(days=1)
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=StringIO())
    assert len(mail.outbox) == 3


def test_pages_without_owner_get_no_reminder(make_user, django_capture_on_commit_callbacks):
    content_page(slug="wees", next_review_date=PAST)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=StringIO())
    assert mail.outbox == []
