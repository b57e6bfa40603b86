import factory

from forms.statistics.models import EmployeeSurvey, HistoricalFigure
from home.models import Department
from tests.statistics.records import TallyRecord


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Afdeling {n}")
    slug = factory.Sequence(lambda n: f"afdeling-{n}")


class HistoricalFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HistoricalFigure

    year = 2020
    key = "public_aggression.total"
    value = 10


class EmployeeSurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployeeSurvey
        django_get_or_create = ("year",)

    year = 2021
    respondents = 1000
    experienced = 70


class TallyRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TallyRecord

    source = "aggression"
    year = 2021
    kind = "verbale-agressie"
    person = factory.Sequence(lambda n: f"persoon-{n}")
    department = None


def incidents(year: int, count: int, kind: str = "verbale-agressie", department=None):
    return TallyRecordFactory.create_batch(
        count, source="aggression", year=year, kind=kind, department=department
    )


def conversations(year: int, department, colleagues: int, per_colleague: int = 1):
    rows = []
    for n in range(colleagues):
        for _ in range(per_colleague):
            rows.append(
                TallyRecordFactory(
                    source="advisors",
                    year=year,
                    department=department,
                    person=f"{department.slug}-{year}-{n}",
                )
            )
    return rows


def annual_report_page(year: int = 2021, body=None, intro: str = ""):
    """A published annual report page under a section page of the home page."""
    from wagtail.models import Locale

    from forms.statistics.models import AnnualReportPage
    from home.models import ContentPage, HomePage

    home = HomePage.objects.get(depth=2, locale=Locale.objects.get(language_code="nl"))
    section = ContentPage.objects.child_of(home).filter(slug="melden").first()
    if section is None:
        section = home.add_child(instance=ContentPage(title="Melden en opvolging", slug="melden"))
    page = AnnualReportPage(
        title=f"Jaarverslag {year}", slug=f"jaarverslag-{year}", year=year, intro=intro, body=body or []
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish(year: int, user=None, reason: str = ""):
    """The integrity office publishes `year` (its live figures become the published version)."""
    from forms.statistics import publication

    return publication.publish(year, user, reason=reason)
