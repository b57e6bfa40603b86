"""First journey: sign in, see the home page, switch language, sign out — each page checked with axe."""

from playwright.sync_api import expect

from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in


def test_employee_signs_in_switches_language_and_signs_out(page, axe, live_demo_content):
    page.goto("/nl/")
    assert "/nl/account/login/" in page.url
    axe(page, "sign-in page")

    page.get_by_label("Gebruikersnaam").fill("medewerker")
    page.get_by_label("Wachtwoord").fill("niet-dit-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(
        page.get_by_text("Deze combinatie van gebruikersnaam en wachtwoord kennen we niet")
    ).to_be_visible()
    axe(page, "sign-in page with error")

    sign_in(page, "medewerker", DEMO_PASSWORD, path=page.url)
    page.wait_for_url("**/nl/")
    assert page.get_by_role("heading", level=1).inner_text() == "Integriteit en ongewenst gedrag"
    axe(page, "home page (nl)")

    page.get_by_role("navigation", name="Taal").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.get_by_role("heading", level=1).inner_text() == "Integrity and unwanted behaviour"
    assert page.locator("html").get_attribute("lang") == "en"
    axe(page, "home page (en)")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/account/login/**")
    page.goto("/nl/")
    assert "/account/login/" in page.url


def test_skip_link_is_the_first_stop_for_keyboard_users(page, live_demo_content):
    sign_in(page, "medewerker", DEMO_PASSWORD)
    page.wait_for_url("**/nl/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
