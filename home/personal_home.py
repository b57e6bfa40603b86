"""The personal home page: what the shared shell shows, and the personal blocks filled in per person.

The home page is one shell in the page cache (portal/cache.py) for everyone; the blocks that differ
per person are holes (portal/holes.py), each answered with ONE query on every view:

- `home.must_read`: the must-read items this person has not confirmed yet (the shell passes the
  items, their current version, title and address; the hole only asks which ones are confirmed);
- `home.my_sessions`: their next sessions and their places on waitlists;
- `home.my_team`: the VPD team instruction of the teams they manage or of their department.

What is the same for everyone (quick actions, what changed recently) is rendered into the shell,
which the page cache renews when content is published.
"""

from __future__ import annotations

import json

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from portal import holes
from portal.prepared import PreparedQuery

#: How many items the personal and recent blocks show at most.
SESSIONS_SHOWN = 5
RECENT_SHOWN = 5


# -- the shared shell -------------------------------------------------------------------------


def must_read_items(locale_id: int) -> list[dict]:
    """Every must-read item people confirm: today the code of conduct (the version that asks for
    confirmation), in this language where it exists. Each: source page id, version, title, url."""
    from home.models import CodeOfConductPage

    pages = list(CodeOfConductPage.objects.live().filter(locale_id=locale_id))
    if not pages:
        pages = list(CodeOfConductPage.objects.live().filter(locale=Locale.get_default()))
    return [
        {
            "source": page.source_page().pk,
            "version": page.confirmation_version(),
            "title": page.title,
            "url": page.get_url() or "",
        }
        for page in pages
    ]


def recent_changes(locale_id: int, limit: int = RECENT_SHOWN) -> list[Page]:
    """The pages published most recently in this language (below the home page, open to all)."""
    return list(
        Page.objects.live()
        .public()
        .filter(locale_id=locale_id, depth__gt=2, last_published_at__isnull=False)
        .order_by("-last_published_at", "-pk")[:limit]
    )


def quick_actions(home, request) -> list[dict]:
    """Iets melden, Vertrouwenspersoon spreken, Agenda: where they lead in this language."""
    from awareness.models import CalendarPage

    actions = [{"text": gettext("Iets melden"), "url": reverse("integrity_report"), "primary": True}]
    advisors = _advisors_page(home)
    if advisors is not None:
        actions.append({"text": gettext("Vertrouwenspersoon spreken"), "url": advisors.get_url(request)})
    calendar = (
        CalendarPage.objects.live().filter(locale_id=home.locale_id).first()
        or CalendarPage.objects.live().first()
    )
    if calendar is not None:
        actions.append({"text": gettext("Agenda"), "url": calendar.get_url(request)})
    return actions


def _advisors_page(home):
    """The chosen advisors' page in the home page's language (one query), else as chosen."""
    from home.section_actions import localized_live_page

    if home.advisors_page_id is None:
        return None
    return localized_live_page(home.advisors_page_id, home.locale_id)


def home_context(home, request) -> dict:
    return {
        "must_read": json.dumps(
            [
                [item["source"], item["version"], item["url"], item["title"]]
                for item in must_read_items(home.locale_id)
            ]
        ),
        "quick_actions": quick_actions(home, request),
        "recent_changes": recent_changes(home.locale_id),
    }


# -- the personal parts -------------------------------------------------------------------------


def _block(body, empty_text: str):
    return body or format_html('<p class="utrecht-paragraph">{}</p>', empty_text)


def _confirmed_pages(user_id, page_ids):
    from home.models import ReadConfirmation

    return ReadConfirmation.objects.filter(user_id=user_id, page_id__in=page_ids).values_list(
        "page_id", "version"
    )


_CONFIRMED = PreparedQuery(_confirmed_pages)


@holes.register("home.must_read")
def must_read(person: holes.Person, items_json: str) -> str:
    """The must-read items this person still has to confirm, each a link to where they confirm."""
    if person.pk is None:
        return ""
    items = [
        (int(source), str(version), str(url), str(title))
        for source, version, url, title in json.loads(items_json)
    ]
    confirmed = set(_CONFIRMED(person.pk, [item[0] for item in items])) if items else set()
    open_items = [item for item in items if (item[0], item[1]) not in confirmed]
    if not open_items:
        return _block("", gettext("Je hebt alles gelezen en bevestigd. Dank je wel."))
    return format_html(
        '<ul class="utrecht-unordered-list portal-home-list">{}</ul>',
        format_html_join(
            "",
            '<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="{}#bevestigen">{}</a> '
            "<span>{}</span></li>",
            (
                (url, title, gettext("versie %(version)s bevestigen") % {"version": version})
                for _source, version, url, title in open_items
            ),
        ),
    )


def _upcoming_registrations(user_id: int, now):
    """This person's confirmed and waitlisted places in sessions that have not ended, soonest first,
    each with how many people are ahead of them on the waitlist."""
    from awareness.models import Registration

    waitlisted = Registration.Status.WAITLISTED
    ahead = (
        Registration.objects.filter(session=OuterRef("session"), status=waitlisted)
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Registration.objects.filter(
            user_id=user_id,
            status__in=[Registration.Status.CONFIRMED, waitlisted],
            session__end__gte=now,
            session__cancelled=False,
        )
        .annotate(places_ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)))
        .order_by("session__start", "pk")
        .values_list(
            "status",
            "places_ahead",
            "session__start",
            "session__item__url_path",
            "session__item__title",
            "session__item__translation_key",
            "session__item__locale__language_code",
        )[:SESSIONS_SHOWN]
    )


def _item_translations(language: str, translation_keys):
    from awareness.models import ProgrammeItemPage

    return (
        ProgrammeItemPage.objects.live()
        .filter(locale__language_code=language, translation_key__in=translation_keys)
        .values_list("translation_key", "url_path", "title")
    )


_UPCOMING = PreparedQuery(_upcoming_registrations)
_TRANSLATIONS = PreparedQuery(_item_translations)


@holes.register("home.my_sessions")
def my_sessions(person: holes.Person) -> str:
    """Next sessions this person is signed up for, and their place on waitlists."""
    from awareness.models import Registration

    if person.pk is None:
        return ""
    registrations = _UPCOMING(person.pk, timezone.now())
    # The sessions belong to the Dutch items; the English home names their translations.
    language = get_language()
    foreign = sorted({row[5] for row in registrations if row[6] != language})
    translated = {}
    if foreign:
        content_language = get_supported_content_language_variant(language)
        translated = {key: (path, title) for key, path, title in _TRANSLATIONS(content_language, foreign)}
    rows = []
    for status, places_ahead, start, url_path, title, translation_key, item_language in registrations:
        shown = translated.get(translation_key)
        when = format_date(timezone.localtime(start), "l j F Y, H:i")
        if status == Registration.Status.WAITLISTED:
            status_text = gettext("Op de wachtlijst, plaats %(place)s") % {"place": places_ahead + 1}
        else:
            status_text = gettext("Aangemeld")
        rows.append(
            (
                person.page_url(shown[0] if shown else url_path),
                language if shown else item_language,
                shown[1] if shown else title,
                when,
                status_text,
            )
        )
    link = format_html(
        '<p class="utrecht-paragraph"><a class="utrecht-link" href="{}">{}</a></p>',
        holes.url("awareness:my_registrations"),
        gettext("Al je aanmeldingen"),
    )
    if not rows:
        return format_html(
            "{}{}", _block("", gettext("Je hebt je nog niet aangemeld voor een sessie.")), link
        )
    items = format_html_join(
        "",
        '<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="{}" lang="{}">{}</a>'
        '<br><span class="portal-home-meta">{} · {}</span></li>',
        rows,
    )
    return format_html('<ul class="utrecht-unordered-list portal-home-list">{}</ul>{}', items, link)


def _team_instructions(user_id: int):
    """The live team instructions of the teams this person manages or of their department."""
    from vpd.models import TeamInstructionPage

    return (
        TeamInstructionPage.objects.live()
        .filter(Q(team__managers=user_id) | Q(team__department__employee_profiles__user=user_id))
        .distinct()
        .order_by("team__name", "path")
        .values_list("team_id", "team__name", "path", "url_path", "title", "locale__language_code")
    )


_TEAM_INSTRUCTIONS = PreparedQuery(_team_instructions)


@holes.register("home.my_team")
def my_team(person: holes.Person) -> str:
    """The VPD team instruction of this person's team(s): teams they manage or of their department."""
    if person.pk is None:
        return ""
    language = get_language() or "nl"
    chosen: dict[int, tuple] = {}
    for team_id, team_name, _path, url_path, title, page_language in _TEAM_INSTRUCTIONS(person.pk):
        # Per team: the page in the language asked for, else the first one.
        current = chosen.get(team_id)
        if current is None or (page_language == language and current[2] != language):
            chosen[team_id] = (url_path, title, page_language, team_name)
    if not chosen:
        return _block(
            "",
            gettext(
                "Er is geen teaminstructie voor jouw team. Vraag je leidinggevende of je team er een heeft."
            ),
        )
    return format_html(
        '<ul class="utrecht-unordered-list portal-home-list">{}</ul>',
        format_html_join(
            "",
            '<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="{}" lang="{}">{}</a>'
            '<br><span class="portal-home-meta">{}</span></li>',
            (
                (person.page_url(url_path), page_language, title, team_name)
                for url_path, title, page_language, team_name in chosen.values()
            ),
        ),
    )
