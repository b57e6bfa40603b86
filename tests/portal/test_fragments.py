"""The navigation kept between renders (portal/fragments.py, portal/navigation.py): a publish shows
in the menu, breadcrumbs and language links of every page at once, the current section is marked
on every page, and nothing of a preview is kept.

Run without the page cache (PAGE_CACHE_ENABLED=false), so every response is a real render and
only the fragments are kept; `test_page_cache.py` checks the same with the page cache on.
"""

import re

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from home.models import CodeOfConductPage, ContentPage
from portal import fragments, navigation

pytestmark = pytest.mark.django_db

CODE = "/nl/heldere-afspraken/gedragscode/"


@pytest.fixture(autouse=True)
def no_page_cache(settings, cache_backend):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def reader(employee):
    client = Client()
    client.force_login(employee)
    return client


TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value="|nonce=")[^"]+"')


def menu_of(html: str) -> str:
    return re.search(r'<nav class="utrecht-nav-bar portal-nav".*?</nav>', html, re.S).group(0)


def crumbs_of(html: str) -> str:
    return re.search(r'<nav class="utrecht-breadcrumb-nav.*?</nav>', html, re.S).group(0)


def languages_of(html: str) -> str:
    return re.search(r'<nav class="utrecht-alternate-lang-nav.*?</nav>', html, re.S).group(0)


def publish_section_title(title: str, language: str = "nl") -> None:
    page = ContentPage.objects.get(slug="heldere-afspraken", locale__language_code=language)
    page.title = title
    page.save_revision().publish()


def test_a_publish_shows_in_the_kept_menu_and_breadcrumbs_at_once(demo_content, reader):
    before = reader.get(CODE).content.decode()
    assert "Heldere afspraken" in menu_of(before) and "Heldere afspraken" in crumbs_of(before)
    again = reader.get(CODE).content.decode()  # from the kept parts: the same navigation
    assert menu_of(again) + crumbs_of(again) == menu_of(before) + crumbs_of(before)
    publish_section_title("Afspraken die gelden")
    after = reader.get(CODE).content.decode()
    assert "Afspraken die gelden" in menu_of(after)
    assert "Afspraken die gelden" in crumbs_of(after)
    assert "Heldere afspraken" not in menu_of(after) + crumbs_of(after)
    # ... and on a page of another section, whose menu was kept before the publish too.
    assert "Afspraken die gelden" in menu_of(reader.get("/nl/melden/").content.decode())


def test_control_with_the_generation_held_the_menu_stays_stale(demo_content, reader, monkeypatch):
    """The test above can fail: if the kept parts did not follow the content generation, the old
    title would still be shown after the publish."""
    monkeypatch.setattr(fragments, "content_generation", lambda request: 1)
    reader.get(CODE)
    publish_section_title("Afspraken die gelden")
    after = reader.get(CODE).content.decode()
    assert "Heldere afspraken" in menu_of(after) and "Heldere afspraken" in crumbs_of(after)
    assert "Afspraken die gelden" not in menu_of(after)


def test_a_new_translation_shows_in_the_kept_language_links(demo_content, reader):
    """The language links of a page follow a publish (here: an English page unpublished, so the
    link falls back to the Dutch page's path in English)."""
    english = CodeOfConductPage.objects.get(locale__language_code="en")
    assert f'href="{english.url}"' in languages_of(reader.get(CODE).content.decode())
    english.slug = "code-of-conduct-renamed"
    english.save_revision().publish()
    english.refresh_from_db()
    assert english.url.endswith("/code-of-conduct-renamed/")
    assert f'href="{english.url}"' in languages_of(reader.get(CODE).content.decode())


def test_the_current_section_is_marked_on_every_page(demo_content, reader):
    """One kept menu per section: the section of the page is current, no other one."""
    seen = {}
    for url in (CODE, "/nl/heldere-afspraken/", "/nl/melden/", "/nl/", CODE):
        menu = menu_of(reader.get(url).content.decode())
        seen[url] = re.findall(r'href="([^"]+)" aria-current="page"', menu)
    assert seen[CODE] == ["/nl/heldere-afspraken/"]
    assert seen["/nl/heldere-afspraken/"] == ["/nl/heldere-afspraken/"]
    assert seen["/nl/melden/"] == ["/nl/melden/"]
    assert seen["/nl/"] == []


def test_the_kept_navigation_is_the_rendered_one(demo_content, reader, monkeypatch):
    """Byte for byte what the templates render without keeping anything, in both languages."""
    for url in (CODE, "/en/heldere-afspraken/gedragscode/", "/nl/", "/en/melden/"):
        reader.get(url)
        kept = reader.get(url).content.decode()  # from the kept parts
        with monkeypatch.context() as patch:
            patch.setattr(fragments, "cacheable", lambda request: False)
            fresh = reader.get(url).content.decode()
        assert TOKENS.sub("", kept) == TOKENS.sub("", fresh), url


def test_a_preview_is_never_kept(demo_content, employee):
    """A preview renders a draft (its title in the last breadcrumb): it must not become what
    readers see."""
    page = ContentPage.objects.get(slug="heldere-afspraken", locale__language_code="nl")
    draft = ContentPage.objects.get(pk=page.pk)
    draft.title = "Concept dat niemand mag zien"
    factory = RequestFactory()
    with translation.override("nl"):
        preview = factory.get(page.url)
        preview.is_preview = True
        assert "Concept dat niemand mag zien" in navigation.breadcrumbs_html(preview, draft)
        live = factory.get(page.url)
        html = navigation.breadcrumbs_html(live, page)
        assert "Concept dat niemand mag zien" not in html and "Heldere afspraken" in html
        # and the other way round: a preview after a reader does not get the reader's parts
        preview = factory.get(page.url)
        preview.is_preview = True
        assert "Concept dat niemand mag zien" in navigation.breadcrumbs_html(preview, draft)


# -- where a path leads (portal/routing.py) -------------------------------------------------------


def test_a_renamed_or_unpublished_page_is_routed_anew_at_once(demo_content, reader):
    assert reader.get(CODE).status_code == 200
    assert reader.get(CODE).status_code == 200  # routed from what was remembered
    code = CodeOfConductPage.objects.get(locale__language_code="nl")
    code.slug = "onze-gedragscode"
    code.save_revision().publish()
    assert reader.get(CODE).status_code == 404
    assert reader.get("/nl/heldere-afspraken/onze-gedragscode/").status_code == 200
    code.refresh_from_db()
    code.unpublish()
    assert reader.get("/nl/heldere-afspraken/onze-gedragscode/").status_code == 404


def test_control_with_the_generation_held_the_old_route_is_kept(demo_content, reader, monkeypatch):
    """The test above can fail: with the generation held, the remembered page is still found
    under its old path after a rename."""
    monkeypatch.setattr(fragments, "content_generation", lambda request: 1)
    assert reader.get(CODE).status_code == 200
    code = CodeOfConductPage.objects.get(locale__language_code="nl")
    code.slug = "onze-gedragscode"
    code.save_revision().publish()
    assert reader.get(CODE).status_code == 200


def test_each_address_is_routed_to_its_own_page(demo_content, reader):
    """Several pages in one generation, each asked twice (routed, then from what was remembered):
    each shows its own title, and an unknown path stays a 404."""
    urls = ["/nl/", CODE, "/nl/melden/", "/en/", "/en/melden/", "/nl/heldere-afspraken/"]
    first = {
        url: re.search(r"<title>(.*?)</title>", reader.get(url).content.decode()).group(1) for url in urls
    }
    assert len(set(first.values())) == len(urls)
    for url in urls:
        assert re.search(r"<title>(.*?)</title>", reader.get(url).content.decode()).group(1) == first[url]
    assert reader.get("/nl/bestaat-niet/").status_code == 404
    assert reader.get("/nl/bestaat-niet/").status_code == 404


def test_a_remembered_route_still_checks_the_view_restriction(demo_content, make_user):
    """A member of the group routes to a restricted page (remembered); a colleague outside the
    group asking for the same address is still refused by Wagtail's restriction check."""
    from wagtail.models import PageViewRestriction

    from portal.roles import Role

    officer = make_user(Role.INTEGRITY_OFFICE, username="officer")
    colleague = make_user(username="colleague")
    restriction = PageViewRestriction.objects.create(
        page=CodeOfConductPage.objects.get(locale__language_code="nl"),
        restriction_type=PageViewRestriction.GROUPS,
    )
    restriction.groups.set(officer.groups.filter(name=str(Role.INTEGRITY_OFFICE)))
    member, other = Client(), Client()
    member.force_login(officer)
    other.force_login(colleague)
    assert member.get(CODE).status_code == 200
    assert member.get(CODE).status_code == 200  # from what was remembered
    assert other.get(CODE).status_code == 302
    assert other.get(CODE).status_code == 302


def test_wagtail_still_reads_the_site_and_route_it_is_handed():
    """portal/routing.py hands Wagtail the site and the page through the attributes Wagtail keeps
    them in; if an upgrade stops reading them, this fails (and routing is no longer saved)."""
    from wagtail.models import Page, Site
    from wagtail.url_routing import RouteResult

    from portal import routing

    request = RequestFactory().get("/nl/ergens/")
    site, page = object(), object()
    setattr(request, routing.SITE_ATTRIBUTE, site)
    setattr(request, routing.ROUTE_ATTRIBUTE, RouteResult(page))
    assert Site.find_for_request(request) is site
    assert Page.route_for_request(request, "ergens/").page is page


def test_an_untranslated_path_still_falls_back_to_dutch(demo_content, reader):
    """The Dutch path under /en/ (no English page has that slug) shows the Dutch page with a
    notice (home.HomePage.route), routed and then from what was remembered; the English page
    keeps its own path."""
    for _ in range(2):
        response = reader.get("/en/heldere-afspraken/gedragscode/")
        assert response.status_code == 200
        assert "Deze pagina is nog niet vertaald" not in response.content.decode()  # English text
        assert 'class="utrecht-alert utrecht-alert--info home-fallback"' in response.content.decode()
        english = reader.get(CodeOfConductPage.objects.get(locale__language_code="en").url)
        assert english.status_code == 200
        assert "home-fallback" not in english.content.decode()


# -- parts of a page kept with {% shared %} (portal/templatetags/portal_fragments.py) ------------


def chapter_title_published(title: str) -> None:
    code = CodeOfConductPage.objects.get(locale__language_code="nl")
    chapters = code.chapters.get_prep_value()
    chapters[0]["value"]["title"] = title
    code.chapters = chapters
    code.save_revision().publish()


def test_the_kept_contents_follow_a_publish(demo_content, reader):
    before = reader.get(CODE).content.decode()
    assert "Een nieuwe hoofdstuktitel" not in before
    chapter_title_published("Een nieuwe hoofdstuktitel")
    after = reader.get(CODE).content.decode()
    assert after.count("Een nieuwe hoofdstuktitel") == 2  # in the contents and as the heading


def test_control_with_the_generation_held_the_contents_stay_stale(demo_content, reader, monkeypatch):
    monkeypatch.setattr(fragments, "content_generation", lambda request: 1)
    reader.get(CODE)
    chapter_title_published("Een nieuwe hoofdstuktitel")
    assert "Een nieuwe hoofdstuktitel" not in reader.get(CODE).content.decode()


def render_shared(body: str, user) -> str:
    from django.contrib.sessions.backends.db import SessionStore
    from django.template import engines

    request = RequestFactory().get("/nl/")
    request.user = user
    request.session = SessionStore()
    template = engines["django"].from_string("{% load portal_fragments portal_holes %}" + body)
    return template.render({"note": "gedeeld"}, request)


@pytest.mark.parametrize(
    "personal_use",
    [
        "{{ user.email }}",
        "{{ user.get_full_name }}",
        "{% csrf_token %}",
        "{% if perms.home %}rechten{% endif %}{{ user.email }}",
        "{{ request.user.email }}",
        "{{ request.session.items }}{{ user.email }}",
    ],
)
def test_a_shared_part_that_is_personal_is_never_kept(demo_content, make_user, personal_use):
    # Fixed last names: a random one may contain the other's first name ("Elbertse").
    anna = make_user(username="anna", first_name="Anna", last_name="Aarts", email="anna@portaal.invalid")
    bert = make_user(username="bert", first_name="Bert", last_name="Bakker", email="bert@portaal.invalid")
    body = '{% shared "test-personal" %}' + personal_use + "{% endshared %}"
    first = render_shared(body, anna)
    second = render_shared(body, bert)
    assert "@@portal-hole" not in first + second
    assert "bert" not in first.lower()
    if "anna" in first.lower():  # the part showed who it was rendered for: each sees only their own
        assert "anna" not in second.lower() and "bert" in second.lower()


def test_a_shared_part_for_everyone_is_kept(demo_content, employee, monkeypatch):
    body = '{% shared "test-kept" %}{{ note }} {% now "u" %}{% endshared %}'
    first = render_shared(body, employee)
    assert first.startswith("gedeeld ")
    assert render_shared(body, employee) == first  # kept: the same microseconds again
    monkeypatch.setattr(fragments, "cacheable", lambda request: False)
    assert render_shared(body, employee) != first  # control: rendered anew


def test_a_shared_part_is_not_kept_for_someone_not_signed_in(demo_content, employee):
    """The watch's stand-in is a signed-in person: for a visitor not signed in (the sign-in page)
    nothing is kept, so a part that asks whether someone is signed in stays right for both."""
    from django.contrib.auth.models import AnonymousUser

    body = (
        '{% shared "test-anonymous" %}'
        "{% if user.is_authenticated %}binnen{% else %}buiten{% endif %}{% endshared %}"
    )
    assert render_shared(body, AnonymousUser()) == "buiten"
    assert render_shared(body, employee) == "binnen"
    assert render_shared(body, AnonymousUser()) == "buiten"


# -- the cost of an uncached render ---------------------------------------------------------------


def test_uncached_code_of_conduct_query_budget_with_kept_parts(demo_content, reader):
    """Without the page cache, a render of the code of conduct after the first one in the same
    content generation: session, user, site, locale, root page, the page, view restrictions (2),
    the generation, the owner group, the page's locale and three personal parts. It was 23 before
    the navigation, routing and contents were kept."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reader.get(CODE)
    with CaptureQueriesContext(connection) as context:
        assert reader.get(CODE).status_code == 200
    queries = [query["sql"] for query in context.captured_queries]
    assert len(queries) <= 15, "\n".join(queries)
    assert not any('"wagtailcore_page"."slug" = ' in sql for sql in queries), "routed down the tree again"


def test_a_shared_part_inside_a_page_kept_per_role_is_not_kept_for_everyone(demo_content, employee):
    """Such a page may read roles without it counting as personal use, so a part rendered inside
    it could not tell whether it did: it is rendered with the page and not kept on its own."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.template import engines

    from portal.cache import Capture

    def render(per_role: bool) -> str:
        name = "test-per-role" if per_role else "test-for-everyone"
        body = '{% load portal_fragments %}{% shared "' + name + '" %}{% now "u" %}{% endshared %}'
        request = RequestFactory().get("/nl/")
        request.user = employee
        request.session = SessionStore()
        request._page_cache = Capture(page_id=1, per_role=per_role)
        return engines["django"].from_string(body).render({}, request)

    assert render(per_role=False) == render(per_role=False)  # control: kept, the same microseconds
    assert render(per_role=True) != render(per_role=True)  # rendered each time
