"""Clear refusals: /admin/ without admin access is a styled 403 page, not a redirect loop; the site's
403 page is styled and in the page's language; admin pages fetch no avatars from outside."""

import pytest

from portal.roles import Role

pytestmark = pytest.mark.django_db


def test_an_employee_opening_the_admin_gets_a_dutch_no_access_page_not_a_loop(employee_client):
    response = employee_client.get("/admin/")
    assert response.status_code == 403  # no redirect to the sign-in page and back
    body = response.content.decode()
    assert '<html lang="nl"' in body
    assert "Geen toegang" in body and "beheerrol" in body
    assert 'href="/nl/"' in body  # a way back
    assert "utrecht-page-body" in body and "portal-header" in body  # the site's own styling


def test_the_no_access_page_follows_the_language_chosen_on_the_site(employee_client):
    employee_client.cookies["django_language"] = "en"
    body = employee_client.get("/admin/pages/").content.decode()
    assert '<html lang="en"' in body and "No access" in body and 'href="/en/"' in body


def test_the_admin_still_opens_for_roles_with_access(make_user, client):
    client.force_login(make_user(Role.EDITOR, username="redacteur"))
    assert client.get("/admin/").status_code == 200


def test_signed_out_people_are_still_sent_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_sites_own_403_page_is_styled_and_in_the_pages_language(employee_client):
    response = employee_client.get("/en/gedragscode/leesbevestigingen/")
    assert response.status_code == 403
    body = response.content.decode()
    assert '<html lang="en"' in body and "No access" in body and "utrecht-page-body" in body
    dutch = employee_client.get("/nl/gedragscode/leesbevestigingen/").content.decode()
    assert '<html lang="nl"' in dutch and "Geen toegang" in dutch


def test_no_admin_page_fetches_an_avatar_from_gravatar(make_user, client, settings):
    client.force_login(make_user(Role.ADMINISTRATOR, username="beheerder", email="beheer@portaal.invalid"))
    for path in ("/admin/", "/admin/account/", "/admin/users/"):
        assert "gravatar" not in client.get(path).content.decode().lower(), path


def test_the_gravatar_check_would_notice_gravatar(make_user, client, settings):
    """Control: with Wagtail's default provider the same check finds it."""
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = "//www.gravatar.com/avatar"
    client.force_login(make_user(Role.ADMINISTRATOR, username="beheerder", email="beheer@portaal.invalid"))
    assert "gravatar" in client.get("/admin/").content.decode().lower()
