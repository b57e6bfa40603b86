"""The legally required texts: loaded by the demo in Dutch and English, open to everyone (also signed
out) at fixed addresses, linked from every page's footer and from the report form and follow-up page."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from home.demo import load_legal
from home.models import LegalPage
from tests.home.factories import add_page, dutch_home

pytestmark = pytest.mark.django_db

ADDRESSES = {
    "nl": [
        "/nl/melding/extern-melden/",
        "/nl/melding/privacyverklaring/",
        "/nl/privacyverklaring/",
        "/nl/toegankelijkheidsverklaring/",
    ],
    "en": [
        "/en/melding/extern-melden/",
        "/en/melding/privacyverklaring/",
        "/en/privacyverklaring/",
        "/en/toegankelijkheidsverklaring/",
    ],
}


@pytest.fixture
def legal_texts(db):
    load_legal(dutch_home(), Locale.objects.get(language_code="en"), StringIO())


def test_the_demo_loads_four_texts_in_dutch_and_english_readable_signed_out(client, legal_texts):
    assert LegalPage.objects.filter(locale__language_code="nl").count() == 4
    assert LegalPage.objects.filter(locale__language_code="en").count() == 4
    nuclear = {"nl": "Autoriteit Nucleaire Veiligheid", "en": "Authority for Nuclear Safety"}
    for language, expected in nuclear.items():
        body = client.get(ADDRESSES[language][0]).content.decode()
        assert expected in body and "Huis voor Klokkenluiders" in body
        assert "not been translated" not in body and "nog niet vertaald" not in body
    for address in ADDRESSES["nl"] + ADDRESSES["en"]:
        response = client.get(address)
        assert response.status_code == 200, address  # signed out: no redirect to the sign-in page
    statement = client.get("/nl/toegankelijkheidsverklaring/").content.decode()
    assert "Voldoet gedeeltelijk" in statement and "Bekende uitzonderingen" in statement
    assert "mailto:" in statement  # the model statement's contact


def test_the_reporters_texts_keep_the_report_pages_anonymity(client, legal_texts):
    """Under /melding/ like the form: no session is started or touched for a signed-out reader."""
    response = client.get("/nl/melding/privacyverklaring/", REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_every_page_footer_links_the_four_texts(client, employee_client, legal_texts):
    for page_client, address in (
        (client, "/nl/melding/"),
        (employee_client, "/nl/"),
        (client, "/nl/account/login/"),
    ):
        body = page_client.get(address, follow=True).content.decode()
        for legal in ADDRESSES["nl"]:
            assert f'href="{legal}"' in body, (address, legal)
    english = employee_client.get("/en/").content.decode()
    assert 'href="/en/toegankelijkheidsverklaring/"' in english


def test_the_report_form_and_follow_up_page_point_to_external_reporting(client, legal_texts):
    for address in ("/nl/melding/", "/nl/melding/opvolging/"):
        body = client.get(address).content.decode()
        assert "Liever extern melden?" in body
        assert body.count('href="/nl/melding/extern-melden/"') >= 2  # in the text and in the footer
    english = client.get("/en/melding/").content.decode()
    assert "Rather report externally?" in english


def test_a_text_missing_in_english_falls_back_to_dutch_with_a_notice(client):
    add_page(
        dutch_home(), LegalPage, "toegankelijkheid", kind="accessibility", title="Toegankelijkheidsverklaring"
    )
    body = client.get("/en/toegankelijkheidsverklaring/").content.decode()
    assert "Toegankelijkheidsverklaring" in body and "has not been translated" in body


def test_control_without_a_page_the_address_is_not_found(client):
    assert client.get("/nl/toegankelijkheidsverklaring/").status_code == 404


def test_the_tree_address_redirects_to_the_fixed_address(employee_client, legal_texts):
    page = LegalPage.objects.get(kind="external_reporting", locale__language_code="nl")
    response = employee_client.get(page.url)
    assert response.status_code == 302 and response["Location"] == "/nl/melding/extern-melden/"


def test_one_text_of_each_kind_per_language(legal_texts):
    duplicate = LegalPage(title="Nog een", slug="nog-een", kind="accessibility", locale=Locale.get_default())
    with pytest.raises(ValidationError):
        duplicate.full_clean()
