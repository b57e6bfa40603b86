"""Demo content of the safe working environment (seed chapter 4).

Risk factors, control measures, screening instruments per profile, and the positions of Openbare
Orde en Veiligheid with the profiles and justifications of the 2021 pilot (seed 4.1, approved),
the demo employee `medewerker` placed at Publiekszaken under `leidinggevende`, and declarations in
each state: a gift accepted, a gift waiting for the manager, outside work of a raised-profile
position waiting for the office's second opinion. Idempotent: stable keys (codes, references).
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from home.models import Department
from safework import training_demo
from safework.models import (
    ApprovalStatus,
    ControlMeasure,
    Decision,
    Declaration,
    DeclarationKind,
    DeclarationStatus,
    Placement,
    Position,
    RiskFactor,
    ScreeningProfile,
    ScreeningRule,
)

RISK_FACTORS = [
    "Mandaat om besluiten te nemen",
    "Toegang tot geld of betaalsystemen",
    "Toegang tot vertrouwelijke gegevens",
    "Contact met criminele milieus",
    "Toezicht en handhaving",
]
CONTROL_MEASURES = ["Vier-ogenprincipe", "Mandaatregister", "Applicatiebeheer en logging", "Functiescheiding"]
# profile, VOG at hiring, integrity interview at hiring, re-screening interval (months)
SCREENING_RULES = [
    (ScreeningProfile.NONE, True, False, None),
    (ScreeningProfile.RAISED, True, True, 60),
    (ScreeningProfile.HIGH, True, True, 36),
]
# The OOV pilot of mid-2021 (seed 4.1): risk factors, measures and why lighter measures do not suffice.
PILOT = {
    "oov-adviseur-ondermijning": (
        ["Toegang tot vertrouwelijke gegevens", "Contact met criminele milieus"],
        ["Vier-ogenprincipe", "Applicatiebeheer en logging"],
        "Werkt met politie-informatie over ondermijning; vier-ogen en logging verkleinen het risico van "
        "lekken niet genoeg.",
    ),
    "oov-cameratoezicht": (
        ["Toegang tot vertrouwelijke gegevens"],
        ["Applicatiebeheer en logging"],
        "Ziet beelden live, waar logging pas achteraf werkt.",
    ),
    "oov-handhaver": (
        ["Toezicht en handhaving", "Contact met criminele milieus"],
        ["Functiescheiding"],
        "Werkt alleen op straat en kan onder druk gezet worden; functiescheiding is in de nachtdienst niet haalbaar.",
    ),
    "oov-beleidsadviseur": ([], ["Mandaatregister"], ""),
}

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
    ("medewerker", "pz-baliemedewerker", "leidinggevende"),  # never screened: on HR's due list
    ("leidinggevende", "pz-teamleider", None),
]


def load(log) -> None:
    User = get_user_model()
    for name in RISK_FACTORS:
        RiskFactor.objects.get_or_create(name=name)
    for name in CONTROL_MEASURES:
        ControlMeasure.objects.get_or_create(name=name)
    for profile, certificate, interview, months in SCREENING_RULES:
        ScreeningRule.objects.update_or_create(
            profile=profile,
            defaults={
                "certificate_of_conduct": certificate,
                "integrity_interview": interview,
                "rescreen_months": months,
            },
        )
    departments = {department.slug: department for department in Department.objects.all()}
    positions = {}
    for slug, code, title, profile in POSITIONS:
        positions[code], _ = Position.objects.update_or_create(
            code=code,
            defaults={"department": departments[slug], "title": title, "screening_profile": profile},
        )
    for code, (risks, measures, justification) in PILOT.items():
        position = positions[code]
        position.risk_factors.set(RiskFactor.objects.filter(name__in=risks))
        position.control_measures.set(ControlMeasure.objects.filter(name__in=measures))
        position.justification = justification
        position.approval_status = ApprovalStatus.APPROVED
        position.approved_on = datetime.date(2021, 7, 1)
        position.save()
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
    from safework import scan_demo  # VPD scans and building DRAs (seed 4.2)

    scan_demo.load(log)
    training_demo.load(log)
