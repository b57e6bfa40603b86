"""Demo content of the safe working environment (seed chapter 4).

Positions of Openbare Orde en Veiligheid with the screening profiles of the 2021 pilot (seed 4.1),
the demo employee `medewerker` placed at Publiekszaken under `leidinggevende`, and declarations in
each state: a gift accepted, a gift waiting for the manager, outside work of a raised-profile
position waiting for the office's second opinion. Idempotent: stable keys (codes, references).
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from home.models import Department
from safework.models import (
    Decision,
    Declaration,
    DeclarationKind,
    DeclarationStatus,
    Placement,
    Position,
    ScreeningProfile,
)

# department slug, code, title, screening profile
POSITIONS = [
    ("oov", "oov-beleidsadviseur", "Beleidsadviseur openbare orde", ScreeningProfile.NONE),
    ("oov", "oov-adviseur-ondermijning", "Adviseur ondermijning", ScreeningProfile.HIGH),
    ("oov", "oov-cameratoezicht", "Medewerker cameratoezicht", ScreeningProfile.RAISED),
    ("oov", "oov-handhaver", "Handhaver (boa)", ScreeningProfile.RAISED),
    ("publiekszaken", "pz-baliemedewerker", "Baliemedewerker burgerzaken", ScreeningProfile.RAISED),
    ("publiekszaken", "pz-teamleider", "Teamleider publiekszaken", ScreeningProfile.NONE),
]
# username, position code, manager
PLACEMENTS = [
    ("medewerker", "pz-baliemedewerker", "leidinggevende"),
    ("leidinggevende", "pz-teamleider", None),
]


def load(log) -> None:
    User = get_user_model()
    departments = {department.slug: department for department in Department.objects.all()}
    positions = {}
    for slug, code, title, profile in POSITIONS:
        positions[code], _ = Position.objects.update_or_create(
            code=code,
            defaults={"department": departments[slug], "title": title, "screening_profile": profile},
        )
    users = {
        user.username: user for user in User.objects.filter(username__in=["medewerker", "leidinggevende"])
    }
    for username, code, manager in PLACEMENTS:
        Placement.objects.update_or_create(
            user=users[username], defaults={"position": positions[code], "manager": users.get(manager)}
        )
    employee, manager = users["medewerker"], users["leidinggevende"]
    publiekszaken = departments["publiekszaken"]
    common = {"employee": employee, "manager": manager, "department": publiekszaken}
    declarations = [
        (
            "GES-DEMO-0001",
            {
                "kind": DeclarationKind.GIFT,
                "submitted_on": datetime.date(2026, 1, 6),
                "decision_due": datetime.date(2026, 1, 20),
                "giver": "Drukkerij Domstad",
                "value_estimate": Decimal("30.00"),
                "received_on": datetime.date(2025, 12, 19),
                "context": "Kerstpakket van een leverancier van formulieren.",
                "screening_profile": ScreeningProfile.RAISED,
                "status": DeclarationStatus.DECIDED,
                "manager_decision": Decision.ACCEPTED,
                "manager_reasons": "Onder de grens van de gedragscode; deel het met het team.",
                "manager_decided_by": manager,
                "manager_decided_on": datetime.date(2026, 1, 8),
                "decision": Decision.ACCEPTED,
            },
        ),
        (
            "GES-DEMO-0002",
            {
                "kind": DeclarationKind.GIFT,
                "submitted_on": datetime.date(2026, 11, 24),
                "decision_due": datetime.date(2026, 12, 8),
                "giver": "Evenementenbureau Utrecht Live",
                "value_estimate": Decimal("120.00"),
                "received_on": datetime.date(2026, 11, 20),
                "context": "Uitnodiging voor een concert in TivoliVredenburg.",
                "screening_profile": ScreeningProfile.RAISED,
            },
        ),
        (
            "NEV-DEMO-0001",
            {
                "kind": DeclarationKind.OUTSIDE_WORK,
                "submitted_on": datetime.date(2026, 10, 12),
                "decision_due": datetime.date(2026, 10, 26),
                "organisation": "Rijschool Oudwijk",
                "hours_per_month": 12,
                "paid": True,
                "possible_conflict": "Geen: ik geef rijles in de avonduren.",
                "screening_profile": ScreeningProfile.RAISED,
                "needs_second_opinion": True,
                "status": DeclarationStatus.AWAITING_OFFICE,
                "manager_decision": Decision.ACCEPTED,
                "manager_reasons": "Geen raakvlak met de balie.",
                "manager_decided_by": manager,
                "manager_decided_on": datetime.date(2026, 10, 20),
            },
        ),
    ]
    for reference, fields in declarations:
        Declaration.objects.update_or_create(reference=reference, defaults={**common, **fields})
    log.write(f"  {len(POSITIONS)} positions, {len(PLACEMENTS)} placements, {len(declarations)} declarations")
