"""iCalendar (RFC 5545) documents of sessions, for feeds and for e-mail attachments."""

from collections.abc import Iterable
from datetime import UTC

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

PRODID = "-//Gemeente//Integriteitsportaal//NL"


def session_uid(session) -> str:
    return f"awareness-session-{session.pk}@integriteitsportaal"


def session_event(session, url: str = "") -> Event:
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.start.astimezone(UTC))
    event.add("dtend", session.end.astimezone(UTC))
    event.add("summary", session.item.title)
    description = strip_tags(session.item.description or "").strip()
    if session.online_link:
        description = f"{description}\n\n{session.online_link}".strip()
    if description:
        event.add("description", description)
    location = (
        session.online_link if session.format == "online" and not session.location else session.location
    )
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    return event


def calendar_document(sessions: Iterable, name: str, base_url: str = "") -> bytes:
    """An RFC 5545 calendar with one event per session (sessions need `item` loaded)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    base = base_url or settings.WAGTAILADMIN_BASE_URL
    for session in sessions:
        path = session.item.url or ""
        calendar.add_component(session_event(session, url=f"{base.rstrip('/')}{path}" if path else ""))
    return calendar.to_ical()
