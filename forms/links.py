"""The link from the report form to the code of conduct (for signed-in people)."""

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
