from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from home.models import Department
from portal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


#: Tables that record history, which a second load adds to by design: it publishes every page and
#: translation again (revisions, log entries, the translation sources as the Dutch pages are now)
#: and sets the demo accounts' roles again (the role audit logs each change it makes on the way).
HISTORY = {
    "wagtailcore.Revision",
    "wagtailcore.PageLogEntry",
    "wagtailcore.ReferenceIndex",
    "forms.AuditLogEntry",
}


def snapshot():
    """What a second load must leave as it is: the rows of every other table, the page tree, the 2021
    figures as published (every app's providers) and the historical values they stand beside."""
    from forms.statistics import service
    from forms.statistics.models import EmployeeSurvey, HistoricalFigure

    service.invalidate(None)
    return {
        "rows": {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models(include_auto_created=True)
            if model._meta.label not in HISTORY and model._meta.app_label != "wagtail_localize"
        },
        "pages": sorted(Page.objects.values_list("url_path", "locale__language_code", "live")),
        "figures 2021": service.report(2021)["sections"],
        "historical": sorted(HistoricalFigure.objects.values_list("year", "key", "value")),
        "survey": sorted(
            EmployeeSurvey.objects.values_list("year", "respondents", "experienced", "percentage")
        ),
    }


def test_demo_loader_is_idempotent(demo_content, client):
    """The one test that loads the demo a second time (a few seconds): every app's demo is checked
    here at once, so each app's own demo tests read the shared demo without loading it again."""
    from forms.demo import DEMO_RECEIPT_CODE
    from home.models import CodeOfConductPage

    first = snapshot()
    call_command("load_demo_content", stdout=StringIO())
    second = snapshot()
    changed = {label for label, rows in second["rows"].items() if rows != first["rows"][label]}
    assert not changed, f"a second load added or removed rows: {sorted(changed)}"
    assert second == first
    # apps may add demo accounts of their own (forms: 13 advisors)
    assert first["rows"][get_user_model()._meta.label] >= len(DEMO_ACCOUNTS)
    assert first["rows"]["home.Department"] > 0
    # What people notice after a second load: the demo receipt code still opens its report, and the
    # English code of conduct is still published.
    page = client.post("/nl/melding/opvolging/", {"code": DEMO_RECEIPT_CODE}).content.decode()
    assert "Wil je aangeven om welke periode het gaat?" in page
    english = CodeOfConductPage.objects.get(locale__language_code="en")
    assert english.live and english.title == "Code of conduct"


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


def test_a_demo_account_whose_password_was_changed_gets_the_demo_password_back(make_user):
    from portal.demo import give_demo_password

    first, second = make_user(), make_user()
    for user in (first, second):
        user.set_password("changed by someone")
        assert give_demo_password(user)  # changed: the caller saves it
        assert user.check_password(DEMO_PASSWORD)
    # One hash for every account of a load (the public password, hashed once), so a reload checks it once.
    assert first.password == second.password
    assert not give_demo_password(first)  # already the demo password: nothing to save
    # Control: a password that is not the demo password is never taken for it.
    first.set_password("another")
    assert not first.check_password(DEMO_PASSWORD)
    assert give_demo_password(first) and first.check_password(DEMO_PASSWORD)
