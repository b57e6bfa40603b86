"""A programme item is one cached page for everyone; where each person stands per session is theirs.

The attacker's view: a colleague opening the item right after me must not see that I am registered,
nor the organiser's link to the registrations, and nobody may be offered a place that the last
sign-up just took.
"""

import datetime

import pytest
from django.test import Client

from awareness.models import Registration
from portal.roles import Role
from tests.awareness.factories import RegistrationFactory, SessionFactory, in_days, programme_item

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_header")]
MINE = "Je bent aangemeld."
MANAGE = "Aanmeldingen en presentie"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def view(client, page) -> tuple[str, str]:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode(), response["X-Page-Cache"]


def test_each_person_sees_their_own_registration_from_one_shared_shell(make_user):
    anna, bert = make_user(username="anna"), make_user(username="bert")
    session = SessionFactory()
    RegistrationFactory(session=session, user=anna)
    page = session.item

    anna_page, state = view(signed_in(anna), page)
    assert state == "miss" and MINE in anna_page  # the control: the check sees a registration
    bert_page, state = view(signed_in(bert), page)
    assert state == "hit" and MINE not in bert_page
    assert f'href="/nl/bewustwording/aanmelden/{session.pk}/"' in bert_page  # his way in
    anna_page, state = view(signed_in(anna), page)
    assert state == "hit" and MINE in anna_page


def test_the_waitlist_and_a_full_session_show_as_they_are_now(make_user):
    anna, bert, carla = (make_user(username=name) for name in ("anna", "bert", "carla"))
    session = SessionFactory(capacity=1)
    page = session.item
    assert "Aanmelden voor de wachtlijst" not in view(signed_in(bert), page)[0]

    # The last place goes (a sign-up bumps nothing): the next view from the cache knows it.
    RegistrationFactory(session=session, user=anna)
    RegistrationFactory(session=session, user=carla, status=Registration.Status.WAITLISTED)
    html, state = view(signed_in(bert), page)
    assert state == "hit" and "Aanmelden voor de wachtlijst" in html
    assert "Je staat op de wachtlijst." in view(signed_in(carla), page)[0]


def test_closed_and_cancelled_sessions_offer_no_sign_up(make_user):
    anna = make_user(username="anna")
    item = programme_item()
    closed = SessionFactory(item=item, registration_closes=in_days(-1))
    cancelled = SessionFactory(item=item, cancelled=True)
    html = view(signed_in(anna), item)[0]
    assert "Aanmelden is gesloten." in html
    for session in (closed, cancelled):
        assert f"/bewustwording/aanmelden/{session.pk}/" not in html


@pytest.mark.parametrize(
    ("who", "sees_the_list"),
    [("organiser", True), ("editor", True), ("employee", False)],
)
def test_only_the_organiser_and_editors_get_the_link_to_the_registrations(make_user, who, sees_the_list):
    organiser = make_user(username="organisator")
    people = {
        "organiser": organiser,
        "editor": make_user(Role.EDITOR, username="redacteur"),
        "employee": make_user(username="anna"),
    }
    session = SessionFactory(item=programme_item(organiser=organiser))
    view(signed_in(make_user(username="eerste")), session.item)  # someone else stored the shell
    html, state = view(signed_in(people[who]), session.item)
    assert state == "hit"
    assert (MANAGE in html) is sees_the_list
    assert (f"/admin/bewustwording/sessie/{session.pk}/" in html) is sees_the_list


def test_a_page_with_many_sessions_costs_the_same_few_queries(make_user, django_assert_max_num_queries):
    anna = make_user(username="anna")
    item = programme_item()
    for day in range(12):
        SessionFactory(item=item, start=in_days(5 + day), end=in_days(5 + day) + datetime.timedelta(hours=1))
    client = signed_in(anna)
    view(client, item)
    view(client, item)
    with django_assert_max_num_queries(12) as counted:
        html, state = view(client, item)
    assert state == "hit" and html.count("Aanmelden<") == 12
    hole_queries = [query for query in counted.captured_queries if "awareness_session" in query["sql"]]
    assert len(hole_queries) == 2  # places left, and where I stand: one query each for all twelve
