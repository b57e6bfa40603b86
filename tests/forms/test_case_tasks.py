"""Task checklists: a new case gets its category's template tasks, tasks are assigned and ticked off
(audited, by day), and a case is not closed while a mandatory task is open."""

import datetime

import pytest
from django.utils import timezone

from forms import case_flow, task_checklists
from forms.case_tasks import CaseTask
from forms.models import AuditLogEntry, IntegrityReport, Status
from forms.retention import purge_report_content
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory
from tests.forms.factories_tasks import CaseTaskFactory, CaseTemplateFactory, CaseTemplateTaskFactory
from tests.forms.helpers import WHAT, file_report

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
INDEX = "/admin/integriteitsmeldingen/"
SPULLEN = "omgaan-met-spullen-van-de-gemeente"


@pytest.fixture
def office(make_user):
    return make_user(Role.INTEGRITY_OFFICE)


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


def concluded_case(**fields):
    return IntegrityReportFactory(
        status=Status.CONCLUDED,
        acknowledged_on=TODAY - datetime.timedelta(days=20),
        received_on=TODAY - datetime.timedelta(days=21),
        investigation="vooronderzoek",
        conclusion="geen-schending",
        consequence="geen",
        **fields,
    )


def test_a_report_from_the_web_form_gets_the_tasks_of_its_categorys_active_templates(client):
    travel = CaseTemplateFactory(name="Reiskosten", category=SPULLEN)
    CaseTemplateTaskFactory(template=travel, title="Declaraties laatste 12 maanden nakijken", due_days=10)
    CaseTemplateTaskFactory(template=travel, title="Leidinggevende informeren", mandatory=False)
    CaseTemplateTaskFactory(template__category=SPULLEN, template__active=False, title="Oud sjabloon")
    CaseTemplateTaskFactory(template__category="omgaan-met-elkaar", title="Ander onderwerp")

    assert file_report(client, what={**WHAT, "category": SPULLEN}).status_code == 200
    report = IntegrityReport.objects.get()
    tasks = list(report.tasks.all())
    assert [(t.title, t.mandatory, t.due_on) for t in tasks] == [
        ("Declaraties laatste 12 maanden nakijken", True, report.received_on + datetime.timedelta(days=10)),
        ("Leidinggevende informeren", False, report.received_on + datetime.timedelta(days=14)),
    ]
    assert all(task.owner is None and task.template == travel for task in tasks)
    entry = AuditLogEntry.objects.get(report=report, action="taken uit sjabloon")
    assert entry.at is None and entry.user is None  # the reporter caused it: the day only


def test_control_a_report_of_another_category_gets_no_tasks(client):
    CaseTemplateTaskFactory(template__category=SPULLEN)
    assert file_report(client, what={**WHAT, "category": "omgaan-met-belangen"}).status_code == 200
    assert not CaseTask.objects.exists()


def test_a_report_the_office_registers_gets_the_tasks_owned_by_the_registering_member(office_client, office):
    CaseTemplateTaskFactory(template__category=SPULLEN, title="Declaraties nakijken")
    response = office_client.post(
        f"{INDEX}new/",
        {
            "category": SPULLEN,
            "description": "Telefonisch gemeld",
            "source": "intern",
            "channel": "telefoon",
            "received_on": TODAY.isoformat(),
            "feedback_on": "",
            "owner": "",
            "subject": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    [task] = IntegrityReport.objects.get().tasks.all()
    assert task.title == "Declaraties nakijken" and task.owner == office


def test_closing_is_refused_while_a_mandatory_task_is_open_and_allowed_once_ticked_off(office):
    report = concluded_case()
    mandatory = CaseTaskFactory(report=report, title="Declaraties nakijken")
    CaseTaskFactory(report=report, title="Optioneel gesprek", mandatory=False)
    with pytest.raises(case_flow.TransitionRefused) as refused:
        case_flow.apply(report, "afsluiten", user=office)
    assert "1 verplichte taak staat open (Declaraties nakijken)" in refused.value.message
    report.refresh_from_db()
    assert report.status == Status.CONCLUDED and report.closed_on is None
    assert not report.transitions.exists()

    task_checklists.tick_off(mandatory, user=office)
    case_flow.apply(report, "afsluiten", user=office)  # the open optional task does not block
    report.refresh_from_db()
    assert report.status == Status.CLOSED


def test_a_side_exit_also_waits_for_the_mandatory_tasks(office):
    report = IntegrityReportFactory(status=Status.INQUIRY, acknowledged_on=TODAY)
    CaseTaskFactory(report=report)
    with pytest.raises(case_flow.TransitionRefused):
        case_flow.apply(report, "geen-vervolg", user=office)
    case_flow.apply(report, "voorleggen", user=office)  # steps that do not close are not held up
    report.refresh_from_db()
    assert report.status == Status.DECISION


def test_the_case_screen_says_why_closing_waits_and_the_step_page_shows_the_refusal(office_client):
    report = concluded_case()
    CaseTaskFactory(report=report, title="Declaraties nakijken")
    page = office_client.get(f"{INDEX}edit/{report.pk}/").content.decode()
    assert 'data-testid="tasks-block-closing"' in page and "Nog 1 verplichte taak open" in page
    assert 'data-testid="steps-open-tasks"' in page
    response = office_client.post(f"{INDEX}{report.pk}/stap/afsluiten/", {"on": TODAY.isoformat()})
    assert response.status_code == 422
    assert "1 verplichte taak staat open (Declaraties nakijken)" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.CONCLUDED


def test_the_office_ticks_a_task_off_who_and_which_day_are_recorded_and_audited(office_client, office):
    report = IntegrityReportFactory(status=Status.INQUIRY, acknowledged_on=TODAY)
    task = CaseTaskFactory(report=report, title="Declaraties nakijken")
    url = f"{INDEX}{report.pk}/taken/{task.pk}/"
    assert office_client.get(url).status_code == 200
    response = office_client.post(url, {"action": "tick", "note": "Geen bijzonderheden"})
    assert response.status_code == 302 and response.url == f"{INDEX}edit/{report.pk}/"
    task.refresh_from_db()
    assert (task.done_on, task.done_by, task.note) == (TODAY, office, "Geen bijzonderheden")
    entry = AuditLogEntry.objects.get(report=report, action="taak afgevinkt")
    assert entry.user == office and entry.detail["taak"] == task.pk
    page = office_client.get(f"{INDEX}edit/{report.pk}/").content.decode()
    assert "door " + str(office) in page

    office_client.post(url, {"action": "reopen"})
    task.refresh_from_db()
    assert task.done_on is None and task.done_by is None
    assert AuditLogEntry.objects.filter(report=report, action="taak heropend").count() == 1


def test_a_task_owner_must_be_an_office_member_and_nothing_is_half_saved(office_client, make_user):
    outsider = make_user(Role.ADMINISTRATOR)
    colleague = make_user(Role.INTEGRITY_OFFICE)
    report = IntegrityReportFactory(acknowledged_on=TODAY, status=Status.ACKNOWLEDGED)
    response = office_client.post(
        f"{INDEX}{report.pk}/taken/nieuw/",
        {"title": "Dossier opvragen", "owner": outsider.pk, "due_on": "31-02-2026", "mandatory": "on"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_owner-error"' in page and 'id="id_due_on-error"' in page
    assert "Vul een geldige datum in." in page
    assert 'value="Dossier opvragen"' in page  # what was typed is kept
    assert not CaseTask.objects.exists()

    response = office_client.post(
        f"{INDEX}{report.pk}/taken/nieuw/",
        {"title": "Dossier opvragen", "owner": colleague.pk, "due_on": TODAY.isoformat(), "mandatory": "on"},
    )
    assert response.status_code == 302
    task = CaseTask.objects.get()
    assert (task.owner, task.due_on, task.mandatory) == (colleague, TODAY, True)
    assert AuditLogEntry.objects.filter(report=report, action="taak toegevoegd").exists()

    response = office_client.post(
        f"{INDEX}{report.pk}/taken/{task.pk}/", {"action": "plan", "owner": outsider.pk, "due_on": ""}
    )
    assert response.status_code == 422
    task.refresh_from_db()
    assert task.owner == colleague


def test_a_closed_cases_checklist_no_longer_changes(office_client):
    report = IntegrityReportFactory(status=Status.CLOSED, acknowledged_on=TODAY, closed_on=TODAY)
    task = CaseTaskFactory(report=report, mandatory=False)
    response = office_client.post(f"{INDEX}{report.pk}/taken/{task.pk}/", {"action": "tick"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_on is None
    assert office_client.post(f"{INDEX}{report.pk}/taken/nieuw/", {"title": "Nog iets"}).status_code == 302
    assert CaseTask.objects.count() == 1


def test_a_task_of_another_case_is_not_reachable_through_this_case(office_client):
    task = CaseTaskFactory(title="TAAK-VAN-ANDERE-ZAAK")
    other = IntegrityReportFactory()
    response = office_client.get(f"{INDEX}{other.pk}/taken/{task.pk}/", follow=True)
    assert response.status_code == 404 and "TAAK-VAN-ANDERE-ZAAK" not in response.content.decode()
    assert office_client.get(f"{INDEX}{task.report_id}/taken/{task.pk}/").status_code == 200  # control


def test_giving_the_case_an_owner_on_the_case_screen_gives_them_its_unowned_open_tasks(
    office_client, office, make_user
):
    from tests.forms.test_case_owner import edit_data

    report = IntegrityReportFactory()
    unowned, done = CaseTaskFactory(report=report), CaseTaskFactory(report=report, done_on=TODAY)
    colleague = make_user(Role.INTEGRITY_OFFICE)
    owned = CaseTaskFactory(report=report, owner=colleague)
    response = office_client.post(
        f"{INDEX}edit/{report.pk}/", edit_data(office_client, report, owner=office.pk)
    )
    assert response.status_code == 302, response.context["form"].errors
    for task in (unowned, done, owned):
        task.refresh_from_db()
    assert (unowned.owner, done.owner, owned.owner) == (office, None, colleague)


def test_purging_a_closed_reports_content_removes_its_tasks():
    report = IntegrityReportFactory(status=Status.CLOSED, closed_on=TODAY, acknowledged_on=TODAY)
    CaseTaskFactory(report=report, title="Declaraties van J. Jansen nakijken")
    purge_report_content(report, TODAY)
    assert not CaseTask.objects.exists()


# --- roles x URLs: tasks are the office's; every other role is refused on the server

OTHER_ROLES = [
    Role.MANAGER,
    Role.EDITOR,
    Role.CONFIDENTIAL_ADVISOR,
    Role.VPD_COORDINATOR,
    Role.PEER_SUPPORT,
    Role.ADMINISTRATOR,
    Role.HR,
    Role.SECURITY_COORDINATOR,
]


@pytest.mark.parametrize(
    ("role", "superuser"), [(role, False) for role in OTHER_ROLES] + [(Role.ADMINISTRATOR, True)]
)
def test_other_roles_cannot_see_add_or_tick_tasks(client, make_user, role, superuser):
    report = IntegrityReportFactory(acknowledged_on=TODAY, status=Status.ACKNOWLEDGED)
    task = CaseTaskFactory(report=report, title="GEHEIME-TAAK-9Z")
    client.force_login(make_user(role, is_superuser=superuser))
    for url, data in (
        (f"{INDEX}{report.pk}/taken/{task.pk}/", {"action": "tick"}),
        (f"{INDEX}{report.pk}/taken/nieuw/", {"title": "Ingevoegd"}),
    ):
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code in (302, 403)
            assert "GEHEIME-TAAK-9Z" not in response.content.decode()
    task.refresh_from_db()
    assert task.done_on is None and CaseTask.objects.count() == 1


def test_signed_out_people_are_sent_to_sign_in(client):
    task = CaseTaskFactory()
    response = client.get(f"{INDEX}{task.report_id}/taken/{task.pk}/")
    assert response.status_code == 302 and "login" in response.url


def test_the_demo_has_templates_for_the_seed_cases_and_the_open_cases_carry_their_tasks(demo_content):
    from forms.case_tasks import CaseTemplate

    facilities = CaseTemplate.objects.get(name="Misbruik van (reis)faciliteiten")
    assert facilities.category == SPULLEN and facilities.tasks.filter(mandatory=True).count() == 2
    assert facilities.tasks.filter(title__icontains="laatste 12 maanden").exists()
    open_case = IntegrityReport.objects.get(subject="Omgaan met belangen (opdracht aan familielid)")
    tasks = list(open_case.tasks.select_related("owner"))
    assert len(tasks) == 2 and {task.owner.username for task in tasks} == {"integriteitsbureau"}
    closed_2021 = IntegrityReport.objects.filter(received_on__year=2021, tasks__isnull=False)
    assert not closed_2021.exists()  # history keeps no invented checklists
