"""VPD scans with improvement actions (seed 4.2): the coordinator records a scan, the department's
management reviews it, actions are linked to the department's team instructions, bad input gets a
message beside the field and nothing is half-saved, and the coordinator's team overview shows each
department's scan status beside the team instruction's."""

import datetime

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from portal.roles import Role
from safework.scans import THEME_FIELDS, ActionStatus, ImprovementAction, ThemeScore, VpdScan
from tests.safework.scan_factories import ActionFactory, ScanFactory
from tests.vpd.conftest import tree  # noqa: F401  (the VPD page tree with team instructions)
from tests.vpd.factories import TeamFactory

pytestmark = pytest.mark.django_db
SCANS = "/admin/veilige-werkomgeving/vpd-scans/"
ACTIONS = "/admin/veilige-werkomgeving/verbeteracties/"
TEAMS = "/admin/vpd/teams/"


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.VPD_COORDINATOR, username="vpd-coord")


def scan_data(department, **overrides):
    return {
        "department": department.pk,
        "scanned_on": "2026-03-10",
        "participants_employees": "8",
        "participants_managers": "2",
        "participants_experts": "1",
        **dict.fromkeys(THEME_FIELDS.values(), ThemeScore.GOOD),
        "score_alarmeren": ThemeScore.NEEDS_WORK,
        "findings": "Niet iedereen kent de alarmknop.",
        "reviewed_on": "",
        "management_response": "",
        **overrides,
    }


def errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


def test_the_coordinator_records_a_scan(client, people, coordinator):
    client.force_login(coordinator)
    response = client.post(f"{SCANS}new/", scan_data(people.department))
    assert response.status_code == 302
    scan = VpdScan.objects.get()
    assert scan.recorded_by == coordinator
    assert (scan.department, scan.score_alarmeren, scan.score_nazorg) == (
        people.department,
        ThemeScore.NEEDS_WORK,
        ThemeScore.GOOD,
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"scanned_on": "2099-01-01"}, "scanned_on", "deze datum ligt in de toekomst"),
        ({"scanned_on": "31-31-2026"}, "scanned_on", "Voer een geldige datum in"),
        ({"participants_experts": "0"}, "participants_experts", "minstens één vakdeskundige"),
        (
            {"participants_employees": "0", "participants_managers": "0"},
            "participants_employees",
            "samen minstens één",
        ),
        ({"score_nazorg": ""}, "score_nazorg", "Kies goed geregeld of verbeterpunt"),
        ({"score_nazorg": "prima"}, "score_nazorg", "Selecteer een geldige keuze"),
        ({"reviewed_on": "2026-03-01"}, "reviewed_on", "na de scan, niet ervoor"),
        ({"management_response": "Akkoord"}, "reviewed_on", "wanneer het management de scan besprak"),
    ],
)
def test_bad_scan_input_gets_a_message_beside_the_field_and_nothing_is_saved(
    client, people, coordinator, overrides, field, message
):
    client.force_login(coordinator)
    response = client.post(f"{SCANS}new/", scan_data(people.department, **overrides))
    assert message in " ".join(errors(response)[field])
    assert "Niet iedereen kent de alarmknop." in response.content.decode()  # what was typed stays
    assert not VpdScan.objects.exists()


def test_bad_input_in_english_on_the_english_admin(client, people, coordinator):
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)
    response = client.post(f"{SCANS}new/", scan_data(people.department, participants_experts="0"))
    assert "participants_experts" in errors(response)
    page = response.content.decode()  # rendered in the person's language (the errors are lazy)
    assert "A scan is held by at least one expert." in page and "vakdeskundige." not in page


def test_management_reviews_its_own_departments_scan_and_nothing_else(client, people):
    TeamFactory(department=people.department).managers.add(people.manager)
    scan = ScanFactory(department=people.department)
    other = ScanFactory(department=people.other_department)
    client.force_login(people.manager)
    # The review date before the scan: refused beside the field, nothing stored.
    bad = client.post(f"{SCANS}edit/{scan.pk}/", {"reviewed_on": "2026-03-01", "management_response": "Ja"})
    assert "na de scan" in errors(bad)["reviewed_on"][0]
    scan.refresh_from_db()
    assert scan.reviewed_on is None and scan.management_response == ""
    response = client.post(
        f"{SCANS}edit/{scan.pk}/",
        {
            "reviewed_on": "2026-03-24",
            "management_response": "Het MT neemt alle punten over.",
            "findings": "Gekaapt",  # not the manager's to change
            "participants_experts": "0",
        },
    )
    assert response.status_code == 302
    scan.refresh_from_db()
    assert scan.reviewed_on == datetime.date(2026, 3, 24)
    assert scan.findings == "De alarmknop is bij de balie onbekend." and scan.participants_experts == 1
    # Another department's scan, a new scan, deleting: refused (the admin redirects with a message).
    refused = (302, 403)
    assert client.post(f"{SCANS}edit/{other.pk}/", {"reviewed_on": "2026-03-24"}).status_code in refused
    assert client.post(f"{SCANS}new/", scan_data(people.department)).status_code in refused
    assert client.post(f"{SCANS}delete/{scan.pk}/").status_code in refused
    other.refresh_from_db()
    assert other.reviewed_on is None and VpdScan.objects.count() == 2


def action_data(scan, who, **overrides):
    return {
        "scan": scan.pk,
        "theme": "alarmeren",
        "description": "Alarmknop oefenen.",
        "owner": who.pk,
        "due_on": "2026-06-01",
        "status": ActionStatus.OPEN,
        **overrides,
    }


def test_a_manager_adds_actions_to_own_scans_only(client, people):
    TeamFactory(department=people.department).managers.add(people.manager)
    scan = ScanFactory(department=people.department)
    other = ScanFactory(department=people.other_department)
    client.force_login(people.manager)
    assert client.post(f"{ACTIONS}new/", action_data(scan, people.employee)).status_code == 302
    refused = client.post(f"{ACTIONS}new/", action_data(other, people.employee, description="Ingeslopen"))
    assert "scan" in errors(refused)
    assert list(ImprovementAction.objects.values_list("description", flat=True)) == ["Alarmknop oefenen."]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"owner": ""}, "owner", "Kies wie deze actie uitvoert."),
        ({"due_on": "2026-02-01"}, "due_on", "gereed na de scan"),
        ({"due_on": "morgen"}, "due_on", "Voer een geldige datum in"),
        ({"description": ""}, "description", "Beschrijf wat er verbeterd wordt."),
    ],
)
def test_bad_action_input_is_refused_beside_the_field(client, people, coordinator, overrides, field, message):
    scan = ScanFactory(department=people.department)
    client.force_login(coordinator)
    response = client.post(f"{ACTIONS}new/", action_data(scan, people.employee, **overrides))
    assert message in " ".join(errors(response)[field])
    assert not ImprovementAction.objects.exists()


def test_actions_link_only_the_departments_team_instructions(client, tree, coordinator):  # noqa: F811
    scan = ScanFactory(department=tree.own_team.department)
    client.force_login(coordinator)
    wrong = client.post(
        f"{ACTIONS}new/", {**action_data(scan, tree.manager), "team_instructions": [tree.approval_page.pk]}
    )
    assert "teaminstructies van het organisatieonderdeel" in errors(wrong)["team_instructions"][0]
    assert not ImprovementAction.objects.exists()
    right = client.post(
        f"{ACTIONS}new/", {**action_data(scan, tree.manager), "team_instructions": [tree.own_page.pk]}
    )
    assert right.status_code == 302
    action = ImprovementAction.objects.get()
    assert list(action.team_instructions.all()) == [tree.own_page]
    assert list(tree.own_page.improvement_actions.all()) == [action]
    # A manager of the department is offered only its instructions.
    client.force_login(tree.manager)
    form = client.get(f"{ACTIONS}edit/{action.pk}/").context["form"]
    offered = set(form.fields["team_instructions"].queryset)
    assert tree.own_page in offered and tree.approval_page not in offered


def test_the_owner_marks_an_action_done_on_the_site(client, people):
    action = ActionFactory(scan=ScanFactory(department=people.department), owner=people.employee)
    client.force_login(people.employee)
    bad = client.post(f"/nl/mijn-verbeteracties/{action.pk}/", {"status": "klaar"})
    assert bad.status_code == 200 and "Kies open, in uitvoering of afgerond." in bad.content.decode()
    response = client.post(f"/nl/mijn-verbeteracties/{action.pk}/", {"status": ActionStatus.DONE})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.completed_on is not None
    client.post(f"/nl/mijn-verbeteracties/{action.pk}/", {"status": ActionStatus.IN_PROGRESS})
    action.refresh_from_db()
    assert action.completed_on is None  # reopened


def test_the_team_overview_shows_each_departments_scan_status(client, people, coordinator):
    today = timezone.localdate()
    late = TeamFactory(department=people.department, name="Team Laat")
    fine = TeamFactory(department=people.other_department, name="Team Goed")
    TeamFactory(department=ScanFactory(reviewed_on=None).department, name="Team Onbesproken")
    lonely = TeamFactory(name="Team Zonder Scan")
    scan = ScanFactory(department=late.department, reviewed_on=datetime.date(2026, 3, 20))
    ActionFactory(scan=scan, owner=people.manager, due_on=today - datetime.timedelta(days=1))
    done = ScanFactory(department=fine.department, reviewed_on=datetime.date(2026, 3, 20))
    ActionFactory(scan=done, owner=people.manager, status=ActionStatus.DONE)
    client.force_login(coordinator)
    response = client.get(TEAMS)
    rows = {team.name: team.scan_status for team in response.context["object_list"]}
    assert rows == {
        "Team Laat": "acties-te-laat",
        "Team Goed": "afgerond",
        "Team Onbesproken": "niet-besproken",
        "Team Zonder Scan": "geen-scan",
    }
    page = response.content.decode()
    assert "Verbeteracties te laat" in page and "Geen scan" in page
    assert lonely.name in page
    exported = b"".join(client.get(TEAMS, {"export": "csv"}).streaming_content).decode()
    assert "acties-te-laat" in exported
