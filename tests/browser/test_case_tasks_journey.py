"""The office lead's template gives a case its tasks; closing waits until the mandatory one is ticked
off; the dashboard lists the tasks due this week. Every screen checked with axe at phone and desktop
width."""

from django.utils import timezone

from forms import task_checklists
from forms.models import IntegrityReport, Status
from portal.roles import Role
from tests.browser.conftest import sign_in
from tests.forms.factories_tasks import CaseTemplateTaskFactory, make_office_lead
from tests.portal.factories import PASSWORD, UserFactory

SPULLEN = "omgaan-met-spullen-van-de-gemeente"


def at_both_widths(page, axe, label: str):
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{label} scrolls at {width}px"
        axe(page, f"{label} at {width}px", wcag22=True)


def test_a_mandatory_template_task_holds_up_closing_until_ticked_off(page, axe, live_server):
    iris = make_office_lead(UserFactory(username="iris-taken", roles=[Role.INTEGRITY_OFFICE]))
    CaseTemplateTaskFactory(
        template__name="Misbruik van (reis)faciliteiten",
        template__category=SPULLEN,
        title="Declaraties van de laatste 12 maanden nakijken",
        due_days=0,
    )
    today = timezone.localdate()
    report = IntegrityReport.objects.create(
        category=SPULLEN,
        description="OV-pas privé gebruikt",
        source="intern",
        received_on=today,
        owner=iris,
        status=Status.CONCLUDED,
        acknowledged_on=today,
        investigation="vooronderzoek",
        conclusion="geen-schending",
        consequence="geen",
    )
    task_checklists.apply_templates(report, user=iris)
    page.set_default_timeout(60_000)
    sign_in(page, "iris-taken", PASSWORD, path="/admin/")

    page.goto("/admin/")
    page.get_by_test_id("tasks-due").wait_for()
    assert "Declaraties van de laatste 12 maanden nakijken" in page.get_by_test_id("tasks-due").inner_text()
    at_both_widths(page, axe, "dashboard with tasks due")

    page.goto("/admin/zaaksjablonen/")
    at_both_widths(page, axe, "case templates")
    page.get_by_role("link", name="Misbruik van (reis)faciliteiten").first.click()
    page.locator("#id_name").wait_for()
    at_both_widths(page, axe, "case template form")

    page.goto(f"/admin/integriteitsmeldingen/edit/{report.pk}/")
    page.get_by_test_id("tasks-block-closing").wait_for()
    at_both_widths(page, axe, "case screen with an open mandatory task")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("link", name="Zaak afsluiten").click()
    page.get_by_role("button", name="Zaak afsluiten").click()
    page.get_by_text("1 verplichte taak staat open").wait_for()
    at_both_widths(page, axe, "closing refused")

    page.goto(f"/admin/integriteitsmeldingen/edit/{report.pk}/")
    page.get_by_role("link", name="Declaraties van de laatste 12 maanden nakijken").click()
    page.get_by_role("button", name="Taak afvinken").wait_for()
    at_both_widths(page, axe, "task page")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_label("Toelichting (optioneel)").fill("Geen onregelmatigheden gevonden")
    page.get_by_role("button", name="Taak afvinken").click()
    page.get_by_test_id("case-status").wait_for()
    assert page.get_by_test_id("tasks-block-closing").count() == 0

    page.get_by_role("link", name="Zaak afsluiten").click()
    page.get_by_role("button", name="Zaak afsluiten").click()
    page.get_by_test_id("case-status").wait_for()
    assert page.get_by_test_id("case-status").inner_text() == "Afgesloten"
    at_both_widths(page, axe, "case closed with its checklist done")
