"""The sign-in page and the break-glass password sign-in, with and without single sign-on."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db

IDP = "https://idp.invalid/.well-known/openid-configuration"


def test_without_sso_the_page_is_the_password_form_and_the_sso_urls_do_not_exist(client, employee):
    page = client.get("/nl/account/login/").content.decode()
    assert "Inloggen met" not in page
    assert 'name="password"' in page
    client.force_login(employee)
    assert client.get("/oidc/authenticate/", follow=True).status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y", follow=True).status_code == 404
    client.logout()
    response = client.post("/nl/account/login/", {"username": employee.username, "password": PASSWORD})
    assert response.status_code == 302


def test_with_sso_the_provider_is_the_main_way_in(client, settings):
    settings.OIDC_RP_CLIENT_ID = "portal"
    settings.OIDC_DISCOVERY_URL = IDP
    settings.OIDC_PROVIDER_NAME = "Gemeente-ID"
    page = client.get("/nl/account/login/?next=/nl/zoeken/").content.decode()
    assert 'href="/oidc/authenticate/?next=/nl/zoeken/"' in page
    assert "Inloggen met Gemeente-ID" in page
    assert "noodtoegang" in page  # break-glass still on (the default outside production)
    english = client.get("/en/account/login/").content.decode()
    assert "Sign in with Gemeente-ID" in english


def test_with_local_sign_in_off_no_password_opens_the_portal(client, employee, settings):
    settings.OIDC_RP_CLIENT_ID = "portal"
    settings.OIDC_DISCOVERY_URL = IDP
    settings.PORTAL_LOCAL_LOGIN = False
    page = client.get("/nl/account/login/").content.decode()
    assert 'name="password"' not in page
    response = client.post("/nl/account/login/", {"username": employee.username, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    # Not through any other form either (the Wagtail admin's sign-in uses the same backends).
    # (with a request: django-axes, first in the backends, refuses authenticate() without one)
    request = RequestFactory().post("/admin/login/")
    assert authenticate(request, username=employee.username, password=PASSWORD) is None
    settings.PORTAL_LOCAL_LOGIN = True  # control
    assert authenticate(request, username=employee.username, password=PASSWORD) == employee


def test_a_password_sign_in_never_contacts_the_provider(client, employee, settings):
    settings.OIDC_RP_CLIENT_ID = "portal"
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/unreachable"  # would fail if fetched
    response = client.post("/nl/account/login/", {"username": employee.username, "password": PASSWORD})
    assert response.status_code == 302


def test_an_unreachable_provider_gives_the_clear_page_not_a_500(client, settings):
    settings.OIDC_RP_CLIENT_ID = "portal"
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/unreachable"
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 503
    assert "Inloggen is niet gelukt" in response.content.decode()


def test_a_callback_without_a_started_sign_in_is_refused_clearly(client, settings):
    settings.OIDC_RP_CLIENT_ID = "portal"
    settings.OIDC_DISCOVERY_URL = IDP
    response = client.get("/oidc/callback/?code=stolen&state=guessed")
    assert response.status_code == 400
    assert "Inloggen is niet gelukt" in response.content.decode()
    response = client.get("/oidc/callback/?error=access_denied&state=guessed")
    assert response.status_code == 400


def test_a_deactivated_account_loses_its_sso_session(client, employee, settings):
    settings.OIDC_RP_CLIENT_ID = "portal"
    settings.OIDC_DISCOVERY_URL = IDP
    client.force_login(employee, backend="sso.backends.IdentityProviderBackend")
    assert client.get("/nl/zoeken/").status_code == 200  # control
    employee.is_active = False
    employee.save()
    response = client.get("/nl/zoeken/")
    assert response.status_code == 302
    assert response["Location"].startswith("/nl/account/login/")
