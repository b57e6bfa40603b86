"""iCalendar (RFC 5545) documents of sessions, for feeds and for e-mail attachments."""

from collections.abc import Iterable, Mapping
from datetime import UTC
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

PRODID = "-//Gemeente//Integriteitsportaal//NL"


def session_uid(session) -> str:
    return f"awareness-session-{session.pk}@integriteitsportaal"


def session_event(session, url: str = "", item=None) -> Event:
    """One session as an event, named after `item` (a translation of its item) or its own item."""
    item = item or session.item
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.start.astimezone(UTC))
    event.add("dtend", session.end.astimezone(UTC))
    event.add("summary", item.title)
    description = strip_tags(item.description or "").strip()
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


def calendar_document(
    sessions: Iterable, name: str, base_url: str = "", shown: Mapping[int, Any] | None = None
) -> bytes:
    """An RFC 5545 calendar with one event per session (sessions need `item` loaded). `shown` maps
    an item's id to the page to name and link instead (its translation in the reader's language)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    base = base_url or settings.WAGTAILADMIN_BASE_URL
    for session in sessions:
        item = (shown or {}).get(session.item_id, session.item)
        path = item.url or ""
        calendar.add_component(
            session_event(session, url=f"{base.rstrip('/')}{path}" if path else "", item=item)
        )
    return calendar.to_ical()
