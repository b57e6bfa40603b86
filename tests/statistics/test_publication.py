"""Publication: a published year stays as published, corrections show, unpublished years are private."""

import csv
import io
import re

import pytest
from django.test import Client, RequestFactory
from openpyxl import load_workbook

from forms.statistics import publication
from forms.statistics.models import StatisticsSnapshot
from portal.roles import Role
from tests.statistics.factories import (
    DepartmentFactory,
    EmployeeSurveyFactory,
    annual_report_page,
    conversations,
    incidents,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2021(test_providers):
    EmployeeSurveyFactory(year=2021, respondents=3265, experienced=228)
    incidents(2021, 121, kind="verbale-agressie")
    conversations(2021, DepartmentFactory(slug="stadsbedrijven", name="Stadsbedrijven"), colleagues=23)
    conversations(2021, DepartmentFactory(slug="wi", name="Werk & Inkomen"), colleagues=3)
    return annual_report_page(2021)


@pytest.fixture
def office(make_user):
    """A client of its own (the `employee_client` fixture is the default `client`)."""
    office_client = Client()
    office_client.force_login(make_user(Role.INTEGRITY_OFFICE))
    return office_client


def csv_index(response) -> dict:
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return {(row[0], row[1]): row[3] for row in rows[1:]}


def aggression_number(html: str) -> str:
    found = re.search(r'id="publieksagressie".*?statistics-number__value">([^<]*)<', html, re.S)
    return found.group(1).strip()


def test_a_backdated_record_changes_the_live_figures_but_not_the_published_ones(
    employee_client, office, year_2021
):
    publish(2021)
    incidents(2021, 1, kind="fysieke-agressie")  # registered in 2022, dated in 2021

    assert employee_client.get("/api/statistics/2021.json").json()["public_aggression"]["total"] == 121
    assert aggression_number(employee_client.get(year_2021.url).content.decode()) == "121"
    assert csv_index(employee_client.get(year_2021.url + "csv/"))[("public_aggression.total", "")] == "121"
    # The office sees the published version too, and the live one when it asks for it.
    assert office.get("/api/statistics/2021.json").json()["public_aggression"]["total"] == 121
    live = office.get("/api/statistics/2021.json?live=1").json()
    assert (live["public_aggression"]["total"], live["publication"]) == (122, None)
    # An employee asking for live figures still gets the published ones.
    assert employee_client.get("/api/statistics/2021.json?live=1").json()["public_aggression"]["total"] == 121
    assert csv_index(office.get(year_2021.url + "csv/?live=1"))[("public_aggression.total", "")] == "122"

    # The office's screen shows live beside published, the difference highlighted.
    html = office.get("/admin/jaarcijfers/publicatie/2021/").content.decode()
    changed = re.search(
        r'<tr class="statistics-diff--changed"[^>]*data-key="public_aggression.total">(.*?)</tr>', html, re.S
    )
    assert changed and "121" in changed.group(1) and "122" in changed.group(1)
    assert 'data-key="public_aggression.by_type.verbale-agressie">' in html  # unchanged: not highlighted
    assert html.count("statistics-diff--changed") == 3  # total, fysieke agressie and the onbekend row


def test_a_correction_is_a_new_version_with_a_visible_note(employee_client, office, year_2021):
    publish(2021)
    incidents(2021, 1, kind="fysieke-agressie")
    response = office.post("/admin/jaarcijfers/publicatie/2021/", {"action": "publish", "reason": ""})
    assert response.status_code == 302
    assert StatisticsSnapshot.objects.filter(year=2021, status="published").count() == 2

    data = employee_client.get("/api/statistics/2021.json").json()
    assert data["public_aggression"]["total"] == 122
    assert data["publication"]["version"] == 2
    (correction,) = data["publication"]["corrections"]
    assert "incidenten publieksagressie en geweld (gir) 121 → 122" in correction["note"]
    html = employee_client.get(year_2021.url).content.decode()
    assert re.search(r"gecorrigeerd op \d+ \w+ \d{4}: [^<]*121 → 122", html)
    assert aggression_number(html) == "122"


def test_publishing_unchanged_figures_needs_a_reason(office, year_2021):
    publish(2021)
    office.post("/admin/jaarcijfers/publicatie/2021/", {"action": "publish", "reason": ""})
    assert StatisticsSnapshot.objects.filter(year=2021, status="published").count() == 1
    office.post("/admin/jaarcijfers/publicatie/2021/", {"action": "publish", "reason": "Tekstfout hersteld"})
    assert StatisticsSnapshot.objects.filter(year=2021, status="published").count() == 2


def test_a_snapshot_records_who_when_and_which_data(make_user, year_2021):
    user = make_user(Role.INTEGRITY_OFFICE)
    snapshot = publish(2021, user)
    assert (snapshot.created_by, snapshot.version, len(snapshot.data_version)) == (user, 1, 64)
    assert snapshot.data_version == publication.data_version(snapshot.report)


URLS = ["/api/statistics/2021.json", "{page}", "{page}csv/", "{page}xlsx/"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.EMPLOYEE, 404),
        (Role.EDITOR, 404),
        (Role.CONFIDENTIAL_ADVISOR, 404),
        (Role.ADMINISTRATOR, 404),
        (Role.INTEGRITY_OFFICE, 200),
    ],
)
def test_an_unpublished_year_is_404_for_everyone_but_the_office(
    client, make_user, year_2021, url, role, status
):
    roles = [Role.EMPLOYEE] if role == Role.EMPLOYEE else [Role.EMPLOYEE, role]
    client.force_login(make_user(*roles))
    assert client.get(url.format(page=year_2021.url)).status_code == status


@pytest.mark.parametrize("url", URLS)
def test_a_published_year_is_there_for_every_employee(employee_client, year_2021, url):
    publish(2021)
    assert employee_client.get(url.format(page=year_2021.url)).status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        # Refused: without admin access the portal's 403 page (portal/admin_access.py); with it,
        # Wagtail answers PermissionDenied with a redirect.
        (Role.EMPLOYEE, 403),
        (Role.EDITOR, 302),
        (Role.CONFIDENTIAL_ADVISOR, 302),
        (Role.ADMINISTRATOR, 302),
        (Role.INTEGRITY_OFFICE, 200),
    ],
)
def test_only_the_office_opens_and_posts_to_the_publication_screen(
    client, make_user, year_2021, role, status
):
    client.force_login(make_user(role))
    response = client.get("/admin/jaarcijfers/publicatie/")
    assert response.status_code == status
    assert (b"Jaarcijfers 2021" in client.get("/admin/jaarcijfers/publicatie/2021/").content) == (
        status == 200
    )
    assert client.get("/admin/jaarcijfers/publicatie/2021/").status_code == status
    response = client.post("/admin/jaarcijfers/publicatie/2021/", {"action": "publish"})
    assert response.status_code == (302 if role == Role.INTEGRITY_OFFICE else status)
    published = StatisticsSnapshot.objects.filter(year=2021, status="published").exists()
    assert published == (role == Role.INTEGRITY_OFFICE)


def preview(page, user):
    request = RequestFactory().get(page.url)
    request.user = user
    request.is_preview = True
    request.session = {}
    response = page.serve_preview(request, page.default_preview_mode)
    return response.render().content.decode() if hasattr(response, "render") else response.content.decode()


def test_a_shared_draft_shows_in_the_editors_page_preview_only(office, make_user, employee_client, year_2021):
    editor = make_user(Role.EMPLOYEE, Role.EDITOR)
    before = preview(year_2021, editor)
    assert "nog niet gedeeld of gepubliceerd" in before and "statistics-number__value" not in before

    office.post("/admin/jaarcijfers/publicatie/2021/", {"action": "share"})
    html = preview(year_2021, editor)
    assert aggression_number(html) == "121" and 'data-testid="draft-figures"' in html
    assert employee_client.get(year_2021.url).status_code == 404  # still unpublished
    assert employee_client.get("/api/statistics/2021.json").status_code == 404


def test_a_key_added_after_a_snapshot_is_null_in_it(employee_client, year_2021):
    snapshot = publish(2021)
    del snapshot.report["sections"]["public_aggression"]["by_department"]  # as if made before it existed
    snapshot.save()
    data = employee_client.get("/api/statistics/2021.json").json()
    assert "by_department" in data["public_aggression"]
    assert data["public_aggression"]["by_department"] is None
    assert data["public_aggression"]["total"] == 121


def test_a_cell_hidden_once_stays_hidden_in_later_versions(employee_client, year_2021):
    publish(2021)
    first = {
        r["code"]: r["count"]
        for r in employee_client.get("/api/statistics/2021.json").json()["confidential_advisors"][
            "by_department"
        ]
    }
    assert first["wi"] is None
    conversations(
        2021, DepartmentFactory(slug="wi", name="Werk & Inkomen"), colleagues=9
    )  # now 9 (ids reused: 3 new)
    publish(2021)
    second = employee_client.get("/api/statistics/2021.json").json()
    rows = {r["code"]: r["count"] for r in second["confidential_advisors"]["by_department"]}
    assert rows["wi"] is None  # no longer small, but it was hidden in version 1
    assert "werk & inkomen" not in second["publication"]["corrections"][0]["note"].lower()


def test_the_xlsx_has_a_sheet_per_chapter_and_text_cells(employee_client, year_2021):
    DepartmentFactory(slug="formule", name="=SUM(A1:A9)")
    publish(2021)
    response = employee_client.get(year_2021.url + "xlsx/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert (
        book.sheetnames[:3] == ["Bewustwording", "Meldingen", "Vertrouwenspersonen"]
        or "Publieksagressie" in book.sheetnames
    )
    assert "Publieksagressie" in book.sheetnames and "Publicatie" in book.sheetnames
    labels = [
        (cell.value, cell.data_type) for row in book["Vertrouwenspersonen"].iter_rows() for cell in row[2:3]
    ]
    assert ("=SUM(A1:A9)", "s") in labels
    totals = {row[0].value: row[3].value for row in book["Publieksagressie"].iter_rows(min_row=2)}
    assert totals["public_aggression.total"] == 121
