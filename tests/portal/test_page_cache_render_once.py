"""One render per stale shell (portal/cache.py, `PageCacheMiddleware.wait_for_render`).

After a publish every shell that shows it is stale at once. The first request for such a page
renders it again; the others for the same page wait for that shell instead of each rendering it on
the same cores (the readers' tail in the load test, docs/performance.md). The claim lives in the
page cache, so it is shared by the servers exactly when the shells are.

Each scenario runs on the local-memory cache and, when CI provides one, on a real Redis server.
"""

import pytest
from django.test import Client

from home.models import ContentPage
from portal import cache as page_cache
from portal.cache import PageCacheMiddleware, is_at_least

pytestmark = pytest.mark.django_db

SECTION = "/nl/heldere-afspraken/"


@pytest.fixture(autouse=True)
def page_cache_header(settings):
    """These tests read how the cache answered from X-Page-Cache, which only DEBUG sends."""
    settings.DEBUG = True


def reader(make_user, name: str) -> Client:
    client = Client()
    client.force_login(make_user(username=name, first_name=name.title(), last_name="Lezer"))
    return client


def publish_new_title(title: str) -> None:
    page = ContentPage.objects.get(slug="heldere-afspraken", locale__language_code="nl")
    page.title = title
    page.save_revision().publish()


def after_a_publish(make_user) -> Client:
    """Anna's visit stored the section's shell; a publish made it stale. Returns Bert, who opens it next."""
    reader(make_user, "anna").get(SECTION)
    publish_new_title("Afspraken die iedereen kent")
    return reader(make_user, "bert")


class Pauses:
    """Stands in for the wait between two looks at the cache: counts them and lets the test act as
    the other request at the first one (no real sleeping)."""

    def __init__(self, at_first=None):
        self.count = 0
        self.at_first = at_first

    def __call__(self, seconds):
        self.count += 1
        if self.count == 1 and self.at_first:
            self.at_first()


def another_request_holds_the_claim(monkeypatch):
    """The next claim is refused, as when another request (on this or another server) renders the
    same shell at that moment; later claims are real."""
    real_claim = PageCacheMiddleware.claim_render
    refused = []

    def claim(self, key):
        if not refused:
            refused.append(key)
            return False
        return real_claim(self, key)

    monkeypatch.setattr(PageCacheMiddleware, "claim_render", claim)
    return refused


def test_a_request_for_a_stale_shell_waits_for_the_other_render_and_gets_its_own_name(
    cache_backend, demo_content, make_user, monkeypatch
):
    first, waiting, rendering = (reader(make_user, name) for name in ("anna", "bert", "carla"))
    assert first.get(SECTION)["X-Page-Cache"] == "miss"
    assert first.get(SECTION)["X-Page-Cache"] == "hit"
    publish_new_title("Afspraken die iedereen kent")
    another_request_holds_the_claim(monkeypatch)
    rendered = []
    # While Bert waits, Carla's request renders the page again and stores the shell.
    pauses = Pauses(at_first=lambda: rendered.append(rendering.get(SECTION)))
    monkeypatch.setattr(PageCacheMiddleware, "pause", pauses)

    response = waiting.get(SECTION)

    assert rendered[0]["X-Page-Cache"] == "miss"  # the one render
    assert response["X-Page-Cache"] == "hit"  # Bert got that shell, not a render of his own
    html = response.content.decode()
    assert "Afspraken die iedereen kent" in html  # the new title: never the stale shell
    assert "Bert Lezer" in html and "Carla" not in html  # his own name in it
    assert pauses.count == 1


def test_control_without_waiting_every_request_renders_the_stale_shell_itself(
    cache_backend, demo_content, make_user, monkeypatch, settings
):
    """The same scenario with PAGE_CACHE_RENDER_WAIT=0: shows that the test above can fail."""
    settings.PAGE_CACHE_RENDER_WAIT = 0
    waiting = after_a_publish(make_user)
    pauses = Pauses()
    monkeypatch.setattr(PageCacheMiddleware, "pause", pauses)
    response = waiting.get(SECTION)
    assert response["X-Page-Cache"] == "miss" and pauses.count == 0
    assert "Afspraken die iedereen kent" in response.content.decode()


def test_when_the_other_render_stores_nothing_the_waiting_request_renders_itself(
    cache_backend, demo_content, make_user, monkeypatch
):
    """The other render was personal, failed or is on a server that went away: the claim is gone and
    no newer shell came. The waiting request renders the page at the first look, not after the limit."""
    waiting = after_a_publish(make_user)
    another_request_holds_the_claim(monkeypatch)
    pauses = Pauses()
    monkeypatch.setattr(PageCacheMiddleware, "pause", pauses)
    response = waiting.get(SECTION)
    assert response["X-Page-Cache"] == "miss" and pauses.count == 1
    assert "Afspraken die iedereen kent" in response.content.decode()


def test_a_render_that_takes_too_long_is_not_waited_for_beyond_the_limit(
    cache_backend, demo_content, make_user, monkeypatch, settings
):
    settings.PAGE_CACHE_RENDER_WAIT = 0.5
    waiting = after_a_publish(make_user)
    another_request_holds_the_claim(monkeypatch)
    monkeypatch.setattr(PageCacheMiddleware, "is_rendering", lambda self, key: True)  # never done
    clock = [1000.0]
    monkeypatch.setattr(PageCacheMiddleware, "clock", staticmethod(lambda: clock[0]))

    def pause(seconds):
        clock[0] += seconds

    monkeypatch.setattr(PageCacheMiddleware, "pause", staticmethod(pause))
    response = waiting.get(SECTION)
    assert response["X-Page-Cache"] == "miss"
    assert "Afspraken die iedereen kent" in response.content.decode()
    assert clock[0] - 1000.0 == pytest.approx(0.5, abs=page_cache.RENDER_POLL_SECONDS * 1.5)


def test_the_claim_is_released_after_the_render(cache_backend, demo_content, make_user, monkeypatch):
    """Otherwise every later request for the page after the next publish would wait the full limit."""
    first, second = reader(make_user, "anna"), reader(make_user, "bert")
    first.get(SECTION)
    publish_new_title("Afspraken die iedereen kent")
    assert first.get(SECTION)["X-Page-Cache"] == "miss"  # claimed, rendered, released
    publish_new_title("Afspraken voor iedereen")
    pauses = Pauses()
    monkeypatch.setattr(PageCacheMiddleware, "pause", pauses)
    response = second.get(SECTION)
    assert response["X-Page-Cache"] == "miss" and pauses.count == 0
    assert "Afspraken voor iedereen" in response.content.decode()


def test_one_claim_per_shell_at_a_time(cache_backend, settings):
    """Two requests (two servers when the page cache is Redis) cannot both claim one shell."""
    middleware = PageCacheMiddleware(lambda request: None)
    assert middleware.claim_render("portal:test:shell")
    assert not middleware.claim_render("portal:test:shell")
    assert middleware.claim_render("portal:test:other-shell")  # another page renders meanwhile
    middleware.release_render("portal:test:shell")
    assert middleware.claim_render("portal:test:shell")
    middleware.release_render("portal:test:shell")
    middleware.release_render("portal:test:other-shell")


def test_a_waiting_request_takes_only_a_shell_at_least_as_new_as_what_it_read():
    read = {"content": 7, "awareness.sessions": 3}
    assert is_at_least({"content": 7}, read)
    assert is_at_least({"content": 8, "awareness.sessions": 3}, read)  # rendered after a later publish
    assert not is_at_least({"content": 6}, read)  # the stale shell itself
    assert not is_at_least({"content": 7, "awareness.sessions": 2}, read)
    assert not is_at_least({}, read)  # a shell of an older release, without numbers
