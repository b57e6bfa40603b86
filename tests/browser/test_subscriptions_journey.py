"""Journey: an employee follows a section from its page, manages what they follow, unfollows on a
phone, and the must-read banner leads to the code of conduct and disappears once it is confirmed.
axe checks every page at phone and desktop width."""

import re

from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in

BANNER = "Nog te bevestigen"


def no_sideways_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def test_follow_unfollow_and_the_must_read_banner(page, axe, live_demo_content):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, "medewerker", DEMO_PASSWORD)
    page.goto("/nl/melden/")
    title = page.get_by_role("heading", level=1).inner_text()
    banner = page.get_by_role("complementary", name=BANNER)
    assert banner.is_visible() and "gedragscode" in banner.inner_text()
    axe(page, "section with banner and follow button (desktop)", wcag22=True)

    page.get_by_role("button", name="Volg deze pagina").click()
    page.wait_for_url("**/nl/melden/")
    assert page.get_by_text(f"Je volgt nu {title}.").is_visible()
    assert page.get_by_role("button", name="Niet meer volgen").is_visible()
    axe(page, "section while following (desktop)", wcag22=True)

    page.get_by_role("link", name="Mijn abonnementen").click()
    page.wait_for_url("**/nl/abonnementen/")
    followed = page.get_by_role("list", name="Pagina's die je volgt")
    assert followed.get_by_role("link", name=title).is_visible()
    themes = page.get_by_role("list", name="Thema's")
    themes.get_by_role("button", name="Volg").first.click()
    page.wait_for_url("**/nl/abonnementen/")
    assert page.get_by_text("je volgt dit thema").is_visible()
    axe(page, "my subscriptions (desktop)", wcag22=True)

    # On a phone: unfollow the section from the subscriptions page.
    page.set_viewport_size({"width": 375, "height": 800})
    axe(page, "my subscriptions (phone)", wcag22=True)
    no_sideways_scroll(page, 375)
    # The button's name says which page ("Niet meer volgen: <title>"; Chromium may add a space).
    followed.get_by_role("button", name=re.compile(rf"Niet meer volgen\s*:\s*{re.escape(title)}")).click()
    page.wait_for_url("**/nl/abonnementen/")
    assert page.get_by_text(f"Je volgt {title} niet meer.").is_visible()
    assert page.get_by_text("Je volgt nog geen pagina's.").is_visible()
    page.goto("/nl/melden/")
    assert page.get_by_role("button", name="Volg deze pagina").is_visible()
    no_sideways_scroll(page, 375)
    axe(page, "section with banner (phone)", wcag22=True)

    # The banner leads to the confirmation; once confirmed it is gone from every page.
    page.get_by_role("complementary", name=BANNER).get_by_role("link", name="Lezen en bevestigen").click()
    page.wait_for_url("**/nl/heldere-afspraken/gedragscode/#bevestigen")
    page.get_by_role("button", name="Ik heb de gedragscode gelezen").click()
    page.wait_for_url("**/gedragscode/#bevestigen")
    for path in ("/nl/melden/", "/nl/abonnementen/", "/en/abonnementen/"):
        page.goto(path)
        assert page.get_by_role("complementary").count() == 0, path
    assert page.get_by_role("heading", level=1).inner_text() == "My subscriptions"
    axe(page, "my subscriptions (phone, en)", wcag22=True)
