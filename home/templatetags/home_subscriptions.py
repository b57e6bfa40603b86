"""`{% must_read_banner %}` and `{% follow_button %}`: the personal parts base.html adds to every
page (holes filled per person, home/subscription_holes.py)."""

from django import template
from wagtail.models import Page

from home.models import CodeOfConductPage, HomePage, LegalPage
from home.must_read import must_read_items
from portal.templatetags.portal_holes import personal

register = template.Library()


def _signed_in(context) -> bool:
    request = context.get("request")
    return request is not None and request.user.is_authenticated


@register.simple_tag(takes_context=True)
def must_read_banner(context):
    """Evaluated when the page (or its shell) renders: which versions are due is the same for all."""
    if not _signed_in(context) or isinstance(context.get("page"), CodeOfConductPage | HomePage):
        # The code of conduct itself ends with its confirmation form; the personal home page lists
        # what is still to confirm in its own block (home/personal_home.py), so no second notice.
        return ""
    items = must_read_items()
    if not items:
        return ""
    args = [value for item in items for value in (item.page_id, item.version)]
    return personal(context, "home.must_read_banner", *args)


def followable(page) -> bool:
    if not isinstance(page, Page) or not page.pk or not page.live or page.depth <= 2:
        return False
    return not isinstance(page, HomePage | LegalPage) and getattr(type(page), "followable", True)


@register.simple_tag(takes_context=True)
def follow_button(context):
    page = context.get("page")
    if not _signed_in(context) or not followable(page) or getattr(context["request"], "is_preview", False):
        return ""
    # The translation key finds the subscription from any language without a query here.
    url = page.get_url(context["request"])
    return personal(context, "home.follow_button", page.pk, page.translation_key, url)
