"""The demo data reproduces the 2021 annual report's figures; the providers count in SQL."""

from io import StringIO

import pytest
from django.core.management import call_command

from forms.figures import ConfidentialAdvisorsProvider, IntegrityReportsProvider
from forms.models import IntegrityReport

pytestmark = pytest.mark.django_db


def counts(rows):
    return {row["code"]: row["count"] for row in rows}


def test_integrity_report_figures_of_2021_match_the_annual_report(
    demo_content, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        figures = IntegrityReportsProvider().compute(2021)
    assert figures["total"] == 11
    assert counts(figures["by_category"]) == {
        "omgaan-met-elkaar": 4,
        "omgaan-met-belangen": 3,
        "omgaan-met-spullen-van-de-gemeente": 2,
        "omgaan-met-informatie": 2,
        "overig": 0,
    }
    assert counts(figures["by_source"]) == {"intern": 7, "extern-inwoner": 3, "extern-samenwerkingspartij": 1}
    assert counts(figures["by_investigation"]) == {"feitenonderzoek": 5, "vooronderzoek": 6}
    assert counts(figures["by_conclusion"]) == {
        "schending-vastgesteld": 4,
        "geen-schending": 4,
        "niet-vastgesteld": 2,
        "in-onderzoek": 1,
    }
    assert counts(figures["by_consequence"]) == {
        "geen": 6,
        "waarschuwing": 3,
        "andere-maatregel": 0,
        "nog-te-bepalen": 1,
        "niet-van-toepassing": 1,
    }
    named = {"wi", "volksgezondheid", "stadsbedrijven", "vth", "ruimte", "bsn", "wijken"}
    departments = counts(figures["by_department"])
    assert {slug for slug, count in departments.items() if count} == named
    assert figures["open_at_year_end"] == 1
    assert len(figures["cases"]) == 11
    first = figures["cases"][0]
    assert first == {
        "subject": "Omgaan met spullen van de gemeente (diefstal materiaal)",
        "category": "Omgaan met spullen van de gemeente",
        "source": "Intern",
        "investigation": "Ja (feitenonderzoek)",
        "conclusion": "Niet vastgesteld",
        "consequence": "Geen",
    }
    assert figures["by_category"][0]["label"] == "Omgaan met elkaar"


def test_2020_has_nine_reports_and_years_are_known(demo_content):
    provider = IntegrityReportsProvider()
    assert provider.compute(2020)["total"] == 9
    assert {2020, 2021} <= provider.years()
    assert provider.compute(2019) is None
    report = IntegrityReport.objects.filter(received_on__year=2020).first()
    assert provider.year_of(report) == 2020


def test_confidential_advisor_figures_of_2021(demo_content, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        figures = ConfidentialAdvisorsProvider().compute(2021)
    assert figures["advisors"] == 13
    assert figures["colleagues"] == 56
    assert figures["conversations"] == 79
    assert counts(figures["by_topic"]) == {"ongewenst-gedrag": 30, "integriteitsschending": 10, "overig": 16}
    assert counts(figures["by_subtopic"]) == {
        "intimidatie": 10,
        "pesten": 10,
        "discriminatie": 4,
        "seksuele-intimidatie": 3,
        "agressie-en-geweld": 3,
        "misbruik-positie-belangenverstrengeling": 5,
        "misbruik-manipulatie-informatie": 2,
        "dubieuze-giften-beloften": 1,
        "onverenigbare-functies-activiteiten": 1,
        "wangedrag-vrije-tijd": 1,
    }
    departments = counts(figures["by_department"])
    assert (departments["stadsbedrijven"], departments["wi"], departments["ruimte"], departments["vth"]) == (
        23,
        9,
        6,
        6,
    )
    assert sum(departments.values()) == 56
    assert ConfidentialAdvisorsProvider().years() == {2021}


def test_figures_survive_the_retention_purge(demo_content):
    before = (IntegrityReportsProvider().compute(2021), IntegrityReportsProvider().compute(2020))
    call_command("purge_closed_reports", "--years", "0", stdout=StringIO())
    assert IntegrityReport.objects.filter(received_on__year=2021).exclude(purged_on=None).count() == 10
    after = (IntegrityReportsProvider().compute(2021), IntegrityReportsProvider().compute(2020))
    assert after == before


def test_the_demo_receipt_code_opens_its_report(demo_content, client):
    from forms.demo import DEMO_RECEIPT_CODE
    from forms.models import AdvisorConversation, AdvisorRegistration, Message

    counts = (
        IntegrityReport.objects.count(),
        Message.objects.count(),
        AdvisorRegistration.objects.count(),
        AdvisorConversation.objects.count(),
    )
    assert counts == (22, 2, 56, 79)  # a second load adds none (tests/portal/test_demo_content.py)
    page = client.post("/nl/melding/opvolging/", {"code": DEMO_RECEIPT_CODE}).content.decode()
    assert "Wil je aangeven om welke periode het gaat?" in page


def test_reports_open_at_year_end_and_colleagues_counted_once(django_assert_max_num_queries):
    import datetime

    from tests.forms.factories import (
        AdvisorConversationFactory,
        AdvisorRegistrationFactory,
        IntegrityReportFactory,
    )

    received = datetime.date(2021, 6, 1)
    IntegrityReportFactory(received_on=received)  # never closed: open
    IntegrityReportFactory(received_on=received, closed_on=datetime.date(2021, 12, 31))  # closed in time
    IntegrityReportFactory(received_on=received, closed_on=datetime.date(2022, 1, 1))  # open at year end
    IntegrityReportFactory(received_on=datetime.date(2020, 6, 1))  # another year
    with django_assert_max_num_queries(3):  # the departments, the counts, the cases
        figures = IntegrityReportsProvider().compute(2021)
    assert (figures["total"], figures["open_at_year_end"], len(figures["cases"])) == (3, 2, 3)

    twice = AdvisorRegistrationFactory(topic="ongewenst-gedrag", subtopic="pesten")
    AdvisorConversationFactory.create_batch(3, registration=twice)
    AdvisorConversationFactory(registration=twice, held_on=datetime.date(2020, 5, 1))
    AdvisorConversationFactory(registration=AdvisorRegistrationFactory(advisor=twice.advisor))
    AdvisorConversationFactory(held_on=datetime.date(2020, 5, 1))  # only in 2020
    with django_assert_max_num_queries(3):  # the conversations, the departments, the colleagues
        figures = ConfidentialAdvisorsProvider().compute(2021)
    assert (figures["advisors"], figures["colleagues"], figures["conversations"]) == (1, 2, 4)
    assert counts(figures["by_topic"]) == {"ongewenst-gedrag": 1, "integriteitsschending": 0, "overig": 1}
    assert counts(figures["by_subtopic"])["pesten"] == 1
    assert sum(counts(figures["by_department"]).values()) == 0  # no departments recorded
