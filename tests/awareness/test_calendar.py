"""The calendar page (list and month), its filters, the programme item page and its search context."""

import datetime

import pytest
from django.utils import timezone

from awareness.models import ProgrammeItemPage
from tests.awareness.factories import (
    RegistrationFactory,
    SessionFactory,
    calendar_page,
    department,
    in_days,
    programme_item,
    theme,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [session.item.title for session in response.context["sessions"]]


@pytest.fixture
def calendar():
    return calendar_page()


def test_the_list_shows_upcoming_activities_in_order(employee_client, calendar):
    later = SessionFactory(item=programme_item(title="Later"), start=in_days(20))
    sooner = SessionFactory(item=programme_item(title="Eerder"), start=in_days(3))
    SessionFactory(
        item=programme_item(title="Voorbij"), start=in_days(-5), end=in_days(-5) + datetime.timedelta(hours=1)
    )
    response = employee_client.get(calendar.url)
    assert response.status_code == 200
    assert titles(response) == ["Eerder", "Later"]
    assert response.text.index("Eerder") < response.text.index("Later")
    past = employee_client.get(calendar.url, {"wanneer": "voorbij"})
    assert titles(past) == ["Voorbij"]
    assert sooner and later


def test_filter_by_theme_format_audience_department_and_places(employee_client, calendar):
    integrity, undermining = theme("integriteit", "Integriteit"), theme("ondermijning", "Ondermijning")
    unit = department("Publiekszaken")
    SessionFactory(
        item=programme_item(title="Dilemmaspel", themes=[integrity]),
        format="online",
        online_link="https://meet.invalid/x",
        capacity=None,
    )
    full = SessionFactory(
        item=programme_item(title="Hennepcontainer", themes=[undermining], audience="managers"), capacity=1
    )
    RegistrationFactory(session=full)
    targeted = programme_item(title="Balietraining", audience="front_office")
    targeted.departments.set([department("Wijken")])
    targeted.save_revision().publish()
    SessionFactory(item=targeted)

    assert titles(employee_client.get(calendar.url, {"thema": "integriteit"})) == ["Dilemmaspel"]
    assert titles(employee_client.get(calendar.url, {"vorm": "online"})) == ["Dilemmaspel"]
    assert titles(employee_client.get(calendar.url, {"doelgroep": "managers"})) == ["Hennepcontainer"]
    # Activities for the whole organisation show for every department; targeted ones only for theirs.
    assert sorted(titles(employee_client.get(calendar.url, {"afdeling": unit.pk}))) == [
        "Dilemmaspel",
        "Hennepcontainer",
    ]
    assert sorted(titles(employee_client.get(calendar.url, {"plaatsen": "on"}))) == [
        "Balietraining",
        "Dilemmaspel",
    ]


def test_filter_by_month_and_bad_filter_values_do_not_break(employee_client, calendar):
    session = SessionFactory(start=in_days(40))
    month = timezone.localtime(session.start).strftime("%Y-%m")
    assert len(titles(employee_client.get(calendar.url, {"maand": month}))) == 1
    for bad in [{"maand": "13-2027"}, {"thema": "bestaat-niet"}, {"afdeling": "x"}, {"vorm": "<script>"}]:
        assert employee_client.get(calendar.url, bad).status_code == 200


def test_month_view_places_sessions_on_their_day(employee_client, calendar):
    session = SessionFactory(item=programme_item(title="Masterclass gegevensbescherming"), start=in_days(40))
    local = timezone.localtime(session.start)
    response = employee_client.get(calendar.url, {"weergave": "maand", "maand": local.strftime("%Y-%m")})
    assert response.status_code == 200
    [day_sessions] = [
        s for week in response.context["weeks"] for day, _in, s in week if day == local.date() and s
    ]
    assert [s.pk for s in day_sessions] == [session.pk]
    assert "Masterclass gegevensbescherming" in response.text
    assert "weergave=maand" in response.context["next_link"]


def test_calendar_queries_do_not_grow_with_the_number_of_sessions(
    employee_client, calendar, django_assert_max_num_queries
):
    integrity = theme()

    def add(n):
        for _ in range(n):
            SessionFactory(item=programme_item(themes=[integrity]))

    add(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(*args) -> int:
        # Counted at once, from an empty log: `captured_queries` is read from the connection's log,
        # which keeps the last 9,000 queries (creating pages fills it) and is sliced by position.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            employee_client.get(calendar.url, *args)
        return len(captured.captured_queries)

    few = queries()
    add(15)
    with django_assert_max_num_queries(few):
        response = employee_client.get(calendar.url)
    assert len(response.context["sessions"]) == 17
    month = {"weergave": "maand", "maand": timezone.localtime(in_days(10)).strftime("%Y-%m")}
    # Both after a first view in the same content generation, which keeps the menu and the route
    # (portal/fragments.py, portal/routing.py): only the sessions differ.
    employee_client.get(calendar.url, month)
    month_few = queries(month)
    add(10)
    employee_client.get(calendar.url, month)
    with django_assert_max_num_queries(month_few):
        employee_client.get(calendar.url, month)


def test_programme_item_page_shows_sessions_places_and_my_registration(employee_client, employee):
    item = programme_item(title="Masterclass agressie en geweld", speaker="Politie Utrecht")
    open_session = SessionFactory(item=item, capacity=3)
    full = SessionFactory(item=item, capacity=1, start=in_days(12))
    RegistrationFactory(session=full)
    RegistrationFactory(session=open_session, user=employee)
    response = employee_client.get(item.url)
    assert response.status_code == 200
    assert "Politie Utrecht" in response.text
    assert "Nog 2 plaatsen" in response.text
    assert "Vol: wachtlijst" in response.text
    assert "Je bent aangemeld." in response.text


def test_search_result_context_gives_next_session_and_places_left():
    item = programme_item()
    assert item.search_result_context() == {"date": None, "places_left": None, "is_past": True}
    SessionFactory(item=item, start=in_days(-3), end=in_days(-3) + datetime.timedelta(hours=1))
    upcoming = SessionFactory(item=item, start=in_days(5), capacity=10)
    RegistrationFactory(session=upcoming)
    RegistrationFactory(session=upcoming, status="waitlisted")
    item = ProgrammeItemPage.objects.get(pk=item.pk)
    assert item.search_result_context() == {
        "date": upcoming.start,
        "places_left": 9,
        "session": upcoming,
        "is_past": False,
    }
    assert ProgrammeItemPage.search_section == "agenda"
    assert "description" in [field.field_name for field in ProgrammeItemPage.search_fields]


def test_unlimited_sessions_have_no_places_left_figure():
    session = SessionFactory(capacity=None)
    item = ProgrammeItemPage.objects.get(pk=session.item_id)
    assert item.search_result_context()["places_left"] is None


def test_the_english_calendar_lists_the_same_programme(employee_client, calendar):
    from wagtail.models import Locale

    english, _ = Locale.objects.get_or_create(language_code="en")
    calendar.get_parent().copy_for_translation(english)
    translated = calendar.copy_for_translation(english)
    translated.save_revision().publish()
    SessionFactory(item=programme_item(title="Masterclass"), start=in_days(4))
    response = employee_client.get(translated.url)
    assert response.status_code == 200
    assert '<html lang="en"' in response.text
    assert titles(response) == ["Masterclass"]
    assert "Show activities" in response.text
