"""The JSON export: the contract's keys, who may see exact figures, and 404s for bad years."""

import json

import pytest
from django.urls import reverse

from forms.statistics import service
from portal.roles import Role
from tests.statistics.factories import (
    DepartmentFactory,
    EmployeeSurveyFactory,
    conversations,
    incidents,
    publish,
)

pytestmark = pytest.mark.django_db


def url(year):
    return f"/api/statistics/{year}.json"


def test_export_url_is_the_contract_path():
    assert reverse("statistics-export", args=["2021"]) == "/api/statistics/2021.json"


def test_signed_out_people_are_sent_to_sign_in(client):
    EmployeeSurveyFactory()
    response = client.get(url(2021))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_signed_in_user_without_the_employee_role_is_refused(client, django_user_model):
    EmployeeSurveyFactory()
    client.force_login(django_user_model.objects.create_user("zonder-rol"))
    assert client.get(url(2021)).status_code == 403


@pytest.mark.parametrize("year", ["2018", "abcd", "2999", "99999", "0", "-2021", "2021.5"])
def test_no_data_nonsense_or_far_future_years_are_404(employee_client, year):
    EmployeeSurveyFactory(year=2021)
    response = employee_client.get(f"/api/statistics/{year}.json")
    assert response.status_code == 404


def test_export_has_exactly_the_contract_keys_in_order(employee_client, test_providers):
    EmployeeSurveyFactory(year=2021, respondents=3265, experienced=228)
    incidents(2021, 5)
    conversations(2021, DepartmentFactory(), colleagues=6)
    publish(2021)
    response = employee_client.get(url(2021))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert list(data)[:2] == ["year", "generated_at"]
    assert data["publication"]["version"] == 1
    assert data["year"] == 2021
    assert list(data["confidential_advisors"]) == list(service.EXPORT_KEYS["confidential_advisors"])
    assert list(data["public_aggression"]) == list(service.EXPORT_KEYS["public_aggression"])
    assert list(data["employee_survey"]) == [
        "respondents",
        "experienced",
        "percentage",
        "previous_percentage",
    ]
    for row in data["public_aggression"]["by_type"]:
        assert set(row) == {"code", "label", "count"}
    # Breakdowns include the categories with count 0, in page order.
    assert [row["code"] for row in data["public_aggression"]["by_type"]][:3] == [
        "verbale-agressie",
        "intimidatie",
        "persoonlijke-bedreiging",
    ]
    assert data["public_aggression"]["by_type"][1]["count"] == 0


def test_integrity_office_gets_exact_department_counts(client, make_user, test_providers):
    conversations(2021, DepartmentFactory(slug="groot", name="Groot"), colleagues=20)
    conversations(2021, DepartmentFactory(slug="klein", name="Klein"), colleagues=2)
    publish(2021)
    counts = {}
    for role in (None, Role.INTEGRITY_OFFICE, Role.CONFIDENTIAL_ADVISOR, Role.EDITOR):
        user = make_user(*([role] if role else []))
        client.force_login(user)
        data = client.get(url(2021)).json()
        counts[role] = {row["code"]: row["count"] for row in data["confidential_advisors"]["by_department"]}
    assert counts[Role.INTEGRITY_OFFICE]["klein"] == 2
    assert counts[None]["klein"] is None
    assert counts[Role.CONFIDENTIAL_ADVISOR]["klein"] is None
    assert counts[Role.EDITOR]["klein"] is None


# Comparisons with the year before are shown beside their figure, not as figures of their own.
COMPARISONS = {"previous", "change_percent", "previous_percentage"}


def test_every_export_figure_has_a_place_on_the_page_and_every_page_figure_is_exported():
    from forms.statistics.blocks import LABELS, SECTIONS

    exported = {f"{section}.{name}" for section, names in service.EXPORT_KEYS.items() for name in names} - {
        f"{section}.{name}" for section in service.EXPORT_KEYS for name in COMPARISONS
    }
    on_page = {key for _slug, _title, defaults in SECTIONS for _kind, key in defaults}
    assert exported - on_page == set()  # each chapter shows its figures by default
    assert set(LABELS) - exported == set()  # whatever editors can place is in the export


def test_team_sessions_count_in_the_export_and_on_the_page(employee_client):
    import datetime

    from awareness.models import TeamSession, TeamSessionMethod
    from tests.statistics.factories import annual_report_page

    department = DepartmentFactory()
    for participants in (12, 30):
        TeamSession.objects.create(
            date=datetime.date(2021, 3, 1),
            department=department,
            participants=participants,
            method=TeamSessionMethod.values[0],
        )
    TeamSession.objects.create(
        date=datetime.date(2020, 3, 1),
        department=department,
        participants=5,
        method=TeamSessionMethod.values[0],
    )
    publish(2021)
    data = employee_client.get(url(2021)).json()
    assert data["awareness"]["team_sessions"] == {"sessions": 2, "participants": 42}
    html = employee_client.get(annual_report_page(2021).url).content.decode()
    assert "Teamsessies over integriteit" in html and "Deelnemers aan teamsessies" in html
