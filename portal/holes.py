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
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, unquote

from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.module_loading import autodiscover_modules


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
    """Who a page is filled in for: what holes may use (no model instance, so no lazy queries)."""

    pk: int
    username: str
    full_name: str
    csrf_token: Callable[[], str]

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


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


def render(name: str, person: Person, *args) -> str:
    if name in _batched:
        return _registry[name](person, [tuple(str(arg) for arg in args)])[0]
    return _registry[name](person, *[str(arg) for arg in args])


def _arguments(match: re.Match) -> tuple[str, ...]:
    return tuple(unquote(arg) for arg in match.group(2).decode().split(":")[1:])


def fill(content: bytes, person: Person) -> bytes:
    """Put `person`'s name, CSRF token and personal parts into a shell (UTF-8 bytes)."""
    if PREFIX not in content:
        return content
    content = content.replace(NAME.encode(), escape(person.display_name).encode())
    content = content.replace(USERNAME.encode(), escape(person.username).encode())
    if CSRF.encode() in content:
        content = content.replace(CSRF.encode(), person.csrf_token().encode())
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
            return render(name, person, *_arguments(match)).encode()

        content = _FRAGMENT.sub(part, content)
    return content
