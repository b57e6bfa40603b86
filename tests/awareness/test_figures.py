"""The awareness room's statistics providers: figures per year and one query per figure group."""

import datetime

import pytest

from awareness.figures import (
    IntroductionProvider,
    ResilienceWeekProvider,
    TeamSessionsProvider,
    YearRoundProvider,
)
from tests.awareness.factories import (
    IntroductionAttendanceFactory,
    IntroductionMeetingFactory,
    RegistrationFactory,
    SessionFactory,
    TeamSessionFactory,
    edition_page,
    programme_item,
)

pytestmark = pytest.mark.django_db


def aware(year, month, day):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(year, month, day, 10))


def test_introduction_figures(django_assert_num_queries):
    online = IntroductionMeetingFactory(
        start=aware(2021, 3, 1), end=aware(2021, 3, 1) + datetime.timedelta(hours=2)
    )
    on_site = IntroductionMeetingFactory(
        start=aware(2021, 9, 1), end=aware(2021, 9, 1) + datetime.timedelta(hours=2), format="on_site"
    )
    IntroductionMeetingFactory(start=aware(2022, 1, 5), end=aware(2022, 1, 5) + datetime.timedelta(hours=2))
    IntroductionAttendanceFactory.create_batch(3, meeting=online)
    IntroductionAttendanceFactory.create_batch(2, meeting=on_site)
    IntroductionAttendanceFactory(meeting=on_site, declaration="", declaration_date=None)
    provider = IntroductionProvider()
    with django_assert_num_queries(1):
        figures = provider.compute(2021)
    assert figures == {"sessions": 2, "sessions_online": 1, "attendees": 6, "declarations_taken": 5}
    with django_assert_num_queries(1):
        assert provider.years() == {2021, 2022}
    assert provider.compute(2019) is None
    assert provider.year_of(online) == 2021
    assert provider.year_of(online.attendances.first()) == 2021
    assert provider.path == ("awareness", "introduction")


def test_resilience_week_figures_count_confirmed_places_and_distinct_people(django_assert_num_queries):
    edition = edition_page(2021)
    first, second = programme_item(parent=edition), programme_item(parent=edition)
    outside = programme_item()  # in the calendar, not in the week
    s1 = SessionFactory(
        item=first, start=aware(2021, 10, 11), end=aware(2021, 10, 11) + datetime.timedelta(hours=2)
    )
    s2 = SessionFactory(
        item=second, start=aware(2021, 10, 12), end=aware(2021, 10, 12) + datetime.timedelta(hours=2)
    )
    s3 = SessionFactory(item=outside)
    RegistrationFactory(session=s1, email="a@x.invalid")
    RegistrationFactory(session=s2, email="a@x.invalid")
    RegistrationFactory(session=s2, email="b@x.invalid")
    RegistrationFactory(session=s2, email="c@x.invalid", status="cancelled")
    RegistrationFactory(session=s2, email="d@x.invalid", status="waitlisted")
    RegistrationFactory(session=s3, email="e@x.invalid")
    provider = ResilienceWeekProvider()
    with django_assert_num_queries(2):  # the programme items; the registrations grouped by person
        figures = provider.compute(2021)
    assert figures == {"programme_items": 2, "registrations": 3, "participants": 2}
    with django_assert_num_queries(1):
        assert provider.years() == {2021}
    assert provider.compute(2020) is None
    assert provider.year_of(s1.registrations.first()) == 2021
    assert provider.year_of(s3.registrations.first()) is None


def test_team_session_figures(django_assert_num_queries):
    TeamSessionFactory(date=datetime.date(2026, 3, 1), participants=10)
    TeamSessionFactory(date=datetime.date(2026, 5, 1), participants=7)
    provider = TeamSessionsProvider()
    with django_assert_num_queries(1):
        assert provider.compute(2026) == {"sessions": 2, "participants": 17, "departments": 1}
    assert provider.compute(2025) is None
    assert provider.years() == {2026}


def test_a_week_with_items_but_no_confirmed_places_counts_zero():
    edition = edition_page(2021)
    item = programme_item(parent=edition)
    programme_item(parent=edition)  # no sessions at all
    session = SessionFactory(
        item=item, start=aware(2021, 10, 11), end=aware(2021, 10, 11) + datetime.timedelta(hours=2)
    )
    RegistrationFactory(session=session, email="a@x.invalid", status="waitlisted")
    figures = ResilienceWeekProvider().compute(2021)
    assert figures == {"programme_items": 2, "registrations": 0, "participants": 0}


def session_on(item, year, month, day, **fields):
    start = aware(year, month, day)
    return SessionFactory(item=item, start=start, end=start + datetime.timedelta(hours=2), **fields)


def test_year_round_activities_count_calendar_items_outside_the_week(django_assert_num_queries):
    edition = edition_page(2022)
    in_week = programme_item(parent=edition)
    talk, visit, empty = programme_item(), programme_item(), programme_item()
    cancelled_only = programme_item()
    week_session = session_on(in_week, 2022, 10, 11)
    RegistrationFactory(session=week_session, email="week@x.invalid", attended=True)
    talk_march, talk_june = session_on(talk, 2022, 3, 1), session_on(talk, 2022, 6, 1)
    visit_may = session_on(visit, 2022, 5, 2)
    session_on(visit, 2023, 1, 10)  # next year
    gone = session_on(cancelled_only, 2022, 4, 4, cancelled=True)
    RegistrationFactory(session=gone, email="gone@x.invalid")
    RegistrationFactory(session=talk_march, email="a@x.invalid", attended=True)
    RegistrationFactory(session=talk_june, email="a@x.invalid", attended=False)
    RegistrationFactory(session=talk_june, email="b@x.invalid", attended=False)
    RegistrationFactory(session=visit_may, email="c@x.invalid")  # no check-in recorded
    RegistrationFactory(session=visit_may, email="d@x.invalid", status="waitlisted", attended=True)
    RegistrationFactory(session=visit_may, email="e@x.invalid", status="cancelled")
    provider = YearRoundProvider()
    with django_assert_num_queries(2):  # the activities; the registrations grouped by person
        figures = provider.compute(2022)
    # The week's item, the item without sessions and the cancelled session count nowhere here.
    assert figures == {"activities": 2, "registrations": 4, "participants": 3, "attended": 1}
    assert provider.compute(2021) is None
    with django_assert_num_queries(1):
        assert provider.years() == {2022, 2023}
    assert provider.year_of(talk_march.registrations.first()) == {2022}
    assert provider.year_of(visit) == {2022, 2023}
    assert provider.year_of(empty) == set()
    # The resilience week keeps its meaning: only the edition's item.
    assert ResilienceWeekProvider().compute(2022) == {
        "programme_items": 1,
        "registrations": 1,
        "participants": 1,
    }


def test_year_round_attendance_is_unknown_when_no_check_in_was_recorded():
    session = session_on(programme_item(), 2022, 3, 1)
    RegistrationFactory(session=session, email="a@x.invalid")
    RegistrationFactory(session=session, email="b@x.invalid")
    assert YearRoundProvider().compute(2022) == {
        "activities": 1,
        "registrations": 2,
        "participants": 2,
        "attended": None,
    }
    # Control: one check-in recorded (absent) makes attendance known, and zero is then a real zero.
    session.registrations.filter(email="a@x.invalid").update(attended=False)
    assert YearRoundProvider().compute(2022)["attended"] == 0
