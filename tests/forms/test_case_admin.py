"""Case handling in the Wagtail admin: only the integrity office, everything audited."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from forms.models import AuditLogEntry, IntegrityReport, Message
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/integriteitsmeldingen/"


def case_urls(report, attachment_pk=None):
    urls = [
        INDEX,
        f"{INDEX}?export=csv",
        f"{INDEX}?export=xlsx",
        f"{INDEX}results/",
        f"{INDEX}new/",
        f"{INDEX}edit/{report.pk}/",
        f"{INDEX}history/{report.pk}/",
        f"{INDEX}usage/{report.pk}/",
    ]
    if attachment_pk:
        urls.append(f"{INDEX}{report.pk}/bijlage/{attachment_pk}/")
    return urls


@pytest.fixture
def case():
    from forms.attachments import CleanFile
    from forms.services import _attach

    report = IntegrityReportFactory(description="Vertrouwelijke beschrijving")
    _attach(report, [CleanFile("bewijs.pdf", "application/pdf", b"%PDF-1.4 x")], timezone.localdate())
    return report


OTHER_ROLES = [role for role in Role if role != Role.INTEGRITY_OFFICE]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_other_role_is_refused_every_case_url(client, make_user, case, role):
    client.force_login(make_user(role))
    for url in case_urls(case, case.attachments.get().pk):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (role, url, response.status_code)
        assert b"Vertrouwelijke beschrijving" not in response.content
    assert not AuditLogEntry.objects.filter(report__isnull=False).exists()  # role changes are audited too


def test_a_superuser_outside_the_office_is_refused(client, make_user, case):
    client.force_login(make_user(Role.ADMINISTRATOR, is_superuser=True, is_staff=True))
    for url in case_urls(case, case.attachments.get().pk):
        assert client.get(url).status_code in (302, 403), url
    dashboard = client.get("/admin/").content.decode()
    assert "Integriteitsmeldingen" not in dashboard


def test_signed_out_people_are_sent_to_sign_in(client, case):
    for url in case_urls(case):
        assert client.get(url).status_code == 302


def test_the_office_gets_every_case_url(client, make_user, case):
    officer = make_user(Role.INTEGRITY_OFFICE)
    client.force_login(officer)
    for url in case_urls(case, case.attachments.get().pk):
        assert client.get(url).status_code == 200, url
    assert "Integriteitsmeldingen" in client.get("/admin/").content.decode()


def test_an_administrator_in_the_office_group_gets_in(client, make_user, case):
    client.force_login(make_user(Role.ADMINISTRATOR, Role.INTEGRITY_OFFICE))
    assert client.get(f"{INDEX}edit/{case.pk}/").status_code == 200


def test_viewing_a_case_and_downloading_a_file_are_audited(client, make_user, case):
    officer = make_user(Role.INTEGRITY_OFFICE)
    client.force_login(officer)
    response = client.get(f"{INDEX}edit/{case.pk}/")
    assert "Vertrouwelijke beschrijving" in response.content.decode()
    client.get(f"{INDEX}{case.pk}/bijlage/{case.attachments.get().pk}/")
    entries = list(AuditLogEntry.objects.filter(report=case).order_by("pk").values_list("user", "action"))
    assert entries == [(officer.pk, "bekeken"), (officer.pk, "bijlage gedownload")]
    assert "bekeken" in client.get(f"{INDEX}edit/{case.pk}/").content.decode()  # the office reads the log


def test_audit_log_cannot_be_changed_or_deleted(case):
    entry = AuditLogEntry.objects.create(report=case, action="bekeken")
    entry.action = "niets"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    codenames = set(
        Permission.objects.filter(content_type__model="auditlogentry").values_list("codename", flat=True)
    )
    assert codenames == {"view_auditlogentry"}


def test_office_updates_the_case_replies_and_notes(client, make_user, case):
    officer = make_user(Role.INTEGRITY_OFFICE)
    client.force_login(officer)
    response = client.get(f"{INDEX}edit/{case.pk}/")
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    assert "status" not in form.fields and "closed_on" not in form.fields  # steps only, no dropdown
    data.update(
        {
            "status": "afgesloten",  # a forged field is ignored
            "conclusion": "geen-schending",
            "received_on": case.received_on.isoformat(),
            "department": "",
            "reply": "Dank voor je melding, we nemen hem in behandeling.",
            "note": "Eerst gesprek met leidinggevende plannen.",
        }
    )
    data["feedback_on"] = data.get("feedback_on") or ""
    data["co_handlers"] = []
    response = client.post(f"{INDEX}edit/{case.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    case.refresh_from_db()
    assert (case.status, case.conclusion, case.closed_on) == ("ontvangen", "", None)
    assert case.messages.get().author == Message.Author.OFFICE
    assert case.notes.get().author == officer
    assert AuditLogEntry.objects.filter(report=case, action="gewijzigd").count() == 1


def test_office_registers_a_report_received_by_phone(client, make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    client.force_login(officer)
    response = client.post(
        f"{INDEX}new/",
        {
            "category": "omgaan-met-elkaar",
            "description": "Telefonisch gemeld: schreeuwen op de werkvloer.",
            "source": "extern-inwoner",
            "channel": "telefoon",
            "received_on": "2026-11-20",
            "status": "ontvangen",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    report = IntegrityReport.objects.get()
    assert (report.channel, report.source, report.registered_by) == ("telefoon", "extern-inwoner", officer)
    assert AuditLogEntry.objects.filter(report=report, action="geregistreerd").exists()


def test_export_holds_only_non_identifying_fields(client, make_user):
    IntegrityReportFactory(
        description="GEHEIM-EXPORT", contact_details="06-EXPORT", category="omgaan-met-elkaar"
    )
    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    response = client.get(f"{INDEX}?export=csv")
    content = (
        b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    )
    assert "Omgaan met elkaar" in content
    assert "GEHEIM-EXPORT" not in content and "06-EXPORT" not in content


def test_filters_narrow_the_list(client, make_user):
    IntegrityReportFactory(received_on=datetime.date(2021, 3, 1), category="omgaan-met-elkaar")
    IntegrityReportFactory(received_on=datetime.date(2020, 3, 1), category="overig")
    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    response = client.get(f"{INDEX}?year=2021")
    assert [report.received_on.year for report in response.context["object_list"]] == [2021]
    response = client.get(f"{INDEX}?category=overig")
    assert [report.category for report in response.context["object_list"]] == ["overig"]


def test_case_list_queries_do_not_grow_with_cases(client, make_user, django_assert_max_num_queries):
    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    IntegrityReportFactory.create_batch(3)
    client.get(INDEX)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    IntegrityReportFactory.create_batch(20)
    with CaptureQueriesContext(connection) as many:
        client.get(INDEX)
    assert len(many) == len(few)


def test_overdue_markers(client, make_user):
    today = timezone.localdate()
    late = IntegrityReportFactory(received_on=today - datetime.timedelta(days=10))
    IntegrityReportFactory(received_on=today)
    assert late.acknowledgement_overdue() and not late.feedback_overdue()
    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    page = client.get(INDEX).content.decode()
    assert page.count("bevestiging te laat") == 1


def test_case_changes_do_not_appear_in_wagtail_site_history(client, make_user):
    from wagtail.models import ModelLogEntry

    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    client.post(
        f"{INDEX}new/",
        {
            "category": "overig",
            "source": "intern",
            "channel": "post-of-e-mail",
            "received_on": "2026-11-20",
            "status": "ontvangen",
        },
    )
    assert IntegrityReport.objects.count() == 1
    assert not ModelLogEntry.objects.filter(content_type__app_label="forms").exists()


def test_script_from_a_reporter_is_inert_in_the_admin(client, make_user):
    report = IntegrityReportFactory(
        description="<script>alert(1)</script>", persons_involved="<img src=x onerror=alert(2)>"
    )
    Message.objects.create(report=report, author=Message.Author.REPORTER, body="<script>alert(3)</script>")
    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    page = client.get(f"{INDEX}edit/{report.pk}/").content.decode()
    assert "<script>alert(" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page


def test_the_office_cannot_delete_a_case(client, make_user, case):
    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    assert client.get(f"{INDEX}delete/{case.pk}/").status_code in (302, 403, 404)
    assert client.post(f"{INDEX}delete/{case.pk}/").status_code in (302, 403, 404)
    assert IntegrityReport.objects.filter(pk=case.pk).exists()


def test_history_and_usage_views_are_audited_and_xlsx_export_has_labels(client, make_user, case):
    import io

    from openpyxl import load_workbook

    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    client.get(f"{INDEX}history/{case.pk}/")
    client.get(f"{INDEX}usage/{case.pk}/")
    assert {"geschiedenis bekeken", "gebruik bekeken"} <= set(
        AuditLogEntry.objects.filter(report=case).values_list("action", flat=True)
    )
    response = client.get(f"{INDEX}?export=xlsx")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    cells = [str(cell.value) for row in load_workbook(io.BytesIO(content)).active.iter_rows() for cell in row]
    assert "Omgaan met belangen" in cells and "Kenmerk" in cells
    assert "Vertrouwelijke beschrijving" not in cells
