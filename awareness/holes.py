"""Personal parts of the awareness room's pages (see portal/holes.py)."""

import zoneinfo
from functools import lru_cache
from urllib.parse import quote

from django.db.models import Count, OuterRef, Q, Subquery
from django.template.defaultfilters import date as format_date
from django.utils import timezone
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


# -- a programme item's sessions: my registration, signing up, managing -----------------------------
# The programme item page is the same for everyone but these parts: one placeholder per session,
# filled in with two queries for the whole page (the sessions with their places and my
# registration, and whether I am an editor unless I organise the item).


def _item_sessions(session_ids: list[int], user_id: int):
    from awareness.models import Registration, Session

    confirmed = Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
    mine = (
        Registration.objects.filter(session=OuterRef("pk"), user_id=user_id)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("pk")
        .values("status")[:1]
    )
    return (
        Session.objects.filter(pk__in=session_ids)
        .annotate(confirmed_count=confirmed, my_status=Subquery(mine))
        .values_list(
            "pk",
            "capacity",
            "cancelled",
            "start",
            "end",
            "registration_closes",
            "item__organiser_id",
            "confirmed_count",
            "my_status",
        )
    )


def _editor_groups(user_id: int, group_name: str):
    from django.contrib.auth import get_user_model

    memberships = get_user_model().groups.through.objects
    return memberships.filter(user_id=user_id, group__name=group_name).values_list("pk")[:1]


_ITEM_SESSIONS = PreparedQuery(_item_sessions)
_EDITOR = PreparedQuery(_editor_groups)


@holes.register_batch("awareness.session_actions")
def session_actions(person: holes.Person, calls: list[tuple[str, ...]]) -> list[str]:
    """Per session of a programme item: where I stand (registered, on the waitlist) or the way to
    sign up, and for its organiser and editors the way to the registrations and check-in list."""
    from awareness.models import Registration, Session
    from portal.roles import Role

    ids = sorted({int(session_id) for (session_id, *_rest) in calls if session_id.isdigit()})
    if person.pk is None or not ids:
        return [""] * len(calls)
    rows = {row[0]: row for row in _ITEM_SESSIONS(ids, person.pk)}
    now, zone = timezone.now(), timezone.get_current_timezone_name()
    editor: bool | None = None
    answers = []
    for session_id, *_rest in calls:
        row = rows.get(int(session_id)) if session_id.isdigit() else None
        if row is None:
            answers.append("")
            continue
        pk, capacity, cancelled, start, end, closes, organiser_id, confirmed, my_status = row
        if my_status:
            state = "confirmed" if my_status == Registration.Status.CONFIRMED else "waitlisted"
        elif not cancelled and now < (closes or start):
            state = "waitlist" if Session.places_left_of(capacity, confirmed) == 0 else "register"
        elif not cancelled and end >= now:
            state = "closed"
        else:
            state = ""
        html = _session_action(state, pk, start, zone)
        if organiser_id != person.pk and editor is None:
            editor = bool(_EDITOR(person.pk, str(Role.EDITOR)))
        if organiser_id == person.pk or editor:
            html += _manage_link(pk, start, zone)
        answers.append(html)
    return answers


def _day(start, zone: str) -> str:
    return format_date(start.astimezone(zoneinfo.ZoneInfo(zone)), "j F")


@holes.same_for_everyone
def _session_action(state: str, session_pk: int, start, zone: str) -> str:
    if state in ("confirmed", "waitlisted"):
        return format_html(
            '<span class="awareness-session__mine">{} <a class="utrecht-link" href="{}">{}</a></span>',
            gettext("Je bent aangemeld.") if state == "confirmed" else gettext("Je staat op de wachtlijst."),
            holes.url("awareness:my_registrations"),
            gettext("Mijn aanmeldingen"),
        )
    if state in ("register", "waitlist"):
        return format_html(
            '<a class="utrecht-button-link utrecht-button-link--primary-action" href="{}">{}'
            '<span class="portal-visually-hidden"> {}</span></a>',
            holes.url("awareness:register", session_pk),
            gettext("Aanmelden voor de wachtlijst") if state == "waitlist" else gettext("Aanmelden"),
            _day(start, zone),
        )
    if state == "closed":
        return format_html("<span>{}</span>", gettext("Aanmelden is gesloten."))
    return ""


@holes.same_for_everyone
def _manage_link(session_pk: int, start, zone: str) -> str:
    return format_html(
        ' <a class="utrecht-link" href="{}">{}<span class="portal-visually-hidden"> ({})</span></a>',
        holes.url("awareness_admin_session", session_pk),
        gettext("Aanmeldingen en presentie"),
        _day(start, zone),
    )
