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
    return _registry[name](person, *[str(arg) for arg in args])


def fill(content: bytes, person: Person) -> bytes:
    """Put `person`'s name, CSRF token and personal parts into a shell (UTF-8 bytes)."""
    if PREFIX not in content:
        return content
    content = content.replace(NAME.encode(), escape(person.display_name).encode())
    content = content.replace(USERNAME.encode(), escape(person.username).encode())
    if CSRF.encode() in content:
        content = content.replace(CSRF.encode(), person.csrf_token().encode())
    if _PART.encode() in content:

        def part(match: re.Match) -> bytes:
            name = match.group(1).decode()
            args = [unquote(arg) for arg in match.group(2).decode().split(":")[1:]]
            return render(name, person, *args).encode()

        content = _FRAGMENT.sub(part, content)
    return content
