"""Journey: an employee opens the 2021 annual report, reads a chart and downloads the CSV (axe on each page).

Until the other sources are merged, the report's aggression and advisor figures come from the
statistics tests' sample source (real rows in a test-only table), registered for this test.
"""

import csv
import io

import pytest
from django.core.cache import cache

from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in


@pytest.fixture
def report_site(live_demo_content):
    cache.clear()
    yield
    cache.clear()


def test_employee_reads_a_chart_and_downloads_the_csv(page, axe, report_site):
    sign_in(page, "medewerker", DEMO_PASSWORD)
    page.wait_for_url("**/nl/")
    page.goto("/nl/melden/")
    page.get_by_role("link", name="Jaarverslag integriteit en ongewenst gedrag 2021").click()
    page.wait_for_url("**/jaarverslag-2021/")
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Jaarverslag integriteit en ongewenst gedrag 2021"
    )
    axe(page, "annual report 2021")

    chart = page.get_by_role("img", name="Incidenten publieksagressie naar soort (2021)")
    assert chart.is_visible()
    bar = chart.locator("g", has_text="Persoonlijke bedreiging")
    assert bar.locator(".statistics-chart__value").text_content() == "49"
    figure = page.locator("figure", has=chart)
    row = figure.get_by_role("row", name="Persoonlijke bedreiging")
    assert row.get_by_role("cell").first.inner_text() == "49"
    section = page.locator("#publieksagressie")
    assert "Daling van 20% ten opzichte van 2020 (151)" in section.inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de cijfers van 2021 (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "jaarcijfers-2021.csv"
    rows = list(csv.reader(io.StringIO(download.path().read_text(encoding="utf-8-sig"))))
    figures = {(key, code): count for key, code, _label, count in rows[1:]}
    assert figures[("public_aggression.total", "")] == "121"
    assert figures[("public_aggression.by_type", "persoonlijke-bedreiging")] == "49"
    assert figures[("employee_survey.percentage", "")] == "7.0"


def test_report_charts_print_without_javascript(page, axe, report_site):
    sign_in(page, "medewerker", DEMO_PASSWORD)
    page.wait_for_url("**/nl/")
    page.context.set_extra_http_headers({})
    page.goto("/nl/melden/jaarverslag-2021/")
    assert page.locator("main script").count() == 0
    page.emulate_media(media="print")
    assert page.get_by_role("img", name="Incidenten publieksagressie naar soort (2021)").is_visible()
    axe(page, "annual report 2021 (print)")
