"""iCalendar feeds: the whole calendar, per theme, per session; valid RFC 5545 parsed back."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.awareness.factories import SessionFactory, programme_item, theme

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0"
    assert calendar["prodid"]
    for event in calendar.walk("VEVENT"):
        for required in ("uid", "dtstamp", "dtstart", "dtend", "summary"):
            assert required in event, required
        assert event.decoded("dtend") > event.decoded("dtstart")
    return calendar


def test_feeds_of_everything_per_theme_and_per_session(employee_client):
    integrity, undermining = theme("integriteit", "Integriteit"), theme("ondermijning", "Ondermijning")
    first = SessionFactory(
        item=programme_item(title="Dilemmaspel; met komma, en puntkomma", themes=[integrity])
    )
    second = SessionFactory(
        item=programme_item(title="Hennepcontainer", themes=[undermining]), cancelled=True
    )

    everything = parse(employee_client.get(reverse("awareness:feed_all")))
    assert {str(e["summary"]) for e in everything.walk("VEVENT")} == {first.item.title, "Hennepcontainer"}
    assert {str(e["status"]) for e in everything.walk("VEVENT")} == {"CONFIRMED", "CANCELLED"}

    per_theme = parse(employee_client.get(reverse("awareness:feed_theme", args=["ondermijning"])))
    assert [str(e["summary"]) for e in per_theme.walk("VEVENT")] == ["Hennepcontainer"]

    [event] = parse(employee_client.get(reverse("awareness:feed_session", args=[first.pk]))).walk("VEVENT")
    assert event.decoded("dtstart") == first.start
    assert str(event["uid"]).startswith(f"awareness-session-{first.pk}@")
    assert second


def test_unknown_theme_or_session_is_a_404(employee_client):
    assert employee_client.get(reverse("awareness:feed_theme", args=["onbekend"])).status_code == 404
    assert employee_client.get(reverse("awareness:feed_session", args=[424242])).status_code == 404


def test_lines_are_folded_at_75_octets():
    from awareness.ics import calendar_document

    session = SessionFactory(item=programme_item(title="Een heel lange titel " * 10))
    document = calendar_document([session], "Test")
    assert all(len(line) <= 75 for line in document.split(b"\r\n"))


def test_calendar_programs_subscribe_with_a_personal_token_not_a_guess(client, employee):
    from awareness.services import feed_token

    SessionFactory()
    url = reverse("awareness:feed_all")
    assert client.get(url).status_code == 302  # signed out, no token: sign in first
    assert client.get(url, {"token": "1"}).status_code == 302
    assert client.get(url, {"token": feed_token(employee)[:-1] + "x"}).status_code == 302
    parse(client.get(url, {"token": feed_token(employee)}))
    employee.is_active = False
    employee.save()
    assert client.get(url, {"token": feed_token(employee)}).status_code == 302


def test_the_calendar_page_offers_the_subscription_link(employee_client, employee):
    from awareness.services import feed_token
    from tests.awareness.factories import calendar_page

    page = calendar_page()
    theme("integriteit", "Integriteit")
    response = employee_client.get(page.url, {"thema": "integriteit"})
    from urllib.parse import quote

    assert f"{reverse('awareness:feed_all')}?token={quote(feed_token(employee))}" in response.text
    assert f"{reverse('awareness:feed_theme', args=['integriteit'])}?token=" in response.text
