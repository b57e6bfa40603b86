"""A small test-only source of records and test providers that count its rows with SQL.

The model is unmanaged (no migration); `conftest.py` creates its table once per test session. The
providers stand in for the sources the other apps add (confidential advisors, public aggression),
at their real paths, so the service's shared logic (previous, change, suppression, historical
figures, caching) is tested on real rows and real queries.
"""

from django.db import models
from django.db.models import Count

from forms.statistics.base import StatisticsProvider, breakdown, department_breakdown

AGGRESSION_TYPES = [
    ("verbale-agressie", "Verbale agressie"),
    ("intimidatie", "Intimidatie"),
    ("persoonlijke-bedreiging", "Persoonlijke bedreiging"),
    ("fysieke-agressie", "Fysieke agressie"),
    ("discriminatie", "Discriminatie"),
    ("vernieling", "Vernieling"),
    ("overig", "Overig"),
]


class TallyRecord(models.Model):
    """One registration of a test source: a conversation or an incident in a year and department."""

    source = models.CharField(max_length=20)  # "advisors" or "aggression"
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=40, blank=True)
    person = models.CharField(max_length=40, blank=True)
    department = models.ForeignKey(
        "home.Department", null=True, on_delete=models.CASCADE, db_constraint=False
    )

    class Meta:
        app_label = "statistics"
        managed = False
        db_table = "statistics_test_tally_record"

    def __str__(self) -> str:
        return f"{self.source} {self.year} {self.kind}"


def departments():
    from home.models import Department

    return list(Department.objects.order_by("name").values_list("slug", "name"))


class AdvisorsSampleProvider(StatisticsProvider):
    path = ("confidential_advisors",)
    models = ("statistics.TallyRecord",)
    source = "advisors"

    def records(self, year):
        return TallyRecord.objects.filter(source=self.source, year=year)

    def compute(self, year):
        records = self.records(year)
        totals = records.aggregate(conversations=Count("pk"), colleagues=Count("person", distinct=True))
        if not totals["conversations"]:
            return None
        return {
            "advisors": 13,
            "colleagues": totals["colleagues"],
            "conversations": totals["conversations"],
            "by_topic": [],
            "by_subtopic": [],
            "by_department": breakdown(records, "department__slug", departments(), distinct="person"),
        }

    def years(self):
        return set(TallyRecord.objects.filter(source=self.source).values_list("year", flat=True).distinct())

    def year_of(self, instance):
        return instance.year if instance.source == self.source else None


class AggressionSampleProvider(AdvisorsSampleProvider):
    path = ("public_aggression",)
    source = "aggression"

    def compute(self, year):
        records = self.records(year)
        total = records.count()
        if not total:
            return None
        return {
            "total": total,
            "by_type": breakdown(records, "kind", AGGRESSION_TYPES),
            "by_department": department_breakdown(records),
        }


TEST_PROVIDERS = [
    "tests.statistics.records.AdvisorsSampleProvider",
    "forms.statistics.figures.EmployeeSurveyProvider",
    "tests.statistics.records.AggressionSampleProvider",
]
