"""Dated protocol events on the case screen: recorded and corrected by the integrity office only, in the
protocol's order, with a rebuilt and encrypted document, audited, and refused beside the field (Dutch
and English) without anything half-saved."""

import datetime
import html

import pytest
from django.test import override_settings
from django.utils import timezone

from forms import audit
from forms.case_events import CaseEvent, EventKind
from forms.models import AuditLogEntry, Investigation, Status
from forms.protocol_events import EventRefused, save_event
from portal.roles import Role
from tests.forms import corpus
from tests.forms.corpus import upload
from tests.forms.factories import IntegrityReportFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/integriteitsmeldingen/"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def event_url(report, kind):
    return f"{INDEX}{report.pk}/gebeurtenis/{kind}/"


def fact_finding_case(**fields):
    return IntegrityReportFactory(
        received_on=TODAY - 90 * DAY,
        acknowledged_on=TODAY - 89 * DAY,
        status=Status.FACT_FINDING,
        investigation=Investigation.FEITENONDERZOEK,
        **fields,
    )


@pytest.fixture
def officer(make_user):
    return make_user(Role.INTEGRITY_OFFICE)


@pytest.fixture
def office_client(client, officer):
    client.force_login(officer)
    return client


def page(response) -> str:
    return html.unescape(response.content.decode())


def test_every_event_is_recorded_in_the_protocols_order_and_audited(office_client):
    report = fact_finding_case()
    kinds = list(EventKind)
    for number, kind in enumerate(kinds):
        response = office_client.post(
            event_url(report, kind), {"on": (TODAY - (30 - number) * DAY).isoformat(), "note": f"n-{kind}"}
        )
        assert response.status_code == 302, page(response)
    recorded = list(CaseEvent.objects.filter(report=report).order_by("on"))
    assert [event.kind for event in recorded] == kinds
    entries = AuditLogEntry.objects.filter(report=report, action="protocolgebeurtenis vastgelegd")
    assert sorted(entry.detail["gebeurtenis"] for entry in entries) == sorted(kinds)
    assert all(entry.user_id is not None and entry.at is not None for entry in entries)
    screen = page(office_client.get(f"{INDEX}edit/{report.pk}/"))
    assert "Definitief rapport" in screen and "n-mededeling-betrokkene" in screen
    assert "Termijnen van het onderzoeksprotocol" in screen
    assert audit.verify().intact


def test_an_event_before_its_predecessor_is_refused_and_nothing_is_saved(office_client):
    report = fact_finding_case()
    response = office_client.post(
        event_url(report, EventKind.DRAFT_REPORT), {"on": TODAY.isoformat(), "note": "getypt"}
    )
    assert response.status_code == 422
    text = page(response)
    assert "Leg eerst vast: Onderzoekers aangewezen." in text and "getypt" in text
    assert not CaseEvent.objects.exists()
    assert not AuditLogEntry.objects.filter(action__startswith="protocolgebeurtenis v").exists()


def test_dates_out_of_order_future_or_missing_are_refused_beside_the_field(office_client, officer):
    report = fact_finding_case()
    save_event(report, EventKind.DECISION, user=officer, on=TODAY - 20 * DAY)
    save_event(report, EventKind.INVESTIGATORS, user=officer, on=TODAY - 10 * DAY)
    cases = [
        ({"on": ""}, "Vul de datum in."),
        ({"on": "31-02-2026"}, "Vul een geldige datum in"),
        ({"on": (TODAY + DAY).isoformat()}, "Een datum in de toekomst kan niet."),
        ({"on": (TODAY - 11 * DAY).isoformat()}, "Deze datum ligt vóór onderzoekers aangewezen"),
        ({"on": (TODAY - 91 * DAY).isoformat()}, "Deze datum ligt vóór de ontvangst van de melding."),
    ]
    for data, message in cases:
        response = office_client.post(event_url(report, EventKind.DRAFT_REPORT), {**data, "note": "bewaard"})
        text = page(response)
        assert response.status_code == 422 and message in text, (data, text[-3000:])
        assert 'id="id_on-error"' in text and 'aria-invalid="true"' in text and "bewaard" in text
    assert not CaseEvent.objects.filter(kind=EventKind.DRAFT_REPORT).exists()
    # Control: a good date goes through.
    response = office_client.post(event_url(report, EventKind.DRAFT_REPORT), {"on": TODAY.isoformat()})
    assert response.status_code == 302


def test_a_correction_may_not_move_an_event_past_the_next_one(office_client, officer):
    report = fact_finding_case()
    save_event(report, EventKind.DECISION, user=officer, on=TODAY - 20 * DAY, note="eerste")
    save_event(report, EventKind.INVESTIGATORS, user=officer, on=TODAY - 10 * DAY)
    late = (TODAY - 5 * DAY).isoformat()
    response = office_client.post(event_url(report, EventKind.DECISION), {"on": late})
    assert response.status_code == 422
    assert "Deze datum ligt na onderzoekers aangewezen" in page(response)
    decision = CaseEvent.objects.get(kind=EventKind.DECISION)
    assert (decision.on, decision.note) == (TODAY - 20 * DAY, "eerste")
    response = office_client.post(
        event_url(report, EventKind.DECISION), {"on": (TODAY - 12 * DAY).isoformat(), "note": "gecorrigeerd"}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.on, decision.note) == (TODAY - 12 * DAY, "gecorrigeerd")
    assert CaseEvent.objects.filter(kind=EventKind.DECISION).count() == 1
    change = AuditLogEntry.objects.get(report=report, action="protocolgebeurtenis gewijzigd")
    assert change.detail["van"] == (TODAY - 20 * DAY).isoformat()
    assert change.detail["datum"] == (TODAY - 12 * DAY).isoformat()


def test_the_protocol_guards_the_case_state(officer):
    new = IntegrityReportFactory()
    with pytest.raises(EventRefused, match="Bevestig eerst de ontvangst"):
        save_event(new, EventKind.DECISION, user=officer, on=TODAY)
    inquiry = IntegrityReportFactory(acknowledged_on=TODAY, status=Status.INQUIRY)
    with pytest.raises(EventRefused, match="Leg het vooronderzoek eerst voor"):
        save_event(inquiry, EventKind.DECISION, user=officer, on=TODAY)
    # Without a fact-finding investigation, its events do not apply; the conclusion follows the decision.
    decided = IntegrityReportFactory(
        received_on=TODAY - 10 * DAY,
        acknowledged_on=TODAY - DAY,
        status=Status.DECISION,
        investigation=Investigation.VOORONDERZOEK,
    )
    with pytest.raises(EventRefused, match="geen feitenonderzoek"):
        save_event(decided, EventKind.HEARING, user=officer, on=TODAY)
    save_event(decided, EventKind.DECISION, user=officer, on=TODAY - DAY)
    save_event(decided, EventKind.CONCLUSION, user=officer, on=TODAY)
    assert CaseEvent.objects.filter(report=decided).count() == 2
    assert not CaseEvent.objects.filter(report__in=[new, inquiry]).exists()


def test_the_document_is_rebuilt_encrypted_and_downloaded(office_client):
    report = fact_finding_case()
    response = office_client.post(
        event_url(report, EventKind.DECISION),
        {"on": TODAY.isoformat(), "document": upload("besluit.pdf", corpus.hostile_pdf())},
    )
    assert response.status_code == 302
    event = CaseEvent.objects.get()
    stored = bytes(event.document_data)
    assert b"%PDF" not in stored  # encrypted at rest
    content = event.document_content()
    assert content.startswith(b"%PDF") and content != corpus.hostile_pdf()
    assert [marker for marker in corpus.MARKERS if marker.encode() in content] == []
    download = office_client.get(f"{event_url(report, EventKind.DECISION)}document/")
    assert download.status_code == 200 and download.content == content
    assert "no-store" in download["Cache-Control"]
    assert AuditLogEntry.objects.filter(report=report, action="protocoldocument gedownload").count() == 1


def test_a_refused_document_leaves_nothing_and_keeps_the_note(office_client):
    report = fact_finding_case()
    response = office_client.post(
        event_url(report, EventKind.DECISION),
        {"on": TODAY.isoformat(), "note": "getypt", "document": upload("besluit.docx", b"PK\x03\x04")},
    )
    text = page(response)
    assert response.status_code == 422
    assert "besluit.docx: alleen PDF-, JPG- en PNG-bestanden zijn toegestaan." in text and "getypt" in text
    assert 'id="id_document-error"' in text
    assert not CaseEvent.objects.exists()


@override_settings(LANGUAGE_CODE="en")
def test_messages_are_english_for_an_english_speaking_officer(client, make_user):
    from django.utils import translation

    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    report = fact_finding_case()
    with translation.override("en"):
        response = client.post(
            event_url(report, EventKind.DRAFT_REPORT),
            {"on": (TODAY + DAY).isoformat()},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    text = page(response)
    assert response.status_code == 422
    assert "A date in the future is not possible." in text, text[-2000:]


OTHER_ROLES = [role for role in Role if role != Role.INTEGRITY_OFFICE]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_other_role_is_refused_every_event_url(client, make_user, role, officer):
    report = fact_finding_case()
    save_event(report, EventKind.DECISION, user=officer, on=TODAY, note="GEHEIME NOTITIE")
    CaseEvent.objects.filter(report=report).update(
        document_type="application/pdf", document_name="b.pdf", document_data=b"x"
    )
    client.force_login(make_user(role, is_staff=True, is_superuser=role == Role.ADMINISTRATOR))
    before = AuditLogEntry.objects.count()  # after the role change, which is audited too
    for kind in (EventKind.DECISION, EventKind.DRAFT_REPORT):
        for url in (event_url(report, kind), f"{event_url(report, kind)}document/"):
            response = client.get(url)
            assert response.status_code in (302, 403), (role, url, response.status_code)
            assert b"GEHEIME NOTITIE" not in response.content
        response = client.post(event_url(report, kind), {"on": TODAY.isoformat(), "note": "overschreven"})
        assert response.status_code in (302, 403), (role, kind)
    decision = CaseEvent.objects.get(report=report)
    assert decision.note == "GEHEIME NOTITIE" and CaseEvent.objects.count() == 1
    assert AuditLogEntry.objects.count() == before


def test_signed_out_people_are_sent_to_sign_in(client, officer):
    report = fact_finding_case()
    save_event(report, EventKind.DECISION, user=officer, on=TODAY)
    for url in (event_url(report, EventKind.DECISION), f"{event_url(report, EventKind.DECISION)}document/"):
        assert client.get(url).status_code == 302
    response = client.post(event_url(report, EventKind.DRAFT_REPORT), {"on": TODAY.isoformat()})
    assert response.status_code == 302
    assert CaseEvent.objects.count() == 1


def test_the_office_opens_every_event_url_and_an_unknown_kind_is_not_found(office_client, officer):
    report = fact_finding_case()
    for kind in EventKind:
        assert office_client.get(event_url(report, kind)).status_code == 200
    assert office_client.get(event_url(report, "bestaat-niet")).status_code in (302, 404)
    assert office_client.get(f"{event_url(report, EventKind.DECISION)}document/").status_code in (302, 404)
    assert not AuditLogEntry.objects.filter(action="protocoldocument gedownload").exists()
    assert AuditLogEntry.objects.filter(report=report, action="protocolgebeurtenis geopend").count() == 7


def _event_with_document(report, officer):
    from forms.attachments import CleanFile

    document = CleanFile("BESLUIT-GEHEIM.pdf", "application/pdf", b"%PDF-1.4 INHOUD-GEHEIM")
    return save_event(
        report, EventKind.DECISION, user=officer, on=TODAY - DAY, note="NOTITIE-GEHEIM", document=document
    )


def test_key_rotation_re_encrypts_the_events_note_and_document(settings, officer):
    from io import StringIO

    from cryptography.fernet import Fernet
    from django.core.management import call_command

    old_key = settings.PORTAL_ENCRYPTION_KEYS[0]
    _event_with_document(fact_finding_case(), officer)
    new_key = Fernet.generate_key().decode()
    with override_settings(PORTAL_ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("rotate_encryption_keys", stdout=StringIO())
    with override_settings(PORTAL_ENCRYPTION_KEYS=[new_key]):  # the old key is gone: still readable
        event = CaseEvent.objects.get()
        assert (event.note, event.document_name) == ("NOTITIE-GEHEIM", "BESLUIT-GEHEIM.pdf")
        assert event.document_content() == b"%PDF-1.4 INHOUD-GEHEIM"


def test_the_retention_purge_keeps_the_dates_and_removes_notes_and_documents(officer):
    from forms.retention import purge_report_content

    report = fact_finding_case()
    _event_with_document(report, officer)
    purge_report_content(report, TODAY)
    event = CaseEvent.objects.get()
    assert event.on == TODAY - DAY
    assert (event.note, event.document_name, event.has_document, event.document_data) == ("", "", False, None)
