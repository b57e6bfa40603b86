"""A safe working environment (seed chapter 4): where people sit, and the declarations register.

- `Position` is a function profile of a department with its screening profile; `Placement` says
  which position and which manager an employee has (from the identity provider's claims where
  configured, else kept by HR).
- `Declaration` is a gift or invitation, or outside work (nevenwerkzaamheden), that an employee
  declares and their manager decides on; outside work in a position with a raised screening profile
  also needs the integrity office's second opinion.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScreeningProfile(models.TextChoices):
    """The three screening profiles of seed 4.1, lightest first."""

    NONE = "geen-verhoogd-risico", _("Geen verhoogd risico")
    RAISED = "verhoogd-risico", _("Verhoogd risico")
    HIGH = "sterk-verhoogd-risico", _("Sterk verhoogd risico")


#: Profiles above the lightest: outside work in such a position needs the office's second opinion.
RAISED_PROFILES = (ScreeningProfile.RAISED, ScreeningProfile.HIGH)


class RiskFactor(models.Model):
    """A risk factor of a position (seed 4.1): mandates, access to money or confidential data, ..."""

    name = models.CharField(_("naam"), max_length=160, unique=True)
    description = models.TextField(_("toelichting"), blank=True)

    page_cache_ignore = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("risicofactor")
        verbose_name_plural = _("risicofactoren")

    def __str__(self) -> str:
        return self.name


class ControlMeasure(models.Model):
    """A control measure already in place: four-eyes principle, mandate register, application management."""

    name = models.CharField(_("naam"), max_length=160, unique=True)
    description = models.TextField(_("toelichting"), blank=True)

    page_cache_ignore = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("beheersmaatregel")
        verbose_name_plural = _("beheersmaatregelen")

    def __str__(self) -> str:
        return self.name


class ScreeningRule(models.Model):
    """Which screening instruments a profile brings, at hiring and periodically."""

    profile = models.CharField(
        _("screeningsprofiel"), max_length=30, choices=ScreeningProfile.choices, unique=True
    )
    certificate_of_conduct = models.BooleanField(_("VOG bij indiensttreding"), default=True)
    integrity_interview = models.BooleanField(_("integriteitsgesprek bij indiensttreding"), default=False)
    rescreen_months = models.PositiveSmallIntegerField(
        _("herscreening elke (maanden)"),
        null=True,
        blank=True,
        help_text=_("Leeg: geen periodieke herscreening."),
    )

    page_cache_ignore = True

    class Meta:
        ordering = ["profile"]
        verbose_name = _("screeningsinstrumenten per profiel")
        verbose_name_plural = _("screeningsinstrumenten per profiel")

    def __str__(self) -> str:
        return self.get_profile_display()


class ApprovalStatus(models.TextChoices):
    DRAFT = "concept", _("Concept, wacht op goedkeuring")
    APPROVED = "goedgekeurd", _("Goedgekeurd door het integriteitsbureau")


class Position(models.Model):
    """A position (function profile) of a department in the inventory of vulnerable positions.

    Managers and HR edit it as a draft; the integrity office approves it.
    """

    department = models.ForeignKey(
        "home.Department",
        on_delete=models.PROTECT,
        related_name="safework_positions",
        verbose_name=_("organisatieonderdeel"),
    )
    title = models.CharField(_("functie"), max_length=160)
    code = models.SlugField(
        _("functiecode"),
        max_length=60,
        unique=True,
        help_text=_("De code van het functieprofiel, zoals de identiteitsprovider die meestuurt."),
    )
    screening_profile = models.CharField(
        _("screeningsprofiel"),
        max_length=30,
        choices=ScreeningProfile.choices,
        default=ScreeningProfile.NONE,
    )
    risk_factors = models.ManyToManyField(
        RiskFactor, blank=True, related_name="positions", verbose_name=_("risicofactoren")
    )
    control_measures = models.ManyToManyField(
        ControlMeasure, blank=True, related_name="positions", verbose_name=_("beheersmaatregelen")
    )
    justification = models.TextField(
        _("onderbouwing"),
        blank=True,
        help_text=_("Verplicht bij een verhoogd profiel: waarom lichtere maatregelen niet volstaan."),
    )
    approval_status = models.CharField(
        _("goedkeuring"), max_length=20, choices=ApprovalStatus.choices, default=ApprovalStatus.DRAFT
    )
    approved_on = models.DateField(_("goedgekeurd op"), null=True, blank=True)

    page_cache_ignore = True  # never shown on a cached page

    class Meta:
        ordering = ["department__name", "title"]
        unique_together = [("department", "title")]
        verbose_name = _("functie")
        verbose_name_plural = _("functies")

    def __str__(self) -> str:
        return f"{self.title} ({self.department})"

    @property
    def raised_profile(self) -> bool:
        return self.screening_profile in RAISED_PROFILES

    def clean(self):
        super().clean()
        # Seed 4.1: only when lighter measures do not suffice is a raised profile justified.
        if self.raised_profile and not self.justification.strip():
            raise ValidationError(
                {"justification": _("Licht toe waarom lichtere maatregelen niet volstaan voor dit profiel.")}
            )


class PlacementSource(models.TextChoices):
    HR = "hr", _("HR")
    IDENTITY_PROVIDER = "idp", _("Identiteitsprovider")


class Placement(models.Model):
    """Which position and which manager an employee has."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="safework_placement",
        verbose_name=_("medewerker"),
    )
    position = models.ForeignKey(
        Position,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements",
        verbose_name=_("functie"),
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safework_reports",
        verbose_name=_("leidinggevende"),
    )
    source = models.CharField(
        _("bron"), max_length=10, choices=PlacementSource.choices, default=PlacementSource.HR
    )
    updated_on = models.DateField(_("bijgewerkt op"), default=timezone.localdate)
    last_screened_on = models.DateField(_("laatst gescreend op"), null=True, blank=True)

    page_cache_ignore = True

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")

    def __str__(self) -> str:
        return str(self.user)


def placement_of(user) -> Placement | None:
    return Placement.objects.select_related("position__department", "manager").filter(user=user).first()


def department_of(user):
    """The employee's department: their position's, else their employee profile's."""
    placement = placement_of(user)
    if placement and placement.position_id:
        return placement.position.department
    from home.models import EmployeeProfile

    profile = EmployeeProfile.objects.select_related("department").filter(user=user).first()
    return profile.department if profile else None


class DeclarationKind(models.TextChoices):
    GIFT = "geschenk", _("Geschenk of uitnodiging")
    OUTSIDE_WORK = "nevenwerk", _("Nevenwerkzaamheden")


class Decision(models.TextChoices):
    ACCEPTED = "toegestaan", _("Toegestaan")
    CONDITIONS = "toegestaan-onder-voorwaarden", _("Toegestaan onder voorwaarden")
    REFUSED = "geweigerd", _("Geweigerd")


class DeclarationStatus(models.TextChoices):
    AWAITING_MANAGER = "wacht-op-leidinggevende", _("Wacht op besluit leidinggevende")
    AWAITING_OFFICE = "wacht-op-integriteitsbureau", _("Wacht op tweede oordeel integriteitsbureau")
    DECIDED = "besloten", _("Besloten")


def decision_days() -> int:
    return int(getattr(settings, "SAFEWORK_DECISION_DAYS", 14))


def gift_threshold() -> int:
    """The code of conduct's value (euros) above which a gift is reported in the office's overview."""
    return int(getattr(settings, "SAFEWORK_GIFT_VALUE_THRESHOLD", 50))


class Declaration(models.Model):
    """A gift or invitation, or outside work, declared by an employee and decided by their manager."""

    reference = models.CharField(_("kenmerk"), max_length=30, unique=True, editable=False)
    kind = models.CharField(_("soort"), max_length=20, choices=DeclarationKind.choices)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="safework_declarations",
        verbose_name=_("medewerker"),
    )
    department = models.ForeignKey(
        "home.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="safework_declarations",
        verbose_name=_("organisatieonderdeel"),
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safework_declarations_to_decide",
        verbose_name=_("leidinggevende"),
    )
    submitted_on = models.DateField(_("gemeld op"), default=timezone.localdate)
    decision_due = models.DateField(_("besluit uiterlijk"))
    # A gift or invitation
    giver = models.CharField(_("van wie"), max_length=200, blank=True)
    value_estimate = models.DecimalField(
        _("geschatte waarde (euro)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    received_on = models.DateField(_("datum ontvangen of aangeboden"), null=True, blank=True)
    context = models.TextField(_("aanleiding"), blank=True)
    # Outside work
    organisation = models.CharField(_("werkgever of organisatie"), max_length=200, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(_("uren per maand"), null=True, blank=True)
    paid = models.BooleanField(_("betaald"), null=True, blank=True)
    possible_conflict = models.TextField(_("mogelijke belangenverstrengeling"), blank=True)
    # What the manager and (where required) the office decided
    screening_profile = models.CharField(
        _("screeningsprofiel bij melding"), max_length=30, choices=ScreeningProfile.choices, blank=True
    )
    needs_second_opinion = models.BooleanField(_("tweede oordeel integriteitsbureau nodig"), default=False)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=DeclarationStatus.choices,
        default=DeclarationStatus.AWAITING_MANAGER,
    )
    manager_decision = models.CharField(
        _("besluit leidinggevende"), max_length=30, choices=Decision.choices, blank=True
    )
    manager_reasons = models.TextField(_("motivering leidinggevende"), blank=True)
    conditions = models.TextField(_("voorwaarden"), blank=True)
    manager_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    manager_decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    office_decision = models.CharField(
        _("tweede oordeel"), max_length=30, choices=Decision.choices, blank=True
    )
    office_reasons = models.TextField(_("motivering integriteitsbureau"), blank=True)
    office_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tweede oordeel door"),
    )
    office_decided_on = models.DateField(_("tweede oordeel op"), null=True, blank=True)
    decision = models.CharField(_("besluit"), max_length=30, choices=Decision.choices, blank=True)
    anonymised = models.BooleanField(_("geanonimiseerd"), default=False, editable=False)

    page_cache_ignore = True

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("melding geschenk of nevenwerk")
        verbose_name_plural = _("meldingen geschenken en nevenwerk")
        indexes = [
            models.Index(
                fields=["submitted_on", "kind", "decision", "department"], name="safework_decl_stats"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        if not self.reference:
            prefix = "GES" if self.kind == DeclarationKind.GIFT else "NEV"
            self.reference = f"{prefix}-{timezone.localdate().year}-{secrets.token_hex(3).upper()}"
        if not self.decision_due:
            self.decision_due = (self.submitted_on or timezone.localdate()) + datetime.timedelta(
                days=decision_days()
            )
        super().save(*args, **kwargs)

    @property
    def is_gift(self) -> bool:
        return self.kind == DeclarationKind.GIFT

    @property
    def above_threshold(self) -> bool:
        return self.value_estimate is not None and self.value_estimate > gift_threshold()

    def overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status != DeclarationStatus.DECIDED and self.decision_due < today


class ReminderKind(models.TextChoices):
    DECLARATION_DECISION = "besluit-melding", _("Besluit over een melding")
    OVERDUE_ACTIONS = "verbeteractie", _("Verbeteractie te laat")
    OVERDUE_FOLLOW_UP = "vervolgstap", _("Vervolgstap na incident te laat")


class ReminderSent(models.Model):
    """One reminder of one kind to one person on one day: the unique row makes it exactly once,
    also when the daily command runs twice at once on two servers."""

    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    page_cache_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "sent_on"], name="safework_reminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.recipient_id} {self.sent_on}"


# VPD scans with improvement actions, and building threat and risk assessments (modules of their own).
from safework.dra import AssessmentMeasure, AssessmentRisk, ThreatAssessment  # noqa: E402, F401
from safework.scans import ImprovementAction, VpdScan  # noqa: E402, F401

# Managers' integrity training lives in a module of its own (issue #18, the manager's part).
from safework.training import ManagerTraining, TrainingProgramme  # noqa: E402, F401
