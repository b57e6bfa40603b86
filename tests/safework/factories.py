import datetime
from decimal import Decimal

import factory

from safework.models import Declaration, DeclarationKind, Placement, Position, ScreeningProfile
from tests.vpd.factories import DepartmentFactory


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("code",)

    department = factory.SubFactory(DepartmentFactory)
    title = factory.Sequence(lambda n: f"Functie {n}")
    code = factory.Sequence(lambda n: f"functie-{n}")
    screening_profile = ScreeningProfile.NONE


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    position = factory.SubFactory(PositionFactory)


class GiftFactory(factory.django.DjangoModelFactory):
    """A gift declaration stored directly (tests of the workflow go through the views)."""

    class Meta:
        model = Declaration

    kind = DeclarationKind.GIFT
    department = factory.SubFactory(DepartmentFactory)
    submitted_on = datetime.date(2026, 3, 2)
    giver = "Bouwbedrijf Van Zanten"
    value_estimate = Decimal("35.00")
    received_on = datetime.date(2026, 2, 27)
    context = "Kerstpakket na afronding van een aanbesteding."


class OutsideWorkFactory(GiftFactory):
    kind = DeclarationKind.OUTSIDE_WORK
    giver = ""
    value_estimate = None
    received_on = None
    context = ""
    organisation = "Voetbalvereniging DOS"
    hours_per_month = 8
    paid = False
    possible_conflict = "geen"
