"""Error pages (issue #17): 404, 500 and a failed CSRF check are styled pages in both languages, with
the site header and ways onward; they share one design with the 403 page."""

import pytest
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("geheime-databasefout-42")


class BrokenUrls:
    urlpatterns = [path("nl/kapot/", broken), path("en/kapot/", broken)]
    handler500 = "portal.views.server_error"


def assert_layout(html: str, home: str):
    assert 'class="utrecht-page-header portal-header"' in html  # the site header
    assert 'class="portal-narrow portal-error-page"' in html  # the shared design
    assert f'href="{home}"' in html  # a way back


@pytest.mark.parametrize("language, title", [("nl", "Pagina niet gevonden"), ("en", "Page not found")])
def test_not_found_in_both_languages(employee_client, language, title):
    response = employee_client.get(f"/{language}/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<h1 class="utrecht-heading-1">{title}</h1>' in html
    assert f'<html lang="{language}"' in html
    assert_layout(html, f"/{language}/")


@pytest.mark.parametrize("language, title", [("nl", "Er ging iets mis"), ("en", "Something went wrong")])
def test_server_error_in_both_languages_leaks_nothing(client, settings, language, title):
    settings.ROOT_URLCONF = BrokenUrls
    client.raise_request_exception = False
    response = client.get(f"/{language}/kapot/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<h1 class="utrecht-heading-1">{title}</h1>' in html
    assert f'<html lang="{language}"' in html
    assert_layout(html, f"/{language}/")
    assert "geheime-databasefout-42" not in html and "Traceback" not in html


@pytest.mark.parametrize(
    "language, title", [("nl", "Het formulier is verlopen"), ("en", "The form has expired")]
)
def test_a_failed_csrf_check_explains_and_leads_back(language, title):
    client = Client(enforce_csrf_checks=True)
    form = f"http://testserver/{language}/account/login/"
    response = client.post(f"/{language}/account/login/", {"username": "x"}, HTTP_REFERER=form)
    assert response.status_code == 403
    html = response.content.decode()
    assert f'<h1 class="utrecht-heading-1">{title}</h1>' in html
    assert_layout(html, f"/{language}/")
    assert f'href="{form}"' in html  # back to the form
    assert "CSRF" not in html  # no technical reason shown


def test_a_foreign_referrer_is_not_offered_as_the_way_back():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/nl/account/login/", {}, HTTP_REFERER="https://elders.example/")
    assert response.status_code == 403
    assert "elders.example" not in response.content.decode()


def test_the_no_access_page_shares_the_design(client, employee):
    client.force_login(employee)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert_layout(response.content.decode(), "/nl/")
