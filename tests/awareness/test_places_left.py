"""Places left on cached pages: a part the page cache fills in on every request (awareness/holes.py),
so a sign-up shows at once without emptying the calendar's or the search results' shells."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from awareness import services
from portal import holes
from tests.awareness.factories import SessionFactory, calendar_page, in_days, programme_item

pytestmark = pytest.mark.django_db


def places_of(html: str, title: str) -> str:
    start = html.index('class="awareness-session__places">', html.index(f">{title}</a>"))
    return html[start:].split(">", 1)[1].split("</span>", 1)[0]


def get(client: Client, path: str):
    response = client.get(path)
    assert response.status_code == 200
    return response


def test_a_sign_up_shows_on_the_cached_calendar_at_once_and_keeps_the_shell(make_user):
    calendar = calendar_page()
    item = programme_item(parent=calendar, title="Dilemmacafé")
    session = SessionFactory(item=item, capacity=2, start=in_days(3), end=in_days(3, hour=16))
    reader = Client()
    reader.force_login(make_user(username="lezer"))
    assert get(reader, calendar.url).page_cache_state == "miss"
    cached = get(reader, calendar.url)
    assert (
        cached.page_cache_state == "hit"
        and places_of(cached.content.decode(), item.title) == "Nog 2 plaatsen"
    )

    for name in ("ann", "bob"):
        services.register(session.pk, services.Applicant(name=name, email=f"{name}@portaal.invalid"))
        after = get(reader, calendar.url)
        assert after.page_cache_state == "hit"  # the shell stayed
    assert places_of(after.content.decode(), item.title) == "Vol: wachtlijst"
    # The page rendered anew (the shell dropped) says the same.
    caches["pages"].clear()
    fresh = get(reader, calendar.url)
    assert (
        fresh.page_cache_state == "miss"
        and places_of(fresh.content.decode(), item.title) == "Vol: wachtlijst"
    )


def test_a_cached_calendar_fills_every_session_s_places_in_one_query(make_user):
    calendar = calendar_page()
    reader = Client()
    reader.force_login(make_user(username="lezer"))

    def hit_queries() -> int:
        get(reader, calendar.url)  # a miss after new sessions: renders the shell
        with CaptureQueriesContext(connection) as queries:
            response = get(reader, calendar.url)
        assert response.page_cache_state == "hit"
        return len(queries.captured_queries)

    SessionFactory(item=programme_item(parent=calendar), start=in_days(2), end=in_days(2, hour=16))
    few = hit_queries()
    for day in range(3, 15):
        SessionFactory(item=programme_item(parent=calendar), start=in_days(day), end=in_days(day, hour=16))
    assert hit_queries() == few


def test_batched_holes_are_called_once_per_page_with_each_call_once():
    calls = []

    @holes.register_batch("tests.batched")
    def batched(person, wanted):
        calls.append(list(wanted))
        return [f"<{a}-{b}>" for a, b in wanted]

    shell = "".join(
        holes.placeholder("tests.batched", *args) for args in [("1", "x"), ("2", "y"), ("1", "x")]
    ).encode()
    person = holes.Person(pk=None, username="", full_name="", csrf_token=lambda: "")
    assert holes.fill(shell, person) == b"<1-x><2-y><1-x>"
    assert calls == [[("1", "x"), ("2", "y")]]
    # Outside the cache (a normal render) the same function answers one call.
    assert holes.render("tests.batched", person, 3, "z") == "<3-z>"
