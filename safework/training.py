"""Managers' integrity training (seed chapter 2): who followed the Management Development module
"In gesprek met je team over integriteit" and the onboarding programme for managers.

HR records the trainings; the overview per department (safework/training_overview.py) shows which
managers have and have not followed each programme.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrainingProgramme(models.TextChoices):
    TEAM_CONVERSATION = "in-gesprek-met-je-team", _("Module 'In gesprek met je team over integriteit'")
    ONBOARDING = "onboarding-leidinggevenden", _("Onboarding-programma voor leidinggevenden")


class ManagerTraining(models.Model):
    """One manager followed one programme on one day (at most one record per manager and programme)."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="integrity_trainings",
        verbose_name=_("leidinggevende"),
    )
    programme = models.CharField(_("programma"), max_length=40, choices=TrainingProgramme.choices)
    completed_on = models.DateField(_("gevolgd op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    page_cache_ignore = True  # never shown on a cached page

    class Meta:
        ordering = ["manager__username", "programme"]
        verbose_name = _("integriteitstraining leidinggevende")
        verbose_name_plural = _("integriteitstrainingen leidinggevenden")
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "programme"],
                name="safework_training_once_per_programme",
                violation_error_message=_("Voor deze leidinggevende is dit programma al vastgelegd."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.manager}: {self.get_programme_display()}"

    def clean(self):
        super().clean()
        errors = {}
        if self.completed_on and self.completed_on > timezone.localdate():
            errors["completed_on"] = _("Deze datum ligt in de toekomst.")
        if self.manager_id:
            from portal.roles import Role, has_role

            if not has_role(self.manager, Role.MANAGER):
                errors["manager"] = _("Deze persoon heeft geen rol als leidinggevende.")
        if errors:
            raise ValidationError(errors)
