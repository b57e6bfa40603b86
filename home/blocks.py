"""StreamField blocks of the content room, shared by every page type of the portal.

Every block has an icon, its own template under `home/templates/home/blocks/`, a description and a
preview value. The code of conduct is built from chapter and article blocks, both protocols from
step blocks; the generic blocks (rich text, headings, callouts, ...) serve every content page.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

ANCHOR_HELP = _(
    "Korte naam voor de link naar dit onderdeel (alleen kleine letters, cijfers en streepjes). "
    "Verander hem niet meer na publicatie: andere pagina's en meldingen linken ernaar."
)


class AnchorBlock(blocks.RegexBlock):
    """An editor-set anchor (the `id` a link like `#omgaan-met-elkaar` points at)."""

    def __init__(self, required=True, **kwargs):
        super().__init__(
            regex=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
            required=required,
            max_length=80,
            help_text=ANCHOR_HELP,
            error_messages={
                "invalid": _(
                    "Gebruik alleen kleine letters, cijfers en streepjes, zoals 'omgaan-met-elkaar'."
                )
            },
            **kwargs,
        )


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


RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with links, lists and subheadings: the bulk of every content page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("tekst")
        template = "home/blocks/paragraph.html"
        description = _("Lopende tekst met links, lijsten en tussenkopjes.")
        preview_value = "<p>Integer handelen begint bij weten wat er van je wordt verwacht.</p>"


class HeadingBlock(blocks.StructBlock):
    """A section heading with an optional anchor, so other pages can link to this part of the page."""

    text = blocks.CharBlock(label=_("kop"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("niveau"), choices=[("h2", _("kop 2")), ("h3", _("kop 3"))], default="h2"
    )
    anchor = AnchorBlock(required=False, label=_("anker"))

    class Meta:
        icon = "title"
        label = _("kop met anker")
        template = "home/blocks/heading.html"
        description = _("Een tussenkop, met een anker waar andere pagina's naar kunnen linken.")
        preview_value = {"text": "Waar kun je terecht?", "level": "h2", "anchor": "waar-kun-je-terecht"}


class CalloutBlock(blocks.StructBlock):
    """A notice that stands out from the text: a tip, a warning or an important rule."""

    kind = blocks.ChoiceBlock(
        label=_("soort"),
        choices=[("info", _("informatie")), ("warning", _("let op")), ("ok", _("tip"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("titel"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("tekst"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("opvallende melding")
        template = "home/blocks/callout.html"
        description = _("Een kader dat opvalt: informatie, een waarschuwing of een tip.")
        preview_value = {
            "kind": "warning",
            "title": "Vertrouwelijk",
            "text": "<p>Je melding wordt vertrouwelijk behandeld.</p>",
        }


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("vraag"), max_length=200)
    answer = blocks.RichTextBlock(label=_("antwoord"), features=["bold", "italic", "link", "ul", "ol"])


class AccordionBlock(blocks.StructBlock):
    """Frequently asked questions that open one by one (native <details>, no script needed)."""

    title = blocks.CharBlock(label=_("titel"), max_length=160, required=False)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("vragen"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("veelgestelde vragen")
        template = "home/blocks/accordion.html"
        description = _("Vragen en antwoorden die lezers één voor één openklappen.")
        preview_value = {
            "title": "Veelgestelde vragen",
            "items": [{"question": "Mag ik anoniem melden?", "answer": "<p>Ja.</p>"}],
        }


class LinkBlock(blocks.StructBlock):
    """A link to a page (optionally to an anchor on it) or to an address elsewhere."""

    text = blocks.CharBlock(label=_("linktekst"), max_length=120)
    page = blocks.PageChooserBlock(label=_("pagina"), required=False)
    anchor = AnchorBlock(required=False, label=_("anker op die pagina"))
    url = blocks.URLBlock(label=_("of een adres"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Kies een pagina of vul een adres in."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("link")
        template = "home/blocks/link.html"
        description = _("Een link naar een pagina, een artikel op een pagina of een adres.")
        preview_value = {"text": "Naar de meldregeling", "url": "https://example.org/"}


class DilemmaCardBlock(blocks.StructBlock):
    """A dilemma from daily work: the situation, questions to ask yourself and where to go."""

    title = blocks.CharBlock(label=_("titel"), max_length=160)
    situation = blocks.TextBlock(label=_("situatie"))
    questions = blocks.ListBlock(
        blocks.CharBlock(label=_("vraag"), max_length=240), label=_("vragen om jezelf te stellen"), min_num=1
    )
    where_to_go = blocks.ListBlock(LinkBlock(), label=_("waar kun je terecht"), min_num=1)

    class Meta:
        icon = "help"
        label = _("dilemmakaart")
        template = "home/blocks/dilemma_card.html"
        description = _("Een dilemma uit het werk, met vragen om jezelf te stellen en waar je terecht kunt.")
        preview_value = {
            "title": "Een kerstpakket van een leverancier",
            "situation": "Een leverancier stuurt je een kerstpakket.",
            "questions": ["Wat zou een inwoner ervan vinden?"],
            "where_to_go": [{"text": "Je leidinggevende", "url": "https://example.org/"}],
        }


CONTACT_KINDS = [
    ("confidential_advisor", _("vertrouwenspersoon")),
    ("integrity_office", _("Integriteitsbureau")),
    ("peer_support", _("bedrijfsopvangteam")),
    ("other", _("overig")),
]


class ContactCardBlock(blocks.StructBlock):
    """One contact (a confidential advisor, the integrity office, ...) chosen from the contacts."""

    contact = SnippetChooserBlock("home.Contact", label=_("contact"))

    class Meta:
        icon = "user"
        label = _("contactkaart")
        template = "home/blocks/contact_card.html"
        description = _("Een contactpersoon of -punt met telefoon, e-mail en bereikbaarheid.")


class ContactListBlock(blocks.StructBlock):
    """Every contact of one kind (for example all confidential advisors), always up to date."""

    title = blocks.CharBlock(label=_("titel"), max_length=160, required=False)
    kind = blocks.ChoiceBlock(label=_("soort contact"), choices=CONTACT_KINDS)

    class Meta:
        icon = "group"
        label = _("lijst van contacten")
        template = "home/blocks/contact_list.html"
        description = _("Alle contacten van één soort, zoals alle vertrouwenspersonen.")
        preview_value = {"title": "Vertrouwenspersonen", "kind": "confidential_advisor"}

    def get_context(self, value, parent_context=None):
        from home.models import Contact

        context = super().get_context(value, parent_context)
        context["contacts"] = Contact.objects.filter(kind=value["kind"]).select_related("department")
        return context


class DocumentLinkBlock(blocks.StructBlock):
    """A downloadable document (a form, a regulation) with a title and a short explanation."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("titel"), max_length=160, required=False)
    description = blocks.CharBlock(label=_("toelichting"), max_length=240, required=False)

    class Meta:
        icon = "doc-full"
        label = _("document")
        template = "home/blocks/document_link.html"
        description = _("Een document om te downloaden, met titel en toelichting.")


class ImageBlock(blocks.StructBlock):
    """An image with a required text alternative and an optional caption."""

    image = ImageChooserBlock(label=_("afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("alternatieve tekst"),
        max_length=250,
        help_text=_("Beschrijf wat de afbeelding laat zien, voor wie haar niet kan zien."),
    )
    caption = blocks.CharBlock(label=_("onderschrift"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("afbeelding")
        template = "home/blocks/image.html"
        description = _("Een afbeelding met verplichte alternatieve tekst en een onderschrift.")


class TableBlock(blocks.StructBlock):
    """A table of facts (for example figures per year) with a caption that names it."""

    caption = blocks.CharBlock(label=_("bijschrift"), max_length=200)
    table = WagtailTableBlock(label=_("tabel"))

    class Meta:
        icon = "table"
        label = _("tabel")
        template = "home/blocks/table.html"
        description = _("Een tabel met een bijschrift; de eerste rij is de kop.")
        preview_value = {
            "caption": "Bewustwording in cijfers (2021)",
            "table": {
                "first_row_is_table_header": True,
                "data": [["Activiteit", "Aantal"], ["Introductiebijeenkomsten", "13"]],
            },
        }


class QuoteBlock(blocks.StructBlock):
    """A quotation, for example a reaction of a participant, with who said it."""

    quote = blocks.TextBlock(label=_("citaat"))
    attribution = blocks.CharBlock(label=_("van wie"), max_length=160, required=False)

    class Meta:
        icon = "openquote"
        label = _("citaat")
        template = "home/blocks/quote.html"
        description = _("Een citaat met de naam of rol van wie het zei.")
        preview_value = {"quote": "Het zet je aan tot nadenken.", "attribution": "Deelnemer"}


def content_blocks():
    """The blocks every content page offers (a fresh list each call, as StreamField expects)."""
    return [
        ("paragraph", ParagraphBlock()),
        ("heading", HeadingBlock()),
        ("callout", CalloutBlock()),
        ("accordion", AccordionBlock()),
        ("dilemma", DilemmaCardBlock()),
        ("contact", ContactCardBlock()),
        ("contacts", ContactListBlock()),
        ("document", DocumentLinkBlock()),
        ("image", ImageBlock()),
        ("table", TableBlock()),
        ("quote", QuoteBlock()),
        ("link", LinkBlock()),
    ]


class ContentStreamBlock(blocks.StreamBlock):
    """The body of a content page; checks that anchors of headings are unique on the page."""

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__(local_blocks or content_blocks(), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        anchors = [child.value.get("anchor") for child in value if child.block_type == "heading"]
        raise_on_duplicates(anchors)
        return value


def raise_on_duplicates(anchors) -> None:
    seen, duplicates = set(), []
    for anchor in anchors:
        if not anchor:
            continue
        if anchor in seen and anchor not in duplicates:
            duplicates.append(anchor)
        seen.add(anchor)
    if duplicates:
        raise StreamBlockValidationError(
            non_block_errors=[
                ValidationError(
                    _("Elk anker mag maar één keer op de pagina voorkomen; dubbel: %(anchors)s")
                    % {"anchors": ", ".join(duplicates)}
                )
            ]
        )


# --- Code of conduct -------------------------------------------------------------------------


ARTICLE_PREVIEW = {
    "number": "1.1",
    "title": "Respect",
    "anchor": "respect",
    "text": "<p>We behandelen elkaar en inwoners met respect.</p>",
}


class ArticleBlock(blocks.StructBlock):
    """One article of the code of conduct: a rule people can be held to, with a stable anchor so
    reports, dilemmas and other pages can link straight to it."""

    number = blocks.CharBlock(label=_("nummer"), max_length=10, help_text=_("Bijvoorbeeld 1.2"))
    title = blocks.CharBlock(label=_("titel"), max_length=160)
    anchor = AnchorBlock(label=_("anker"))
    text = blocks.RichTextBlock(label=_("tekst"), features=["bold", "italic", "ol", "ul", "link"])
    dilemmas = blocks.ListBlock(DilemmaCardBlock(), label=_("dilemma's"), default=[])

    class Meta:
        icon = "doc-full"
        label = _("artikel")
        template = "home/blocks/article.html"
        description = _("Een artikel van de gedragscode met een vast anker en eventueel dilemma's.")
        preview_value = ARTICLE_PREVIEW


class ChapterBlock(blocks.StructBlock):
    """A chapter of the code of conduct (for example 'Omgaan met elkaar') holding its articles."""

    title = blocks.CharBlock(label=_("titel"), max_length=160)
    anchor = AnchorBlock(label=_("anker"))
    intro = blocks.TextBlock(label=_("inleiding"), required=False)
    articles = blocks.ListBlock(ArticleBlock(), label=_("artikelen"), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = _("hoofdstuk")
        template = "home/blocks/chapter.html"
        description = _("Een hoofdstuk van de gedragscode met zijn artikelen.")
        preview_value = {
            "title": "Omgaan met elkaar",
            "anchor": "omgaan-met-elkaar",
            "intro": "Hoe we met collega's en inwoners omgaan.",
            "articles": [ARTICLE_PREVIEW],
        }


RESERVED_ANCHORS = {"inhoud", "integriteitsverklaring", "wijzigingen", "bevestigen", "main"}


class ChaptersBlock(blocks.StreamBlock):
    """The chapters of a code of conduct; every chapter and article anchor is unique on the page."""

    chapter = ChapterBlock()

    def clean(self, value):
        value = super().clean(value)
        anchors = []
        for child in value:
            anchors.append(child.value["anchor"])
            anchors.extend(article["anchor"] for article in child.value["articles"])
        reserved = sorted(set(anchors) & RESERVED_ANCHORS)
        if reserved:
            raise StreamBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _("Dit anker is gereserveerd voor de pagina zelf: %(anchors)s")
                        % {"anchors": ", ".join(reserved)}
                    )
                ]
            )
        raise_on_duplicates(anchors)
        return value


class ChangeBlock(blocks.StructBlock):
    """One published version of the code of conduct and what changed in it, for every reader."""

    version = blocks.CharBlock(label=_("versie"), max_length=20)
    date = blocks.DateBlock(label=_("datum van ingang"))
    summary = blocks.RichTextBlock(label=_("wat is er veranderd"), features=["bold", "italic", "ul", "link"])
    ask_confirmation = blocks.BooleanBlock(
        label=_("opnieuw om bevestiging vragen"),
        required=False,
        help_text=_(
            "Aanvinken bij een inhoudelijke wijziging: iedereen moet deze versie opnieuw bevestigen."
        ),
    )

    class Meta:
        icon = "history"
        label = _("wijziging")
        template = "home/blocks/change.html"
        description = _("Een versie van de gedragscode met wat er veranderd is.")
        preview_value = {"version": "2.0", "summary": "<p>Artikel over sociale media toegevoegd.</p>"}


# --- Protocol steps --------------------------------------------------------------------------


PARTIES = [
    ("reporter", _("Melder")),
    ("person_concerned", _("Betrokkene (over wie gemeld is)")),
    ("manager", _("Leidinggevende")),
    ("integrity_office", _("Integriteitsbureau")),
    ("employee", _("Medewerker")),
    ("other", _("Anderen")),
]


class PartyBlock(blocks.StructBlock):
    """The rights and duties of one party in a protocol step."""

    party = blocks.ChoiceBlock(label=_("betrokkene"), choices=PARTIES)
    rights_and_duties = blocks.TextBlock(label=_("rechten en plichten"))


class StepBlock(blocks.StructBlock):
    """One step of a protocol (investigation protocol, VPD protocol): who acts, what happens, the
    rights and duties of each party and the time limit. The protocol page draws its infographic
    from these steps, so editing a step updates the infographic."""

    phase = blocks.CharBlock(
        label=_("fase"),
        max_length=80,
        required=False,
        help_text=_("Optioneel, bijvoorbeeld 'Voorkomen', 'Tijdens een incident', 'Na een incident'."),
    )
    title = blocks.CharBlock(label=_("stap"), max_length=120)
    actor = blocks.CharBlock(label=_("wie doet het"), max_length=120)
    description = blocks.RichTextBlock(
        label=_("wat gebeurt er"), features=["bold", "italic", "ul", "ol", "link"]
    )
    parties = blocks.ListBlock(PartyBlock(), label=_("rechten en plichten"), default=[])
    time_limit = blocks.CharBlock(label=_("termijn"), max_length=120, required=False)

    class Meta:
        icon = "order"
        label = _("processtap")
        template = "home/blocks/step.html"
        description = _("Een stap van een protocol; de infographic wordt uit de stappen opgebouwd.")
        preview_value = {
            "title": "Signaal komt binnen",
            "actor": "Leidinggevende",
            "description": "<p>De leidinggevende ontvangt een signaal en legt het vast.</p>",
            "time_limit": "Binnen 2 werkdagen",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        labels = dict(PARTIES)
        context["parties"] = [
            {"label": labels.get(party["party"], party["party"]), "text": party["rights_and_duties"]}
            for party in value["parties"]
        ]
        context.setdefault("number", (parent_context or {}).get("number"))
        return context


class StepsBlock(blocks.StreamBlock):
    """The ordered steps of a protocol."""

    step = StepBlock()
