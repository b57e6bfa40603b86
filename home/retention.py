"""Retention rules of the home app: read confirmations of the code of conduct, review reminders and
page feedback."""

import datetime

from django.db.models import Q

from home import feedback
from home.models import CodeOfConductPage, ReadConfirmation, ReviewReminder
from portal.retention import RetentionRule


def purge_read_confirmations(cutoff: datetime.datetime) -> int:
    """Confirmations older than the cutoff of a version that is no longer in force are deleted.

    A confirmation of the version in force stays however old: deleting it would ask the employee to
    confirm again, and the confirmation rate of the current version would drop.
    """
    current = Q()
    for page_id, version in CodeOfConductPage.objects.values_list("pk", "version"):
        current |= Q(page_id=page_id, version=version)
    due = ReadConfirmation.objects.filter(confirmed_at__lt=cutoff)
    if current:
        due = due.exclude(current)
    deleted, _by_model = due.delete()
    return deleted


def purge_review_reminders(cutoff: datetime.datetime) -> int:
    """Review reminders (they name the owners they were sent to) sent before the cutoff are deleted."""
    deleted, _by_model = ReviewReminder.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


RULES = [
    RetentionRule(
        name="home.read_confirmations",
        description="Read confirmations of code-of-conduct versions no longer in force are deleted.",
        setting="PORTAL_RETENTION_READ_CONFIRMATIONS_DAYS",
        default_days=2 * 365,
        purge=purge_read_confirmations,
    ),
    RetentionRule(
        name="home.review_reminders",
        description="Review reminders sent to page owners are deleted.",
        setting="PORTAL_RETENTION_REVIEW_REMINDERS_DAYS",
        default_days=365,
        purge=purge_review_reminders,
    ),
    RetentionRule(
        name="home.page_feedback",
        description="Answers to 'Was deze pagina nuttig?' (with their comments) are deleted.",
        setting="PORTAL_RETENTION_PAGE_FEEDBACK_DAYS",
        default_days=365,
        purge=feedback.purge,
    ),
]
