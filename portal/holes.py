"""Personal parts of cached pages: holes that are filled in for each person on every request.

A page that is the same for everyone except a small part (the confirmation form of the code of
conduct, a calendar's personal subscription link) stays cacheable when that part is a *hole*:

    {% load portal_holes %}
    {% personal "home.read_confirmation" page.pk source.pk version %}

While a shell for the shared cache renders, the tag writes a placeholder; on every response the
placeholder is replaced by what the hole's function returns for the person asking. Outside the
page cache (a normal render) the tag calls the function at once. A function gets a `Person` (id,
names, CSRF token) and the tag's arguments as strings, and returns HTML (escape what you insert).
It may run queries; it runs with the page's language active. Register it in the app's
`holes.py` (imported by `PortalConfig.ready()` through `autodiscover`):

    @holes.register("home.read_confirmation")
    def read_confirmation(person: Person, page_id: str, source_id: str, version: str) -> str: ...

Arguments are passed as strings (percent-encoded inside the shell).

A form in a hole carries `holes.CSRF` where the token goes; it is filled in for each response, so
the HTML around it can be the same for everyone in the same situation. Build that HTML in a
function decorated with `same_for_everyone`: it is remembered per process and language instead of
translated and escaped again on every view.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from types import SimpleNamespace
from urllib.parse import quote, unquote

from django.urls import get_script_prefix, reverse
from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import get_language


def _secret_token() -> str:
    """Part of every placeholder, derived from SECRET_KEY: text that people type (a page body, a
    search query shown on the results page) cannot contain a placeholder and so can never have
    someone else's CSRF token or personal part filled into it."""
    return salted_hmac("portal.holes.placeholder", "v1").hexdigest()[:20]


TOKEN = _secret_token()
PREFIX = f"@@portal-hole:{TOKEN}:".encode()
NAME = f"@@portal-hole:{TOKEN}:display-name@@"
USERNAME = f"@@portal-hole:{TOKEN}:username@@"
CSRF = f"@@portal-hole:{TOKEN}:csrf-token@@"
_PART = f"@@portal-hole:{TOKEN}:part:"
_FRAGMENT = re.compile(re.escape(_PART.encode()) + rb"([\w.]+)((?::[\w.~%\-]*)*)@@")

HoleFunction = Callable[..., str]
_registry: dict[str, HoleFunction] = {}
#: Holes filled all at once per page (`register_batch`).
_batched: set[str] = set()


@dataclass(frozen=True)
class Person:
    """Who a page is filled in for: what holes may use (no model instance, so no lazy queries).

    One `Person` is made per response. `csrf_token()` masks the cookie's secret once per response
    (every form of the page carries the same masked token, as one response may); `page_url()` links
    to pages and reads the sites' root paths once per response instead of once per link.
    """

    pk: int
    username: str
    full_name: str
    csrf_token: Callable[[], str]
    #: The `content` generation of the shell being filled (portal/cache.py), when known: links to
    #: pages are remembered per process for it, since every change that moves a page bumps it.
    content_generation: int | None = None
    #: Wagtail's cache object for the sites' root paths (`Page.get_url_parts(request=...)`).
    memo: SimpleNamespace = field(default_factory=SimpleNamespace, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "csrf_token", _once(self.csrf_token))

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def page_url(self, url_path: str) -> str:
        """The link `Page.get_url()` gives a page with this `url_path`: relative with one site."""
        if self.content_generation is None:
            return self._page_url(url_path)
        key = (self.content_generation, get_language(), url_path)
        url = _page_urls.get(key)
        if url is None:
            url = self._page_url(url_path)
            if len(_page_urls) >= MAX_PAGE_URLS:
                _page_urls.clear()  # a new generation: the old links are never asked again
            _page_urls[key] = url
        return url

    def _page_url(self, url_path: str) -> str:
        from wagtail.models import Page

        parts = Page(url_path=url_path).get_url_parts(request=self.memo)
        if parts is None or parts[2] is None:
            return ""
        _site, root_url, path = parts
        sites = {root.site_id for root in self.memo._wagtail_cached_site_root_paths}
        return path if len(sites) == 1 else root_url + path


#: Links to pages by (content generation, language, url_path), per process.
_page_urls: dict[tuple[int, str | None, str], str] = {}
MAX_PAGE_URLS = 4096


def _once(function: Callable[[], str]) -> Callable[[], str]:
    answer: list[str] = []  # a Person serves one response, in one thread

    def once() -> str:
        if not answer:
            answer.append(function())
        return answer[0]

    return once


def url(name: str, *args) -> str:
    """`reverse(name, args)` in the active language, remembered per process: holes run on every
    view, and the same few links cost a URL resolver walk each time otherwise."""
    return _reverse(get_language(), get_script_prefix(), name, tuple(str(arg) for arg in args))


@lru_cache(maxsize=4096)
def _reverse(language: str | None, prefix: str, name: str, args: tuple[str, ...]) -> str:
    return reverse(name, args=args)


def register(name: str) -> Callable[[HoleFunction], HoleFunction]:
    def decorator(function: HoleFunction) -> HoleFunction:
        _registry[name] = function
        return function

    return decorator


def register_batch(name: str) -> Callable[[HoleFunction], HoleFunction]:
    """A hole that fills every placeholder of its name in a page with one call:
    `function(person, calls) -> list[str]`, `calls` being the argument tuples (strings) and the
    answer one piece of HTML per call, in that order. For parts that are the same for everyone but
    change more often than the page (a session's places left): one query per page, however many
    parts it has."""

    def decorator(function: HoleFunction) -> HoleFunction:
        _registry[name] = function
        _batched.add(name)
        return function

    return decorator


def autodiscover() -> None:
    autodiscover_modules("holes")


def placeholder(name: str, *args) -> str:
    """The text a shell carries for hole `name` with `args`."""
    if name not in _registry:
        raise KeyError(f"No personal hole registered as {name!r}")
    # Percent-encoded: any text can travel inside the HTML without ending the placeholder.
    values = [quote(str(arg), safe="") for arg in args]
    return _PART + name + "".join(":" + value for value in values) + "@@"


def same_for_everyone(build: Callable[..., str]) -> Callable[..., str]:
    """Remember what `build(*args)` returns, per process, language and script prefix.

    For a hole's HTML once the personal facts are known (the form, or the thanks once answered):
    `build` may depend on its arguments (hashable) and the active language only, and leaves the
    CSRF token as `CSRF`. Translating and escaping the same few strings on every view of every page
    was most of what filling a cached page cost.
    """

    @lru_cache(maxsize=4096)
    def remembered(language: str | None, prefix: str, args: tuple) -> str:
        return build(*args)

    @wraps(build)
    def markup(*args) -> str:
        return remembered(get_language(), get_script_prefix(), args)

    markup.cache_clear = remembered.cache_clear  # type: ignore[attr-defined]
    return markup


def render(name: str, person: Person, *args) -> str:
    """The hole's HTML for `person`, with the CSRF token filled in (a render outside the cache)."""
    html = _call(name, person, [str(arg) for arg in args])
    return html.replace(CSRF, person.csrf_token()) if CSRF in html else html


def _call(name: str, person: Person, args: list[str]) -> str:
    if name in _batched:
        return _registry[name](person, [tuple(args)])[0]
    return _registry[name](person, *args)


def _arguments(match: re.Match) -> tuple[str, ...]:
    return tuple(unquote(arg) for arg in match.group(2).decode().split(":")[1:])


def fill(content: bytes, person: Person) -> bytes:
    """Put `person`'s name, CSRF token and personal parts into a shell (UTF-8 bytes)."""
    if PREFIX not in content:
        return content
    content = content.replace(NAME.encode(), escape(person.display_name).encode())
    content = content.replace(USERNAME.encode(), escape(person.username).encode())
    if _PART.encode() in content:
        # Batched holes first: every call of one name in one go.
        calls: dict[str, list[tuple[str, ...]]] = {}
        for match in _FRAGMENT.finditer(content):
            name = match.group(1).decode()
            if name in _batched:
                calls.setdefault(name, []).append(_arguments(match))
        filled: dict[str, dict[tuple[str, ...], str]] = {}
        for name, wanted in calls.items():
            unique = list(dict.fromkeys(wanted))
            filled[name] = dict(zip(unique, _registry[name](person, unique), strict=True))

        def part(match: re.Match) -> bytes:
            name = match.group(1).decode()
            if name in filled:
                return filled[name][_arguments(match)].encode()
            return _call(name, person, list(_arguments(match))).encode()

        content = _FRAGMENT.sub(part, content)
    # Last: the shell's own forms and those the parts brought in carry the same placeholder.
    if CSRF.encode() in content:
        content = content.replace(CSRF.encode(), person.csrf_token().encode())
    return content
