"""Demo case templates, after seed section 5.1: an investigation led to more checks on (travel)
facilities granted to staff, and to ending facilities granted without the manager's consent. The
open demo cases get their category's tasks, owned by the demo office member. Idempotent."""

from django.contrib.auth import get_user_model

from forms.case_tasks import CaseTask, CaseTemplate, CaseTemplateTask
from forms.models import IntegrityReport, Status
from forms.task_checklists import apply_templates

# name, category, [(task, mandatory, days after receipt)]
TEMPLATES = [
    (
        "Misbruik van (reis)faciliteiten",
        "omgaan-met-spullen-van-de-gemeente",
        [
            ("Declaraties en reiskostenvergoedingen van de laatste 12 maanden nakijken", True, 14),
            (
                "Nagaan welke faciliteiten de bedrijfsvoeringsdienst verstrekte en wie toestemming gaf",
                True,
                14,
            ),
            ("Reisgegevens van de OV-pas opvragen", False, 21),
        ],
    ),
    (
        "Belangenverstrengeling",
        "omgaan-met-belangen",
        [
            ("Gemelde nevenwerkzaamheden en geschenken in het register nagaan", True, 14),
            ("Opdrachten en inkoopdossiers van de afdeling van de laatste 12 maanden nakijken", True, 21),
        ],
    ),
    (
        "Ongewenste omgangsvormen",
        "omgaan-met-elkaar",
        [
            ("Melder wijzen op de vertrouwenspersoon en de klachtenregeling", True, 7),
            ("Met de leidinggevende het gesprek over omgangsvormen in het team plannen", False, 28),
        ],
    ),
]


def load(log) -> None:
    for name, category, tasks in TEMPLATES:
        template, _created = CaseTemplate.objects.update_or_create(
            name=name, defaults={"category": category, "active": True}
        )
        for order, (title, mandatory, days) in enumerate(tasks):
            CaseTemplateTask.objects.update_or_create(
                template=template,
                title=title,
                defaults={"mandatory": mandatory, "due_days": days, "sort_order": order},
            )
    office = get_user_model().objects.filter(username="integriteitsbureau").first()
    open_cases = IntegrityReport.objects.filter(
        received_on__year__gte=2026, status__in=[Status.RECEIVED, Status.INQUIRY], tasks__isnull=True
    )
    for report in open_cases:
        created = apply_templates(report, user=office)
        # The demo office member owns them, so the dashboard's "tasks due this week" shows them.
        CaseTask.objects.filter(pk__in=[task.pk for task in created], owner__isnull=True).update(owner=office)
    log.write(f"  {len(TEMPLATES)} case templates; the open demo cases got their tasks")
