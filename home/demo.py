"""Demo content of the content room: departments, the home page with the programme's four lines,
and the sections the other rooms fill in. Texts are drawn from the 2021 annual report."""

from django.utils.text import slugify
from wagtail.models import Locale, Page

from home.models import ContentPage, Department, HomePage, Theme

# name, abbreviation (departments named in the 2021 annual report)
DEPARTMENTS = [
    ("Werk & Inkomen", "W&I"),
    ("Volksgezondheid", ""),
    ("Stadsbedrijven", ""),
    ("Vergunningen, Toezicht & Handhaving", "VTH"),
    ("Ruimte", ""),
    ("BSN", "BSN"),
    ("Wijken", ""),
    ("Publiekszaken", ""),
    ("Openbare Orde en Veiligheid", "OOV"),
    ("Maatschappelijke Ontwikkeling", "MO"),
]

# slug, Dutch name, English name (the themes of the Week van de Weerbaarheid 2021)
THEMES = [
    ("integriteit", "Integriteit", "Integrity"),
    ("agressie-en-geweld", "Agressie en geweld", "Aggression and violence"),
    ("gegevensbescherming", "Gegevensbescherming", "Data protection"),
    ("ondermijning", "Ondermijning", "Undermining"),
]

HOME_INTRO = {
    "nl": (
        "<p>Integriteit en ongewenst gedrag vragen aandacht, zowel van individuele collega's als van "
        "de organisatie. Dat doen we langs vier lijnen.</p>"
    ),
    "en": (
        "<p>Integrity and unwanted behaviour need attention, from individual colleagues and from the "
        "organisation alike. We work along four lines.</p>"
    ),
}

# slug, Dutch title, Dutch line text, English title, English line text
SECTIONS = [
    (
        "bewustwording",
        "Bewustwording",
        "We werken aan bewustwording, zodat collega's integriteitsvraagstukken en ongewenst gedrag "
        "herkennen en weten hoe ze daarmee kunnen omgaan.",
        "Awareness",
        "We build awareness, so that colleagues recognise integrity issues and unwanted behaviour "
        "and know how to deal with them.",
    ),
    (
        "heldere-afspraken",
        "Heldere afspraken",
        "We zorgen voor duidelijke afspraken en kaders, zodat collega's weten wat we van hen verwachten.",
        "Clear agreements",
        "We make clear agreements and frameworks, so that colleagues know what is expected of them.",
    ),
    (
        "veilige-werkomgeving",
        "Veilige werkomgeving",
        "We werken aan een veilige en weerbare werkomgeving, waarin risico's op "
        "integriteitsschendingen en ongewenst gedrag worden beperkt.",
        "Safe workplace",
        "We work on a safe and resilient workplace, in which the risks of integrity violations and "
        "unwanted behaviour are limited.",
    ),
    (
        "melden",
        "Melden en opvolging",
        "We gaan zorgvuldig en serieus om met signalen van vermeende integriteitsschendingen en "
        "ongewenst gedrag.",
        "Reporting and follow-up",
        "We deal carefully and seriously with signals of suspected integrity violations and "
        "unwanted behaviour.",
    ),
]


def load(log) -> None:
    for name, abbreviation in DEPARTMENTS:
        Department.objects.update_or_create(
            slug=slugify(abbreviation or name), defaults={"name": name, "abbreviation": abbreviation}
        )
    log.write(f"  {len(DEPARTMENTS)} departments")

    dutch = Locale.objects.get(language_code="nl")
    english = Locale.objects.get(language_code="en")
    for slug, name_nl, name_en in THEMES:
        theme, _ = Theme.objects.update_or_create(slug=slug, locale=dutch, defaults={"name": name_nl})
        Theme.objects.update_or_create(
            translation_key=theme.translation_key, locale=english, defaults={"name": name_en, "slug": slug}
        )
    log.write(f"  {len(THEMES)} themes, in Dutch and English")
    home = HomePage.objects.get(locale=dutch, depth=2)

    sections = []
    for slug, title, text, *_ in SECTIONS:
        sections.append(ensure_child(home, ContentPage, slug, title=title, intro=text, show_in_menus=True))

    home.title = "Integriteit en ongewenst gedrag"
    home.intro = HOME_INTRO["nl"]
    home.lines = [
        ("line", {"title": title, "text": text, "page": section})
        for (slug, title, text, *_), section in zip(SECTIONS, sections, strict=True)
    ]
    home.save_revision().publish()

    english_home = ensure_translation(
        home, english, title="Integrity and unwanted behaviour", intro=HOME_INTRO["en"]
    )
    english_sections = []
    for (_slug, _, _, title_en, text_en), section in zip(SECTIONS, sections, strict=True):
        english_sections.append(ensure_translation(section, english, title=title_en, intro=text_en))
    english_home.lines = [
        ("line", {"title": title_en, "text": text_en, "page": section})
        for (_, _, _, title_en, text_en), section in zip(SECTIONS, english_sections, strict=True)
    ]
    english_home.save_revision().publish()
    log.write(f"  home page and {len(sections)} sections, in Dutch and English")


def ensure_child(parent: Page, page_class, slug: str, **fields) -> Page:
    """The live child of `parent` with this slug, created or updated with `fields`."""
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def ensure_translation(page: Page, locale: Locale, **fields) -> Page:
    """The page's translation into `locale`, created (as a copy) or updated with `fields`."""
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    translated = translated.specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated
