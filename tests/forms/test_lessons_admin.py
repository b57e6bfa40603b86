"""The lessons-learned register in the admin: the integrity office only, bad input refused beside
the field with nothing saved, every change in the case's audit log."""

import datetime

import pytest
from django.utils import timezone

from forms.models import AuditLogEntry, LessonMeasure
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory, LessonMeasureFactory
from tests.statistics.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/lessen-uit-meldingen/"
SECRET = "Controle op declaraties van team Geheim"


@pytest.fixture
def measure():
    department = DepartmentFactory(slug="geheim", name="Afdeling Geheim")
    return LessonMeasureFactory(measure=SECRET, department=department)


def urls(measure):
    return [
        INDEX,
        f"{INDEX}?export=csv",
        f"{INDEX}?export=xlsx",
        f"{INDEX}results/",
        f"{INDEX}new/",
        f"{INDEX}edit/{measure.pk}/",
        f"{INDEX}delete/{measure.pk}/",
        f"{INDEX}history/{measure.pk}/",
        f"{INDEX}usage/{measure.pk}/",
    ]


def body(response) -> bytes:
    if response.streaming:  # the CSV export
        return b"".join(response.streaming_content)
    return response.content


def form_data(report, **overrides):
    data = {
        "measure": "Extra controle op reiskostenvergoedingen.",
        "case": report.pk,
        "department": "",
        "owner": "",
        "agreed_on": "2021-06-01",
        "due_on": "2021-12-31",
        "status": "gepland",
    }
    data.update(overrides)
    return data


def test_the_office_opens_every_screen_and_sees_case_and_department(client, make_user, measure):
    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    for url in urls(measure):
        response = client.get(url)
        assert response.status_code == 200, url
    listing = client.get(INDEX).content.decode()
    assert SECRET in listing and measure.case.reference in listing and "Afdeling Geheim" in listing
    exported = body(client.get(f"{INDEX}?export=csv")).decode("utf-8-sig")
    assert measure.case.reference in exported and SECRET in exported


OTHER_ROLES = [role for role in Role if role != Role.INTEGRITY_OFFICE]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_other_role_is_refused_every_url(client, make_user, measure, role):
    client.force_login(make_user(role))
    for url in urls(measure):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (role, url, response.status_code)
        assert SECRET.encode() not in body(response)
        assert measure.case.reference.encode() not in body(response)
    # Writing is refused too: nothing added, changed or deleted.
    client.post(f"{INDEX}new/", form_data(measure.case, measure="Ingeslopen maatregel"))
    client.post(f"{INDEX}edit/{measure.pk}/", form_data(measure.case, measure="Gewijzigd"))
    client.post(f"{INDEX}delete/{measure.pk}/")
    assert list(LessonMeasure.objects.values_list("measure", flat=True)) == [SECRET]


def test_a_superuser_administrator_outside_the_office_is_refused(client, make_user, measure):
    client.force_login(make_user(Role.ADMINISTRATOR, is_superuser=True, is_staff=True))
    for url in urls(measure):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert SECRET.encode() not in body(response)


def test_signed_out_people_are_sent_to_sign_in(client, measure):
    response = client.get(INDEX)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_office_adds_a_measure_and_the_case_audit_log_says_so(client, make_user):
    office = make_user(Role.INTEGRITY_OFFICE)
    client.force_login(office)
    case = IntegrityReportFactory(received_on=datetime.date(2021, 3, 1))
    response = client.post(f"{INDEX}new/", form_data(case, owner=office.pk))
    assert response.status_code == 302
    measure = LessonMeasure.objects.get()
    assert (measure.case, measure.owner, measure.status) == (case, office, "gepland")
    entry = AuditLogEntry.objects.get(report=case)
    assert entry.action == "maatregel toegevoegd" and entry.user == office

    response = client.post(f"{INDEX}edit/{measure.pk}/", form_data(case, status="uitgevoerd"))
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.status == "uitgevoerd" and measure.finished_on == timezone.localdate()
    assert AuditLogEntry.objects.filter(report=case, action="maatregel gewijzigd").exists()
    # Reopened: the retention period no longer runs.
    client.post(f"{INDEX}edit/{measure.pk}/", form_data(case, status="in-uitvoering"))
    measure.refresh_from_db()
    assert measure.finished_on is None

    client.post(f"{INDEX}delete/{measure.pk}/")
    assert not LessonMeasure.objects.exists()
    assert AuditLogEntry.objects.filter(report=case, action="maatregel verwijderd").exists()


def future() -> str:
    return (timezone.localdate() + datetime.timedelta(days=2)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"measure": ""}, "measure", "Beschrijf de maatregel."),
        (
            {"measure": "Na melding M2021-0042 krijgt het team een training."},
            "measure",
            "Noem geen kenmerk van een melding",
        ),
        ({"case": ""}, "case", "Kies de melding waaruit de maatregel voortkwam."),
        ({"agreed_on": "future"}, "agreed_on", "Een datum in de toekomst kan niet."),
        ({"agreed_on": "2021-01-05"}, "agreed_on", "ligt vóór de ontvangst van de melding"),
        ({"agreed_on": "2021-06-01", "due_on": "2021-05-01"}, "due_on", "ligt vóór de datum waarop"),
        ({"agreed_on": "31-31-2021"}, "agreed_on", "geldige datum"),
        ({"status": "geheim"}, "status", "geen beschikbare keuze"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(
    client, make_user, overrides, field, message
):
    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    case = IntegrityReportFactory(received_on=datetime.date(2021, 3, 1))
    if overrides.get("agreed_on") == "future":
        overrides = {**overrides, "agreed_on": future(), "due_on": ""}
    data = form_data(case, **overrides)
    response = client.post(f"{INDEX}new/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert len(form.errors) == 1  # only the field at fault
    html = response.content.decode()
    if data["measure"]:
        assert data["measure"] in html  # what was typed is kept
    assert not LessonMeasure.objects.exists()
    assert not AuditLogEntry.objects.filter(report=case).exists()


def test_the_overview_filters_overdue_and_mine(client, make_user):
    office = make_user(Role.INTEGRITY_OFFICE)
    client.force_login(office)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = LessonMeasureFactory(measure="Te laat", due_on=yesterday, agreed_on=datetime.date(2021, 6, 1))
    LessonMeasureFactory(measure="Klaar maar oud", due_on=yesterday, status="uitgevoerd")
    LessonMeasureFactory(
        measure="Van mij", owner=office, due_on=timezone.localdate() + datetime.timedelta(days=9)
    )
    overdue = client.get(f"{INDEX}?overdue=true").content.decode()
    assert "Te laat" in overdue and "Klaar maar oud" not in overdue and "Van mij" not in overdue
    assert "over de uiterste datum" in overdue
    mine = client.get(f"{INDEX}?mine=true").content.decode()
    assert "Van mij" in mine and "Te laat" not in mine
    assert late.is_overdue() and not LessonMeasure.objects.get(measure="Klaar maar oud").is_overdue()
