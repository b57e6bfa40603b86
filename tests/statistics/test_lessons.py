"""Lessons learned in the annual statistics: `integrity_reports.lessons` in the export (JSON, CSV,
XLSX), a list of measures on the annual report page without case, department or owner, frozen in
published snapshots (null in snapshots made before the key existed), and the retention rule."""

import csv
import datetime
import io
import re

import pytest
from django.test import Client
from openpyxl import load_workbook

from forms.lessons.retention import purge_lesson_owners
from forms.models import LessonMeasure
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory, LessonMeasureFactory
from tests.retention import figures, purge
from tests.statistics.factories import DepartmentFactory, annual_report_page, publish

pytestmark = pytest.mark.django_db

PROVIDERS = ["forms.figures.IntegrityReportsProvider", "forms.lessons.figures.LessonsProvider"]
API = "/api/statistics/2021.json"


@pytest.fixture
def lessons(settings, make_user):
    """Three measures agreed in 2021 (one done), one in 2022, from cases of 2021."""
    settings.STATISTICS_PROVIDERS = PROVIDERS
    department = DepartmentFactory(slug="bedrijfsvoering", name="Ondersteunende Bedrijfsvoering")
    owner = make_user(username="eigenaar", first_name="Ella", last_name="Eigenaarsma")
    case = IntegrityReportFactory(received_on=datetime.date(2021, 2, 22), department=department)
    made = [
        LessonMeasureFactory(
            measure="Geen faciliteiten meer verstrekken zonder toestemming van de leidinggevende.",
            case=case,
            department=department,
            owner=owner,
            status="uitgevoerd",
        ),
        LessonMeasureFactory(
            measure="Meer controle op het vergoeden van reisfaciliteiten.",
            case=case,
            department=department,
            owner=owner,
        ),
        LessonMeasureFactory(measure="Voorrang voor het gesprek over omgangsvormen.", case=case),
        LessonMeasureFactory(
            measure="Een maatregel van 2022.", case=case, agreed_on=datetime.date(2022, 2, 1)
        ),
    ]
    return made


@pytest.fixture
def office(make_user):
    office_client = Client()
    office_client.force_login(make_user(Role.INTEGRITY_OFFICE))
    return office_client


def by_status(data) -> dict:
    return {row["code"]: row["count"] for row in data["integrity_reports"]["lessons"]["by_status"]}


def test_the_export_counts_the_years_measures_by_status(office, lessons):
    data = office.get(API + "?live=1").json()
    lessons_2021 = data["integrity_reports"]["lessons"]
    assert lessons_2021["measures"] == 3  # the measure of 2022 counts in 2022
    assert set(lessons_2021) == {"measures", "by_status"}  # the measures' texts are no figures
    assert by_status(data) == {"gepland": 0, "in-uitvoering": 2, "uitgevoerd": 1, "vervallen": 0}
    assert [row["label"] for row in lessons_2021["by_status"]] == [
        "Gepland",
        "In uitvoering",
        "Uitgevoerd",
        "Vervallen",
    ]
    assert data["integrity_reports"]["total"] == 1  # the section around it is untouched
    assert (
        office.get("/api/statistics/2022.json?live=1").json()["integrity_reports"]["lessons"]["measures"] == 1
    )
    # A measure changes the live figures at once (the cache follows the register).
    LessonMeasureFactory(measure="Nog een.", case=lessons[0].case, status="vervallen")
    assert by_status(office.get(API + "?live=1").json())["vervallen"] == 1


def test_a_year_with_measures_but_no_reports_still_exports_them(office, settings):
    settings.STATISTICS_PROVIDERS = PROVIDERS
    LessonMeasureFactory(case=IntegrityReportFactory(received_on=datetime.date(2020, 12, 1)))
    data = office.get(API + "?live=1").json()
    assert data["integrity_reports"]["total"] is None
    assert data["integrity_reports"]["lessons"]["measures"] == 1
    # And a year with reports but no measures: the key is there, null.
    IntegrityReportFactory(received_on=datetime.date(2019, 5, 1))
    data_2019 = office.get("/api/statistics/2019.json?live=1").json()
    assert data_2019["integrity_reports"]["total"] == 1 and data_2019["integrity_reports"]["lessons"] is None


def test_csv_and_xlsx_hold_the_lessons_figures(office, lessons):
    page = annual_report_page(2021)
    rows = list(csv.reader(io.StringIO(office.get(page.url + "csv/?live=1").content.decode("utf-8-sig"))))
    found = {(row[0], row[1]): row[3] for row in rows[1:]}
    assert found[("integrity_reports.lessons.measures", "")] == "3"
    assert found[("integrity_reports.lessons.by_status", "in-uitvoering")] == "2"
    book = load_workbook(io.BytesIO(office.get(page.url + "xlsx/?live=1").content))
    sheet = {(row[0].value, row[1].value): row[3].value for row in book["Meldingen"].iter_rows(min_row=2)}
    assert sheet[("integrity_reports.lessons.measures", None)] == 3


def lessons_block(html: str) -> str:
    found = re.search(r'<div class="statistics-lessons">(.*?)</div>', html, re.S)
    assert found, "no list of lessons on the page"
    return found.group(1)


def test_the_page_lists_the_measures_without_case_department_or_owner(employee_client, lessons):
    page = annual_report_page(2021)
    publish(2021)
    html = employee_client.get(page.url).content.decode()
    chapter = re.search(r'id="meldingen".*?</section>', html, re.S).group(0)
    listed = lessons_block(chapter)
    assert "Meer controle op het vergoeden van reisfaciliteiten." in listed
    assert "(uitgevoerd)" in listed and "(in uitvoering)" in listed
    assert "Een maatregel van 2022." not in listed
    assert "Ondersteunende Bedrijfsvoering" not in listed
    # Control: the register itself holds the case, department and owner the page leaves out.
    case = lessons[0].case
    assert lessons[0].department.name == "Ondersteunende Bedrijfsvoering" and lessons[0].owner is not None
    assert case.reference not in html and "Eigenaarsma" not in html
    assert f"M2021-{case.pk:04d}" == case.reference
    # Nor do the published figures hold them: what is frozen is what the page shows.
    snapshot = publish(2021, reason="opnieuw")
    items = snapshot.report["sections"]["integrity_reports.lessons"]["items"]
    assert all(set(item) == {"measure", "status"} for item in items)
    # The count is on the page too (every export figure that has a place on the page is shown).
    assert "Maatregelen naar aanleiding van meldingen" in chapter


def test_publishing_freezes_the_lessons_and_a_correction_names_the_change(employee_client, office, lessons):
    page = annual_report_page(2021)
    publish(2021)
    first = lessons[1]
    first.measure = "Een later herschreven tekst."
    first.save()
    LessonMeasureFactory(measure="Achteraf toegevoegd.", case=lessons[0].case)  # backdated into 2021

    published = employee_client.get(API).json()["integrity_reports"]["lessons"]
    assert published["measures"] == 3
    html = employee_client.get(page.url).content.decode()
    listed = lessons_block(html)
    assert "Meer controle op het vergoeden van reisfaciliteiten." in listed
    assert "Een later herschreven tekst." not in listed and "Achteraf toegevoegd." not in listed
    live = office.get(API + "?live=1").json()["integrity_reports"]["lessons"]
    assert live["measures"] == 4

    publish(2021)
    data = employee_client.get(API).json()
    assert data["integrity_reports"]["lessons"]["measures"] == 4
    note = data["publication"]["corrections"][0]["note"]
    assert "maatregelen naar aanleiding van meldingen 3 → 4" in note
    assert "Achteraf toegevoegd." in lessons_block(employee_client.get(page.url).content.decode())


def test_a_snapshot_made_before_lessons_existed_shows_null(employee_client, lessons):
    page = annual_report_page(2021)
    snapshot = publish(2021)
    del snapshot.report["sections"]["integrity_reports.lessons"]  # as if published before this branch
    snapshot.save()
    data = employee_client.get(API).json()
    assert "lessons" in data["integrity_reports"] and data["integrity_reports"]["lessons"] is None
    assert data["integrity_reports"]["total"] == 1
    response = employee_client.get(page.url)
    assert response.status_code == 200
    assert 'class="statistics-lessons"' not in response.content.decode()  # no list, no error
    csv_text = employee_client.get(page.url + "csv/").content.decode("utf-8-sig")
    assert "integrity_reports.lessons," in csv_text  # a row with an empty count


def test_the_retention_rule_forgets_the_owner_of_long_finished_measures_only(settings, lessons):
    settings.STATISTICS_PROVIDERS = PROVIDERS
    done, open_one, *_ = lessons
    LessonMeasure.objects.filter(pk=done.pk).update(finished_on=datetime.date(2021, 12, 1))
    recent = LessonMeasureFactory(status="vervallen", owner=done.owner, case=done.case)  # finished today
    before = figures(2021)

    printed = purge("forms.lessons", settings, days=365)
    assert "forms.lessons: 1 purged" in printed
    done.refresh_from_db(), open_one.refresh_from_db(), recent.refresh_from_db()
    assert done.owner is None and done.owner_purged_on is not None
    assert open_one.owner is not None  # still being carried out, however old
    assert recent.owner is not None  # finished within the period
    assert figures(2021) == before  # the statistics never change by a purge
    assert purge_lesson_owners(datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)) == 1  # control: `recent`
