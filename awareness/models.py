"""The awareness room: the year-round calendar, the Week van de Weerbaarheid, programme items with
their sessions, registrations with capacity and waitlist, evaluations, introduction meetings with
the integrity declaration, and awareness sessions held in teams."""

from django import forms as django_forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from portal import page_scopes


class Format(models.TextChoices):
    ON_SITE = "on_site", _("Op locatie")
    ONLINE = "online", _("Online")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Alle medewerkers")
    MANAGERS = "managers", _("Leidinggevenden")
    FRONT_OFFICE = "front_office", _("Medewerkers met klantcontact")
    NEW_EMPLOYEES = "new_employees", _("Nieuwe medewerkers")


class ItemKind(models.TextChoices):
    MASTERCLASS = "masterclass", _("Masterclass")
    EXCURSION = "excursion", _("Excursie")
    TALK = "talk", _("Gesprek of presentatie")
    VISIT = "visit", _("Bezoek")
    TEAM_SESSION = "team_session", _("Teamsessie")
    WORKSHOP = "workshop", _("Workshop")


class CalendarPage(Page):
    """The awareness calendar: every upcoming and past activity, as a list or a month, with filters.

    Employees use it to find activities on integrity, aggression and violence, data protection and
    undermining; editors place programme items and Week van de Weerbaarheid editions under it.
    """

    # Page cache: shows sessions, places left and evaluations (portal/page_scopes.py).
    page_cache_depends_on = (page_scopes.SESSIONS,)

    intro = models.TextField(_("inleiding"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = ["awareness.EditionPage", "awareness.ProgrammeItemPage"]
    template = "awareness/calendar_page.html"

    class Meta:
        verbose_name = _("kalender")

    def get_context(self, request, *args, **kwargs):
        from awareness.calendar import calendar_context

        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_context(self, request))
        return context


class EditionPage(Page):
    """One Week van de Weerbaarheid: groups its programme items and shows their evaluation."""

    # Page cache: shows sessions, places left and evaluations (portal/page_scopes.py).
    page_cache_depends_on = (page_scopes.SESSIONS,)

    year = models.PositiveIntegerField(_("jaar"))
    start_date = models.DateField(_("eerste dag"))
    end_date = models.DateField(_("laatste dag"))
    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [
        FieldPanel("year"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("intro"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["awareness.CalendarPage"]
    subpage_types = ["awareness.ProgrammeItemPage"]
    template = "awareness/edition_page.html"

    class Meta:
        verbose_name = _("editie van de Week van de Weerbaarheid")

    def get_context(self, request, *args, **kwargs):
        from awareness.calendar import localize_items

        context = super().get_context(request, *args, **kwargs)
        # Sessions and evaluations belong to the Dutch items: a translated edition lists those, shown
        # under their translations (awareness.calendar.localize_items).
        source = self
        if self.locale.language_code != default_language():
            source = self.get_translation_or_none(Locale.get_default()) or self
        items = list(
            ProgrammeItemPage.objects.child_of(source)
            .live()
            .specific()
            .prefetch_related("themes", "sessions")
            .annotate(
                evaluation_count=Count("sessions__registrations__evaluation"),
                evaluation_average=models.Avg("sessions__registrations__evaluation__rating"),
            )
        )
        localize_items(items, self.locale_id, request)
        context["items"] = items
        context["min_evaluations"] = MIN_EVALUATIONS_SHOWN
        return context


#: Evaluation results are shown on the edition page only from this many responses (anonymity).
MIN_EVALUATIONS_SHOWN = 5


def themes_in(themes, locale_id: int) -> dict:
    """{translation key: translation in `locale_id`} of the themes, in one query."""
    from home.models import Theme

    keys = {theme.translation_key for theme in themes}
    return {
        theme.translation_key: theme
        for theme in Theme.objects.filter(locale_id=locale_id, translation_key__in=keys)
    }


def default_language() -> str:
    """The language of the source pages (Dutch): sessions and registrations belong to those."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


class ProgrammeItemPage(Page):
    """An activity in the calendar (masterclass, excursion, talk, visit, team session) with sessions.

    Employees read what it is about and register for one of its sessions; its organiser sees the
    registrations, the waitlist and the check-in list.
    """

    # Page cache: shows sessions, places left and evaluations (portal/page_scopes.py).
    page_cache_depends_on = (page_scopes.SESSIONS,)

    search_section = "agenda"

    kind = models.CharField(_("soort"), max_length=20, choices=ItemKind.choices, default=ItemKind.MASTERCLASS)
    description = RichTextField(_("omschrijving"), features=["bold", "italic", "link", "ul", "ol"])
    themes = ParentalManyToManyField("home.Theme", verbose_name=_("thema's"), blank=True, related_name="+")
    audience = models.CharField(
        _("doelgroep"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    departments = ParentalManyToManyField(
        "home.Department",
        verbose_name=_("voor organisatieonderdelen"),
        blank=True,
        related_name="+",
        help_text=_("Leeg: voor de hele organisatie."),
    )
    speaker = models.CharField(_("spreker of organisator"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisator in het portaal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ziet de aanmeldingen en de presentielijst."),
    )
    # The Week van de Weerbaarheid this item belongs to (derived from the parent page).
    edition = models.ForeignKey(
        EditionPage, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("themes", widget=django_forms.CheckboxSelectMultiple),
        FieldPanel("audience"),
        FieldPanel("departments"),
        FieldPanel("speaker"),
        FieldPanel("organiser"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("speaker"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["awareness.CalendarPage", "awareness.EditionPage"]
    subpage_types: list[str] = []
    template = "awareness/programme_item_page.html"

    class Meta:
        verbose_name = _("programmaonderdeel")
        verbose_name_plural = _("programmaonderdelen")

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        self.edition_id = parent.id if parent is not None and parent.specific_class is EditionPage else None
        return super().save(*args, **kwargs)

    def own_sessions(self):
        """The item's sessions. They belong to the Dutch (default-language) page; a translation shows
        its source's, matched on the translation key in the same query."""
        return Session.objects.with_counts().filter(
            item__translation_key=self.translation_key, item__locale__language_code=default_language()
        )

    def localized_themes(self) -> list:
        """The item's themes in the page's language (themes are chosen on the Dutch page)."""
        themes = list(self.themes.all())
        if not themes or themes[0].locale_id == self.locale_id:
            return themes
        translated = themes_in(themes, self.locale_id)
        return [translated.get(theme.translation_key, theme) for theme in themes]

    def search_result_context(self) -> dict:
        """What the site search shows beside this item: the next session's date and places left."""
        return type(self).search_result_contexts([self])[self.pk]

    @classmethod
    def search_result_contexts(cls, items) -> dict[int, dict]:
        """`search_result_context` of a page of search results at once (by page id): the next
        session of every item in one query, not one per result."""
        keys = {item.translation_key for item in items}
        upcoming = (
            Session.objects.with_counts()
            .filter(
                item__translation_key__in=keys,
                item__locale__language_code=default_language(),
                start__gte=timezone.now(),
                cancelled=False,
            )
            .annotate(item_key=models.F("item__translation_key"))
            .order_by("start", "pk")
        )
        first: dict = {}
        for session in upcoming:
            first.setdefault(session.item_key, session)
        contexts = {}
        for item in items:
            session = first.get(item.translation_key)
            if session is None:
                contexts[item.pk] = {"date": None, "places_left": None, "is_past": True}
            else:
                contexts[item.pk] = {
                    "date": session.start,
                    "places_left": session.places_left,
                    "session": session,  # its places left are a part the page cache fills in
                    "is_past": False,
                }
        return contexts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Where the person stands per session is a personal part (awareness/holes.py), so the page
        # is cached for everyone.
        context["sessions"] = list(self.own_sessions().order_by("start"))
        context["themes"] = self.localized_themes()
        return context


class SessionQuerySet(models.QuerySet):
    def with_counts(self):
        return self.select_related("item").annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed")),
            waitlist_count=Count("registrations", filter=Q(registrations__status="waitlisted")),
        )

    def upcoming(self):
        return self.filter(end__gte=timezone.now())


class Session(models.Model):
    """One occurrence of a programme item: when, where (or online), and how many places."""

    # Page cache: places left show on the calendar, programme items and search results.
    page_cache_scopes = (page_scopes.SESSIONS,)

    item = models.ForeignKey(
        ProgrammeItemPage,
        verbose_name=_("programmaonderdeel"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    start = models.DateTimeField(_("begin"))
    end = models.DateTimeField(_("einde"))
    format = models.CharField(_("vorm"), max_length=10, choices=Format.choices, default=Format.ON_SITE)
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    online_link = models.URLField(_("link naar online bijeenkomst"), blank=True)
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), null=True, blank=True, help_text=_("Leeg: onbeperkt.")
    )
    registration_closes = models.DateTimeField(
        _("aanmelden kan tot"), null=True, blank=True, help_text=_("Leeg: tot het begin.")
    )
    cancelled = models.BooleanField(_("gaat niet door"), default=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="awareness_session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.title} · {timezone.localtime(self.start):%d-%m-%Y %H:%M}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Het einde moet na het begin liggen.")})
        if self.format == Format.ONLINE and not self.online_link:
            raise ValidationError({"online_link": _("Geef de link naar de online bijeenkomst.")})
        if self.pk and self.capacity is not None:
            confirmed = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
            if self.capacity < confirmed:
                raise ValidationError(
                    {
                        "capacity": _(
                            "Er zijn al %(count)s bevestigde aanmeldingen; minder plaatsen kan niet."
                        )
                        % {"count": confirmed}
                    }
                )

    @property
    def closes_at(self):
        return self.registration_closes or self.start

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_open(self) -> bool:
        return not self.cancelled and timezone.now() < self.closes_at

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.registrations.filter(status=Registration.Status.CONFIRMED).count()
        return self.places_left_of(self.capacity, confirmed)

    @staticmethod
    def places_left_of(capacity: int | None, confirmed: int) -> int | None:
        """Places left with this capacity (None: unlimited) and this many confirmed."""
        return None if capacity is None else max(capacity - confirmed, 0)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0


class Registration(models.Model):
    """A colleague's registration for a session: confirmed, on the waitlist, or cancelled."""

    # Page cache: a sign-up changes the places left, and nothing else anyone sees; the cached
    # calendar and search results fill places left in on every request (awareness/holes.py).
    page_cache_scopes = ()

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Aangemeld")
        WAITLISTED = "waitlisted", _("Op de wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")

    session = models.ForeignKey(
        Session, verbose_name=_("sessie"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="awareness_registrations",
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    department = models.ForeignKey(
        "home.Department",
        verbose_name=_("organisatieonderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd"), null=True, blank=True)
    evaluation_requested_at = models.DateTimeField(_("evaluatie gevraagd"), null=True, blank=True)
    # The language the person signed up in: the e-mails about this registration speak it and name
    # the activity by its title in that language (awareness.services).
    language = models.CharField(_("taal"), max_length=8, default="nl")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=~Q(status="cancelled"),
                name="awareness_one_active_registration_per_person",
            )
        ]
        # Places per session and status (the session lists), and the annual figures: the year's
        # confirmed registrations grouped by e-mail address come from this index alone.
        indexes = [models.Index(fields=["session", "status", "email"], name="awareness_registration_counts")]

    def __str__(self) -> str:
        return f"{self.name} · {self.session}"


class Evaluation(models.Model):
    """A participant's short evaluation of a session they attended (rating, what was useful, comment)."""

    # Page cache: the edition page shows the evaluations' count and average per item.
    page_cache_scopes = (page_scopes.SESSIONS,)

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="evaluation")
    rating = models.PositiveSmallIntegerField(
        _("cijfer"), choices=[(n, str(n)) for n in range(1, 6)], help_text=_("1 = slecht, 5 = uitstekend")
    )
    useful = models.TextField(_("wat had je eraan?"), blank=True)
    comment = models.TextField(_("opmerkingen"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="awareness_rating_1_to_5")
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 · {self.registration.session}"


class IntroductionMeeting(models.Model):
    """An introduction meeting for new colleagues, where they take the integrity declaration."""

    # Page cache: introduction meetings are managed in the admin and counted in the statistics.
    page_cache_scopes = ()

    title = models.CharField(
        _("titel"), max_length=200, default=_("Introductiebijeenkomst nieuwe medewerkers")
    )
    start = models.DateTimeField(_("begin"))
    end = models.DateTimeField(_("einde"))
    format = models.CharField(_("vorm"), max_length=10, choices=Format.choices, default=Format.ON_SITE)
    location = models.CharField(_("locatie"), max_length=200, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("start"),
        FieldPanel("end"),
        FieldPanel("format"),
        FieldPanel("location"),
    ]

    class Meta:
        ordering = ["-start"]
        verbose_name = _("introductiebijeenkomst")
        verbose_name_plural = _("introductiebijeenkomsten")

    def __str__(self) -> str:
        return f"{self.title} · {timezone.localtime(self.start):%d-%m-%Y}"


class Declaration(models.TextChoices):
    OATH = "oath", _("Eed")
    AFFIRMATION = "affirmation", _("Belofte")


class IntroductionAttendance(models.Model):
    """A new colleague's attendance at an introduction meeting and their integrity declaration.

    HR (the administrator role) sees who took the declaration, when and administered by whom.
    """

    # Page cache: counted in the statistics (their own cache per year), never shown on a page.
    page_cache_scopes = ()

    meeting = models.ForeignKey(
        IntroductionMeeting,
        verbose_name=_("bijeenkomst"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introduction_attendances",
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    department = models.ForeignKey(
        "home.Department",
        verbose_name=_("organisatieonderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declaration = models.CharField(_("verklaring"), max_length=12, choices=Declaration.choices, blank=True)
    declaration_date = models.DateField(_("datum verklaring"), null=True, blank=True)
    administered_by = models.CharField(_("afgenomen door"), max_length=200, blank=True)

    panels = [
        FieldPanel("meeting"),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("department"),
        FieldPanel("declaration"),
        FieldPanel("declaration_date"),
        FieldPanel("administered_by"),
    ]

    class Meta:
        ordering = ["meeting__start", "name"]
        verbose_name = _("aanwezigheid bij introductie")
        verbose_name_plural = _("aanwezigen bij introducties")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"], name="awareness_one_attendance_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.meeting}"

    def clean(self):
        if bool(self.declaration) != bool(self.declaration_date):
            raise ValidationError(_("Vul bij een afgelegde verklaring zowel de soort als de datum in."))


class TeamSessionMethod(models.TextChoices):
    MORAL_JUDGEMENT = "moral_judgement", _("Moreel beraad")
    DILEMMA_GAME = "dilemma_game", _("Dilemmaspel")
    CASE_DISCUSSION = "case_discussion", _("Casusbespreking")
    PRESENTATION = "presentation", _("Presentatie")
    OTHER = "other", _("Anders")


class TeamSession(models.Model):
    """An awareness session a department held in its own team; feeds the annual statistics."""

    # Page cache: counted in the statistics (their own cache per year), never shown on a page.
    page_cache_scopes = ()

    date = models.DateField(_("datum"))
    department = models.ForeignKey(
        "home.Department", verbose_name=_("organisatieonderdeel"), on_delete=models.PROTECT, related_name="+"
    )
    theme = models.ForeignKey(
        "home.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    participants = models.PositiveIntegerField(_("aantal deelnemers"))
    method = models.CharField(_("werkvorm"), max_length=20, choices=TeamSessionMethod.choices)
    notes = models.TextField(_("toelichting"), blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("department"),
        FieldPanel("theme"),
        FieldPanel("participants"),
        FieldPanel("method"),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("teamsessie")
        verbose_name_plural = _("teamsessies")

    def __str__(self) -> str:
        return f"{self.department} · {self.date:%d-%m-%Y}"
