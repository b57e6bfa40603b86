"""The second factor in a real browser: enrol an authenticator on first sign-in and sign in again
with a code; a passkey on Chromium's virtual authenticator; a recovery code. Every screen is
checked with axe at phone and desktop widths, and the CSP may block nothing (page fixture)."""

import time
from base64 import b32decode

from django_otp.oath import TOTP

from portal.mfa import SESSION_KEY
from portal.mfa.demo import give_demo_totp
from portal.mfa.devices import new_recovery_codes
from portal.roles import Role
from tests.portal.factories import PASSWORD, UserFactory

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def axe_both_widths(page, axe, context: str) -> None:
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        axe(page, f"{context} ({size['width']} px)")


def password_step(page, username: str, path: str = "/admin/") -> None:
    page.goto(path)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def code_at(secret: str, offset: float = 0) -> str:
    generator = TOTP(b32decode(secret))
    generator.time = time.time() + offset
    return f"{generator.token():06d}"


def test_enrol_an_authenticator_then_sign_in_with_a_code(page, axe, browser, live_server, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting after the wrong code (tests/portal tests it)
    UserFactory(username="iris", roles=[Role.INTEGRITY_OFFICE])
    password_step(page, "iris")
    page.wait_for_url("**/account/tweede-factor/instellen/?next=%2Fadmin%2F")
    assert page.locator("svg[role=img]").is_visible()
    axe_both_widths(page, axe, "enrol")

    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="App koppelen").click()
    page.get_by_text("Deze code klopt niet").first.wait_for()
    axe_both_widths(page, axe, "enrol with an error")

    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code", exact=True).fill(code_at(secret))
    page.get_by_role("button", name="App koppelen").click()
    page.wait_for_url("**/account/tweede-factor/herstelcodes/**")
    assert page.get_by_test_id("recovery-codes").locator("li").count() == 10
    axe_both_widths(page, axe, "recovery codes")
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url("**/admin/")

    # Signing in again (another browser): the password, then a code from the app.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    again = context.new_page()
    password_step(again, "iris")
    again.wait_for_url("**/account/tweede-factor/?next=%2Fadmin%2F")
    axe_both_widths(again, axe, "verify")
    again.get_by_label("Code", exact=True).fill(code_at(secret, 30))  # the enrolment used the current code
    again.get_by_role("button", name="Bevestigen", exact=True).click()
    again.wait_for_url("**/admin/")
    context.close()


def test_a_passkey_on_a_virtual_authenticator(page, axe):
    UserFactory(username="vera", roles=[Role.CONFIDENTIAL_ADVISOR])
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    password_step(page, "vera")
    page.wait_for_url("**/account/tweede-factor/instellen/**")
    page.get_by_role("button", name="Passkey instellen").click()
    page.wait_for_url("**/account/tweede-factor/herstelcodes/**")
    assert page.get_by_test_id("recovery-codes").locator("li").count() == 10
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url("**/admin/")

    # Sign out and in again: the passkey is the second step now.
    page.goto("/nl/")
    page.get_by_role("button", name="Uitloggen").click()
    password_step(page, "vera")
    page.wait_for_url("**/account/tweede-factor/?next=%2Fadmin%2F")
    page.get_by_role("button", name="Bevestigen met passkey").wait_for()
    axe_both_widths(page, axe, "verify with a passkey")
    page.get_by_role("button", name="Bevestigen met passkey").click()
    page.wait_for_url("**/admin/")
    from django.contrib.sessions.models import Session

    methods = [session.get_decoded().get(SESSION_KEY) for session in Session.objects.all()]
    assert "webauthn" in methods


def test_sign_in_with_a_recovery_code(page, axe, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # no waiting after the wrong code (tests/portal tests it)
    user = UserFactory(username="bram", roles=[Role.ADMINISTRATOR])
    give_demo_totp(user)
    code = new_recovery_codes(user)[3]
    password_step(page, "bram", path="/admin/users/")
    page.wait_for_url("**/account/tweede-factor/**")
    page.get_by_label("Code", exact=True).fill("niet-goed")
    page.get_by_role("button", name="Bevestigen", exact=True).click()
    page.get_by_text("Deze code klopt niet").first.wait_for()
    axe_both_widths(page, axe, "verify with an error")
    page.get_by_label("Code", exact=True).fill(code)
    page.get_by_role("button", name="Bevestigen", exact=True).click()
    page.wait_for_url("**/admin/users/")
