"""The page cache's fast path never serves a session whose check at the provider is due."""

import time

import pytest
from django.core.cache import caches

from portal.fastpath import FastPageApp
from sso.backends import CHECKED_AT, REFRESH_TOKEN
from tests.portal import test_fast_path as fast

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_test_connection")]


@pytest.fixture
def django_app(settings, demo_content):
    settings.PAGE_CACHE_FAST_PATH = "true"
    settings.OIDC_RP_CLIENT_ID = "portal"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://127.0.0.1:9/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # the provider is down
    settings.OIDC_RECHECK_SECONDS = 300
    caches["default"].clear()
    caches["pages"].clear()
    return fast.Counting()


def test_a_due_check_goes_to_django_which_ends_a_session_the_provider_cannot_confirm(django_app, make_user):
    browser = fast.browser_for(FastPageApp(django_app), make_user(username="anna"))
    session = browser.client.session
    session[CHECKED_AT], session[REFRESH_TOKEN] = time.time(), "rt"
    session.save()
    fast.warm(browser)  # control: a fresh SSO session is answered from the fast path

    session[CHECKED_AT] = time.time() - 601
    session.save()
    calls = django_app.calls
    answer = browser.get(fast.URL)
    assert django_app.calls == calls + 1
    assert answer.status.startswith("302") and "/login/" in answer.header("Location")
