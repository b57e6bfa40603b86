"""Retention of perpetrator-focused follow-up tasks: owner, author and letter go, kind and dates stay."""

import datetime

import pytest
from django.utils import timezone

from tests.portal.factories import UserFactory
from tests.retention import OLD_YEAR, figures, purge
from tests.vpd.factories import IncidentFactory
from vpd.perpetrator import FollowUpTask

pytestmark = pytest.mark.django_db


def test_old_tasks_lose_owner_and_letter_and_the_figures_stay(settings):
    owner = UserFactory()
    old_incident = IncidentFactory(date=datetime.date(OLD_YEAR, 5, 3), warning_letter=True)
    old = FollowUpTask.objects.create(
        incident=old_incident,
        kind="waarschuwingsbrief",
        owner=owner,
        created_by=owner,
        due_on=datetime.date(OLD_YEAR, 5, 20),
        done_on=datetime.date(OLD_YEAR, 5, 10),
        letter="Geachte heer De Vries, ...",
    )
    recent = FollowUpTask.objects.create(
        incident=IncidentFactory(date=timezone.localdate()),
        kind="aangifte",
        owner=owner,
        due_on=timezone.localdate(),
    )
    before = figures(OLD_YEAR)

    assert "vpd.follow_up_tasks: 1 purged" in purge("vpd.follow_up_tasks", settings)

    old.refresh_from_db()
    assert (old.owner, old.created_by, old.letter) == (None, None, "")
    assert old.kind == "waarschuwingsbrief" and old.done_on == datetime.date(OLD_YEAR, 5, 10)
    recent.refresh_from_db()
    assert recent.owner == owner  # control: a recent task keeps its owner
    assert figures(OLD_YEAR) == before
    assert "vpd.follow_up_tasks: 0 purged" in purge("vpd.follow_up_tasks", settings)
