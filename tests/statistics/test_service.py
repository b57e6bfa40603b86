"""The statistics service on real rows: previous years, changes, historical figures, suppression, caching."""

import pytest

from forms.statistics import disclosure, service
from forms.statistics.models import EmployeeSurvey
from tests.statistics.factories import (
    DepartmentFactory,
    EmployeeSurveyFactory,
    HistoricalFigureFactory,
    TallyRecordFactory,
    conversations,
    incidents,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (121, 151, -20),  # -19.87
        (49, 39, 26),  # +25.64: the seed said +25, the portal computes its own
        (18, 28, -36),  # -35.71
        (3, 2, 50),
        (1, 8, -88),  # -87.5: half away from zero
        (9, 8, 13),  # +12.5: half away from zero
        (5, 5, 0),
        (5, 0, None),
        (5, None, None),
    ],
)
def test_change_percent_rounds_half_away_from_zero(current, previous, expected):
    assert service.change_percent(current, previous) == expected


def test_survey_percentage_has_one_decimal():
    assert service.survey_percentage(228, 3265) == 7.0
    assert service.survey_percentage(1, 8) == 12.5
    assert service.survey_percentage(1, 16) == 6.3  # 6.25 rounds half away from zero
    assert service.survey_percentage(None, 100) is None


def test_previous_comes_from_records_of_the_year_before(test_providers):
    incidents(2021, 12)
    incidents(2020, 15)
    report = service.report(2021)
    section = report["sections"]["public_aggression"]
    assert (section["total"], section["previous"], section["change_percent"]) == (12, 15, -20)


def test_previous_falls_back_to_historical_figures_and_records_win(test_providers):
    incidents(2021, 121)
    HistoricalFigureFactory(year=2020, key="public_aggression.total", value=151)
    HistoricalFigureFactory(year=2021, key="public_aggression.total", value=999)  # records win
    section = service.report(2021)["sections"]["public_aggression"]
    assert (section["total"], section["previous"], section["change_percent"]) == (121, 151, -20)
    assert service.report(2021)["sources"]["public_aggression"] == "records"


def test_previous_is_none_when_unknown(test_providers):
    incidents(2021, 3)
    section = service.report(2021)["sections"]["public_aggression"]
    assert section["previous"] is None
    assert section["change_percent"] is None


def test_a_year_with_only_historical_figures_is_built_from_them(test_providers):
    stadsbedrijven = DepartmentFactory(slug="stadsbedrijven", name="Stadsbedrijven")
    HistoricalFigureFactory(year=2020, key="confidential_advisors.colleagues", value=44)
    HistoricalFigureFactory(year=2020, key="confidential_advisors.by_department.stadsbedrijven", value=16)
    report = service.report(2020)
    assert report["sources"]["confidential_advisors"] == "historical"
    section = report["sections"]["confidential_advisors"]
    assert section["colleagues"] == 44
    assert section["by_department"] == [
        {"code": "stadsbedrijven", "label": stadsbedrijven.name, "count": 16},
        {"code": "onbekend", "label": "Onbekend", "count": 28},  # so the rows add up to the 44
    ]


def test_breakdown_rows_compare_with_historical_rows(test_providers):
    incidents(2021, 49, kind="persoonlijke-bedreiging")
    incidents(2021, 18, kind="fysieke-agressie")
    HistoricalFigureFactory(year=2020, key="public_aggression.by_type.persoonlijke-bedreiging", value=39)
    HistoricalFigureFactory(year=2020, key="public_aggression.by_type.fysieke-agressie", value=28)
    report = service.report(2021)
    assert service.compare(report, "public_aggression.by_type.persoonlijke-bedreiging") == {
        "key": "public_aggression.by_type.persoonlijke-bedreiging",
        "value": 49,
        "previous": 39,
        "change_percent": 26,
        "direction": "up",
    }
    assert service.compare(report, "public_aggression.by_type.fysieke-agressie")["change_percent"] == -36


def test_survey_percentage_and_previous_percentage(test_providers):
    EmployeeSurveyFactory(year=2021, respondents=3265, experienced=228)
    EmployeeSurvey.objects.create(year=2020, percentage=6)
    EmployeeSurvey.objects.create(year=2019, percentage=9)
    assert service.export(2021)["employee_survey"] == {
        "respondents": 3265,
        "experienced": 228,
        "percentage": 7.0,
        "previous_percentage": 6.0,
    }
    assert service.export(2020)["employee_survey"]["previous_percentage"] == 9.0


def test_distinct_people_are_counted_once(test_providers):
    department = DepartmentFactory()
    conversations(2021, department, colleagues=6, per_colleague=2)
    section = service.report(2021)["sections"]["confidential_advisors"]
    assert (section["colleagues"], section["conversations"]) == (6, 12)


# --- suppression ----------------------------------------------------------------------------------


def rows(*counts):
    return [{"code": f"d{i}", "label": f"D{i}", "count": count} for i, count in enumerate(counts)]


def hidden(*counts, limit=5, earlier=()):
    return disclosure.hidden_in_table(rows(*counts), limit, earlier)


def test_small_counts_are_hidden_and_zeros_shown():
    assert hidden(23, 3, 4, 0) == ["d1", "d2"]  # 3 + 4 = 7: either could be up to 6


def test_a_single_hidden_cell_gets_a_second_one_so_it_cannot_be_derived_from_the_total():
    # Total 38: with only "3" hidden, 38 - 23 - 6 - 6 would give it away; the smallest other is hidden.
    assert hidden(23, 3, 6, 6, 0) == ["d1", "d2"]


def test_two_small_cells_that_add_up_to_too_little_get_a_third():
    # 1 + 1 = 2: each hidden cell is 1 exactly (zeros are shown, so a hidden cell is at least 1).
    assert hidden(20, 1, 1, 9) == ["d1", "d2", "d3"]


def test_a_small_total_withholds_the_whole_table_zeros_included():
    assert hidden(3, 0, 0) == ["d0", "d1", "d2"]


def test_cells_hidden_in_an_earlier_version_stay_hidden():
    assert hidden(23, 12, 9, earlier=["d1"]) == ["d1", "d2"]


def test_threshold_is_a_setting(settings):
    settings.STATISTICS_SMALL_COUNT_THRESHOLD = 10
    assert disclosure.hidden_in_table(rows(9, 12, 11), disclosure.threshold()) == ["d0", "d2"]


def test_department_breakdown_of_confidential_advisors_is_suppressed_outside_the_office(test_providers):
    big = DepartmentFactory(slug="stadsbedrijven", name="Stadsbedrijven")
    small = DepartmentFactory(slug="wi", name="Werk & Inkomen")
    conversations(2021, big, colleagues=23)
    conversations(2021, small, colleagues=3)
    public = {
        row["code"]: row["count"] for row in service.export(2021)["confidential_advisors"]["by_department"]
    }
    exact = {
        row["code"]: row["count"]
        for row in service.export(2021, exact=True)["confidential_advisors"]["by_department"]
    }
    assert exact["stadsbedrijven"] == 23 and exact["wi"] == 3
    assert public["wi"] is None
    # The total (26 colleagues) is shown, so a second cell is hidden as well.
    assert list(public.values()).count(None) == 2
    assert public["onbekend"] == 0


def test_category_breakdowns_are_not_suppressed(test_providers):
    incidents(2021, 2, kind="discriminatie")
    incidents(2021, 10, kind="verbale-agressie")
    by_type = {row["code"]: row["count"] for row in service.export(2021)["public_aggression"]["by_type"]}
    assert by_type["discriminatie"] == 2


# --- caching --------------------------------------------------------------------------------------


def test_figures_are_cached_until_a_record_of_the_year_changes(test_providers, django_assert_num_queries):
    incidents(2021, 4)
    assert service.report(2021)["sections"]["public_aggression"]["total"] == 4
    with django_assert_num_queries(0):
        service.report(2021)
    TallyRecordFactory(source="aggression", year=2021)
    assert service.report(2021)["sections"]["public_aggression"]["total"] == 5


def test_a_change_in_a_year_invalidates_the_next_year_that_compares_with_it(test_providers):
    incidents(2021, 10)
    incidents(2020, 8)
    assert service.report(2021)["sections"]["public_aggression"]["previous"] == 8
    record = TallyRecordFactory(source="aggression", year=2020)
    assert service.report(2021)["sections"]["public_aggression"]["previous"] == 9
    record.delete()
    assert service.report(2021)["sections"]["public_aggression"]["previous"] == 8


def test_moving_a_record_to_another_year_invalidates_both_years(test_providers):
    incidents(2021, 3)
    record = incidents(2020, 1)[0]
    assert service.report(2020)["has_data"]
    record.year = 2021
    record.save()
    assert service.report(2021)["sections"]["public_aggression"]["total"] == 4
    assert service.report(2020)["sections"]["public_aggression"] is None


def test_historical_figures_and_the_survey_invalidate_their_year(test_providers):
    incidents(2021, 10)
    assert service.report(2021)["sections"]["public_aggression"]["previous"] is None
    figure = HistoricalFigureFactory(year=2020, key="public_aggression.total", value=20)
    assert service.report(2021)["sections"]["public_aggression"]["previous"] == 20
    figure.value = 25
    figure.save()
    assert service.report(2021)["sections"]["public_aggression"]["previous"] == 25
    survey = EmployeeSurveyFactory(year=2021, respondents=100, experienced=7)
    assert service.report(2021)["sections"]["employee_survey"]["percentage"] == 7.0
    survey.experienced = 8
    survey.save()
    assert service.report(2021)["sections"]["employee_survey"]["percentage"] == 8.0


def test_the_cache_holds_no_state_in_the_process(test_providers):
    """Versions live in Django's cache: clearing it (another process, a restart) recomputes."""
    from django.core.cache import cache

    incidents(2021, 2)
    service.report(2021)
    cache.clear()
    TallyRecordFactory.create_batch(3, source="aggression", year=2021)
    assert service.report(2021)["sections"]["public_aggression"]["total"] == 5


def test_years_with_data(test_providers):
    incidents(2021, 1)
    HistoricalFigureFactory(year=2019, key="confidential_advisors.colleagues", value=74)
    assert service.years_with_data() == [2021, 2019]


def test_computation_uses_one_query_per_breakdown_independent_of_rows(
    test_providers, django_assert_num_queries
):
    department = DepartmentFactory()
    incidents(2021, 3, department=department)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        service.report(2021)
    from django.core.cache import cache

    cache.clear()
    incidents(2021, 50, department=department, kind="intimidatie")
    conversations(2021, department, colleagues=20)
    with CaptureQueriesContext(connection) as many:
        service.report(2021)
    assert len(many) <= len(few) + 4  # the advisors' section now has records (its breakdown queries)
    cache.clear()
    with CaptureQueriesContext(connection) as again:
        service.report(2021)
    incidents(2021, 200, department=department)
    cache.clear()
    with CaptureQueriesContext(connection) as more:
        service.report(2021)
    assert len(more) == len(again)
