"""Personal holes (portal/holes.py): filled per person, and only where the portal put them."""

import pytest
from django.utils import translation
from wagtail.models import Site

from portal import holes
from tests.home.factories import content_page

pytestmark = pytest.mark.django_db


def person(**fields) -> holes.Person:
    values = {"pk": 7, "username": "anna", "full_name": "Anna <Aarts>", "csrf_token": lambda: "TOKEN123"}
    return holes.Person(**{**values, **fields})


def test_holes_are_filled_and_escaped():
    shell = f"<p>{holes.NAME}</p><input value='{holes.CSRF}'>".encode()
    assert holes.fill(shell, person()) == b"<p>Anna &lt;Aarts&gt;</p><input value='TOKEN123'>"


def test_text_that_looks_like_a_placeholder_is_left_alone():
    """What people type (a page body, a search query echoed on the results page) cannot contain a
    real placeholder: it needs a token derived from SECRET_KEY. So nobody can make the portal put
    another person's CSRF token into a link of their own."""
    typed = b"<a href='https://elders.invalid/?t=@@portal-hole:csrf-token@@'>x</a>"
    guessed = b"@@portal-hole:0123456789abcdef0123:csrf-token@@"
    shell = typed + guessed + holes.CSRF.encode()
    filled = holes.fill(shell, person())
    assert filled == typed + guessed + b"TOKEN123"


def test_a_search_for_a_placeholder_shows_the_text_not_a_token(make_user, client):
    client.force_login(make_user(username="anna"))
    response = client.get("/nl/zoeken/", {"q": "@@portal-hole:csrf-token@@"})
    assert response.status_code == 200
    assert "@@portal-hole:csrf-token@@" in response.content.decode()


def test_part_arguments_survive_any_text():
    @holes.register("tests.echo")
    def echo(someone, *args):
        return "|".join(args)

    shell = holes.placeholder("tests.echo", "versie 2.0: nieuw", "@@", "a:b").encode()
    assert holes.fill(shell, person()) == b"versie 2.0: nieuw|@@|a:b"


def test_a_person_links_to_pages_as_get_url_does(monkeypatch):
    pages = [content_page(slug="over-ons"), content_page(slug="contact")]
    anna = person()
    expected = [page.get_url() for page in pages]
    assert expected[0].startswith("/nl/")
    reads = []
    read = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(lambda: reads.append(1) or read()))
    assert [anna.page_url(page.url_path) for page in pages] == expected
    assert [anna.page_url(page.url_path) for page in pages] == expected
    assert len(reads) == 1  # once for this person's response, not once per link


def test_a_person_masks_the_csrf_token_once_per_response():
    masks = iter(["eerste", "tweede"])
    anna = person(csrf_token=lambda: next(masks))
    assert anna.csrf_token() == anna.csrf_token() == "eerste"


def test_links_are_remembered_per_content_generation_and_language(monkeypatch):
    """Every change that can move a page (a page saved or moved, a site, a locale) bumps the
    `content` generation, so a link remembered for one generation is never served for the next."""
    page = content_page(slug="route")
    old_url = page.get_url()
    assert person(content_generation=7).page_url(page.url_path) == old_url

    # The site moves to another path prefix (as an editor's change of the root would).
    moved = [root._replace(root_url="https://elders.invalid") for root in Site.get_site_root_paths()]
    moved.append(moved[0]._replace(site_id=moved[0].site_id + 1000, root_path="/nergens/"))
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(lambda: moved))
    assert person(content_generation=7).page_url(page.url_path) == old_url  # remembered
    assert person(content_generation=8).page_url(page.url_path) == "https://elders.invalid" + old_url
    assert person().page_url(page.url_path) == "https://elders.invalid" + old_url  # generation unknown


def test_markup_the_same_for_everyone_is_built_once_per_language_and_gets_each_persons_token():
    """A hole's form is translated and escaped once per process and language; the token in it is
    the person's own on every response, filled in from the placeholder."""
    built = []

    @holes.same_for_everyone
    def form(action: str) -> str:
        built.append(action)
        language = translation.get_language()
        return f"<form action='{action}' lang='{language}'><input value='{holes.CSRF}'></form>"

    @holes.register("tests.form")
    def personal_form(someone, action):
        return form(action)

    shell = holes.placeholder("tests.form", "/a/").encode()
    with translation.override("nl"):
        anna = holes.fill(shell, person())
        bert = holes.fill(shell, person(pk=8, csrf_token=lambda: "BERT456"))
    with translation.override("en"):
        english = holes.fill(shell, person())
    assert anna == b"<form action='/a/' lang='nl'><input value='TOKEN123'></form>"
    assert bert == b"<form action='/a/' lang='nl'><input value='BERT456'></form>"
    assert english == b"<form action='/a/' lang='en'><input value='TOKEN123'></form>"
    assert built == ["/a/", "/a/"]  # Dutch once, English once

    # Rendered outside the page cache (the template tag), the token is filled in too.
    with translation.override("nl"):
        assert holes.render("tests.form", person(), "/a/") == anna.decode()
