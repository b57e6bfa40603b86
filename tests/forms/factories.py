import datetime

import factory

from forms import receipts
from forms.models import AdvisorConversation, AdvisorRegistration, IntegrityReport, Message
from tests.portal.factories import UserFactory


class IntegrityReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntegrityReport

    category = "omgaan-met-belangen"
    description = factory.Sequence(lambda n: f"Beschrijving van melding {n}")
    source = "intern"
    received_on = factory.LazyFunction(datetime.date.today)

    @classmethod
    def with_code(cls, **kwargs):
        """A report with a fresh receipt code; returns (report, code)."""
        code = receipts.new_code()
        prefix, hashed = receipts.hash_code(code)
        return cls(receipt_prefix=prefix, receipt_hash=hashed, **kwargs), code


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    report = factory.SubFactory(IntegrityReportFactory)
    author = Message.Author.OFFICE
    body = "Dank voor je melding."


class AdvisorRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvisorRegistration

    advisor = factory.SubFactory(UserFactory)
    pseudonym = factory.Sequence(lambda n: f"kenmerk-{n}")
    topic = "overig"


class AdvisorConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvisorConversation

    registration = factory.SubFactory(AdvisorRegistrationFactory)
    held_on = datetime.date(2021, 3, 1)


class LessonMeasureFactory(factory.django.DjangoModelFactory):
    """A measure of the lessons-learned register (forms/lessons/), from a case of 2021."""

    class Meta:
        model = "forms.LessonMeasure"

    measure = factory.Sequence(lambda n: f"Werkproces {n} krijgt een extra controle.")
    case = factory.SubFactory(IntegrityReportFactory, received_on=datetime.date(2021, 3, 1))
    agreed_on = datetime.date(2021, 6, 1)
    due_on = datetime.date(2021, 12, 31)
    status = "in-uitvoering"
