"""VPD scans with improvement actions (seed 4.2).

Experts (vakdeskundigen, the VPD coordinator's team) hold a scan with the employees and managers of
a department: which themes of the aggression protocol are in order and which need work, what they
found, and improvement actions, each with an owner, a due date and a status. The department's
management reviews the scan; the department's team instructions are linked to the actions they
carry out. Imported at the end of `safework/models.py`.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ThemeScore(models.TextChoices):
    GOOD = "goed", _("Goed geregeld")
    NEEDS_WORK = "verbeterpunt", _("Verbeterpunt")


class ProtocolTheme(models.TextChoices):
    """The themes of the VPD protocol (aggression and violence) that a scan goes through."""

    PREVENTION = "preventie", _("Preventie: huisregels en inrichting van de werkplek")
    ALARM = "alarmeren", _("Alarmeren en opschalen")
    TRAINING = "training", _("Training en oefenen")
    AFTERCARE = "nazorg", _("Opvang en nazorg")
    REGISTRATION = "registratie", _("Melden en registreren (GIR)")
    PERPETRATOR = "dadergericht", _("Dadergerichte aanpak")


#: theme → the scan's field holding its score
THEME_FIELDS = {theme: f"score_{theme.value}" for theme in ProtocolTheme}


def _score_field(theme: ProtocolTheme):
    return models.CharField(theme.label, max_length=20, choices=ThemeScore.choices)


class VpdScan(models.Model):
    """A scan of one department's approach to public aggression, held on one day."""

    department = models.ForeignKey(
        "home.Department",
        on_delete=models.PROTECT,
        related_name="vpd_scans",
        verbose_name=_("organisatieonderdeel"),
    )
    scanned_on = models.DateField(_("datum van de scan"))
    participants_employees = models.PositiveSmallIntegerField(_("deelnemers: medewerkers"), default=0)
    participants_managers = models.PositiveSmallIntegerField(_("deelnemers: leidinggevenden"), default=0)
    participants_experts = models.PositiveSmallIntegerField(_("deelnemers: vakdeskundigen"), default=1)
    score_preventie = _score_field(ProtocolTheme.PREVENTION)
    score_alarmeren = _score_field(ProtocolTheme.ALARM)
    score_training = _score_field(ProtocolTheme.TRAINING)
    score_nazorg = _score_field(ProtocolTheme.AFTERCARE)
    score_registratie = _score_field(ProtocolTheme.REGISTRATION)
    score_dadergericht = _score_field(ProtocolTheme.PERPETRATOR)
    findings = models.TextField(
        _("bevindingen"), help_text=_("Wat goed geregeld is en wat beter kan; noem geen namen.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    reviewed_on = models.DateField(_("besproken met het management op"), null=True, blank=True)
    management_response = models.TextField(_("reactie van het management"), blank=True)

    page_cache_ignore = True  # never shown on a cached page

    class Meta:
        ordering = ["-scanned_on", "department__name"]
        verbose_name = _("VPD-scan")
        verbose_name_plural = _("VPD-scans")

    def __str__(self) -> str:
        return f"{self.department} ({self.scanned_on:%d-%m-%Y})"

    def scores(self) -> list[tuple[str, str]]:
        """(theme, score) for the detail view, in the protocol's order."""
        return [
            (theme.label, getattr(self, f"get_{field}_display")()) for theme, field in THEME_FIELDS.items()
        ]

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        if self.scanned_on and self.scanned_on > today:
            errors["scanned_on"] = _(
                "Een scan wordt vastgelegd nadat hij is gehouden; deze datum ligt in de toekomst."
            )
        if (self.participants_experts or 0) < 1:
            errors["participants_experts"] = _("Een scan wordt gehouden door minstens één vakdeskundige.")
        if (self.participants_employees or 0) + (self.participants_managers or 0) < 1:
            errors["participants_employees"] = _(
                "Vul in hoeveel medewerkers en leidinggevenden meededen: samen minstens één."
            )
        if self.reviewed_on:
            if self.reviewed_on > today:
                errors["reviewed_on"] = _("Deze datum ligt in de toekomst.")
            elif self.scanned_on and self.reviewed_on < self.scanned_on:
                errors["reviewed_on"] = _("Het management bespreekt de scan na de scan, niet ervoor.")
        if self.management_response.strip() and not self.reviewed_on:
            errors["reviewed_on"] = _("Vul in wanneer het management de scan besprak.")
        if errors:
            raise ValidationError(errors)


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in-uitvoering", _("In uitvoering")
    DONE = "afgerond", _("Afgerond")


#: Statuses of an action that still has to be carried out.
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ImprovementActionQuerySet(models.QuerySet):
    def still_open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None):
        return self.still_open().filter(due_on__lt=today or timezone.localdate())


class ImprovementAction(models.Model):
    """An improvement action from a scan: what, who carries it out, by when, and how far it is."""

    scan = models.ForeignKey(
        VpdScan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("VPD-scan")
    )
    theme = models.CharField(_("thema"), max_length=20, choices=ProtocolTheme.choices)
    description = models.TextField(_("verbeteractie"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="vpd_improvement_actions",
        verbose_name=_("eigenaar"),
    )
    due_on = models.DateField(_("gereed op"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True, editable=False)
    team_instructions = models.ManyToManyField(
        "vpd.TeamInstructionPage",
        blank=True,
        related_name="improvement_actions",
        verbose_name=_("uitgevoerd in teaminstructie(s)"),
        help_text=_("De teaminstructies van dit organisatieonderdeel die deze actie uitvoeren."),
    )

    objects = ImprovementActionQuerySet.as_manager()
    page_cache_ignore = True

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("verbeteractie")
        verbose_name_plural = _("verbeteracties")
        indexes = [models.Index(fields=["status", "due_on"], name="safework_action_due")]

    def __str__(self) -> str:
        text = " ".join(self.description.split())
        return text if len(text) <= 60 else text[:59] + "…"

    def save(self, *args, **kwargs):
        # The date an action was finished is the day its status became "done".
        if self.status == ActionStatus.DONE and self.completed_on is None:
            self.completed_on = timezone.localdate()
        elif self.status != ActionStatus.DONE:
            self.completed_on = None
        super().save(*args, **kwargs)

    @property
    def department(self):
        return self.scan.department

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.status in OPEN_STATUSES and self.due_on < (today or timezone.localdate())

    def clean(self):
        super().clean()
        if self.owner_id is None:
            raise ValidationError({"owner": _("Kies wie deze actie uitvoert.")})
        if self.scan_id and self.due_on and self.due_on < self.scan.scanned_on:
            raise ValidationError({"due_on": _("De actie is gereed na de scan; deze datum ligt ervoor.")})


class DepartmentScanStatus:
    """A department's scan status, shown beside the team-instruction status (coordinator's overview)."""

    NO_SCAN = "geen-scan"
    NOT_REVIEWED = "niet-besproken"
    OVERDUE = "acties-te-laat"
    OPEN = "acties-open"
    DONE = "afgerond"
    LABELS = {
        NO_SCAN: _("Geen scan"),
        NOT_REVIEWED: _("Nog niet besproken met het management"),
        OVERDUE: _("Verbeteracties te laat"),
        OPEN: _("Verbeteracties lopen"),
        DONE: _("Verbeteracties afgerond"),
    }


def department_scan_status_annotation(department_field: str = "department"):
    """A `Case` expression with the department's scan status, for `annotate()` in one query."""
    from django.db.models import Case, CharField, Exists, OuterRef, Value, When

    department = OuterRef(department_field)
    scans = VpdScan.objects.filter(department=department)
    actions = ImprovementAction.objects.filter(scan__department=department)
    return Case(
        When(~Exists(scans), then=Value(DepartmentScanStatus.NO_SCAN)),
        When(Exists(actions.overdue()), then=Value(DepartmentScanStatus.OVERDUE)),
        When(Exists(scans.filter(reviewed_on__isnull=True)), then=Value(DepartmentScanStatus.NOT_REVIEWED)),
        When(Exists(actions.still_open()), then=Value(DepartmentScanStatus.OPEN)),
        default=Value(DepartmentScanStatus.DONE),
        output_field=CharField(),
    )
