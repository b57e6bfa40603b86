"""Confidential advisors record pseudonymous registrations; each sees only their own."""

import pytest

from forms.models import AdvisorRegistration
from portal.roles import Role
from tests.forms.factories import AdvisorConversationFactory, AdvisorRegistrationFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/vertrouwenspersonen/"


@pytest.fixture
def advisor(make_user):
    return make_user(Role.CONFIDENTIAL_ADVISOR, username="vp-test")


def test_advisor_registers_a_colleague_with_conversations(client, advisor, django_assert_max_num_queries):
    client.force_login(advisor)
    response = client.post(
        f"{INDEX}new/",
        {
            "pseudonym": "blauwe map",
            "department": "",
            "topic": "ongewenst-gedrag",
            "subtopic": "pesten",
            "conversations-TOTAL_FORMS": "2",
            "conversations-INITIAL_FORMS": "0",
            "conversations-MIN_NUM_FORMS": "1",
            "conversations-MAX_NUM_FORMS": "1000",
            "conversations-0-held_on": "2021-03-04",
            "conversations-0-id": "",
            "conversations-0-ORDER": "1",
            "conversations-0-DELETE": "",
            "conversations-1-held_on": "2021-04-01",
            "conversations-1-id": "",
            "conversations-1-ORDER": "2",
            "conversations-1-DELETE": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    registration = AdvisorRegistration.objects.get()
    assert registration.advisor == advisor
    assert registration.conversations.count() == 2


def test_subtopic_must_belong_to_the_topic(client, advisor):
    client.force_login(advisor)
    response = client.post(
        f"{INDEX}new/",
        {
            "pseudonym": "x",
            "topic": "integriteitsschending",
            "subtopic": "pesten",
            "conversations-TOTAL_FORMS": "1",
            "conversations-INITIAL_FORMS": "0",
            "conversations-MIN_NUM_FORMS": "1",
            "conversations-MAX_NUM_FORMS": "1000",
            "conversations-0-held_on": "2021-03-04",
            "conversations-0-id": "",
            "conversations-0-ORDER": "1",
            "conversations-0-DELETE": "",
        },
    )
    assert response.status_code == 200
    assert not AdvisorRegistration.objects.exists()


def test_advisors_see_only_their_own_entries(client, advisor, make_user, django_assert_max_num_queries):
    mine = AdvisorRegistrationFactory(advisor=advisor, pseudonym="mijn kenmerk")
    other = AdvisorRegistrationFactory(
        advisor=make_user(Role.CONFIDENTIAL_ADVISOR), pseudonym="ander kenmerk"
    )
    for _ in range(3):
        AdvisorConversationFactory(registration=mine, held_on=f"2021-0{_ + 1}-01")
    client.force_login(advisor)
    page = client.get(INDEX).content.decode()
    assert "mijn kenmerk" in page and "ander kenmerk" not in page
    assert client.get(f"{INDEX}edit/{mine.pk}/").status_code == 200
    assert client.get(f"{INDEX}edit/{other.pk}/").status_code in (302, 403)
    assert client.get(f"{INDEX}delete/{other.pk}/").status_code in (302, 403)
    assert client.post(f"{INDEX}delete/{other.pk}/").status_code in (302, 403)
    assert AdvisorRegistration.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
def test_another_advisor_cannot_open_any_screen_of_a_registration(client, advisor, make_user, view):
    """Two advisors: the second reaches none of the first one's screens; the owner (control) does."""
    registration = AdvisorRegistrationFactory(advisor=advisor, pseudonym="kenmerk van de eigenaar")
    client.force_login(make_user(Role.CONFIDENTIAL_ADVISOR, username="vp-ander"))
    response = client.get(f"{INDEX}{view}/{registration.pk}/")
    assert response.status_code in (302, 403)
    assert b"kenmerk van de eigenaar" not in response.content
    client.force_login(advisor)
    assert client.get(f"{INDEX}{view}/{registration.pk}/").status_code == 200


@pytest.mark.parametrize("role", [role for role in Role if role != Role.CONFIDENTIAL_ADVISOR])
def test_other_roles_cannot_reach_registrations(client, make_user, role):
    registration = AdvisorRegistrationFactory(pseudonym="geheim kenmerk")
    client.force_login(make_user(role))
    for url in [INDEX, f"{INDEX}new/", f"{INDEX}edit/{registration.pk}/"]:
        response = client.get(url)
        assert response.status_code in (302, 403), (role, url)
        assert b"geheim kenmerk" not in response.content


def test_list_queries_do_not_grow(client, advisor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(advisor)
    AdvisorConversationFactory(registration=AdvisorRegistrationFactory(advisor=advisor))
    client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    for _ in range(10):
        AdvisorConversationFactory(registration=AdvisorRegistrationFactory(advisor=advisor))
    with CaptureQueriesContext(connection) as many:
        client.get(INDEX)
    assert len(many) == len(few)
