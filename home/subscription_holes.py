"""Personal parts of every page for subscriptions and must-read push (see portal/holes.py).

Both run on every page view, also from the page cache's fast path: one plain SQL statement and
`format_html` each, no ORM query building or template rendering.
"""

import uuid
from functools import cache

from django.db import connection
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from wagtail.models import Page

from home.models import ReadConfirmation, Subscription
from portal import holes


@cache
def _confirmed_sql(count: int) -> str:
    meta, quote = ReadConfirmation._meta, connection.ops.quote_name
    user, page, version = (quote(meta.get_field(name).column) for name in ("user", "page", "version"))
    pairs = " OR ".join([f"({page} = %s AND {version} = %s)"] * count)
    return f"SELECT {page}, {version} FROM {quote(meta.db_table)} WHERE {user} = %s AND ({pairs})"  # noqa: S608 - names from the model meta, values as parameters


@cache
def _following_sql() -> str:
    """Does this person follow the page with this translation key (in whichever language)?"""
    meta, quote = Subscription._meta, connection.ops.quote_name
    pages, key = quote(Page._meta.db_table), quote(Page._meta.get_field("translation_key").column)
    user, page = (quote(meta.get_field(name).column) for name in ("user", "page"))
    return (
        f"SELECT 1 FROM {quote(meta.db_table)} INNER JOIN {pages} ON {pages}.{quote('id')} = {page} "  # noqa: S608 - names from the model meta, values as parameters
        f"WHERE {user} = %s AND {pages}.{key} = %s"
    )


@holes.register("home.must_read_banner")
def must_read_banner(person: holes.Person, *items: str) -> str:
    """A banner on every page while this person has not confirmed a must-read version.

    `items` are (Dutch page id, version) pairs, as the shell was rendered with them.
    """
    if person.pk is None or not items:
        return ""
    pairs = [(int(items[n]), items[n + 1]) for n in range(0, len(items) - 1, 2)]
    params = [person.pk] + [value for pair in pairs for value in pair]
    with connection.cursor() as cursor:
        cursor.execute(_confirmed_sql(len(pairs)), params)
        confirmed = {(int(page_id), version) for page_id, version in cursor.fetchall()}
    open_items = tuple(pair for pair in pairs if pair not in confirmed)
    return _must_read_banner(open_items) if open_items else ""


@holes.same_for_everyone
def _must_read_banner(open_items: tuple[tuple[int, str], ...]) -> str:
    # One line per item with the title inline: on a phone the banner stays short, so the page's
    # own content starts on the first screen.
    return format_html(
        '<aside class="portal-must-read" aria-labelledby="portal-must-read-title">'
        '<div class="utrecht-alert utrecht-alert--warning"><div class="utrecht-alert__content">'
        '<p class="utrecht-paragraph"><strong id="portal-must-read-title">{}</strong> {}</p>'
        "</div></div></aside>",
        gettext("Nog te bevestigen"),
        format_html_join(
            " ",
            '{} <a class="utrecht-link" href="{}">{}</a>',
            (
                (
                    gettext("Lees versie %(version)s van de gedragscode en bevestig dat je hem hebt gelezen.")
                    % {"version": version},
                    holes.url("home:must_read", page_id),
                    gettext("Lezen en bevestigen"),
                )
                for page_id, version in open_items
            ),
        ),
    )


@holes.register("home.follow_button")
def follow_button(person: holes.Person, page_id: str, translation_key: str, next_url: str) -> str:
    """Follow or unfollow this page (stored as its Dutch source), and a way to all subscriptions."""
    if person.pk is None:
        return ""
    with connection.cursor() as cursor:
        key = Page._meta.get_field("translation_key").get_db_prep_value(
            uuid.UUID(translation_key), connection
        )
        cursor.execute(_following_sql(), [person.pk, key])
        following = cursor.fetchone() is not None
    return _follow_form(following, int(page_id), next_url)


@holes.same_for_everyone
def _follow_form(following: bool, page_id: int, next_url: str) -> str:
    if following:
        action, text, button = (
            holes.url("home:unfollow"),
            gettext(
                "Je volgt deze pagina en de pagina's eronder: wijzigingen krijg je in je dagelijkse e-mail."
            ),
            gettext("Niet meer volgen"),
        )
    else:
        action, text, button = (
            holes.url("home:follow"),
            gettext("Wil je een dagelijkse e-mail als deze pagina of een pagina eronder verandert?"),
            gettext("Volg deze pagina"),
        )
    return format_html(
        '<form class="portal-follow" method="post" action="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="page" value="{}"><input type="hidden" name="next" value="{}">'
        '<p class="utrecht-paragraph">{}</p>'
        '<div class="portal-follow__actions">'
        '<button class="utrecht-button utrecht-button--secondary-action" type="submit">{}</button> '
        '<a class="utrecht-link" href="{}">{}</a></div></form>',
        action,
        holes.CSRF,
        page_id,
        next_url,
        text,
        button,
        holes.url("home:subscriptions"),
        gettext("Mijn abonnementen"),
    )
