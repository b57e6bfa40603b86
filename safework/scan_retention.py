"""Retention of VPD scans and building DRAs (added to `safework.retention.RULES`).

- VPD scans with their improvement actions: kept `PORTAL_RETENTION_VPD_SCANS_DAYS` (five years)
  after the scan, and never while an action is still open. The scan is part of the employer's
  risk inventory and evaluation of aggression and violence (Arbowet art. 5, Arbobesluit art. 2.15);
  a department is scanned again well within five years, so an older scan then has no purpose left
  (AVG art. 5(1)(e)). The purge deletes the scan and its actions (owners, findings, responses);
  no figure counts them.
- Building threat and risk assessments: an assessment replaced by a newer one of the same building
  is kept `PORTAL_RETENTION_THREAT_ASSESSMENTS_DAYS` (five years) after the newer one, for the
  accountability of the security measures taken (Rekenkamer, BIO); the current one is always kept.
  They name teams and functions, not people.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef

from portal.retention import RetentionRule
from safework.dra import ThreatAssessment
from safework.scans import OPEN_STATUSES, ImprovementAction, VpdScan


@transaction.atomic
def purge_scans(cutoff) -> int:
    open_actions = ImprovementAction.objects.filter(scan=OuterRef("pk"), status__in=OPEN_STATUSES)
    old = VpdScan.objects.filter(scanned_on__lt=cutoff.date()).exclude(Exists(open_actions))
    count = old.count()
    old.delete()  # their actions go with them
    return count


@transaction.atomic
def purge_assessments(cutoff) -> int:
    replaced = ThreatAssessment.objects.filter(
        building=OuterRef("building"), assessed_on__gt=OuterRef("assessed_on"), assessed_on__lt=cutoff.date()
    )
    old = ThreatAssessment.objects.filter(Exists(replaced))
    count = old.count()
    old.delete()
    return count


RULES = [
    RetentionRule(
        name="safework.vpd_scans",
        description="VPD scans and their improvement actions: deleted once all actions are done",
        setting="PORTAL_RETENTION_VPD_SCANS_DAYS",
        default_days=5 * 365,
        purge=purge_scans,
    ),
    RetentionRule(
        name="safework.threat_assessments",
        description="Building threat and risk assessments replaced by a newer one: deleted",
        setting="PORTAL_RETENTION_THREAT_ASSESSMENTS_DAYS",
        default_days=5 * 365,
        purge=purge_assessments,
    ),
]
