"""Personal parts of the awareness room's pages (see portal/holes.py)."""

from functools import lru_cache
from urllib.parse import quote

from django.db.models import Count, Q
from django.utils.html import escape, format_html
from django.utils.translation import get_language, gettext, ngettext

from awareness import services
from portal import holes
from portal.prepared import PreparedQuery


@holes.register("awareness.feed_token")
def feed_token(person: holes.Person) -> str:
    """The person's calendar-subscription token, ready for a query string in an attribute."""
    if person.pk is None:
        return ""
    return escape(quote(services.feed_token_for_id(person.pk), safe=""))


# -- places left: the same for everyone, but every sign-up changes them ------------------------------
# The calendar's and the search results' shells carry a placeholder per session, so a sign-up
# changes a number on the next request instead of emptying those shells for everyone
# (Registration declares no page-cache scope). `{% places_left %}` renders at once outside the cache.


def places_html(session, style: str = "line") -> str:
    """What a list shows of a session's places (the session has `confirmed_count` annotated):
    "line" for the calendar's session lines, "search" for a search result."""
    if session is None:
        return ""
    return places_text(session.places_left, session.cancelled, style)


def places_text(left: int | None, cancelled: bool, style: str) -> str:
    return _places_text(get_language(), left, cancelled, style)


@lru_cache(maxsize=1024)
def _places_text(language: str | None, left: int | None, cancelled: bool, style: str) -> str:
    # The same few texts on every view of the calendar: translated once per language and number.
    if style == "search":
        if left is None:
            return ""
        free = ngettext("Nog %(counter)s plek vrij", "Nog %(counter)s plekken vrij", left)
        text = gettext("Vol") if left == 0 else free % {"counter": left}
        modifier = " portal-search-result__places--full" if left == 0 else ""
        return format_html('<span class="portal-search-result__places{}">{}</span>', modifier, text)
    if cancelled:
        return format_html("<strong>{}</strong>", gettext("Gaat niet door"))
    if left is None:
        return escape(gettext("Onbeperkt plaatsen"))
    if left:
        return escape(ngettext("Nog %(n)s plaats", "Nog %(n)s plaatsen", left) % {"n": left})
    return escape(gettext("Vol: wachtlijst"))


def _session_places(session_ids):
    from awareness.models import Registration, Session

    confirmed = Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
    return (
        Session.objects.filter(pk__in=session_ids)
        .annotate(confirmed_count=confirmed)
        .values_list("pk", "capacity", "cancelled", "confirmed_count")
    )


_PLACES = PreparedQuery(_session_places)


@holes.register_batch("awareness.places")
def places(person: holes.Person, calls: list[tuple[str, ...]]) -> list[str]:
    """Places left of every session on the page, in one query."""
    from awareness.models import Session

    ids = sorted({int(session_id) for session_id, _style in calls if session_id.isdigit()})
    sessions = {
        pk: (Session.places_left_of(capacity, confirmed_count), cancelled)
        for pk, capacity, cancelled, confirmed_count in (_PLACES(ids) if ids else [])
    }
    answers = []
    for session_id, style in calls:
        found = sessions.get(int(session_id)) if session_id.isdigit() else None
        answers.append("" if found is None else places_text(*found, style))
    return answers
