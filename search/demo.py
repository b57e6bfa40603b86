"""Demo promoted search results: "melden" leads to reporting, "vertrouwenspersoon" to the contacts.

Until the report form and the contacts page exist on this branch, both point at the "Melden en
opvolging" section (`/nl/melden/`); a page with slug `vertrouwenspersonen`, `contacten` or `contact`
is preferred for "vertrouwenspersoon" as soon as one exists.
"""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

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
