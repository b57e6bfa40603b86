"""Reflow (WCAG 1.4.10) and the NL Design System on every page type: each page of the site and each of
the project's own admin templates is opened at 320, 375 and 1280 CSS pixels and may never scroll
sideways as a page (axe-core runs on each page at a phone and a desktop width). Along the way, the
design findings of issue #17 that a person notices in the browser are asserted where they show.

One test per role, each in a browser context of its own on the demo (restored from a copy for each).
"""

import pytest
from django.core.cache import cache

from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in

WIDTHS = (320, 375, 1280)

SIGNED_OUT = [
    "/nl/account/login/",
    "/nl/melding/",
    "/nl/melding/opvolging/",
    "/en/melding/",
    "/nl/pagina-die-niet-bestaat/",  # the 404 page
]
EMPLOYEE = [
    "/nl/",
    "/en/",
    "/nl/melden/",  # a section (content) page
    "/nl/bewustwording/kalender/",
    "/nl/bewustwording/kalender/?weergave=maand",
    "/nl/bewustwording/kalender/week-van-de-weerbaarheid-2021/",
    "/nl/bewustwording/kalender/phishing-herkennen/",
    "/nl/heldere-afspraken/gedragscode/",
    "/nl/heldere-afspraken/onderzoeksprotocol/",
    "/nl/veilige-werkomgeving/protocol-vpd/",
    "/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/",
    "/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/vth/",
    "/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/vth/toezicht-openbare-ruimte/",
    "/nl/melden/jaarverslag-2021/",  # the statistics page: its tables scroll in their own region
    "/nl/zoeken/?q=ov-pas",
    "/nl/bewustwording/mijn-aanmeldingen/",
    "/nl/bewustwording/introductie/",
    "/nl/account/sessies/",
    "/nl/vpd/incidenten/",
    "/nl/vpd/incidenten/melden/",
    "/nl/abonnementen/",  # what this person follows (home/subscription_views.py)
    "/en/bewustwording/calendar/",  # the English calendar lists the English programme items
    "/en/bewustwording/calendar/recognising-phishing/",
    "/en/external-reporting/",
    "/nl/mijn-verbeteracties/",
    "/nl/geschenken-en-nevenwerk/",
]
MANAGER = [
    "/nl/gedragscode/leesbevestigingen/",
    "/admin/",
    "/nl/leidinggevenden/integriteitstraining/",
    "/nl/vpd/team-incidenten/",
]
EDITOR = [
    "/admin/reports/herziening/",
    "/admin/reports/paginafeedback/",
    "/admin/bewustwording/sessie/{session}/",
    "/admin/bewustwording/onderdeel/{item}/evaluaties/",
]
OFFICE = [
    "/admin/",
    "/admin/integriteitsmeldingen/",
    "/admin/rollen-integriteit/",
    "/admin/jaarcijfers/publicatie/",
    "/admin/lessen-uit-meldingen/",
    "/admin/lessen-uit-meldingen/new/",
    # The case screen with its own panels (steps, deadlines, events, tasks, messages, notes, audit)
    # and the project's forms behind it.
    "/admin/integriteitsmeldingen/edit/{case}/",
    "/admin/integriteitsmeldingen/{case}/taken/nieuw/",
    "/admin/integriteitsmeldingen/{case}/stap/{step}/",
    "/admin/integriteitsmeldingen/{case}/gebeurtenis/besluit-directeur/",
    "/admin/zaaksjablonen/",
    "/admin/jaarcijfers/publicatie/2021/",
    "/nl/account/tweede-factor/herstellen/",
]
ADMINISTRATOR = [
    "/admin/inlogblokkades/",
    "/admin/achtergrondtaken/",
    "/admin/betrokkenen/",
    "/admin/betrokkenen/{employee}/wissen/",  # the confirmation before an erasure (a GET erases nothing)
]
HR = [
    "/nl/herscreening/",
]


@pytest.fixture
def demo_site(live_demo_content):
    yield
    cache.clear()


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def widest_elements(page, width: int) -> list[str]:
    """The innermost elements that stick out on the right: what to fix when the test fails."""
    return page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .filter(el => ![...el.children].some(child => child.getBoundingClientRect().right > width + 1))
            .slice(0, 5)
            .map(el => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}px`)""",
        width,
    )


def walk(page, axe, paths, expect_status=200):
    for path in paths:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            response = page.goto(path)
            if "pagina-die-niet-bestaat" not in path:
                assert response.status == expect_status, f"{path}: HTTP {response.status}"
            assert page_width(page) <= width, (
                f"{path} is {page_width(page)}px wide at {width}px: {widest_elements(page, width)}"
            )
            if width != 375:
                axe(page, f"{path} at {width}px", wcag22=True)
            if width == 1280:  # links in rich text and callouts are styled, never browser-default blue
                default_blue = page.evaluate(
                    """[...document.querySelectorAll('main a')]
                        .filter(a => ['rgb(0, 0, 238)', 'rgb(85, 26, 139)']
                            .includes(getComputedStyle(a).color))
                        .map(a => a.textContent.trim())"""
                )
                assert not default_blue, f"{path}: unstyled links {default_blue}"


def header_and_type_scale(page):
    """On a phone the header folds behind a Menu button; the page title is in view."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/nl/heldere-afspraken/gedragscode/")
    title_top = page.get_by_role("heading", level=1).bounding_box()["y"]
    assert title_top < 250, f"the header takes {title_top}px before the page title"
    menu = page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert page.get_by_role("searchbox", name="Zoeken in het portaal").is_visible()
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    # On a desktop everything is in view without the button.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()
    assert not menu.is_visible()
    # The calendar's first activity is on the first screen of a phone (it was at 1,221px).
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/nl/bewustwording/kalender/?wanneer=voorbij")
    assert page.locator(".awareness-session").first.bounding_box()["y"] < 800
    assert page.locator("details.awareness-filter").get_attribute("open") is None
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/nl/heldere-afspraken/gedragscode/")

    # Self-hosted Noto Sans is loaded and used; h2 is larger than h3 and headings have margins.
    page.evaluate("document.fonts.ready")
    assert page.evaluate(
        """[...document.fonts].some(
            f => f.family.replace(/["']/g, '') === 'Noto Sans Variable' && f.status === 'loaded')"""
    )
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans Variable"')
    sizes = page.evaluate(
        """() => Object.fromEntries(['h1', 'h2', 'h3'].map(tag => {
            const style = getComputedStyle(document.querySelector('main ' + tag));
            return [tag, [parseFloat(style.fontSize), parseFloat(style.marginBlockStart)]];
        }))"""
    )
    assert sizes["h1"][0] > sizes["h2"][0] > sizes["h3"][0], sizes
    assert sizes["h2"][1] > 0 and sizes["h3"][1] > 0, sizes
    # The table of contents numbers an article once ("1.1 Respect", not "1. 1.1 Respect").
    article = page.locator(".home-toc__articles li").first
    assert article.evaluate("el => getComputedStyle(el).listStyleType") == "none"
    assert article.inner_text().startswith("1.1 ")
    # The favicon is served.
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(icon).status == 200


def one_focus_style(page):
    """A link, a button and a text box show the same focus ring when reached by keyboard."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/nl/zoeken/?q=ov-pas")
    styles = set()
    for locator in (
        page.get_by_role("link", name="Naar de inhoud"),
        page.get_by_role("searchbox", name="Zoeken in het portaal"),
        page.locator("#portal-tools").get_by_role("button", name="Zoeken", exact=True),
    ):
        locator.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        styles.add(
            locator.evaluate(
                """el => { const s = getComputedStyle(el);
                    return [s.outlineStyle, s.outlineWidth, s.outlineColor].join(' ') }"""
            )
        )
    assert len(styles) == 1 and "none" not in next(iter(styles)), styles


def review_step_with_a_very_long_word(page):
    """A 10,000-character word on the report's review step wraps instead of widening the page."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/nl/melding/")
    page.get_by_label("Omgaan met elkaar").check()
    page.get_by_label("Wat is er gebeurd?").fill("x" * 10_000)
    page.get_by_role("button", name="Volgende stap").click()
    page.get_by_label("Intern", exact=True).check()
    page.get_by_role("button", name="Volgende stap").click()
    page.get_by_role("heading", name="Controleren en versturen").wait_for()
    assert page_width(page) <= 320, widest_elements(page, 320)


def demo_placeholders() -> dict[str, object]:
    """The demo's objects that the admin paths above name by number."""
    from django.contrib.auth import get_user_model

    from awareness.models import ProgrammeItemPage, Session
    from forms import case_flow
    from forms.models import IntegrityReport
    from vpd.models import TeamInstructionPage

    case = IntegrityReport.objects.order_by("-pk").first()  # the demo's most recent case
    manager = get_user_model().objects.get(username="leidinggevende")
    return {
        "session": Session.objects.order_by("pk").first().pk,
        "item": ProgrammeItemPage.objects.order_by("pk").first().pk,
        "case": case.pk,
        "step": case_flow.allowed(case)[0].name,  # a protocol step the case may take now
        "employee": get_user_model().objects.get(username="medewerker").pk,
        "other_team_instruction": next(
            instruction.pk
            for instruction in TeamInstructionPage.objects.order_by("pk")
            if not instruction.permissions_for_user(manager).can_edit()
        ),
    }


# One test per role (the employee's long list in two), so that test processes share the walk.
def test_signed_out_pages_reflow(page, axe, demo_site):
    walk(page, axe, SIGNED_OUT[:-1])
    walk(page, axe, SIGNED_OUT[-1:], expect_status=404)
    review_step_with_a_very_long_word(page)


@pytest.mark.parametrize("half", [0, 1], ids=["first-half", "second-half"])
def test_employee_pages_reflow(page, axe, demo_site, half):
    sign_in(page, "medewerker", DEMO_PASSWORD)
    middle = len(EMPLOYEE) // 2
    walk(page, axe, EMPLOYEE[:middle] if half == 0 else EMPLOYEE[middle:])
    if half == 0:
        header_and_type_scale(page)
        one_focus_style(page)


@pytest.mark.parametrize(
    ("username", "paths"),
    [
        ("leidinggevende", MANAGER),
        ("redacteur", EDITOR),
        ("integriteitsbureau", OFFICE),
        ("beheerder", ADMINISTRATOR),
        ("hr", HR),
    ],
    ids=["manager", "editor", "office", "administrator", "hr"],
)
def test_role_pages_reflow(page, axe, demo_site, username, paths):
    placeholders = demo_placeholders()
    sign_in(page, username, DEMO_PASSWORD)
    walk(page, axe, [path.format(**placeholders) for path in paths])
    if username == "leidinggevende":
        # The refusal a manager gets for another team's instruction in the admin
        # (vpd/templates/vpd/admin_forbidden.html, answered by vpd.middleware).
        path = f"/admin/pages/{placeholders['other_team_instruction']}/edit/"
        walk(page, axe, [path], expect_status=403)
        assert page.get_by_role("heading", level=1).inner_text() == "Geen toegang"
