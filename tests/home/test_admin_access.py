"""Admin screens of the content room per role: contacts, employee profiles, snippets, reports."""

import pytest

from portal.roles import Role
from tests.home.factories import ContactFactory, EmployeeProfileFactory

pytestmark = pytest.mark.django_db

CONTACTS = "/admin/snippets/home/contact/"
PROFILES = "/admin/employee_profiles/"


@pytest.mark.parametrize(
    "roles, url, allowed",
    [
        ((Role.EDITOR,), CONTACTS, True),
        ((Role.ADMINISTRATOR,), CONTACTS, True),
        ((Role.MANAGER,), CONTACTS, False),
        ((Role.CONFIDENTIAL_ADVISOR,), CONTACTS, False),
        ((Role.ADMINISTRATOR,), PROFILES, True),
        ((Role.EDITOR,), PROFILES, False),
        ((Role.MANAGER,), PROFILES, False),
        ((), CONTACTS, False),
    ],
)
def test_admin_listing_per_role(client, make_user, roles, url, allowed):
    ContactFactory(name="Anouk Bakker")
    EmployeeProfileFactory()
    client.force_login(make_user(*roles))
    response = client.get(url)
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)


def test_contacts_listing_filters_on_kind(client, make_user):
    ContactFactory(name="Anouk Bakker")
    ContactFactory(name="Integriteitsbureau", kind="integrity_office")
    client.force_login(make_user(Role.EDITOR))
    body = client.get(CONTACTS, {"kind": "integrity_office"}).content.decode()
    assert "Integriteitsbureau" in body and "Anouk Bakker" not in body


def test_editor_adds_a_contact(client, make_user):
    client.force_login(make_user(Role.EDITOR))
    contact = {"name": "Nieuwe vertrouwenspersoon", "kind": "confidential_advisor", "sort_order": 1}
    response = client.post(CONTACTS + "add/", {**contact, "email": "geen-adres"})
    assert response.status_code == 200  # the bad email address is refused, nothing typed is lost
    assert "Nieuwe vertrouwenspersoon" in response.content.decode()
    response = client.post(CONTACTS + "add/", {**contact, "email": "vp@gemeente.invalid"})
    assert response.status_code == 302
