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
