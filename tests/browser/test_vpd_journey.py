"""Safe public service: a manager publishes their team instruction; GIR and BOT forms; axe on each page."""

from playwright.sync_api import expect

from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in

INSTRUCTION_URL = (
    "/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/publiekszaken/balie-stadskantoor/"
)


def test_manager_edits_and_publishes_own_team_instruction(page, axe, live_demo_content):
    from vpd.models import TeamInstructionPage

    own = TeamInstructionPage.objects.get(team__slug="balie-stadskantoor")
    other = TeamInstructionPage.objects.get(team__slug="klantcontactcentrum")

    sign_in(page, "leidinggevende", DEMO_PASSWORD, path=INSTRUCTION_URL)
    page.wait_for_url(f"**{INSTRUCTION_URL}")
    assert page.get_by_role("heading", level=1).inner_text() == "Teaminstructie VPD Balie Stadskantoor"
    assert page.get_by_role("heading", name="1. Alarmeren").is_visible()
    axe(page, "team instruction page")

    page.goto(INSTRUCTION_URL + "print/")
    assert page.get_by_text("030 286 00 00").first.is_visible()
    axe(page, "team instruction print view")

    page.goto("/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/publiekszaken/")
    axe(page, "VPD department page")
    page.goto("/nl/veilige-werkomgeving/veilige-publieke-dienstverlening/")
    assert page.get_by_role("link", name="Publiekszaken").is_visible()
    axe(page, "VPD section page")

    # Another team's instruction is refused outright.
    response = page.goto(f"/admin/pages/{other.pk}/edit/")
    assert response.status == 403

    page.goto(f"/admin/pages/{own.pk}/edit/")
    page.locator("#id_title").fill("Teaminstructie VPD Balie Stadskantoor 2026")
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_url("**/admin/pages/**")

    page.goto(INSTRUCTION_URL)
    assert page.get_by_role("heading", level=1).inner_text() == "Teaminstructie VPD Balie Stadskantoor 2026"


def test_incident_and_peer_support_forms(page, axe, live_demo_content):
    sign_in(page, "medewerker", DEMO_PASSWORD, path="/nl/vpd/incidenten/melden/")
    page.wait_for_url("**/nl/vpd/incidenten/melden/")
    axe(page, "incident form")
    page.get_by_label("Locatie").fill("Stadskantoor, balie 7")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_text("Vul de datum in.").first).to_be_visible()
    assert page.get_by_label("Locatie").input_value() == "Stadskantoor, balie 7"
    axe(page, "incident form with errors")

    page.get_by_label("Datum", exact=True).fill("2026-03-02")
    page.get_by_label("Begintijd").fill("10:15")
    page.get_by_label("Organisatieonderdeel").select_option(label="Publiekszaken")
    page.get_by_label("Persoonlijke bedreiging").check()
    page.get_by_label("Wat is er gebeurd?").fill("Een klant dreigde mij op te wachten.")
    page.locator("#id_police_called_1").check()
    page.get_by_label("Nog niets").check()
    page.locator("#id_aftercare_wanted_0").check()
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_url("**/nl/vpd/incidenten/GIR-*/")
    assert page.get_by_text("Je melding is geregistreerd").is_visible()
    axe(page, "incident detail")
    page.goto("/nl/vpd/incidenten/")
    axe(page, "my incidents")

    page.get_by_role("button", name="Uitloggen").click()
    sign_in(page, "bot", DEMO_PASSWORD, path="/nl/vpd/opvanggesprekken/registreren/")
    page.wait_for_url("**/nl/vpd/opvanggesprekken/registreren/")
    axe(page, "peer-support form")
    page.get_by_label("Datum van het gesprek").fill("2026-02-10")
    page.get_by_label("Organisatieonderdeel").select_option(label="Werk & Inkomen")
    page.get_by_label("Eerste gesprek").check()
    page.locator("#id_referred_1").check()
    page.get_by_label("Agressie").check()
    page.get_by_role("button", name="Gesprek registreren").click()
    expect(page.get_by_text("Het gesprek is geregistreerd")).to_be_visible()
    axe(page, "peer-support form after saving")
