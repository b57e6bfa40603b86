"""Where a person is and where they can go: the main menu, breadcrumbs and language links.

The functions below build them from the page tree; the `*_html` ones (used by base.html through
portal_tags) keep the rendered parts between renders, per content generation (portal/fragments.py):
the menu once per site and language with the current item marked (one variant per top-level
section, not per page), breadcrumbs and language links once per page and language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from portal import fragments


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


# -- the same, rendered once per content generation (portal/fragments.py) -------------------------


def _site_pk(request):
    site = Site.find_for_request(request)  # cached on the request (routing found it already)
    return site.pk if site is not None else None


def _home_entry(request) -> dict | None:
    """The home page's URL and depth for this site and language, or None without a site."""

    def build():
        home = home_page_for(request)
        return {"url": home.get_url(request), "depth": home.depth} if home is not None else {}

    return fragments.cached(request, "home", (_site_pk(request),), build) or None


def home_url(request) -> str:
    entry = _home_entry(request)
    return entry["url"] if entry else "/"


def main_menu_html(request, current_page: Page | None = None) -> str:
    """The main menu, rendered once per site, language and current top-level section: an item is
    current when the page's path starts with the item's path, and every item's path has the length
    of the home page's children's paths, so that prefix of the page's path decides it."""
    entry = _home_entry(request)
    if not entry:  # no site for this host: no menu
        return render_to_string("portal/includes/main_menu.html", {"items": []})
    current_path = current_page.path if current_page is not None and current_page.path else ""
    section = current_path[: (entry["depth"] + 1) * Page.steplen]

    def build():
        return render_to_string("portal/includes/main_menu.html", {"items": main_menu(request, current_page)})

    return fragments.cached(request, "menu", (_site_pk(request), section), build)


def breadcrumbs_html(request, page: Page | None) -> str:
    """Kept per page; the home page, the tree root and app views (no page) show none."""
    shown = page is not None and page.depth > 2

    def build():
        crumbs = breadcrumbs(request, page) if shown else []
        return render_to_string("portal/includes/breadcrumbs.html", {"crumbs": crumbs})

    if shown and not page.pk:  # not in the tree (a preview of a new page): nothing to share
        return build()
    return fragments.cached(request, "breadcrumbs", (_site_pk(request), page.pk if shown else None), build)


def language_links_html(request, page: Page | None = None) -> str:
    def build():
        return render_to_string(
            "portal/includes/language_switcher.html", {"links": language_links(request, page)}
        )

    if page is None or not page.pk:  # an app view: the links follow its path and query string
        return build()
    return fragments.cached(request, "languages", (_site_pk(request), page.pk), build)
