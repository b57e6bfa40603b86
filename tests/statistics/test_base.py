"""The contract's helpers: breakdowns counted in one grouped query, with the zero rows."""

import pytest

from forms.statistics.base import breakdown, department_breakdown
from tests.statistics.factories import DepartmentFactory, conversations, incidents
from tests.statistics.records import AGGRESSION_TYPES, TallyRecord

pytestmark = pytest.mark.django_db


def test_breakdown_has_every_choice_in_order_with_zeros(django_assert_num_queries):
    incidents(2021, 3, kind="intimidatie")
    incidents(2021, 1, kind="overig")
    incidents(2020, 5, kind="overig")
    with django_assert_num_queries(1):
        rows = breakdown(TallyRecord.objects.filter(year=2021), "kind", AGGRESSION_TYPES)
    assert [row["code"] for row in rows] == [code for code, _label in AGGRESSION_TYPES]
    assert {row["code"]: row["count"] for row in rows}["intimidatie"] == 3
    assert {row["code"]: row["count"] for row in rows}["overig"] == 1
    assert rows[0] == {"code": "verbale-agressie", "label": "Verbale agressie", "count": 0}


def test_department_breakdown_counts_distinct_people_per_department(django_assert_num_queries):
    ruimte = DepartmentFactory(slug="ruimte", name="Ruimte")
    DepartmentFactory(slug="bsn", name="BSN")
    conversations(2021, ruimte, colleagues=4, per_colleague=3)
    with django_assert_num_queries(2):
        rows = department_breakdown(TallyRecord.objects.filter(year=2021), distinct="person")
    counts = {row["code"]: (row["label"], row["count"]) for row in rows}
    assert counts["ruimte"] == ("Ruimte", 4)
    assert counts["bsn"] == ("BSN", 0)
    assert {row["code"]: row["count"] for row in department_breakdown(TallyRecord.objects.all())}[
        "ruimte"
    ] == 12
