"""The scopes of what pages show, for the page cache (portal/cache.py), importable from models.

A model declares which scopes its writes change (`page_cache_scopes`); a page type declares which
it shows (`page_cache_depends_on`, `page_cache_dependencies()`). CONTENT covers everything editors
publish, and every page shows it (the menu is built from the page tree).
"""

CONTENT = "content"
#: The sessions of the resilience week and their places left (calendar, programme items, search).
SESSIONS = "awareness.sessions"


def statistics(year: int) -> str:
    """The figures of one year, as the annual report of that year (and of the next) shows them."""
    return f"statistics:{int(year)}"
