"""The protocol's steps in the admin: buttons for the allowed steps only, per-role access, guards shown
beside the field they concern, and no way around the table."""

import datetime

import pytest
from django.utils import timezone

from forms.models import AuditLogEntry, CaseTransition, Status
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/integriteitsmeldingen/"
TODAY = timezone.localdate()


def step_url(report, name):
    return f"{INDEX}{report.pk}/stap/{name}/"


@pytest.fixture
def office_client(client, make_user):
    client.force_login(make_user(Role.INTEGRITY_OFFICE))
    return client


def test_the_case_screen_shows_only_the_steps_allowed_now(office_client):
    new = IntegrityReportFactory(received_on=TODAY)
    page = office_client.get(f"{INDEX}edit/{new.pk}/").content.decode()
    assert step_url(new, "bevestigen") in page
    for name in ("vooronderzoek", "afsluiten", "doorverwijzen", "conclusie"):
        assert step_url(new, name) not in page
    assert 'name="status"' not in page  # no free status dropdown
    hearing = IntegrityReportFactory(status=Status.HEARING, acknowledged_on=TODAY)
    page = office_client.get(f"{INDEX}edit/{hearing.pk}/").content.decode()
    assert step_url(hearing, "conclusie") in page
    assert step_url(hearing, "afsluiten") not in page and step_url(hearing, "bevestigen") not in page
    closed = IntegrityReportFactory(status=Status.REFERRED, acknowledged_on=TODAY, closed_on=TODAY)
    page = office_client.get(f"{INDEX}edit/{closed.pk}/").content.decode()
    assert "/stap/" not in page and "er zijn geen stappen meer" in page


def test_the_office_takes_a_step_through_the_admin(office_client):
    report = IntegrityReportFactory(received_on=TODAY - datetime.timedelta(days=3))
    response = office_client.get(step_url(report, "bevestigen"))
    assert response.status_code == 200 and "Ontvangst bevestigd op" in response.content.decode()
    # The date field is filled with today in the format a date input reads (else it shows empty).
    assert f'type="date" name="on" value="{TODAY.isoformat()}"' in response.content.decode()
    response = office_client.post(
        step_url(report, "bevestigen"),
        {"on": (TODAY - datetime.timedelta(days=1)).isoformat(), "note": "per mail"},
    )
    assert response.status_code == 302 and response.url == f"{INDEX}edit/{report.pk}/"
    report.refresh_from_db()
    assert (report.status, report.acknowledged_on) == (
        Status.ACKNOWLEDGED,
        TODAY - datetime.timedelta(days=1),
    )
    page = office_client.get(f"{INDEX}edit/{report.pk}/").content.decode()
    assert "per mail" in page and step_url(report, "vooronderzoek") in page
    assert AuditLogEntry.objects.filter(report=report, action="stap gezet").count() == 1


def test_a_step_not_allowed_now_is_refused_even_by_url(office_client):
    report = IntegrityReportFactory()
    for name in ("afsluiten", "vooronderzoek", "conclusie", "geen-vervolg"):
        response = office_client.post(
            step_url(report, name), {"on": TODAY.isoformat(), "conclusion": "geen-schending"}
        )
        assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.RECEIVED and report.closed_on is None
    assert not CaseTransition.objects.exists()
    assert office_client.get(step_url(report, "bestaat-niet")).status_code in (302, 404)
    assert not CaseTransition.objects.exists()


def test_a_guard_is_shown_beside_its_field_and_what_was_typed_is_kept(office_client):
    report = IntegrityReportFactory(status=Status.HEARING, acknowledged_on=TODAY - datetime.timedelta(days=1))
    response = office_client.post(
        step_url(report, "conclusie"),
        {
            "on": TODAY.isoformat(),
            "conclusion": "geen-schending",
            "consequence": "waarschuwing",
            "note": "MIJN TEKST",
        },
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Een gevolg is er alleen als een integriteitsschending is vastgesteld." in page
    assert 'aria-describedby="id_consequence-error"' in page and 'id="id_consequence-error"' in page
    assert "MIJN TEKST" in page
    report.refresh_from_db()
    assert report.status == Status.HEARING and report.conclusion == ""
    response = office_client.post(
        step_url(report, "conclusie"), {"on": "31-02-2026", "conclusion": "geen-schending"}
    )
    assert response.status_code == 422 and 'id="id_on-error"' in response.content.decode()


OTHER_ROLES = [role for role in Role if role != Role.INTEGRITY_OFFICE]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_other_role_is_refused_the_step_screens(client, make_user, role):
    report = IntegrityReportFactory(description="GEHEIM")
    client.force_login(make_user(role))
    for name in ("bevestigen", "doorverwijzen"):
        assert client.get(step_url(report, name)).status_code in (302, 403)
        response = client.post(step_url(report, name), {"on": TODAY.isoformat()})
        assert response.status_code in (302, 403) and b"GEHEIM" not in response.content
    report.refresh_from_db()
    assert report.status == Status.RECEIVED and not CaseTransition.objects.exists()


def test_a_superuser_outside_the_office_and_signed_out_people_are_refused(client, make_user):
    report = IntegrityReportFactory()
    assert client.post(step_url(report, "bevestigen"), {"on": TODAY.isoformat()}).status_code == 302
    client.force_login(make_user(Role.ADMINISTRATOR, is_superuser=True, is_staff=True))
    assert client.post(step_url(report, "bevestigen"), {"on": TODAY.isoformat()}).status_code in (302, 403)
    report.refresh_from_db()
    assert report.status == Status.RECEIVED


def test_the_overdue_filters_list_late_feedback_only(office_client):
    from dateutil.relativedelta import relativedelta

    late = IntegrityReportFactory(
        received_on=TODAY - relativedelta(months=4), acknowledged_on=TODAY - relativedelta(months=3, days=5)
    )
    in_time = IntegrityReportFactory(
        received_on=TODAY - relativedelta(months=4), acknowledged_on=TODAY - relativedelta(months=2)
    )
    for query in ("feedback_overdue=true", "overdue=true"):
        listed = {report.pk for report in office_client.get(f"{INDEX}?{query}").context["object_list"]}
        assert late.pk in listed and in_time.pk not in listed, query
