"""What the calendar page shows: filtered sessions as a list grouped by day, or as a month grid."""

import calendar as pycalendar
import datetime
from itertools import groupby

from django.db.models import Prefetch
from django.utils import timezone
from wagtail.models import Locale

from awareness.filters import CalendarFilter, month_label, parse_month
from awareness.models import ProgrammeItemPage, Session, default_language, themes_in
from home.models import Theme


def calendar_root(page):
    """A translated calendar lists the programme of the Dutch (default-language) calendar."""
    default = Locale.get_default()
    if page.locale_id != default.pk:
        return page.get_translation_or_none(default) or page
    return page


def calendar_sessions(page):
    """Live sessions of the items under `page`, with counts and themes, in one query plus prefetch."""
    page = calendar_root(page)
    return (
        Session.objects.with_counts()
        .filter(item__live=True, item__path__startswith=page.path)
        .prefetch_related(Prefetch("item__themes", queryset=Theme.objects.order_by("name")))
        .order_by("start")
    )


def calendar_context(page, request) -> dict:
    view = "maand" if request.GET.get("weergave") == "maand" else "lijst"
    data = request.GET.copy()
    if view == "lijst" and "wanneer" not in data:
        data["wanneer"] = "komend"
    if view == "maand":
        data.pop("wanneer", None)
        if not parse_month(data.get("maand")):
            data["maand"] = timezone.localdate().strftime("%Y-%m")
    filterset = CalendarFilter(data, queryset=calendar_sessions(page), request=request)
    sessions = list(filterset.qs) if filterset.is_valid() else []
    localize_items([session.item for session in sessions], page.locale_id, request)
    context = {
        "filter": filterset,
        "view": view,
        "sessions": sessions,
        # The filters fold away (the first activity is in view on a phone) unless one is in use.
        "filters_open": bool(filterset.form.errors)
        or any(request.GET.get(name) for name in ("thema", "vorm", "doelgroep", "afdeling", "plaatsen"))
        or (view == "lijst" and bool(request.GET.get("maand"))),
    }
    if view == "maand":
        context.update(month_grid(sessions, data["maand"], request))
    else:
        context["days"] = [
            (day, list(group))
            for day, group in groupby(sessions, key=lambda s: timezone.localtime(s.start).date())
        ]
    # Switching between list and month keeps the filters but not the month or the time span.
    query = request.GET.copy()
    for key in ("weergave", "maand", "wanneer"):
        query.pop(key, None)
    context["list_query"] = query.urlencode()
    return context


# What a list, an e-mail or a calendar feed shows of a translated item.
SHOWN_FIELDS = (
    *("id", "title", "slug", "path", "depth", "url_path"),
    *("translation_key", "locale_id", "description"),
)


def translations_of(items: list, locale_id: int) -> dict:
    """{translation key: live translation in `locale_id`} of the (Dutch) items, in one query; empty
    when the items are already in that language."""
    if not items or locale_id == items[0].locale_id:
        return {}
    keys = {item.translation_key for item in items}
    return {
        item.translation_key: item
        for item in ProgrammeItemPage.objects.live()
        .filter(locale_id=locale_id, translation_key__in=keys)
        .only(*SHOWN_FIELDS)
    }


def localize_items(items: list, locale_id: int, request) -> None:
    """Give each (Dutch) item the title, link, themes and language the reader's page shows: its
    translation in `locale_id` where there is one, else the Dutch item with `shown_lang` set so the
    template marks its title `lang="nl"`. Two queries however many items (themes prefetched)."""
    translations = translations_of(items, locale_id)
    themes: dict = {}
    source_language = None
    if items and locale_id != items[0].locale_id:
        themes = themes_in([theme for item in items for theme in item.themes.all()], locale_id)
        source_language = default_language()
    for item in items:
        shown = translations.get(item.translation_key, item)
        item.shown_title = shown.title
        item.shown_url = ProgrammeItemPage.get_url(shown, request)
        item.shown_lang = source_language if shown is item else None
        item.shown_themes = [themes.get(theme.translation_key, theme) for theme in item.themes.all()]


def month_grid(sessions, month_value, request) -> dict:
    today = timezone.localdate()
    year, month = parse_month(month_value) or (today.year, today.month)
    by_day: dict[datetime.date, list] = {}
    for session in sessions:
        by_day.setdefault(timezone.localtime(session.start).date(), []).append(session)
    weeks = [
        [(day, day.month == month, by_day.get(day, [])) for day in week]
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous_month = (year - 1, 12) if month == 1 else (year, month - 1)
    next_month = (year + 1, 1) if month == 12 else (year, month + 1)

    def link(target):
        query = request.GET.copy()
        query["weergave"] = "maand"
        query["maand"] = f"{target[0]:04d}-{target[1]:02d}"
        query.pop("wanneer", None)
        return "?" + query.urlencode()

    return {
        "weeks": weeks,
        "month_label": month_label(year, month),
        "previous_link": link(previous_month),
        "previous_label": month_label(*previous_month),
        "next_link": link(next_month),
        "next_label": month_label(*next_month),
        "today": today,
        "month_sessions": sessions,
    }
