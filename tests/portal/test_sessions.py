"""Session timeouts, signing out everywhere and one's own sessions (portal/user_sessions.py)."""

import os
import time
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.test import Client

from portal import user_sessions
from portal.models import UserSession
from portal.roles import Role
from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "Version/17.4 Mobile/15E148 Safari/604.1"
)
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def signed_in_client(user, user_agent=DESKTOP) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post("/nl/account/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def set_session(client, **values):
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


def still_signed_in(client) -> bool:
    return client.get("/nl/zoeken/").status_code == 200


@pytest.fixture
def anna(make_user):
    return make_user(username="anna")


# -- timeouts ---------------------------------------------------------------------------------


def test_an_idle_session_ends_and_the_sign_in_page_says_why(anna, settings):
    client = signed_in_client(anna)
    set_session(client, **{user_sessions.SEEN: time.time() - settings.SESSION_IDLE_TIMEOUT - 5})
    response = client.get("/nl/zoeken/")
    assert response.status_code == 302 and "/nl/account/login/" in response["Location"]
    assert SESSION_KEY not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "niet actief" in page
    assert not UserSession.objects.filter(user=anna).exists()


def test_a_session_just_inside_the_idle_timeout_stays(anna, settings):
    """Control for the test above."""
    client = signed_in_client(anna)
    set_session(client, **{user_sessions.SEEN: time.time() - settings.SESSION_IDLE_TIMEOUT + 60})
    assert still_signed_in(client)


def test_activity_keeps_a_session_alive_and_is_recorded(anna, settings):
    client = signed_in_client(anna)
    before = time.time() - settings.SESSION_IDLE_TIMEOUT + 60
    set_session(client, **{user_sessions.SEEN: before})
    assert still_signed_in(client)
    assert client.session[user_sessions.SEEN] > before + 30
    record = UserSession.objects.get(user=anna)
    assert record.last_activity.timestamp() > before + 30


def test_a_session_ends_at_its_absolute_deadline_even_when_active(anna):
    client = signed_in_client(anna)
    assert still_signed_in(client)
    set_session(client, **{user_sessions.DEADLINE: time.time() - 1})
    response = client.get("/nl/zoeken/")
    assert response.status_code == 302
    assert "sessie is verlopen" in client.get(response["Location"]).content.decode()


def test_the_absolute_deadline_follows_the_setting(anna, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT = 3600
    client = signed_in_client(anna)
    session = client.session
    assert session[user_sessions.DEADLINE] == pytest.approx(session[user_sessions.STARTED] + 3600)


@pytest.mark.parametrize(
    ("role", "ends"),
    [
        (Role.INTEGRITY_OFFICE, True),
        (Role.CONFIDENTIAL_ADVISOR, True),
        (Role.ADMINISTRATOR, True),
        (Role.EDITOR, False),
        (None, False),
    ],
)
def test_sensitive_roles_have_a_shorter_idle_timeout(make_user, role, ends, settings):
    settings.SESSION_SENSITIVE_IDLE_TIMEOUT = 30 * 60
    settings.SESSION_IDLE_TIMEOUT = 4 * 60 * 60
    user = make_user(*([role] if role else []), username="iemand")
    client = signed_in_client(user)
    set_session(client, **{user_sessions.SEEN: time.time() - 31 * 60})
    assert still_signed_in(client) is not ends


def test_the_store_forgets_an_idle_session_too(anna, settings):
    client = signed_in_client(anna)
    assert client.session.get_expiry_age() <= settings.SESSION_IDLE_TIMEOUT + 1


# -- signing out everywhere ---------------------------------------------------------------------


def store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_exists(client) -> bool:
    return store()().exists(client.cookies[settings.SESSION_COOKIE_NAME].value)


@pytest.fixture
def two_devices(anna):
    return signed_in_client(anna, PHONE), signed_in_client(anna, DESKTOP)


def assert_signed_out_everywhere(devices):
    for device in devices:
        assert not session_exists(device)
        assert not still_signed_in(device)


def test_a_new_password_signs_out_everywhere(anna, two_devices):
    anna.set_password("een-ander-lang-wachtwoord")
    anna.save()
    assert_signed_out_everywhere(two_devices)


def test_deactivation_signs_out_everywhere(anna, two_devices):
    anna.is_active = False
    anna.save()
    assert_signed_out_everywhere(two_devices)


def test_a_role_taken_away_signs_out_everywhere(make_user):
    editor = make_user(Role.EDITOR, username="redacteur")
    devices = [signed_in_client(editor), signed_in_client(editor, PHONE)]
    editor.groups.remove(Group.objects.get(name=Role.EDITOR))
    assert_signed_out_everywhere(devices)


def test_a_role_taken_away_from_the_group_side_signs_out_too(make_user):
    editor = make_user(Role.EDITOR, username="redacteur")
    device = signed_in_client(editor)
    Group.objects.get(name=Role.EDITOR).user_set.remove(editor)
    assert_signed_out_everywhere([device])


def test_other_changes_keep_the_sessions(anna, two_devices):
    """Control: a new name, a new role, a team group coming and going sign nobody out."""
    anna.first_name = "Anna-Maria"
    anna.save()
    anna.groups.add(Group.objects.get(name=Role.EDITOR))
    team = Group.objects.create(name="Team Handhaving")
    anna.groups.add(team)
    anna.groups.remove(team)
    for device in two_devices:
        assert session_exists(device) and still_signed_in(device)


def test_a_password_reset_signs_out_everywhere(client, anna, two_devices, mailoutbox):
    import re

    client.post("/nl/account/password-reset/", {"email": anna.email})
    link = re.search(r"http://testserver(/nl/account/reset/\S+/)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    new = "een-nieuw-sterk-wachtwoord-2026"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert_signed_out_everywhere(two_devices)


# -- one's own sessions -------------------------------------------------------------------------


def test_the_sessions_page_lists_own_sessions_by_device_without_the_user_agent(anna, two_devices, make_user):
    signed_in_client(make_user(username="bert"))  # someone else's session is not listed
    _phone, desktop = two_devices
    body = desktop.get("/nl/account/sessies/").content.decode()
    assert body.count('class="portal-sessions__item"') == 2
    assert "Telefoon" in body and "Computer" in body and "Firefox" in body
    assert "dit apparaat" in body
    assert PHONE not in body and "iPhone OS" not in body
    assert not UserSession.objects.filter(device="").exists()


def test_sign_out_elsewhere_ends_the_other_sessions_only(anna, two_devices):
    phone, desktop = two_devices
    response = desktop.post("/nl/account/sessies/")
    assert response.status_code == 302
    assert not session_exists(phone) and not still_signed_in(phone)
    assert session_exists(desktop) and still_signed_in(desktop)


def test_one_cannot_end_someone_elses_session(anna, make_user):
    bert = make_user(username="bert")
    berts_device = signed_in_client(bert)
    annas_device = signed_in_client(anna)
    berts_record = UserSession.objects.get(user=bert)
    annas_device.post("/nl/account/sessies/", {"session": berts_record.pk})
    assert still_signed_in(berts_device)


def test_one_session_can_be_ended_on_its_own(anna, make_user):
    first, second, third = (signed_in_client(anna) for _ in range(3))
    target = UserSession.objects.get(session_key=first.cookies[settings.SESSION_COOKIE_NAME].value)
    third.post("/nl/account/sessies/", {"session": target.pk})
    assert not still_signed_in(first)
    assert still_signed_in(second) and still_signed_in(third)


def test_the_sessions_page_needs_signing_in(client):
    assert client.get("/nl/account/sessies/").status_code == 302


def test_the_sessions_page_in_english(anna):
    body = signed_in_client(anna).get("/en/account/sessies/").content.decode()
    assert '<html lang="en"' in body and "Where you are signed in" in body


# -- the anonymous report pages -----------------------------------------------------------------


def test_nothing_about_a_session_is_written_on_the_report_pages(anna, settings):
    client = signed_in_client(anna)
    before = time.time() - settings.SESSION_ACTIVITY_INTERVAL - 5
    set_session(client, **{user_sessions.SEEN: before})
    record_before = UserSession.objects.get(user=anna).last_activity
    client.get("/nl/melding/")
    assert client.session[user_sessions.SEEN] == before
    assert UserSession.objects.get(user=anna).last_activity == record_before
    # Control: any other page records the activity.
    client.get("/nl/zoeken/")
    assert client.session[user_sessions.SEEN] > before


def test_device_types():
    assert user_sessions.device_of(PHONE) == ("phone", "Safari")
    assert user_sessions.device_of(DESKTOP) == ("computer", "Firefox")
    ipad = "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Safari/604.1"
    assert user_sessions.device_of(ipad)[0] == "tablet"
    assert user_sessions.device_of("")[0] == "computer"


# -- on Redis with the cached_db engine, as in production -----------------------------------------

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL")


@pytest.mark.skipif(not REDIS_URL, reason="PORTAL_TEST_REDIS_URL is not set (CI starts a Redis server)")
def test_signing_out_everywhere_empties_the_cached_db_sessions_on_redis(settings, make_user):
    from django.core.cache import caches

    backend = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}
    settings.CACHES = {"default": {**backend, "KEY_PREFIX": "sessions-test"}, "pages": dict(backend)}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    caches["default"].clear()
    try:
        anna = make_user(username="anna")
        devices = [signed_in_client(anna), signed_in_client(anna, PHONE)]
        keys = [device.cookies[settings.SESSION_COOKIE_NAME].value for device in devices]
        session_cache = caches[settings.SESSION_CACHE_ALIAS]
        assert all(session_cache.get(f"django.contrib.sessions.cached_db{key}") for key in keys)
        anna.set_password("een-ander-lang-wachtwoord")
        anna.save()
        for key in keys:
            assert session_cache.get(f"django.contrib.sessions.cached_db{key}") is None  # gone from Redis
        assert_signed_out_everywhere(devices)
    finally:
        caches["default"].clear()


def test_a_password_changed_behind_the_signals_back_signs_out_without_an_error(anna):
    """QuerySet.update sends no signal: the session stays in the store, and Django's hash check
    ends it; the timeout middleware must then not treat the person as signed in."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    client = signed_in_client(anna)
    set_session(client, **{user_sessions.RECORDED: "a-key-from-before"})
    get_user_model().objects.filter(pk=anna.pk).update(password=make_password("een-ander-lang-wachtwoord"))
    response = client.get("/nl/zoeken/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_shorter_timeouts_cover_everyone_who_needs_a_second_factor(make_user, settings):
    """A superuser or an office lead holds no sensitive role, but reads as much: same timeouts."""
    from django.contrib.auth.models import Permission

    settings.SESSION_SENSITIVE_IDLE_TIMEOUT, settings.SESSION_SENSITIVE_ABSOLUTE_TIMEOUT = 1800, 28800
    settings.SESSION_IDLE_TIMEOUT, settings.SESSION_ABSOLUTE_TIMEOUT = 14400, 43200
    superuser = make_user(username="beheer", is_superuser=True)
    lead = make_user(username="leiding")
    lead.user_permissions.add(Permission.objects.get(codename="lead_integrity_office"))
    editor = make_user(Role.EDITOR, username="redacteur")
    assert user_sessions.session_limits(superuser) == (1800, 28800)
    assert user_sessions.session_limits(lead) == (1800, 28800)
    assert user_sessions.session_limits(editor) == (14400, 43200)  # control
