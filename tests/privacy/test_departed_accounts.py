"""The retention rule for accounts of people who left (`portal.departed_accounts`): no sign-in for the
configured period, erased through the same registry as a request, and the figures unchanged."""

import pytest
from django.contrib.auth import get_user_model

from forms.models import AuditLogEntry
from home.models import EmployeeProfile
from portal import subject_data
from portal.roles import Role
from tests.portal.factories import UserFactory
from tests.privacy.conftest import YEAR
from tests.retention import days_ago, figures, purge

pytestmark = pytest.mark.django_db


def last_seen(user, days: int, *, signed_in: bool = True):
    fields = (
        {"last_login": days_ago(days)} if signed_in else {"last_login": None, "date_joined": days_ago(days)}
    )
    get_user_model().objects.filter(pk=user.pk).update(**fields)


def test_accounts_without_a_sign_in_for_the_period_are_erased_and_the_rest_stay(people, settings):
    last_seen(people.person, 400)
    last_seen(people.bystander, 20)  # control: signed in recently
    never = UserFactory(username="nooit-ingelogd")
    last_seen(never, 500, signed_in=False)
    officer = UserFactory(username="onderzoeker", roles=[Role.INTEGRITY_OFFICE])
    last_seen(officer, 900)  # the office's accounts are left to its lead
    before = figures(YEAR)

    out = purge("portal.departed_accounts", settings, days=365)

    assert "portal.departed_accounts: 2 purged" in out
    users = get_user_model().objects
    assert users.get(pk=people.person.pk).username == f"verwijderd-{people.person.pk}"
    assert users.get(pk=never.pk).username == f"verwijderd-{never.pk}"
    assert users.get(pk=people.bystander.pk).username == "bram"
    assert users.get(pk=officer.pk).is_active
    assert not EmployeeProfile.objects.filter(user=people.person).exists()
    assert EmployeeProfile.objects.filter(user=people.bystander).exists()
    assert figures(YEAR) == before
    entries = AuditLogEntry.objects.filter(action=subject_data.ERASED)
    assert {entry.detail["reason"] for entry in entries} == {"retention"} and entries.count() == 2
    assert entries.first().user is None

    assert "portal.departed_accounts: 0 purged" in purge("portal.departed_accounts", settings, days=365)


def test_the_period_comes_from_the_setting(people, settings):
    last_seen(people.person, 400)
    assert "portal.departed_accounts: 0 purged" in purge("portal.departed_accounts", settings, days=730)
    assert get_user_model().objects.get(pk=people.person.pk).username == "anna"
