"""The demo's scans and DRAs follow the seed: scans at the implementing departments, the stadhuis
DRA of March 2021; every record passes the validation a person would meet."""

import datetime
from io import StringIO

import pytest

from safework import scan_demo
from safework.dra import ThreatAssessment
from safework.scans import ImprovementAction, VpdScan


@pytest.mark.django_db
def test_demo_scans_and_assessments(demo_content):
    departments = set(VpdScan.objects.values_list("department__slug", flat=True))
    assert departments == {"publiekszaken", "wi", "vth"}  # the implementing departments of the VPD demo
    assert all(scan.scanned_on.year == 2021 for scan in VpdScan.objects.all())
    stadhuis = ThreatAssessment.objects.get(building="Stadhuis")
    assert (stadhuis.assessed_on.year, stadhuis.assessed_on.month) == (2021, 3)
    assert stadhuis.risks.count() and stadhuis.measures.count()
    for record in [*VpdScan.objects.all(), *ImprovementAction.objects.all(), *ThreatAssessment.objects.all()]:
        record.full_clean()
    # One overdue action so the daily reminder has something to show; linked team instructions.
    assert ImprovementAction.objects.overdue(datetime.date(2026, 12, 1)).filter(
        owner__username="leidinggevende"
    )
    assert ImprovementAction.objects.filter(team_instructions__isnull=False).exists()
    counts = (VpdScan.objects.count(), ImprovementAction.objects.count(), ThreatAssessment.objects.count())
    scan_demo.load(StringIO())  # idempotent
    assert (
        VpdScan.objects.count(),
        ImprovementAction.objects.count(),
        ThreatAssessment.objects.count(),
    ) == counts
