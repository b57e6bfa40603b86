"""Read and confirm: employees confirm the current version; managers see counts per department."""

import datetime

import pytest
from django.utils.html import escape

from home.models import ReadConfirmation
from home.services import confirmation_rates
from portal.roles import Role
from tests.home.factories import DepartmentFactory, EmployeeProfileFactory, code_of_conduct

pytestmark = pytest.mark.django_db


def change(version, date, ask):
    return {
        "type": "change",
        "value": {"version": version, "date": date, "summary": "<p>x</p>", "ask_confirmation": ask},
    }


def test_employee_confirms_with_one_click_and_sees_the_date(employee_client, employee):
    page = code_of_conduct()
    body = employee_client.get(page.url).content.decode()
    assert "Ik heb de gedragscode gelezen" in body
    response = employee_client.post(f"/nl/gedragscode/{page.pk}/bevestigen/")
    assert response.status_code == 302 and response["Location"].endswith("#bevestigen")
    assert ReadConfirmation.objects.filter(user=employee, page=page, version="2.0").count() == 1
    body = employee_client.get(page.url).content.decode()
    assert "Je hebt versie 2.0 bevestigd op" in body
    assert "Ik heb de gedragscode gelezen" not in body


def test_confirming_twice_keeps_one_confirmation(employee_client, employee):
    page = code_of_conduct()
    employee_client.post(f"/nl/gedragscode/{page.pk}/bevestigen/")
    employee_client.post(f"/nl/gedragscode/{page.pk}/bevestigen/")
    assert ReadConfirmation.objects.filter(user=employee).count() == 1


def test_confirming_needs_a_post(employee_client):
    page = code_of_conduct()
    assert employee_client.get(f"/nl/gedragscode/{page.pk}/bevestigen/").status_code == 405


def test_new_version_asking_for_confirmation_asks_everyone_again(employee_client, employee):
    page = code_of_conduct(version="2.0", changes=[change("2.0", "2020-11-01", True)])
    employee_client.post(f"/nl/gedragscode/{page.pk}/bevestigen/")

    # A minor version that does not ask again: the confirmation still counts.
    page.version = "2.1"
    page.changes = [change("2.1", "2021-03-01", False), change("2.0", "2020-11-01", True)]
    page.save_revision().publish()
    assert "Je hebt versie 2.0 bevestigd op" in employee_client.get(page.url).content.decode()

    # A version that asks again: the employee is asked to confirm version 3.0.
    page.version = "3.0"
    page.changes = [change("3.0", "2022-01-01", True), *page.changes.raw_data]
    page.save_revision().publish()
    body = employee_client.get(page.url).content.decode()
    assert "Bevestig dat je versie 3.0 van de gedragscode hebt gelezen." in body
    employee_client.post(f"/nl/gedragscode/{page.pk}/bevestigen/")
    assert set(ReadConfirmation.objects.filter(user=employee).values_list("version", flat=True)) == {
        "2.0",
        "3.0",
    }


def test_rates_count_per_department_without_names():
    page = code_of_conduct()
    wijken, ruimte = (
        DepartmentFactory(name="Wijken", slug="wijken"),
        DepartmentFactory(name="Ruimte", slug="ruimte"),
    )
    wijken_profiles = EmployeeProfileFactory.create_batch(3, department=wijken)
    EmployeeProfileFactory.create_batch(2, department=ruimte)
    for profile in wijken_profiles[:2]:
        ReadConfirmation.objects.create(user=profile.user, page=page, version="2.0")
    ReadConfirmation.objects.create(user=wijken_profiles[2].user, page=page, version="1.0")  # an old version
    rates = {rate.name: rate for rate in confirmation_rates(page)}
    assert (rates["Wijken"].employees, rates["Wijken"].confirmed, rates["Wijken"].percentage) == (3, 2, 67)
    assert (rates["Ruimte"].employees, rates["Ruimte"].confirmed) == (2, 0)


def test_rates_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    page = code_of_conduct()
    for _ in range(6):
        department = DepartmentFactory()
        for profile in EmployeeProfileFactory.create_batch(3, department=department):
            ReadConfirmation.objects.create(user=profile.user, page=page, version="2.0")
    with django_assert_max_num_queries(6):
        rates = confirmation_rates(page)
    assert sum(rate.confirmed for rate in rates) == 18


@pytest.mark.parametrize(
    "roles, status",
    [
        ((), 403),
        ((Role.EDITOR,), 403),
        ((Role.CONFIDENTIAL_ADVISOR,), 403),
        ((Role.MANAGER,), 200),
        ((Role.ADMINISTRATOR,), 200),
        ((Role.INTEGRITY_OFFICE,), 200),
    ],
)
def test_rates_page_per_role(client, make_user, roles, status):
    page = code_of_conduct()
    profile = EmployeeProfileFactory(
        department=DepartmentFactory(name="Stadsbedrijven", slug="stadsbedrijven")
    )
    ReadConfirmation.objects.create(user=profile.user, page=page, version="2.0")
    client.force_login(make_user(*roles))
    response = client.get("/nl/gedragscode/leesbevestigingen/")
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert "Stadsbedrijven" in body and "100%" in body
        assert escape(profile.user.get_full_name()) not in body and profile.user.username not in body


def test_rates_page_signed_out_goes_to_sign_in(client):
    assert client.get("/nl/gedragscode/leesbevestigingen/").status_code == 302


def test_the_confirmation_date_is_the_day_in_the_netherlands(employee_client, employee):
    """Confirmed at 00:30 on 2 March in Amsterdam (23:30 on 1 March in UTC): the page says 2 March."""
    page = code_of_conduct()
    moment = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    ReadConfirmation.objects.create(user=employee, page=page, version="2.0", confirmed_at=moment)
    body = employee_client.get(page.url).content.decode()
    assert "Je hebt versie 2.0 bevestigd op 2 maart 2026." in body
