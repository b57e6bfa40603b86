"""Pages to search in: content pages under the Dutch home page, optionally in English; documents
(small PDFs), optionally in a collection restricted to a group."""

import re

import factory
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, Locale, Page
from wagtail.rich_text import RichText

from home.models import ContentPage, HomePage
from search.demo import demo_pdf


def dutch_home() -> HomePage:
    return HomePage.objects.get(depth=2, locale__language_code="nl")


def english_home() -> Page:
    home = dutch_home()
    english = Locale.objects.get(language_code="en")
    page = home.get_translation_or_none(english) or home.copy_for_translation(english)
    page = page.specific
    page.title = "Integrity and unwanted behaviour"
    page.save_revision().publish()
    return page


class ContentPageFactory(wagtail_factories.PageFactory):
    """A live content page; `body_text` fills the body with one paragraph of rich text."""

    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.Sequence(lambda n: f"pagina-{n}")
    intro = ""
    live = True
    parent = factory.LazyFunction(dutch_home)

    class Params:
        body_text = ""

    @factory.lazy_attribute
    def body(self):
        return [("paragraph", RichText(f"<p>{self.body_text}</p>"))] if self.body_text else []


def make_document(title: str, collection: Collection | None = None, tags=()):
    content = demo_pdf([title])
    document = get_document_model()(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(re.sub(r"\W+", "-", title.lower()) + ".pdf", ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    if tags:
        document.tags.set(tags)
        document.save()
    return document


def restricted_collection(group: Group) -> Collection:
    collection = Collection.get_first_root_node().add_child(name="Vertrouwelijk")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    return collection
