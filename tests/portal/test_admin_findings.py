"""Admin findings of issue #17: the case list speaks Dutch, the dashboard carries the portal's name
(not the host name "localhost"), an empty waitlist is no numbered item, declarations newest first."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Site

from portal.roles import Role
from tests.awareness.factories import IntroductionAttendanceFactory, SessionFactory
from tests.forms.factories import IntegrityReportFactory

pytestmark = pytest.mark.django_db


def test_the_case_list_first_column_is_in_dutch(client, make_user):
    IntegrityReportFactory()
    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    html = client.get("/admin/integriteitsmeldingen/").content.decode()
    assert "Kenmerk" in html
    assert "Reference" not in html  # what the column said before


@pytest.mark.parametrize("role", [Role.MANAGER, Role.EDITOR])
def test_the_dashboard_is_titled_with_the_portals_name(client, make_user, role):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.site_name = "localhost", ""
    site.save()
    client.force_login(make_user(role))
    html = client.get("/admin/").content.decode()
    title = html.split('<h1 class="w-h1 w-mt-0">')[1].split("</h1>")[0].strip()
    assert title == "Integriteitsportaal"


def test_an_empty_waitlist_is_no_numbered_item(client, make_user):
    session = SessionFactory(capacity=2)
    client.force_login(make_user(Role.EDITOR))
    html = client.get(reverse("awareness_admin_session", args=[session.pk])).content.decode()
    assert "<p>Niemand op de wachtlijst.</p>" in html
    assert "<li>Niemand op de wachtlijst.</li>" not in html


def test_declarations_are_listed_newest_first(client, make_user):
    IntroductionAttendanceFactory(name="Eerder Afgelegd", declaration_date=datetime.date(2025, 3, 1))
    IntroductionAttendanceFactory(name="Laatst Afgelegd", declaration_date=datetime.date(2026, 11, 2))
    client.force_login(make_user(Role.ADMINISTRATOR))
    html = client.get(reverse("awareness_declarations:index")).content.decode()
    assert html.index("Laatst Afgelegd") < html.index("Eerder Afgelegd")
