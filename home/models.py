"""Pages and snippets of the content room: the home page, content and index pages, the code of
conduct, the protocols, departments, themes and contacts; plus who read the code of conduct
(read confirmations), employees' departments and review reminders."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.blocks import (
    CONTACT_KINDS,
    ChangeBlock,
    ChaptersBlock,
    ContentStreamBlock,
    ProgrammeLineBlock,
    StepsBlock,
)


@register_snippet
class Department(models.Model):
    """An organisational unit (organisatieonderdeel) such as Werk & Inkomen or Stadsbedrijven.

    Reports, incidents, registrations and teams name the department they concern; the annual
    statistics break figures down by it.
    """

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("korte naam in URL's"), max_length=60, unique=True)
    abbreviation = models.CharField(_("afkorting"), max_length=20, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("abbreviation")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatieonderdeel")
        verbose_name_plural = _("organisatieonderdelen")

    def __str__(self) -> str:
        return self.name


@register_snippet
class Theme(TranslatableMixin, models.Model):
    """A theme of the programme (integrity, aggression and violence, data protection, undermining).

    Activities in the calendar, content pages and dilemmas are tagged with themes so that people
    can filter on what concerns them. Translatable: the English name is a translation.
    """

    name = models.CharField(_("naam"), max_length=80)
    slug = models.SlugField(_("korte naam in URL's"), max_length=60)
    description = models.TextField(_("omschrijving"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """Someone employees can turn to: a confidential advisor, the integrity office, the peer-support
    team. Content pages show them as contact cards or lists (phone, email, when reachable)."""

    name = models.CharField(_("naam"), max_length=120)
    kind = models.CharField(_("soort"), max_length=30, choices=CONTACT_KINDS, default="confidential_advisor")
    role = models.CharField(_("rol of functie"), max_length=160, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("organisatieonderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    availability = models.CharField(_("bereikbaarheid"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("role"),
        FieldPanel("department"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("availability"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["kind", "sort_order", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class EmployeeProfile(models.Model):
    """What the portal knows about an employee beyond their account: their department.

    Used to count read confirmations per department; other apps may use it for a user's department.
    """

    # Page cache: a person's department: used for counts, never on a cached page.
    page_cache_scopes = ()

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="employee_profile",
        verbose_name=_("gebruiker"),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("organisatieonderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee_profiles",
    )

    panels = [FieldPanel("user"), FieldPanel("department")]

    class Meta:
        verbose_name = _("medewerkersprofiel")
        verbose_name_plural = _("medewerkersprofielen")

    def __str__(self) -> str:
        return str(self.user)


class HomePage(Page):
    """The start page of the portal: the programme's four lines and where to go from here."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])
    lines = StreamField(
        [("line", ProgrammeLineBlock())],
        verbose_name=_("lijnen van het programma"),
        blank=True,
        use_json_field=True,
    )

    advisors_page = models.ForeignKey(
        Page,
        verbose_name=_("pagina van de vertrouwenspersonen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Waar de snelle actie 'Vertrouwenspersoon spreken' naartoe gaat."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("lines"),
        FieldPanel("advisors_page"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        from home.personal_home import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, request))
        return context

    def route(self, request, path_components):
        """Pages not translated yet fall back to the Dutch page (its template shows a notice).

        Where a path led is remembered per content generation (portal/routing.py)."""
        try:
            return super().route(request, path_components)
        except Http404:
            default = Locale.get_default()
            source = None if self.locale_id == default.id else self.get_translation_or_none(default)
            if source is None or not path_components:
                raise
            return source.specific.route(request, path_components)


class ContentPage(Page):
    """A generic page editors write: a section landing page or an article of guidance.

    Every content page (and the code of conduct and protocols, which extend it) has an owner and a
    next-review date; overdue pages show up in the admin report and their owners get a reminder.
    """

    intro = models.TextField(_("inleiding"), blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("inhoud"), blank=True, use_json_field=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar (persoon)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("eigenaar (groep)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    next_review_date = models.DateField(_("volgende herziening"), null=True, blank=True)
    # The section's entry point: one primary action shown as a button under the introduction.
    primary_action_text = models.CharField(_("tekst van de hoofdactie"), max_length=80, blank=True)
    primary_action_page = models.ForeignKey(
        Page,
        verbose_name=_("hoofdactie: pagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_action_url = models.CharField(
        _("hoofdactie: adres"),
        max_length=300,
        blank=True,
        help_text=_("Een adres in het portaal zoals /nl/melding/, als de actie geen pagina is."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("primary_action_text"),
                FieldPanel("primary_action_page"),
                FieldPanel("primary_action_url"),
            ],
            heading=_("Hoofdactie (knop)"),
        ),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("owner_user"), FieldPanel("owner_group"), FieldPanel("next_review_date")],
            heading=_("Eigenaar en herziening"),
        )
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    search_section = "inhoud"

    class Meta:
        verbose_name = _("inhoudspagina")

    def review_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.next_review_date is not None and self.next_review_date < today

    def clean(self):
        super().clean()
        from home.section_actions import validate_primary_action

        validate_primary_action(self)

    def get_context(self, request, *args, **kwargs):
        from home.feedback import feedback_allowed
        from home.section_actions import primary_action

        context = super().get_context(request, *args, **kwargs)
        context["primary_action"] = primary_action(self, request)
        context["feedback_allowed"] = feedback_allowed(self)
        return context


class IndexPage(ContentPage):
    """An overview page: an introduction and a card for each page below it."""

    search_section = "inhoud"

    class Meta:
        verbose_name = _("overzichtspagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context


class CodeOfConductPage(ContentPage):
    """The code of conduct (gedragscode): chapters and articles with stable anchors, the integrity
    declaration (oath and affirmation), the version in force and a public list of changes. Employees
    confirm they have read the current version; the page is also printable and downloadable as PDF.
    """

    version = models.CharField(_("versie"), max_length=20)
    effective_date = models.DateField(_("datum van ingang"))
    chapters = StreamField(ChaptersBlock(), verbose_name=_("hoofdstukken"), use_json_field=True)
    declaration_intro = models.TextField(_("inleiding integriteitsverklaring"), blank=True)
    oath_text = models.TextField(_("tekst van de eed"))
    affirmation_text = models.TextField(_("tekst van de belofte"))
    changes = StreamField(
        [("change", ChangeBlock())], verbose_name=_("wijzigingen per versie"), blank=True, use_json_field=True
    )

    content_panels = ContentPage.content_panels + [
        MultiFieldPanel([FieldPanel("version"), FieldPanel("effective_date")], heading=_("Versie")),
        FieldPanel("chapters"),
        MultiFieldPanel(
            [FieldPanel("declaration_intro"), FieldPanel("oath_text"), FieldPanel("affirmation_text")],
            heading=_("Integriteitsverklaring"),
        ),
        FieldPanel("changes"),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("chapters"),
        index.SearchField("declaration_intro"),
        index.SearchField("oath_text"),
        index.SearchField("affirmation_text"),
    ]
    search_section = "gedragscode"

    class Meta:
        verbose_name = _("gedragscode")

    def table_of_contents(self) -> list[dict]:
        """Chapters with their articles, as (title, anchor) pairs, in page order."""
        toc = []
        for chapter in self.chapters:
            toc.append(
                {
                    "title": chapter.value["title"],
                    "anchor": chapter.value["anchor"],
                    "articles": [
                        {"number": a["number"], "title": a["title"], "anchor": a["anchor"]}
                        for a in chapter.value["articles"]
                    ],
                }
            )
        return toc

    def search_anchors(self) -> list[tuple[str, str]]:
        """(anchor, plain text) per article, so a search result opens the article that matched."""
        from django.utils.html import strip_tags

        parts = []
        for chapter in self.chapters:
            for article in chapter.value["articles"]:
                dilemmas = " ".join(
                    f"{d.get('title', '')} {d.get('situation', '')}" for d in article.get("dilemmas") or []
                )
                text = f"{article['number']} {article['title']} {article['text'].source} {dilemmas}"
                parts.append((article["anchor"], strip_tags(text)))
        return parts

    def anchors(self) -> list[str]:
        return [
            a
            for chapter in self.table_of_contents()
            for a in [chapter["anchor"]] + [x["anchor"] for x in chapter["articles"]]
        ]

    def source_page(self) -> "CodeOfConductPage":
        """The page in the default language: confirmations are stored against it."""
        # The page's own locale (which its template shows anyway) tells whether it is the default
        # one: no query for the default locale on every render of the page in that language.
        if self.locale.language_code == get_supported_content_language_variant(settings.LANGUAGE_CODE):
            return self
        source = self.get_translation_or_none(Locale.get_default())
        return source.specific if source is not None else self

    def confirmation_version(self) -> str:
        """The version everyone must have confirmed: the latest one that asked for confirmation."""
        source = self.source_page()
        asking = [c.value for c in source.changes if c.value.get("ask_confirmation")]
        if not asking:
            return source.version
        return max(asking, key=lambda change: change["date"])["version"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Called by the template when it renders the contents, which it keeps per publish.
        context["toc"] = self.table_of_contents
        # The confirmation itself is personal: a hole filled per person (home/holes.py), so the
        # rest of the page stays in the shared page cache.
        context["confirmation_version"] = self.confirmation_version()
        return context


class ProtocolPage(ContentPage):
    """A protocol (the investigation protocol, the VPD protocol): its process as ordered steps, drawn
    as an infographic from the step data, followed by the page's other content."""

    steps_heading = models.CharField(_("kop boven de stappen"), max_length=160, blank=True)
    steps = StreamField(StepsBlock(), verbose_name=_("processtappen"), use_json_field=True)

    content_panels = ContentPage.content_panels[:2] + [
        FieldPanel("steps_heading"),
        FieldPanel("steps"),
        FieldPanel("body"),
    ]
    search_fields = ContentPage.search_fields + [index.SearchField("steps")]
    search_section = "protocollen"

    class Meta:
        verbose_name = _("protocol")

    def step_list(self) -> list[dict]:
        return [dict(step.value, number=number) for number, step in enumerate(self.steps, start=1)]

    def get_context(self, request, *args, **kwargs):
        from home.infographic import flow_diagram

        context = super().get_context(request, *args, **kwargs)
        context["diagram"] = flow_diagram(self.step_list())
        return context


class ReadConfirmation(models.Model):
    """An employee's confirmation that they read a version of the code of conduct ("must read")."""

    # Shown only in a personal hole of the page (home/holes.py) and in the rates view, never in a
    # cached page: thousands of confirmations in a morning must not empty the page cache each time.
    page_cache_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="read_confirmations",
        verbose_name=_("gebruiker"),
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina"))
    version = models.CharField(_("versie"), max_length=20)
    confirmed_at = models.DateTimeField(_("bevestigd op"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "version"], name="home_one_confirmation_per_version"
            )
        ]
        indexes = [models.Index(fields=["page", "version"])]
        verbose_name = _("leesbevestiging")
        verbose_name_plural = _("leesbevestigingen")

    def __str__(self) -> str:
        return f"{self.user} · {self.version}"


class ReviewReminder(models.Model):
    """A reminder sent to a page's owner that the page is due for review (one per review date)."""

    # Page cache: a record of reminders sent to page owners.
    page_cache_scopes = ()

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina"))
    review_date = models.DateField(_("herzieningsdatum"))
    recipients = models.TextField(_("ontvangers"), blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "review_date"], name="home_one_reminder_per_review")
        ]
        verbose_name = _("herinnering herziening")
        verbose_name_plural = _("herinneringen herziening")

    def __str__(self) -> str:
        return f"{self.page_id} · {self.review_date}"


class LegalKind(models.TextChoices):
    EXTERNAL_REPORTING = "external_reporting", _("Extern melden")
    PRIVACY_REPORTERS = "privacy_reporters", _("Privacyverklaring voor melders")
    PRIVACY_EMPLOYEES = "privacy_employees", _("Privacyverklaring voor medewerkers")
    ACCESSIBILITY = "accessibility", _("Toegankelijkheidsverklaring")


class LegalPage(ContentPage):
    """A text the law requires (external reporting, privacy statements, accessibility statement).

    Read at a fixed address open to everyone, also signed out (home/legal.py): the footer of every
    page and the report form link there. The page's own tree address redirects to it.
    """

    kind = models.CharField(_("soort tekst"), max_length=30, choices=LegalKind.choices)

    content_panels = ContentPage.content_panels + [FieldPanel("kind")]
    search_section = "inhoud"

    class Meta:
        verbose_name = _("wettelijke tekst")
        verbose_name_plural = _("wettelijke teksten")

    def clean(self):
        super().clean()
        others = LegalPage.objects.filter(kind=self.kind, locale_id=self.locale_id).exclude(pk=self.pk)
        if self.kind and others.exists():
            raise ValidationError({"kind": _("Er is al een pagina met deze soort tekst in deze taal.")})

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        from home.legal import legal_url

        return redirect(legal_url(self.kind, self.locale.language_code))


from home.feedback import PageFeedback  # noqa: E402, F401 - the model lives with its rules
from home.subscriptions import Digest, MustReadReminder, Subscription  # noqa: E402,F401
