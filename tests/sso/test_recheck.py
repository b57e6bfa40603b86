"""Session re-checks when the provider cannot answer: a short outage keeps people in, a long one not."""

import time

import pytest

from sso.backends import CHECKED_AT, REFRESH_TOKEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_provider(settings):
    settings.OIDC_RP_CLIENT_ID = "portal"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://127.0.0.1:9/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # nothing listens on port 9
    settings.OIDC_RECHECK_SECONDS = 300
    settings.OIDC_TIMEOUT = 2


def sso_session(client, seconds_ago, token="rt"):  # noqa: S107 - a stand-in token
    session = client.session
    session[CHECKED_AT] = time.time() - seconds_ago
    if token:
        session[REFRESH_TOKEN] = token
    session.save()


def test_an_unreachable_provider_keeps_the_session_up_to_twice_the_interval(
    employee_client, unreachable_provider
):
    sso_session(employee_client, seconds_ago=100)
    assert employee_client.get("/nl/zoeken/").status_code == 200  # not due: nobody asked
    sso_session(employee_client, seconds_ago=301)
    assert employee_client.get("/nl/zoeken/").status_code == 200  # due, provider down: kept
    sso_session(employee_client, seconds_ago=601)
    response = employee_client.get("/nl/zoeken/")
    assert response.status_code == 302
    assert response["Location"].startswith("/nl/account/login/")
    assert "_auth_user_id" not in employee_client.session


def test_a_session_without_a_refresh_token_ends_at_its_first_check(employee_client, unreachable_provider):
    sso_session(employee_client, seconds_ago=301, token=None)
    response = employee_client.get("/nl/zoeken/")
    assert response.status_code == 302
    assert "_auth_user_id" not in employee_client.session


def test_a_password_session_is_never_sent_to_the_provider(employee_client, unreachable_provider):
    assert employee_client.get("/nl/zoeken/").status_code == 200
