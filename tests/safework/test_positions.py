"""The inventory of vulnerable positions (seed 4.1): managers edit their own department's positions
as a draft, the integrity office approves, HR sees who is due for periodic screening, employees see
nothing of it."""

import pytest
from django.utils import timezone
from django.utils.html import escape

from safework.models import ApprovalStatus, Position, ScreeningProfile, ScreeningRule
from tests.safework.factories import PlacementFactory, PositionFactory
from tests.vpd.factories import TeamFactory

pytestmark = pytest.mark.django_db
ADMIN = "/admin/veilige-werkomgeving/functies/"
RESCREENING = "/nl/herscreening/"


@pytest.fixture
def inventory(people):
    TeamFactory(department=people.department).managers.add(people.manager)
    TeamFactory(department=people.other_department).managers.add(people.other_manager)
    other = PositionFactory(department=people.other_department, title="Consulent", code="consulent")
    return people, other


def form_data(position, **overrides):
    return {
        "department": position.department_id,
        "title": position.title,
        "code": position.code,
        "screening_profile": position.screening_profile,
        "justification": position.justification,
        **overrides,
    }


#: role → (sees own department's positions, sees the other department's, may edit own department's)
EXPECTED = {
    "employee": (False, False, False),
    "manager": (True, False, True),
    "other_manager": (False, True, False),
    "office": (True, True, True),
    "security": (False, False, False),
    "hr": (True, True, True),
    "administrator": (False, False, False),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_and_edits_exactly_its_part_of_the_inventory(client, inventory, role):
    people, other = inventory
    client.force_login(people.matrix()[role])
    listing = client.get(ADMIN)
    page = listing.content.decode() if listing.status_code == 200 else ""
    edit = client.get(f"{ADMIN}edit/{people.position.pk}/")
    export = client.get(ADMIN, {"export": "csv"})
    exported = b"".join(export.streaming_content).decode() if export.status_code == 200 else ""
    assert (
        "Beleidsadviseur" in page,
        "Consulent" in page,
        edit.status_code == 200 and 'name="title"' in edit.content.decode(),
    ) == EXPECTED[role]
    assert ("Beleidsadviseur" in exported) == EXPECTED[role][0]
    assert client.get(f"{ADMIN}edit/{other.pk}/").status_code != 200 or EXPECTED[role][1]


def test_a_manager_saves_a_draft_and_the_office_approves(client, inventory):
    people, _other = inventory
    client.force_login(people.manager)
    response = client.post(
        f"{ADMIN}edit/{people.position.pk}/",
        form_data(people.position, title="Beleidsadviseur OOV", approve="on"),
    )
    assert response.status_code == 302
    position = Position.objects.get(pk=people.position.pk)
    assert position.title == "Beleidsadviseur OOV"
    assert position.approval_status == ApprovalStatus.DRAFT  # a manager cannot approve
    client.force_login(people.office)
    client.post(f"{ADMIN}edit/{position.pk}/", form_data(position, approve="on"))
    position.refresh_from_db()
    assert position.approval_status == ApprovalStatus.APPROVED and position.approved_on


def test_a_manager_cannot_move_a_position_into_or_edit_another_department(client, inventory):
    people, other = inventory
    client.force_login(people.manager)
    response = client.post(
        f"{ADMIN}edit/{people.position.pk}/",
        form_data(people.position, department=people.other_department.pk),
    )
    assert response.status_code == 200 and "department" in response.context["form"].errors
    response = client.post(f"{ADMIN}edit/{other.pk}/", form_data(other, title="Gekaapt"))
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.title == "Consulent"
    assert Position.objects.get(pk=people.position.pk).department == people.department


def test_a_raised_profile_needs_a_justification(client, inventory):
    people, _other = inventory
    client.force_login(people.manager)
    data = form_data(people.position, screening_profile=ScreeningProfile.HIGH, justification="")
    response = client.post(f"{ADMIN}edit/{people.position.pk}/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["justification"] == [
        "Licht toe waarom lichtere maatregelen niet volstaan voor dit profiel."
    ]
    assert "Beleidsadviseur" in response.content.decode()  # what was typed stays
    assert Position.objects.get(pk=people.position.pk).screening_profile == ScreeningProfile.NONE
    data["justification"] = "Toegang tot opsporingsinformatie; vier-ogen is niet haalbaar in de nachtdienst."
    assert client.post(f"{ADMIN}edit/{people.position.pk}/", data).status_code == 302
    assert Position.objects.get(pk=people.position.pk).screening_profile == ScreeningProfile.HIGH


def test_hr_sees_who_is_due_for_periodic_screening(client, people):
    ScreeningRule.objects.create(profile=ScreeningProfile.RAISED, rescreen_months=36)
    ScreeningRule.objects.create(profile=ScreeningProfile.NONE, rescreen_months=None)
    today = timezone.localdate()
    due = PlacementFactory(
        user=people.security,
        position=people.raised_position,
        last_screened_on=today.replace(year=today.year - 4),
    )
    PlacementFactory(user=people.hr, position=people.raised_position, last_screened_on=today)  # recent
    never = PlacementFactory(user=people.office, position=people.raised_position)
    client.force_login(people.hr)
    page = client.get(RESCREENING).content.decode()
    for placement in (due, never):
        assert escape(placement.user.get_full_name()) in page  # names such as van 't Hof
    assert escape(people.hr.get_full_name()) not in page.split("<table", 1)[-1]  # screened today: not due
    assert (
        escape(people.declarant.get_full_name()) not in page
    )  # no periodic screening in the lightest profile
    for role in ("employee", "manager", "other_manager", "security", "administrator"):
        client.force_login(people.matrix()[role])
        assert client.get(RESCREENING).status_code == 403, role
