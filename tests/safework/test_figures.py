"""The annual figures `gifts_and_outside_work` (STATISTICS.md): counts by decision and department,
department tables under the statistics' suppression rule."""

import datetime

import pytest

from forms.statistics import service
from safework.figures import GiftsProvider, OutsideWorkProvider
from safework.models import Decision, DeclarationStatus
from tests.safework.factories import GiftFactory, OutsideWorkFactory
from tests.vpd.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def rows(table):
    return {row["code"]: row["count"] for row in table}


def test_counts_by_decision_and_department_per_year():
    oov = DepartmentFactory(name="Openbare Orde & Veiligheid", slug="oov")
    wi = DepartmentFactory(name="Werk & Inkomen", slug="werk-en-inkomen")
    for _n in range(3):
        GiftFactory(department=oov, decision=Decision.ACCEPTED, status=DeclarationStatus.DECIDED)
    GiftFactory(department=wi, decision=Decision.REFUSED, status=DeclarationStatus.DECIDED)
    GiftFactory(department=wi)  # not decided yet
    GiftFactory(department=wi, submitted_on=datetime.date(2025, 12, 31))  # another year
    OutsideWorkFactory(department=oov, decision=Decision.CONDITIONS, status=DeclarationStatus.DECIDED)

    gifts = GiftsProvider().compute(2026)
    assert gifts["total"] == 5
    assert rows(gifts["by_decision"]) == {
        "toegestaan": 3,
        "toegestaan-onder-voorwaarden": 0,
        "geweigerd": 1,
        "nog-niet-besloten": 1,
    }
    assert rows(gifts["by_department"]) == {"oov": 3, "werk-en-inkomen": 2}
    outside = OutsideWorkProvider().compute(2026)
    assert outside["total"] == 1 and rows(outside["by_decision"])["toegestaan-onder-voorwaarden"] == 1
    assert OutsideWorkProvider().compute(2025) is None
    assert GiftsProvider().years() == {2025, 2026}


def test_the_export_carries_the_key_with_small_department_counts_hidden():
    big = DepartmentFactory(name="Stadsbedrijven", slug="stadsbedrijven")
    small = DepartmentFactory(name="Werk & Inkomen", slug="werk-en-inkomen")
    for _n in range(9):
        GiftFactory(department=big, decision=Decision.ACCEPTED, status=DeclarationStatus.DECIDED)
    GiftFactory(department=small, decision=Decision.ACCEPTED, status=DeclarationStatus.DECIDED)
    exported = service.export(2026)["gifts_and_outside_work"]
    assert exported["gifts"]["total"] == 10
    assert rows(exported["gifts"]["by_decision"])["toegestaan"] == 10  # municipality-wide: exact
    departments = rows(exported["gifts"]["by_department"])
    assert departments["werk-en-inkomen"] is None  # a single colleague is never shown
    assert departments["stadsbedrijven"] is None  # secondary suppression: else 10 - 9 gives it away
    assert exported["outside_work"] is None
