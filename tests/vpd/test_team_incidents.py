"""The manager's part of safe public service (issue #18): the team's manager is told when a colleague
asks for aftercare (reference only), sees the team's incidents without the reporter's free text, and
plans the perpetrator-focused approach as follow-up tasks. Every role of the matrix is tried."""

import datetime
from dataclasses import dataclass

import pytest
from django.core import mail

from portal.roles import Role
from tests.safework.factories import PlacementFactory, PositionFactory
from tests.vpd.factories import DepartmentFactory, IncidentFactory, TeamFactory
from vpd.models import Incident
from vpd.perpetrator import FollowUpTask, WarningLetterTemplate

pytestmark = pytest.mark.django_db
LIST = "/nl/vpd/team-incidenten/"
REGISTER = "/nl/vpd/incidenten/melden/"
ADMIN_INCIDENTS = "/admin/vpd/incidenten/"
DESCRIPTION = "De klant Zeldzaamnaam dreigde mij op te wachten bij de fietsenstalling."
LOCATION = "Geheimhoek, balie 9"


@dataclass
class Cast:
    team: object
    other_team: object
    reporter: object
    employee: object
    manager: object
    other_manager: object
    office: object
    security: object
    administrator: object
    coordinator: object

    def matrix(self):
        return {
            "employee": self.employee,
            "manager": self.manager,
            "other_manager": self.other_manager,
            "office": self.office,
            "security": self.security,
            "administrator": self.administrator,
            "coordinator": self.coordinator,
        }


@pytest.fixture
def cast(make_user):
    publiekszaken = DepartmentFactory(name="Publiekszaken", slug="publiekszaken")
    werk = DepartmentFactory(name="Werk & Inkomen", slug="werk-en-inkomen")
    team = TeamFactory(name="Balie Stadskantoor", slug="balie-stadskantoor", department=publiekszaken)
    other_team = TeamFactory(name="Klantcontact W&I", slug="klantcontact-wi", department=werk)
    manager = make_user(Role.MANAGER, username="leiding-balie", email="leiding-balie@portaal.invalid")
    other_manager = make_user(Role.MANAGER, username="leiding-wi", email="leiding-wi@portaal.invalid")
    team.managers.add(manager)
    other_team.managers.add(other_manager)
    return Cast(
        team=team,
        other_team=other_team,
        reporter=make_user(username="baliemedewerker", first_name="Bo", last_name="Balie"),
        employee=make_user(username="collega"),
        manager=manager,
        other_manager=other_manager,
        office=make_user(Role.INTEGRITY_OFFICE, username="ib"),
        security=make_user(Role.SECURITY_COORDINATOR, username="beveiliging"),
        administrator=make_user(Role.ADMINISTRATOR, username="beheer"),
        coordinator=make_user(Role.VPD_COORDINATOR, username="vpd-coord"),
    )


@pytest.fixture
def incident(cast):
    return IncidentFactory(
        reporter=cast.reporter,
        department=cast.team.department,
        team=cast.team,
        date=datetime.date(2026, 3, 2),
        location=LOCATION,
        description=DESCRIPTION,
        aftercare_wanted=True,
    )


def leaks(text: str) -> bool:
    """True when `text` carries anything of what the reporter typed."""
    return any(part in text for part in (DESCRIPTION, "Zeldzaamnaam", LOCATION, "Geheimhoek"))


def test_the_leak_check_can_fail():
    # Control: the check recognises the free text, so the assertions below could fail.
    assert leaks(f"Beschrijving: {DESCRIPTION}") and leaks(LOCATION) and not leaks("GIR-2026-ABC123")


def body(response) -> str:
    return response.content.decode() if response.status_code == 200 else ""


def task_data(cast, **overrides):
    return {"kind": "aangifte", "owner": cast.manager.pk, "due_on": "2026-03-20", "done_on": "", **overrides}


#: role → (list, detail, edit, export)
EXPECTED = {
    "employee": (False, False, False, False),
    "manager": (True, True, True, False),
    "other_manager": (False, False, False, False),
    "office": (False, False, False, False),
    "security": (False, False, False, False),
    "administrator": (False, False, False, False),
    "coordinator": (True, True, True, True),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_and_plans_exactly_what_it_should(client, cast, incident, role):
    client.force_login(cast.matrix()[role])
    detail_url = f"{LIST}{incident.reference}/"
    listed = incident.reference in body(client.get(LIST))
    detail = client.get(detail_url)
    client.post(f"{detail_url}vervolgstap/", task_data(cast))
    export = client.get(ADMIN_INCIDENTS, {"export": "csv"})
    exported = export.status_code == 200 and incident.reference in b"".join(export.streaming_content).decode()
    observed = (listed, incident.reference in body(detail), FollowUpTask.objects.exists(), exported)
    assert observed == EXPECTED[role]
    if not EXPECTED[role][1]:
        assert detail.status_code == 403
    # Whoever sees the team list never sees what the reporter typed.
    assert not leaks(body(client.get(LIST))) and not leaks(body(detail))
    # Nothing of it is in site search.
    response = client.get("/nl/zoeken/", {"q": incident.reference})
    assert response.status_code == 200 and response.context["count"] == 0


def test_the_free_text_exists_for_the_coordinator_but_not_in_the_managers_view(client, cast, incident):
    client.force_login(cast.coordinator)
    inspect = body(client.get(f"{ADMIN_INCIDENTS}inspect/{incident.pk}/"))
    assert leaks(inspect)  # control: the same incident does carry the free text
    client.force_login(cast.manager)
    page = body(client.get(f"{LIST}{incident.reference}/"))
    assert "Bo Balie" in page and "Balie Stadskantoor" in page and not leaks(page)


def test_the_manager_of_the_reporters_placement_sees_an_incident_without_team(client, cast, make_user):
    PlacementFactory(
        user=cast.reporter,
        position=PositionFactory(department=cast.team.department),
        manager=cast.other_manager,
    )
    loose = IncidentFactory(reporter=cast.reporter, department=cast.team.department, team=None)
    client.force_login(cast.other_manager)
    assert loose.reference in body(client.get(LIST))
    client.force_login(cast.manager)
    assert loose.reference not in body(client.get(LIST))


# ---------------------------------------------------------------- the manager is told
def register(client, cast, **overrides):
    data = {
        "date": "2026-03-02",
        "start_time": "10:15",
        "end_time": "",
        "department": cast.team.department.pk,
        "team": cast.team.pk,
        "location": LOCATION,
        "incident_type": "persoonlijke-bedreiging",
        "description": DESCRIPTION,
        "police_called": "nee",
        "follow_up": ["none"],
        "aftercare_wanted": "ja",
        **overrides,
    }
    return client.post(REGISTER, data)


def test_aftercare_tells_the_teams_manager_the_reference_only(
    client, cast, make_user, django_capture_on_commit_callbacks
):
    make_user(Role.PEER_SUPPORT, username="opvang", email="opvang@portaal.invalid")
    client.force_login(cast.reporter)
    with django_capture_on_commit_callbacks(execute=True):
        assert register(client, cast).status_code == 302
    incident = Incident.objects.get()
    to_manager = [message for message in mail.outbox if message.to == ["leiding-balie@portaal.invalid"]]
    assert len(to_manager) == 1
    message = to_manager[0]
    text = message.subject + message.body
    assert incident.reference in message.subject and "nazorg" in message.body
    assert f"/nl/vpd/team-incidenten/{incident.reference}/" in message.body
    assert not leaks(text)
    assert "bedreiging" not in text.lower()  # not even the kind of incident
    assert "Balie" not in text  # nor who reported it
    assert all("leiding-wi@portaal.invalid" not in m.to for m in mail.outbox)  # another team's manager: no


def test_no_aftercare_no_message_to_the_manager(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.reporter)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, cast, aftercare_wanted="nee")
    assert Incident.objects.count() == 1 and mail.outbox == []


def test_a_manager_without_the_manager_role_is_not_told(client, cast, django_capture_on_commit_callbacks):
    cast.manager.groups.clear()
    client.force_login(cast.reporter)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, cast)
    assert all("leiding-balie@portaal.invalid" not in m.to for m in mail.outbox)


# ---------------------------------------------------------------- follow-up tasks
@pytest.fixture
def template():
    return WarningLetterTemplate.objects.create(
        name="Standaard",
        body="Op {datum} was er {soort} bij {organisatieonderdeel} (kenmerk {kenmerk}). "
        "Dat accepteren we niet.",
    )


def test_a_warning_letter_is_written_from_the_template_and_done_sets_the_flag(
    client, cast, incident, template
):
    client.force_login(cast.manager)
    url = f"{LIST}{incident.reference}/vervolgstap/"
    response = client.post(url, task_data(cast, kind="waarschuwingsbrief", template=template.pk))
    assert response.status_code == 302
    task = FollowUpTask.objects.get()
    assert task.owner == cast.manager and task.due_on == datetime.date(2026, 3, 20)
    assert task.letter.startswith("Op 02-03-2026 was er verbale agressie bij Publiekszaken")
    assert incident.reference in task.letter and not leaks(task.letter)
    incident.refresh_from_db()
    assert not incident.warning_letter
    edit = f"{url}{task.pk}/"
    letter = task.letter + "\nMet vriendelijke groet"
    assert client.post(edit, task_data(cast, done_on="2026-03-05", letter=letter)).status_code == 302
    task.refresh_from_db()
    incident.refresh_from_db()
    assert task.done_on == datetime.date(2026, 3, 5) and task.letter.endswith("Met vriendelijke groet")
    assert incident.warning_letter  # counted in the annual figures


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": ""}, "kind", "Kies de vervolgstap."),
        ({"owner": ""}, "owner", "Kies wie deze stap uitvoert."),
        ({"due_on": ""}, "due_on", "Vul in wanneer de stap uiterlijk gedaan is."),
        ({"due_on": "2026-02-01"}, "due_on", "Deze datum ligt voor de datum van het incident."),
        ({"due_on": "morgen"}, "due_on", "Vul een geldige datum in."),
        ({"done_on": "2999-01-01"}, "done_on", "Deze datum ligt in de toekomst."),
        ({"kind": "waarschuwingsbrief"}, "template", "Kies een sjabloon voor de waarschuwingsbrief."),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_kept(client, cast, incident, data, field, message):
    client.force_login(cast.manager)
    response = client.post(f"{LIST}{incident.reference}/vervolgstap/", task_data(cast, **data))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert FollowUpTask.objects.count() == 0
    if data.get("due_on"):
        assert f'value="{data["due_on"]}"' in response.content.decode()  # what was typed is kept


def test_bad_input_in_english(client, cast, incident):
    client.force_login(cast.manager)
    response = client.post(
        f"/en/vpd/team-incidenten/{incident.reference}/vervolgstap/", task_data(cast, owner="")
    )
    assert "Choose who carries out this step." in response.content.decode()


def test_an_owner_outside_the_team_and_a_second_task_of_one_kind_are_refused(client, cast, incident):
    client.force_login(cast.manager)
    url = f"{LIST}{incident.reference}/vervolgstap/"
    response = client.post(url, task_data(cast, owner=cast.other_manager.pk))
    assert "Kies een leidinggevende van het team of de VPD-coördinator." in response.content.decode()
    assert client.post(url, task_data(cast, owner=cast.coordinator.pk)).status_code == 302  # control
    response = client.post(url, task_data(cast))
    assert "Deze vervolgstap staat al bij dit incident." in response.content.decode()
    assert FollowUpTask.objects.count() == 1


def test_a_task_of_another_incident_cannot_be_edited_through_this_one(client, cast, incident):
    other = IncidentFactory(department=cast.other_team.department, team=cast.other_team)
    foreign = FollowUpTask.objects.create(incident=other, kind="aangifte", due_on=datetime.date(2026, 4, 1))
    client.force_login(cast.manager)
    response = client.post(f"{LIST}{incident.reference}/vervolgstap/{foreign.pk}/", task_data(cast))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.owner is None


def test_a_template_with_an_unknown_placeholder_is_refused(client, cast):
    client.force_login(cast.coordinator)
    response = client.post(
        "/admin/vpd/sjablonen-waarschuwingsbrief/new/",
        {"name": "Fout", "body": "Beste {naam}, op {datum} ...", "active": "on"},
    )
    assert response.status_code == 200
    assert "Onbekende invulvelden: {naam}" in response.content.decode()
    assert not WarningLetterTemplate.objects.exists()
    client.force_login(cast.manager)
    assert client.get("/admin/vpd/sjablonen-waarschuwingsbrief/").status_code in (302, 403)
