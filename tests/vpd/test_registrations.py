"""Incident (GIR) and peer-support (BOT) registration: validation, storage, aftercare, confidentiality."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from portal.roles import ALL_ROLES, Role
from tests.vpd.factories import DepartmentFactory, IncidentFactory, TeamFactory
from vpd.models import Incident, PeerSupportConversation

pytestmark = pytest.mark.django_db
INCIDENT_URL = "/nl/vpd/incidenten/melden/"
BOT_URL = "/nl/vpd/opvanggesprekken/registreren/"


@pytest.fixture
def department():
    return DepartmentFactory(name="Publiekszaken", slug="publiekszaken")


def incident_data(department, **overrides):
    data = {
        "date": "2026-03-02",
        "start_time": "10:15",
        "end_time": "10:30",
        "department": department.pk,
        "team": "",
        "location": "Stadskantoor, balie 7",
        "incident_type": "persoonlijke-bedreiging",
        "description": "De klant dreigde mij op te wachten na het werk.",
        "police_called": "ja",
        "follow_up": ["police_report", "warning_letter"],
        "aftercare_wanted": "nee",
    }
    data.update(overrides)
    return data


def test_employee_registers_an_incident_and_sees_it(employee_client, employee, department):
    response = employee_client.post(INCIDENT_URL, incident_data(department), follow=True)
    incident = Incident.objects.get()
    assert incident.reporter == employee
    assert incident.incident_type == "persoonlijke-bedreiging"
    assert incident.police_called and incident.police_report and incident.warning_letter
    assert not incident.incident_conversation and not incident.aftercare_wanted
    assert incident.reference in response.content.decode()
    listing = employee_client.get("/nl/vpd/incidenten/").content.decode()
    assert incident.reference in listing
    assert mail.outbox == []


def test_aftercare_notifies_peer_support_without_the_description(
    employee_client, department, make_user, django_capture_on_commit_callbacks
):
    make_user(Role.PEER_SUPPORT, username="opvang", email="opvang@portaal.invalid")
    with django_capture_on_commit_callbacks(execute=True):
        employee_client.post(INCIDENT_URL, incident_data(department, aftercare_wanted="ja"))
    incident = Incident.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["opvang@portaal.invalid"]
    assert incident.reference in message.subject
    assert "Publiekszaken" in message.body
    assert "opwachten" not in message.body and incident.description not in message.body
    assert "balie 7" not in message.body


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"date": "2999-01-01"}, "date", "Deze datum ligt in de toekomst."),
        ({"start_time": "11:00", "end_time": "10:00"}, "end_time", "De eindtijd ligt voor de begintijd."),
        ({"incident_type": ""}, "incident_type", "Kies de soort incident."),
        ({"police_called": ""}, "police_called", "Kies ja of nee."),
        ({"follow_up": []}, "follow_up", "Kies minstens één vervolgstap"),
        ({"follow_up": ["none", "warning_letter"]}, "follow_up", "kan niet samen met een andere vervolgstap"),
        ({"date": "gisteren"}, "date", "Voer een geldige datum in."),
    ],
)
def test_incident_form_rejects_bad_input_and_keeps_it(employee_client, department, overrides, field, message):
    response = employee_client.post(INCIDENT_URL, incident_data(department, **overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert (
        f'id="id_{field}_error"' in html
        or f'id="id_{field}_0_error"' in html
        or "utrecht-form-field-error" in html
    )
    assert "Stadskantoor, balie 7" in html  # what was typed is kept
    assert not Incident.objects.exists()


def test_team_must_belong_to_department(employee_client, department):
    other_team = TeamFactory(department=DepartmentFactory(name="VTH", slug="vth"))
    response = employee_client.post(INCIDENT_URL, incident_data(department, team=other_team.pk))
    assert "Dit team hoort niet bij het gekozen organisatieonderdeel." in response.content.decode()
    assert not Incident.objects.exists()


def test_incident_later_today_is_in_the_future(employee_client, department):
    now = timezone.localtime()
    if now.hour >= 23:
        pytest.skip("no later time today")
    later = (now + datetime.timedelta(minutes=30)).strftime("%H:%M")
    response = employee_client.post(
        INCIDENT_URL, incident_data(department, date=now.date().isoformat(), start_time=later, end_time="")
    )
    assert "Deze tijd ligt in de toekomst." in response.content.decode()


@pytest.mark.parametrize("role", [role for role in ALL_ROLES if role != Role.VPD_COORDINATOR])
def test_incidents_are_confidential_to_reporter_and_coordinator(client, make_user, role):
    reporter = make_user(username="melder")
    incident = IncidentFactory(reporter=reporter, description="Vertrouwelijk verhaal")
    url = f"/nl/vpd/incidenten/{incident.reference}/"
    client.force_login(make_user(role, username=f"ander-{role.name.lower()}"))
    response = client.get(url)
    assert response.status_code == 403
    assert "Vertrouwelijk verhaal" not in response.content.decode()
    assert incident.reference not in client.get("/nl/vpd/incidenten/").content.decode()
    assert client.get("/admin/vpd/incidenten/").status_code in (302, 403)
    assert client.get(f"/admin/vpd/incidenten/inspect/{incident.pk}/").status_code in (302, 403)


def test_reporter_and_coordinator_read_the_incident(client, make_user):
    reporter = make_user(username="melder")
    incident = IncidentFactory(reporter=reporter, description="Vertrouwelijk verhaal")
    url = f"/nl/vpd/incidenten/{incident.reference}/"
    client.force_login(reporter)
    assert "Vertrouwelijk verhaal" in client.get(url).content.decode()
    client.force_login(make_user(Role.VPD_COORDINATOR, username="coordinator"))
    assert "Vertrouwelijk verhaal" in client.get(url).content.decode()
    assert incident.reference in client.get("/admin/vpd/incidenten/").content.decode()
    inspect = client.get(f"/admin/vpd/incidenten/inspect/{incident.pk}/")
    assert "Vertrouwelijk verhaal" in inspect.content.decode()
    # Reading only: no add or edit screens.
    assert client.get("/admin/vpd/incidenten/new/").status_code in (302, 403)
    assert client.get(f"/admin/vpd/incidenten/edit/{incident.pk}/").status_code in (302, 403)


def test_superuser_without_the_role_cannot_read_incidents(client, make_user):
    incident = IncidentFactory(reporter=make_user(username="melder"))
    admin = make_user(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(f"/nl/vpd/incidenten/{incident.reference}/").status_code == 403


def test_coordinator_filters_and_exports_incidents(client, make_user):
    vth = DepartmentFactory(name="VTH", slug="vth")
    wi = DepartmentFactory(name="Werk & Inkomen", slug="wi")
    one = IncidentFactory(department=vth, incident_type="fysieke-agressie")
    two = IncidentFactory(department=wi)
    client.force_login(make_user(Role.VPD_COORDINATOR, username="coordinator"))
    html = client.get("/admin/vpd/incidenten/", {"department": vth.pk}).content.decode()
    assert one.reference in html and two.reference not in html
    export = client.get("/admin/vpd/incidenten/", {"export": "csv", "incident_type": "fysieke-agressie"})
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert one.reference in body and two.reference not in body
    assert "Een klant schold" not in body  # descriptions stay out of exports


def test_incident_admin_list_query_count_is_constant(client, make_user, django_assert_max_num_queries):
    client.force_login(make_user(Role.VPD_COORDINATOR, username="coordinator"))
    IncidentFactory.create_batch(2, team=TeamFactory())
    client.get("/admin/vpd/incidenten/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/admin/vpd/incidenten/")
    IncidentFactory.create_batch(15, team=TeamFactory())
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/vpd/incidenten/")
    assert len(many) == len(few)


# ---------------------------------------------------------------- peer support


def bot_data(dept, **overrides):
    data = {
        "date": "2026-02-10",
        "department": dept.pk,
        "sequence": "tweede-gesprek",
        "referred": "ja",
        "event": "reanimatie",
    }
    data.update(overrides)
    return data


def test_peer_supporter_records_a_conversation(client, make_user, department):
    supporter = make_user(Role.PEER_SUPPORT, username="opvang")
    client.force_login(supporter)
    response = client.post(BOT_URL, bot_data(department), follow=True)
    conversation = PeerSupportConversation.objects.get()
    assert conversation.registered_by == supporter
    assert conversation.sequence == "tweede-gesprek" and conversation.referred
    assert conversation.reference in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date": "2999-01-01"}, "Deze datum ligt in de toekomst."),
        ({"sequence": ""}, "Kies het eerste, tweede of derde gesprek."),
        ({"referred": ""}, "Kies ja of nee."),
        ({"event": "iets"}, "Selecteer een geldige keuze"),
        ({"department": ""}, "Kies het organisatieonderdeel."),
    ],
)
def test_peer_support_form_rejects_bad_input(client, make_user, department, overrides, message):
    client.force_login(make_user(Role.PEER_SUPPORT, username="opvang"))
    response = client.post(BOT_URL, bot_data(department, **overrides))
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert not PeerSupportConversation.objects.exists()


def test_peer_support_form_has_no_free_text(client, make_user):
    client.force_login(make_user(Role.PEER_SUPPORT, username="opvang"))
    html = client.get(BOT_URL).content.decode()
    assert "<textarea" not in html
    assert 'type="text"' not in html


@pytest.mark.parametrize(
    ("role", "form_status", "admin_ok"),
    [
        (Role.EMPLOYEE, 403, False),
        (Role.MANAGER, 403, False),
        (Role.EDITOR, 403, False),
        (Role.INTEGRITY_OFFICE, 403, False),
        (Role.CONFIDENTIAL_ADVISOR, 403, False),
        (Role.VPD_COORDINATOR, 403, True),
        (Role.PEER_SUPPORT, 200, True),
        (Role.ADMINISTRATOR, 403, False),
    ],
)
def test_peer_support_access_by_role(client, make_user, role, form_status, admin_ok):
    client.force_login(make_user(role, username=f"user-{role.name.lower()}"))
    assert client.get(BOT_URL).status_code == form_status
    assert (client.get("/admin/vpd/opvanggesprekken/").status_code == 200) is admin_ok


def test_signed_out_people_are_sent_to_sign_in(client):
    for url in (INCIDENT_URL, BOT_URL, "/nl/vpd/incidenten/"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
