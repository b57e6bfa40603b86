"""Pages and snippets of the content room: the home page and the organisation's departments."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.blocks import ProgrammeLineBlock


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


class HomePage(Page):
    """The start page of the portal: the programme's four lines and where to go from here."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])
    lines = StreamField(
        [("line", ProgrammeLineBlock())],
        verbose_name=_("lijnen van het programma"),
        blank=True,
        use_json_field=True,
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("lines")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("startpagina")


class ContentPage(Page):
    """A generic page editors write: a section landing page or an article of guidance."""

    intro = models.TextField(_("inleiding"), blank=True)
    body = StreamField(
        [("paragraph", blocks.RichTextBlock(label=_("tekst")))],
        verbose_name=_("inhoud"),
        blank=True,
        use_json_field=True,
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("inhoudspagina")
