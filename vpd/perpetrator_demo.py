"""Demo of the perpetrator-focused approach: a warning-letter template and the follow-up of the demo
employee's incident GIR-2026-0001 at the Balie Stadskantoor (owner: the demo manager)."""

import datetime

from django.contrib.auth import get_user_model

from vpd.models import Incident
from vpd.perpetrator import FollowUpKind, FollowUpTask, WarningLetterTemplate

LETTER = (
    "Geachte heer/mevrouw,\n\n"
    "Op {datum} heeft u zich bij {organisatieonderdeel} schuldig gemaakt aan {soort} tegen een "
    "medewerker van de gemeente (ons kenmerk {kenmerk}). De gemeente accepteert geen agressie of geweld "
    "tegen haar medewerkers. Bij herhaling kunt u een toegangsverbod krijgen en doen wij aangifte.\n\n"
    "Met vriendelijke groet,\n\nDe leidinggevende"
)


def load(log) -> None:
    template, _created = WarningLetterTemplate.objects.update_or_create(
        name="Waarschuwingsbrief publieksagressie", defaults={"body": LETTER, "active": True}
    )
    incident = Incident.objects.filter(reference="GIR-2026-0001").select_related("department").first()
    manager = get_user_model().objects.filter(username="leidinggevende").first()
    if incident is None or manager is None:
        return
    FollowUpTask.objects.update_or_create(
        incident=incident,
        kind=FollowUpKind.WARNING_LETTER,
        defaults={
            "owner": manager,
            "due_on": datetime.date(2026, 3, 26),
            "done_on": datetime.date(2026, 3, 19),
            "letter": template.render(incident),
        },
    )
    FollowUpTask.objects.update_or_create(
        incident=incident,
        kind=FollowUpKind.CONVERSATION,
        defaults={"owner": manager, "due_on": datetime.date(2026, 4, 2), "done_on": None},
    )
    log.write("  a warning-letter template and two follow-up tasks on GIR-2026-0001")
