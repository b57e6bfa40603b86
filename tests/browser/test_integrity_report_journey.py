"""A signed-out person files an anonymous report with an attachment, notes the receipt code, later
reads the integrity office's reply and answers it. Every page and step is checked with axe.

The proof of work is on, with a no-JavaScript wait far longer than the journey takes: every form
sent here got through because the ALTCHA widget solved its puzzle in the browser, under the
site's CSP (the `page` fixture fails on any CSP error)."""

import io

from PIL import Image

from forms.models import AuditLogEntry, IntegrityReport
from portal.roles import Role
from tests.browser.conftest import sign_in
from tests.portal.factories import PASSWORD, UserFactory


def photo_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def office_replies(browser, base_url: str, report: IntegrityReport, text: str) -> None:
    """An integrity officer opens the case in the admin and writes to the reporter."""
    UserFactory(username="iris-test", roles=[Role.INTEGRITY_OFFICE])
    context = browser.new_context(base_url=base_url, locale="nl-NL")
    office = context.new_page()
    sign_in(office, "iris-test", PASSWORD, path="/admin/")
    office.goto(f"/admin/integriteitsmeldingen/edit/{report.pk}/")
    office.get_by_role("tab", name="Berichten en notities").click()
    office.locator("#id_reply").fill(text)
    office.locator("#id_reply").evaluate("el => el.closest('form').requestSubmit()")
    office.wait_for_url("**/admin/integriteitsmeldingen/")
    context.close()


def proof_of_work_only_with_javascript(settings) -> None:
    settings.PORTAL_POW_ENABLED = True
    settings.PORTAL_POW_MAX_NUMBER = 5_000
    settings.PORTAL_POW_REPORT_WAIT_SECONDS = 600
    settings.PORTAL_POW_FOLLOW_UP_WAIT_SECONDS = 600
    settings.PORTAL_POW_MAX_WAIT_SECONDS = 600


def test_anonymous_report_with_attachment_and_follow_up(page, axe, browser, live_server, settings):
    proof_of_work_only_with_javascript(settings)
    page.goto("/nl/melding/")
    assert "/account/login/" not in page.url
    axe(page, "report form, step 1")

    # Nothing filled in: errors, and the step stays.
    page.get_by_role("button", name="Volgende stap").click()
    page.locator(".utrecht-form-field-error-message").first.wait_for()
    axe(page, "report form, step 1 with errors")

    page.get_by_label("Omgaan met belangen").check()
    page.get_by_label("Wat is er gebeurd?").fill(
        "Een collega gunt opdrachten aan het bedrijf van een familielid."
    )
    page.get_by_label("Wanneer gebeurde het?").fill("sinds maart")
    page.get_by_role("button", name="Volgende stap").click()
    page.get_by_text("Stap 2 van 3").wait_for()
    axe(page, "report form, step 2")

    page.get_by_label("Intern").check()
    page.get_by_label("Nee, ik meld anoniem").check()
    page.get_by_role("button", name="Volgende stap").click()
    page.get_by_text("Stap 3 van 3").wait_for()
    assert page.get_by_text("Een collega gunt opdrachten").is_visible()
    assert page.get_by_text(
        "Staat JavaScript uit, dan kun je versturen zodra dit formulier 600 seconden"
    ).is_visible()
    page.locator("altcha-widget[data-worker]").wait_for(state="attached")
    axe(page, "report form, review step")

    page.get_by_label("Bijlagen").set_input_files(
        [{"name": "offerte.png", "mimeType": "image/png", "buffer": photo_bytes()}]
    )
    page.get_by_role("button", name="Melding versturen").click()
    page.get_by_role("heading", name="Je melding is verstuurd").wait_for()
    code = page.locator("#receipt-code code").inner_text()
    assert len(code) == 24
    # What was attached, as rebuilt from its pixels: name, kind and size.
    assert page.get_by_text("offerte.png (PNG, ").is_visible()
    axe(page, "report sent, receipt code")

    report = IntegrityReport.objects.get()
    assert report.attachments.count() == 1
    office_replies(browser, live_server.url, report, "Om welke opdrachten gaat het?")
    assert AuditLogEntry.objects.filter(report=report, action="bekeken").exists()

    # Later, in a fresh visit: the follow-up page.
    page.goto("/nl/melding/opvolging/")
    axe(page, "follow-up, enter code")
    page.get_by_label("Ontvangstcode").fill("AAAA-BBBB-CCCC-DDDD-EEEE")
    page.get_by_role("button", name="Melding bekijken").click()
    page.get_by_text("Deze ontvangstcode kennen we niet").wait_for()
    axe(page, "follow-up, unknown code")

    page.get_by_label("Ontvangstcode").fill(code)
    page.get_by_role("button", name="Melding bekijken").click()
    page.get_by_text("Om welke opdrachten gaat het?").wait_for()
    assert page.get_by_text("offerte.png (PNG, ").is_visible()
    axe(page, "follow-up, status and messages")

    page.get_by_label("Je bericht aan het Integriteitsbureau").fill(
        "Om de opdrachten voor het groenonderhoud."
    )
    page.get_by_role("button", name="Bericht versturen").click()
    page.get_by_text("Je bericht is verstuurd naar het Integriteitsbureau.").wait_for()
    assert page.get_by_text("Om de opdrachten voor het groenonderhoud.").is_visible()
    axe(page, "follow-up, message sent")
    assert list(report.messages.values_list("author", flat=True)) == ["integriteitsbureau", "melder"]
