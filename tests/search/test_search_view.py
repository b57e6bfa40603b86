"""The results page: results with section and snippet, section filter, dates and places left,
pagination, counts, the zero-results page, language separation and query counts.

Sections and result context are tested on `home.ContentPage` with monkeypatched class attributes
(`search_section`, `search_result_context`), the contract the other apps' page models implement.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import ContentPage
from search.sections import SECTIONS, content_type_ids_for_section, section_of
from tests.search.factories import ContentPageFactory, dutch_home, english_home

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(
        r'portal-search-result__title"><a class="utrecht-link" href="[^"]*">([^<]+)</a>',
        response.content.decode(),
    )


def test_finds_a_page_with_its_section_and_a_highlighted_snippet(search):
    ContentPageFactory(
        title="Spullen van de gemeente",
        body_text="Je gebruikt de OV-pas van de gemeente alleen voor dienstreizen, nooit privé.",
    )
    ContentPageFactory(title="Iets anders", body_text="Over vergaderen.")
    response = search(q="ov-pas")
    body = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["Spullen van de gemeente"]
    assert "<mark>OV</mark>-<mark>pas</mark>" in body
    assert 'role="status" aria-live="polite"' in body
    assert "1 resultaat voor “ov-pas”" in body
    assert 'portal-search-result__section">Informatie<' in body


def test_snippet_escapes_page_text(search):
    ContentPageFactory(title="Escape", intro="<script>alert(1)</script> melding maken")
    body = search(q="melding").content.decode()
    assert "<script>alert(1)" not in body
    assert "<mark>melding</mark>" in body


def test_every_section_slug_has_a_label_and_unknown_slugs_count_as_content():
    assert set(SECTIONS) == {
        "gedragscode",
        "protocollen",
        "vpd",
        "agenda",
        "jaarverslag",
        "inhoud",
        "documenten",
    }
    assert section_of(ContentPage) == "inhoud"

    class Odd:
        search_section = "geheim"

    assert section_of(Odd) == "inhoud"


def test_section_filter_runs_in_sql_and_counts_per_section(search, monkeypatch):
    monkeypatch.setattr(ContentPage, "search_section", "vpd", raising=False)
    home = dutch_home()
    home.intro = "<p>Agressie aan de balie: zo gaan we ermee om.</p>"
    home.save_revision().publish()
    ContentPageFactory(title="Protocol agressie", body_text="Agressie aan de balie melden.")

    body = search(q="agressie").content.decode()
    assert "2 resultaten" in body
    assert 'Veilige publieke dienstverlening <span class="portal-search-sections__count">(1)</span>' in body
    assert 'Informatie <span class="portal-search-sections__count">(1)</span>' in body

    ids = content_type_ids_for_section("vpd")
    with CaptureQueriesContext(connection) as captured:
        response = search(q="agressie", section="vpd")
    assert titles(response) == ["Protocol agressie"]
    assert "1 resultaat voor “agressie” in Veilige publieke dienstverlening" in response.content.decode()
    assert any("content_type_id" in query["sql"] and str(ids[0]) in query["sql"] for query in captured)

    assert titles(search(q="agressie", section="inhoud")) == [home.title]
    assert titles(search(q="agressie", section="agenda")) == []


def test_unknown_section_is_explained_beside_the_field_and_ignored(search):
    ContentPageFactory(title="Melden", body_text="Een melding doen.")
    response = search(q="melding", section="geheim'; DROP TABLE")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dit onderdeel kennen we niet. We zoeken in alle onderdelen." in body
    assert titles(response) == ["Melden"]


def test_sessions_show_date_and_places_left_and_past_ones_rank_below(search, monkeypatch):
    from tests.awareness.factories import RegistrationFactory, SessionFactory, in_days

    now = timezone.now()
    # Places left come from the sessions themselves (a part filled in on every request).
    four_left = SessionFactory(capacity=4, start=in_days(7), end=in_days(7, hour=16))
    full = SessionFactory(capacity=1, start=in_days(9), end=in_days(9, hour=16))
    RegistrationFactory(session=full)
    contexts = {
        "Training weerbaarheid (geweest)": {
            "date": now - datetime.timedelta(days=3),
            "places_left": 0,
            "is_past": True,
        },
        "Training weerbaarheid": {
            "date": four_left.start,
            "places_left": 4,
            "session": four_left,
            "is_past": False,
        },
        "Training vol": {"date": full.start, "places_left": 0, "session": full, "is_past": False},
    }
    monkeypatch.setattr(
        ContentPage, "search_result_context", lambda self: contexts[self.title], raising=False
    )
    # The past session matches best (the word in title and body), yet comes last.
    ContentPageFactory(
        title="Training weerbaarheid (geweest)", body_text="Weerbaarheid weerbaarheid weerbaarheid."
    )
    ContentPageFactory(title="Training weerbaarheid", body_text="Een training.")
    ContentPageFactory(title="Training vol", body_text="Over weerbaarheid.")

    response = search(q="weerbaarheid")
    found = titles(response)
    assert found[-1] == "Training weerbaarheid (geweest)"
    body = response.content.decode()
    assert "Nog 4 plekken vrij" in body
    assert 'portal-search-result__places--full">Vol<' in body
    assert "Was op <time" in body
    assert body.count("portal-search-result--past") == 1


def test_pagination_keeps_query_and_section(search):
    for number in range(23):
        ContentPageFactory(title=f"Integriteit {number}", body_text="Integriteit in het werk.")
    first = search(q="integriteit")
    body = first.content.decode()
    assert "23 resultaten" in body
    assert len(titles(first)) == 10
    assert "Pagina 1 van 3" in body
    assert 'href="?q=integriteit&amp;page=2"' in body

    third = search(q="integriteit", page="3")
    assert len(titles(third)) == 3
    assert 'start="21"' in third.content.decode()


def test_results_page_query_count_does_not_grow_with_results(search, django_assert_max_num_queries):
    for number in range(3):
        ContentPageFactory(title=f"Belangen {number}", body_text="Belangenverstrengeling voorkomen.")
    with CaptureQueriesContext(connection) as few:
        search(q="belangenverstrengeling")
    for number in range(3, 25):
        ContentPageFactory(title=f"Belangen {number}", body_text="Belangenverstrengeling voorkomen.")
    with django_assert_max_num_queries(len(few) + 1):
        response = search(q="belangenverstrengeling")
    assert len(titles(response)) == 10


def test_zero_results_page_suggests_the_report_page_and_sections(search, demo_content):

    response = search(q="xylofoonles")
    body = response.content.decode()
    assert "0 resultaten voor “xylofoonles”" in body
    assert "We hebben niets gevonden" in body
    assert "Veelgebruikte pagina" in body
    assert 'href="/nl/melden/"' in body
    assert 'href="/nl/bewustwording/"' in body


def test_searches_only_in_the_current_language(search):
    english_parent = english_home()
    ContentPageFactory(title="Gedragscode", body_text="Integriteit is belangrijk.")
    ContentPageFactory(parent=english_parent, title="Code of conduct", body_text="Integriteit and integrity.")
    assert titles(search(q="integriteit")) == ["Gedragscode"]
    assert titles(search(language="en", q="integriteit")) == ["Code of conduct"]


def test_english_results_page_is_in_english(search):
    english_parent = english_home()
    ContentPageFactory(parent=english_parent, title="Reporting", body_text="How to report.")
    body = search(language="en", q="report").content.decode()
    assert "1 result for “report”" in body
    assert "Filter by section" in body


def test_header_search_box_is_labelled_and_submits_to_the_results_page(employee_client):
    body = employee_client.get("/nl/").content.decode()
    form = re.search(r'<form class="portal-search-form" role="search"[^>]*action="([^"]+)"', body)
    assert form and form.group(1) == "/nl/zoeken/"
    label = '<label class="utrecht-form-label portal-visually-hidden" for="site-search">'
    assert label + "Zoeken in het portaal</label>" in body
    assert 'id="site-search" name="q"' in body


def test_highlights_only_whole_query_terms():
    """ "ov-pas" marks "OV" and "pas", never the "ov" in "over" (issue #17)."""
    from search.services import is_match

    assert is_match("ov", "ov") and is_match("pas", "pas")
    assert not is_match("over", "ov")  # the bug: a prefix of a longer word
    assert not is_match("passen", "pas")
    assert is_match("meldingen", "melding")  # inflections of longer terms still count


def test_a_code_of_conduct_result_opens_the_article_that_matched(search):
    from tests.home.factories import article, chapter, code_of_conduct

    code_of_conduct(
        chapters=[
            chapter("omgaan-met-elkaar", "Omgaan met elkaar", [article("1.1", "respect", "Respect")]),
            chapter(
                "omgaan-met-spullen",
                "Omgaan met spullen",
                [
                    article(
                        "3.2",
                        "faciliteiten",
                        "Faciliteiten",
                        "Een OV-pas gebruik je volgens de afspraken over reizen.",
                    )
                ],
            ),
        ]
    )
    body = search(q="ov-pas").content.decode()
    assert 'gedragscode/#faciliteiten"' in body
    assert "<mark>OV</mark>-<mark>pas</mark>" in body
    assert "afspraken over reizen" in body  # "over" is not marked


def test_team_instructions_are_in_the_safe_public_service_section():
    from vpd.models import TeamInstructionPage, VpdDepartmentPage, VpdSectionPage

    for model in (VpdSectionPage, VpdDepartmentPage, TeamInstructionPage):
        assert section_of(model) == "vpd"
    assert content_type_ids_for_section("vpd")
