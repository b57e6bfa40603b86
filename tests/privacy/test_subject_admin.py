"""The administrator's screens for data-subject requests (portal/subject_requests.py): every role
against every URL, the downloads, the confirmation step, and clear messages on bad input."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from forms.models import AuditLogEntry
from home.models import EmployeeProfile
from portal import subject_data
from portal.roles import ALL_ROLES, Role

pytestmark = pytest.mark.django_db

LOOKUP = "/admin/betrokkenen/"


def export_url(user) -> str:
    return f"/admin/betrokkenen/{user.pk}/export/"


def erase_url(user) -> str:
    return f"/admin/betrokkenen/{user.pk}/wissen/"


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR, username="beheer-carla"))
    return client


def assert_refused(answer):
    """Wagtail answers a refused admin view with a redirect to the dashboard (or the sign-in page)."""
    assert answer.status_code in (302, 403), answer.status_code
    if answer.status_code == 302:
        assert answer["Location"].startswith(("/admin/", "/nl/account/"))


@pytest.mark.parametrize("role", [role for role in ALL_ROLES if role != Role.ADMINISTRATOR])
def test_no_other_role_reaches_any_of_the_screens(client, make_user, people, role):
    client.force_login(make_user(role, username=f"iemand-{role.name.lower()}"))
    assert_refused(client.get(LOOKUP, {"username": "anna"}))
    assert_refused(client.post(export_url(people.person), {"format": "json"}))
    assert_refused(client.get(erase_url(people.person)))
    assert_refused(client.post(erase_url(people.person), {"confirmation": "anna"}))
    people.person.refresh_from_db()
    assert people.person.username == "anna"
    assert not AuditLogEntry.objects.filter(action__startswith="persoonsgegevens").exists()


def test_a_superuser_without_the_administrator_role_is_refused(client, make_user, people):
    client.force_login(make_user(Role.EDITOR, username="super", is_superuser=True))
    assert_refused(client.get(LOOKUP, {"username": "anna"}))
    assert_refused(client.post(export_url(people.person), {"format": "json"}))


@pytest.mark.password_only
def test_an_administrator_without_a_proven_second_factor_gets_nothing(client, make_user, people):
    client.force_login(make_user(Role.ADMINISTRATOR, username="beheer-zonder"))
    for answer in (
        client.get(LOOKUP, {"username": "anna"}),
        client.post(export_url(people.person), {"format": "json"}),
        client.post(erase_url(people.person), {"confirmation": "anna"}),
    ):
        assert answer.status_code != 200 and b"Anna" not in answer.content
    people.person.refresh_from_db()
    assert people.person.username == "anna"


def test_the_administrator_looks_up_a_person_and_sees_what_goes_and_what_stays(admin_client, people):
    page = admin_client.get(LOOKUP, {"username": "ANNA"}).content.decode()  # case does not matter
    assert "Wat het portaal bewaart over anna" in page
    assert "Meldingen van geschenken en nevenwerk" in page and "Ambtenarenwet art. 8" in page
    assert "Integriteitsmeldingen, registraties van vertrouwenspersonen en het auditlog" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Vul de gebruikersnaam van de medewerker in."),
        ("niemand", "Er is geen account met de gebruikersnaam"),
    ],
)
def test_a_bad_lookup_says_what_is_wrong_and_keeps_what_was_typed(admin_client, people, typed, message):
    answer = admin_client.get(LOOKUP, {"username": typed})
    page = answer.content.decode()
    assert answer.status_code == 200 and message in page
    assert f'value="{typed}"' in page and 'aria-describedby="username-error"' in page


def test_the_same_messages_in_english(admin_client, people):
    admin_client.cookies["django_language"] = "en"
    page = admin_client.get(LOOKUP, {"username": "niemand"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "There is no account with the username" in page


def test_the_json_download_is_the_export_and_is_audited(admin_client, people):
    answer = admin_client.post(export_url(people.person), {"format": "json"})
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/json")
    assert "attachment" in answer["Content-Disposition"] and "no-store" in answer["Cache-Control"]
    data = json.loads(answer.content)
    assert data["subject"]["username"] == "anna" and data["format"] == subject_data.EXPORT_FORMAT
    entry = AuditLogEntry.objects.get(action=subject_data.EXPORTED)
    assert entry.user.username == "beheer-carla" and entry.detail == {
        "subject": people.person.pk,
        "format": "json",
    }


def test_the_pdf_download_is_readable_and_is_audited(admin_client, people):
    answer = admin_client.post(export_url(people.person), {"format": "pdf"})
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages)
    assert "Persoonsgegevens van anna" in text
    assert "Anna werd uitgescholden" in text and "Leverancier van Anna" in text
    assert "Bram" not in text
    assert AuditLogEntry.objects.filter(action=subject_data.EXPORTED, detail__format="pdf").count() == 1


def test_a_download_is_never_a_link_and_an_unknown_format_is_explained(admin_client, people):
    assert admin_client.get(export_url(people.person)).status_code == 405
    answer = admin_client.post(export_url(people.person), {"format": "docx"}, follow=True)
    assert "Kies JSON of PDF" in answer.content.decode()
    assert not AuditLogEntry.objects.filter(action=subject_data.EXPORTED).exists()


def test_erasure_asks_for_confirmation_and_refuses_a_wrong_name(admin_client, people):
    confirm = admin_client.get(erase_url(people.person)).content.decode()
    assert "Dit kan niet ongedaan worden gemaakt" in confirm
    wrong = admin_client.post(erase_url(people.person), {"confirmation": "bram"})
    assert wrong.status_code == 400
    page = wrong.content.decode()
    assert "Dit is niet de gebruikersnaam van dit account" in page and 'value="bram"' in page
    empty = admin_client.post(erase_url(people.person), {"confirmation": ""})
    assert "Typ de gebruikersnaam om het wissen te bevestigen." in empty.content.decode()
    people.person.refresh_from_db()
    assert people.person.username == "anna" and EmployeeProfile.objects.filter(user=people.person).exists()


def test_a_confirmed_erasure_runs_and_is_audited(admin_client, people):
    answer = admin_client.post(erase_url(people.person), {"confirmation": "anna"}, follow=True)
    assert answer.status_code == 200
    assert f"het account heet nu verwijderd-{people.person.pk}" in answer.content.decode()
    person = get_user_model().objects.get(pk=people.person.pk)
    assert not person.is_active and person.email == ""
    assert not EmployeeProfile.objects.filter(user=person).exists()
    assert AuditLogEntry.objects.get(action=subject_data.ERASED).detail["subject"] == person.pk


def test_an_office_member_cannot_be_erased_by_an_administrator(admin_client, make_user):
    officer = make_user(Role.INTEGRITY_OFFICE, username="onderzoeker")
    page = admin_client.get(erase_url(officer)).content.decode()
    assert "Alleen de leiding van het integriteitsbureau" in page and "Definitief wissen" not in page
    answer = admin_client.post(erase_url(officer), {"confirmation": "onderzoeker"})
    assert answer.status_code == 400
    officer.refresh_from_db()
    assert officer.is_active and officer.groups.filter(name=Role.INTEGRITY_OFFICE).exists()


def test_an_unknown_account_number_is_a_404(admin_client):
    assert admin_client.get("/admin/betrokkenen/999999/wissen/", follow=True).status_code == 404
