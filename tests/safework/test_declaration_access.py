"""Who sees the declarations register: every role of the matrix by list, detail, edit, export, search.

The declarant sees their own; the manager of the department (their manager) sees and decides; the
integrity office and HR see the whole register (list, detail, export); a colleague, a manager of
another department, the security coordinator and the administrator see nothing. Nothing of it is in
site search.
"""

import pytest

from safework.models import DeclarationStatus
from tests.safework.factories import GiftFactory

pytestmark = pytest.mark.django_db
ADMIN_LIST = "/admin/veilige-werkomgeving/meldingen/"
SITE = "/nl/geschenken-en-nevenwerk/"
GIVER = "Bouwbedrijf Zeldzaamnaam"

#: role → (list, detail, edit, export); search is never.
EXPECTED = {
    "employee": (False, False, False, False),
    "manager": (False, True, True, False),
    "other_manager": (False, False, False, False),
    "office": (True, True, False, True),
    "security": (False, False, False, False),
    "hr": (True, True, False, True),
    "administrator": (False, False, False, False),
}


@pytest.fixture
def declaration(people):
    return GiftFactory(
        employee=people.declarant,
        manager=people.manager,
        department=people.department,
        giver=GIVER,
        status=DeclarationStatus.AWAITING_MANAGER,
    )


def shows(response, text) -> bool:
    return response.status_code == 200 and text in response.content.decode()


def observed(client, declaration):
    reference = declaration.reference
    export = client.get(ADMIN_LIST, {"export": "csv"})
    export_text = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    return (
        shows(client.get(ADMIN_LIST), reference),
        shows(client.get(f"{SITE}{reference}/"), GIVER)
        or shows(client.get(f"{ADMIN_LIST}inspect/{declaration.pk}/"), GIVER),
        shows(client.get(f"{SITE}{reference}/besluit/"), 'name="reasons"'),
        export.status_code == 200 and reference in export_text,
    )


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_exactly_what_it_should(client, people, declaration, role):
    client.force_login(people.matrix()[role])
    assert observed(client, declaration) == EXPECTED[role]
    # Search: neither the reference nor the giver is ever found.
    for term in (declaration.reference, "Zeldzaamnaam"):
        response = client.get("/nl/zoeken/", {"q": term})
        assert response.status_code == 200
        assert response.context["count"] == 0
        assert all(declaration.reference not in str(item) for item in response.context["items"])


@pytest.mark.parametrize("role", list(EXPECTED))
def test_a_decision_posted_by_anyone_but_the_manager_is_refused(client, people, declaration, role):
    client.force_login(people.matrix()[role])
    response = client.post(
        f"{SITE}{declaration.reference}/besluit/", {"decision": "geweigerd", "reasons": "x"}
    )
    declaration.refresh_from_db()
    if role == "manager":
        assert declaration.status == DeclarationStatus.DECIDED  # control: the same request works for them
    else:
        assert response.status_code in (403, 404)
        assert declaration.status == DeclarationStatus.AWAITING_MANAGER


def test_the_declarant_sees_their_own_and_nothing_of_the_register(client, people, declaration):
    client.force_login(people.declarant)
    assert shows(client.get(SITE), declaration.reference)
    assert shows(client.get(f"{SITE}{declaration.reference}/"), GIVER)
    assert observed(client, declaration) == (False, True, False, False)


def test_the_office_and_hr_filter_on_department_decision_and_threshold(client, people, declaration):
    above = GiftFactory(
        employee=people.employee, department=people.other_department, value_estimate=120, decision="geweigerd"
    )
    client.force_login(people.office)
    page = client.get(ADMIN_LIST, {"above_threshold": "true"}).content.decode()
    assert above.reference in page and declaration.reference not in page  # 35 euro is below 50
    page = client.get(ADMIN_LIST, {"department": people.department.pk}).content.decode()
    assert declaration.reference in page and above.reference not in page
    page = client.get(ADMIN_LIST, {"decision": "geweigerd"}).content.decode()
    assert above.reference in page and declaration.reference not in page


def test_the_threshold_comes_from_settings(client, people, declaration, settings):
    settings.SAFEWORK_GIFT_VALUE_THRESHOLD = 20
    client.force_login(people.hr)
    assert declaration.reference in client.get(ADMIN_LIST, {"above_threshold": "true"}).content.decode()


def test_the_admin_offers_no_editing_of_declarations(client, people, declaration):
    for user in (people.office, people.hr):
        client.force_login(user)
        for url in (
            f"{ADMIN_LIST}edit/{declaration.pk}/",
            f"{ADMIN_LIST}new/",
            f"{ADMIN_LIST}delete/{declaration.pk}/",
        ):
            response = client.get(url)
            assert response.status_code in (302, 403), url
