"""The investigation protocol's deadlines: working days around weekends, holidays and month ends,
weeks across month and year ends, and the same answer from the case screen and the list filter."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms import protocol_timers
from forms.case_events import CaseEvent, EventKind
from forms.models import CaseTransition, IntegrityReport, Investigation, Status
from forms.working_days import add_working_days, is_working_day, public_holidays
from tests.forms.factories import IntegrityReportFactory

D = datetime.date
BY_KEY = protocol_timers.BY_KEY


def test_working_days_skip_weekends():
    assert add_working_days(D(2026, 3, 2), 5) == D(2026, 3, 9)  # Monday -> next Monday
    assert add_working_days(D(2026, 3, 6), 5) == D(2026, 3, 13)  # Friday -> next Friday
    assert add_working_days(D(2026, 3, 7), 5) == D(2026, 3, 13)  # a Saturday's report: Mon..Fri
    assert add_working_days(D(2026, 3, 8), 1) == D(2026, 3, 9)  # Sunday -> Monday


def test_working_days_across_month_and_year_ends_and_holidays():
    # Thursday 24 December 2026: Christmas (Fri 25) and the weekend do not count; 1 January neither.
    assert add_working_days(D(2026, 12, 24), 5) == D(2027, 1, 4)
    # Thursday 30 April 2026 -> 5 May (Liberation Day, a Tuesday) is skipped.
    assert add_working_days(D(2026, 4, 30), 5) == D(2026, 5, 8)
    # 2025: King's Day 27 April is a Sunday, so it is celebrated on Saturday 26: nothing extra.
    assert D(2025, 4, 26) in public_holidays(2025) and D(2025, 4, 27) not in public_holidays(2025)
    # Ascension Day 2026 is Thursday 14 May; Whit Monday 25 May.
    assert not is_working_day(D(2026, 5, 14)) and not is_working_day(D(2026, 5, 25))
    assert add_working_days(D(2026, 5, 13), 1) == D(2026, 5, 15)
    # Good Friday and Easter Monday 2024 fall across the end of March.
    assert add_working_days(D(2024, 3, 28), 1) == D(2024, 4, 2)


def test_control_a_plain_weekday_count_would_be_wrong_here():
    naive = D(2026, 12, 24) + datetime.timedelta(days=7)  # what "5 working days = a week" would say
    assert add_working_days(D(2026, 12, 24), 5) != naive


def test_weeks_are_calendar_weeks_across_month_and_leap_days():
    decision = BY_KEY["besluit"]
    assert decision.due(D(2028, 2, 20)) == D(2028, 3, 5)  # over 29 February of a leap year
    assert decision.due(D(2027, 2, 20)) == D(2027, 3, 6)
    assert BY_KEY["feitenonderzoek"].due(D(2026, 10, 15)) == D(2027, 1, 7)  # 12 weeks over the year end
    assert BY_KEY["conclusie"].due(D(2026, 1, 31)) == D(2026, 2, 28)


def test_the_deadline_day_is_in_time_and_the_next_day_is_late(db):
    today = D.today()
    report = IntegrityReportFactory(
        received_on=today - datetime.timedelta(days=60),
        acknowledged_on=today - datetime.timedelta(days=59),
        status=Status.DECISION,
        investigation=Investigation.VOORONDERZOEK,
    )
    CaseTransition.objects.create(report=report, name="voorleggen", source="x", target="y", on=today)
    put = CaseTransition.objects.get(report=report)
    for days_ago, late in ((14, False), (15, True)):
        CaseTransition.objects.filter(pk=put.pk).update(on=today - datetime.timedelta(days=days_ago))
        fresh = IntegrityReport.objects.get(pk=report.pk)
        state = {s.timer.key: s for s in protocol_timers.states(fresh, today)}["besluit"]
        assert state.overdue is late
        assert IntegrityReport.objects.filter(protocol_timers.overdue(today)).exists() is late


def test_an_event_stops_its_timer_and_a_closed_case_never_runs_late(db):
    today = D.today()
    report = IntegrityReportFactory(
        received_on=today - datetime.timedelta(days=200),
        acknowledged_on=today - datetime.timedelta(days=199),
        status=Status.FACT_FINDING,
        investigation=Investigation.FEITENONDERZOEK,
    )
    CaseEvent.objects.create(
        report=report, kind=EventKind.DECISION, on=today - datetime.timedelta(days=100), recorded_on=today
    )
    assert set(IntegrityReport.objects.filter(protocol_timers.overdue(today))) == {report}
    states = {s.timer.key: s for s in protocol_timers.states(report, today)}
    fact_finding = states["feitenonderzoek"]
    assert fact_finding.overdue and fact_finding.due_on == today - datetime.timedelta(days=16)
    CaseEvent.objects.create(report=report, kind=EventKind.DRAFT_REPORT, on=today, recorded_on=today)
    assert not IntegrityReport.objects.filter(protocol_timers.overdue(today)).exists()
    report = IntegrityReport.objects.get(pk=report.pk)
    states = {s.timer.key: s for s in protocol_timers.states(report, today)}
    assert states["feitenonderzoek"].ended_late and not states["feitenonderzoek"].overdue
    assert states["hoor-en-wederhoor"].due_on == today + datetime.timedelta(days=14)
    # The fact-finding timers do not apply to a case without a fact-finding investigation.
    IntegrityReport.objects.filter(pk=report.pk).update(investigation=Investigation.VOORONDERZOEK)
    report = IntegrityReport.objects.get(pk=report.pk)
    assert "feitenonderzoek" not in {s.timer.key for s in protocol_timers.states(report, today)}
    IntegrityReport.objects.filter(pk=report.pk).update(
        investigation=Investigation.FEITENONDERZOEK, status=Status.CLOSED, closed_on=today
    )
    CaseEvent.objects.filter(kind=EventKind.DRAFT_REPORT).delete()
    assert not IntegrityReport.objects.filter(protocol_timers.overdue(today)).exists()


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(
    received=st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31)),
    offset=st.integers(min_value=0, max_value=30),
)
def test_the_filter_and_the_case_screen_agree_on_the_working_day_timer(received, offset):
    """The filter's date bound and the per-case deadline never disagree, holidays or not."""
    today = received + datetime.timedelta(days=offset)
    report = IntegrityReportFactory(received_on=received)
    timer = BY_KEY["vastleggen"]
    by_screen = today > timer.due(received)
    by_filter = IntegrityReport.objects.filter(pk=report.pk).filter(timer_overdue(timer, today)).exists()
    report.delete()
    assert by_screen == by_filter, (received, today)


def timer_overdue(timer, today):
    return protocol_timers.timer_overdue(timer, today)


def test_the_timers_follow_the_time_limits_of_the_protocol_content():
    """The protocol page's "Termijn" column is the source: a change there must change a timer too."""
    import re

    from home.demo_texts import PROTOCOL_STEPS

    limits = {title: limit for title, _actor, _text, limit, _parties in PROTOCOL_STEPS}
    step_of = {
        "vastleggen": "Melding vastleggen",
        "vooronderzoek": "Vooronderzoek",
        "besluit": "Besluit over feitenonderzoek",
        "feitenonderzoek": "Feitenonderzoek",
        "hoor-en-wederhoor": "Hoor en wederhoor",
        "conclusie": "Conclusie",
    }
    assert set(step_of) == set(BY_KEY)
    for key, title in step_of.items():
        timer, limit = BY_KEY[key], limits[title]
        number = int(re.search(r"\d+", limit).group())
        if "werkdag" in limit:
            assert (timer.working_days, timer.weeks) == (number, 0), key
        else:
            assert re.search(r"\bwe(e)?k", limit) and (timer.weeks, timer.working_days) == (number, 0), key
