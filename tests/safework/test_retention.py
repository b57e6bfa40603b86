"""Declarations are anonymised after the retention period; the annual figures stay the same."""

import datetime

import pytest
from django.utils import timezone

from portal.retention import rules
from safework.figures import GiftsProvider
from safework.models import Decision, Declaration, DeclarationStatus
from tests.safework.factories import GiftFactory

pytestmark = pytest.mark.django_db


def rule():
    return next(found for found in rules() if found.name == "safework.declarations")


def test_old_decided_declarations_lose_people_and_text_but_keep_the_figures(people, settings):
    settings.PORTAL_RETENTION_DECLARATIONS_DAYS = 365
    old = GiftFactory(
        employee=people.declarant,
        manager=people.manager,
        department=people.department,
        submitted_on=datetime.date(2020, 3, 1),
        manager_decided_on=datetime.date(2020, 3, 5),
        decision=Decision.ACCEPTED,
        status=DeclarationStatus.DECIDED,
        manager_reasons="Kerstpakket van normale waarde.",
    )
    undecided = GiftFactory(employee=people.declarant, submitted_on=datetime.date(2020, 3, 1))
    recent = GiftFactory(
        employee=people.declarant, decision=Decision.REFUSED, status=DeclarationStatus.DECIDED
    )
    before = GiftsProvider().compute(2020)
    cutoff = timezone.now() - datetime.timedelta(days=rule().days)
    assert rule().days == 365
    assert rule().purge(cutoff) == 1
    old.refresh_from_db()
    assert old.employee is None and old.manager is None
    assert old.giver == "" and old.context == "" and old.manager_reasons == "" and old.anonymised
    assert old.decision == Decision.ACCEPTED and old.department == people.department
    assert GiftsProvider().compute(2020) == before
    for kept in (undecided, recent):  # controls: not decided, or within the period
        kept.refresh_from_db()
        assert kept.employee == people.declarant and kept.giver
    assert rule().purge(cutoff) == 0  # idempotent
    assert Declaration.objects.count() == 3
