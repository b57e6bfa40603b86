"""Retention of the safe-workplace registers (run by the daily purge command, `portal.retention`).

Declarations: kept for `PORTAL_RETENTION_DECLARATIONS_DAYS` (default five years) after the decision,
the period the municipality's selection list gives personnel files for side activities and gifts
(Archiefwet 1995, Selectielijst gemeenten, personeelsdossier). The purge anonymises: it removes who
declared and decided and all free text, and keeps kind, department, dates and decision for the
annual statistics.
"""

from django.db import transaction
from django.db.models.functions import Coalesce

from portal.retention import RetentionRule
from safework.models import Declaration, DeclarationStatus

PERSONAL_TEXT = (
    "giver",
    "context",
    "organisation",
    "possible_conflict",
    "manager_reasons",
    "conditions",
    "office_reasons",
)


@transaction.atomic
def purge_declarations(cutoff) -> int:
    decided = Declaration.objects.filter(status=DeclarationStatus.DECIDED, anonymised=False).annotate(
        decided_on=Coalesce("office_decided_on", "manager_decided_on", "submitted_on")
    )
    old = Declaration.objects.filter(pk__in=decided.filter(decided_on__lt=cutoff.date()).values("pk"))
    return old.update(
        employee=None,
        manager=None,
        manager_decided_by=None,
        office_decided_by=None,
        value_estimate=None,
        received_on=None,
        hours_per_month=None,
        paid=None,
        anonymised=True,
        **dict.fromkeys(PERSONAL_TEXT, ""),
    )


RULES = [
    RetentionRule(
        name="safework.declarations",
        description="Declarations of gifts and outside work: people and free text removed, decision kept",
        setting="PORTAL_RETENTION_DECLARATIONS_DAYS",
        default_days=5 * 365,
        purge=purge_declarations,
    )
]

# VPD scans and building DRAs (safework/scan_retention.py).
from safework.scan_retention import RULES as SCAN_RULES  # noqa: E402

RULES += SCAN_RULES


def purge_manager_training(cutoff) -> int:
    """A training followed before the cutoff no longer counts: the record goes (the overview then
    shows the manager as not having followed it, which is the point: time for a refresher)."""
    from safework.training import ManagerTraining

    deleted, _by_model = ManagerTraining.objects.filter(completed_on__lt=cutoff.date()).delete()
    return deleted


RULES.append(
    RetentionRule(
        name="safework.manager_training",
        description="Managers' integrity training records: deleted once older than the period "
        "(it then shows as not followed).",
        setting="PORTAL_RETENTION_MANAGER_TRAINING_DAYS",
        default_days=5 * 365,
        purge=purge_manager_training,
    )
)
