"""The HR and security-coordinator roles: groups of their own, admin access, a second factor."""

import pytest
from django.contrib.auth.models import Group

from portal.mfa import needs_second_factor
from portal.roles import ADMIN_ROLES, Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.HR, Role.SECURITY_COORDINATOR])
def test_the_new_roles_are_groups_with_admin_access(role):
    group = Group.objects.get(name=str(role))
    assert group.permissions.filter(codename="access_admin").exists()
    assert role in ADMIN_ROLES


@pytest.mark.parametrize("role", [Role.HR, Role.SECURITY_COORDINATOR])
def test_the_new_roles_must_prove_a_second_factor(make_user, role):
    assert needs_second_factor(make_user(role))
    # Control: a plain employee and a manager need none.
    assert not needs_second_factor(make_user(username="gewoon"))
    assert not needs_second_factor(make_user(Role.MANAGER, username="leiding"))


@pytest.mark.password_only
def test_hr_signed_in_with_a_password_only_is_held_at_the_second_factor(client, make_user):
    client.force_login(make_user(Role.HR))
    response = client.get("/admin/veilige-werkomgeving/meldingen/")
    assert response.status_code in (302, 303)
    assert response["Location"].startswith("/nl/account/tweede-factor/")
