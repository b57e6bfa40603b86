"""Demo content of the content room: departments, the home page with the programme's four lines,
and the sections the other rooms fill in. Texts are drawn from the 2021 annual report."""

import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify
from wagtail.models import Locale, Page

from home import demo_texts as t
from home.models import (
    CodeOfConductPage,
    Contact,
    ContentPage,
    Department,
    EmployeeProfile,
    HomePage,
    ProtocolPage,
    Theme,
)
from home.translation import translate_page, with_block_ids

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
        english_sections.append(translate_fields(section, english, title=title_en, intro=text_en))
    # Re-read the English home page: adding the sections changed its tree fields (numchild), and
    # publishing the stale copy would hide its children from routing.
    english_home = HomePage.objects.get(pk=english_home.pk)
    english_home.lines = [
        ("line", {"title": title_en, "text": text_en, "page": section})
        for (_, _, _, title_en, text_en), section in zip(SECTIONS, english_sections, strict=True)
    ]
    english_home.save_revision().publish()
    log.write(f"  home page and {len(sections)} sections, in Dutch and English")

    load_contacts(log)
    load_profiles(log)
    section = {page.slug: page for page in sections}
    load_agreements(section, english, log)
    load_safe_workplace(section, log)
    load_awareness(section, log)
    load_legal(home, english, log)
    load_entry_points(home, english, log)


#: Each section's primary action (its entry point as a button): text per language and target,
#: an address in the portal ("{lang}" becomes nl or en) or the slug of a page below the section.
ENTRY_POINTS = {
    "melden": (("Iets melden", "Report something"), "/{lang}/melding/"),
    "bewustwording": (("Naar de kalender", "To the calendar"), "/{lang}/bewustwording/kalender/"),
    "heldere-afspraken": (("Lees de gedragscode", "Read the code of conduct"), "page:gedragscode"),
    "veilige-werkomgeving": (
        ("Incident van agressie melden", "Report an incident of aggression"),
        "/{lang}/vpd/incidenten/melden/",
    ),
}


def load_entry_points(home: HomePage, english: Locale, log) -> None:
    """The sections' primary actions and the home page's quick action to the confidential advisors."""
    for slug, (texts, target) in ENTRY_POINTS.items():
        dutch_section = ContentPage.objects.get(slug=slug, locale=home.locale)
        target_page = None
        if target.startswith("page:"):
            target_page = Page.objects.child_of(dutch_section).get(slug=target.removeprefix("page:"))
        for language, text in zip(("nl", "en"), texts, strict=True):
            section = dutch_section if language == "nl" else dutch_section.get_translation_or_none(english)
            if section is None:
                continue
            section = ContentPage.objects.get(pk=section.pk)
            section.primary_action_text = text
            section.primary_action_page = target_page
            section.primary_action_url = "" if target_page else target.format(lang=language)
            section.save_revision().publish()
    home = HomePage.objects.get(pk=home.pk)
    home.advisors_page = ContentPage.objects.get(slug="vertrouwenspersonen", locale=home.locale)
    home.save_revision().publish()
    log.write(f"  {len(ENTRY_POINTS)} sections with a primary action, the home page's quick actions")


def ensure_child(parent: Page, page_class, slug: str, **fields) -> Page:
    """The live child of `parent` with this slug, created or updated with `fields`."""
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = with_block_ids(page_class(slug=slug, **fields))
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
        with_block_ids(page)
    page.save_revision().publish()
    return page


def translate_fields(page: Page, locale: Locale, **fields) -> Page:
    """A synced translation (wagtail-localize) of `page` whose texts are `fields`: the Dutch page with
    those fields replaced is the parallel page that `translate_page` reads the translations from."""
    parallel = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(parallel, name, value)
    return translate_page(page, locale, parallel)


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


# --- Clear agreements, contacts, awareness (issue 3) ------------------------------------------


def block(block_type: str, value) -> dict:
    """One StreamField block in raw (JSON) form, with a stable id derived from its content."""
    return {
        "type": block_type,
        "value": value,
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{block_type}:{value}")),
    }


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def load_contacts(log) -> None:
    departments = {d.name: d for d in Department.objects.all()}
    Contact.objects.update_or_create(
        name=t.INTEGRITY_OFFICE["name"],
        kind="integrity_office",
        defaults={**t.INTEGRITY_OFFICE, "sort_order": 0},
    )
    Contact.objects.update_or_create(
        name=t.PEER_SUPPORT["name"], kind="peer_support", defaults={**t.PEER_SUPPORT, "sort_order": 0}
    )
    for order, (name, department) in enumerate(t.CONFIDENTIAL_ADVISORS, start=1):
        local = slugify(name).replace("-", ".")
        Contact.objects.update_or_create(
            name=name,
            kind="confidential_advisor",
            defaults={
                "role": "Vertrouwenspersoon",
                "department": departments.get(department),
                "email": f"{local}@gemeente.invalid",
                "phone": f"06 0000 00{order:02d}",
                "availability": "Op afspraak, ook buiten je eigen afdeling",
                "sort_order": order,
            },
        )
    log.write(
        f"  contacts: the integrity office, the peer-support team and {len(t.CONFIDENTIAL_ADVISORS)} confidential advisors"
    )


# Demo accounts and the department they work in (counted in the read-confirmation rates).
DEMO_DEPARTMENTS = {
    "medewerker": "Werk & Inkomen",
    "leidinggevende": "Werk & Inkomen",
    "redacteur": "Publiekszaken",
    "integriteitsbureau": "Openbare Orde en Veiligheid",
    "vertrouwenspersoon": "Stadsbedrijven",
    "vpd-coordinator": "Vergunningen, Toezicht & Handhaving",
    "bot": "Vergunningen, Toezicht & Handhaving",
    "beheerder": "Publiekszaken",
}


def load_profiles(log) -> None:
    departments = {d.name: d for d in Department.objects.all()}
    users = get_user_model().objects.filter(username__in=DEMO_DEPARTMENTS)
    for user in users:
        EmployeeProfile.objects.update_or_create(
            user=user, defaults={"department": departments[DEMO_DEPARTMENTS[user.username]]}
        )
    log.write(f"  {users.count()} employee profiles with a department")


def _owner():
    return get_user_model().objects.filter(username="redacteur").first()


def _integrity_office_group():
    return Group.objects.filter(name="Integriteitsbureau").first()


def code_of_conduct_fields(language: int, links: dict[str, Page]) -> dict:
    """The code of conduct's fields in Dutch (0) or English (1)."""
    chapters = []
    for chapter in t.CHAPTERS:
        articles = []
        for article in chapter["articles"]:
            dilemmas = []
            for dilemma in article.get("dilemmas", []):
                dilemmas.append(
                    {
                        "title": dilemma["title"][language],
                        "situation": dilemma["situation"][language],
                        "questions": [question[language] for question in dilemma["questions"]],
                        "where_to_go": [
                            {"text": link[language], "page": links[link[2]].pk, "anchor": "", "url": ""}
                            for link in dilemma["links"]
                        ],
                    }
                )
            articles.append(
                {
                    "number": article["number"],
                    "title": article["title"][language],
                    "anchor": article["anchor"],
                    "text": paragraphs(*(text[language] for text in article["text"])),
                    "dilemmas": dilemmas,
                }
            )
        chapters.append(
            block(
                "chapter",
                {
                    "title": chapter["title"][language],
                    "anchor": chapter["anchor"],
                    "intro": chapter["intro"][language],
                    "articles": articles,
                },
            )
        )
    return {
        "title": t.CODE_TITLE[language],
        "slug": t.CODE_SLUG[language],
        "intro": t.CODE_INTRO[language],
        "version": t.CODE_VERSION,
        "effective_date": t.CODE_EFFECTIVE,
        "chapters": chapters,
        "declaration_intro": t.DECLARATION_INTRO[language],
        "oath_text": t.OATH[language],
        "affirmation_text": t.AFFIRMATION[language],
        "changes": [
            block(
                "change",
                {
                    "version": version,
                    "date": date,
                    "summary": paragraphs(summary[language]),
                    "ask_confirmation": ask,
                },
            )
            for version, date, summary, ask in t.CHANGES
        ],
    }


def load_agreements(section: dict[str, Page], english: Locale, log) -> None:
    """Under 'Heldere afspraken': the reporting rules, the investigation protocol, the code of conduct."""
    agreements = section["heldere-afspraken"]
    reporting = section["melden"]
    integrity_office = Contact.objects.get(kind="integrity_office")

    advisors = ensure_child(
        reporting,
        ContentPage,
        "vertrouwenspersonen",
        title="Vertrouwenspersonen",
        intro=t.ADVISORS_INTRO,
        show_in_menus=True,
        body=[block("contacts", {"title": "", "kind": "confidential_advisor"})],
        owner_group=_integrity_office_group(),
        next_review_date="2027-06-01",
    )

    # The section page leads straight to the report form, which is open without signing in.
    ensure_child(
        reporting.get_parent(),
        ContentPage,
        "melden",
        body=[
            block(
                "callout",
                {
                    "kind": "info",
                    "title": "Iets melden?",
                    "text": paragraphs(
                        'Een vermoeden van een integriteitsschending meld je via het <a href="/nl/melding/">'
                        "meldformulier</a>, desgewenst anoniem en ook zonder in te loggen. Met je "
                        'ontvangstcode volg je je melding op de <a href="/nl/melding/opvolging/">'
                        "opvolgingspagina</a>."
                    ),
                },
            ),
            block(
                "link", {"text": "Naar de vertrouwenspersonen", "page": advisors.pk, "anchor": "", "url": ""}
            ),
            block(
                "heading",
                {
                    "text": "Wat het portaal niet kan beschermen",
                    "level": "h2",
                    "anchor": "wat-het-portaal-niet-kan-beschermen",
                },
            ),
            block("paragraph", paragraphs(t.ANONYMITY_LIMITS_INTRO)),
            block(
                "paragraph", "<ul>" + "".join(f"<li>{limit}</li>" for limit in t.ANONYMITY_LIMITS) + "</ul>"
            ),
        ],
    )

    rules = ensure_child(
        agreements,
        ContentPage,
        "meldregeling",
        title="Meldregeling",
        intro=t.REPORTING_INTRO,
        show_in_menus=True,
        body=[
            block(
                "heading", {"text": "Rechten van de melder", "level": "h2", "anchor": "rechten-van-de-melder"}
            ),
            block(
                "paragraph", "<ul>" + "".join(f"<li>{right}</li>" for right in t.REPORTER_RIGHTS) + "</ul>"
            ),
            block("heading", {"text": "Waar kun je melden?", "level": "h2", "anchor": "waar-kun-je-melden"}),
            block("paragraph", paragraphs(t.WHERE_TO_REPORT)),
            block("contact", {"contact": integrity_office.pk}),
            block(
                "link", {"text": "Naar de vertrouwenspersonen", "page": advisors.pk, "anchor": "", "url": ""}
            ),
            block("heading", {"text": "Vertrouwelijkheid", "level": "h2", "anchor": "vertrouwelijkheid"}),
            block(
                "callout", {"kind": "info", "title": "Vertrouwelijk", "text": paragraphs(t.CONFIDENTIALITY)}
            ),
            block(
                "accordion",
                {
                    "title": "Veelgestelde vragen",
                    "items": [{"question": q, "answer": paragraphs(a)} for q, a in t.REPORTING_FAQ],
                },
            ),
        ],
        owner_group=_integrity_office_group(),
        next_review_date="2027-03-01",
    )

    protocol = ensure_child(
        agreements,
        ProtocolPage,
        "onderzoeksprotocol",
        title="Onderzoeksprotocol integriteitsschendingen",
        intro=t.PROTOCOL_INTRO,
        show_in_menus=True,
        steps_heading="Van signaal tot conclusie",
        steps=[
            block(
                "step",
                {
                    "phase": "",
                    "title": title,
                    "actor": actor,
                    "description": paragraphs(description),
                    "time_limit": limit,
                    "parties": [{"party": party, "rights_and_duties": text} for party, text in parties],
                },
            )
            for title, actor, description, limit, parties in t.PROTOCOL_STEPS
        ],
        body=[
            block(
                "callout",
                {
                    "kind": "info",
                    "title": "Meer weten?",
                    "text": paragraphs(
                        "Lees ook de meldregeling: je rechten als melder en waar je kunt melden."
                    ),
                },
            ),
            block("link", {"text": "Naar de meldregeling", "page": rules.pk, "anchor": "", "url": ""}),
        ],
        owner_user=_owner(),
        owner_group=_integrity_office_group(),
        # Overdue in the demo, so the review report and the reminder have something to show.
        next_review_date="2026-06-01",
    )

    links = {"meldregeling": rules, "vertrouwenspersonen": advisors}
    code = ensure_child(
        agreements,
        CodeOfConductPage,
        "gedragscode",
        show_in_menus=True,
        owner_group=_integrity_office_group(),
        next_review_date="2027-11-01",
        **{k: v for k, v in code_of_conduct_fields(0, links).items() if k != "slug"},
    )
    parallel = CodeOfConductPage(locale=english, **code_of_conduct_fields(1, links))
    translate_page(code, english, parallel)
    log.write(
        f"  {protocol.title}, {rules.title}, {code.title} (also in English) and the confidential advisors"
    )


def load_safe_workplace(section: dict[str, Page], log) -> None:
    page = ensure_child(
        section["veilige-werkomgeving"],
        ProtocolPage,
        "protocol-vpd",
        title="Protocol Veilige Publieke Dienstverlening",
        intro=t.VPD_INTRO,
        show_in_menus=True,
        steps_heading="Voorkomen, tijdens en na een incident",
        steps=[
            block(
                "step",
                {
                    "phase": phase,
                    "title": title,
                    "actor": actor,
                    "description": paragraphs(description),
                    "time_limit": limit,
                    "parties": [],
                },
            )
            for phase, title, actor, description, limit in t.VPD_STEPS
        ],
        body=[],
        owner_group=Group.objects.filter(name="VPD-coördinator").first(),
        next_review_date="2027-04-01",
    )
    log.write(f"  {page.title}")


def load_awareness(section: dict[str, Page], log) -> None:
    parent = section["bewustwording"]
    ensure_child(
        parent,
        ContentPage,
        "introductie-nieuwe-medewerkers",
        title="Introductie nieuwe medewerkers",
        intro="Een goede basis voor integer werken, vanaf de eerste werkdag.",
        show_in_menus=True,
        body=[
            block("paragraph", paragraphs(*t.INTRODUCTION_TEXT)),
            block(
                "table",
                {
                    "caption": "Bewustwording in cijfers (2021)",
                    "table": {
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "data": t.AWARENESS_FIGURES,
                    },
                },
            ),
        ],
        next_review_date="2027-01-01",
    )
    ensure_child(
        parent,
        ContentPage,
        "week-van-de-weerbaarheid-2021",
        title="Week van de Weerbaarheid 2021",
        intro="Integriteit, agressie en geweld, gegevensbescherming en ondermijning in één week.",
        show_in_menus=True,
        body=[block("paragraph", paragraphs(*t.WEEK_TEXT))]
        + [block("quote", {"quote": quote, "attribution": "Deelnemer"}) for quote in t.WEEK_QUOTES],
        next_review_date="2027-01-01",
    )
    ensure_child(
        parent,
        ContentPage,
        "integriteit-in-het-dagelijkse-werk",
        title="Integriteit in het dagelijkse werk",
        intro="Gesprekken in teamverband over dilemma's en omgangsvormen.",
        show_in_menus=True,
        body=[
            block("paragraph", paragraphs(t.DAILY_WORK_TEXT)),
            block(
                "paragraph",
                "<ul>" + "".join(f"<li>{example}</li>" for example in t.DAILY_WORK_EXAMPLES) + "</ul>",
            ),
        ],
        next_review_date="2027-01-01",
    )
    log.write("  the awareness texts of chapter 2")


def load_legal(home: Page, english: Locale, log) -> None:
    """The legally required texts (home/legal_texts.py), in Dutch and English, under the home page."""
    from home import legal_texts
    from home.models import LegalPage

    for text in legal_texts.TEXTS:

        def body(language: int, text=text) -> list:
            blocks = []
            for headings, anchor, texts in text["sections"]:
                blocks.append(block("heading", {"text": headings[language], "level": "h2", "anchor": anchor}))
                blocks.append(
                    block(
                        "paragraph",
                        "".join(
                            pair[language]
                            if pair[language].startswith("<ul>")
                            else f"<p>{pair[language]}</p>"
                            for pair in texts
                        ),
                    )
                )
            return blocks

        page = ensure_child(
            home,
            LegalPage,
            text["slug"][0],
            kind=text["kind"],
            title=text["title"][0],
            intro=text["intro"][0],
            body=body(0),
        )
        translate_fields(
            page, english, slug=text["slug"][1], title=text["title"][1], intro=text["intro"][1], body=body(1)
        )
    log.write(
        f"  {len(legal_texts.TEXTS)} legal texts (external reporting, privacy, accessibility), in Dutch and English"
    )
