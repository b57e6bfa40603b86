"""The statistics providers count registrations per year, in one grouped query per source."""

import datetime

import pytest

from tests.vpd.factories import DepartmentFactory, IncidentFactory, PeerSupportConversationFactory
from vpd.figures import PeerSupportProvider, PublicAggressionProvider
from vpd.models import ConversationSequence, EventKind, IncidentType

pytestmark = pytest.mark.django_db


def counts(rows):
    return {row["code"]: row["count"] for row in rows}


def test_public_aggression_total_by_type_and_department():
    vth = DepartmentFactory(name="VTH", slug="vth")
    wi = DepartmentFactory(name="Werk & Inkomen", slug="wi")
    DepartmentFactory(name="Ruimte", slug="ruimte")
    IncidentFactory.create_batch(3, department=vth, incident_type=IncidentType.PERSONAL_THREAT)
    IncidentFactory(department=wi, incident_type=IncidentType.PHYSICAL)
    IncidentFactory(department=wi, incident_type=IncidentType.PHYSICAL, date=datetime.date(2022, 1, 1))

    figures = PublicAggressionProvider().compute(2021)

    assert figures["total"] == 4
    assert [row["code"] for row in figures["by_type"]] == [
        "verbale-agressie", "intimidatie", "persoonlijke-bedreiging", "fysieke-agressie",
        "discriminatie", "vernieling", "overig",
    ]  # fmt: skip
    assert figures["by_type"][5]["label"] == "Vernieling van eigendommen"
    assert counts(figures["by_type"]) == {
        "verbale-agressie": 0, "intimidatie": 0, "persoonlijke-bedreiging": 3, "fysieke-agressie": 1,
        "discriminatie": 0, "vernieling": 0, "overig": 0,
    }  # fmt: skip
    assert counts(figures["by_department"]) == {"ruimte": 0, "vth": 3, "wi": 1}
    assert {row["label"] for row in figures["by_department"]} == {"Ruimte", "VTH", "Werk & Inkomen"}


def test_public_aggression_years_and_empty_year():
    IncidentFactory(date=datetime.date(2021, 3, 1))
    IncidentFactory(date=datetime.date(2026, 3, 1))
    provider = PublicAggressionProvider()
    assert provider.years() == {2021, 2026}
    assert provider.compute(2019) is None
    assert provider.year_of(IncidentFactory.build(date=datetime.date(2021, 12, 31))) == 2021


def test_peer_support_figures():
    vth = DepartmentFactory(name="VTH", slug="vth")
    PeerSupportConversationFactory.create_batch(2, department=vth)
    PeerSupportConversationFactory(
        department=vth, sequence=ConversationSequence.SECOND, event=EventKind.RESUSCITATION, referred=True
    )
    PeerSupportConversationFactory(date=datetime.date(2020, 6, 1), referred=True)

    figures = PeerSupportProvider().compute(2021)

    assert figures["conversations"] == 3
    assert figures["referrals"] == 1
    assert counts(figures["by_sequence"]) == {"eerste-gesprek": 2, "tweede-gesprek": 1, "derde-gesprek": 0}
    assert [row["label"] for row in figures["by_sequence"]] == [
        "Eerste gesprek",
        "Tweede gesprek",
        "Derde gesprek",
    ]
    assert counts(figures["by_event"])["reanimatie"] == 1
    assert counts(figures["by_department"])["vth"] == 3
    assert PeerSupportProvider().years() == {2020, 2021}
    assert PeerSupportProvider().compute(2019) is None


def test_query_counts_do_not_grow_with_records(django_assert_num_queries):
    department = DepartmentFactory()
    IncidentFactory.create_batch(2, department=department)
    PeerSupportConversationFactory.create_batch(2, department=department)
    # one grouped query over (type, department), the departments
    with django_assert_num_queries(2):
        PublicAggressionProvider().compute(2021)
    # one grouped query over (sequence, event, department, referred), the departments
    with django_assert_num_queries(2):
        PeerSupportProvider().compute(2021)
    IncidentFactory.create_batch(20, department=DepartmentFactory())
    PeerSupportConversationFactory.create_batch(20, department=DepartmentFactory())
    with django_assert_num_queries(2):
        PublicAggressionProvider().compute(2021)
    with django_assert_num_queries(2):
        PeerSupportProvider().compute(2021)
    with django_assert_num_queries(1):
        PublicAggressionProvider().years()
    with django_assert_num_queries(1):
        PeerSupportProvider().years()
