"""Journey: an employee opens the code of conduct from the home page, jumps to an article through the
table of contents, follows a dilemma card's link, reads the protocols and confirms the code, in Dutch
and English. Every page type is checked with axe in both languages."""

from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in


def test_employee_reads_the_code_of_conduct_and_follows_a_dilemma(page, axe, live_demo_content):
    sign_in(page, "medewerker", DEMO_PASSWORD)
    page.wait_for_url("**/nl/")

    page.get_by_role("main").get_by_role("link", name="Heldere afspraken", exact=True).first.click()
    page.wait_for_url("**/nl/heldere-afspraken/")
    axe(page, "section (generic content page, nl)")
    page.get_by_role("main").get_by_role("link", name="Gedragscode", exact=True).click()
    page.wait_for_url("**/nl/heldere-afspraken/gedragscode/")
    assert page.get_by_role("heading", level=1).inner_text() == "Gedragscode"
    axe(page, "code of conduct (nl)")

    toc = page.get_by_role("navigation", name="Inhoud")
    toc.get_by_role("link", name="2.2 Geschenken en uitnodigingen").click()
    assert page.evaluate("location.hash") == "#geschenken-en-uitnodigingen"
    article = page.locator("#geschenken-en-uitnodigingen")
    assert article.get_by_role("heading", name="Artikel 2.2 Geschenken en uitnodigingen").is_visible()
    dilemma = article.get_by_role("region", name="Dilemma: Een kerstpakket van een leverancier")
    assert dilemma.is_visible()

    dilemma.get_by_role("link", name="Lees de meldregeling").click()
    page.wait_for_url("**/nl/heldere-afspraken/meldregeling/")
    assert page.get_by_role("heading", level=1).inner_text() == "Meldregeling"
    axe(page, "reporting rules (nl)")

    page.goto("/nl/heldere-afspraken/onderzoeksprotocol/")
    steps = page.locator("ol.home-steps > li")
    assert steps.count() == 8
    assert "Signaal komt binnen" in steps.first.inner_text()
    axe(page, "investigation protocol (nl)")
    page.goto("/nl/veilige-werkomgeving/protocol-vpd/")
    axe(page, "VPD protocol (nl)")

    page.goto("/nl/heldere-afspraken/gedragscode/")
    page.get_by_role("button", name="Ik heb de gedragscode gelezen").click()
    page.wait_for_url("**/nl/heldere-afspraken/gedragscode/#bevestigen")
    assert page.get_by_text("Je hebt versie 2.0 bevestigd op").is_visible()
    axe(page, "code of conduct after confirming (nl)")

    page.get_by_role("navigation", name="Taal").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/heldere-afspraken/code-of-conduct/")
    assert page.get_by_role("heading", level=1).inner_text() == "Code of conduct"
    assert page.get_by_text("You confirmed version 2.0 on").is_visible()
    axe(page, "code of conduct (en)")
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Dealing with information").click()
    assert page.evaluate("location.hash") == "#omgaan-met-informatie"

    page.goto("/en/heldere-afspraken/onderzoeksprotocol/")
    assert page.get_by_text("This page has not been translated yet.").is_visible()
    axe(page, "investigation protocol, Dutch fallback (en)")
    page.goto("/en/heldere-afspraken/meldregeling/")
    axe(page, "reporting rules, Dutch fallback (en)")
    page.goto("/en/heldere-afspraken/")
    axe(page, "section (generic content page, en)")


def test_manager_sees_confirmation_rates_as_counts(page, axe, live_demo_content):
    sign_in(page, "leidinggevende", DEMO_PASSWORD)
    page.wait_for_url("**/nl/")
    page.goto("/nl/gedragscode/leesbevestigingen/")
    table = page.get_by_role("table").first  # then the rate over time (per month, per week)
    assert table.get_by_role("rowheader", name="Werk & Inkomen").is_visible()
    over_time = page.get_by_role("table", name="Bevestigd per maand")
    assert over_time.get_by_role("rowheader", name="Werk & Inkomen").is_visible()
    page.get_by_label("Per", exact=True).select_option("week")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url("**/leesbevestigingen/?per=week")
    assert page.get_by_role("table", name="Bevestigd per week").is_visible()
    axe(page, "confirmation rates (nl)")
    page.goto("/en/gedragscode/leesbevestigingen/")
    axe(page, "confirmation rates (en)")
