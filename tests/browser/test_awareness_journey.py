"""Awareness journey: an employee finds a masterclass in the calendar, registers, receives the
confirmation e-mail, and cancels through the link in it. Every page type is checked with axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from awareness.models import Registration
from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in
from tests.portal.factories import PASSWORD


@pytest.fixture
def calendar_with_masterclass(live_db):
    """A calendar with activities relative to today (the demo's own dates will pass)."""
    from tests.awareness.factories import (
        RegistrationFactory,
        SessionFactory,
        calendar_page,
        department,
        in_days,
        programme_item,
        theme,
    )
    from tests.portal.factories import UserFactory

    UserFactory(username="mila", first_name="Mila", last_name="de Medewerker", email="mila@portaal.invalid")
    department("Publiekszaken")
    calendar = calendar_page()
    integrity, undermining = theme("integriteit", "Integriteit"), theme("ondermijning", "Ondermijning")
    SessionFactory(
        item=programme_item(
            parent=calendar, title="Masterclass integriteit en sociale media", themes=[integrity]
        ),
        start=in_days(9),
        capacity=25,
    )
    full = SessionFactory(
        item=programme_item(parent=calendar, title="Bezoek aan een hennepcontainer", themes=[undermining]),
        start=in_days(20),
        capacity=1,
    )
    RegistrationFactory(session=full)
    return calendar


def test_employee_finds_a_masterclass_registers_and_cancels_by_email_link(
    page, axe, calendar_with_masterclass
):
    sign_in(page, "mila", PASSWORD, path="/nl/kalender/")
    page.wait_for_url("**/nl/kalender/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kalender"
    axe(page, "calendar (list)")

    # The filters fold away so the first activity is in view; the theme list has a real empty label.
    page.locator("summary", has_text="Filter de activiteiten").click()
    assert page.get_by_label("Thema").locator("option").first.inner_text() == "Alle thema's"
    assert page.get_by_label("Maand").get_attribute("type") == "month"
    page.get_by_label("Thema").select_option(label="Integriteit")
    page.get_by_label("Alleen met vrije plaatsen").check()
    page.get_by_role("button", name="Toon activiteiten").click()
    page.wait_for_url("**thema=integriteit**")
    masterclass = page.get_by_role("link", name="Masterclass integriteit en sociale media")
    assert masterclass.is_visible()
    assert not page.get_by_role("link", name="Bezoek aan een hennepcontainer").count()
    axe(page, "calendar (filtered)")

    page.get_by_role("link", name="Maand").click()
    page.wait_for_url("**weergave=maand**")
    axe(page, "calendar (month)")
    page.get_by_role("link", name="Lijst").click()

    page.get_by_role("link", name="Masterclass integriteit en sociale media").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Masterclass integriteit en sociale media")
    axe(page, "programme item")

    page.get_by_role("link", name=re.compile("^Aanmelden")).first.click()
    expect(page.get_by_label("Naam")).to_have_value("Mila de Medewerker")
    axe(page, "registration form")
    page.get_by_label("Organisatieonderdeel").select_option(label="Publiekszaken")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/mijn-aanmeldingen/")
    assert page.get_by_text("Je bent aangemeld.").is_visible()
    assert page.get_by_role("link", name="Masterclass integriteit en sociale media").is_visible()
    axe(page, "my registrations")

    [message] = mail.outbox
    assert message.to == ["mila@portaal.invalid"]
    assert message.attachments[0][0].endswith(".ics")
    link = re.search(r"https?://\S+(/nl/bewustwording/afmelden/link/\S+/)", message.body).group(1)

    page.get_by_role("button", name="Uitloggen").click()
    page.goto(link)  # signed out: the link itself is enough
    axe(page, "cancel by link")
    page.get_by_role("button", name="Ja, meld me af").click()
    expect(page.get_by_text("Je bent afgemeld.")).to_be_visible()
    assert Registration.objects.get(email="mila@portaal.invalid").status == "cancelled"


def test_edition_page_passes_axe(page, axe, live_demo_content):
    sign_in(
        page, "medewerker", DEMO_PASSWORD, path="/nl/bewustwording/kalender/week-van-de-weerbaarheid-2021/"
    )
    page.wait_for_url("**/week-van-de-weerbaarheid-2021/")
    assert "15 onderdelen" in page.get_by_role("heading", level=2).first.inner_text()
    axe(page, "edition page")
    page.goto("/nl/bewustwording/introductie/")
    axe(page, "introduction and declaration")
