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


def purge_digests(cutoff: datetime.datetime) -> int:
    """Records of digests sent (who got one on which day) before the cutoff are deleted."""
    from home.models import Digest

    deleted, _by_model = Digest.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


def purge_subscriptions(cutoff: datetime.datetime) -> int:
    """Subscriptions of deactivated accounts (people who left) not signed in since the cutoff go."""
    from home.models import Subscription

    gone = Q(user__is_active=False) & (Q(user__last_login__lt=cutoff) | Q(user__last_login__isnull=True))
    deleted, _by_model = Subscription.objects.filter(gone, created_at__lt=cutoff).delete()
    return deleted


def purge_must_read_reminders(cutoff: datetime.datetime) -> int:
    """Reminders older than the cutoff of a version no longer to be confirmed are deleted (a
    reminder of the version in force stays, so nobody is reminded twice)."""
    from home.models import MustReadReminder
    from home.must_read import must_read_items

    due = MustReadReminder.objects.filter(sent_at__lt=cutoff)
    for item in must_read_items():
        due = due.exclude(page_id=item.page_id, version=item.version)
    deleted, _by_model = due.delete()
    return deleted


RULES += [
    RetentionRule(
        name="home.digests",
        description="Records of daily digest e-mails sent to followers are deleted.",
        setting="PORTAL_RETENTION_DIGESTS_DAYS",
        default_days=90,
        purge=purge_digests,
    ),
    RetentionRule(
        name="home.subscriptions",
        description="Subscriptions of deactivated accounts are deleted.",
        setting="PORTAL_RETENTION_SUBSCRIPTIONS_DAYS",
        default_days=90,
        purge=purge_subscriptions,
    ),
    RetentionRule(
        name="home.must_read_reminders",
        description="Must-read reminders of code-of-conduct versions no longer to be confirmed are deleted.",
        setting="PORTAL_RETENTION_MUST_READ_REMINDERS_DAYS",
        default_days=2 * 365,
        purge=purge_must_read_reminders,
    ),
]
