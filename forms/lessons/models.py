"""The register of organisational measures taken after integrity cases (lessons learned).

A measure is about the organisation (a work process, a control, a conversation about manners),
never about the person concerned: its text is published in the annual report, so it names no
people, cases or departments. The register itself keeps the department, the owner who sees to it
and the case it came from, for the integrity office only.
"""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: What a case reference looks like (`IntegrityReport.reference`: M2021-0007).
CASE_REFERENCE = re.compile(r"\bM\s?\d{4}\s?-\s?\d{1,}\b", re.IGNORECASE)


class LessonStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    IN_PROGRESS = "in-uitvoering", _("In uitvoering")
    DONE = "uitgevoerd", _("Uitgevoerd")
    CANCELLED = "vervallen", _("Vervallen")


FINISHED = (LessonStatus.DONE, LessonStatus.CANCELLED)


class LessonMeasure(models.Model):
    """One organisational measure that came out of a case: what, where, who sees to it, by when."""

    # Page cache: the annual report shows these through the statistics, whose own invalidation
    # (forms/statistics/service.py) bumps the report pages' scopes.
    page_cache_scopes = ()

    measure = models.CharField(
        _("maatregel"),
        max_length=300,
        help_text=_(
            "Zoals hij in het jaarverslag komt te staan: wat de organisatie anders gaat doen, zonder "
            "namen, kenmerk van de melding of organisatieonderdeel."
        ),
    )
    case = models.ForeignKey(
        "forms.IntegrityReport",
        verbose_name=_("melding"),
        null=True,  # the measure outlives a case that is ever deleted; the form requires one
        blank=False,
        on_delete=models.SET_NULL,
        related_name="lesson_measures",
        help_text=_("De melding waaruit de maatregel voortkwam."),
    )
    department = models.ForeignKey(
        "home.Department",
        verbose_name=_("organisatieonderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lesson_measures",
        help_text=_("Leeg laten voor een maatregel voor de hele gemeente."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lesson_measures",
        help_text=_("Wie ervoor zorgt dat de maatregel wordt uitgevoerd."),
    )
    agreed_on = models.DateField(
        _("afgesproken op"),
        default=timezone.localdate,
        help_text=_("Het jaar van deze datum telt in de jaarcijfers."),
    )
    due_on = models.DateField(_("uitgevoerd uiterlijk"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LessonStatus.choices, default=LessonStatus.PLANNED
    )
    # Set when the measure is finished (done or cancelled); the retention period runs from here.
    finished_on = models.DateField(_("afgerond op"), null=True, blank=True, editable=False)
    owner_purged_on = models.DateField(_("eigenaar verwijderd op"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-agreed_on", "-pk"]
        verbose_name = _("maatregel naar aanleiding van een melding")
        verbose_name_plural = _("lessen uit meldingen")
        indexes = [models.Index(fields=["agreed_on"], name="forms_lesson_agreed_on")]

    def __str__(self) -> str:
        return self.measure

    def save(self, *args, **kwargs):
        # The day a measure is finished starts its retention period; reopening it stops that.
        if self.status in FINISHED and self.finished_on is None:
            self.finished_on = timezone.localdate()
        elif self.status not in FINISHED:
            self.finished_on = None
        super().save(*args, **kwargs)

    @property
    def case_reference(self) -> str:
        return self.case.reference if self.case_id else "—"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.due_on and self.due_on < today and self.status not in FINISHED)

    def clean(self):
        errors: dict[str, ValidationError] = {}
        today = timezone.localdate()
        if self.measure and CASE_REFERENCE.search(self.measure):
            errors["measure"] = ValidationError(
                _("Noem geen kenmerk van een melding: de maatregel komt in het jaarverslag."),
                code="case_reference",
            )
        if self.agreed_on and self.agreed_on > today:
            errors["agreed_on"] = ValidationError(_("Een datum in de toekomst kan niet."), code="future")
        elif self.agreed_on and self.case_id and self.agreed_on < self.case.received_on:
            errors["agreed_on"] = ValidationError(
                _("Deze datum ligt vóór de ontvangst van de melding."), code="before_case"
            )
        if self.due_on and self.agreed_on and self.due_on < self.agreed_on:
            errors["due_on"] = ValidationError(
                _("De uiterste datum ligt vóór de datum waarop de maatregel is afgesproken."),
                code="before_agreed",
            )
        if errors:
            raise ValidationError(errors)
