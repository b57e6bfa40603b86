"""Editors who place a programme item or session where it will not count get a warning in the admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.roles import Role
from tests.awareness.factories import SessionFactory, edition_page, programme_item

pytestmark = pytest.mark.django_db


def local(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def session_form(item, start):
    return {
        "item": item.pk,
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "format": "on_site",
        "location": "Stadskantoor",
        "online_link": "",
        "capacity": "20",
        "registration_closes": "",
    }


WEEK_WARNING = "valt buiten de Week van de Weerbaarheid 2022"


def test_a_session_of_the_week_dated_outside_the_week_gets_a_warning(client, make_user):
    item = programme_item(parent=edition_page(2022))  # the week is 11 to 15 October 2022
    client.force_login(make_user(Role.EDITOR))
    response = client.post(
        reverse("awareness_sessions:add"), session_form(item, local(2022, 11, 2)), follow=True
    )
    assert response.status_code == 200
    assert WEEK_WARNING in response.text
    assert "telt ze mee bij die week in 2022" in response.text
    # Control: inside the week there is nothing to warn about.
    response = client.post(
        reverse("awareness_sessions:add"), session_form(item, local(2022, 10, 12)), follow=True
    )
    assert response.status_code == 200 and WEEK_WARNING not in response.text
    # Editing a session to a date outside the week warns too.
    session = item.sessions.get(start=local(2022, 10, 12))
    response = client.post(
        reverse("awareness_sessions:edit", args=[session.pk]),
        session_form(item, local(2023, 1, 9)),
        follow=True,
    )
    assert "valt buiten de Week van de Weerbaarheid 2022" in response.text


def test_a_calendar_session_gets_no_week_warning(client, make_user):
    item = programme_item()  # in the calendar: a year-round activity in the year of its session
    client.force_login(make_user(Role.EDITOR))
    response = client.post(
        reverse("awareness_sessions:add"), session_form(item, local(2022, 11, 2)), follow=True
    )
    assert response.status_code == 200 and "Week van de Weerbaarheid" not in response.text


def publish_item(client, item, **changes):
    """Save the programme item through the page editor, as an editor does."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    data = nested_form_data(
        {
            "title": item.title,
            "slug": item.slug,
            "kind": changes.get("kind", item.kind),
            "description": rich_text("<p>Over integriteit.</p>"),
            "audience": item.audience,
            "speaker": "",
            "organiser": "",
            "action-publish": "publish",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[item.pk]), data, follow=True)


def test_a_programme_item_that_will_not_count_gets_a_warning_in_the_page_editor(client, make_user):
    client.force_login(make_user(Role.EDITOR))
    item = programme_item()
    response = publish_item(client, item)
    assert response.status_code == 200
    assert "heeft geen sessie die doorgaat en telt daarom nergens mee" in response.text
    cancelled = SessionFactory(item=item, start=local(2022, 3, 1), end=local(2022, 3, 1, 12), cancelled=True)
    assert "telt daarom nergens mee" in publish_item(client, item).text
    # Control: a session that goes ahead makes it count, and the warning goes.
    cancelled.cancelled = False
    cancelled.save()
    assert "telt daarom nergens mee" not in publish_item(client, item).text
    # A "team session" programme item is not a registered team session.
    response = publish_item(client, item, kind="team_session")
    assert "telt in de jaarcijfers niet als teamsessie" in response.text.replace("&quot;", '"')


def test_an_item_in_the_week_warns_about_its_sessions_outside_the_week(client, make_user):
    client.force_login(make_user(Role.EDITOR))
    item = programme_item(parent=edition_page(2022))
    SessionFactory(item=item, start=local(2022, 12, 1), end=local(2022, 12, 1, 12))
    response = publish_item(client, item)
    assert WEEK_WARNING in response.text
    assert "telt daarom nergens mee" not in response.text  # a week's item counts without sessions
