"""Resetting someone's second factor: the office lead for the office's members, an administrator
for everyone else, never an administrator for the office, never oneself; audited."""

import pytest
from django.contrib.auth.models import Permission
from django_otp.plugins.otp_totp.models import TOTPDevice

from forms.models import AuditLogEntry
from portal.mfa.demo import give_demo_totp
from portal.mfa.devices import new_recovery_codes
from portal.mfa.reset import can_reset
from portal.roles import Role

pytestmark = pytest.mark.django_db

LIST = "/nl/account/tweede-factor/herstellen/"


def reset_url(user):
    return f"{LIST}{user.pk}/"


@pytest.fixture
def people(make_user):
    lead = make_user(Role.INTEGRITY_OFFICE, username="lead")
    lead.user_permissions.add(Permission.objects.get(codename="lead_integrity_office"))
    people = {
        "lead": type(lead).objects.get(pk=lead.pk),
        "office": make_user(Role.INTEGRITY_OFFICE, username="office"),
        "advisor": make_user(Role.CONFIDENTIAL_ADVISOR, username="advisor"),
        "administrator": make_user(Role.ADMINISTRATOR, username="administrator"),
        "other-administrator": make_user(Role.ADMINISTRATOR, username="other-administrator"),
        "superuser": make_user(username="root", is_superuser=True),
        "employee": make_user(username="employee"),
    }
    for user in people.values():
        give_demo_totp(user)
        new_recovery_codes(user)
    return people


@pytest.mark.parametrize(
    "actor, target, allowed",
    [
        ("lead", "office", True),
        ("lead", "advisor", True),
        ("lead", "lead", False),
        ("lead", "administrator", False),
        ("administrator", "office", False),
        ("administrator", "advisor", False),
        ("administrator", "lead", False),
        ("superuser", "advisor", False),
        ("administrator", "other-administrator", True),
        ("superuser", "administrator", True),
        ("administrator", "administrator", False),
        ("office", "advisor", False),
        ("advisor", "office", False),
        ("employee", "administrator", False),
    ],
)
def test_who_may_reset_whom(client, people, actor, target, allowed):
    assert can_reset(people[actor], people[target]) is allowed
    client.force_login(people[actor])  # with a proven second factor (tests/conftest.py)
    response = client.post(reset_url(people[target]))
    devices = TOTPDevice.objects.filter(user=people[target]).count()
    entries = AuditLogEntry.objects.filter(action="mfa.reset")
    if allowed:
        assert response.status_code == 302
        assert devices == 0
        assert entries.get().detail["target_user_id"] == people[target].pk
        assert entries.get().user == people[actor]
    else:
        assert response.status_code == 403
        assert devices == 1
        assert not entries.exists()


def test_the_list_shows_only_whom_one_may_reset(client, people):
    client.force_login(people["lead"])
    page = client.get(LIST).content.decode()
    assert "Wis tweede factor van office" in page and "Wis tweede factor van advisor" in page
    assert "Wis tweede factor van administrator" not in page
    client.force_login(people["administrator"])
    page = client.get(LIST).content.decode()
    assert "Wis tweede factor van other-administrator" in page
    assert "Wis tweede factor van office" not in page and "Wis tweede factor van advisor" not in page


def test_employees_get_no_reset_page(client, people):
    client.force_login(people["employee"])
    assert client.get(LIST).status_code == 403


@pytest.mark.password_only
def test_a_lead_without_a_second_factor_resets_nobody(client, people):
    client.force_login(people["lead"])
    response = client.post(reset_url(people["office"]))
    assert response.status_code == 303
    assert TOTPDevice.objects.filter(user=people["office"]).exists()


def test_after_a_reset_the_person_enrols_again(client, people):
    from tests.portal.factories import PASSWORD

    client.force_login(people["lead"])
    client.post(reset_url(people["advisor"]))
    other = type(client)()
    other.post("/nl/account/login/", {"username": "advisor", "password": PASSWORD})
    response = other.get("/admin/")
    assert response.status_code == 303 and "/instellen/" in response["Location"]


def test_a_reset_ends_the_sessions_of_the_person_whose_device_was_lost(client, people):
    """Whoever has the lost phone may also hold a session that proved it: that session ends."""
    from tests.portal.factories import PASSWORD
    from tests.second_factor import mark_session_verified

    def signed_in(username):
        other = type(client)()
        response = other.post("/nl/account/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302
        mark_session_verified(other)  # as after entering the code
        return other

    advisor, office = signed_in("advisor"), signed_in("office")
    assert advisor.get("/nl/zoeken/").status_code == 200
    client.force_login(people["lead"])
    client.post(reset_url(people["advisor"]))
    assert advisor.get("/nl/zoeken/").status_code == 302
    assert office.get("/nl/zoeken/").status_code == 200  # control: someone else's session stays
