"""The office dashboard lists my open tasks due this week (late ones included), and no one else's."""

import datetime

import pytest
from django.utils import timezone

from forms.models import Status
from forms.task_checklists import end_of_week
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory
from tests.forms.factories_tasks import CaseTaskFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_end_of_week_is_the_coming_sunday():
    monday = datetime.date(2026, 11, 30)
    assert [end_of_week(monday + datetime.timedelta(days=n)) for n in range(7)] == [
        datetime.date(2026, 12, 6)
    ] * 7
    assert end_of_week(datetime.date(2026, 12, 7)) == datetime.date(2026, 12, 13)


def test_the_dashboard_shows_my_tasks_due_this_week(client, make_user):
    iris, joost = make_user(Role.INTEGRITY_OFFICE), make_user(Role.INTEGRITY_OFFICE)
    sunday = end_of_week(TODAY)
    case = IntegrityReportFactory(owner=iris)
    CaseTaskFactory(report=case, owner=iris, due_on=sunday, title="TAAK-DEZE-WEEK")
    CaseTaskFactory(report=case, owner=iris, due_on=TODAY - datetime.timedelta(days=3), title="TAAK-TE-LAAT")
    next_monday = sunday + datetime.timedelta(days=1)
    CaseTaskFactory(report=case, owner=iris, due_on=next_monday, title="TAAK-VOLGENDE")
    CaseTaskFactory(report=case, owner=iris, due_on=TODAY, done_on=TODAY, title="TAAK-AFGEVINKT")
    CaseTaskFactory(report=case, owner=joost, due_on=TODAY, title="TAAK-VAN-JOOST")
    closed = IntegrityReportFactory(owner=iris, status=Status.CLOSED, closed_on=TODAY, acknowledged_on=TODAY)
    CaseTaskFactory(report=closed, owner=iris, due_on=TODAY, title="TAAK-GESLOTEN-ZAAK")
    client.force_login(iris)
    page = client.get("/admin/").content.decode()
    assert "2 taken van mij deze week" in page
    assert "TAAK-DEZE-WEEK" in page and "TAAK-TE-LAAT" in page
    assert page.index("TAAK-TE-LAAT") < page.index("TAAK-DEZE-WEEK")  # late first
    for absent in ("TAAK-VOLGENDE", "TAAK-AFGEVINKT", "TAAK-VAN-JOOST", "TAAK-GESLOTEN-ZAAK"):
        assert absent not in page
    client.force_login(joost)  # control: the same page shows Joost his own task
    page = client.get("/admin/").content.decode()
    assert "1 taak van mij deze week" in page and "TAAK-VAN-JOOST" in page and "TAAK-DEZE-WEEK" not in page


def test_the_dashboard_panel_and_its_tasks_are_the_offices_only(client, make_user):
    CaseTaskFactory(owner=make_user(Role.INTEGRITY_OFFICE), due_on=TODAY, title="TAAK-GEHEIM")
    client.force_login(make_user(Role.ADMINISTRATOR, is_superuser=True))
    page = client.get("/admin/").content.decode()
    assert "TAAK-GEHEIM" not in page and "taken van mij deze week" not in page
