"""A section page's entry point: one primary action, shown as an Utrecht button under the intro
("Iets melden" on Melden, "Naar de agenda" on Bewustwording)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class PrimaryAction:
    text: str
    url: str


def _is_portal_address(url: str) -> bool:
    """Only addresses inside the portal (a path starting with one /): a button never leaves it."""
    return url.startswith("/") and not url.startswith("//") and url_has_allowed_host_and_scheme(url, None)


def validate_primary_action(page) -> None:
    """Text and a target go together; the address must be a path in the portal."""
    errors = {}
    has_target = page.primary_action_page_id is not None or bool(page.primary_action_url)
    if page.primary_action_text and not has_target:
        errors["primary_action_page"] = _("Kies een pagina of vul een adres in voor de knop.")
    if has_target and not page.primary_action_text:
        errors["primary_action_text"] = _("Geef de knop een tekst.")
    if page.primary_action_url and not _is_portal_address(page.primary_action_url):
        errors["primary_action_url"] = _(
            "Vul een adres in het portaal in dat met / begint, zoals /nl/melding/."
        )
    if errors:
        raise ValidationError(errors)


def localized_live_page(page_id: int, locale_id: int):
    """The live translation of a page in this language, else the live page itself, else None;
    one query when the translation exists (a chosen page may be in another language)."""
    from wagtail.models import Page

    chosen = Page.objects.filter(pk=page_id).values("translation_key")
    live = Page.objects.live()
    return (
        live.filter(translation_key__in=chosen, locale_id=locale_id).first()
        or live.filter(pk=page_id).first()
    )


def primary_action(page, request) -> PrimaryAction | None:
    """The button to show, or None. A chosen page wins over an address; a page that is no longer
    live gives no button rather than a broken one."""
    if not page.primary_action_text:
        return None
    if page.primary_action_page_id is not None:
        target = localized_live_page(page.primary_action_page_id, page.locale_id)
        url = target.get_url(request) if target is not None else None
        return PrimaryAction(page.primary_action_text, url) if url else None
    if page.primary_action_url and _is_portal_address(page.primary_action_url):
        return PrimaryAction(page.primary_action_text, page.primary_action_url)
    return None
