from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from home.models import Department
from portal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        get_user_model().objects.count(),
        Department.objects.count(),
        sorted(Page.objects.values_list("url_path", "locale__language_code", "live")),
    )


def test_demo_loader_is_idempotent(demo_content):
    first = snapshot()
    call_command("load_demo_content", stdout=StringIO())
    assert snapshot() == first
    assert first[0] >= len(DEMO_ACCOUNTS)  # apps may add demo accounts of their own (forms: 13 advisors)


def test_each_demo_account_signs_in_with_its_role(client, demo_content):
    for username, _first, _last, roles in DEMO_ACCOUNTS:
        # Through the sign-in page: django-axes needs the request (Client.login passes none).
        response = client.post("/nl/account/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302 and "_auth_user_id" in client.session, username
        user = get_user_model().objects.get(username=username)
        # Role groups only: per-team groups ("VPD-team <slug>", made by vpd's sync_team_groups) come on top.
        assert {str(role) for role in roles} | {"Medewerker"} == set(
            user.groups.exclude(name__startswith="VPD-team ").values_list("name", flat=True)
        )
        client.logout()


def test_demo_departments_include_those_of_the_annual_report(demo_content):
    names = set(Department.objects.values_list("name", flat=True))
    for name in ["Werk & Inkomen", "Volksgezondheid", "Stadsbedrijven", "Ruimte", "BSN", "Wijken"]:
        assert name in names
    assert Department.objects.filter(abbreviation="VTH").exists()
