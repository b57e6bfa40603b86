"""Where a person is and where they can go: the main menu, breadcrumbs and language links."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    is_current: bool


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


def home_page_for(request) -> Page | None:
    """The site's home page in the language of the request (falls back to the site root).

    Asked for by the logo link, the menu and the language links: looked up once per request and
    language."""
    found = request.__dict__.setdefault("_portal_home_pages", {})
    language = translation.get_language()
    if language not in found:
        found[language] = _home_page_for(request)
    return found[language]


def _home_page_for(request) -> Page | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    locale = Locale.get_active()
    if root.locale_id == locale.id:
        return root
    return root.get_translation_or_none(locale) or root


def main_menu(request, current_page: Page | None = None) -> list[MenuItem]:
    home = home_page_for(request)
    if home is None:
        return []
    current_path = current_page.path if current_page else ""
    # Plain pages (not .specific): a menu needs titles and URLs only, and one query for them all.
    children = home.get_children().live().in_menu()
    items = []
    for child in children:
        items.append(
            MenuItem(
                title=child.title,
                url=child.get_url(request),
                is_current=bool(current_path) and current_path.startswith(child.path),
            )
        )
    return items


def breadcrumbs(request, page: Page) -> list[MenuItem]:
    """Ancestors below the tree root, ending with the page itself (not a link)."""
    ancestors = page.get_ancestors().filter(depth__gt=1)
    crumbs = [MenuItem(a.title, a.get_url(request), False) for a in ancestors]
    crumbs.append(MenuItem(page.title, page.get_url(request), True))
    return crumbs


def language_links(request, page: Page | None = None) -> list[LanguageLink]:
    """One link per language: the translated page where it exists, else the page's own path in that
    language (untranslated pages fall back to Dutch with a notice)."""
    current = translation.get_language()
    links = []
    translations = {}
    if page is not None and page.pk:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
    for code, name in settings.LANGUAGES:
        if page is not None:
            target = translations.get(code)
            if target is None:
                # Not translated: the same path in that language, where the page falls back to
                # the Dutch text with a notice (home.HomePage.route).
                page_url = page.get_url(request)
                url = translate_url(page_url, code) if page_url else f"/{code}/"
            else:
                url = target.get_url(request)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(LanguageLink(code=code, name=str(name), url=url, is_current=code == current))
    return links
