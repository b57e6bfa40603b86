"""How the report reads: key figures as a grid, the editors' Dutch prose marked as Dutch on the
English page with the site's "not yet translated" notice."""

import re

import pytest
from wagtail.models import Locale, Page

from tests.statistics.factories import EmployeeSurveyFactory, annual_report_page, incidents, publish

pytestmark = pytest.mark.django_db

NARRATIVE = "Integriteit en ongewenst gedrag waren niet weg te denken uit het debat."


@pytest.fixture
def report(test_providers):
    EmployeeSurveyFactory(year=2021, respondents=3265, experienced=228)
    incidents(2021, 121)
    publish(2021)
    body = [("section", {"section": "meldingen", "content": [("text", f"<p>{NARRATIVE}</p>")]})]
    return annual_report_page(2021, body=body, intro="<p>Voorwoord van de directie.</p>")


def test_key_figures_stand_together_as_a_grid(employee_client, report):
    html = employee_client.get(report.url).content.decode()
    survey = html.split('id="medewerkersonderzoek"', 1)[1].split("</section>", 1)[0]
    grid = re.search(r'<ul class="statistics-numbers" role="list">(.*?)</ul>', survey, re.S)
    assert grid is not None
    assert grid.group(1).count('<li class="statistics-numbers__item"><div class="statistics-number">') == 3
    assert "3.265" in grid.group(1)  # thousands separator


def test_the_dutch_page_has_no_notice_and_no_foreign_language_marks(employee_client, report):
    html = employee_client.get(report.url).content.decode()
    assert "nog niet vertaald" not in html
    assert f'<div class="portal-rich-text" lang="nl"><p>{NARRATIVE}</p>' in html  # nl in an nl page


def test_the_english_page_marks_the_dutch_prose_and_says_it_is_not_translated(client, make_user, report):
    from portal.roles import Role

    english = Locale.objects.get(language_code="en")
    home = Page.objects.get(depth=2, locale__language_code="nl").specific
    home.copy_for_translation(english).save_revision().publish()
    section = report.get_parent().specific
    translated = section.copy_for_translation(english)
    translated.title = "Reporting"
    translated.save_revision().publish()
    client.force_login(make_user(Role.EMPLOYEE))
    response = client.get("/en/melden/jaarverslag-2021/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "This page has not been translated yet. You are reading the Dutch text." in html
    assert f'<div class="portal-rich-text" lang="nl"><p>{NARRATIVE}</p>' in html
    assert '<div class="portal-rich-text" lang="nl"><p>Voorwoord' in html
    assert "Awareness" in html  # the report's own headings are in English
