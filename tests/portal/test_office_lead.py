"""The office lead is a permission of its own, never implied by being a superuser."""

import pytest
from django.contrib.auth.models import Group, Permission

from portal.roles import is_office_lead
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def _lead_permission():
    return Permission.objects.get(content_type__app_label="portal", codename="lead_integrity_office")


def test_superuser_is_not_office_lead():
    assert not is_office_lead(UserFactory(is_superuser=True, is_staff=True))


def test_permission_directly_or_through_a_group_makes_a_lead():
    direct = UserFactory()
    direct.user_permissions.add(_lead_permission())
    via_group = UserFactory()
    group = Group.objects.create(name="Leiding integriteitsbureau (test)")
    group.permissions.add(_lead_permission())
    via_group.groups.add(group)
    assert is_office_lead(direct)
    assert is_office_lead(via_group)
    assert not is_office_lead(UserFactory())


def test_deactivated_lead_is_no_lead():
    lead = UserFactory(is_active=False)
    lead.user_permissions.add(_lead_permission())
    assert not is_office_lead(lead)
