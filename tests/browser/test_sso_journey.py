"""Single sign-on against a real OpenID Connect provider process: the authorization-code flow with
PKCE in the browser, accounts made and kept in step at sign-in, sessions ended by the provider,
and every refused answer on a clear page (docs/authentication.md)."""

from urllib.parse import parse_qs, urlencode, urlparse, urlunparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore

from home.models import EmployeeProfile
from portal.roles import Role
from sso.backends import CHECKED_AT, REFRESH_TOKEN
from sso.models import IdentityLink, ProviderRoleGrant
from tests.home.factories import DepartmentFactory

IDP_PASSWORD = "idp-wachtwoord"


@pytest.fixture
def sso(sso_settings, oidc_provider, live_server):
    oidc_provider.control(
        "client",
        redirect_uris=[f"{live_server.url}/oidc/callback/"],
        post_logout_redirect_uris=[f"{live_server.url}/nl/account/login/"],
    )
    oidc_provider.fault()  # no fault left over from an earlier test
    # The roles come from a data migration; a transactional test that ran before may have flushed them.
    for role in Role:
        Group.objects.get_or_create(name=str(role))
    DepartmentFactory(name="Werk en Inkomen", slug="werk-en-inkomen")
    return oidc_provider


def person(provider, username, groups=(), amr=("pwd",), department="WI", **claims):
    provider.person(
        username,
        IDP_PASSWORD,
        active=True,
        claims={
            "employee_number": claims.pop("employee_number", f"nr-{username}"),
            "given_name": username.capitalize(),
            "family_name": "de Vries",
            "email": f"{username}@gemeente.invalid",
            "department": department,
            "groups": list(groups),
            "amr": list(amr),
            **claims,
        },
    )


def sso_sign_in(page, username, path="/nl/"):
    """Start at the portal, sign in at the provider when it asks, and come back to the portal."""
    page.goto(path)
    page.get_by_role("link", name="Inloggen met Test-IdP").click()
    page.wait_for_load_state()
    if page.url.startswith("http://127.0.0.1:") and "/login/" in page.url:  # the provider asks
        page.get_by_label("IdP username").fill(username)
        page.get_by_label("IdP password").fill(IDP_PASSWORD)
        page.get_by_role("button", name="Sign in at the IdP").click()


def signed_in(page) -> bool:
    page.goto("/nl/")
    return "/account/login/" not in page.url


def portal_session(page) -> SessionStore:
    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    return SessionStore(session_key=key)


def roles(username) -> set[str]:
    return set(get_user_model().objects.get(username=username).groups.values_list("name", flat=True))


def test_first_sign_in_creates_the_user_and_sign_out_ends_both_sessions(page, axe, sso):
    person(sso, "anna", groups=["idp-editors", "idp-unknown"], employee_number="104711")
    page.goto("/nl/")
    assert page.get_by_role("link", name="Inloggen met Test-IdP").is_visible()
    axe(page, "sign-in page with single sign-on")

    sso_sign_in(page, "anna")
    page.wait_for_url("**/nl/")
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    axe(page, "home page after single sign-on")

    user = get_user_model().objects.get(username="104711")
    assert (user.first_name, user.last_name, user.email) == ("Anna", "de Vries", "anna@gemeente.invalid")
    assert not user.has_usable_password()
    assert roles("104711") == {str(Role.EMPLOYEE), str(Role.EDITOR)}
    assert EmployeeProfile.objects.get(user=user).department.slug == "werk-en-inkomen"
    assert IdentityLink.objects.get(user=user).issuer == sso.issuer
    # Password only at the provider (amr "pwd"): no second factor recorded for the portal.
    assert "portal_second_factor" not in portal_session(page).load()
    assert sso.refresh_tokens("anna") == 1

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/nl/account/login/")
    assert sso.refresh_tokens("anna") == 0  # the provider ended its session and its tokens
    assert not signed_in(page)
    # Signing in again asks for the provider's password: its session ended too.
    page.get_by_role("link", name="Inloggen met Test-IdP").click()
    page.wait_for_url("http://127.0.0.1:*/login/**")


def test_roles_follow_the_provider_but_roles_granted_in_the_portal_stay(page, sso):
    person(sso, "bram", groups=["idp-editors"])
    sso_sign_in(page, "bram")
    page.wait_for_url("**/nl/")
    user = get_user_model().objects.get(username="nr-bram")
    # Granted in the portal: the office's role (by the office lead) and a manager role.
    user.groups.add(*Group.objects.filter(name__in=[Role.INTEGRITY_OFFICE, Role.MANAGER]))
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/nl/account/login/")

    # The office's role needs a second factor (portal/mfa/): from now on the provider asserts one.
    person(sso, "bram", groups=["idp-managers"], department="Stadsbedrijven", amr=["pwd", "mfa"])
    sso_sign_in(page, "bram")
    page.wait_for_url("**/nl/")
    assert roles("nr-bram") == {str(Role.EMPLOYEE), str(Role.MANAGER), str(Role.INTEGRITY_OFFICE)}
    assert EmployeeProfile.objects.get(user=user).department is None  # unknown department: none
    # Manager was held already (granted in the portal), so the provider did not become its source.
    assert not ProviderRoleGrant.objects.filter(user=user).exists()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/nl/account/login/")

    person(sso, "bram", groups=[], amr=["pwd", "mfa"])
    sso_sign_in(page, "bram")
    page.wait_for_url("**/nl/")
    assert roles("nr-bram") == {str(Role.EMPLOYEE), str(Role.MANAGER), str(Role.INTEGRITY_OFFICE)}


def test_a_blocked_user_loses_the_portal_session_at_the_next_check(page, axe, sso, settings):
    settings.OIDC_RECHECK_SECONDS = 300
    person(sso, "carla")
    sso_sign_in(page, "carla")
    page.wait_for_url("**/nl/")

    def interval_passes():
        session = portal_session(page)
        session[CHECKED_AT] = session[CHECKED_AT] - 301
        session.save()

    # Control: an active person passes the check, with a new (rotated) refresh token.
    before = portal_session(page).load()[REFRESH_TOKEN]
    interval_passes()
    assert signed_in(page)
    assert portal_session(page).load()[REFRESH_TOKEN] != before

    sso.block("carla")
    assert signed_in(page)  # within the interval nobody asks the provider
    interval_passes()
    page.goto("/nl/")
    assert "/nl/account/login/" in page.url
    assert page.get_by_text("Je sessie is beëindigd").is_visible()
    axe(page, "sign-in page after the provider ended the session")
    assert not signed_in(page)


def test_multi_factor_at_the_provider_counts_as_the_second_factor(page, sso):
    person(sso, "dirk", amr=["pwd", "mfa"])
    sso_sign_in(page, "dirk")
    page.wait_for_url("**/nl/")
    assert portal_session(page).load()["portal_second_factor"] == "idp"


def refused(page, axe, context):
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen is niet gelukt"
    assert page.get_by_role("link", name="Opnieuw inloggen").is_visible()
    axe(page, context)
    assert not signed_in(page)


@pytest.mark.parametrize(
    "fault",
    [{"nonce": "vervalst"}, {"aud": "een-andere-toepassing"}, {"expired": True}],
    ids=["tampered-nonce", "wrong-audience", "expired-token"],
)
def test_a_bad_id_token_is_refused_on_a_clear_page(page, axe, sso, fault):
    person(sso, "eva")
    sso.fault(**fault)
    responses = []
    page.on("response", lambda r: responses.append(r.status) if "/oidc/callback/" in r.url else None)
    sso_sign_in(page, "eva")
    page.wait_for_url("**/oidc/callback/**")
    assert responses == [400]
    refused(page, axe, f"refused sign-in ({next(iter(fault))})")
    assert not get_user_model().objects.filter(username="nr-eva").exists()


def test_a_tampered_state_is_refused_and_the_real_one_still_works(page, axe, sso):
    person(sso, "frits")
    # Signed in at the provider; the portal's sign-in is then walked hop by hop with the browser's
    # own cookies, so the provider's answer can be held back before it reaches the portal.
    page.goto(f"{sso.url}/login/?next=/o/.well-known/openid-configuration")
    page.get_by_label("IdP username").fill("frits")
    page.get_by_label("IdP password").fill(IDP_PASSWORD)
    page.get_by_role("button", name="Sign in at the IdP").click()
    page.wait_for_url("**/openid-configuration")
    to_provider = page.request.get("/oidc/authenticate/", max_redirects=0).headers["location"]
    answer = page.request.get(to_provider, max_redirects=0).headers["location"]
    assert "/oidc/callback/?" in answer

    real = urlparse(answer)
    query = {key: values[0] for key, values in parse_qs(real.query).items()}
    tampered = urlunparse(real._replace(query=urlencode({**query, "state": "aangepast" + query["state"]})))
    response = page.goto(tampered)
    assert response.status == 400
    refused(page, axe, "refused sign-in (tampered state)")

    page.goto(answer)  # control: the untampered answer signs in
    page.wait_for_url("**/nl/")
    assert signed_in(page)


def test_the_refusal_page_speaks_english_to_english_browsers(browser, live_server, axe, sso):
    person(sso, "gijs")
    sso.fault(expired=True)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    try:
        page.goto("/en/")
        page.get_by_role("link", name="Sign in with Test-IdP").click()
        page.get_by_label("IdP username").fill("gijs")
        page.get_by_label("IdP password").fill(IDP_PASSWORD)
        page.get_by_role("button", name="Sign in at the IdP").click()
        page.wait_for_url("**/oidc/callback/**")
        assert page.get_by_role("heading", level=1).inner_text() == "Signing in did not work"
        assert page.locator("html").get_attribute("lang") == "en"
        axe(page, "refused sign-in (English)")
    finally:
        context.close()
