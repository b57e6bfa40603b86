"""The daily digest: for each person, what was published or changed yesterday in what they follow.

A page subscription covers the page and every page below it; a theme covers every page tagged with
it (programme items). Only live pages without view restrictions are listed, so a digest never names
a page its reader could not open. One digest per person per day: the `Digest` row and the queued
mail commit together, and the unique constraint on (person, day) turns a second or concurrent run
into a no-op for that person.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, transaction
from django.template.defaultfilters import date as format_date
from django.utils import timezone, translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, get_page_models

from home.models import Digest, Subscription, Theme
from portal.mail import send_mail_later


@dataclass
class Change:
    source: Page  # the Dutch page (titles and links in the digest)
    new: bool  # first published in the window, rather than changed
    theme_keys: set = field(default_factory=set)  # translation keys of the themes it carries


def day_window(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The digest sent on `day` covers the whole day before, in local time."""
    end = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return end - datetime.timedelta(days=1), end


def _default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def changed_pages(start: datetime.datetime, end: datetime.datetime) -> list[Change]:
    """Public live pages (any language) published in [start, end), as their Dutch source pages."""
    pages = list(
        Page.objects.live()
        .public()
        .filter(last_published_at__gte=start, last_published_at__lt=end, depth__gt=2)
        .select_related("locale")
    )
    if not pages:
        return []
    default = _default_language()
    keys = {page.translation_key for page in pages}
    sources = {
        page.translation_key: page
        for page in Page.objects.live()
        .public()
        .filter(translation_key__in=keys, locale__language_code=default)
    }
    themes = _themes_of([page.pk for page in pages])
    changes: dict[int, Change] = {}
    for page in pages:
        source = sources.get(page.translation_key, page)
        change = changes.setdefault(source.pk, Change(source=source, new=False))
        change.new = change.new or (page.first_published_at is not None and page.first_published_at >= start)
        change.theme_keys |= themes.get(page.pk, set())
    return sorted(changes.values(), key=lambda change: change.source.path)


def _themes_of(page_ids: list[int]) -> dict[int, set]:
    """Translation keys of the themes of each page, over every page type with a `themes` field."""
    found: dict[int, set] = {}
    for model in get_page_models():
        try:
            themes = model._meta.get_field("themes")
        except FieldDoesNotExist:  # most page types carry no themes
            continue
        if themes.related_model is not Theme or themes.model is not model:
            continue
        rows = model.objects.filter(pk__in=page_ids, themes__isnull=False).values_list(
            "pk", "themes__translation_key"
        )
        for page_id, key in rows:
            found.setdefault(page_id, set()).add(key)
    return found


def digest_sections(
    subscriptions: list[Subscription], changes: list[Change]
) -> list[tuple[str, list[Change]]]:
    """(what the person follows, the changes in it) for each subscription with changes."""
    sections = []
    for subscription in subscriptions:
        if subscription.page_id:
            prefix = subscription.page.path
            matched = [change for change in changes if change.source.path.startswith(prefix)]
            label = subscription.page.title
        else:
            key = subscription.theme.translation_key
            matched = [change for change in changes if key in change.theme_keys]
            label = translation.gettext("thema %(name)s") % {"name": subscription.theme.name}
        if matched:
            sections.append((label, matched))
    return sections


def digest_body(sections: list[tuple[str, list[Change]]], day: datetime.date) -> str:
    gettext = translation.gettext
    lines = [
        gettext("Dit is er gisteren (%(date)s) gepubliceerd of gewijzigd in wat je volgt:")
        % {"date": format_date(day - datetime.timedelta(days=1), "j F Y")},
        "",
    ]
    for label, changes in sections:
        lines.append(label)
        for change in changes:
            state = gettext("nieuw") if change.new else gettext("gewijzigd")
            lines.append(f"- {change.source.title} ({state}): {change.source.full_url or change.source.url}")
        lines.append("")
    lines.append(gettext("Je abonnementen beheren: %(url)s") % {"url": subscriptions_url()})
    return "\n".join(lines)


def subscriptions_url() -> str:
    from django.urls import reverse

    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("home:subscriptions")


def send_digests(day: datetime.date | None = None) -> int:
    """Queue today's digest for everyone with something new in what they follow; returns how many."""
    day = day or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        changes = changed_pages(*day_window(day))
        if not changes:
            return 0
        already = set(Digest.objects.filter(day=day).values_list("user_id", flat=True))
        subscriptions = (
            Subscription.objects.filter(user__is_active=True)
            .exclude(user__email="")
            .exclude(user_id__in=already)
            .select_related("user", "page", "theme")
            .order_by("user_id", "created_at")
        )
        sent = 0
        for _user_id, group in groupby(subscriptions, key=lambda subscription: subscription.user_id):
            group = list(group)
            user = group[0].user
            sections = digest_sections(group, changes)
            if not sections:
                continue
            subject = translation.gettext("Wat er veranderde in wat je volgt (%(date)s)") % {
                "date": format_date(day, "j F Y")
            }
            count = len({change.source.pk for _label, found in sections for change in found})
            try:
                # The record and the queued mail commit together; a second or concurrent run for
                # the same person and day hits the unique constraint and queues nothing.
                with transaction.atomic():
                    Digest.objects.create(user=user, day=day, items=count)
                    send_mail_later(subject, digest_body(sections, day), [user.email])
            except IntegrityError:
                continue
            sent += 1
        return sent
