"""A reporter writes: the case turns unread for its owner, a content-free notification goes out after
commit, and a closed case takes one last message within the configured period, then none."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from forms.models import Message, Status
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory

pytestmark = pytest.mark.django_db

FOLLOW_UP = "/nl/melding/opvolging/"
INDEX = "/admin/integriteitsmeldingen/"
TODAY = timezone.localdate()


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def post(code, body):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(FOLLOW_UP, {"code": code, "action": "message", "body": body})

    return post


def test_a_reporter_message_is_unread_for_the_owner_and_the_notification_has_no_content(
    client, make_user, send
):
    owner = make_user(Role.INTEGRITY_OFFICE, email="owner@portaal.invalid")
    colleague = make_user(Role.INTEGRITY_OFFICE, email="colleague@portaal.invalid")
    make_user(Role.ADMINISTRATOR, email="beheer@portaal.invalid")
    report, code = IntegrityReportFactory.with_code(owner=owner, category="omgaan-met-elkaar")
    response = send(code, "GEHEIME AANVULLING over Jansen")
    assert "Je bericht is verstuurd" in response.content.decode()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["owner@portaal.invalid"]
    assert report.reference in sent.subject and report.reference in sent.body
    for secret in ("GEHEIME", "Jansen", "Omgaan met elkaar", "omgaan-met-elkaar"):
        assert secret not in sent.subject + sent.body
    assert report.messages.get().read is False

    # A colleague opening the case does not mark it read for the owner; the owner does.
    client.force_login(colleague)
    client.get(f"{INDEX}edit/{report.pk}/")
    assert report.messages.get().read is False
    page = client.get(f"{INDEX}?unread=true").content.decode()
    assert report.reference in page
    client.force_login(owner)
    client.get(f"{INDEX}edit/{report.pk}/")
    assert report.messages.get().read is True
    listed = client.get(f"{INDEX}?unread=true").context["object_list"]
    assert report.pk not in [case.pk for case in listed]


def test_without_an_owner_the_whole_office_is_told(make_user, send):
    make_user(Role.INTEGRITY_OFFICE, email="a@portaal.invalid")
    make_user(Role.INTEGRITY_OFFICE, email="b@portaal.invalid")
    make_user(Role.CONFIDENTIAL_ADVISOR, email="vp@portaal.invalid")
    _report, code = IntegrityReportFactory.with_code()
    send(code, "Aanvulling")
    assert sorted(mail.outbox[0].to) == ["a@portaal.invalid", "b@portaal.invalid"]


def test_the_case_list_counts_unread_messages(client, make_user):
    owner = make_user(Role.INTEGRITY_OFFICE)
    report = IntegrityReportFactory(owner=owner)
    for body in ("een", "twee"):
        Message.objects.create(report=report, author=Message.Author.REPORTER, body=body, read=False)
    Message.objects.create(report=report, author=Message.Author.OFFICE, body="antwoord")
    client.force_login(owner)
    listed = {case.pk: case.unread for case in client.get(INDEX).context["object_list"]}
    assert listed[report.pk] == 2


@override_settings(PORTAL_CLOSED_CASE_MESSAGE_DAYS=14)
def test_a_closed_case_takes_one_last_message_within_the_period(make_user, send):
    make_user(Role.INTEGRITY_OFFICE, email="ib@portaal.invalid")
    report, code = IntegrityReportFactory.with_code(
        status=Status.CLOSED,
        acknowledged_on=TODAY - datetime.timedelta(days=20),
        closed_on=TODAY - datetime.timedelta(days=3),
    )
    page = send(code, "").content.decode()  # an empty message: the form's own error, nothing used up
    assert "Deze melding is afgesloten." in page and "nog één laatste bericht" in page
    assert "Schrijf een bericht of voeg een bestand toe" in page
    page = send(code, "Nog één ding.").content.decode()
    assert "Je bericht is verstuurd" in page
    assert "Je kunt geen berichten meer sturen" in page and 'name="body"' not in page
    page = send(code, "En nog iets.").content.decode()
    assert "Je kunt geen berichten meer sturen" in page
    assert list(report.messages.values_list("body", flat=True)) == ["Nog één ding."]
    assert len(mail.outbox) == 1


@override_settings(PORTAL_CLOSED_CASE_MESSAGE_DAYS=14)
@pytest.mark.parametrize(("closed_days_ago", "open_for_messages"), [(14, True), (15, False)])
def test_after_the_period_messaging_stops_with_a_clear_text(
    make_user, send, closed_days_ago, open_for_messages
):
    make_user(Role.INTEGRITY_OFFICE, email="ib@portaal.invalid")
    report, code = IntegrityReportFactory.with_code(
        status=Status.CLOSED,
        acknowledged_on=TODAY - datetime.timedelta(days=40),
        closed_on=TODAY - datetime.timedelta(days=closed_days_ago),
    )
    page = send(code, "Te laat?").content.decode()
    assert ("Je bericht is verstuurd" in page) is open_for_messages
    assert report.messages.exists() is open_for_messages
    if not open_for_messages:
        assert "Je kunt geen berichten meer sturen over deze melding" in page
        assert "Te laat?" in page  # what the reporter typed is kept
        assert mail.outbox == []
    else:
        assert len(mail.outbox) == 1  # control: inside the period the office is told


def test_an_open_case_keeps_taking_messages(send):
    report, code = IntegrityReportFactory.with_code(status=Status.HEARING, acknowledged_on=TODAY)
    for body in ("een", "twee", "drie"):
        assert "Je bericht is verstuurd" in send(code, body).content.decode()
    assert report.messages.count() == 3
    report.refresh_from_db()
    assert report.final_message_on is None
