"""The page cache (portal/cache.py): fast, but never showing one person's parts to another, never
serving stale content after a change, never skipping the login or a view restriction.

Runs against the configured cache backends (local memory here); `test_page_cache_redis.py` runs
the same checks against a real Redis server when CI provides one.
"""

import re

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Page, PageViewRestriction

from home.models import ContentPage, Theme
from portal.cache import Capture, PlaceholderUser
from portal.roles import Role

pytestmark = pytest.mark.django_db

URL = "/nl/heldere-afspraken/"


@pytest.fixture(autouse=True)
def page_cache_header(settings):
    """These tests read how the cache answered from the X-Page-Cache header, which only DEBUG sends
    (portal/page_cache_stats.py; `test_no_page_cache_header_outside_debug` checks the default)."""
    settings.DEBUG = True


@pytest.fixture
def anna(make_user):
    return make_user(username="anna", first_name="Anna", last_name="Aarts", email="anna@portaal.invalid")


@pytest.fixture
def bert(make_user):
    return make_user(username="bert", first_name="Bert", last_name="Bakker", email="bert@portaal.invalid")


def signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf_token_in(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def section(language: str = "nl") -> ContentPage:
    return ContentPage.objects.get(slug="heldere-afspraken", locale__language_code=language)


# -- two people, one page -----------------------------------------------------------------------


def test_two_people_on_the_same_page_each_see_only_their_own_name(demo_content, anna, bert):
    first = signed_in(anna).get(URL)
    second = signed_in(bert).get(URL)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    first_html, second_html = first.content.decode(), second.content.decode()
    assert "Anna Aarts" in first_html and "Bert" not in first_html
    assert "Bert Bakker" in second_html and "Anna" not in second_html
    assert "@@portal-hole" not in first_html + second_html


def test_each_person_gets_a_working_csrf_token_of_their_own(demo_content, anna, bert):
    """The sign-out form on a cached page works for the person who got it, and only for them."""
    anna_client, bert_client = signed_in(anna), signed_in(bert)
    anna_client.get(URL)
    bert_page = bert_client.get(URL)
    assert bert_page["X-Page-Cache"] == "hit"
    bert_token = csrf_token_in(bert_page.content.decode())
    # Anna's session cannot use the token Bert got: CSRF failure, still signed in.
    assert anna_client.post("/nl/account/logout/", {"csrfmiddlewaretoken": bert_token}).status_code == 403
    assert anna_client.get(URL).status_code == 200
    # Bert can sign out with it.
    assert bert_client.post("/nl/account/logout/", {"csrfmiddlewaretoken": bert_token}).status_code == 302
    assert bert_client.get(URL).status_code == 302


def test_names_are_escaped_when_filled_in(demo_content, make_user):
    mallory = make_user(username="mallory", first_name="<script>alert(1)</script>", last_name="")
    signed_in(mallory).get(URL)
    html = signed_in(mallory).get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_render_that_uses_personal_data_is_never_stored(demo_content, anna, bert, settings, tmp_path):
    """A page type whose template shows something of the person (here: the e-mail address) is
    served correctly to each person and never from the shared cache, without opting out."""
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "content_page.html").write_text(
        '{% extends "base.html" %}{% block content %}<p id="me">{{ user.email }}</p>{% endblock %}'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    first = signed_in(anna).get(URL)
    second = signed_in(bert).get(URL)
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "personal"
    assert '<p id="me">anna@portaal.invalid</p>' in first.content.decode()
    assert '<p id="me">bert@portaal.invalid</p>' in second.content.decode()
    assert "anna@" not in second.content.decode()


@pytest.mark.parametrize(
    ("template", "personal"),
    [
        (
            "{{ user.get_full_name }} {{ user.get_username }} {% if user.is_authenticated %}x{% endif %}",
            False,
        ),
        ("{{ user.email }}", True),
        ("{{ user.pk }}", True),
        ("{% if user == other %}same{% endif %}", True),
        ("{{ user }}", True),
        ("{{ perms.home }}", True),
        ("{% for group in user.groups.all %}{{ group }}{% endfor %}", True),
    ],
)
def test_placeholder_user_notices_every_personal_use(anna, template, personal):
    from django.contrib.auth.context_processors import PermWrapper

    capture = Capture()
    user = PlaceholderUser(anna, capture)
    Template(template).render(Context({"user": user, "other": anna, "perms": PermWrapper(user)}))
    assert bool(capture.personal) is personal, capture.personal


def test_pending_messages_are_shown_and_bypass_the_cache(demo_content, anna):
    client = signed_in(anna)
    client.get(URL)  # stored
    # Where Django keeps a message between a redirect and the next page (the messages cookie).
    storage = CookieStorage(type("Request", (), {"COOKIES": {}})())
    client.cookies[storage.cookie_name] = storage._encode(
        [Message(message_levels.SUCCESS, "Je aanmelding is ontvangen.")]
    )
    response = client.get(URL)
    assert response.get("X-Page-Cache") is None  # rendered normally, not from the cache
    assert "Je aanmelding is ontvangen." in response.content.decode()
    assert "Je aanmelding is ontvangen." not in client.get(URL).content.decode()


# -- the login requirement and view restrictions --------------------------------------------------


def test_signed_out_people_are_sent_to_sign_in_even_when_the_page_is_cached(demo_content, anna):
    signed_in(anna).get(URL)
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/nl/account/login/")


def test_a_session_without_its_second_factor_gets_no_cached_page(demo_content, anna, make_user):
    """The page cache answers after the second-factor middleware: a stored shell is no way around it."""
    from tests.portal.factories import PASSWORD

    assert signed_in(anna).get(URL)["X-Page-Cache"] == "miss"
    assert signed_in(anna).get(URL)["X-Page-Cache"] == "hit"
    make_user(Role.INTEGRITY_OFFICE, username="iris")
    client = Client()
    # Through the sign-in form: django-axes refuses authenticate() without a request.
    signed_in_form = client.post(reverse("login"), {"username": "iris", "password": PASSWORD})
    assert signed_in_form.status_code in (302, 303)
    response = client.get(URL)
    assert response.status_code == 303 and "X-Page-Cache" not in response
    assert "/account/tweede-factor/" in response["Location"]


def test_pages_with_view_restrictions_are_never_stored(demo_content, make_user):
    officer = make_user(Role.INTEGRITY_OFFICE, username="iris")
    colleague = make_user(username="cees")
    restriction = PageViewRestriction.objects.create(
        page=section(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(officer.groups.filter(name=str(Role.INTEGRITY_OFFICE)))
    first = signed_in(officer).get(URL)
    assert first.status_code == 200 and first.get("X-Page-Cache") != "miss"
    assert "no-store" in first["Cache-Control"]
    assert signed_in(officer).get(URL).get("X-Page-Cache") != "hit"
    assert signed_in(colleague).get(URL).status_code == 302


def test_a_new_restriction_applies_at_once_to_a_cached_page(demo_content, anna):
    signed_in(anna).get(URL)
    PageViewRestriction.objects.create(page=section(), restriction_type=PageViewRestriction.GROUPS)
    assert signed_in(anna).get(URL).status_code == 302


def test_other_app_views_and_page_query_strings_are_not_cached(demo_content, anna):
    client = signed_in(anna)
    for url in ("/nl/account/password-reset/", f"{URL}?x=1"):
        client.get(url)
        assert client.get(url).get("X-Page-Cache") is None


def restricted_page(title: str, group) -> ContentPage:
    page = ContentPage(title=title, slug="alleen-voor-de-groep")
    section().add_child(instance=page)
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([group])
    return page


def test_search_results_are_shared_only_by_people_with_the_same_groups(demo_content, make_user):
    """Results depend on the groups that restricted pages name: cached per set of groups."""
    from django.contrib.auth.models import Group

    team = Group.objects.create(name="Team Handhaving")
    restricted_page("Afspraken van team handhaving", team)
    members = [make_user(username=f"lid{n}", first_name="Lid", last_name=f"Nummer{n}") for n in range(2)]
    for member in members:
        member.groups.add(team)
    outsiders = [make_user(username=f"buiten{n}") for n in range(2)]
    url = "/nl/zoeken/?q=afspraken"
    first_member = signed_in(members[0]).get(url)
    first_outsider = signed_in(outsiders[0]).get(url)
    assert first_member["X-Page-Cache"] == "miss" and first_outsider["X-Page-Cache"] == "miss"
    second_member = signed_in(members[1]).get(url)
    second_outsider = signed_in(outsiders[1]).get(url)
    assert second_member["X-Page-Cache"] == "hit" and second_outsider["X-Page-Cache"] == "hit"
    for response in (first_member, second_member):
        assert "Afspraken van team handhaving" in response.content.decode()
    for response in (first_outsider, second_outsider):
        assert "Afspraken van team handhaving" not in response.content.decode()
    html = second_member.content.decode()
    assert escape(members[1].get_full_name()) in html and escape(members[0].get_full_name()) not in html


def test_a_new_page_and_a_new_promotion_show_in_cached_search_results_at_once(demo_content, anna):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    url = "/nl/zoeken/?q=afspraken"
    client = signed_in(anna)
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    new = ContentPage(title="Nieuwe afspraken over geschenken", slug="geschenken")
    section().add_child(instance=new)
    new.save_revision().publish()
    assert "Nieuwe afspraken over geschenken" in client.get(url).content.decode()
    SearchPromotion.objects.create(
        query=Query.get("afspraken"),
        external_link_url="https://example.invalid/",
        external_link_text="Uitgelicht",
    )
    assert "Uitgelicht" in client.get(url).content.decode()


def test_searches_answered_from_the_cache_still_count(demo_content, anna):
    from wagtail.contrib.search_promotions.models import Query

    client = signed_in(anna)
    for _ in range(3):
        client.get("/nl/zoeken/?q=afspraken")
        client.get("/nl/zoeken/?q=onvindbaarwoord")
    assert client.get("/nl/zoeken/?q=afspraken")["X-Page-Cache"] == "hit"
    assert Query.get("afspraken").hits == 4
    assert Query.get("onvindbaarwoord").hits == 3
    assert Query.get("onvindbaarwoord").zero_result_daily_hits.get().hits == 3


def test_no_page_cache_header_outside_debug(settings, demo_content, anna, bert):
    """Bert must not learn from a header that Anna just searched for the same term; the server-side
    counters still say how the cache answered (they are what load tests read)."""
    from portal import page_cache_stats

    settings.DEBUG = False
    url = "/nl/zoeken/?q=afspraken"
    signed_in(anna).get(url)
    before = page_cache_stats.snapshot()
    response = signed_in(bert).get(url)
    assert response.status_code == 200 and response.get("X-Page-Cache") is None
    assert page_cache_stats.snapshot()["hit"] == before["hit"] + 1
    personal = signed_in(bert)
    session = personal.session
    session["passed_page_view_restrictions"] = [1]
    session.save()
    personal.get(URL)
    assert personal.get(URL).get("X-Page-Cache") is None


def test_search_results_of_a_session_that_opened_a_password_page_are_personal(demo_content, anna):
    client = signed_in(anna)
    session = client.session
    session["passed_page_view_restrictions"] = [1]
    session.save()
    url = "/nl/zoeken/?q=afspraken"
    client.get(url)
    assert client.get(url).get("X-Page-Cache") is None


def test_cached_pages_keep_security_headers_and_are_private(demo_content, anna):
    client = signed_in(anna)
    client.get(URL)
    response = client.get(URL)
    assert response["X-Page-Cache"] == "hit"
    assert "private" in response["Cache-Control"]
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "Cookie" in response["Vary"]


# -- changes are visible at once ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_published_change_is_visible_at_once_in_both_languages(demo_content, anna, language):
    client = signed_in(anna)
    url = f"/{language}/heldere-afspraken/"
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"
    page = section(language)
    page.title = f"Nieuwe titel ({language})"
    page.save_revision().publish()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert f"Nieuwe titel ({language})" in response.content.decode()
    # ... and in the menu and breadcrumbs of every other page in that language.
    assert f"Nieuwe titel ({language})" in client.get(f"/{language}/").content.decode()


def test_a_draft_is_not_shown_until_published(demo_content, anna):
    client = signed_in(anna)
    client.get(URL)
    page = section()
    page.title = "Nog niet gepubliceerd"
    page.save_revision()
    assert "Nog niet gepubliceerd" not in client.get(URL).content.decode()


def test_unpublish_move_and_delete_take_effect_at_once(demo_content, anna):
    client = signed_in(anna)
    for url in ("/nl/", URL, "/nl/melden/"):
        client.get(url)
    section().unpublish()
    assert client.get(URL).status_code == 404
    assert 'href="/nl/heldere-afspraken/"' not in client.get("/nl/").content.decode()

    moved = ContentPage.objects.get(slug="melden", locale__language_code="nl")
    moved.move(ContentPage.objects.get(slug="bewustwording", locale__language_code="nl"), pos="last-child")
    old_address = client.get("/nl/melden/")  # Wagtail leaves a redirect to the new place
    assert old_address.status_code == 301 and old_address["Location"] == "/nl/bewustwording/melden/"
    assert client.get("/nl/bewustwording/melden/").status_code == 200

    Page.objects.get(pk=moved.pk).delete()
    assert client.get("/nl/bewustwording/melden/").status_code == 404


def test_a_snippet_change_makes_cached_pages_stale(demo_content, anna):
    from portal.cache import current_generation

    before = current_generation()
    Theme.objects.filter(slug="integriteit", locale__language_code="nl").first().save()
    assert current_generation() > before


def test_models_can_opt_out_and_writes_without_signals_can_bump():
    from portal.cache import bump_generation, content_models, current_generation

    labels = {model._meta.label for model in content_models()}
    assert {"home.ContentPage", "home.Theme", "home.Department", "wagtailcore.Page"} <= labels
    assert "portal.CacheGeneration" not in labels and "sessions.Session" not in labels
    before = current_generation()
    bump_generation()
    assert current_generation() == before + 1
