"""Security events as JSON lines for the SIEM (portal/security_log.py): one per event kind, and
nothing at all from the anonymous report pages."""

import json
import logging

import pytest
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Site

from forms.middleware import AnonymousReportMiddleware
from portal import security_log
from portal.mfa.devices import new_recovery_codes
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory
from tests.forms.helpers import code_of, file_report
from tests.portal.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines():
    """What the SIEM receives: each record formatted by the configured formatter, parsed as JSON."""
    found: list[dict] = []
    formatter = security_log.SecurityJsonFormatter()

    class Collect(logging.Handler):
        def emit(self, record):
            found.append(json.loads(formatter.format(record)))

    handler = Collect()
    logger = logging.getLogger("portal.security")
    logger.addHandler(handler)
    yield found
    logger.removeHandler(handler)


def events(lines, name):
    return [line for line in lines if line["event"] == name]


@pytest.mark.password_only
def test_sign_in_success_and_failure(client, employee, lines):
    client.post(
        "/nl/account/login/", {"username": employee.username, "password": "fout"}, REMOTE_ADDR="192.0.2.5"
    )
    (failure,) = events(lines, "sign_in_failure")
    assert failure["username"] == employee.username and failure["client_ip"] == "192.0.2.5"
    assert "fout" not in json.dumps(failure)  # never the password typed
    client.post(
        "/nl/account/login/", {"username": employee.username, "password": PASSWORD}, REMOTE_ADDR="192.0.2.5"
    )
    (success,) = events(lines, "sign_in_success")
    assert success["user"] == employee.username and success["time"].endswith("+00:00")
    assert success["logger"] == "portal.security" and success["level"] == "INFO"


@pytest.mark.password_only
def test_lockout(client, make_user, lines, settings):
    victim = make_user(Role.EDITOR, username="redacteur-anna")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/nl/account/login/", {"username": victim.username, "password": "fout"}, REMOTE_ADDR="192.0.2.6"
        )
    (lockout,) = events(lines, "lockout")
    assert lockout["username"] == "redacteur-anna" and lockout["client_ip"] == "192.0.2.6"


def test_second_factor_enrolment_and_reset(client, make_user, lines, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Permission

    from portal.mfa.demo import give_demo_totp

    lead = make_user(Role.INTEGRITY_OFFICE, username="lead")
    lead.user_permissions.add(Permission.objects.get(codename="lead_integrity_office"))
    advisor = make_user(Role.CONFIDENTIAL_ADVISOR, username="advisor")
    with django_capture_on_commit_callbacks(execute=True):
        new_recovery_codes(advisor)
    (enrolment,) = events(lines, "second_factor_enrolment")
    assert enrolment["user"] == "advisor" and enrolment["action"] == "mfa.recovery_codes_issued"

    give_demo_totp(lead)
    client.force_login(type(lead).objects.get(pk=lead.pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/nl/account/tweede-factor/herstellen/{advisor.pk}/")
    assert response.status_code == 302
    (reset,) = events(lines, "second_factor_reset")
    assert reset["user"] == "lead" and reset["detail"]["target_username"] == "advisor"


def test_role_change(make_user, lines, django_capture_on_commit_callbacks):
    person = make_user(username="nieuwe-redacteur")
    with django_capture_on_commit_callbacks(execute=True):
        person.groups.add(Group.objects.get(name=Role.EDITOR.value))
    (change,) = events(lines, "role_change")
    assert (
        change["detail"]["account"] == "nieuwe-redacteur" and Role.EDITOR.value in change["detail"]["added"]
    )


def test_case_view_names_the_reference_only(client, make_user, lines, django_capture_on_commit_callbacks):
    officer = make_user(Role.INTEGRITY_OFFICE, username="behandelaar")
    report = IntegrityReportFactory(description="GEHEIME INHOUD")
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(f"/admin/integriteitsmeldingen/edit/{report.pk}/").status_code == 200
    (view,) = events(lines, "case_view")
    assert view["user"] == "behandelaar" and view["case"] == report.reference
    assert "GEHEIME INHOUD" not in json.dumps(lines)


def test_export(client, make_user, lines):
    officer = make_user(Role.INTEGRITY_OFFICE, username="behandelaar")
    IntegrityReportFactory(received_on="2021-03-01")
    client.force_login(officer)
    assert client.get("/api/statistics/2021.json?live=1").status_code == 200
    (export,) = events(lines, "export")
    assert export["user"] == "behandelaar" and export["year"] == 2021


def test_configuration_change(lines, django_capture_on_commit_callbacks):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Integriteitsportaal"
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    (change,) = events(lines, "configuration_change")
    assert change["model"] == "wagtailcore.Site" and change["object_id"] == site.pk


def test_nothing_from_the_report_pages(client, employee, lines, django_capture_on_commit_callbacks):
    client.force_login(employee)  # even a signed-in colleague filing a report leaves no line
    assert events(lines, "sign_in_success")  # control: signing in (not a report page) is written
    lines.clear()
    with django_capture_on_commit_callbacks(execute=True):
        code = code_of(file_report(client, REMOTE_ADDR="192.0.2.9"))
        client.post("/nl/melding/opvolging/", {"code": code}, REMOTE_ADDR="192.0.2.9")
    assert lines == []
    # Control: the same capture sees an event outside the report pages.
    client.post("/nl/account/logout/")
    assert events(lines, "sign_out")


def test_an_event_raised_while_a_report_page_is_handled_is_dropped(lines):
    """Whatever code runs during a report request (a signal, a helper), its event never leaves."""

    def view(request):
        security_log.event("sign_in_failure", request=None, username="iemand")
        return HttpResponse()

    middleware = AnonymousReportMiddleware(view)
    middleware(RequestFactory().get("/nl/melding/"))
    assert lines == []
    middleware(RequestFactory().get("/nl/"))  # control: elsewhere it is written
    assert events(lines, "sign_in_failure")
