"""Query budgets: a page renders with a small number of queries that does not grow with content.

Reusable for every page type (after merging, add one test per type):

    from tests.query_budget import assert_query_budget

    def test_calendar_query_budget(client, employee, calendar_with_sessions):
        assert_query_budget(
            client, employee, "/nl/bewustwording/kalender/",
            budget=20,
            grow=lambda: add_sessions(calendar, 25),   # more rows of what the page lists
        )

`assert_query_budget` signs in, empties the caches (so the real rendering is counted, not a cached
shell), counts the queries of one GET, then calls `grow` (which adds rows the page shows) twice,
counting after each, and fails when a count exceeds `budget` or the count still grows.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import caches
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str, *, expect_status: int = 200) -> tuple[int, list[str]]:
    """Queries of one uncached GET of `url` (caches emptied first)."""
    for cache in caches.all(initialized_only=True):
        cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == expect_status, f"{url} answered {response.status_code}"
    return len(context.captured_queries), [query["sql"] for query in context.captured_queries]


def assert_query_budget(
    client, user, url: str, *, budget: int, grow: Callable[[], object] | None = None
) -> list[int]:
    """Fail when `url` needs more than `budget` queries, or more queries as content grows.

    With `grow`, the page is counted three times: as it is, after one `grow()` and after a second
    one. The last two counts must be equal (a list going from empty to non-empty may add one
    query once, e.g. for child URLs; a list that costs a query per row grows every time).
    Returns the counts.
    """
    if user is not None:
        client.force_login(user)
    client.get(url)  # first request of a session may do one-off work (CSRF cookie, site lookup)
    counts = []
    for step in range(3 if grow else 1):
        if step:
            # Run what a commit would run (cache generation bumps), so the counted request is
            # the page's own queries and not the writes the test's transaction held back.
            with TestCase.captureOnCommitCallbacks(execute=True):
                grow()
        count, queries = count_queries(client, url)
        assert count <= budget, f"{url}: {count} queries (budget {budget}):\n" + "\n".join(queries)
        counts.append(count)
    if grow is not None:
        assert counts[2] <= counts[1], f"{url}: {counts} queries as content grows (N+1?):\n" + "\n".join(
            queries
        )
    return counts
