"""Lockout page and own-sessions page in a real browser, on a phone and a desktop, checked with axe."""

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from tests.browser.conftest import sign_in
from tests.portal.factories import PASSWORD, UserFactory

SIZES = {
    "phone": {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}


@pytest.fixture(params=sorted(SIZES))
def sized_page(request, browser, live_server, live_db):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", **SIZES[request.param])
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_ten_wrong_passwords_show_the_lockout_page(sized_page, axe):
    page = sized_page
    UserFactory(username="anna-lockout", roles=[])
    page.goto("/nl/account/login/")
    for _ in range(10):
        page.get_by_label("Gebruikersnaam").fill("anna-lockout")
        page.get_by_label("Wachtwoord").fill("verkeerd-wachtwoord")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen tijdelijk geblokkeerd"
    assert page.get_by_role("link", name="Wachtwoord opnieuw instellen").is_visible()
    assert no_horizontal_scroll(page)
    axe(page, "lockout page (nl)")

    # The right password is refused meanwhile, in English too.
    page.goto("/en/account/login/")
    page.get_by_label("Username").fill("anna-lockout")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signing in temporarily blocked")
    assert page.locator("html").get_attribute("lang") == "en"
    axe(page, "lockout page (en)")


def test_own_sessions_page_and_signing_out_elsewhere(sized_page, browser, live_server, axe):
    page = sized_page
    UserFactory(username="bert-sessies", roles=[Role.EDITOR])
    # Bert is signed in on another device too.
    other = browser.new_context(base_url=live_server.url, locale="nl-NL")
    other_page = other.new_page()
    sign_in(other_page, "bert-sessies", PASSWORD)
    other_page.wait_for_url("**/nl/")

    sign_in(page, "bert-sessies", PASSWORD)
    page.wait_for_url("**/nl/")
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():  # on a phone the account links are behind the menu button
        menu.click()
    page.get_by_role("link", name="Waar ben ik ingelogd?").click()
    page.wait_for_url("**/nl/account/sessies/")
    assert page.get_by_role("heading", level=1).inner_text() == "Waar je bent ingelogd"
    assert page.locator(".portal-sessions__item").count() == 2
    assert no_horizontal_scroll(page)
    axe(page, "own sessions page")

    page.get_by_role("button", name="Log overal uit behalve hier").click()
    page.wait_for_url("**/nl/account/sessies/")
    assert page.locator(".portal-sessions__item").count() == 1
    assert page.get_by_text("Je bent uitgelogd op de andere apparaten.").is_visible()
    axe(page, "own sessions page after signing out elsewhere")

    other_page.goto("/nl/")
    assert "/account/login/" in other_page.url
    other.close()
