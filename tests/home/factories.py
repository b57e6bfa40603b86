"""Factories for the content room: departments, contacts, profiles and pages built from raw blocks."""

import datetime
import uuid

import factory
from wagtail.models import Locale, Page

from home.models import (
    CodeOfConductPage,
    Contact,
    ContentPage,
    Department,
    EmployeeProfile,
    HomePage,
    IndexPage,
    ProtocolPage,
)
from home.translation import with_block_ids
from tests.portal.factories import UserFactory


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Afdeling {n}")
    slug = factory.Sequence(lambda n: f"afdeling-{n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Sequence(lambda n: f"Vertrouwenspersoon {n}")
    kind = "confidential_advisor"
    phone = "030 000 00 00"
    email = factory.Sequence(lambda n: f"vp{n}@gemeente.invalid")
    availability = "Op afspraak"


class EmployeeProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployeeProfile

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)


def block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def dutch_home() -> HomePage:
    return HomePage.objects.get(locale=Locale.objects.get(language_code="nl"), depth=2)


def add_page(parent: Page, page_class, slug: str, **fields) -> Page:
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    page = with_block_ids(page_class(slug=slug, **fields))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def section(slug: str = "heldere-afspraken", **fields) -> ContentPage:
    existing = ContentPage.objects.child_of(dutch_home()).filter(slug=slug).first()
    return existing or add_page(dutch_home(), ContentPage, slug, **fields)


def article(number: str, anchor: str, title: str, text: str = "Artikeltekst.", dilemmas=()) -> dict:
    return {
        "number": number,
        "anchor": anchor,
        "title": title,
        "text": f"<p>{text}</p>",
        "dilemmas": list(dilemmas),
    }


def chapter(anchor: str, title: str, articles: list[dict]) -> dict:
    return block("chapter", {"title": title, "anchor": anchor, "intro": "", "articles": articles})


DEFAULT_CHAPTERS = [
    (
        "omgaan-met-elkaar",
        "Omgaan met elkaar",
        [("1.1", "respect", "Respect", "We behandelen elkaar met respect.")],
    ),
    (
        "omgaan-met-belangen",
        "Omgaan met belangen",
        [("2.1", "geschenken", "Geschenken", "Geschenken tot 50 euro meld je bij je leidinggevende.")],
    ),
]


def code_of_conduct(parent: Page | None = None, slug: str = "gedragscode", **fields) -> CodeOfConductPage:
    fields.setdefault("title", "Gedragscode")
    fields.setdefault("version", "2.0")
    fields.setdefault("effective_date", datetime.date(2020, 11, 1))
    fields.setdefault("oath_text", "Ik zweer het.")
    fields.setdefault("affirmation_text", "Ik beloof het.")
    fields.setdefault(
        "chapters",
        [
            chapter(anchor, title, [article(*a) for a in articles])
            for anchor, title, articles in DEFAULT_CHAPTERS
        ],
    )
    return add_page(parent or section(), CodeOfConductPage, slug, **fields)


def step(title: str, actor: str = "Integriteitsbureau", phase: str = "", time_limit: str = "") -> dict:
    return block(
        "step",
        {
            "phase": phase,
            "title": title,
            "actor": actor,
            "description": f"<p>Wat er gebeurt bij {title}.</p>",
            "time_limit": time_limit,
            "parties": [{"party": "reporter", "rights_and_duties": "Mag anoniem melden."}],
        },
    )


def protocol(
    parent: Page | None = None, slug: str = "onderzoeksprotocol", steps=None, **fields
) -> ProtocolPage:
    fields.setdefault("title", "Onderzoeksprotocol")
    steps = steps or ["Signaal komt binnen", "Vooronderzoek", "Conclusie"]
    return add_page(parent or section(), ProtocolPage, slug, steps=[step(s) for s in steps], **fields)


def content_page(parent: Page | None = None, slug: str = "pagina", **fields) -> ContentPage:
    return add_page(parent or section(), ContentPage, slug, **fields)


def index_page(parent: Page | None = None, slug: str = "overzicht", **fields) -> IndexPage:
    return add_page(parent or section(), IndexPage, slug, **fields)
