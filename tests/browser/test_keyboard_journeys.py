"""Keyboard only: a report and a registration done with Tab, Space, typing and Enter, at phone and
desktop width, and every control the journey lands on shows a visible focus ring.

(The search journey with the keyboard is in test_search_journey.py.)
"""

import re

import pytest

from awareness.models import Registration
from forms.models import IntegrityReport
from tests.browser.conftest import sign_in
from tests.portal.factories import PASSWORD

FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const label = (el.labels && el.labels.length ? el.labels[0].innerText
        : el.getAttribute('aria-label') || el.innerText || el.value || '').trim();
    return {label, tag: el.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) || 0,
            shadow: style.boxShadow};
}"""


def tab_to(page, pattern: str, max_tabs: int = 60) -> dict:
    """Press Tab until the focused control's label or text matches; its focus must be visible."""
    seen = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused["label"][:40])
        if re.search(pattern, focused["label"]):
            visible = (focused["outline"] != "none" and focused["width"] >= 2) or focused["shadow"] != "none"
            assert visible, f"no visible focus on {focused}"
            return focused
    raise AssertionError(f"Tab never reached {pattern!r}; passed {seen}")


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "desktop"])
def test_an_anonymous_report_with_the_keyboard_only(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/nl/melding/")
    tab_to(page, r"^Omgaan met elkaar")  # the topics are one radio group: Tab enters it once
    page.keyboard.press("ArrowDown")  # and the arrow keys choose within it
    chosen = page.evaluate(FOCUSED)["label"]
    tab_to(page, r"^Wat is er gebeurd\?")
    page.keyboard.type("Een collega gebruikt de OV-pas van het werk privé.")
    tab_to(page, r"^Volgende stap$")
    page.keyboard.press("Enter")
    page.get_by_text("Stap 2 van 3").wait_for()

    tab_to(page, r"^Intern$")
    page.keyboard.press("Space")
    tab_to(page, r"^Nee, ik meld anoniem")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # Enter on a radio button goes forward, not back to step 1
    page.get_by_text("Stap 3 van 3").wait_for()

    tab_to(page, r"^Melding versturen$")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Je melding is verstuurd").wait_for()
    report = IntegrityReport.objects.get()
    assert chosen != "Omgaan met elkaar" and report.get_category_display().startswith(chosen[:12])
    assert "OV-pas" in report.description


@pytest.fixture
def upcoming_session(live_db):
    from tests.awareness.factories import SessionFactory, calendar_page, department, in_days, programme_item
    from tests.portal.factories import UserFactory

    UserFactory(username="kees", first_name="Kees", last_name="Toetsenbord", email="kees@portaal.invalid")
    department("Publiekszaken")
    item = programme_item(parent=calendar_page(), title="Dilemmaspel integriteit")
    return SessionFactory(item=item, start=in_days(10), capacity=20)


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "desktop"])
def test_a_registration_with_the_keyboard_only(page, upcoming_session, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "kees", PASSWORD, path=upcoming_session.item.url)
    page.wait_for_url(f"**{upcoming_session.item.url}")
    tab_to(page, r"^Aanmelden")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=re.compile("^Aanmelden")).wait_for()
    tab_to(page, r"^Organisatieonderdeel")
    page.keyboard.press("ArrowDown")  # the first department after the empty choice
    tab_to(page, r"^Aanmelden$")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mijn-aanmeldingen/")
    assert page.get_by_text("Je bent aangemeld.").is_visible()
    registration = Registration.objects.get(email="kees@portaal.invalid")
    assert registration.status == "confirmed" and registration.department is not None
