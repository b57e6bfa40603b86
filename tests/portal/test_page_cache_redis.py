"""The page cache and sessions on a real Redis server (as in production).

CI (`.ci/run`) starts Debian's redis-server on 127.0.0.1 and exports PORTAL_TEST_REDIS_URL; without
it these tests are skipped. Locally: `redis-server --port 6390 &` and
`PORTAL_TEST_REDIS_URL=redis://127.0.0.1:6390/15 .venv/bin/python -m pytest tests/portal -k redis`.
"""

import os

import pytest
from django.core.cache import caches
from django.test import Client
from django_redis import get_redis_connection

from home.models import ContentPage

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REDIS_URL, reason="PORTAL_TEST_REDIS_URL is not set (CI starts a Redis server)"),
]
URL = "/nl/heldere-afspraken/"


@pytest.fixture(autouse=True)
def page_cache_header(settings):
    """The X-Page-Cache header these tests read is only sent with DEBUG (portal/page_cache_stats.py)."""
    settings.DEBUG = True


@pytest.fixture
def redis_caches(settings):
    backend = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}
    settings.CACHES = {
        "default": {**backend, "KEY_PREFIX": "default"},
        "pages": {**backend, "KEY_PREFIX": "pages"},
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    caches["default"].clear()
    yield caches
    caches["default"].clear()


def redis_keys(pattern: str) -> list[bytes]:
    return get_redis_connection("pages").keys(pattern)


def test_shells_live_in_redis_and_two_people_see_only_their_own_name(redis_caches, demo_content, make_user):
    anna = make_user(username="anna", first_name="Anna", last_name="Aarts")
    bert = make_user(username="bert", first_name="Bert", last_name="Bakker")
    first, second = Client(), Client()
    first.force_login(anna)
    second.force_login(bert)
    assert first.get(URL)["X-Page-Cache"] == "miss"
    assert redis_keys("pages:*portal:page:*"), "the shell was not stored in Redis"
    response = second.get(URL)
    assert response["X-Page-Cache"] == "hit"
    html = response.content.decode()
    assert "Bert Bakker" in html and "Anna" not in html


def test_a_published_change_is_visible_at_once_with_redis(redis_caches, demo_content, make_user):
    client = Client()
    client.force_login(make_user(username="anna"))
    client.get(URL)
    assert client.get(URL)["X-Page-Cache"] == "hit"
    page = ContentPage.objects.get(slug="heldere-afspraken", locale__language_code="nl")
    page.title = "Afspraken, vernieuwd"
    page.save_revision().publish()
    assert "Afspraken, vernieuwd" in client.get(URL).content.decode()


def test_sessions_in_redis_end_everywhere_on_sign_out(redis_caches, demo_content, make_user):
    """cached_db sessions: signing out removes the session from Redis and the database, so no
    other app server can still accept it."""
    from django.contrib.sessions.models import Session

    client = Client()
    client.force_login(make_user(username="anna"))
    key = client.cookies["sessionid"].value
    assert client.get(URL).status_code == 200
    assert redis_keys(f"default:*{key}*")
    client.post("/nl/account/logout/")
    assert not redis_keys(f"default:*{key}*")
    assert not Session.objects.filter(session_key=key).exists()
    stale = Client()
    stale.cookies["sessionid"] = key
    assert stale.get(URL).status_code == 302


def test_the_fast_path_runs_on_redis_and_a_password_change_counts_on_every_server(
    redis_caches, demo_content, make_user, settings, keep_test_connection
):
    """Two app servers (two FastPageApp instances, as two processes) share Redis: with the default
    "auto" the fast path is on; a new password saved on one ends the session on the other at once."""
    from portal.fastpath import FastPageApp
    from tests.portal.test_fast_path import Browser, Counting, warm

    settings.PAGE_CACHE_FAST_PATH = "auto"
    anna = make_user(username="anna", first_name="Anna", last_name="Aarts")
    first_django, second_django = Counting(), Counting()
    first, second = FastPageApp(first_django), FastPageApp(second_django)
    assert first.enabled and second.enabled
    client = Client()
    client.force_login(anna)
    on_first = Browser(first, client)
    warm(on_first)
    calls = first_django.calls
    assert "Anna Aarts" in on_first.get(URL).text and first_django.calls == calls
    assert redis_keys("default:*portal:auth-user:*")

    anna.set_password("een-nieuw-wachtwoord-2026")  # saved "on the second server"
    anna.save()
    answer = on_first.get(URL)
    assert answer.status.startswith("302") and first_django.calls == calls + 1
