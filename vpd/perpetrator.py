"""The perpetrator-focused approach (dadergerichte aanpak) of the VPD protocol as follow-up tasks.

After an incident, the team's manager or the VPD coordinator plans what happens to the perpetrator:
a police report (aangifte), a warning letter written from a template, a conversation with the
perpetrator (incidentgesprek). Each task has an owner and a due date; when it is done, the
incident's follow-up flag (what the annual figures count) is set.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: What a warning-letter template may contain. Only facts of the registration, never the reporter's
#: free text (description, location): those stay with the reporter and the VPD coordinator.
PLACEHOLDERS = ("kenmerk", "datum", "soort", "organisatieonderdeel")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class FollowUpKind(models.TextChoices):
    POLICE_REPORT = "aangifte", _("Aangifte doen")
    WARNING_LETTER = "waarschuwingsbrief", _("Waarschuwingsbrief sturen")
    CONVERSATION = "incidentgesprek", _("Incidentgesprek met de dader")


#: The incident's flag a finished task sets (the GIR's follow-up columns, counted in the figures).
INCIDENT_FLAG = {
    FollowUpKind.POLICE_REPORT: "police_report",
    FollowUpKind.WARNING_LETTER: "warning_letter",
    FollowUpKind.CONVERSATION: "incident_conversation",
}


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


class WarningLetterTemplate(models.Model):
    """A warning letter to a perpetrator, with placeholders for the incident's facts."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Gebruik {kenmerk}, {datum}, {soort} en {organisatieonderdeel}; die worden ingevuld "
            "met de gegevens van het incident."
        ),
    )
    active = models.BooleanField(_("in gebruik"), default=True)

    page_cache_ignore = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("sjabloon waarschuwingsbrief")
        verbose_name_plural = _("sjablonen waarschuwingsbrief")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        unknown = unknown_placeholders(self.body or "")
        if unknown:
            raise ValidationError(
                {
                    "body": _("Onbekende invulvelden: %(names)s. Gebruik alleen %(allowed)s.")
                    % {
                        "names": ", ".join(f"{{{name}}}" for name in unknown),
                        "allowed": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                    }
                }
            )

    def render(self, incident) -> str:
        values = {
            "kenmerk": incident.reference,
            "datum": incident.date.strftime("%d-%m-%Y"),
            "soort": str(incident.get_incident_type_display()).lower(),
            "organisatieonderdeel": incident.department.name,
        }
        return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), self.body)


class FollowUpTask(models.Model):
    """One step of the perpetrator-focused approach on one incident, with owner and due date."""

    incident = models.ForeignKey(
        "vpd.Incident", on_delete=models.CASCADE, related_name="follow_up_tasks", verbose_name=_("incident")
    )
    kind = models.CharField(_("vervolgstap"), max_length=30, choices=FollowUpKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="vpd_follow_up_tasks",
        verbose_name=_("eigenaar"),
    )
    due_on = models.DateField(_("uiterlijk op"))
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    letter = models.TextField(_("tekst van de brief"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_on = models.DateField(_("aangemaakt op"), default=timezone.localdate)

    page_cache_ignore = True

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("vervolgstap dadergerichte aanpak")
        verbose_name_plural = _("vervolgstappen dadergerichte aanpak")
        constraints = [
            models.UniqueConstraint(fields=["incident", "kind"], name="vpd_follow_up_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.incident.reference})"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def overdue(self, today=None) -> bool:
        return not self.is_done and self.due_on < (today or timezone.localdate())
