"""The code of conduct: table of contents, stable anchors, declaration, changes, print and PDF."""

import io
import re

import pytest
from pypdf import PdfReader

from tests.home.factories import article, chapter, code_of_conduct

pytestmark = pytest.mark.django_db


def test_page_shows_toc_linking_to_every_chapter_and_article(employee_client):
    page = code_of_conduct()
    body = employee_client.get(page.url).content.decode()
    toc = body[body.index('id="inhoud"') : body.index("</nav>", body.index('id="inhoud"'))]
    for anchor in [
        "omgaan-met-elkaar",
        "respect",
        "omgaan-met-belangen",
        "geschenken",
        "integriteitsverklaring",
    ]:
        assert f'href="#{anchor}"' in toc
        assert f'id="{anchor}"' in body
    assert toc.index("#omgaan-met-elkaar") < toc.index("#respect") < toc.index("#omgaan-met-belangen")


def test_anchors_stay_the_same_when_an_article_is_renamed_or_moved(employee_client):
    page = code_of_conduct()
    before = set(page.anchors())
    page.chapters = [
        chapter(
            "omgaan-met-belangen",
            "Omgaan met belangen",
            [article("1.1", "geschenken", "Geschenken en uitnodigingen (herzien)")],
        ),
        chapter(
            "omgaan-met-elkaar", "Omgaan met elkaar", [article("2.1", "respect", "Respect voor iedereen")]
        ),
    ]
    page.save_revision().publish()
    page.refresh_from_db()
    assert set(page.anchors()) == before
    body = employee_client.get(page.url).content.decode()
    assert 'id="geschenken"' in body and "Geschenken en uitnodigingen (herzien)" in body


def test_declaration_version_and_changes_are_shown(employee_client):
    page = code_of_conduct(
        oath_text="Zo waarlijk helpe mij God almachtig.",
        affirmation_text="Dat verklaar en beloof ik.",
        changes=[
            {
                "type": "change",
                "value": {
                    "version": "2.0",
                    "date": "2020-11-01",
                    "summary": "<p>Sociale media toegevoegd.</p>",
                    "ask_confirmation": True,
                },
            },
            {
                "type": "change",
                "value": {
                    "version": "1.0",
                    "date": "2016-01-01",
                    "summary": "<p>Eerste versie.</p>",
                    "ask_confirmation": False,
                },
            },
        ],
    )
    body = employee_client.get(page.url).content.decode()
    declaration = body[body.index('id="integriteitsverklaring"') :]
    assert (
        "Zo waarlijk helpe mij God almachtig." in declaration and "Dat verklaar en beloof ik." in declaration
    )
    assert "Versie 2.0" in body and "1 november 2020" in body
    changes = body[body.index('id="wijzigingen"') :]
    assert changes.index("Sociale media toegevoegd.") < changes.index("Eerste versie.")


def test_page_links_the_print_stylesheet_and_the_pdf(employee_client):
    page = code_of_conduct()
    body = employee_client.get(page.url).content.decode()
    assert 'media="print"' in body and "css/home.css" in body
    assert f'href="/nl/gedragscode/{page.pk}/pdf/"' in body


def test_pdf_is_generated_from_the_page(employee_client):
    page = code_of_conduct()
    response = employee_client.get(f"/nl/gedragscode/{page.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "We behandelen elkaar met respect." in text
    assert "Geschenken tot 50 euro meld je bij je leidinggevende." in text
    assert "Ik zweer het." in text


def test_pdf_follows_an_edit_of_the_page(employee_client):
    page = code_of_conduct()
    page.chapters = [
        chapter(
            "omgaan-met-elkaar",
            "Omgaan met elkaar",
            [article("1.1", "respect", "Respect", "Een nieuwe regel.")],
        )
    ]
    page.save_revision().publish()
    content = employee_client.get(f"/nl/gedragscode/{page.pk}/pdf/").content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Een nieuwe regel." in text


def test_pdf_of_an_unknown_or_unpublished_page_is_404(employee_client):
    page = code_of_conduct()
    page.unpublish()
    assert employee_client.get(f"/nl/gedragscode/{page.pk}/pdf/").status_code == 404
    assert employee_client.get("/nl/gedragscode/999999/pdf/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client):
    page = code_of_conduct()
    assert client.get(page.url).status_code == 302
    assert client.get(f"/nl/gedragscode/{page.pk}/pdf/").status_code == 302


def test_search_section_and_fields():
    from home.models import CodeOfConductPage, ContentPage, IndexPage, ProtocolPage

    assert CodeOfConductPage.search_section == "gedragscode"
    assert ProtocolPage.search_section == "protocollen"
    assert ContentPage.search_section == IndexPage.search_section == "inhoud"
    names = {field.field_name for field in CodeOfConductPage.search_fields}
    assert {"title", "intro", "body", "chapters"} <= names
    assert "steps" in {field.field_name for field in ProtocolPage.search_fields}
