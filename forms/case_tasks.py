"""Task checklists of cases: templates the office lead defines per category, and each case's tasks.

A new case gets the tasks of the active templates for its category (`forms.task_checklists`); the
office ticks them off (who and on which day, never a time: nothing stored with a report is finer
than the day). `forms.case_flow` refuses to close a case while a mandatory task is open.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from forms.models import Category, IntegrityReport


class CaseTemplate(ClusterableModel):
    """A checklist for one category of the code of conduct; kept by the office lead."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    category = models.CharField(
        _("onderwerp volgens de gedragscode"),
        max_length=40,
        choices=Category.choices,
        help_text=_("Een nieuwe melding met dit onderwerp krijgt de taken van dit sjabloon."),
    )
    active = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_("Alleen sjablonen in gebruik gelden voor nieuwe meldingen."),
    )

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("zaaksjabloon")
        verbose_name_plural = _("zaaksjablonen")

    def __str__(self) -> str:
        return self.name


class CaseTemplateTask(Orderable):
    template = ParentalKey(CaseTemplate, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("taak"), max_length=200)
    mandatory = models.BooleanField(
        _("verplicht"), default=True, help_text=_("Een zaak wordt pas afgesloten als deze taak is afgevinkt.")
    )
    due_days = models.PositiveSmallIntegerField(
        _("termijn in dagen"), default=14, help_text=_("Het aantal dagen na ontvangst van de melding.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("taak")
        verbose_name_plural = _("taken")

    def __str__(self) -> str:
        return self.title


class CaseTask(models.Model):
    """One task on one case: an owner (an office member), a due date, and who ticked it off when."""

    report = models.ForeignKey(IntegrityReport, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("taak"), max_length=200)
    mandatory = models.BooleanField(_("verplicht"), default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="integrity_case_tasks",
    )
    due_on = models.DateField(_("uiterlijk op"), null=True, blank=True)
    done_on = models.DateField(_("afgevinkt op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgevinkt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("toelichting"), blank=True)
    template = models.ForeignKey(
        CaseTemplate, verbose_name=_("uit sjabloon"), null=True, blank=True, on_delete=models.SET_NULL
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("taak bij een zaak")
        verbose_name_plural = _("taken bij zaken")
        indexes = [models.Index(fields=["owner", "done_on", "due_on"], name="forms_casetask_owner_due")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
