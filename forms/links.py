"""Links from report categories to the chapters of the code of conduct."""

from wagtail.models import Locale, Page


def code_of_conduct_url(request=None) -> str | None:
    """The URL of the live code of conduct page in the active language, or None when there is none."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return None
    page = (
        Page.objects.live()
        .filter(content_type__app_label="home", content_type__model="codeofconductpage", locale=locale)
        .first()
    )
    return page.get_url(request) if page else None


def category_links(choices, request=None) -> list[dict]:
    """One row per category: code, label and the anchor in the code of conduct (None without the page)."""
    base = code_of_conduct_url(request)
    return [
        {"code": code, "label": label, "url": f"{base}#{code}" if base else None} for code, label in choices
    ]
