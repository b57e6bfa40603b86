"""The declarations register: an employee declares a gift (a mistake first), the manager decides,
the employee reads the decision; axe on every page."""

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from tests.portal.factories import PASSWORD, UserFactory
from tests.safework.factories import PlacementFactory, PositionFactory
from tests.vpd.factories import DepartmentFactory

LIST = "/nl/geschenken-en-nevenwerk/"


@pytest.fixture
def placed(live_db):
    department = DepartmentFactory(name="Publiekszaken", slug="publiekszaken")
    manager = UserFactory(username="leiding-pz", roles=[Role.MANAGER])
    employee = UserFactory(username="balie-pz")
    PlacementFactory(user=employee, position=PositionFactory(department=department), manager=manager)
    return employee, manager


def sign_out(page):
    page.context.clear_cookies()


def test_a_gift_declared_decided_and_read(page, axe, placed):
    from tests.browser.conftest import sign_in

    sign_in(page, "balie-pz", PASSWORD, path=LIST)
    page.wait_for_url(f"**{LIST}")
    axe(page, "my declarations")
    page.get_by_role("link", name="Geschenk of uitnodiging melden").click()
    page.get_by_label("Van wie").fill("Evenementenbureau Utrecht Live")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_text("Schat de waarde in euro's, ook als die laag is.").first).to_be_visible()
    assert page.get_by_label("Van wie").input_value() == "Evenementenbureau Utrecht Live"
    axe(page, "gift form with errors")
    page.get_by_label("Geschatte waarde in euro").fill("120,00")
    page.get_by_label("Datum ontvangen of aangeboden").fill("2026-03-01")
    page.get_by_label("Aanleiding").fill("Uitnodiging voor een concert.")
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_url("**/geschenken-en-nevenwerk/GES-*/")
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    axe(page, "declaration detail")

    sign_out(page)
    sign_in(page, "leiding-pz", PASSWORD, path=LIST)
    page.get_by_role("link", name=reference).click()
    page.get_by_role("link", name="Besluiten").click()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Motiveer het besluit.").first).to_be_visible()
    axe(page, "decision form with errors")
    page.get_by_label("Geweigerd").check()
    page.get_by_label("Motivering").fill("Boven de grens van de gedragscode.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd.")).to_be_visible()

    sign_out(page)
    sign_in(page, "balie-pz", PASSWORD, path=f"{LIST}{reference}/")
    assert page.get_by_text("Boven de grens van de gedragscode.").is_visible()
    axe(page, "declaration with decision")
