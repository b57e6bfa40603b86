"""Demo promoted search results: "melden" leads to reporting, "vertrouwenspersoon" to the contacts.
Also two small demo documents (PDFs drawn with reportlab) so documents show up in search.

Until the report form and the contacts page exist on this branch, both point at the "Melden en
opvolging" section (`/nl/melden/`); a page with slug `vertrouwenspersonen`, `contacten` or `contact`
is preferred for "vertrouwenspersoon" as soon as one exists.
"""

from io import BytesIO

from django.core.files.base import ContentFile
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

REPORT_SLUGS = ("melden-formulier", "meldformulier", "melden")
CONTACT_SLUGS = ("vertrouwenspersonen", "contacten", "contact", "melden")

PROMOTIONS = [
    ("melden", REPORT_SLUGS, "Een vermoeden van een integriteitsschending of ongewenst gedrag melden."),
    (
        "vertrouwenspersoon",
        CONTACT_SLUGS,
        "Praat vertrouwelijk met een vertrouwenspersoon: zo vind je er een.",
    ),
]


# (file name, title, lines of text in the PDF, tags)
DOCUMENTS = [
    (
        "handboek-utrechts-personeel-meldregeling.pdf",
        "Handboek Utrechts Personeel \N{EN DASH} meldregeling",
        [
            "Handboek Utrechts Personeel \N{EN DASH} meldregeling",
            "Hoe meld je een vermoeden van een integriteitsschending of ongewenst gedrag?",
            "Meld bij je leidinggevende, een vertrouwenspersoon of het Integriteitsbureau.",
        ],
        ["melden", "integriteit"],
    ),
    (
        "gedragscode-samenvatting.pdf",
        "Gedragscode gemeente Utrecht \N{EN DASH} samenvatting",
        [
            "Gedragscode gemeente Utrecht \N{EN DASH} samenvatting",
            "Wat we van elkaar verwachten: integer, respectvol en zorgvuldig.",
        ],
        ["gedragscode"],
    ),
]


def demo_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the given lines; the same lines always give the same bytes."""
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(lines[0])
    y = A4[1] - 72
    for number, line in enumerate(lines):
        pdf.setFont("Helvetica-Bold" if number == 0 else "Helvetica", 14 if number == 0 else 11)
        pdf.drawString(72, y, line)
        y -= 24
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def load_documents(log) -> None:
    """Create the demo documents once (by title) in the root collection."""
    document_model = get_document_model()
    root = Collection.get_first_root_node()
    made = 0
    for file_name, title, lines, tags in DOCUMENTS:
        if document_model.objects.filter(title=title).exists():
            continue
        content = demo_pdf(lines)
        document = document_model(title=title, collection=root, file_size=len(content))
        document.file.save(file_name, ContentFile(content), save=False)
        document._set_document_file_metadata()
        document.save()
        document.tags.set(tags)
        document.save()  # index the tags too
        made += 1
    log.write(f"  {made} demo documents")


def first_live_page(slugs: tuple[str, ...]) -> Page | None:
    for slug in slugs:
        page = Page.objects.live().filter(slug=slug, locale__language_code="nl").order_by("depth").first()
        if page:
            return page
    return None


def load(log) -> None:
    made = 0
    for query_string, slugs, description in PROMOTIONS:
        page = first_live_page(slugs)
        if page is None:
            log.write(f"  no page to promote for “{query_string}”")
            continue
        query = Query.get(query_string)
        SearchPromotion.objects.update_or_create(
            query=query, sort_order=0, defaults={"page": page, "description": description}
        )
        made += 1
    log.write(f"  {made} promoted search results")
    load_documents(log)
