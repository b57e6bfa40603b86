"""The page cache's fast path (portal/fastpath.py): cached pages answered before Django, with the same
bytes and headers Django would send, and never for a request Django would answer differently.

Each test talks to the real WSGI stack: `FastPageApp` around Django's `WSGIHandler`, called with
the environ of a real request; a counter on the inner handler tells whether Django answered.
"""

import re
import time
from http.cookies import SimpleCookie

import pytest
from django.contrib.auth import update_session_auth_hash
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client, RequestFactory
from wagtail.models import PageViewRestriction

from home.models import CodeOfConductPage, ContentPage, ReadConfirmation
from portal import page_cache_stats, user_sessions
from portal.fastpath import FastPageApp, fast_path_enabled

pytestmark = pytest.mark.django_db
PASSWORD_BACKEND = "sso.backends.LocalPasswordBackend"

URL = "/nl/heldere-afspraken/"


class Counting:
    """Django's WSGI handler, counting the requests it answers."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


class Answer:
    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes, cache_state: str | None):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode()
        # How the page cache answered, read from the server-side counters (no header outside DEBUG).
        self.cache_state = cache_state

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)


class Browser:
    """A person's cookies, sent through the fast path's WSGI application."""

    def __init__(self, app: FastPageApp, client: Client):
        self.app, self.client = app, client

    def cookies(self) -> str:
        return "; ".join(f"{name}={morsel.value}" for name, morsel in self.client.cookies.items())

    def get(self, path: str, method: str = "GET", **extra) -> Answer:
        request = RequestFactory().generic(method, path, HTTP_COOKIE=self.cookies(), **extra)
        started = {}

        def start_response(status, headers, exc_info=None):
            started.update(status=status, headers=headers)

        before = page_cache_stats.snapshot()
        body = b"".join(self.app(request.environ, start_response))
        after = page_cache_stats.snapshot()
        states = ("fast_path", "hit", "miss", "personal")
        changed = [state for state in states if after[state] > before[state]]
        for name, value in started["headers"]:
            if name.lower() == "set-cookie":
                cookie = SimpleCookie()
                cookie.load(value)
                for key, morsel in cookie.items():
                    self.client.cookies[key] = morsel.value
        return Answer(started["status"], started["headers"], body, changed[0] if changed else None)


@pytest.fixture
def django_app(settings, keep_test_connection):
    settings.PAGE_CACHE_FAST_PATH = "true"
    caches["default"].clear()
    caches["pages"].clear()
    return Counting()


@pytest.fixture
def app(django_app):
    return FastPageApp(django_app)


def browser_for(app, user) -> Browser:
    client = Client()
    client.force_login(user)
    return Browser(app, client)


@pytest.fixture
def anna(make_user):
    return make_user(username="anna", first_name="Anna", last_name="Aarts")


@pytest.fixture
def bert(make_user):
    return make_user(username="bert", first_name="Bert", last_name="Bakker")


def warm(browser: Browser, path: str = URL) -> None:
    """Django renders and stores the shell, then serves it once so this process learns its headers."""
    assert browser.get(path).cache_state == "miss"
    assert browser.get(path).cache_state == "hit"


def test_no_page_cache_header_outside_debug_but_the_counters_count(demo_content, django_app, app, anna):
    """A header would tell a colleague whether someone just opened the same page or search."""
    browser = browser_for(app, anna)
    answers = [browser.get(URL) for _ in range(3)]
    assert [answer.cache_state for answer in answers] == ["miss", "hit", "fast_path"]
    for answer in answers:
        assert answer.header("X-Page-Cache") is None


def test_page_cache_header_only_with_debug(settings, demo_content, django_app, app, anna):
    settings.DEBUG = True
    browser = browser_for(app, anna)
    assert [browser.get(URL).header("X-Page-Cache") for _ in range(3)] == ["miss", "hit", "hit"]


def csrf_token_in(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_cached_page_is_answered_without_django_with_the_same_headers(demo_content, django_app, app, anna):
    browser = browser_for(app, anna)
    browser.get(URL)
    through_django = browser.get(URL)
    calls = django_app.calls
    fast = browser.get(URL)
    assert django_app.calls == calls, "the third request must not reach Django"
    assert fast.status == "200 OK" and "Anna Aarts" in fast.text and "@@portal-hole" not in fast.text
    drop = {"set-cookie", "date", "content-length"}
    assert sorted((k, v) for k, v in fast.headers if k.lower() not in drop) == sorted(
        (k, v) for k, v in through_django.headers if k.lower() not in drop
    )
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Cache-Control"):
        assert fast.header(header), header
    assert "private" in fast.header("Cache-Control")
    assert int(fast.header("Content-Length")) == len(fast.body)
    # Only the personal parts differ from what Django sent.
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", fast.text) == strip.sub("", through_django.text)


def test_two_people_get_their_own_name_and_a_csrf_token_that_works_only_for_them(
    demo_content, django_app, app, anna, bert
):
    anna_browser, bert_browser = browser_for(app, anna), browser_for(app, bert)
    warm(anna_browser)
    bert_browser.get(URL)  # Bert's first visit sets his CSRF cookie
    calls = django_app.calls
    anna_page, bert_page = anna_browser.get(URL), bert_browser.get(URL)
    assert django_app.calls == calls
    assert "Anna Aarts" in anna_page.text and "Bert" not in anna_page.text
    assert "Bert Bakker" in bert_page.text and "Anna" not in bert_page.text
    # The token in Bert's page signs Bert out; in Anna's session it is refused.
    logout = "/nl/account/logout/"
    anna_client = Client(enforce_csrf_checks=True)
    anna_client.cookies = anna_browser.client.cookies
    bert_client = Client(enforce_csrf_checks=True)
    bert_client.cookies = bert_browser.client.cookies
    assert anna_client.post(logout, {"csrfmiddlewaretoken": csrf_token_in(bert_page.text)}).status_code == 403
    assert bert_client.post(logout, {"csrfmiddlewaretoken": csrf_token_in(bert_page.text)}).status_code == 302
    assert bert_client.get(URL).status_code == 302  # signed out


def test_signed_out_visitors_and_stale_sessions_go_to_django(demo_content, django_app, app, anna):
    browser = browser_for(app, anna)
    warm(browser)
    stranger = Browser(app, Client())
    answer = stranger.get(URL)
    assert answer.status.startswith("302") and "/login/" in answer.header("Location")

    # A new password ends the other sessions at once, also on the fast path.
    anna.set_password("een-nieuw-wachtwoord-2026")
    anna.save()
    calls = django_app.calls
    answer = browser.get(URL)
    assert django_app.calls == calls + 1 and answer.status.startswith("302")


def test_a_deactivated_colleague_is_signed_out(demo_content, django_app, app, anna):
    browser = browser_for(app, anna)
    warm(browser)
    anna.is_active = False
    anna.save()
    assert browser.get(URL).status.startswith("302")


def test_the_session_auth_hash_is_checked(demo_content, django_app, app, anna):
    browser = browser_for(app, anna)
    warm(browser)
    session = browser.client.session
    session["_auth_user_hash"] = "0" * 64
    session.save()
    calls = django_app.calls
    assert browser.get(URL).status.startswith("302")
    assert django_app.calls == calls + 1


def test_requests_the_fast_path_leaves_to_django(demo_content, django_app, app, anna):
    browser = browser_for(app, anna)
    warm(browser)
    for path, method in (
        (URL + "?q=1", "GET"),
        (URL, "POST"),
        ("/nl/melding/", "GET"),
        ("/nl/zoeken/", "GET"),
    ):
        calls = django_app.calls
        browser.get(path, method=method)
        assert django_app.calls == calls + 1, (path, method)
    # Messages waiting to be shown (cookie storage) are personal.
    calls = django_app.calls
    browser.client.cookies["messages"] = "anything"
    browser.get(URL)
    assert django_app.calls == calls + 1


def test_a_request_that_must_be_redirected_to_https_goes_to_django(
    demo_content, django_app, app, anna, settings
):
    browser = browser_for(app, anna)
    warm(browser)
    settings.SECURE_SSL_REDIRECT = True
    fresh_django = Counting()  # middleware reads its settings when it is built
    answer = Browser(FastPageApp(fresh_django), browser.client).get(URL)
    assert fresh_django.calls == 1
    assert answer.status.startswith("301") and answer.header("Location").startswith("https://")


def test_a_published_change_shows_at_once(demo_content, django_app, app, anna):
    browser = browser_for(app, anna)
    warm(browser)
    page = ContentPage.objects.get(slug="heldere-afspraken", locale__language_code="nl")
    page.title = "Heldere afspraken (herzien)"
    page.save_revision().publish()
    assert "Heldere afspraken (herzien)" in browser.get(URL).text


def test_a_page_restricted_to_a_group_is_never_answered_from_the_cache(demo_content, django_app, app, anna):
    page = ContentPage.objects.get(slug="heldere-afspraken", locale__language_code="nl")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([])
    browser = browser_for(app, anna)
    for _ in range(3):
        calls = django_app.calls
        answer = browser.get(URL)
        assert django_app.calls == calls + 1
        assert not answer.status.startswith("200")


def test_the_read_confirmation_of_the_code_of_conduct_is_personal(demo_content, django_app, app, anna, bert):
    code = CodeOfConductPage.objects.get(locale__language_code="nl")
    url = code.url
    anna_browser, bert_browser = browser_for(app, anna), browser_for(app, bert)
    warm(anna_browser, url)
    bert_browser.get(url)
    ReadConfirmation.objects.create(user=anna, page=code, version=code.confirmation_version())
    calls = django_app.calls
    anna_page, bert_page = anna_browser.get(url), bert_browser.get(url)
    assert django_app.calls == calls, "a confirmation must not empty the page cache"
    assert f"Je hebt versie {code.confirmation_version()} bevestigd" in anna_page.text
    assert "Ik heb de gedragscode gelezen" not in anna_page.text
    assert "Ik heb de gedragscode gelezen" in bert_page.text and "Je hebt versie" not in bert_page.text


def test_the_english_page_is_filled_in_english(demo_content, django_app, app, anna):
    code = CodeOfConductPage.objects.get(locale__language_code="en")
    browser = browser_for(app, anna)
    warm(browser, code.url)
    answer = browser.get(code.url)
    assert answer.header("Content-Language") == "en"
    assert "I have read the code of conduct" in answer.text


def test_the_fast_path_is_on_only_with_a_shared_cache_unless_told(settings):
    settings.PAGE_CACHE_FAST_PATH = "auto"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not fast_path_enabled()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert fast_path_enabled()
    settings.PAGE_CACHE_FAST_PATH = "false"
    assert not fast_path_enabled()
    settings.PAGE_CACHE_FAST_PATH = "true"
    settings.PAGE_CACHE_ENABLED = False
    assert not fast_path_enabled()


def test_changing_a_password_in_the_session_keeps_that_session_working(
    demo_content, django_app, app, anna, settings
):
    """Django's own password change updates the session's hash; the fast path follows."""
    browser = browser_for(app, anna)
    warm(browser)
    request = RequestFactory().get("/")
    request.session, request.user = browser.client.session, anna
    # Loaded before the password changes, as AuthenticationMiddleware has it in a real request: the
    # change ends all of Anna's sessions, and Django carries this one's data to its new key.
    assert request.session.get("_auth_user_id")
    anna.set_password("een-nieuw-wachtwoord-2026")
    anna.save()
    update_session_auth_hash(request, anna)  # a new session key with the new hash
    request.session.save()
    browser.client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key
    calls = django_app.calls
    answer = browser.get(URL)
    assert django_app.calls == calls  # the user record was renewed, the shell is still there
    assert answer.status == "200 OK" and "Anna Aarts" in answer.text


def test_search_results_are_answered_fast_and_still_counted(demo_content, django_app, app, anna):
    from wagtail.contrib.search_promotions.models import Query

    url = "/nl/zoeken/?q=afspraken"
    browser = browser_for(app, anna)
    warm(browser, url)
    calls = django_app.calls
    answer = browser.get(url)
    assert django_app.calls == calls and answer.status == "200 OK" and "Anna Aarts" in answer.text
    assert Query.get("afspraken").hits == 3
    other = browser.get("/nl/zoeken/?q=gedragscode")
    assert django_app.calls == calls + 1 and "gedragscode" in other.text.lower()


def test_search_results_follow_a_new_group_membership_at_once(demo_content, django_app, app, anna):
    from django.contrib.auth.models import Group

    team = Group.objects.create(name="Team Handhaving")
    page = ContentPage(title="Afspraken van team handhaving", slug="alleen-voor-het-team")
    ContentPage.objects.get(slug="heldere-afspraken", locale__language_code="nl").add_child(instance=page)
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([team])
    url = "/nl/zoeken/?q=afspraken"
    browser = browser_for(app, anna)
    warm(browser, url)
    assert "Afspraken van team handhaving" not in browser.get(url).text
    team.user_set.add(anna)  # from the group's side: the user row is not saved
    assert "Afspraken van team handhaving" in browser.get(url).text
    anna.groups.remove(team)
    assert "Afspraken van team handhaving" not in browser.get(url).text


def test_a_failing_fast_path_leaves_the_request_to_django(demo_content, django_app, app, anna, monkeypatch):
    """A cache outage (or any other error) on the fast path: Django answers, nobody sees an error."""
    browser = browser_for(app, anna)
    warm(browser)

    class Broken:
        def get(self, key):
            raise ConnectionError("the cache is down")

    monkeypatch.setattr("portal.fastpath._cache", lambda: Broken())
    calls = django_app.calls
    answer = browser.get(URL)
    assert answer.status == "200 OK" and "Anna Aarts" in answer.text
    assert django_app.calls == calls + 1


def test_an_idle_session_is_not_served_past_its_timeout(demo_content, django_app, app, anna, settings):
    """The fast path answers before SessionTimeoutMiddleware: it must not keep an idle session alive."""
    browser = browser_for(app, anna)
    warm(browser)
    session = browser.client.session
    session[user_sessions.SEEN] = time.time() - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()
    calls = django_app.calls
    answer = browser.get(URL)
    assert django_app.calls == calls + 1  # Django answered
    assert answer.status.startswith("302") and "/login/" in answer.header("Location")


def test_a_session_past_its_absolute_deadline_is_not_served(demo_content, django_app, app, anna):
    browser = browser_for(app, anna)
    warm(browser)
    session = browser.client.session
    session[user_sessions.DEADLINE] = time.time() - 1
    session.save()
    answer = browser.get(URL)
    assert answer.status.startswith("302") and "/login/" in answer.header("Location")


def test_django_refreshes_the_activity_then_the_fast_path_serves_again(
    demo_content, django_app, app, anna, settings
):
    browser = browser_for(app, anna)
    warm(browser)
    session = browser.client.session
    session[user_sessions.SEEN] = time.time() - settings.SESSION_ACTIVITY_INTERVAL - 1  # active, not idle
    session.save()
    calls = django_app.calls
    assert browser.get(URL).status == "200 OK"
    assert django_app.calls == calls + 1  # Django checked the timeouts and recorded the activity
    assert browser.get(URL).cache_state == "fast_path"
    assert django_app.calls == calls + 1  # and the fast path answers again


@pytest.mark.password_only
def test_a_session_without_its_second_factor_goes_to_django(demo_content, django_app, app, anna, make_user):
    """An office member who signed in with a password only gets no cached page from the fast path,
    though the page is cached and this process knows its headers; once the session proved its
    second factor, the fast path answers it (the control)."""
    from portal.mfa import SESSION_KEY
    from portal.roles import Role

    warm(browser_for(app, anna))
    client = Client()
    # A password sign-in (the marker keeps force_login from proving the second factor too).
    client.force_login(make_user(Role.INTEGRITY_OFFICE, username="iris"), backend=PASSWORD_BACKEND)
    iris = Browser(app, client)
    calls = django_app.calls
    answer = iris.get(URL)
    assert django_app.calls == calls + 1
    assert answer.status.startswith("303") and "/account/tweede-factor/" in answer.header("Location")

    session = client.session
    session[SESSION_KEY] = "totp"
    session.save()
    iris.get(URL)  # Django answers once more: the fast path needs the CSRF cookie it sets
    # Control: once the session proved its second factor, the cached page is served to it.
    answer = iris.get(URL)
    assert answer.status == "200 OK" and answer.cache_state in ("hit", "fast_path")


def test_a_role_that_needs_a_second_factor_is_noticed_by_the_fast_path(demo_content, django_app, app, anna):
    """The cached user record changes when a signed-in employee is given a sensitive role."""
    from django.contrib.auth.models import Group

    from portal.roles import Role

    browser = browser_for(app, anna)
    warm(browser)
    calls = django_app.calls
    assert browser.get(URL).cache_state == "fast_path" and django_app.calls == calls
    anna.groups.add(Group.objects.get(name=str(Role.CONFIDENTIAL_ADVISOR)))
    answer = browser.get(URL)
    assert django_app.calls == calls + 1 and answer.status.startswith("303")


@pytest.mark.parametrize(
    "change",
    [
        lambda s: setattr(s, "MIDDLEWARE", [*s.MIDDLEWARE[:-1], "tests.audit.Middleware", s.MIDDLEWARE[-1]]),
        lambda s: setattr(s, "MIDDLEWARE", [m for m in s.MIDDLEWARE if "SessionTimeout" not in m]),
        lambda s: setattr(s, "MIDDLEWARE", list(reversed(s.MIDDLEWARE))),
        lambda s: setattr(s, "SESSION_ENGINE", "django.contrib.sessions.backends.signed_cookies"),
    ],
    ids=["a middleware added", "a middleware removed", "the order changed", "cookie sessions"],
)
def test_the_fast_path_refuses_to_start_with_a_stack_it_was_not_written_for(settings, caplog, change):
    settings.PAGE_CACHE_FAST_PATH = "true"
    assert fast_path_enabled()  # control: the stack as it was written for
    change(settings)
    with caplog.at_level("WARNING", logger="portal.fastpath"):
        assert not fast_path_enabled()
        assert not FastPageApp(lambda environ, start_response: []).enabled
    assert "Page cache fast path off" in caplog.text


def test_the_fast_path_refuses_another_django_release(settings, caplog, monkeypatch):
    import django

    settings.PAGE_CACHE_FAST_PATH = "true"
    monkeypatch.setattr(django, "VERSION", (6, 0, 0, "final", 0))
    with caplog.at_level("WARNING", logger="portal.fastpath"):
        assert not fast_path_enabled()
    assert "not the release it was written for" in caplog.text


# Every page type of the demo content (issue #19): the third request is answered without Django,
# with Django's headers and Django's bytes apart from the per-request CSRF token. What differs per
# person is a hole, or (annual report, VPD section) a shell per visibility profile; a page type
# that reads anything else personal is rendered for each request (tests/portal/test_page_cache.py).
PAGE_TYPES = [
    "/nl/",  # home page (personal blocks as holes)
    "/en/",
    "/nl/heldere-afspraken/gedragscode/",  # code of conduct
    "/nl/heldere-afspraken/onderzoeksprotocol/",  # protocol
    "/nl/bewustwording/kalender/",  # calendar, list
    "/nl/bewustwording/kalender/week-van-de-weerbaarheid-2021/",  # edition
    "/en/bewustwording/calendar/",  # the English calendar (English items, Dutch sessions)
    "/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/vth/toezicht-openbare-ruimte/",  # instruction
    "/nl/melden/jaarverslag-2021/",  # annual report (one shell per visibility profile)
    "/nl/bewustwording/kalender/phishing-herkennen/",  # programme item (my registration as a hole)
    "/en/bewustwording/calendar/recognising-phishing/",
    "/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/",  # VPD section (per profile)
    "/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/vth/",  # VPD department (a hole)
]


# (The legal texts are served by a plain view under /<lang>/melding/ for signed-out reporters,
# home/legal.py, which the page cache does not store.)
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_cached_page_type_is_answered_fast_with_djangos_bytes_and_headers(
    demo_content, django_app, app, anna, path
):
    browser = browser_for(app, anna)
    assert browser.get(path).cache_state == "miss", path
    through_django = browser.get(path)
    assert through_django.cache_state == "hit", path
    calls = django_app.calls
    fast = browser.get(path)
    assert django_app.calls == calls and fast.cache_state == "fast_path", (
        f"{path}: the third request reached Django"
    )
    drop = {"set-cookie", "date", "content-length"}
    assert sorted((k, v) for k, v in fast.headers if k.lower() not in drop) == sorted(
        (k, v) for k, v in through_django.headers if k.lower() not in drop
    ), path
    assert int(fast.header("Content-Length")) == len(fast.body)
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", fast.text) == strip.sub("", through_django.text), path


class CacheReads:
    """Counts the reads of the default cache (where sessions and user records live)."""

    def __init__(self, monkeypatch):
        self.calls: list[str] = []
        self.depth = 0  # the local-memory cache's get_many calls its own get
        cache = caches["default"]
        for name in ("get", "get_many"):
            original = getattr(cache, name)
            monkeypatch.setattr(cache, name, self.counting(name, original))

    def counting(self, name, original):
        def read(*args, **kwargs):
            if not self.depth:
                self.calls.append(name)
            self.depth += 1
            try:
                return original(*args, **kwargs)
            finally:
                self.depth -= 1

        return read


def test_a_known_session_and_its_users_record_are_read_in_one_round_trip(
    demo_content, django_app, anna, settings, monkeypatch
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # as in production
    browser = browser_for(FastPageApp(django_app), anna)
    warm(browser)
    assert browser.get(URL).cache_state == "fast_path"
    reads = CacheReads(monkeypatch)
    answer = browser.get(URL)
    assert answer.cache_state == "fast_path" and "Anna Aarts" in answer.text
    assert reads.calls == ["get_many"]  # the session and the record together; the shell is elsewhere

    # Signing out (here, or on another server) ends what this process remembered of the session.
    calls = django_app.calls
    browser.client.logout()
    answer = browser.get(URL)
    assert django_app.calls == calls + 1 and answer.status.startswith("302")


def test_a_remembered_session_still_notices_a_new_password_and_deactivation(
    demo_content, django_app, anna, settings
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    browser = browser_for(FastPageApp(django_app), anna)
    warm(browser)
    assert browser.get(URL).cache_state == "fast_path"
    anna.first_name = "Annemarie"
    anna.save()  # the record is deleted: read again from the database with the session
    assert "Annemarie Aarts" in browser.get(URL).text
    anna.is_active = False
    anna.save()
    assert browser.get(URL).status.startswith("302")


def test_the_database_session_engine_reads_one_after_the_other(
    demo_content, django_app, anna, settings, monkeypatch
):
    """Control: without the session in the cache there is nothing to read together."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    browser = browser_for(FastPageApp(django_app), anna)
    warm(browser)
    reads = CacheReads(monkeypatch)
    assert browser.get(URL).cache_state == "fast_path"
    assert reads.calls == ["get"]  # the record only: the session came from the database
