"""Pages to search in: content pages under the Dutch home page, optionally in English."""

import factory
import wagtail_factories
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from home.models import ContentPage, HomePage


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
