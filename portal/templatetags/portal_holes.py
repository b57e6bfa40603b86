"""`{% personal "app.hole" arg ... %}`: a personal part of a page that stays out of the page cache
(see portal/holes.py)."""

from django import template
from django.utils.safestring import mark_safe

from portal import holes
from portal.cache import person_for, rendering_shell

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, name: str, *args):
    request = context["request"]
    if rendering_shell(request):
        return mark_safe(holes.placeholder(name, *args))  # noqa: S308 - letters, digits and ._- only
    return mark_safe(holes.render(name, person_for(request), *args))  # noqa: S308 - the hole escapes
