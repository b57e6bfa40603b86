"""The office's dashboard panel: my open cases, overdue timers, unread messages; office members only."""

import datetime

import pytest
from django.utils import timezone

from forms.models import Message, Status
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_the_panel_counts_my_open_cases_overdue_timers_and_unread_messages(client, make_user):
    iris, joost = make_user(Role.INTEGRITY_OFFICE), make_user(Role.INTEGRITY_OFFICE)
    mine = IntegrityReportFactory(
        owner=iris, received_on=TODAY - datetime.timedelta(days=10), description="GEHEIM-DASHBOARD-7Q"
    )
    shared = IntegrityReportFactory(owner=joost, acknowledged_on=TODAY, status=Status.ACKNOWLEDGED)
    shared.co_handlers.add(iris)
    IntegrityReportFactory(owner=iris, status=Status.CLOSED, acknowledged_on=TODAY, closed_on=TODAY)
    others = IntegrityReportFactory(owner=joost, acknowledged_on=TODAY, status=Status.ACKNOWLEDGED)
    Message.objects.create(
        report=mine, author=Message.Author.REPORTER, body="ONGELEZEN-BERICHT-7Q", read=False
    )
    Message.objects.create(report=others, author=Message.Author.REPORTER, body="voor Joost", read=False)
    client.force_login(iris)
    page = client.get("/admin/").content.decode()
    assert 'data-testid="office-dashboard"' in page
    assert "2 open zaken van mij" in page
    assert mine.reference in page and shared.reference in page and others.reference not in page
    assert "Termijn verstreken: 1 ontvangstbevestiging(en), 0 terugkoppeling(en)" in page
    assert "1 zaak met ongelezen berichten" in page  # Joost's unread message is not Iris's
    assert "GEHEIM-DASHBOARD-7Q" not in page
    assert "ONGELEZEN-BERICHT-7Q" not in page


@pytest.mark.parametrize(
    "role",
    [
        Role.MANAGER,
        Role.EDITOR,
        Role.CONFIDENTIAL_ADVISOR,
        Role.VPD_COORDINATOR,
        Role.PEER_SUPPORT,
        Role.ADMINISTRATOR,
    ],
)
def test_other_roles_do_not_get_the_panel(client, make_user, role):
    case = IntegrityReportFactory(received_on=TODAY - datetime.timedelta(days=10))
    client.force_login(make_user(role, is_superuser=role == Role.ADMINISTRATOR))
    page = client.get("/admin/").content.decode()
    assert 'data-testid="office-dashboard"' not in page and case.reference not in page
