"""Anonymity by construction: after an anonymous report, neither the database nor the logs hold
anything that identifies the reporter, their device or the moment of reporting."""

import logging
from contextlib import contextmanager

import pytest
from django.db import models

from forms.logging import DropClientAddress
from forms.models import Attachment, IntegrityReport, Message
from tests.forms.dumps import CaptureEverything, database_dump
from tests.forms.helpers import code_of, file_report, jpeg_with_exif

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"
FORWARDED = "198.51.100.23"
AGENT = "UniekeBrowser/9.87 (Testtoestel-XJ4)"
CLIENT = {
    "REMOTE_ADDR": IP,
    "HTTP_X_FORWARDED_FOR": FORWARDED,
    "HTTP_USER_AGENT": AGENT,
    "HTTP_REFERER": "https://intranet.invalid/mijn-profiel/klokkenluider",
}


@contextmanager
def captured_logs():
    """Captures every log record the way the project's console handler sees them (with its filter)."""
    handler = CaptureEverything()
    handler.addFilter(DropClientAddress())
    loggers = [logging.getLogger(), logging.getLogger("django.request"), logging.getLogger("django.server")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield handler
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_an_anonymous_report_by_a_signed_in_colleague_leaves_no_trace(client, make_user):
    reporter = make_user(
        username="klokkenluider-jansen",
        email="k.jansen@gemeente.invalid",
        first_name="Kees",
        last_name="Jansenius",
    )
    client.force_login(reporter)
    session_key = client.session.session_key
    session_before = dict(client.session)  # sign-in and session bookkeeping (portal/user_sessions.py)
    photo = jpeg_with_exif(artist="Kees Jansenius")
    with captured_logs() as logs:
        response = file_report(
            client, what={"description": "Geheime beschrijving ZWAGER-OPDRACHT-4711"}, files=[photo], **CLIENT
        )
        code = code_of(response)
        # Follow-up and a 404 under the anonymous prefix, so that request logging happens too.
        client.post("/nl/melding/opvolging/", {"code": code}, **CLIENT)
        client.post(
            "/nl/melding/opvolging/",
            {"code": code, "action": "message", "body": "Aanvulling ANTWOORD-0815"},
            **CLIENT,
        )
        client.get("/nl/melding/bestaat-niet/", **CLIENT)
        logging.getLogger("django.request").warning("probe", extra={"request": response.wsgi_request})

    report = IntegrityReport.objects.get()
    assert report.messages.count() == 1 and Attachment.objects.count() == 1
    dump = database_dump()
    logs = logs.text
    assert "Not Found" in logs  # the capture works
    identifying = [
        IP,
        FORWARDED,
        AGENT,
        "Testtoestel",
        "klokkenluider-jansen",
        "k.jansen@gemeente.invalid",
        "Jansenius",
        code,
        code.replace("-", ""),
    ]
    for value in identifying:
        assert value not in logs, f"the logs hold {value!r}"
    forms_rows = database_dump("forms", without_role_changes=True)
    for value in [*identifying, session_key]:
        assert value not in forms_rows, f"the report's records hold {value!r}"
    for value in [IP, FORWARDED, AGENT, code, code.replace("-", "")]:
        assert value not in dump, f"the database holds {value!r}"
    raw = database_dump(dumpdata=False)
    for value in ["ZWAGER-OPDRACHT-4711", "ANTWOORD-0815", "Kees Jansenius", "Telefoonmerk"]:
        assert value not in raw, f"the database tables hold {value!r} in plain text"
    # Nothing in the reporter's session refers to the report: the report pages neither read nor write it.
    assert {"_auth_user_id", "_auth_user_backend", "_auth_user_hash"} <= set(session_before)
    assert dict(client.session) == session_before


def test_a_signed_out_report_creates_no_session(client):
    from django.contrib.sessions.models import Session

    code_of(file_report(client, **CLIENT))
    assert Session.objects.count() == 0
    assert "sessionid" not in client.cookies


def test_report_records_keep_only_the_day():
    for model in (IntegrityReport, Message, Attachment):
        kinds = {type(field) for field in model._meta.get_fields() if isinstance(field, models.Field)}
        assert models.DateTimeField not in kinds, model
        assert models.GenericIPAddressField not in kinds, model
    user_links = [
        field.name
        for field in IntegrityReport._meta.get_fields()
        if isinstance(field, models.ForeignKey) and field.related_model.__name__ == "User"
    ]
    # registered_by: set only when the office registers a phone or mail report; owner: the office
    # member handling the case (co-handlers likewise), never set from the report form (below).
    assert sorted(user_links) == ["owner", "registered_by"]


def test_a_web_report_has_no_owner_or_co_handlers(client):
    code_of(file_report(client, **CLIENT))
    report = IntegrityReport.objects.get()
    assert report.owner is None and report.registered_by is None and not report.co_handlers.exists()


def test_responses_are_not_cached_and_send_no_referrer_elsewhere(client):
    response = client.get("/nl/melding/")
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_development_server_log_loses_the_socket():
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"GET /nl/melding/ HTTP/1.1" 200', (), None
    )
    record.request = object()  # runserver passes the socket, whose text names the peer address
    DropClientAddress().filter(record)
    assert record.request is None
