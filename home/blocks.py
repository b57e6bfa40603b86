"""StreamField blocks of the content room, shared by every page type of the portal."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ProgrammeLineBlock(blocks.StructBlock):
    """One of the programme's lines of work (awareness, clear agreements, safe workplace, follow-up),
    shown as a card on the home page with a link to where that line lives in the portal."""

    title = blocks.CharBlock(label=_("titel"), max_length=120)
    text = blocks.TextBlock(label=_("tekst"))
    page = blocks.PageChooserBlock(label=_("pagina"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("lijn van het programma")
        template = "home/blocks/programme_line.html"
        description = _("Een van de vier lijnen van het programma, met een link naar de pagina erover.")
        preview_value = {
            "title": "Bewustwording",
            "text": "We werken aan bewustwording, zodat collega's integriteitsvraagstukken herkennen.",
        }
