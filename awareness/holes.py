"""Personal parts of the awareness room's pages (see portal/holes.py)."""

from urllib.parse import quote

from django.utils.html import escape

from awareness import services
from portal import holes


@holes.register("awareness.feed_token")
def feed_token(person: holes.Person) -> str:
    """The person's calendar-subscription token, ready for a query string in an attribute."""
    if person.pk is None:
        return ""
    return escape(quote(services.feed_token_for_id(person.pk), safe=""))
