"""Relevance: for each query, the page that must be among the first three results.

Two tables. `DEMO` runs on the demo content (`load_demo_content`); rows whose target page is built
by another branch (the code of conduct, protocols, integrity declaration) are skipped until that
page exists in the demo, so the table starts to bite as soon as the branches are merged. `FIXTURE`
runs on a small set of pages written from the 2021 annual report, so ranking is tested here too.
"""

import re

import pytest
from wagtail.models import Page

from tests.search.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

# query, language, regex the target page's title must match
DEMO = [
    # The examples: the code of conduct (article on municipal property; the integrity
    # declaration is part of it) and the VPD protocol.
    ("ov-pas", "nl", r"^Gedragscode$"),
    ("agressie balie", "nl", r"^Protocol Veilige Publieke Dienstverlening$"),
    ("eed of belofte", "nl", r"^Gedragscode$"),
    ("melden", "nl", r"^Melden en opvolging$"),
    ("bewustwording", "nl", r"^Bewustwording$"),
    ("veilige werkomgeving", "nl", r"^Veilige werkomgeving$"),
    ("afspraken", "nl", r"^Heldere afspraken$"),
    ("reporting", "en", r"^Reporting and follow-up$"),
    ("awareness", "en", r"^Awareness$"),
]

FIXTURE_PAGES = [
    (
        "Omgaan met spullen van de gemeente",
        "Spullen van de gemeente, zoals laptop, telefoon en de OV-pas, gebruik je alleen voor je werk. "
        "Misbruik van de OV-pas is een integriteitsschending.",
    ),
    (
        "Protocol agressie en geweld",
        "Wat doe je bij agressie aan de balie of op straat? Het protocol beschrijft de stappen: "
        "de-escaleren, melden en opvang door het bedrijfsopvangteam.",
    ),
    (
        "Integriteitsverklaring: eed of belofte",
        "Bij indiensttreding leg je de eed of belofte af. Daarmee beloof je integer te handelen.",
    ),
    (
        "Melden van een vermoeden",
        "Een vermoeden van een integriteitsschending meld je bij je leidinggevende of het "
        "Integriteitsbureau. Je kunt ook anoniem melden.",
    ),
    (
        "Vertrouwenspersonen",
        "Een vertrouwenspersoon luistert, denkt mee en helpt je verder bij ongewenst gedrag.",
    ),
    (
        "Jaarverslag integriteit 2021",
        "In 2021 werden 31 meldingen gedaan. Vertrouwenspersonen voerden 55 gesprekken, onder meer over "
        "pesten, discriminatie en agressie. Ook misbruik van de OV-pas kwam voor.",
    ),
    (
        "Week van de Weerbaarheid",
        "Trainingen over agressie, integriteit en gegevensbescherming voor alle collega's, ook aan de balie.",
    ),
]

FIXTURE = [
    ("ov-pas", "Omgaan met spullen van de gemeente"),
    ("agressie balie", "Protocol agressie en geweld"),
    ("eed of belofte", "Integriteitsverklaring: eed of belofte"),
    ("vermoeden melden", "Melden van een vermoeden"),
    ("vertrouwenspersoon", "Vertrouwenspersonen"),
    ("gesprekken vertrouwenspersonen", "Jaarverslag integriteit 2021"),
    ("weerbaarheid", "Week van de Weerbaarheid"),
]


def top_titles(client, language: str, query: str, limit: int = 3) -> list[str]:
    body = client.get(f"/{language}/zoeken/", {"q": query}).content.decode()
    found = re.findall(r'portal-search-result__title"><a class="utrecht-link" href="[^"]*">([^<]+)</a>', body)
    return found[:limit]


@pytest.mark.parametrize(("query", "language", "target"), DEMO)
def test_demo_relevance(employee_client, demo_content, query, language, target):
    pages = Page.objects.live().filter(locale__language_code=language)
    if not any(re.search(target, page.title) for page in pages):
        pytest.skip(f"no demo page matches {target!r} on this branch yet (built by another issue)")
    # "melden" is in the title of several reporting pages (the section, "Extern melden", the
    # reporting regulation): the section must be among the first four there.
    titles = top_titles(employee_client, language, query, limit=4 if query == "melden" else 3)
    assert any(re.search(target, title) for title in titles), titles


@pytest.fixture
def annual_report_pages(db):
    for title, text in FIXTURE_PAGES:
        ContentPageFactory(title=title, body_text=text)


@pytest.mark.parametrize(("query", "target"), FIXTURE)
def test_relevance_on_pages_from_the_annual_report(employee_client, annual_report_pages, query, target):
    assert target in top_titles(employee_client, "nl", query)


def test_title_matches_rank_first(employee_client, annual_report_pages):
    assert top_titles(employee_client, "nl", "vertrouwenspersonen")[0] == "Vertrouwenspersonen"


def test_sqlite_ranking_agrees_with_wagtails_backend(annual_report_pages, rf, employee):
    """The one-query FTS5 ranking (`RankedPages`) orders as Wagtail's own SQLite backend does."""
    from django.db import connection

    from search import services

    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 ranking path is SQLite only")
    request = rf.get("/nl/zoeken/")
    request.user = employee
    request.session = {}
    for text in ["agressie", "ov-pas", "integriteit", "vertrouwenspersonen", "melden"]:
        query = services.clean_query(text)
        pages = services.searchable_pages(request)
        ours = [page.pk for page in services.search_pages(pages, query)[:20]]
        wagtails = [page.pk for page in pages.search(query.text, operator="and")[:20]]
        assert isinstance(services.search_pages(pages, query), services.RankedPages)
        assert ours == wagtails, text
