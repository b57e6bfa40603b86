"""Wagtail documents in search: found by title, in their own "Documenten" section, after pages,
with file type and size; documents in a collection restricted to a group stay hidden from others."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model

from tests.search.factories import ContentPageFactory, make_document, restricted_collection

pytestmark = pytest.mark.django_db

Document = get_document_model()


def result_titles(response) -> list[str]:
    return re.findall(
        r'portal-search-result__title"><a class="utrecht-link" href="[^"]*">([^<]+)<',
        response.content.decode(),
    )


def test_a_document_is_found_by_a_word_in_its_title_with_type_size_and_link(search):
    document = make_document("Handboek Utrechts Personeel \N{EN DASH} meldregeling")
    body = search(q="meldregeling").content.decode()
    assert "1 resultaat voor “meldregeling”" in body
    assert "Handboek Utrechts Personeel \N{EN DASH} meldregeling" in body
    assert f'href="{document.url}"' in body
    assert "PDF-bestand," in body
    assert "Documenten" in body


def test_a_document_is_found_by_a_tag(search):
    make_document("Regeling nevenwerkzaamheden", tags=["nevenfuncties"])
    assert result_titles(search(q="nevenfuncties")) == ["Regeling nevenwerkzaamheden"]


def test_documents_come_after_pages_and_have_their_own_section_filter(search):
    make_document("Meldregeling integriteit")
    ContentPageFactory(title="Meldregeling", body_text="Zo werkt de meldregeling.")
    response = search(q="meldregeling")
    assert result_titles(response) == ["Meldregeling", "Meldregeling integriteit"]
    body = response.content.decode()
    assert "section=documenten" in body
    assert 'Documenten <span class="portal-search-sections__count">(1)</span>' in body

    only_documents = search(q="meldregeling", section="documenten")
    assert result_titles(only_documents) == ["Meldregeling integriteit"]
    assert "1 resultaat voor “meldregeling” in Documenten" in only_documents.content.decode()

    only_information = search(q="meldregeling", section="inhoud")
    assert result_titles(only_information) == ["Meldregeling"]


def test_a_document_in_a_restricted_collection_is_hidden_from_people_outside_the_group(
    search, make_user, client
):
    group = Group.objects.create(name="Integriteitsbureau (test)")
    make_document("Dossieraanpak vertrouwelijk", collection=restricted_collection(group))
    make_document("Dossieraanpak openbaar")
    assert result_titles(search(q="dossieraanpak")) == ["Dossieraanpak openbaar"]
    body = search(q="dossieraanpak", section="documenten").content.decode()
    assert "Dossieraanpak vertrouwelijk" not in body
    assert "(1)" in body

    member = make_user("lid-bureau")
    member.groups.add(group)
    client.force_login(member)
    response = client.get("/nl/zoeken/", {"q": "dossieraanpak"})
    assert sorted(result_titles(response)) == ["Dossieraanpak openbaar", "Dossieraanpak vertrouwelijk"]


def test_results_are_paginated_across_pages_and_documents(search):
    for number in range(8):
        ContentPageFactory(title=f"Rooster {number}", body_text="Het rooster.")
    for number in range(5):
        make_document(f"Rooster document {number}")
    first = search(q="rooster")
    assert "13 resultaten" in first.content.decode()
    assert len(result_titles(first)) == 10
    assert result_titles(first)[-2:] == ["Rooster document 0", "Rooster document 1"]
    second = search(q="rooster", page="2")
    assert result_titles(second) == ["Rooster document 2", "Rooster document 3", "Rooster document 4"]


def test_query_count_does_not_grow_with_the_number_of_documents(search, django_assert_max_num_queries):
    for number in range(2):
        make_document(f"Verlofregeling {number}")
    with CaptureQueriesContext(connection) as few:
        search(q="verlofregeling")
    for number in range(2, 14):
        make_document(f"Verlofregeling {number}")
    with django_assert_max_num_queries(len(few) + 1):
        response = search(q="verlofregeling")
    assert len(result_titles(response)) == 10


def test_demo_documents_are_loaded_once_and_found(demo_content):
    assert Document.objects.filter(title="Handboek Utrechts Personeel \N{EN DASH} meldregeling").count() == 1
