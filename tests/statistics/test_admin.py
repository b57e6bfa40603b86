"""Admin screens of the statistics: who may enter figures, and the conflict warning (records win)."""

import pytest
from django.urls import reverse

from forms.statistics.models import EmployeeSurvey, HistoricalFigure
from portal.roles import Role
from tests.statistics.factories import EmployeeSurveyFactory, HistoricalFigureFactory, incidents

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    ("wagtailsnippets_statistics_historicalfigure:list", []),
    ("wagtailsnippets_statistics_historicalfigure:add", []),
    ("wagtailsnippets_statistics_employeesurvey:list", []),
    ("wagtailsnippets_statistics_employeesurvey:add", []),
]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.EDITOR, True),
        (Role.ADMINISTRATOR, True),
        (Role.MANAGER, False),
        (Role.INTEGRITY_OFFICE, False),
        (Role.CONFIDENTIAL_ADVISOR, False),
        (Role.VPD_COORDINATOR, False),
        (Role.PEER_SUPPORT, False),
    ],
)
def test_roles_that_enter_figures(client, make_user, role, allowed):
    client.force_login(make_user(role))
    for name, args in ADMIN_URLS:
        response = client.get(reverse(name, args=args))
        if allowed:
            assert response.status_code == 200, name
        else:
            assert response.status_code in (302, 403), name


def test_employees_cannot_open_the_admin(employee_client):
    response = employee_client.get(reverse("wagtailsnippets_statistics_historicalfigure:list"))
    assert response.status_code in (302, 403)


def test_editor_enters_a_historical_figure(client, make_user):
    client.force_login(make_user(Role.EDITOR))
    response = client.post(
        reverse("wagtailsnippets_statistics_historicalfigure:add"),
        {"year": "2020", "key": "integrity_reports.total", "value": "9", "note": ""},
    )
    assert response.status_code == 302
    assert HistoricalFigure.objects.get(year=2020, key="integrity_reports.total").value == 9


def test_a_malformed_key_is_refused_with_a_message(client, make_user):
    client.force_login(make_user(Role.EDITOR))
    response = client.post(
        reverse("wagtailsnippets_statistics_historicalfigure:add"),
        {"year": "2020", "key": "Meldingen 2020", "value": "9"},
    )
    assert response.status_code == 200
    assert "Gebruik de sleutel zoals in de export" in response.content.decode()
    assert not HistoricalFigure.objects.exists()


def test_editor_is_told_that_records_win_over_a_conflicting_figure(client, make_user, test_providers):
    incidents(2021, 3)
    client.force_login(make_user(Role.EDITOR))
    response = client.post(
        reverse("wagtailsnippets_statistics_historicalfigure:add"),
        {"year": "2021", "key": "public_aggression.total", "value": "99"},
        follow=True,
    )
    assert "De cijfers uit de registraties gaan voor" in response.content.decode()
    figure = HistoricalFigure.objects.get(year=2021)
    assert figure.conflicts_with_records()

    response = client.post(
        reverse("wagtailsnippets_statistics_historicalfigure:add"),
        {"year": "2020", "key": "public_aggression.total", "value": "12"},
        follow=True,
    )
    assert "De cijfers uit de registraties gaan voor" not in response.content.decode()
    assert not HistoricalFigureFactory.build(year=2020).conflicts_with_records()


def test_survey_needs_both_counts_or_a_percentage(client, make_user):
    client.force_login(make_user(Role.EDITOR))
    url = reverse("wagtailsnippets_statistics_employeesurvey:add")
    response = client.post(url, {"year": "2021", "respondents": "3265", "experienced": "", "percentage": ""})
    assert response.status_code == 200
    assert "Vul zowel het aantal deelnemers" in response.content.decode()
    response = client.post(
        url, {"year": "2021", "respondents": "100", "experienced": "200", "percentage": ""}
    )
    assert "niet meer" in response.content.decode()
    response = client.post(url, {"year": "2020", "respondents": "", "experienced": "", "percentage": "6"})
    assert response.status_code == 302
    assert EmployeeSurvey.objects.get(year=2020).percentage == 6
    EmployeeSurveyFactory(year=2021)
