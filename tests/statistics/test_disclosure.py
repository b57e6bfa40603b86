"""Disclosure control proven by an interval audit (tests/statistics/audit.py): no hidden cell of any
public version of a year can be narrowed below the threshold, for the demo years, for randomised
years, and across corrections; a deliberately weak rule fails the same audit (the control)."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.statistics import disclosure, publication
from portal.roles import Role
from tests.statistics.audit import Table, audit, tables_of_export
from tests.statistics.factories import DepartmentFactory, conversations, incidents, publish

LIMIT = 5


def table_of(counts: list[int], hidden: list[str], name: str = "t") -> Table:
    cells = {f"{name}:d{i}": (None if f"d{i}" in hidden else count) for i, count in enumerate(counts)}
    return Table(name, cells, sum(counts))


def rows_of(counts: list[int]) -> list[dict]:
    return [{"code": f"d{i}", "label": f"D{i}", "count": count} for i, count in enumerate(counts)]


# --- the rule on its own ----------------------------------------------------------------------------

department_counts = st.lists(
    st.one_of(st.integers(0, 6), st.integers(0, 60)), min_size=1, max_size=12
)  # many small counts: the hard cases


@settings(max_examples=300, deadline=None)
@given(counts=department_counts, limit=st.integers(2, 10))
def test_every_randomised_table_passes_the_audit(counts, limit):
    hidden = disclosure.hidden_in_table(rows_of(counts), limit)
    assert audit([table_of(counts, hidden)], limit) == []
    # Primary suppression: no count from 1 to limit - 1 is shown.
    assert all(f"d{i}" in hidden for i, count in enumerate(counts) if 0 < count < limit)


@settings(max_examples=150, deadline=None)
@given(
    first=department_counts,
    changes=st.lists(st.integers(-3, 3), min_size=12, max_size=12),
)
def test_corrected_versions_pass_the_audit_together(first, changes):
    second = [max(count + change, 0) for count, change in zip(first, changes, strict=False)]
    hidden_first = disclosure.hidden_in_table(rows_of(first), LIMIT)
    hidden_second = disclosure.hidden_in_table(rows_of(second), LIMIT, earlier=hidden_first)
    tables = [table_of(first, hidden_first, "v1"), table_of(second, hidden_second, "v2")]
    assert audit(tables, LIMIT) == []
    # A cell hidden in version 1 that still has a count stays hidden in version 2.
    assert all(
        f"d{i}" in hidden_second for i, count in enumerate(second) if f"d{i}" in hidden_first and count
    )


def test_the_issues_example_is_protected():
    # [1, 5, 20, 0] with a total of 26: hiding 1 and 5 leaves each in [1, 5] (one label for both).
    hidden = disclosure.hidden_in_table(rows_of([1, 5, 20, 0]), LIMIT)
    assert hidden == ["d0", "d1"]
    assert audit([table_of([1, 5, 20, 0], hidden)], LIMIT) == []


# --- the control: weaker rules fail the same audit -------------------------------------------------


def primary_only(counts, limit):
    return [f"d{i}" for i, count in enumerate(counts) if 0 < count < limit]


def smallest_other_when_alone(counts, limit):
    """The rule before this change: a lone small cell gets the smallest other cell as its partner."""
    hidden = primary_only(counts, limit)
    if len(hidden) == 1:
        others = sorted((count, f"d{i}") for i, count in enumerate(counts) if f"d{i}" not in hidden and count)
        hidden.append(others[0][1])
    return hidden


@pytest.mark.parametrize(
    ("rule", "counts"),
    [(primary_only, [1, 5, 20, 0]), (smallest_other_when_alone, [1, 1, 20, 9]), (primary_only, [3, 30, 12])],
)
def test_control_a_weak_rule_fails_the_audit(rule, counts):
    findings = audit([table_of(counts, rule(counts, LIMIT))], LIMIT)
    assert findings and all(finding.largest < LIMIT for finding in findings)


def test_control_the_audit_solves_shared_margins():
    # The department table alone leaves "a" up to 6; a second table sharing "a" pins it to 1.
    by_department = Table("dep", {"a": None, "b": None, "c": 10}, 17)
    cross = Table("cross", {"a": None, "x": None, "y": 30}, 32)
    assert audit([by_department], LIMIT) == []
    findings = audit([by_department, cross], LIMIT)
    assert {finding.cell for finding in findings} >= {"a"}


# --- what is really published -----------------------------------------------------------------------


def public_tables(year: int, client) -> list[Table]:
    """The unit tables of every public version of `year`, as an employee downloads them."""
    tables = []
    for snapshot in publication.published_versions(year):
        report = publication.snapshot_report(snapshot)
        from forms.statistics.service import export_report

        tables += tables_of_export(export_report(report), version=f"v{snapshot.version}:")
    latest = client.get(f"/api/statistics/{year}.json").json()
    tables += tables_of_export(latest, version="served:")
    return tables


@pytest.mark.django_db
def test_the_demo_years_pass_the_audit(make_user, demo_content):
    client = Client()
    client.force_login(make_user(Role.EMPLOYEE))
    for year in (2020, 2021):
        tables = public_tables(year, client)
        assert tables, year
        assert audit(tables, LIMIT) == [], year
        data = client.get(f"/api/statistics/{year}.json").json()
        for table in tables_of_export(data):
            assert list(table.cells)[-1].endswith(":onbekend")  # every unit table ends with onbekend
    office = Client()
    office.force_login(make_user(Role.INTEGRITY_OFFICE))
    exact = office.get("/api/statistics/2021.json").json()
    for table in tables_of_export(exact):
        assert sum(table.cells.values()) == table.total  # hidden ones included, they add up


@pytest.mark.django_db
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    small=st.lists(st.integers(0, 6), min_size=3, max_size=3),
    large=st.integers(5, 30),
    unknown=st.integers(0, 3),
    extra=st.integers(0, 3),
)
def test_randomised_published_years_pass_the_audit(test_providers, make_user, small, large, unknown, extra):
    from forms.statistics.models import StatisticsSnapshot
    from tests.statistics.records import TallyRecord

    TallyRecord.objects.all().delete()
    StatisticsSnapshot.objects.all().delete()
    departments = [DepartmentFactory(slug=f"dep-{n}", name=f"Afdeling {n}") for n in range(4)]
    for department, count in zip(departments, [*small, large], strict=True):
        conversations(2023, department, colleagues=count)
        incidents(2023, count, department=department)
    incidents(2023, unknown + 1)  # without a department: the onbekend row
    publish(2023)
    incidents(2023, extra, department=departments[0])  # a correction
    if extra:
        publish(2023)
    client = Client()
    client.force_login(make_user(Role.EMPLOYEE))
    assert audit(public_tables(2023, client), LIMIT) == []
