"""The statistics' demo content: historical figures and survey of the 2021 report, and the page."""

import pytest

from forms.statistics import service
from forms.statistics.models import AnnualReportPage, HistoricalFigure
from home.models import Department

pytestmark = pytest.mark.django_db


def test_historical_department_figures_use_real_department_slugs(demo_content):
    slugs = set(Department.objects.values_list("slug", flat=True))
    for key in HistoricalFigure.objects.filter(key__contains=".by_department.").values_list("key", flat=True):
        assert key.rsplit(".", 1)[1] in slugs, key


def test_demo_survey_gives_the_seeds_percentages(demo_content):
    survey = service.export(2021, exact=True)["employee_survey"]
    assert survey == {"respondents": 3265, "experienced": 228, "percentage": 7.0, "previous_percentage": 6.0}
    assert service.export(2020)["employee_survey"]["previous_percentage"] == 9.0


def test_demo_report_page_is_published_under_a_section(employee_client, demo_content):
    page = AnnualReportPage.objects.get(year=2021)
    assert page.live and page.get_parent().slug == "melden"
    assert AnnualReportPage.search_section == "jaarverslag"
    response = employee_client.get(page.url)
    assert response.status_code == 200
    assert "7,0%" in response.content.decode()


def test_demo_lessons_of_seed_section_5_1_are_published_in_2021(employee_client, demo_content):
    from forms.models import LessonMeasure

    lessons = service.export(2021, exact=True)["integrity_reports"]["lessons"]
    assert lessons["measures"] == 3
    assert {row["code"]: row["count"] for row in lessons["by_status"]}["uitgevoerd"] == 1
    # Each came from a case of 2021, and the page lists them without those cases.
    measures = list(LessonMeasure.objects.select_related("case"))
    assert all(measure.case and measure.case.received_on.year == 2021 for measure in measures)
    html = employee_client.get(AnnualReportPage.objects.get(year=2021).url).content.decode()
    assert "reis)faciliteiten" in html and "gewenste omgangsvormen" in html
    assert all(measure.case.reference not in html for measure in measures)
