"""The migration to the protocol's states: every old status lands in a state, the figures stay."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from forms.demo import CASES_2020, CASES_2021
from forms.figures import IntegrityReportsProvider
from forms.models import IntegrityReport

BEFORE = [("forms", "0007_timeless_ciphertexts_and_audit_chain")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_statuses_map_to_protocol_states_and_the_seed_years_keep_their_figures():
    old_apps = migrate(BEFORE)
    try:
        Report = old_apps.get_model("forms", "IntegrityReport")
        for subject, category, source, investigation, conclusion, consequence, _slug, received, closed in (
            CASES_2021 + CASES_2020
        ):
            Report.objects.create(
                subject=subject,
                category=category,
                source=source,
                investigation=investigation,
                conclusion=conclusion,
                consequence=consequence,
                received_on=received,
                acknowledged_on=received + datetime.timedelta(days=3),
                closed_on=closed,
                status="afgesloten" if closed else "in-onderzoek",
            )
        D = datetime.date
        others = {
            "nieuw": Report.objects.create(category="overig", source="intern", received_on=D(2026, 11, 1)),
            "bevestigd": Report.objects.create(
                category="overig", source="intern", received_on=D(2026, 11, 1), acknowledged_on=D(2026, 11, 2)
            ),
            "voor": Report.objects.create(
                category="overig",
                source="intern",
                received_on=D(2026, 11, 1),
                status="in-onderzoek",
                investigation="vooronderzoek",
                acknowledged_on=D(2026, 11, 2),
            ),
            "gevolg": Report.objects.create(
                category="overig",
                source="intern",
                received_on=D(2026, 11, 1),
                status="gevolg-bepaald",
                conclusion="schending-vastgesteld",
                consequence="waarschuwing",
                acknowledged_on=D(2026, 11, 2),
            ),
        }
        before = {year: IntegrityReportsProvider().compute(year) for year in (2020, 2021, 2026)}
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    after = {year: IntegrityReportsProvider().compute(year) for year in (2020, 2021, 2026)}
    assert after == before
    assert after[2021]["total"] == 11
    status = dict(IntegrityReport.objects.values_list("pk", "status"))
    assert [status[others[key].pk] for key in ("nieuw", "bevestigd", "voor", "gevolg")] == [
        "ontvangen",
        "ontvangst-bevestigd",
        "vooronderzoek",
        "conclusie",
    ]
    still_open = IntegrityReport.objects.get(
        subject="Omgaan met elkaar (ongepaste uitingen op werkvloer)", closed_on=None
    )
    assert still_open.status == "feitenonderzoek"  # in-onderzoek with a fact-finding investigation
    assert set(IntegrityReport.objects.filter(closed_on__isnull=False).values_list("status", flat=True)) == {
        "afgesloten"
    }
