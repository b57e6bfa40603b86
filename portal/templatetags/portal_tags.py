from django import template

from portal import navigation

register = template.Library()


@register.inclusion_tag("portal/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    return {"items": navigation.main_menu(request, context.get("page"))}


@register.inclusion_tag("portal/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"crumbs": []}
    return {"crumbs": navigation.breadcrumbs(context["request"], page)}


@register.inclusion_tag("portal/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"links": navigation.language_links(context["request"], context.get("page"))}


@register.simple_tag(takes_context=True)
def home_url(context):
    home = navigation.home_page_for(context["request"])
    return home.get_url(context["request"]) if home else "/"


@register.simple_tag
def portal_site_name():
    """The portal's name for the admin dashboard (WAGTAIL_SITE_NAME)."""
    from django.conf import settings

    return settings.WAGTAIL_SITE_NAME
