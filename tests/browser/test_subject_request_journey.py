"""A data-subject request: the administrator looks someone up (a typo first), downloads the PDF, and
erases after a wrong then a right confirmation; axe on every page at phone and desktop width."""

import pytest

from portal.roles import Role
from tests.home.factories import EmployeeProfileFactory
from tests.portal.factories import PASSWORD, UserFactory

LOOKUP = "/admin/betrokkenen/"
WIDTHS = (375, 1280)


@pytest.fixture
def people(live_db):
    UserFactory(username="beheer-journey", roles=[Role.ADMINISTRATOR])
    EmployeeProfileFactory(user=UserFactory(username="vertrokken-collega"))


def check_both_widths(page, axe, context: str):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{context} at {width}px"
        axe(page, f"{context} at {width}px", wcag22=True)


def test_an_administrator_exports_and_erases_a_colleague(page, axe, people):
    from tests.browser.conftest import sign_in

    sign_in(page, "beheer-journey", PASSWORD, path=LOOKUP)
    page.wait_for_url(f"**{LOOKUP}")
    check_both_widths(page, axe, "lookup")
    page.get_by_label("Gebruikersnaam van de medewerker").fill("vertrokken-colega")
    page.get_by_role("button", name="Opzoeken").click()
    page.get_by_text("Er is geen account met de gebruikersnaam").first.wait_for()  # waits for the next page
    assert page.get_by_label("Gebruikersnaam van de medewerker").input_value() == "vertrokken-colega"
    check_both_widths(page, axe, "lookup with an error")
    page.get_by_label("Gebruikersnaam van de medewerker").fill("vertrokken-collega")
    page.get_by_role("button", name="Opzoeken").click()
    page.get_by_text("Medewerkersprofiel (organisatieonderdeel)").first.wait_for()  # waits for the next page
    check_both_widths(page, axe, "overview")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download als PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.get_by_role("link", name="Gegevens van vertrokken-collega wissen…").click()
    page.get_by_label("Typ de gebruikersnaam om te bevestigen").fill("iemand-anders")
    page.get_by_role("button", name="Definitief wissen").click()
    page.get_by_text(
        "Dit is niet de gebruikersnaam van dit account"
    ).first.wait_for()  # waits for the next page
    check_both_widths(page, axe, "confirmation with an error")
    page.get_by_label("Typ de gebruikersnaam om te bevestigen").fill("vertrokken-collega")
    page.get_by_role("button", name="Definitief wissen").click()
    page.get_by_text("zijn gewist of geanonimiseerd").first.wait_for()  # waits for the next page
