"""Safe public service (veilige publieke dienstverlening, VPD).

Departments (`home.Department`) contain teams; each team has a team instruction page under its
department's page in the VPD section. Employees register incidents of public aggression (GIR);
the peer-support team (BOT) records its conversations. Both registrations feed the annual figures.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from vpd.blocks import ContactBlock, PhoneNumberBlock

#: An instruction not reviewed for this long is overdue for review.
REVIEW_INTERVAL = datetime.timedelta(days=365)
PROTOCOL_SLUG = "protocol-vpd"
RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class Team(models.Model):
    """A team of a department that serves the public (a counter, an enforcement team).

    Its managers (leidinggevenden) maintain the team's instruction page; `manage.py
    sync_team_groups` turns `managers` into a per-team group with page permissions on that page.
    """

    department = models.ForeignKey(
        "home.Department",
        on_delete=models.PROTECT,
        related_name="teams",
        verbose_name=_("organisatieonderdeel"),
    )
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam in URL's"), max_length=80, unique=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_vpd_teams",
        verbose_name=_("leidinggevenden"),
        help_text=_("Zij mogen de teaminstructie van dit team bewerken (en publiceren)."),
    )
    group = models.OneToOneField(
        Group, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="vpd_team"
    )

    panels = [FieldPanel("department"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("managers")]

    class Meta:
        ordering = ["department__name", "name"]
        unique_together = [("department", "name")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return f"{self.name} ({self.department})"

    @property
    def group_name(self) -> str:
        return f"VPD-team {self.slug}"

    def instruction_page(self):
        return TeamInstructionPage.objects.filter(team=self).order_by("path").first()


class VpdSectionPage(Page):
    """The landing page of safe public service: the protocol, the departments, the registrations."""

    intro = RichTextField(_("inleiding"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.ContentPage"]
    subpage_types = ["vpd.VpdDepartmentPage"]
    max_count_per_parent = 1

    search_section = "vpd"  # the search filter "Veilige publieke dienstverlening"
    #: Peer supporters and the coordinator get links others do not: one shell per visibility
    #: profile in the page cache (portal/cache.py).
    page_cache_per_role = True

    class Meta:
        verbose_name = _("VPD-overzichtspagina")

    def protocol_page(self):
        """The city-wide VPD protocol page (owned by the content room), when it exists."""
        return Page.objects.live().filter(slug=PROTOCOL_SLUG, locale=self.locale).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from vpd import permissions

        context["protocol_page"] = self.protocol_page()
        user = getattr(request, "user", None)
        context["can_register_peer_support"] = bool(user) and permissions.can_register_peer_support(user)
        context["can_view_team_overview"] = bool(user) and permissions.can_view_team_overview(user)
        context["departments"] = VpdDepartmentPage.objects.child_of(self).live().select_related("department")
        return context


class VpdDepartmentPage(Page):
    """A department in the VPD section; its team instruction pages are its children.

    When `requires_coordinator_approval` is on, `sync_team_groups` assigns the coordinator's
    approval workflow to this page and managers can only submit their instruction for approval.
    """

    department = models.ForeignKey(
        "home.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatieonderdeel")
    )
    intro = RichTextField(_("inleiding"), blank=True, features=RICH_TEXT_FEATURES)
    requires_coordinator_approval = models.BooleanField(
        _("goedkeuring door VPD-coördinator vereist"),
        default=False,
        help_text=_(
            "Leidinggevenden dienen teaminstructies dan ter goedkeuring in in plaats van te publiceren."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("department"), FieldPanel("intro")]
    settings_panels = Page.settings_panels + [FieldPanel("requires_coordinator_approval")]
    parent_page_types = ["vpd.VpdSectionPage"]
    subpage_types = ["vpd.TeamInstructionPage"]

    search_section = "vpd"  # the search filter "Veilige publieke dienstverlening"

    class Meta:
        verbose_name = _("VPD-pagina van een organisatieonderdeel")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        instructions = {}
        for page in TeamInstructionPage.objects.child_of(self).order_by("-path"):
            instructions[page.team_id] = page  # the first one per team wins
        context["teams"] = [
            (team, instructions.get(team.pk))
            for team in Team.objects.filter(department_id=self.department_id)
        ]
        # The managers' links per team are a personal part (vpd/holes.py): cached for everyone.
        return context


class TeamInstructionPage(RoutablePageMixin, Page):
    """A team instruction (teaminstructie VPD): how the city-wide VPD protocol works for one team.

    The team's managers keep it up to date; colleagues read it and print it for the counter.
    """

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="instructions", verbose_name=_("team")
    )
    alarm = RichTextField(
        _("alarmeren"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Wie alarmeer je en hoe: alarmknop, portofoon, codewoord."),
    )
    phone_numbers = StreamField(
        [("phone", PhoneNumberBlock())],
        verbose_name=_("telefoonnummers"),
        min_num=1,
        use_json_field=True,
    )
    during_incident = RichTextField(_("tijdens een incident"), features=RICH_TEXT_FEATURES)
    escalation = RichTextField(_("opschalen"), features=RICH_TEXT_FEATURES)
    aftercare = RichTextField(
        _("nazorg"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Opvang door collega's en het bedrijfsopvangteam, gesprek met de leidinggevende."),
    )
    follow_up = RichTextField(
        _("na het incident"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Melden in het incidentenregister (GIR) en de dadergerichte aanpak: aangifte, "
            "waarschuwingsbrief, incidentgesprek."
        ),
    )
    contacts = StreamField(
        [("contact", ContactBlock())], verbose_name=_("contactpersonen"), blank=True, use_json_field=True
    )
    last_reviewed = models.DateField(_("laatst beoordeeld op"), null=True)

    content_panels = Page.content_panels + [
        FieldPanel("team"),
        MultiFieldPanel([FieldPanel("alarm"), FieldPanel("phone_numbers")], heading=_("Alarmeren")),
        FieldPanel("during_incident"),
        FieldPanel("escalation"),
        MultiFieldPanel([FieldPanel("aftercare"), FieldPanel("follow_up")], heading=_("Na het incident")),
        FieldPanel("contacts"),
        FieldPanel("last_reviewed"),
        HelpPanel(_("Beoordeel de instructie minstens eens per jaar.")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("alarm"),
        index.SearchField("during_incident"),
        index.SearchField("escalation"),
        index.SearchField("aftercare"),
        index.SearchField("follow_up"),
    ]
    parent_page_types = ["vpd.VpdDepartmentPage"]
    subpage_types = []

    search_section = "vpd"  # the search filter "Veilige publieke dienstverlening"

    class Meta:
        verbose_name = _("teaminstructie VPD")
        verbose_name_plural = _("teaminstructies VPD")

    @property
    def overdue(self) -> bool:
        return is_overdue(self.last_reviewed)

    def clean(self):
        super().clean()
        errors = {}
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = _("Deze datum ligt in de toekomst.")
        parent = self.get_parent() if self.pk else None
        parent = parent.specific if parent else None
        if (
            self.team_id
            and isinstance(parent, VpdDepartmentPage)
            and self.team.department_id != parent.department_id
        ):
            errors["team"] = _("Dit team hoort niet bij dit organisatieonderdeel.")
        if self.team_id:
            others = TeamInstructionPage.objects.filter(team_id=self.team_id, locale_id=self.locale_id)
            if self.pk:
                others = others.exclude(pk=self.pk)
            if others.exists():
                errors["team"] = _("Dit team heeft al een teaminstructie.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["protocol_page"] = Page.objects.live().filter(slug=PROTOCOL_SLUG, locale=self.locale).first()
        return context

    @path("print/", name="print")
    def print_view(self, request):
        """The instruction on one A4 page, to keep at the counter or desk."""
        return render(request, "vpd/team_instruction_print.html", self.get_context(request))


def is_overdue(last_reviewed: datetime.date | None, today: datetime.date | None = None) -> bool:
    """True when an instruction was never reviewed or not within the last 12 months."""
    if last_reviewed is None:
        return True
    return last_reviewed < (today or timezone.localdate()) - REVIEW_INTERVAL


def new_reference(prefix: str) -> str:
    return f"{prefix}-{timezone.localdate().year}-{secrets.token_hex(3).upper()}"


class IncidentType(models.TextChoices):
    VERBAL = "verbale-agressie", _("Verbale agressie")
    INTIMIDATION = "intimidatie", _("Intimidatie")
    PERSONAL_THREAT = "persoonlijke-bedreiging", _("Persoonlijke bedreiging")
    PHYSICAL = "fysieke-agressie", _("Fysieke agressie")
    DISCRIMINATION = "discriminatie", _("Discriminatie")
    DAMAGE = "vernieling", _("Vernieling van eigendommen")
    OTHER = "overig", _("Overig")


class Incident(models.Model):
    """A registration of public aggression in the municipal incident register (GIR).

    Confidential: only the reporter and the VPD coordinator can read it; the team's managers see it
    without its description and location (vpd/team_views.py). Counts (never contents) feed the
    annual figures.
    """

    # Page cache: counted in the statistics (their own cache per year), never shown on a page.
    page_cache_scopes = ()

    reference = models.CharField(_("kenmerk"), max_length=30, unique=True, editable=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="vpd_incidents",
        verbose_name=_("melder"),
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"), null=True, blank=True)
    department = models.ForeignKey(
        "home.Department",
        on_delete=models.PROTECT,
        related_name="vpd_incidents",
        verbose_name=_("organisatieonderdeel"),
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
        verbose_name=_("team"),
    )
    location = models.CharField(_("locatie"), max_length=200)
    incident_type = models.CharField(_("soort incident"), max_length=40, choices=IncidentType.choices)
    description = models.TextField(_("wat is er gebeurd"))
    police_called = models.BooleanField(_("politie ingeschakeld"), default=False)
    police_report = models.BooleanField(_("aangifte gedaan"), default=False)
    warning_letter = models.BooleanField(_("waarschuwingsbrief"), default=False)
    incident_conversation = models.BooleanField(_("incidentgesprek"), default=False)
    aftercare_wanted = models.BooleanField(_("nazorg gewenst"), default=False)
    created_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidenten")
        # The annual figures filter on the date's year and group by (type, department) in one
        # query: with the date first this index also serves every filter on the date alone, and it
        # covers the grouped count (an index-only scan; docs/performance.md, "Statistics").
        indexes = [
            models.Index(fields=["date", "incident_type", "department"], name="vpd_incident_statistics"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_incident_type_display()}, {self.date:%d-%m-%Y})"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference("GIR")
        super().save(*args, **kwargs)

    @property
    def follow_up_display(self) -> str:
        done = [
            str(label)
            for flag, label in (
                (self.police_report, _("aangifte")),
                (self.warning_letter, _("waarschuwingsbrief")),
                (self.incident_conversation, _("incidentgesprek")),
            )
            if flag
        ]
        return ", ".join(done) or str(_("nog niets"))


class ConversationSequence(models.TextChoices):
    FIRST = "eerste-gesprek", _("Eerste gesprek")
    SECOND = "tweede-gesprek", _("Tweede gesprek")
    THIRD = "derde-gesprek", _("Derde gesprek")


class EventKind(models.TextChoices):
    AGGRESSION = "agressie", _("Agressie")
    ACCIDENT = "ongeval", _("Ongeval")
    RESUSCITATION = "reanimatie", _("Reanimatie")
    OTHER = "overig", _("Overig")


class PeerSupportConversation(models.Model):
    """A conversation of the peer-support team (bedrijfsopvangteam, BOT) with a colleague.

    Deliberately without names or free text: only what the annual figures count.
    """

    # Page cache: counted in the statistics (their own cache per year), never shown on a page.
    page_cache_scopes = ()

    reference = models.CharField(_("kenmerk"), max_length=30, unique=True, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="vpd_peer_support_conversations",
        verbose_name=_("geregistreerd door"),
    )
    date = models.DateField(_("datum"))
    department = models.ForeignKey(
        "home.Department",
        on_delete=models.PROTECT,
        related_name="vpd_conversations",
        verbose_name=_("organisatieonderdeel"),
    )
    sequence = models.CharField(_("gesprek"), max_length=20, choices=ConversationSequence.choices)
    referred = models.BooleanField(_("doorverwezen naar bedrijfsmaatschappelijk werk"), default=False)
    event = models.CharField(_("soort gebeurtenis"), max_length=20, choices=EventKind.choices)
    created_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("opvanggesprek")
        verbose_name_plural = _("opvanggesprekken")
        # The annual figures filter on the date's year and group by every column they count in one
        # query: this index covers it (an index-only scan) and serves every filter on the date alone.
        indexes = [
            models.Index(
                fields=["date", "sequence", "event", "department", "referred"],
                name="vpd_peer_support_statistics",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_sequence_display()}, {self.date:%d-%m-%Y})"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference("BOT")
        super().save(*args, **kwargs)


# The perpetrator-focused approach lives in a module of its own (issue #18, the manager's part).
from vpd.perpetrator import FollowUpTask, WarningLetterTemplate  # noqa: E402, F401
