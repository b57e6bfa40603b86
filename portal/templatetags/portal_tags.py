from django import template
from django.utils.safestring import mark_safe

from portal import navigation

register = template.Library()


# The navigation is rendered once per content generation and kept (portal/navigation.py,
# portal/fragments.py): these tags return that HTML.


@register.simple_tag(takes_context=True)
def main_menu(context):
    return mark_safe(navigation.main_menu_html(context["request"], context.get("page")))  # noqa: S308 - our template's output


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    return mark_safe(navigation.breadcrumbs_html(context["request"], context.get("page")))  # noqa: S308 - our template's output


@register.simple_tag(takes_context=True)
def language_switcher(context):
    return mark_safe(navigation.language_links_html(context["request"], context.get("page")))  # noqa: S308 - our template's output


@register.simple_tag(takes_context=True)
def home_url(context):
    return navigation.home_url(context["request"])


@register.simple_tag
def portal_site_name():
    """The portal's name for the admin dashboard (WAGTAIL_SITE_NAME)."""
    from django.conf import settings

    return settings.WAGTAIL_SITE_NAME
