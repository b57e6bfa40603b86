import datetime

import factory

from home.models import Department
from vpd.models import ConversationSequence, EventKind, Incident, IncidentType, PeerSupportConversation, Team


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Afdeling {n}")
    slug = factory.Sequence(lambda n: f"afdeling-{n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    department = factory.SubFactory(DepartmentFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    date = datetime.date(2021, 5, 3)
    start_time = datetime.time(10, 0)
    department = factory.SubFactory(DepartmentFactory)
    location = "Stadskantoor, balie 3"
    incident_type = IncidentType.VERBAL
    description = "Een klant schold de medewerker uit."


class PeerSupportConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerSupportConversation

    date = datetime.date(2021, 5, 3)
    department = factory.SubFactory(DepartmentFactory)
    sequence = ConversationSequence.FIRST
    event = EventKind.AGGRESSION
