"""The office records the director's decision with a document on a case in fact-finding, first with a
date in the future (refused beside the field), then correctly, and reads the protocol's deadlines on
the case screen: at phone and desktop width, axe (WCAG 2.2 AA) on every screen."""

import datetime

from django.utils import timezone

from forms.case_events import CaseEvent
from forms.models import CaseTransition, Investigation, Status
from portal.roles import Role
from tests.browser.conftest import sign_in
from tests.forms import corpus
from tests.forms.factories import IntegrityReportFactory
from tests.portal.factories import PASSWORD, UserFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def test_the_office_records_a_protocol_event_and_sees_its_deadlines(page, axe):
    report = IntegrityReportFactory(
        received_on=TODAY - 60 * DAY,
        acknowledged_on=TODAY - 59 * DAY,
        status=Status.FACT_FINDING,
        investigation=Investigation.FEITENONDERZOEK,
    )
    CaseTransition.objects.create(
        report=report, name="voorleggen", source=Status.INQUIRY, target=Status.DECISION, on=TODAY - 20 * DAY
    )
    UserFactory(username="iris-events", roles=[Role.INTEGRITY_OFFICE])
    page.set_default_timeout(60_000)
    sign_in(page, "iris-events", PASSWORD, path="/admin/")
    case_url = f"/admin/integriteitsmeldingen/edit/{report.pk}/"

    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(case_url)
        timers = page.get_by_test_id("protocol-timers")
        assert "Besluit van de directeur over feitenonderzoek" in timers.inner_text()
        assert "termijn verstreken" in timers.inner_text()  # put to the director 20 days ago
        axe(page, f"case screen with protocol events at {width}px", wcag22=True)

    page.locator('a[href$="/gebeurtenis/besluit-directeur/"]').click()
    page.get_by_role("button", name="Vastleggen").wait_for()
    page.get_by_label("Datum").fill((TODAY + DAY).isoformat())
    page.get_by_label("Toelichting").fill("Besluit per brief.")
    page.get_by_role("button", name="Vastleggen").click()
    page.locator("#id_on-error").wait_for()
    assert "Een datum in de toekomst kan niet." in page.locator("#id_on-error").inner_text()
    assert page.get_by_label("Toelichting").input_value() == "Besluit per brief."
    axe(page, "event form with an error", wcag22=True)
    assert not CaseEvent.objects.exists()

    page.get_by_label("Datum").fill(TODAY.isoformat())
    page.get_by_label("Document").set_input_files(
        {"name": "besluit.png", "mimeType": "image/png", "buffer": corpus_png()}
    )
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_test_id("protocol-events").wait_for()
    events = page.get_by_test_id("protocol-events").inner_text()
    assert "besluit.png (PNG" in events and "Besluit per brief." in events
    assert "gedaan op" in page.get_by_test_id("protocol-timers").inner_text()
    axe(page, "case screen after recording", wcag22=True)
    assert CaseEvent.objects.get().has_document


def corpus_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), corpus.RED).save(out, format="PNG")
    return out.getvalue()
