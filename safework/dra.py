"""Threat and risk assessments (dreigings- en risicoassessment, DRA) of buildings (seed 4.2).

An assessment of one building (the stadhuis in March 2021, then the stadskantoor): its scope, the
risks with their likelihood and impact, the measures with an owner, a due date and a status, and
when it is to be assessed again. Only the security coordinator sees them. Imported at the end of
`safework/models.py`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from safework.scans import ActionStatus


class Rating(models.IntegerChoices):
    """Likelihood and impact, each on the usual five-point scale."""

    VERY_LOW = 1, _("1 - zeer klein")
    LOW = 2, _("2 - klein")
    MEDIUM = 3, _("3 - middel")
    HIGH = 4, _("4 - groot")
    VERY_HIGH = 5, _("5 - zeer groot")


class ThreatAssessment(ClusterableModel):
    building = models.CharField(
        _("gebouw"), max_length=120, help_text=_("Bijvoorbeeld Stadhuis of Stadskantoor.")
    )
    assessed_on = models.DateField(_("datum van het assessment"))
    scope = models.TextField(_("reikwijdte"), help_text=_("Welke delen van het gebouw en welke dreigingen."))
    reassess_on = models.DateField(_("opnieuw beoordelen op"))

    panels = [
        FieldPanel("building"),
        FieldRowPanel([FieldPanel("assessed_on"), FieldPanel("reassess_on")]),
        FieldPanel("scope"),
        MultiFieldPanel([InlinePanel("risks", label=_("Risico"))], heading=_("Risico's")),
        MultiFieldPanel([InlinePanel("measures", label=_("Maatregel"))], heading=_("Maatregelen")),
    ]

    page_cache_ignore = True

    class Meta:
        ordering = ["-assessed_on", "building"]
        verbose_name = _("dreigings- en risicoassessment")
        verbose_name_plural = _("dreigings- en risicoassessments")

    def __str__(self) -> str:
        return f"{self.building} ({self.assessed_on:%m-%Y})"

    def clean(self):
        super().clean()
        errors = {}
        if self.assessed_on and self.assessed_on > timezone.localdate():
            errors["assessed_on"] = _("Deze datum ligt in de toekomst.")
        if self.assessed_on and self.reassess_on and self.reassess_on <= self.assessed_on:
            errors["reassess_on"] = _("De herbeoordeling volgt na het assessment; kies een latere datum.")
        if errors:
            raise ValidationError(errors)

    @property
    def risk_list(self) -> str:
        return "\n".join(
            f"{risk.threat} ({_('kans')} {risk.likelihood}, {_('impact')} {risk.impact})"
            for risk in self.risks.all()
        )

    @property
    def measure_list(self) -> str:
        return "\n".join(
            f"{m.description} ({m.owner}, {m.due_on:%d-%m-%Y}, {m.get_status_display()})"
            for m in self.measures.all()
        )

    @property
    def open_measures(self) -> int:
        return sum(1 for m in self.measures.all() if m.status != ActionStatus.DONE)


ThreatAssessment.risk_list.fget.short_description = _("risico's")
ThreatAssessment.measure_list.fget.short_description = _("maatregelen")
ThreatAssessment.open_measures.fget.short_description = _("open maatregelen")


class AssessmentRisk(Orderable):
    assessment = ParentalKey(ThreatAssessment, on_delete=models.CASCADE, related_name="risks")
    threat = models.CharField(_("dreiging of risico"), max_length=300)
    likelihood = models.PositiveSmallIntegerField(_("kans"), choices=Rating.choices)
    impact = models.PositiveSmallIntegerField(_("impact"), choices=Rating.choices)

    panels = [FieldPanel("threat"), FieldRowPanel([FieldPanel("likelihood"), FieldPanel("impact")])]

    class Meta(Orderable.Meta):
        verbose_name = _("risico")
        verbose_name_plural = _("risico's")

    def __str__(self) -> str:
        return self.threat


class AssessmentMeasure(Orderable):
    assessment = ParentalKey(ThreatAssessment, on_delete=models.CASCADE, related_name="measures")
    description = models.CharField(_("maatregel"), max_length=300)
    owner = models.CharField(_("eigenaar"), max_length=120, help_text=_("Het team of de functie, geen naam."))
    due_on = models.DateField(_("gereed op"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    panels = [
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("due_on"), FieldPanel("status")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")

    def __str__(self) -> str:
        return self.description
