"""Retention of read confirmations and review reminders (the daily command)."""

import pytest

from home.models import ReadConfirmation, ReviewReminder
from tests.home.factories import code_of_conduct
from tests.portal.factories import UserFactory
from tests.retention import days_ago, purge

pytestmark = pytest.mark.django_db


def test_old_confirmations_of_a_version_no_longer_in_force_are_deleted(settings):
    page = code_of_conduct(version="3.0")
    employee = UserFactory()
    superseded = ReadConfirmation.objects.create(
        user=employee, page=page, version="2.0", confirmed_at=days_ago(800)
    )
    current = ReadConfirmation.objects.create(
        user=employee, page=page, version="3.0", confirmed_at=days_ago(800)
    )
    recent = ReadConfirmation.objects.create(
        user=UserFactory(), page=page, version="2.0", confirmed_at=days_ago(10)
    )

    assert "home.read_confirmations: 1 purged" in purge("home.read_confirmations", settings)

    assert not ReadConfirmation.objects.filter(pk=superseded.pk).exists()
    # The version in force keeps its confirmation however old: the employee is not asked again.
    assert ReadConfirmation.objects.filter(pk__in=[current.pk, recent.pk]).count() == 2


def test_old_review_reminders_are_deleted(settings):
    page = code_of_conduct()
    old = ReviewReminder.objects.create(
        page=page,
        review_date=days_ago(400).date(),
        recipients="eigenaar@gemeente.invalid",
        sent_at=days_ago(400),
    )
    recent = ReviewReminder.objects.create(page=page, review_date=days_ago(5).date(), sent_at=days_ago(5))

    assert "home.review_reminders: 1 purged" in purge("home.review_reminders", settings)

    assert list(ReviewReminder.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk
