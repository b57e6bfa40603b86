import datetime

import factory

from safework.dra import AssessmentMeasure, AssessmentRisk, ThreatAssessment
from safework.scans import THEME_FIELDS, ActionStatus, ImprovementAction, ProtocolTheme, ThemeScore, VpdScan
from tests.vpd.factories import DepartmentFactory


class ScanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VpdScan
        skip_postgeneration_save = True

    department = factory.SubFactory(DepartmentFactory)
    scanned_on = datetime.date(2026, 3, 10)
    participants_employees = 6
    participants_managers = 1
    participants_experts = 1
    findings = "De alarmknop is bij de balie onbekend."
    reviewed_on = None

    @factory.post_generation
    def scores(self, create, extracted, **kwargs):
        for field in THEME_FIELDS.values():
            setattr(self, field, (extracted or {}).get(field, ThemeScore.GOOD))
        if create:
            self.save()


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementAction

    scan = factory.SubFactory(ScanFactory)
    theme = ProtocolTheme.ALARM
    description = "Alarmknop oefenen met het hele team."
    due_on = datetime.date(2026, 6, 1)
    status = ActionStatus.OPEN


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThreatAssessment
        skip_postgeneration_save = True

    building = "Stadhuis"
    assessed_on = datetime.date(2021, 3, 23)
    reassess_on = datetime.date(2024, 3, 23)
    scope = "Toegang tot het stadhuis door onbevoegden."

    @factory.post_generation
    def children(self, create, extracted, **kwargs):
        if not create:
            return
        AssessmentRisk.objects.create(
            assessment=self, threat="Meelopen bij de personeelsingang", likelihood=4, impact=3
        )
        AssessmentMeasure.objects.create(
            assessment=self,
            description="Toegangspoortjes met pascontrole",
            owner="Safety & Security",
            due_on=datetime.date(2021, 12, 31),
        )
