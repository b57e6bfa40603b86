"""Who sees VPD scans, improvement actions and building DRAs: list, detail, edit, export and the
admin's search, per role; and nothing of them in site search."""

import pytest

from portal.roles import Role
from tests.safework.scan_factories import ActionFactory, AssessmentFactory, ScanFactory
from tests.vpd.factories import TeamFactory

pytestmark = pytest.mark.django_db
SCANS = "/admin/veilige-werkomgeving/vpd-scans/"
ACTIONS = "/admin/veilige-werkomgeving/verbeteracties/"
DRA = "/admin/veilige-werkomgeving/dra/"


@pytest.fixture
def registers(people, make_user):
    """A scan and action in the manager's department, and one in another manager's department."""
    TeamFactory(department=people.department).managers.add(people.manager)
    own = ScanFactory(department=people.department, findings="Bevinding Zeldzaamwoord OOV")
    other = ScanFactory(department=people.other_department, findings="Bevinding Andermansafdeling")
    own_action = ActionFactory(scan=own, owner=people.manager, description="Actie Kwartelkoning")
    other_action = ActionFactory(scan=other, owner=people.other_manager, description="Actie Grutto")
    assessment = AssessmentFactory(scope="Reikwijdte Stadhuisgeheim")
    coordinator = make_user(Role.VPD_COORDINATOR, username="vpd-coord")
    superuser = make_user(username="root", is_superuser=True, is_staff=True)
    roles = {**people.matrix(), "coordinator": coordinator, "superuser": superuser}
    return roles, own, other, own_action, other_action, assessment


def text(response) -> str:
    if response.status_code != 200:
        return ""
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def listed(page: str, url: str, pk) -> bool:
    return f"{url}edit/{pk}/" in page or f"{url}inspect/{pk}/" in page


def seen(client, url, own_pk, other_pk, own_word, edit_field):
    """(list shows own, list shows other, detail own, edit own, export own, admin search finds own)."""
    listing = text(client.get(url))
    return (
        listed(listing, url, own_pk),
        listed(listing, url, other_pk),
        own_word in text(client.get(f"{url}inspect/{own_pk}/")),
        f'name="{edit_field}"' in text(client.get(f"{url}edit/{own_pk}/")),
        own_word in text(client.get(url, {"export": "csv"})),
        listed(text(client.get(url, {"q": own_word})), url, own_pk),
    )


ALL, NONE = (True,) * 6, (False,) * 6
OWN_ONLY = (True, False, True, True, True, True)
OTHER_ONLY = (False, True, False, False, False, False)

#: role → what it sees of the scans of the manager's department (and of the other department)
SCAN_EXPECTED = {
    "employee": NONE,
    "manager": OWN_ONLY,  # edit: the management review only (below)
    "other_manager": OTHER_ONLY,
    "office": NONE,
    "security": NONE,
    "hr": NONE,
    "administrator": NONE,
    "superuser": NONE,
    "coordinator": ALL,
}


@pytest.mark.parametrize("role", list(SCAN_EXPECTED))
def test_each_role_sees_exactly_its_scans(client, registers, role):
    roles, own, other, *_ = registers
    client.force_login(roles[role])
    observed = seen(client, SCANS, own.pk, other.pk, "Zeldzaamwoord", "reviewed_on")
    assert observed == SCAN_EXPECTED[role]
    # Nobody but the scan's managers and the coordinator opens the other department's scan either.
    allowed_other = role in ("other_manager", "coordinator")
    assert (client.get(f"{SCANS}inspect/{other.pk}/").status_code == 200) == allowed_other


#: role → what it sees of the improvement actions (the manager of the department also owns "own")
ACTION_EXPECTED = {
    "employee": NONE,
    "manager": OWN_ONLY,
    "other_manager": OTHER_ONLY,
    "office": NONE,
    "security": NONE,
    "hr": NONE,
    "administrator": NONE,
    "superuser": NONE,
    "coordinator": ALL,
}


@pytest.mark.parametrize("role", list(ACTION_EXPECTED))
def test_each_role_sees_exactly_its_improvement_actions(client, registers, role):
    roles, _own, _other, own_action, other_action, _ = registers
    client.force_login(roles[role])
    observed = seen(client, ACTIONS, own_action.pk, other_action.pk, "Kwartelkoning", "status")
    assert observed == ACTION_EXPECTED[role]


MINE = "/nl/mijn-verbeteracties/"


def test_an_owner_outside_management_sees_only_their_own_actions_on_the_site(client, registers, people):
    _roles, own, _other, own_action, other_action, _ = registers
    mine = ActionFactory(scan=own, owner=people.employee, description="Actie Roerdomp")
    client.force_login(people.employee)
    listing = text(client.get(MINE))
    assert "Roerdomp" in listing and "Kwartelkoning" not in listing and "Grutto" not in listing
    assert "Roerdomp" in text(client.get(f"{MINE}{mine.pk}/"))
    for action in (own_action, other_action):
        assert client.get(f"{MINE}{action.pk}/").status_code == 403
        assert client.post(f"{MINE}{action.pk}/", {"status": "afgerond"}).status_code == 403
        action.refresh_from_db()
        assert action.status == "open"
    # The admin stays closed to an employee (the action is on the site for them).
    assert client.get(f"{ACTIONS}inspect/{mine.pk}/").status_code != 200
    assert client.get(f"{SCANS}inspect/{own.pk}/").status_code != 200


def test_an_owner_in_the_admin_moves_only_the_status(client, registers, people, make_user):
    """An owner with admin access (a manager of yet another department) edits only the status."""
    _roles, own, *_ = registers
    owner = make_user(Role.MANAGER, username="leiding-elders")
    mine = ActionFactory(scan=own, owner=owner, description="Actie Roerdomp")
    client.force_login(owner)
    listing = text(client.get(ACTIONS))
    assert listed(listing, ACTIONS, mine.pk) and not listed(listing, ACTIONS, registers[3].pk)
    edit = text(client.get(f"{ACTIONS}edit/{mine.pk}/"))
    assert 'name="status"' in edit and 'id="id_description"' not in edit and 'id="id_owner"' not in edit
    response = client.post(
        f"{ACTIONS}edit/{mine.pk}/", {"status": "afgerond", "description": "Gekaapt", "owner": owner.pk}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.description) == ("afgerond", "Actie Roerdomp")
    assert mine.completed_on is not None


#: Building DRAs: the security coordinator only.
DRA_EXPECTED = dict.fromkeys(SCAN_EXPECTED, NONE) | {"security": (True, False, True, True, True, True)}


@pytest.mark.parametrize("role", list(DRA_EXPECTED))
def test_only_the_security_coordinator_sees_building_assessments(client, registers, role):
    roles, *_, assessment = registers
    client.force_login(roles[role])
    observed = seen(client, DRA, assessment.pk, 0, "Stadhuisgeheim", "building")
    assert observed == DRA_EXPECTED[role]
    add = client.get(f"{DRA}new/")
    assert (add.status_code == 200) == (role == "security")


@pytest.mark.parametrize("role", ["coordinator", "manager", "security", "office"])
def test_nothing_of_the_registers_is_in_site_search(client, registers, role):
    roles, *_ = registers
    client.force_login(roles[role])
    for term in ("Zeldzaamwoord", "Kwartelkoning", "Stadhuisgeheim"):
        response = client.get("/nl/zoeken/", {"q": term})
        assert response.status_code == 200
        assert response.context["count"] == 0


def test_the_control_the_words_are_there_for_the_coordinator(client, registers):
    """The searches above would have found something if the words were not what the records hold."""
    roles, *_ = registers
    client.force_login(roles["coordinator"])
    _roles, own, other, *_ = registers
    found = text(client.get(SCANS, {"q": "Zeldzaamwoord"}))
    assert listed(found, SCANS, own.pk) and not listed(found, SCANS, other.pk)
