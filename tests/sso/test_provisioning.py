"""Just-in-time accounts from the provider's claims: who, which department, which roles."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation

from forms.models import AuditLogEntry
from home.models import EmployeeProfile
from portal.roles import Role
from sso.backends import mfa_asserted
from sso.models import IdentityLink, ProviderRoleGrant
from sso.provisioning import provision
from tests.home.factories import DepartmentFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://idp.gemeente.invalid"


@pytest.fixture
def mapped(settings):
    settings.OIDC_GROUP_ROLES = "idp-editors=Redacteur;idp-managers=Leidinggevende"
    settings.OIDC_DEPARTMENTS = "WI=werk-en-inkomen"
    DepartmentFactory(name="Werk en Inkomen", slug="werk-en-inkomen")
    DepartmentFactory(name="Stadsbedrijven", slug="stadsbedrijven", abbreviation="SB")
    return settings


def claims(sub="abc-123", groups=(), **extra):
    return {
        "iss": ISSUER,
        "sub": sub,
        "employee_number": "104711",
        "given_name": "Anna",
        "family_name": "de Vries",
        "email": "anna@gemeente.invalid",
        "department": "WI",
        "groups": list(groups),
        **extra,
    }


def role_names(user):
    return set(user.groups.values_list("name", flat=True))


def test_first_sign_in_makes_an_employee_without_a_password(mapped):
    user = provision(claims(groups=["idp-editors"]), mapped)
    assert user.username == "104711"
    assert not user.has_usable_password()
    assert role_names(user) == {Role.EMPLOYEE, Role.EDITOR}
    assert EmployeeProfile.objects.get(user=user).department.slug == "werk-en-inkomen"
    assert AuditLogEntry.objects.filter(action="sso_roles_changed", user=user).exists()


def test_the_department_is_found_by_mapping_slug_name_or_abbreviation(mapped):
    user = provision(claims(department="SB"), mapped)
    assert user.employee_profile.department.slug == "stadsbedrijven"
    provision(claims(department="Onbekend"), mapped)
    user.employee_profile.refresh_from_db()
    assert user.employee_profile.department is None


def test_the_same_subject_is_the_same_person_even_with_a_new_email_or_number(mapped):
    first = provision(claims(), mapped)
    again = provision(claims(email="a.devries@gemeente.invalid", employee_number="200000"), mapped)
    assert again == first
    assert get_user_model().objects.get(pk=first.pk).email == "a.devries@gemeente.invalid"
    assert IdentityLink.objects.get(user=first).employee_number == "200000"


def test_never_matched_by_email_address(mapped):
    someone = UserFactory(username="iemand", email="anna@gemeente.invalid")
    user = provision(claims(), mapped)
    assert user != someone


def test_an_account_made_ahead_in_the_portal_is_linked_once(mapped):
    ahead = UserFactory(username="104711", roles=[Role.INTEGRITY_OFFICE])
    user = provision(claims(), mapped)
    assert user == ahead
    assert Role.INTEGRITY_OFFICE in role_names(user)
    # Another subject at the provider with the same employee number is not let into that account.
    with pytest.raises(SuspiciousOperation):
        provision(claims(sub="other-person"), mapped)


def test_only_roles_the_provider_granted_are_taken_away(mapped):
    user = provision(claims(groups=["idp-editors"]), mapped)
    user.groups.add(Group.objects.get(name=Role.VPD_COORDINATOR))  # granted in the portal
    provision(claims(groups=["idp-managers"]), mapped)
    assert role_names(user) == {Role.EMPLOYEE, Role.MANAGER, Role.VPD_COORDINATOR}
    assert set(ProviderRoleGrant.objects.filter(user=user).values_list("group__name", flat=True)) == {
        Role.MANAGER
    }
    provision(claims(groups=[]), mapped)
    assert role_names(user) == {Role.EMPLOYEE, Role.VPD_COORDINATOR}


def test_a_role_granted_in_the_portal_stays_when_the_provider_also_sends_and_then_drops_it(mapped):
    user = UserFactory(username="104711", roles=[Role.EDITOR])
    provision(claims(groups=["idp-editors"]), mapped)
    provision(claims(groups=[]), mapped)
    assert Role.EDITOR in role_names(user)


def test_office_roles_are_never_given_or_taken_by_the_provider(mapped):
    user = UserFactory(username="104711", roles=[Role.CONFIDENTIAL_ADVISOR])
    provision(claims(groups=["Vertrouwenspersoon", "Integriteitsbureau"]), mapped)
    assert role_names(user) == {Role.EMPLOYEE, Role.CONFIDENTIAL_ADVISOR}
    # Even a grant row that somehow names an office role never removes the portal's membership.
    ProviderRoleGrant.objects.create(user=user, group=Group.objects.get(name=Role.CONFIDENTIAL_ADVISOR))
    provision(claims(groups=[]), mapped)
    assert Role.CONFIDENTIAL_ADVISOR in role_names(user)


def test_a_deactivated_portal_account_stays_deactivated(mapped):
    user = provision(claims(), mapped)
    user.is_active = False
    user.save()
    assert provision(claims(), mapped).is_active is False


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": ["pwd"]}, False),
        ({"amr": "mfa"}, True),
        ({"acr": "urn:gemeente:loa:hoog"}, True),
        ({"acr": "urn:gemeente:loa:laag"}, False),
        ({}, False),
    ],
)
def test_multi_factor_is_read_from_amr_or_acr(settings, token, expected):
    settings.OIDC_MFA_AMR_VALUES = ["mfa"]
    settings.OIDC_MFA_ACR_VALUES = ["urn:gemeente:loa:hoog"]
    assert mfa_asserted(token) is expected
