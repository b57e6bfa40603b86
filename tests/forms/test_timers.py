"""Statutory deadlines: 7 days to acknowledge, three calendar months to give feedback (relativedelta)."""

import datetime

import pytest

from forms import timers
from forms.models import IntegrityReport, Status
from tests.forms.factories import IntegrityReportFactory

D = datetime.date


@pytest.mark.parametrize(
    ("acknowledged_on", "feedback_by"),
    [
        (D(2021, 11, 30), D(2022, 2, 28)),  # no 30 February
        (D(2023, 11, 30), D(2024, 2, 29)),  # leap year
        (D(2023, 11, 29), D(2024, 2, 29)),
        (D(2024, 1, 31), D(2024, 4, 30)),
        (D(2024, 3, 31), D(2024, 6, 30)),
        (D(2024, 10, 31), D(2025, 1, 31)),  # over the year end
        (D(2024, 12, 15), D(2025, 3, 15)),
        (D(2024, 2, 29), D(2024, 5, 29)),
    ],
)
def test_feedback_is_due_three_calendar_months_after_the_acknowledgement(acknowledged_on, feedback_by):
    report = IntegrityReport(
        received_on=acknowledged_on - datetime.timedelta(days=2), acknowledged_on=acknowledged_on
    )
    assert report.feedback_by == feedback_by
    assert not report.feedback_overdue(feedback_by)  # the deadline day is still in time
    assert report.feedback_overdue(feedback_by + datetime.timedelta(days=1))


@pytest.mark.parametrize(
    ("received_on", "feedback_by"),
    [
        (D(2023, 11, 23), D(2024, 2, 29)),  # 7 days end on 30 November; leap February
        (D(2022, 11, 23), D(2023, 2, 28)),
        (D(2024, 1, 24), D(2024, 4, 30)),  # 7 days end on 31 January
        (D(2024, 12, 28), D(2025, 4, 4)),  # 7 days end on 4 January
    ],
)
def test_without_acknowledgement_feedback_runs_from_the_end_of_the_seven_days(received_on, feedback_by):
    report = IntegrityReport(received_on=received_on)
    assert report.acknowledge_by == received_on + datetime.timedelta(days=7)
    assert report.feedback_by == feedback_by


def test_a_late_acknowledgement_moves_the_feedback_deadline_with_it():
    report = IntegrityReport(received_on=D(2024, 1, 2), acknowledged_on=D(2024, 1, 20))
    assert report.feedback_by == D(2024, 4, 20)
    assert not report.acknowledgement_overdue(D(2024, 2, 1))


def test_closed_cases_are_never_overdue():
    for closed in (
        IntegrityReport(received_on=D(2024, 1, 2), status=Status.REFERRED),
        IntegrityReport(received_on=D(2024, 1, 2), closed_on=D(2024, 1, 3)),
    ):
        assert not closed.acknowledgement_overdue(D(2025, 1, 1)) and not closed.feedback_overdue(
            D(2025, 1, 1)
        )


@pytest.mark.django_db
def test_the_list_filter_agrees_with_the_case_screen_on_every_day_around_month_ends():
    # Reports acknowledged (or not) on each day around the end of November 2023, looked at on every
    # day around the end of February 2024 (a leap year): the SQL filter and the model must agree.
    reports = []
    for offset in range(-6, 6):
        day = D(2023, 11, 30) + datetime.timedelta(days=offset)
        reports.append(
            IntegrityReportFactory(received_on=day - datetime.timedelta(days=1), acknowledged_on=day)
        )
        reports.append(IntegrityReportFactory(received_on=day - datetime.timedelta(days=7)))
    for offset in range(-5, 8):
        today = D(2024, 2, 29) + datetime.timedelta(days=offset)
        in_sql = set(
            IntegrityReport.objects.filter(timers.feedback_overdue(today)).values_list("pk", flat=True)
        )
        in_python = {report.pk for report in reports if report.feedback_overdue(today)}
        assert in_sql == in_python, today
        in_sql = set(IntegrityReport.objects.filter(timers.overdue(today)).values_list("pk", flat=True))
        in_python = {r.pk for r in reports if r.feedback_overdue(today) or r.acknowledgement_overdue(today)}
        assert in_sql == in_python, today
    # Control: the old 92-day rule gets at least one of these days wrong.
    today = D(2024, 3, 1)
    old_rule = {r.pk for r in reports if r.acknowledged_on and (today - r.acknowledged_on).days > 92}
    assert old_rule != {r.pk for r in reports if r.acknowledged_on and r.feedback_overdue(today)}
