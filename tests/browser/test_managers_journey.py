"""The manager's part of #18: a team leader reads the team's incidents on a phone, plans a warning
letter from a template (a mistake first), and reads the training overview on a desktop; axe at WCAG
2.2 AA on every screen."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from portal.roles import Role
from tests.portal.factories import PASSWORD, UserFactory
from tests.vpd.factories import DepartmentFactory, IncidentFactory, TeamFactory

LIST = "/nl/vpd/team-incidenten/"
PHONE, DESKTOP = {"width": 375, "height": 800}, {"width": 1280, "height": 800}


@pytest.fixture
def team_incident(live_db):
    from safework.training import ManagerTraining, TrainingProgramme
    from vpd.perpetrator import WarningLetterTemplate

    department = DepartmentFactory(name="Publiekszaken", slug="publiekszaken")
    team = TeamFactory(name="Balie Stadskantoor", slug="balie-stadskantoor", department=department)
    manager = UserFactory(
        username="leiding-balie", first_name="Lotte", last_name="Leiding", roles=[Role.MANAGER]
    )
    team.managers.add(manager)
    ManagerTraining.objects.create(
        manager=manager, programme=TrainingProgramme.ONBOARDING, completed_on=datetime.date(2025, 9, 1)
    )
    WarningLetterTemplate.objects.create(
        name="Standaardbrief", body="Op {datum} was er {soort} (kenmerk {kenmerk}). Dat accepteren we niet."
    )
    return IncidentFactory(
        department=department,
        team=team,
        reporter=UserFactory(username="balie-medewerker"),
        date=datetime.date(2026, 3, 2),
        description="Vrije tekst van de melder die de leidinggevende niet ziet.",
        aftercare_wanted=True,
    )


def test_a_manager_plans_the_perpetrator_focused_approach(page, axe, team_incident):
    from tests.browser.conftest import sign_in

    reference = team_incident.reference
    page.set_viewport_size(PHONE)
    sign_in(page, "leiding-balie", PASSWORD, path=LIST)
    page.wait_for_url(f"**{LIST}")
    assert page.get_by_role("heading", level=1).inner_text() == "Incidenten in mijn teams"
    axe(page, "team incidents (phone)", wcag22=True)

    page.get_by_role("link", name=reference).click()
    page.wait_for_url(f"**/{reference}/")
    assert page.get_by_text("Vrije tekst van de melder").count() == 0
    axe(page, "team incident (phone)", wcag22=True)

    page.get_by_role("link", name="Vervolgstap toevoegen").click()
    page.get_by_label("Waarschuwingsbrief sturen").check()
    page.get_by_label("Uiterlijk op").fill("2026-03-20")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Kies wie deze stap uitvoert.").first).to_be_visible()
    assert page.get_by_text("Kies een sjabloon voor de waarschuwingsbrief.").first.is_visible()
    assert page.get_by_label("Uiterlijk op").input_value() == "2026-03-20"  # what was typed is kept
    axe(page, "follow-up form with errors (phone)", wcag22=True)

    page.set_viewport_size(DESKTOP)
    page.get_by_label("Eigenaar").select_option(label="Lotte Leiding")
    page.get_by_label("Sjabloon voor de brief").select_option(label="Standaardbrief")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De vervolgstap 'Waarschuwingsbrief sturen' is opgeslagen.")).to_be_visible()
    axe(page, "team incident with a task (desktop)", wcag22=True)

    page.get_by_role("link", name="Waarschuwingsbrief sturen").click()
    expect(page.get_by_label("Tekst van de brief")).to_have_value(re.compile(re.escape(reference)))
    axe(page, "warning letter (desktop)", wcag22=True)

    page.goto("/nl/leidinggevenden/integriteitstraining/")
    assert page.get_by_role("heading", name="Publiekszaken").is_visible()
    assert page.get_by_text("niet gevolgd").first.is_visible()
    axe(page, "training overview (desktop)", wcag22=True)
    page.set_viewport_size(PHONE)
    axe(page, "training overview (phone)", wcag22=True)
