"""The receipt code: the reporter's key to status, messages and adding information; brute force stopped."""

import pytest
from django.test import override_settings

from forms import receipts
from forms.models import IntegrityReport
from tests.forms.factories import IntegrityReportFactory, MessageFactory
from tests.forms.helpers import code_of, file_report, pdf_file
from tests.forms.proof import Clock

pytestmark = pytest.mark.django_db


def test_reporter_reads_the_office_reply_and_answers(client):
    code = code_of(file_report(client))
    report = IntegrityReport.objects.get()
    MessageFactory(report=report, body="Kun je zeggen <b>wanneer</b> dit begon?")
    response = client.post("/nl/melding/opvolging/", {"code": code.lower().replace("-", " ")})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ontvangen" in page and "Nog niet (uiterlijk" in page
    assert "Kun je zeggen &lt;b&gt;wanneer&lt;/b&gt; dit begon?" in page
    response = client.post(
        "/nl/melding/opvolging/",
        {"code": code, "action": "message", "body": "Sinds maart.", "files": [pdf_file()]},
    )
    assert "Je bericht is verstuurd" in response.content.decode()
    assert list(report.messages.values_list("author", "body")) == [
        ("integriteitsbureau", "Kun je zeggen <b>wanneer</b> dit begon?"),
        ("melder", "Sinds maart."),
    ]
    assert report.attachments.count() == 1


def test_empty_message_is_refused_without_saving(client):
    report, code = IntegrityReportFactory.with_code()
    response = client.post("/nl/melding/opvolging/", {"code": code, "action": "message", "body": "  "})
    assert "Schrijf een bericht of voeg een bestand toe" in response.content.decode()
    assert report.messages.count() == 0


def test_status_shows_acknowledgement_and_feedback_dates(client):
    import datetime

    _report, code = IntegrityReportFactory.with_code(
        received_on=datetime.date(2026, 1, 5),
        acknowledged_on=datetime.date(2026, 1, 8),
        status="ontvangst-bevestigd",
    )
    page = client.post("/nl/melding/opvolging/", {"code": code}).content.decode()
    assert "8 januari 2026" in page and "Ontvangst bevestigd" in page
    assert "8 april 2026" in page  # feedback due three calendar months after the acknowledgement


def without_token(html: str) -> str:
    """The page without what differs per request: the CSRF token and the code the person typed."""
    import re

    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'(name="code"[^>]*?) value="[^"]*"', r"\1", html)


def test_malformed_and_unknown_codes_get_the_same_answer(client):
    # (An empty code is no guess: it is asked for beside the field, tests/forms/test_forms_that_help.py.)
    IntegrityReportFactory.with_code()
    answers = {
        without_token(client.post("/nl/melding/opvolging/", {"code": code}).content.decode())
        for code in ["x", "<script>", "A" * 500, receipts.display(receipts.new_code())]
    }
    assert len(answers) == 1
    assert "Deze ontvangstcode kennen we niet" in answers.pop()


def test_malformed_unknown_and_right_codes_cost_the_same_hashing(monkeypatch):
    report, code = IntegrityReportFactory.with_code()
    calls = []
    original = receipts.HASHER.verify
    monkeypatch.setattr(receipts.HASHER, "verify", lambda *args: calls.append(1) or original(*args))
    for attempt in ["", "nonsense", receipts.new_code(), code]:
        calls.clear()
        found = receipts.find_report(attempt)
        assert len(calls) == 1, attempt
    assert found == report


def test_receipt_code_is_stored_only_as_a_slow_hash():
    report, code = IntegrityReportFactory.with_code()
    assert report.receipt_hash.startswith("pbkdf2_sha256$")
    assert code not in report.receipt_hash and report.receipt_prefix == code[:4]
    assert len({receipts.new_code() for _ in range(200)}) == 200


@override_settings(PORTAL_RECEIPT_ATTEMPTS_PER_CLIENT=3)
def test_brute_force_from_one_address_is_slowed_down(client, monkeypatch):
    Clock(monkeypatch)  # the wait shown does not depend on how busy the machine is
    _report, code = IntegrityReportFactory.with_code()
    for _ in range(3):
        client.post("/nl/melding/opvolging/", {"code": receipts.new_code()}, REMOTE_ADDR="192.0.2.10")
    blocked = client.post("/nl/melding/opvolging/", {"code": code}, REMOTE_ADDR="192.0.2.10")
    assert blocked.status_code == 429
    assert "Wacht nog 30 seconden" in blocked.content.decode()
    assert code in blocked.content.decode()  # what was typed stays
    # Another address is not affected.
    assert client.post("/nl/melding/opvolging/", {"code": code}, REMOTE_ADDR="192.0.2.11").status_code == 200


def test_a_right_code_does_not_use_up_the_allowance(client, settings):
    settings.PORTAL_RECEIPT_ATTEMPTS_PER_CLIENT = 2
    _report, code = IntegrityReportFactory.with_code()
    for _ in range(5):
        assert client.post("/nl/melding/opvolging/", {"code": code}).status_code == 200
    client.post("/nl/melding/opvolging/", {"code": receipts.new_code()})
    assert client.post("/nl/melding/opvolging/", {"code": code}).status_code == 200
