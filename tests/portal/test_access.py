"""Intranet access: everything needs sign-in except the sign-in page, password reset, health and static."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/nl/", "/en/", "/nl/zoeken/?q=gedragscode", "/nl/heldere-afspraken/"])
def test_signed_out_request_redirects_to_sign_in_and_back(client, path):
    response = client.get(path)
    assert response.status_code == 302
    login = reverse("login")
    assert response["Location"].startswith(login)
    assert "next=" in response["Location"]


def test_admin_is_closed_to_signed_out_visitors(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_root_sends_people_to_their_language(employee_client):
    response = employee_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


@pytest.mark.parametrize(
    "path",
    [
        "/nl/account/login/",
        "/en/account/login/",
        "/nl/account/password-reset/",
        "/nl/account/password-reset/sent/",
        "/nl/account/reset/done/",
    ],
)
def test_pages_open_without_sign_in(client, path):
    assert client.get(path).status_code == 200


def test_health_check_answers_without_sign_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_unknown_page_for_signed_in_user_is_404_in_the_layout(employee_client):
    response = employee_client.get("/nl/bestaat-niet/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Pagina niet gevonden" in body
    assert "Naar de inhoud" in body  # the skip link of the base layout


def test_server_error_page_leaks_nothing(client, settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("geheime-databasefout-42")

    settings.ROOT_URLCONF = type(
        "Urls",
        (),
        {
            "urlpatterns": [path("kapot/", broken)],
            "handler500": "portal.views.server_error",
            "handler404": "portal.views.page_not_found",
        },
    )
    client.raise_request_exception = False
    response = client.get("/kapot/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body
    assert "geheime-databasefout-42" not in body
    assert "Traceback" not in body
