"""Personal parts of the content room's pages (see portal/holes.py).

These run on every view of their page, also from the page cache's fast path, so they stay small:
one prepared SQL statement and `format_html`, no ORM query building or template rendering (which
cost about 1 ms per view, more than the whole rest of a cached page).
"""

import datetime
from functools import cache

from django.db import connection
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.translation import gettext

from home.models import ReadConfirmation
from portal import holes


@cache
def _confirmation_sql() -> str:
    meta, quote = ReadConfirmation._meta, connection.ops.quote_name
    column = {
        name: quote(meta.get_field(name).column) for name in ("user", "page", "version", "confirmed_at")
    }
    return (
        f"SELECT {column['confirmed_at']} FROM {quote(meta.db_table)} "  # noqa: S608 - names from the model
        f"WHERE {column['user']} = %s AND {column['page']} = %s AND {column['version']} = %s"
    )


def confirmed_at(user_id: int, page_id: int, version: str) -> datetime.datetime | None:
    """When this person confirmed `version` of the code of conduct (`page_id`: the Dutch page)."""
    with connection.cursor() as cursor:
        cursor.execute(_confirmation_sql(), [user_id, page_id, version])
        row = cursor.fetchone()
    if row is None:
        return None
    value = parse_datetime(row[0]) if isinstance(row[0], str) else row[0]  # SQLite gives text
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value


@holes.register("home.read_confirmation")
def read_confirmation(person: holes.Person, page_id: str, source_id: str, version: str) -> str:
    """The end of the code of conduct: when this person confirmed the version, or the form to do so."""
    if person.pk is None:
        return ""
    moment = confirmed_at(person.pk, int(source_id), version)
    if moment is not None:
        return _confirmed(version, timezone.localdate(moment))
    return _confirmation_form(int(page_id), version)


@holes.same_for_everyone
def _confirmed(version: str, day: datetime.date) -> str:
    text = gettext("Je hebt versie %(version)s bevestigd op %(date)s.") % {
        "version": version,
        "date": format_date(day, "j F Y"),
    }
    return format_html('<p class="utrecht-paragraph">{}</p>', text)


@holes.same_for_everyone
def _confirmation_form(page_id: int, version: str) -> str:
    return format_html(
        '<form method="post" action="{}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<p class="utrecht-paragraph">{}</p>'
        '<button class="utrecht-button utrecht-button--primary-action" type="submit">{}</button>'
        "</form>",
        holes.url("home:confirm_read", page_id),
        holes.CSRF,
        gettext("Bevestig dat je versie %(version)s van de gedragscode hebt gelezen.") % {"version": version},
        gettext("Ik heb de gedragscode gelezen"),
    )


from home import feedback_holes, personal_home, subscription_holes  # noqa: E402, F401 - their holes register on import
