"""Retention rules of safe public service: public-aggression incidents and peer-support conversations.

Each purge keeps what the annual figures count (vpd/figures.py: date, type, department, sequence,
event, referral), so published figures never change.
"""

import datetime

from django.db.models import Q

from portal.retention import RetentionRule
from vpd.models import Incident, PeerSupportConversation


def purge_incidents(cutoff: datetime.datetime) -> int:
    """Incidents before the cutoff's day lose description, location, team and who registered them."""
    due = Incident.objects.filter(date__lt=cutoff.date()).filter(
        ~Q(description="") | ~Q(location="") | Q(reporter__isnull=False) | Q(team__isnull=False)
    )
    return due.update(description="", location="", reporter=None, team=None)


def purge_peer_support(cutoff: datetime.datetime) -> int:
    """Peer-support conversations before the cutoff's day lose who registered them (they hold no names)."""
    return PeerSupportConversation.objects.filter(date__lt=cutoff.date(), registered_by__isnull=False).update(
        registered_by=None
    )


RULES = [
    RetentionRule(
        name="vpd.incidents",
        description="Public-aggression incidents: description, location, team and reporter are removed; "
        "date, times, type, department and follow-up flags stay.",
        setting="PORTAL_RETENTION_INCIDENTS_DAYS",
        default_days=5 * 365,
        purge=purge_incidents,
    ),
    RetentionRule(
        name="vpd.peer_support",
        description="Peer-support conversations: the link to the team member who registered it is removed; "
        "date, department, sequence, event and referral stay.",
        setting="PORTAL_RETENTION_PEER_SUPPORT_DAYS",
        default_days=2 * 365,
        purge=purge_peer_support,
    ),
]


def purge_follow_up_tasks(cutoff: datetime.datetime) -> int:
    """Follow-up tasks of incidents before the cutoff's day lose their owner, author and letter
    (the letter names the perpetrator); the kind and dates stay, like the incident's follow-up flags."""
    from vpd.perpetrator import FollowUpTask

    due = FollowUpTask.objects.filter(incident__date__lt=cutoff.date()).filter(
        ~Q(letter="") | Q(owner__isnull=False) | Q(created_by__isnull=False)
    )
    return due.update(letter="", owner=None, created_by=None)


RULES.append(
    RetentionRule(
        name="vpd.follow_up_tasks",
        description="Perpetrator-focused follow-up tasks: owner, author and the warning letter's text are "
        "removed; kind, due and done dates stay.",
        setting="PORTAL_RETENTION_INCIDENT_FOLLOW_UP_DAYS",
        default_days=5 * 365,
        purge=purge_follow_up_tasks,
    )
)
