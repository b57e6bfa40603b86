"""The protocol's deadlines reach the office: the daily reminder lists each once a day (however often it
runs), the dashboard counts them with the overdue timers and the list filter finds the same cases."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from forms.case_events import CaseEvent, EventKind, ProtocolReminderClaim
from forms.models import CaseTransition, Investigation, Status
from portal.roles import Role
from tests.forms.factories import IntegrityReportFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def late_decision_case(**fields):
    """Acknowledged, put to the director 20 days ago: the decision (2 weeks) is 6 days late."""
    defaults = {
        "received_on": TODAY - 60 * DAY,
        "acknowledged_on": TODAY - 59 * DAY,
        "feedback_on": TODAY - 30 * DAY,
        "status": Status.DECISION,
        "investigation": Investigation.VOORONDERZOEK,
        "description": "GEHEIME INHOUD",
    }
    report = IntegrityReportFactory(**{**defaults, **fields})
    CaseTransition.objects.create(
        report=report, name="voorleggen", source=Status.INQUIRY, target=Status.DECISION, on=TODAY - 20 * DAY
    )
    return report


def remind(capture) -> list[str]:
    before = len(mail.outbox)
    with capture(execute=True):  # mail leaves after commit (portal/mail.py)
        call_command("send_integrity_reminders", stdout=StringIO())
    return [message.body for message in mail.outbox[before:]]


def test_a_protocol_deadline_is_listed_once_a_day_however_often_the_reminder_runs(
    make_user, django_capture_on_commit_callbacks, monkeypatch
):
    make_user(Role.INTEGRITY_OFFICE, email="ib@portaal.invalid")
    report = late_decision_case()
    line = (
        f"{report.reference}: besluit van de directeur over feitenonderzoek vóór "
        f"{(TODAY - 6 * DAY).isoformat()} (verlopen, protocol: binnen 2 weken na het vooronderzoek)"
    )
    first = remind(django_capture_on_commit_callbacks)
    assert len(first) == 1 and first[0].count(line) == 1
    assert "GEHEIME INHOUD" not in first[0]
    assert remind(django_capture_on_commit_callbacks) == []  # the same day again: nothing new
    # The next day it is listed again (still late), once.
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY + DAY)
    later = remind(django_capture_on_commit_callbacks)
    assert len(later) == 1 and later[0].count(f"{report.reference}: besluit van de directeur") == 1
    assert list(ProtocolReminderClaim.objects.values_list("on", flat=True)) == [TODAY + DAY]


def test_nearly_due_is_listed_met_or_closed_is_not(make_user, django_capture_on_commit_callbacks):
    make_user(Role.INTEGRITY_OFFICE, email="ib@portaal.invalid")
    soon = late_decision_case()
    CaseTransition.objects.filter(report=soon).update(on=TODAY - 13 * DAY)  # due tomorrow
    met = late_decision_case()
    CaseEvent.objects.create(report=met, kind=EventKind.DECISION, on=TODAY, recorded_on=TODAY)
    late_decision_case(status=Status.NO_FURTHER_ACTION, closed_on=TODAY)
    (body,) = remind(django_capture_on_commit_callbacks)
    assert f"{soon.reference}: besluit van de directeur over feitenonderzoek vóór" in body
    assert "(bijna verlopen, protocol" in body
    assert met.reference not in body and "verlopen, protocol" not in body.replace("bijna verlopen", "")


def test_the_dashboard_and_the_list_filter_count_protocol_deadlines(client, make_user):
    officer = make_user(Role.INTEGRITY_OFFICE)
    late = late_decision_case(owner=officer)
    in_time = late_decision_case(owner=officer)
    CaseTransition.objects.filter(report=in_time).update(on=TODAY - 14 * DAY)  # due today: in time
    client.force_login(officer)
    dashboard = client.get("/admin/").content.decode()
    assert "1 zaak met een verstreken protocoltermijn" in dashboard
    listing = client.get("/admin/integriteitsmeldingen/?overdue=true").content.decode()
    assert f"/edit/{late.pk}/" in listing and f"/edit/{in_time.pk}/" not in listing
    assert listing.count("protocoltermijn verstreken") == 1  # the marker in the Termijnen column
    screen = client.get(f"/admin/integriteitsmeldingen/edit/{late.pk}/").content.decode()
    assert "binnen 2 weken na het vooronderzoek" in screen and "termijn verstreken" in screen
