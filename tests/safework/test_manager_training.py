"""Managers' integrity training (issue #18): HR records who followed the Management Development module
"In gesprek met je team over integriteit" and the onboarding; the overview per department shows who
has and has not followed it, to HR and the office for every department and to a manager for their own."""

import datetime

import pytest
from django.utils import timezone

from portal.roles import Role
from safework.models import ManagerTraining, TrainingProgramme
from tests.retention import purge
from tests.safework.factories import PlacementFactory

pytestmark = pytest.mark.django_db
OVERVIEW = "/nl/leidinggevenden/integriteitstraining/"
ADMIN = "/admin/veilige-werkomgeving/integriteitstraining/"
MODULE = TrainingProgramme.TEAM_CONVERSATION
ONBOARDING = TrainingProgramme.ONBOARDING


@pytest.fixture
def trained(people, make_user):
    """The department's manager followed the module; a second manager of the department followed nothing."""
    PlacementFactory(user=people.manager, position=people.position)
    people.manager.first_name, people.manager.last_name = "Mira", "Modulevolger"
    people.manager.save()
    untrained = make_user(Role.MANAGER, username="nieuw-oov", first_name="Nina", last_name="Nogniet")
    PlacementFactory(user=untrained, position=people.position)
    record = ManagerTraining.objects.create(
        manager=people.manager, programme=MODULE, completed_on=datetime.date(2021, 10, 12)
    )
    return record, untrained


def text(response) -> str:
    return response.content.decode() if response.status_code == 200 else ""


def export_text(response) -> str:
    if response.status_code != 200:
        return ""
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


#: role → (overview lists the department's managers, admin list, admin edit, export)
EXPECTED = {
    "employee": (False, False, False, False),
    "manager": (True, False, False, False),
    "other_manager": (False, False, False, False),
    "office": (True, True, False, True),
    "security": (False, False, False, False),
    "hr": (True, True, True, True),
    "administrator": (False, False, False, False),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_exactly_what_it_should(client, people, trained, role):
    record, _untrained = trained
    client.force_login(people.matrix()[role])
    overview = text(client.get(OVERVIEW))
    admin_list = text(client.get(ADMIN))
    client.post(
        f"{ADMIN}edit/{record.pk}/",
        {"manager": people.manager.pk, "programme": MODULE, "completed_on": "2021-11-01"},
    )
    record.refresh_from_db()
    exports = export_text(client.get(OVERVIEW, {"export": "csv"})) + export_text(
        client.get(ADMIN, {"export": "csv"})
    )
    observed = (
        "Mira Modulevolger" in overview and "Nina Nogniet" in overview,
        "Mira Modulevolger" in admin_list or "leiding-oov" in admin_list,
        record.completed_on == datetime.date(2021, 11, 1),
        "Modulevolger" in exports or "leiding-oov" in exports,
    )
    assert observed == EXPECTED[role]
    response = client.get("/nl/zoeken/", {"q": "Modulevolger"})
    assert response.status_code == 200 and response.context["count"] == 0


def test_the_overview_says_who_has_and_has_not_followed_it(client, people, trained):
    client.force_login(people.manager)
    page = text(client.get(OVERVIEW))
    assert "Openbare Orde &amp; Veiligheid" in page and "Werk &amp; Inkomen" not in page
    assert "gevolgd op 12 oktober 2021" in page
    assert page.count("niet gevolgd") == 3  # Nina twice, Mira's onboarding once
    assert "In gesprek met je team over integriteit&#x27;: 1 van 2 gevolgd" in page


def test_a_manager_cannot_reach_another_department_by_filter_or_export(client, people, trained):
    client.force_login(people.other_manager)
    page = text(client.get(OVERVIEW, {"department": people.department.pk}))
    assert "Modulevolger" not in page and "Kies een organisatieonderdeel uit de lijst." in page
    assert "Werk &amp; Inkomen" in page  # control: their own department is there
    assert client.get(OVERVIEW, {"export": "csv"}).status_code == 403


def test_the_csv_for_hr_lists_followed_and_not_followed(client, people, trained):
    client.force_login(people.hr)
    csv = export_text(client.get(OVERVIEW, {"department": people.department.pk, "export": "csv"}))
    assert "Openbare Orde & Veiligheid,Mira Modulevolger,2021-10-12,niet gevolgd" in csv
    assert "Openbare Orde & Veiligheid,Nina Nogniet,niet gevolgd,niet gevolgd" in csv


def test_the_overview_in_english(client, people, trained):
    client.force_login(people.manager)
    page = text(client.get("/en/leidinggevenden/integriteitstraining/"))
    assert "Managers' integrity training" in page.replace("&#x27;", "'") and "not followed" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"completed_on": "2999-01-01"}, "completed_on", "Deze datum ligt in de toekomst."),
        ({"completed_on": ""}, "completed_on", "Vul de datum in."),
        ({"programme": ""}, "programme", "Kies het programma."),
        ({"programme": MODULE}, "programme", "Voor deze leidinggevende is dit programma al vastgelegd."),
        ("employee", "manager", None),
    ],
)
def test_hr_gets_a_clear_message_beside_the_field(client, people, trained, data, field, message):
    client.force_login(people.hr)
    if data == "employee":  # someone without the manager role is not offered at all
        data, message = {"manager": people.employee.pk}, None
    posted = {"manager": people.manager.pk, "programme": ONBOARDING, "completed_on": "2022-03-01", **data}
    response = client.post(f"{ADMIN}new/", posted)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert message is None or message in errors
    assert ManagerTraining.objects.count() == 1  # only the fixture's record


def test_hr_records_a_training_and_the_overview_shows_it(client, people, trained):
    _record, untrained = trained
    client.force_login(people.hr)
    posted = {"manager": untrained.pk, "programme": ONBOARDING, "completed_on": "2022-03-01"}
    assert client.post(f"{ADMIN}new/", posted).status_code == 302
    saved = ManagerTraining.objects.get(manager=untrained)
    assert saved.recorded_by == people.hr
    page = text(client.get(OVERVIEW, {"department": people.department.pk}))
    assert "gevolgd op 1 maart 2022" in page


def test_a_training_older_than_the_period_no_longer_counts(people, trained, settings):
    old, untrained = trained
    recent = ManagerTraining.objects.create(
        manager=untrained,
        programme=ONBOARDING,
        completed_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    assert "safework.manager_training: 1 purged" in purge("safework.manager_training", settings, days=365)
    assert list(ManagerTraining.objects.all()) == [recent]
    assert not ManagerTraining.objects.filter(pk=old.pk).exists()


def test_only_people_with_the_manager_role_count_as_the_departments_managers(
    client, people, trained, make_user
):
    from tests.vpd.factories import TeamFactory

    team = TeamFactory(department=people.department)
    listed_without_role = make_user(username="geen-rol", first_name="Gijs", last_name="Geenrol")
    team.managers.add(listed_without_role, people.other_manager)
    client.force_login(people.hr)
    page = text(client.get(OVERVIEW, {"department": people.department.pk}))
    assert "Geenrol" not in page
    other = people.other_manager
    assert (other.get_full_name() or other.username) in page  # control: a manager on the team counts
