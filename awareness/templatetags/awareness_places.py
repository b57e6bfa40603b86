"""`{% places_left session "line" %}`: a session's places left, filled in on every request when the
page comes from the page cache (awareness/holes.py), rendered at once otherwise."""

from django import template
from django.utils.safestring import mark_safe

from awareness.holes import places_html
from portal import holes
from portal.cache import rendering_shell

register = template.Library()


@register.simple_tag(takes_context=True)
def places_left(context, session, style: str = "line"):
    request = context.get("request")
    if request is not None and rendering_shell(request):
        return mark_safe(holes.placeholder("awareness.places", session.pk, style))  # noqa: S308 - digits and a word
    return mark_safe(places_html(session, style))  # noqa: S308 - places_html escapes
