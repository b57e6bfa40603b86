"""The annual report page: chapters with live figures, comparisons, charts, suppression and the CSV."""

import csv
import io
import re
from html import unescape

import pytest

from tests.statistics.factories import (
    DepartmentFactory,
    EmployeeSurveyFactory,
    HistoricalFigureFactory,
    annual_report_page,
    conversations,
    incidents,
    publish,
)

pytestmark = pytest.mark.django_db


def cells(html: str) -> list[str]:
    return [unescape(cell.strip()) for cell in re.findall(r">([^<>]*)<", html) if cell.strip()]


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def figures(test_providers):
    EmployeeSurveyFactory(year=2021, respondents=3265, experienced=228)
    EmployeeSurveyFactory(year=2020, respondents=None, experienced=None, percentage=6)
    incidents(2021, 49, kind="persoonlijke-bedreiging")
    incidents(2021, 18, kind="fysieke-agressie")
    incidents(2021, 54, kind="verbale-agressie")
    HistoricalFigureFactory(year=2020, key="public_aggression.total", value=151)
    HistoricalFigureFactory(year=2020, key="public_aggression.by_type.persoonlijke-bedreiging", value=39)
    HistoricalFigureFactory(year=2020, key="public_aggression.by_type.fysieke-agressie", value=28)
    conversations(2021, DepartmentFactory(slug="stadsbedrijven", name="Stadsbedrijven"), colleagues=23)
    conversations(2021, DepartmentFactory(slug="wi", name="Werk & Inkomen"), colleagues=3)
    publish(2021)


def test_a_page_without_narrative_shows_every_chapter_with_figures(employee_client, figures):
    page = annual_report_page(2021)
    response = employee_client.get(page.url)
    assert response.status_code == 200
    body = text(response)
    for heading in [
        "Bewustwording",
        "Meldingen van (vermoedens van) schendingen en opvolging",
        "Vertrouwenspersonen",
        "Medewerkersonderzoek",
        "Geregistreerde incidenten publieksagressie en geweld",
        "Collegiale opvang door het bedrijfsopvangteam (BOT)",
        "Bijlage: overzicht opvolging van meldingen",
    ]:
        assert heading in body
    assert "121" in body
    assert "Daling van 20% ten opzichte van 2020 (151)" in body
    assert "7,0%" in body and "Stijging ten opzichte van 6,0% in 2020" in body


def test_breakdown_shows_the_previous_year_and_the_change(employee_client, figures):
    response = employee_client.get(annual_report_page(2021).url)
    html = response.content.decode()
    row = re.search(
        r'<tr class="utrecht-table__row" data-code="persoonlijke-bedreiging">(.*?)</tr>', html, re.S
    )
    assert cells(row.group(1)) == ["Persoonlijke bedreiging", "49", "39", "+26%"]
    row = re.search(r'data-code="fysieke-agressie">(.*?)</tr>', html, re.S)
    assert cells(row.group(1)) == ["Fysieke agressie", "18", "28", "-36%"]


def test_charts_are_accessible_svg_with_the_same_data_as_a_table(employee_client, figures):
    html = employee_client.get(annual_report_page(2021).url).content.decode()
    chart = re.search(r'<svg class="statistics-chart__svg".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in chart
    title_id, desc_id = re.search(r'aria-labelledby="(\S+) (\S+)"', chart).groups()
    assert f'<title id="{title_id}">' in chart and f'<desc id="{desc_id}">' in chart
    assert "<script" not in html.split("<main", 1)[1]
    by_type = [
        c
        for c in re.findall(r'<svg class="statistics-chart__svg".*?</svg>', html, re.S)
        if "Verbale agressie" in c
    ]
    assert by_type
    labels = re.findall(r'class="statistics-chart__label"[^>]*>([^<]+)<', by_type[0])
    values = re.findall(r'class="statistics-chart__value"[^>]*>([^<]+)<', by_type[0])
    assert dict(zip(labels, values, strict=True))["Persoonlijke bedreiging"] == "49"
    assert "Persoonlijke bedreiging: 49" in re.search(r"<desc[^>]*>([^<]*)</desc>", by_type[0]).group(1)


def test_small_department_counts_are_hidden_under_one_label(employee_client, figures):
    html = employee_client.get(annual_report_page(2021).url).content.decode()
    row = re.search(r'data-code="wi">(.*?)</tr>', html, re.S).group(1)
    assert "verborgen" in row and ">3<" not in row
    assert html.count('class="statistics-suppressed"') >= 2  # a second cell hides the derived value
    assert "&lt; 5" not in html  # one label: a reader cannot tell the small hidden cell from the other


def test_editors_narrative_and_placed_blocks_replace_the_standard_figures(employee_client, figures):
    body = [
        (
            "section",
            {
                "section": "publieksagressie",
                "content": [
                    ("text", "<p>Het GIR laat zien dat vooral persoonlijke bedreiging veel voorkwam.</p>"),
                    ("number", {"figure": "public_aggression.by_type.persoonlijke-bedreiging", "label": ""}),
                ],
            },
        )
    ]
    body_number = {"figure": "public_aggression.total", "label": "Meldingen in het GIR"}
    body[0][1]["content"].append(("number", body_number))
    from forms.statistics.blocks import NUMBERS

    NUMBERS_KEYS = {key for key, _label in NUMBERS}
    assert "public_aggression.total" in NUMBERS_KEYS
    page = annual_report_page(2021, body=body)
    html = employee_client.get(page.url).content.decode()
    section = re.search(
        r'<section class="statistics-section" id="publieksagressie".*?</section>', html, re.S
    ).group(0)
    assert "vooral persoonlijke bedreiging" in section
    assert "Meldingen in het GIR" in section
    assert "statistics-chart" not in section  # the standard chart is replaced by the editor's choice


def test_a_year_without_data_shows_the_office_a_friendly_page(client, make_user, test_providers):
    from portal.roles import Role

    page = annual_report_page(2019)
    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Voor 2019 zijn nog geen cijfers bekend" in text(response)
    assert client.get(page.url + "csv/").status_code == 404


def test_csv_download_has_the_same_figures(employee_client, figures):
    page = annual_report_page(2021)
    response = employee_client.get(page.url + "csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="jaarcijfers-2021.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["cijfer", "code", "omschrijving", "aantal"]
    index = {(row[0], row[1]): row[3] for row in rows[1:]}
    assert index[("public_aggression.total", "")] == "121"
    assert index[("public_aggression.change_percent", "")] == "-20"
    assert index[("public_aggression.by_type", "persoonlijke-bedreiging")] == "49"
    assert index[("employee_survey.percentage", "")] == "7.0"
    assert index[("confidential_advisors.by_department", "wi")] == ""  # suppressed for employees
    assert index[("confidential_advisors.by_department", "onbekend")] == "0"


def test_the_page_links_to_the_csv(employee_client, figures):
    page = annual_report_page(2021)
    assert f'href="{page.url}csv/"' in employee_client.get(page.url).content.decode()


def test_page_query_count_is_bounded_and_independent_of_records(
    employee_client, figures, django_assert_max_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = annual_report_page(2021)
    employee_client.get(page.url)  # session, menus and figures warmed
    with CaptureQueriesContext(connection) as few:
        employee_client.get(page.url)
    few = len(few)  # read now: Django keeps a bounded log of queries
    incidents(2021, 300, kind="intimidatie")
    conversations(2021, DepartmentFactory(slug="ruimte", name="Ruimte"), colleagues=40)
    cache.clear()
    employee_client.get(page.url)
    with django_assert_max_num_queries(few), CaptureQueriesContext(connection) as many:
        employee_client.get(page.url)
    assert len(many) == few
    cache.clear()
    with django_assert_max_num_queries(40):  # cold: a few grouped queries per source, not per record
        employee_client.get(page.url)


def test_signed_out_people_are_sent_to_sign_in(client, figures):
    page = annual_report_page(2021)
    for path in (page.url, page.url + "csv/"):
        response = client.get(path)
        assert response.status_code == 302 and "login" in response["Location"]
