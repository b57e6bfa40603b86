"""Position and manager from the identity provider's claims where configured, else kept by HR."""

import pytest

from safework.models import Placement, PlacementSource
from sso.provisioning import provision
from tests.safework.factories import PlacementFactory

pytestmark = pytest.mark.django_db


def claims(**extra):
    return {"iss": "https://idp.invalid", "sub": "abc-123", "employee_number": "100200", **extra}


def test_claims_set_position_and_manager(settings, people):
    settings.OIDC_CLAIM_POSITION = "function_code"
    settings.OIDC_CLAIM_MANAGER = "manager_number"
    user = provision(claims(function_code="handhaver", manager_number=people.manager.username), settings)
    placement = Placement.objects.get(user=user)
    assert placement.position == people.raised_position
    assert placement.manager == people.manager
    assert placement.source == PlacementSource.IDENTITY_PROVIDER
    # The provider stops sending a manager the portal knows: no stale manager stays.
    provision(claims(function_code="handhaver", manager_number="onbekend"), settings)
    placement.refresh_from_db()
    assert placement.manager is None and placement.position == people.raised_position


def test_without_configured_claims_the_hr_placement_stays(settings, people):
    settings.OIDC_CLAIM_POSITION = ""
    settings.OIDC_CLAIM_MANAGER = ""
    user = provision(claims(function_code="handhaver", manager_number=people.manager.username), settings)
    assert not Placement.objects.filter(user=user).exists()
    PlacementFactory(user=user, position=people.position, manager=people.other_manager)
    provision(claims(function_code="handhaver", manager_number=people.manager.username), settings)
    placement = Placement.objects.get(user=user)
    assert placement.manager == people.other_manager and placement.source == PlacementSource.HR


def test_hr_keeps_placements_in_the_admin_and_others_cannot(client, people):
    client.force_login(people.hr)
    response = client.post(
        "/admin/veilige-werkomgeving/plaatsingen/new/",
        {"user": people.security.pk, "position": people.position.pk, "manager": people.manager.pk},
    )
    assert response.status_code == 302
    assert Placement.objects.get(user=people.security).manager == people.manager
    for user in (people.manager, people.administrator, people.security, people.office):
        client.force_login(user)
        response = client.post(
            "/admin/veilige-werkomgeving/plaatsingen/new/",
            {"user": people.administrator.pk, "position": people.position.pk, "manager": user.pk},
        )
        assert not Placement.objects.filter(user=people.administrator).exists()
