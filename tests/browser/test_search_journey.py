"""Search journey: the header search box with the keyboard, the results page with a promoted
result and a section filter, and the zero-results page; each page checked with axe-core."""

import pytest

from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in


@pytest.fixture
def demo_site(live_demo_content):
    """The demo with its PDFs (in the live demo's media folder)."""


def test_employee_searches_from_the_header_with_the_keyboard(page, axe, demo_site):
    sign_in(page, "medewerker", DEMO_PASSWORD)
    page.wait_for_url("**/nl/")

    box = page.get_by_role("searchbox", name="Zoeken in het portaal")
    # Reachable with Tab from the top of the page (skip link first, then the logo, then the box).
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search":
            break
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.type("melden")
    page.keyboard.press("Enter")
    page.wait_for_url("**/nl/zoeken/?q=melden")

    assert page.get_by_role("heading", level=1).inner_text() == "Zoeken"
    status = page.get_by_role("status")
    assert "resultaat" in status.inner_text() or "resultaten" in status.inner_text()
    promoted = page.locator(".portal-search-promotions")
    assert promoted.get_by_role("link", name="Melden en opvolging").is_visible()
    assert page.get_by_role("navigation", name="Filter op onderdeel").is_visible()
    assert page.get_by_role("heading", name="Resultaten", level=2).is_visible()
    assert box.input_value() == "melden"
    axe(page, "search results")

    page.get_by_role("navigation", name="Filter op onderdeel").get_by_role("link", name="Informatie").click()
    page.wait_for_url("**section=inhoud**")
    assert "in Informatie" in page.get_by_role("status").inner_text()
    axe(page, "search results filtered by section")

    page.get_by_label("Zoekterm").fill("xylofoonles")
    page.get_by_role("combobox", name="Onderdeel").select_option("")
    page.get_by_role("button", name="Zoeken", exact=True).last.click()
    page.wait_for_url("**q=xylofoonles**")
    assert "0 resultaten" in page.get_by_role("status").inner_text()
    assert page.get_by_text("We hebben niets gevonden").is_visible()
    assert page.get_by_role("link", name="Melden en opvolging").first.is_visible()
    axe(page, "zero results")

    page.goto("/en/zoeken/?q=reporting")
    assert "result" in page.get_by_role("status").inner_text()
    axe(page, "search results (en)")


def test_employee_finds_a_document_and_filters_on_documents(page, axe, demo_site):
    sign_in(page, "medewerker", DEMO_PASSWORD)
    page.wait_for_url("**/nl/")
    page.goto("/nl/zoeken/?q=meldregeling")

    title = "Handboek Utrechts Personeel \N{EN DASH} meldregeling"
    link = page.locator(".portal-search-list").get_by_role("link", name=title)
    assert link.is_visible()
    assert "/documents/" in link.get_attribute("href")
    assert "PDF-bestand" in page.locator(".portal-search-result__file").first.inner_text()
    axe(page, "search results with a document")

    page.get_by_role("navigation", name="Filter op onderdeel").get_by_role("link", name="Documenten").click()
    page.wait_for_url("**section=documenten**")
    assert "in Documenten" in page.get_by_role("status").inner_text()
    assert page.locator(".portal-search-list").get_by_role("link", name=title).is_visible()
    axe(page, "search results filtered on documents")

    response = page.request.get(link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"].startswith("application/pdf")
