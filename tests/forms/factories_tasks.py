"""Factories of case templates and case tasks (forms/case_tasks.py)."""

import factory
from django.contrib.auth.models import Permission

from forms.case_tasks import CaseTask, CaseTemplate, CaseTemplateTask
from tests.forms.factories import IntegrityReportFactory


class CaseTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseTemplate

    name = factory.Sequence(lambda n: f"Sjabloon {n}")
    category = "omgaan-met-spullen-van-de-gemeente"


class CaseTemplateTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseTemplateTask

    template = factory.SubFactory(CaseTemplateFactory)
    title = factory.Sequence(lambda n: f"Taak {n}")
    mandatory = True
    due_days = 14


class CaseTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseTask

    report = factory.SubFactory(IntegrityReportFactory)
    title = factory.Sequence(lambda n: f"Zaaktaak {n}")
    mandatory = True


def make_office_lead(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="portal", codename="lead_integrity_office")
    )
    return user
