"""The demo has every declaration state and the OOV pilot's profiles."""

import pytest

from safework.models import Declaration, DeclarationStatus, Placement, Position, ScreeningProfile

pytestmark = pytest.mark.django_db


def test_demo_content_of_the_safe_working_environment(demo_content):
    oov = set(
        Position.objects.filter(department__abbreviation="OOV").values_list("screening_profile", flat=True)
    )
    assert oov == set(ScreeningProfile.values)  # the 2021 pilot used all three profiles
    statuses = set(Declaration.objects.values_list("status", flat=True))
    assert statuses == set(DeclarationStatus.values)
    assert Placement.objects.get(user__username="medewerker").manager.username == "leidinggevende"
    pilot = Position.objects.filter(department__abbreviation="OOV", approved_on__year=2021)
    assert pilot.count() == 4
    for position in pilot:
        position.full_clean()  # the justification rule holds for the demo too
