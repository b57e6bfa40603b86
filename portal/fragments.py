"""Parts of pages that are the same for everyone who sees them, kept between renders.

The navigation (menu, logo link, breadcrumbs, language links) is built from the page tree: a few
queries and a few templates on every render that is not answered from the page cache (a page
rendered per person, a query string, an app view, the first render after a publish, or
`PAGE_CACHE_ENABLED=false`). `cached()` keeps such a part in the page cache's store
(`PAGE_CACHE_ALIAS`), under a key that holds the content generation (`portal.cache`, scope
CONTENT), so a publish, a move, an unpublish or a new view restriction makes every part stale at
once on every server, exactly as it does for the page shells. The generation is read once per
request (the page cache's own reading is reused while it renders a shell).

Only what is the same for everyone with the same key may go in: no user, no session, no CSRF
token, no draft (previews are never cached: `request.is_preview`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import DatabaseError
from django.utils.translation import get_language

from portal import cache as page_cache
from portal import holes

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: The version of what `cached()` stores: raise it when a cached part's shape changes.
VERSION = 1


def content_generation(request) -> int | None:
    """The CONTENT generation for this request, read once; None when it cannot be read."""
    capture = getattr(request, "_page_cache", None)
    if capture is not None and capture.generations:
        # A shell is rendering: use the numbers it will be stored with.
        return capture.generations.get(page_cache.CONTENT, 0)
    found = request.__dict__.get("_portal_content_generation", False)
    if found is False:
        try:
            found = page_cache.current_generations().get(page_cache.CONTENT, 0)
        except DatabaseError:  # e.g. before `migrate` created the generation table
            logger.warning("Content generation unavailable: fragments are not cached", exc_info=True)
            found = None
        request.__dict__["_portal_content_generation"] = found
    return found


def fragment_key(name: str, generation: int, language: str, vary: tuple) -> str:
    digest = hashlib.blake2b(repr(vary).encode(), digest_size=12).hexdigest()
    release = getattr(settings, "PAGE_CACHE_RELEASE", "")
    # The placeholder token is in the key: servers with another SECRET_KEY never share parts.
    return f"portal:fragment:{VERSION}:{release}:{holes.TOKEN[:8]}:{name}:{generation}:{language}:{digest}"


def cacheable(request) -> bool:
    return not getattr(request, "is_preview", False)


def key_for(request, name: str, vary: tuple) -> str | None:
    """The key for this request, or None when nothing may be kept (a preview, no generation)."""
    if not cacheable(request):
        return None
    generation = content_generation(request)
    if generation is None:
        return None
    return fragment_key(name, generation, get_language() or "", vary)


def read(key: str):
    try:
        return page_cache._cache().get(key)
    except Exception:  # a cache outage must only make pages slower
        logger.warning("Fragment cache unavailable (read)", exc_info=True)
        return None


def write(key: str, value) -> None:
    try:
        page_cache._cache().set(key, value, getattr(settings, "PAGE_CACHE_TIMEOUT", 600))
    except Exception:
        logger.warning("Fragment cache unavailable (write)", exc_info=True)


def cached(request, name: str, vary: tuple, build: Callable[[], T]) -> T:
    """`build()`'s result for (name, vary, language, content generation), built once per
    generation. `vary` holds everything else the result depends on (the site, the page)."""
    key = key_for(request, name, vary)
    if key is None:
        return build()
    value = read(key)
    if value is None:
        value = build()
        if value is not None:
            write(key, value)
    return value
