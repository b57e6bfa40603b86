"""Retention of public-aggression incidents and peer-support conversations (the daily command)."""

import datetime

import pytest
from django.utils import timezone

from tests.portal.factories import UserFactory
from tests.retention import OLD_YEAR, figures, purge
from tests.vpd.factories import IncidentFactory, PeerSupportConversationFactory, TeamFactory
from vpd.models import Incident, PeerSupportConversation

pytestmark = pytest.mark.django_db


def test_old_incidents_lose_description_location_team_and_reporter_and_the_figures_stay(settings):
    reporter = UserFactory()
    old = IncidentFactory(
        date=datetime.date(OLD_YEAR, 5, 3),
        reporter=reporter,
        team=TeamFactory(),
        description="Meneer De Vries schold de medewerker uit.",
        police_report=True,
    )
    recent = IncidentFactory(date=timezone.localdate(), reporter=reporter, description="Vandaag gebeurd.")
    before = figures(OLD_YEAR)
    assert before["public_aggression"]["total"] == 1

    assert "vpd.incidents: 1 purged" in purge("vpd.incidents", settings)

    old = Incident.objects.get(pk=old.pk)
    assert (old.description, old.location, old.reporter, old.team) == ("", "", None, None)
    assert old.police_report and old.date == datetime.date(OLD_YEAR, 5, 3)
    recent.refresh_from_db()
    assert recent.description == "Vandaag gebeurd." and recent.reporter == reporter
    assert figures(OLD_YEAR) == before
    assert "vpd.incidents: 0 purged" in purge("vpd.incidents", settings)


def test_old_peer_support_conversations_lose_who_registered_them_and_the_figures_stay(settings):
    member = UserFactory()
    old = PeerSupportConversationFactory(
        date=datetime.date(OLD_YEAR, 5, 3), registered_by=member, referred=True
    )
    recent = PeerSupportConversationFactory(date=timezone.localdate(), registered_by=member)
    before = figures(OLD_YEAR)
    assert before["peer_support"]["conversations"] == 1

    assert "vpd.peer_support: 1 purged" in purge("vpd.peer_support", settings)

    assert PeerSupportConversation.objects.get(pk=old.pk).registered_by is None
    assert PeerSupportConversation.objects.get(pk=recent.pk).registered_by == member
    assert figures(OLD_YEAR) == before
