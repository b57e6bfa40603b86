"""The contract's helpers: breakdowns counted in one query (per field, or all of a source's at once),
with the zero rows, and the department list read once per computation."""

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


def test_tally_counts_every_breakdown_and_total_in_one_query(django_assert_num_queries):
    from django.db.models import Q

    from forms.statistics.base import choices_of, departments, tally

    ruimte = DepartmentFactory(slug="ruimte", name="Ruimte")
    DepartmentFactory(slug="bsn", name="BSN")
    incidents(2021, 3, kind="intimidatie", department=ruimte)
    incidents(2021, 2, kind="overig")  # no department: counted in the total, in no department row
    incidents(2021, 1, kind="onbekend")  # no choice: counted in the total, in no type row
    incidents(2020, 5, kind="overig", department=ruimte)
    choices = departments()
    with django_assert_num_queries(1):
        figures = tally(
            TallyRecord.objects.filter(year=2021),
            {"by_type": ("kind", choices_of(AGGRESSION_TYPES)), "by_department": ("department", choices)},
            count_if={"aggressive": Q(kind="intimidatie") | Q(kind="onbekend")},
            count_distinct={"people": "person", "kinds": "kind"},
        )
    assert (figures["total"], figures["aggressive"], figures["people"], figures["kinds"]) == (6, 4, 6, 3)
    assert figures["by_type"] == breakdown(TallyRecord.objects.filter(year=2021), "kind", AGGRESSION_TYPES)
    assert figures["by_department"] == [
        {"code": "bsn", "label": "BSN", "count": 0},
        {"code": "ruimte", "label": "Ruimte", "count": 3},
    ]


def test_grouped_rows_and_their_marginals_match_one_breakdown_per_field(django_assert_num_queries):
    from forms.statistics.base import choices_of, departments, grouped, marginal

    ruimte = DepartmentFactory(slug="ruimte", name="Ruimte")
    bsn = DepartmentFactory(slug="bsn", name="BSN")
    incidents(2021, 3, kind="intimidatie", department=ruimte)
    incidents(2021, 2, kind="overig", department=ruimte)
    incidents(2021, 4, kind="overig", department=bsn)
    records = TallyRecord.objects.filter(year=2021)
    with django_assert_num_queries(1):
        groups = grouped(records, ("kind", "department"))
    expected = [("intimidatie", ruimte.pk, 3), ("overig", ruimte.pk, 2), ("overig", bsn.pk, 4)]
    assert sorted(groups) == sorted(expected)
    assert marginal(groups, 0, choices_of(AGGRESSION_TYPES)) == breakdown(records, "kind", AGGRESSION_TYPES)
    assert marginal(groups, 1, departments()) == department_breakdown(records)


def test_the_department_list_is_read_once_per_computation(django_assert_num_queries):
    from forms.statistics.base import computation, departments

    DepartmentFactory(slug="ruimte", name="Ruimte")
    with django_assert_num_queries(1), computation():
        first = departments()
        assert departments() is first
        with computation():  # a nested computation (a report's two years) shares the outer one's
            assert departments() is first
        department_breakdown(TallyRecord.objects.none())  # an empty queryset runs no query
    with django_assert_num_queries(2):  # outside a computation: read each time
        departments()
        departments()
    assert [slug for _pk, slug, _name in first] == ["ruimte"]


def test_tally_of_no_rows_counts_zero_without_a_query(django_assert_num_queries):
    from forms.statistics.base import choices_of, tally

    with django_assert_num_queries(0):
        figures = tally(
            TallyRecord.objects.filter(pk__in=[]),
            {"by_type": ("kind", choices_of(AGGRESSION_TYPES))},
            count_distinct={"people": "person"},
        )
    assert figures["total"] == figures["people"] == 0
    assert [row["count"] for row in figures["by_type"]] == [0] * len(AGGRESSION_TYPES)
