"""Query budgets of the page types on this branch: constant, small, independent of content size.

Counted without the page cache (the helper empties it), so this is the cost of a real rendering.
The rooms' page types (code of conduct, calendar, programme item, team instruction, annual report)
are in `test_query_budgets_pages.py`.
"""

import pytest
from wagtail.models import Page

from home.models import ContentPage
from tests.query_budget import assert_query_budget

pytestmark = pytest.mark.django_db

BUDGET = 20
# The home page also lists must-read items, quick actions and recent changes, and (uncached) fills
# its three personal blocks (home/personal_home.py): more queries, a constant number.
HOME_BUDGET = 25
# Content pages also show their primary action and fill three personal holes: page feedback
# (home/feedback.py), the must-read banner and the follow button (home/subscription_holes.py).
CONTENT_BUDGET = 23
# Measured: the English page costs two page lookups more than the Dutch one (25 against 23).
ENGLISH_CONTENT_BUDGET = 25


def add_children(parent: Page, count: int, *, in_menu: bool = True) -> None:
    start = parent.get_children().count()
    for number in range(start, start + count):
        child = ContentPage(title=f"Extra pagina {number}", slug=f"extra-{number}", show_in_menus=in_menu)
        parent.add_child(instance=child)
        child.save_revision().publish()


def test_home_page_budget_does_not_grow_with_menu_items(client, employee, demo_content):
    home = Page.objects.get(depth=2, locale__language_code="nl")
    assert_query_budget(client, employee, "/nl/", budget=HOME_BUDGET, grow=lambda: add_children(home, 8))


def test_content_page_budget_does_not_grow_with_children_or_depth(client, employee, demo_content):
    section = ContentPage.objects.get(slug="heldere-afspraken", locale__language_code="nl")
    assert_query_budget(
        client,
        employee,
        "/nl/heldere-afspraken/",
        budget=CONTENT_BUDGET,
        grow=lambda: add_children(section, 8),
    )


def test_english_content_page_budget(client, employee, demo_content):
    assert_query_budget(client, employee, "/en/heldere-afspraken/", budget=ENGLISH_CONTENT_BUDGET)


def test_search_results_budget_does_not_grow_with_results(client, employee, demo_content):
    section = ContentPage.objects.get(slug="heldere-afspraken", locale__language_code="nl")

    def more_results():
        start = section.get_children().count()
        for number in range(start, start + 12):
            page = ContentPage(title=f"Integriteit in de praktijk {number}", slug=f"praktijk-{number}")
            section.add_child(instance=page)
            page.save_revision().publish()

    # Search checks the person's view restrictions and section facets: more queries, but a constant number.
    assert_query_budget(
        client, employee, "/nl/zoeken/?q=integriteit", budget=42, grow=more_results
    )  # +1: the must-read banner; +1: places left of every session listed, in one query


def test_search_results_with_programme_items_do_not_cost_a_query_per_item(client, employee, demo_content):
    """Each programme item in the results shows its next session: one query for the page of results,
    not one per item (the search page is rendered again after every publish)."""
    from tests.awareness.factories import SessionFactory, in_days, programme_item

    made = []

    def more_items():
        for _ in range(2):
            number = len(made)
            item = programme_item(title=f"Weerbaarheidskompas {number}")
            SessionFactory(item=item, start=in_days(10 + number))
            made.append(item)

    counts = assert_query_budget(
        client, employee, "/nl/zoeken/?q=weerbaarheidskompas", budget=42, grow=more_items
    )
    assert counts[1] == counts[2]


def test_a_cached_page_costs_three_queries(client, employee, demo_content, django_assert_max_num_queries):
    """Session, user and the content generation; no routing, no page tree, no rendering. (A content
    page adds one per personal hole: page feedback answered, must-read confirmed, page followed.)"""
    client.force_login(employee)
    assert client.get("/nl/heldere-afspraken/").page_cache_state == "miss"
    with django_assert_max_num_queries(3 + 3):
        response = client.get("/nl/heldere-afspraken/")
    assert response.page_cache_state == "hit"


def test_the_budget_helper_fails_on_a_page_that_grows(client, employee, demo_content):
    """The helper can fail: a 'grow' that adds queries to the rendering is caught."""
    from django.db import connection

    from portal import navigation

    original = navigation.main_menu

    def leaky_menu(request, current_page=None):
        items = original(request, current_page)
        for _item in Page.objects.filter(depth=3):  # one query per menu-level page: an N+1
            connection.cursor().execute("SELECT 1")
        return items

    home = Page.objects.get(depth=2, locale__language_code="nl")
    navigation.main_menu = leaky_menu
    try:
        with pytest.raises(AssertionError, match="N\\+1"):
            assert_query_budget(client, employee, "/nl/", budget=100, grow=lambda: add_children(home, 3))
    finally:
        navigation.main_menu = original
