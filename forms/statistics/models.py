"""Models of the annual statistics: historical figures, the employee survey and the annual report page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from forms.statistics.blocks import SectionContentBlock
from portal import page_scopes

FIRST_YEAR = 2000


def max_year() -> int:
    """The last year anything can have figures for: next year (a report is written after its year)."""
    from django.utils import timezone

    return timezone.now().year + 1


class HistoricalFigure(models.Model):
    """A figure of a year before the portal existed, entered by an editor from an earlier annual report.

    The statistics use it only where the portal has no records for that year and source, so that
    2021 can be compared with 2020 and 2019. The key names the figure as in the export, e.g.
    `integrity_reports.total`, `public_aggression.by_type.persoonlijke-bedreiging` or
    `confidential_advisors.by_department.stadsbedrijven` (a department's slug).
    """

    # Page cache: shown on the annual report of its year (and the next).
    page_cache_scopes = staticmethod(lambda figure: [page_scopes.statistics(figure.year)])

    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
    )
    key = models.CharField(
        _("cijfer"),
        max_length=200,
        help_text=_(
            "Zoals in de export, bijvoorbeeld integrity_reports.total of "
            "public_aggression.by_type.persoonlijke-bedreiging."
        ),
        validators=[
            models.fields.validators.RegexValidator(
                r"^[a-z_]+(\.[a-z0-9_-]+)+$", _("Gebruik de sleutel zoals in de export: woorden met punten.")
            )
        ],
    )
    value = models.PositiveIntegerField(_("waarde"))
    note = models.CharField(_("bron of toelichting"), max_length=200, blank=True)

    panels = [FieldPanel("year"), FieldPanel("key"), FieldPanel("value"), FieldPanel("note")]

    class Meta:
        ordering = ["-year", "key"]
        constraints = [models.UniqueConstraint(fields=["year", "key"], name="statistics_historical_year_key")]
        verbose_name = _("historisch cijfer")
        verbose_name_plural = _("historische cijfers")

    def __str__(self) -> str:
        return f"{self.year} {self.key} = {self.value}"

    def conflicts_with_records(self) -> bool:
        """True when the portal has records of this figure's source for the same year (records win)."""
        from forms.statistics.service import has_records_for

        return has_records_for(self.key, self.year)


class EmployeeSurvey(models.Model):
    """The employee survey's answer to 'did you experience unwanted behaviour?' for one year.

    Editors enter the number of respondents and how many answered yes; for years where only the
    published percentage is known, they enter just that percentage.
    """

    # Page cache: shown on the annual report of its year (and the next).
    page_cache_scopes = staticmethod(lambda figure: [page_scopes.statistics(figure.year)])

    year = models.PositiveSmallIntegerField(
        _("jaar"), unique=True, validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
    )
    respondents = models.PositiveIntegerField(_("aantal deelnemers"), null=True, blank=True)
    experienced = models.PositiveIntegerField(_("aantal dat 'ja' antwoordde"), null=True, blank=True)
    percentage = models.DecimalField(
        _("percentage 'ja' (alleen als aantallen onbekend zijn)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    panels = [
        FieldPanel("year"),
        FieldPanel("respondents"),
        FieldPanel("experienced"),
        FieldPanel("percentage"),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("medewerkersonderzoek")
        verbose_name_plural = _("medewerkersonderzoeken")

    def __str__(self) -> str:
        return str(_("Medewerkersonderzoek {year}")).format(year=self.year)

    def clean(self):
        if (self.respondents is None) != (self.experienced is None):
            raise ValidationError(
                _("Vul zowel het aantal deelnemers als het aantal 'ja' in, of geen van beide.")
            )
        if self.respondents is not None and self.experienced > self.respondents:
            raise ValidationError({"experienced": _("Er kunnen niet meer 'ja' zijn dan deelnemers.")})
        if self.respondents is None and self.percentage is None:
            raise ValidationError(_("Vul de aantallen in, of het percentage als alleen dat bekend is."))


class AnnualReportPage(RoutablePageMixin, Page):
    """The annual report (jaarverslag) of one year: the editors' narrative with live figures.

    The figures come from the statistics service, computed from what people submit in the portal
    (and historical figures for earlier years). Every chapter of the report is shown, with its
    figures, even when the editors have not written anything for it yet.
    """

    search_section = "jaarverslag"

    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
    )
    intro = RichTextField(_("voorwoord"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    body = StreamField(
        [("section", SectionContentBlock())],
        verbose_name=_("hoofdstukken"),
        blank=True,
        use_json_field=True,
    )

    content_panels = Page.content_panels + [FieldPanel("year"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.ContentPage"]
    subpage_types: list[str] = []
    template = "statistics/annual_report_page.html"
    #: The office sees live figures where others see the published ones (or nothing): one shell
    #: per visibility profile in the page cache (portal/cache.py).
    page_cache_per_role = True

    class Meta:
        verbose_name = _("jaarverslag")
        verbose_name_plural = _("jaarverslagen")

    def page_cache_dependencies(self) -> list[str]:
        """The page cache keeps the report until the figures of its year or the year before change."""
        return [page_scopes.statistics(self.year), page_scopes.statistics(self.year - 1)] if self.year else []

    def clean(self):
        super().clean()
        others = AnnualReportPage.objects.filter(year=self.year, locale_id=self.locale_id).exclude(pk=self.pk)
        if self.year and others.exists():
            raise ValidationError({"year": _("Er is al een jaarverslag over dit jaar.")})

    def get_context(self, request, *args, **kwargs):
        from forms.statistics.views import report_context

        context = super().get_context(request, *args, **kwargs)
        context.update(report_context(self, request))
        return context

    @path("")
    def report(self, request):
        return self.render(request)

    @path("csv/", name="csv")
    def csv(self, request) -> HttpResponse:
        from forms.statistics.views import csv_response, wants_live

        response = csv_response(self.year, request.user, live=wants_live(request))
        if response is None:
            raise Http404
        return response

    @path("xlsx/", name="xlsx")
    def xlsx(self, request) -> HttpResponse:
        from forms.statistics.views import wants_live, xlsx_response

        response = xlsx_response(self.year, request.user, live=wants_live(request))
        if response is None:
            raise Http404
        return response

    def csv_url(self) -> str:
        return self.url + self.reverse_subpage("csv")

    def xlsx_url(self) -> str:
        return self.url + self.reverse_subpage("xlsx")


class StatisticsSnapshot(models.Model):
    """The figures of one year frozen by the integrity office: a draft, or a published version.

    `report` holds the exact figures as the statistics service built them (sections, the previous
    year's figures and where each came from); `hidden` the cells hidden from everyone but the office
    (per unit table, chosen when the snapshot was made and never fewer than in earlier versions).
    A correction is a new published version; `note` says what changed against the version before.
    """

    # Page cache: a published version changes the annual report of its year (and the next).
    page_cache_scopes = staticmethod(lambda snapshot: [page_scopes.statistics(snapshot.year)])

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        PUBLISHED = "published", _("gepubliceerd")

    year = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    version = models.PositiveSmallIntegerField(_("versie"), null=True, blank=True)
    report = models.JSONField(_("cijfers"))
    hidden = models.JSONField(_("verborgen cellen"), default=dict)
    previous_hidden = models.JSONField(_("verborgen cellen van het jaar ervoor"), default=dict)
    data_version = models.CharField(_("dataversie"), max_length=64)
    note = models.TextField(_("correctie"), blank=True)
    reason = models.TextField(_("toelichting"), blank=True)
    shared_with_editors = models.BooleanField(_("gedeeld met redacteuren"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="statistics_snapshot_year_version"),
            models.CheckConstraint(
                condition=models.Q(status="draft", version__isnull=True)
                | models.Q(status="published", version__isnull=False),
                name="statistics_snapshot_published_has_version",
            ),
        ]
        verbose_name = _("momentopname jaarcijfers")
        verbose_name_plural = _("momentopnames jaarcijfers")

    def __str__(self) -> str:
        if self.status == self.Status.PUBLISHED:
            return f"{self.year} v{self.version}"
        return f"{self.year} {self.get_status_display()}"
