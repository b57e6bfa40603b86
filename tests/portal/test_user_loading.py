"""Loading the signed-in user (portal/mfa/backends.py): one prepared query on every request, the same
user Django's ORM would load, and whether they must prove a second factor.

Each case is compared with the ORM's own answer for the same row, so a prepared query that kept a
stand-in or mixed up the flags would differ.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from portal.mfa.backends import ModelBackend
from portal.roles import OFFICE_LEAD_PERMISSION, Role

pytestmark = pytest.mark.django_db


def lead_permission() -> Permission:
    app_label, codename = OFFICE_LEAD_PERMISSION.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def fields(user) -> dict:
    return {field.attname: getattr(user, field.attname) for field in get_user_model()._meta.concrete_fields}


def test_the_user_is_the_orms_with_the_second_factor_flag(make_user):
    employee = make_user(first_name="Eva")
    office = make_user(Role.INTEGRITY_OFFICE)
    lead = make_user()
    lead.user_permissions.add(lead_permission())
    group_lead = make_user()
    leads = Group.objects.create(name="Leiding integriteitsbureau")
    leads.permissions.add(lead_permission())
    group_lead.groups.add(leads)
    admin = make_user(is_superuser=True)
    backend = ModelBackend()
    expected = {employee: False, office: True, lead: True, group_lead: True, admin: True}
    for user, needs_factor in expected.items():
        loaded = backend.get_user(str(user.pk))  # as the session stores it
        assert fields(loaded) == fields(get_user_model().objects.get(pk=user.pk))
        assert loaded._portal_needs_second_factor is needs_factor, user
        assert loaded._state.adding is False and loaded._state.db == "default"


def test_the_required_roles_setting_is_read_on_every_load(make_user, settings):
    editor = make_user(Role.EDITOR)
    backend = ModelBackend()
    settings.PORTAL_MFA_ROLES = [str(Role.EDITOR)]
    assert backend.get_user(editor.pk)._portal_needs_second_factor is True
    settings.PORTAL_MFA_ROLES = []
    assert backend.get_user(editor.pk)._portal_needs_second_factor is False


def test_inactive_missing_and_malformed_ids_load_nobody(make_user):
    backend = ModelBackend()
    gone = make_user(is_active=False)
    assert backend.get_user(gone.pk) is None
    assert backend.get_user(gone.pk + 1000) is None
    assert backend.get_user("niet-een-nummer") is None
