"""One report from the anonymous form through every protocol step to closure, taken by the office in
the admin with the step buttons, while the reporter follows along on the follow-up page. Every
screen, the reporter's and the office's, is checked with axe."""

from forms.models import IntegrityReport
from portal.roles import Role
from tests.browser.conftest import sign_in
from tests.portal.factories import PASSWORD, UserFactory


def file_anonymous_report(page, axe) -> str:
    page.goto("/nl/melding/")
    axe(page, "report form, step 1")
    page.get_by_label("Omgaan met spullen van de gemeente").check()
    page.get_by_label("Wat is er gebeurd?").fill("Een collega gebruikt de OV-pas van het werk privé.")
    page.get_by_role("button", name="Volgende stap").click()
    page.get_by_text("Stap 2 van 3").wait_for()
    axe(page, "report form, step 2")
    page.get_by_label("Intern").check()
    page.get_by_label("Nee, ik meld anoniem").check()
    page.get_by_role("button", name="Volgende stap").click()
    page.get_by_text("Stap 3 van 3").wait_for()
    axe(page, "report form, review")
    page.get_by_role("button", name="Melding versturen").click()
    page.get_by_role("heading", name="Je melding is verstuurd").wait_for()
    axe(page, "report sent")
    return page.locator("#receipt-code code").inner_text()


def reporter_sees(page, axe, code: str, status: str, label: str):
    page.goto("/nl/melding/opvolging/")
    page.get_by_label("Ontvangstcode").fill(code)
    page.get_by_role("button", name="Melding bekijken").click()
    page.get_by_test_id("follow-up-status").wait_for()
    assert page.get_by_test_id("follow-up-status").inner_text() == status, label
    axe(page, f"follow-up page: {label}")


def take_step(office, axe, button: str, *, select: dict | None = None, check_form=True):
    office.get_by_role("link", name=button, exact=True).click()
    office.get_by_role("button", name=button).wait_for()
    if check_form:
        axe(office, f"step form: {button}")
    for label, value in (select or {}).items():
        office.get_by_label(label, exact=True).select_option(value)
    office.get_by_role("button", name=button).click()
    office.get_by_test_id("case-status").wait_for()


def test_a_report_goes_through_the_protocol_while_the_reporter_follows(page, axe, browser, live_server):
    code = file_anonymous_report(page, axe)
    report = IntegrityReport.objects.get()
    reporter_sees(page, axe, code, "Ontvangen", "received")

    UserFactory(username="iris-test", roles=[Role.INTEGRITY_OFFICE])
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    office = context.new_page()
    office.set_default_timeout(60_000)
    sign_in(office, "iris-test", PASSWORD, path="/admin/")
    office.goto(f"/admin/integriteitsmeldingen/edit/{report.pk}/")
    office.get_by_test_id("case-status").wait_for()
    axe(office, "case screen, received")
    # Only the acknowledgement is offered; closing is not.
    assert office.get_by_role("link", name="Zaak afsluiten").count() == 0

    take_step(office, axe, "Ontvangst bevestigen")
    reporter_sees(page, axe, code, "Ontvangst bevestigd", "acknowledged")

    take_step(office, axe, "Vooronderzoek starten", check_form=False)
    take_step(office, axe, "Voorleggen aan de directeur (besluit over feitenonderzoek)", check_form=False)
    take_step(office, axe, "Directeur besluit tot feitenonderzoek", check_form=False)
    take_step(office, axe, "Hoor en wederhoor", check_form=False)
    axe(office, "case screen, hearing")
    reporter_sees(page, axe, code, "In behandeling", "in progress")

    # A consequence without an established violation: refused beside the field.
    office.get_by_role("link", name="Conclusie vaststellen").click()
    office.get_by_label("Conclusie", exact=True).select_option("geen-schending")
    office.get_by_label("Gevolg", exact=True).select_option("waarschuwing")
    office.get_by_role("button", name="Conclusie vaststellen").click()
    office.locator("#id_consequence-error").wait_for()
    axe(office, "step form with an error")
    office.get_by_label("Conclusie", exact=True).select_option("schending-vastgesteld")
    office.get_by_role("button", name="Conclusie vaststellen").click()
    office.get_by_test_id("case-status").wait_for()

    take_step(office, axe, "Zaak afsluiten")
    assert office.get_by_test_id("case-status").inner_text() == "Afgesloten"
    axe(office, "case screen, closed")
    context.close()

    reporter_sees(page, axe, code, "Afgesloten", "closed")
    assert page.get_by_test_id("case-closed").is_visible()
    page.get_by_label("Je bericht aan het Integriteitsbureau").fill("Dank voor de afhandeling.")
    page.get_by_role("button", name="Bericht versturen").click()
    page.get_by_text("Je bericht is verstuurd naar het Integriteitsbureau.").wait_for()
    assert page.get_by_text("Je kunt geen berichten meer sturen over deze melding.").is_visible()
    axe(page, "follow-up page: last message sent")

    report.refresh_from_db()
    assert (report.status, report.investigation, report.conclusion, report.consequence) == (
        "afgesloten",
        "feitenonderzoek",
        "schending-vastgesteld",
        "waarschuwing",
    )
    assert list(report.transitions.values_list("name", flat=True)) == [
        "bevestigen",
        "vooronderzoek",
        "voorleggen",
        "feitenonderzoek",
        "hoor-en-wederhoor",
        "conclusie",
        "afsluiten",
    ]
