"""Year-round activities in every output (page, JSON, CSV, XLSX, snapshot), the multi-year trend
(published and historical years only, frozen as published), and comparisons that never say None%."""

import csv
import datetime
import io
import re
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from awareness.models import Registration
from forms.statistics import trend
from portal.roles import Role
from tests.awareness.factories import RegistrationFactory, SessionFactory, edition_page, programme_item
from tests.statistics.factories import (
    EmployeeSurveyFactory,
    HistoricalFigureFactory,
    TallyRecordFactory,
    annual_report_page,
    incidents,
    publish,
)
from tests.statistics.records import TEST_PROVIDERS

pytestmark = pytest.mark.django_db

WITH_ACTIVITIES = [
    "awareness.figures.ResilienceWeekProvider",
    "awareness.figures.YearRoundProvider",
    *TEST_PROVIDERS,
]


@pytest.fixture
def providers(settings):
    settings.STATISTICS_PROVIDERS = WITH_ACTIVITIES


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def on(year, month, day):
    start = timezone.make_aware(datetime.datetime(year, month, day, 10))
    return {"start": start, "end": start + datetime.timedelta(hours=2)}


@pytest.fixture
def activities_2022(providers):
    """Three year-round activities in 2022 (one with 1,250 registrations) and one item of the week."""
    big = SessionFactory(item=programme_item(title="Dilemmacafé"), capacity=None, **on(2022, 3, 1))
    Registration.objects.bulk_create(  # no signals needed: each test starts with an empty cache
        Registration(session=big, name=f"C {n}", email=f"collega{n}@portaal.invalid", attended=True)
        for n in range(1250)
    )
    small = SessionFactory(item=programme_item(title="Excursie"), **on(2022, 5, 1))
    RegistrationFactory(session=small, email="collega1@portaal.invalid", attended=False)
    SessionFactory(item=programme_item(title="Lezing"), **on(2022, 9, 1))
    week = SessionFactory(item=programme_item(parent=edition_page(2022)), **on(2022, 10, 11))
    RegistrationFactory(session=week, email="week@portaal.invalid")
    incidents(2022, 6)


def test_year_round_activities_are_on_the_page_and_in_every_export(employee_client, activities_2022):
    publish(2022)
    data = employee_client.get("/api/statistics/2022.json").json()
    assert data["awareness"]["year_round"] == {
        "activities": 3,
        "registrations": 1251,
        "participants": 1250,  # collega1 registered for both
        "attended": 1250,
    }
    assert data["awareness"]["resilience_week"] == {
        "programme_items": 1,
        "registrations": 1,
        "participants": 1,
    }
    page = annual_report_page(2022)
    body = text(employee_client.get(page.url).content.decode())
    assert "Activiteiten door het jaar heen (buiten de Week van de Weerbaarheid)" in body
    assert "1.251 Aanmeldingen voor activiteiten door het jaar heen" in body  # thousands separator
    rows = list(csv.reader(io.StringIO(employee_client.get(page.url + "csv/").content.decode("utf-8-sig"))))
    assert [
        "awareness.year_round.attended",
        "",
        "Aanwezig bij activiteiten door het jaar heen (bij de presentie geregistreerd)",
        "1250",
    ] in rows
    book = load_workbook(io.BytesIO(employee_client.get(page.url + "xlsx/").content))
    sheet = [[cell.value for cell in row] for row in book["Bewustwording"].iter_rows()]
    assert any(row[0] == "awareness.year_round.activities" and row[3] == 3 for row in sheet)


def test_a_snapshot_made_before_year_round_existed_shows_it_as_null(employee_client, activities_2022):
    snapshot = publish(2022)
    del snapshot.report["sections"]["awareness.year_round"]  # as if published before the key existed
    snapshot.save()
    data = employee_client.get("/api/statistics/2022.json").json()
    assert data["awareness"]["year_round"] is None
    assert data["awareness"]["resilience_week"]["programme_items"] == 1


def test_the_published_figures_stay_when_a_late_registration_comes_in(employee_client, activities_2022):
    publish(2022)
    late = SessionFactory(item=programme_item(), **on(2022, 12, 1))
    RegistrationFactory(session=late, email="laat@portaal.invalid")
    data = employee_client.get("/api/statistics/2022.json").json()
    assert data["awareness"]["year_round"]["activities"] == 3


def test_the_office_sees_the_late_registration_live(make_user, activities_2022):
    publish(2022)
    late = SessionFactory(item=programme_item(), **on(2022, 12, 1))
    RegistrationFactory(session=late, email="laat@portaal.invalid")
    office = Client()
    office.force_login(make_user(Role.INTEGRITY_OFFICE))
    data = office.get("/api/statistics/2022.json?live=1").json()
    assert data["awareness"]["year_round"]["activities"] == 4


# --- the multi-year trend ----------------------------------------------------------------------------


@pytest.fixture
def years(test_providers):
    """2019 historical, 2020 and 2021 published, 2022 with records but unpublished."""
    HistoricalFigureFactory(year=2019, key="public_aggression.total", value=160)
    EmployeeSurveyFactory(year=2019, respondents=None, experienced=None, percentage=9)
    incidents(2020, 151)
    EmployeeSurveyFactory(year=2020, respondents=None, experienced=None, percentage=6)
    incidents(2021, 121)
    EmployeeSurveyFactory(year=2021, respondents=3265, experienced=228)
    incidents(2022, 130)
    publish(2020)
    publish(2021)


def points(series, key):
    return [(point["year"], point["count"]) for point in series[key]]


def test_the_trend_holds_published_and_historical_years_only(employee_client, years):
    data = employee_client.get("/api/statistics/2021.json").json()
    assert points(data["trend"], "public_aggression.total") == [(2019, 160), (2020, 151), (2021, 121)]
    assert points(data["trend"], "employee_survey.percentage") == [(2019, 9.0), (2020, 6.0), (2021, 7.0)]
    # The unpublished 2022 is in no trend, not even in the office's live view of 2022.
    assert all(point["year"] <= 2021 for series in data["trend"].values() for point in series)
    assert points(trend.trend(2022), "public_aggression.total")[-1] == (2021, 121)


def test_the_trend_shows_the_published_figure_not_a_backdated_one(employee_client, years):
    TallyRecordFactory(source="aggression", year=2020)  # backdated after 2020 was published
    data = employee_client.get("/api/statistics/2021.json").json()
    assert (2020, 151) in points(data["trend"], "public_aggression.total")
    publish(2020, reason="Nagekomen incident")  # the correction is what the trend then shows
    data = employee_client.get("/api/statistics/2021.json").json()
    assert (2020, 152) in points(data["trend"], "public_aggression.total")


def test_a_year_with_records_is_not_historical_even_with_historical_figures(test_providers):
    # Control for the rule above: 2018 has a record, so its historical figure does not make it public.
    HistoricalFigureFactory(year=2018, key="public_aggression.total", value=10)
    incidents(2018, 3)
    incidents(2021, 4)
    publish(2021)
    assert points(trend.trend(2021), "public_aggression.total") == [(2021, 4)]


def test_the_trend_needs_few_queries_whatever_the_number_of_years(years, django_assert_max_num_queries):
    trend.trend(2021)  # historical years' figures cached
    with django_assert_max_num_queries(2):  # the snapshots; the years with historical figures
        trend.trend(2021)


def test_the_report_shows_each_trend_as_an_accessible_chart_and_table(employee_client, years):
    page = annual_report_page(2021)
    html = employee_client.get(page.url).content.decode()
    chapter = html.split('id="meerjarenoverzicht"', 1)[1].split("</section>", 1)[0]
    figure = chapter.split('class="statistics-chart statistics-trend"', 1)[1]
    # The caption comes first, the SVG has a title and a description with the same data.
    assert figure.index("<figcaption") < figure.index("<svg")
    assert 'role="img"' in figure and "<desc" in figure
    assert "Meerjarenoverzicht" in html
    body = text(chapter)
    assert "2019: 160; 2020: 151; 2021: 121" in body
    assert "2022" not in body
    assert "geen vergelijking" in body and "-20%" in body  # 2019 has no year before it
    assert "procentpunt" in body  # the survey's change in percentage points
    assert "None" not in text(html)


def test_the_csv_and_xlsx_carry_the_trend(employee_client, years):
    page = annual_report_page(2021)
    rows = list(csv.reader(io.StringIO(employee_client.get(page.url + "csv/").content.decode("utf-8-sig"))))
    assert [
        "trend.public_aggression.total",
        "2019",
        "Incidenten publieksagressie en geweld (GIR)",
        "160",
    ] in rows
    book = load_workbook(io.BytesIO(employee_client.get(page.url + "xlsx/").content))
    values = [[cell.value for cell in row] for row in book["Meerjarenoverzicht"].iter_rows()]
    assert [
        "trend.public_aggression.total",
        "2021",
        "Incidenten publieksagressie en geweld (GIR)",
        121,
    ] in values


# --- comparisons never read None% --------------------------------------------------------------------


def test_a_figure_from_zero_reads_new_and_zero_to_zero_reads_no_comparison(employee_client, test_providers):
    HistoricalFigureFactory(year=2020, key="public_aggression.total", value=0)
    HistoricalFigureFactory(year=2020, key="public_aggression.by_type.fysieke-agressie", value=0)
    HistoricalFigureFactory(year=2020, key="public_aggression.by_type.verbale-agressie", value=0)
    incidents(2021, 12, kind="fysieke-agressie")
    publish(2021)
    body = text(employee_client.get(annual_report_page(2021).url).content.decode())
    assert "None" not in body
    assert "Nieuw ten opzichte van 2020 (0)" in body
    assert re.search(r"Fysieke agressie 12 0 nieuw", body)
    assert re.search(r"Verbale agressie 0 0 geen vergelijking", body)
