"""What must never appear in results: drafts, unpublished pages, pages a person may not view, pages
in another language, and confidential records (which are plain models, never pages)."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from home.models import ContentPage, Department
from portal.roles import Role
from search import services
from tests.search.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(
        r'portal-search-result__title"><a class="utrecht-link" href="[^"]*">([^<]+)</a>',
        response.content.decode(),
    )


def test_drafts_and_unpublished_pages_are_never_found(search):
    ContentPageFactory(title="Gepubliceerd vertrouwelijk", body_text="Vertrouwelijk beleid.")
    draft = ContentPageFactory(title="Concept vertrouwelijk", body_text="Vertrouwelijk concept.", live=False)
    draft.save_revision()  # a draft revision only
    withdrawn = ContentPageFactory(title="Ingetrokken vertrouwelijk", body_text="Vertrouwelijk oud.")
    withdrawn.unpublish()
    assert titles(search(q="vertrouwelijk")) == ["Gepubliceerd vertrouwelijk"]


def test_draft_changes_of_a_live_page_are_not_searched(search):
    page = ContentPageFactory(title="Protocol", body_text="Openbare tekst.")
    page.body = []
    page.intro = "Geheimzinnig conceptwoord"
    page.save_revision()  # not published: the live page keeps its text
    assert titles(search(q="conceptwoord")) == []


def test_group_restricted_pages_only_for_members(client, make_user):
    team_page = ContentPageFactory(
        title="Teaminstructie balie", body_text="Instructie bij agressie aan de balie."
    )
    restriction = PageViewRestriction.objects.create(
        page=team_page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=str(Role.VPD_COORDINATOR)))
    child = ContentPageFactory(
        parent=team_page, title="Teamconcept balie", body_text="Balie onder de instructie."
    )
    assert child.live

    client.force_login(make_user(username="gewone-medewerker"))
    assert titles(client.get("/nl/zoeken/", {"q": "balie"})) == []

    client.force_login(make_user(Role.VPD_COORDINATOR, username="coordinator"))
    assert sorted(titles(client.get("/nl/zoeken/", {"q": "balie"}))) == [
        "Teamconcept balie",
        "Teaminstructie balie",
    ]


def test_password_protected_pages_are_not_found(search):
    page = ContentPageFactory(title="Met wachtwoord", body_text="Beschermde tekst.")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert titles(search(q="beschermde")) == []


def test_pages_for_signed_in_people_are_found_by_signed_in_people(search):
    page = ContentPageFactory(title="Voor alle collega", body_text="Interne afspraak.")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert titles(search(q="afspraak")) == ["Voor alle collega"]


def test_promotions_of_restricted_pages_are_not_shown(search):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    page = ContentPageFactory(title="Geheime promotie", body_text="Alleen voor het team.")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=str(Role.INTEGRITY_OFFICE)))
    SearchPromotion.objects.create(query=Query.get("geheim"), page=page, sort_order=0)
    body = search(q="geheim").content.decode()
    assert "Geheime promotie" not in body


def test_signed_out_people_cannot_search(client):
    response = client.get("/nl/zoeken/", {"q": "melding"})
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_non_page_records_are_never_results(search):
    """Snippets and confidential records are not pages; the search runs on pages only."""
    Department.objects.create(name="Zeldzaamwoord afdeling", slug="zeldzaam")
    assert titles(search(q="zeldzaamwoord")) == []
    assert "0 resultaten" in search(q="zeldzaamwoord").content.decode()


def test_search_only_ever_queries_pages():
    """Every model of the confidential rooms (forms, vpd, awareness registrations) that is not a page
    stays out: `searchable_pages` is a `Page` queryset, whatever models the other apps add."""
    from django.test import RequestFactory

    from tests.portal.factories import UserFactory

    request = RequestFactory().get("/nl/zoeken/")
    request.user = UserFactory()
    request.session = {}
    pages = services.searchable_pages(request)
    assert pages.model is Page
    ContentPageFactory(title="Melding", body_text="Een melding doen.")
    Department.objects.create(name="Melding", slug="melding")
    results = list(services.search_pages(pages, services.clean_query("melding"))[:10])
    assert [type(result) for result in results] == [ContentPage]
