"""The content room's demo: the code of conduct (Dutch and English), protocols, contacts, texts."""

import pytest

from home.models import CodeOfConductPage, Contact, EmployeeProfile, ProtocolPage

pytestmark = pytest.mark.django_db

CATEGORY_ANCHORS = [
    "omgaan-met-elkaar",
    "omgaan-met-belangen",
    "omgaan-met-spullen-van-de-gemeente",
    "omgaan-met-informatie",
]


def test_code_of_conduct_has_the_four_report_categories_as_chapters(employee_client, demo_content):
    code = CodeOfConductPage.objects.get(locale__language_code="nl")
    assert code.slug == "gedragscode" and code.get_parent().slug == "heldere-afspraken"
    assert [chapter["anchor"] for chapter in code.table_of_contents()] == CATEGORY_ANCHORS
    body = employee_client.get("/nl/heldere-afspraken/gedragscode/").content.decode()
    for anchor in [*CATEGORY_ANCHORS, "integriteitsverklaring", "geschenken-en-uitnodigingen"]:
        assert f'id="{anchor}"' in body
    assert "Zo waarlijk helpe mij God almachtig." in body and "Dat verklaar en beloof ik." in body


def test_code_of_conduct_is_translated_into_english(employee_client, demo_content):
    body = employee_client.get("/en/heldere-afspraken/code-of-conduct/").content.decode()
    assert "Dealing with municipal property" in body and "So help me God Almighty." in body
    assert 'id="omgaan-met-informatie"' in body
    assert "not been translated" not in body


def test_protocols_and_reporting_rules_are_where_the_sections_expect_them(employee_client, demo_content):
    protocol = ProtocolPage.objects.get(slug="onderzoeksprotocol")
    assert protocol.get_parent().slug == "heldere-afspraken" and len(protocol.steps) == 8
    vpd = ProtocolPage.objects.get(slug="protocol-vpd")
    assert vpd.get_parent().slug == "veilige-werkomgeving"
    assert {step.value["phase"] for step in vpd.steps} == {
        "Voorkomen",
        "Tijdens een incident",
        "Na een incident",
    }
    for path in [
        "/nl/heldere-afspraken/onderzoeksprotocol/",
        "/nl/heldere-afspraken/meldregeling/",
        "/nl/veilige-werkomgeving/protocol-vpd/",
        "/nl/melden/vertrouwenspersonen/",
        "/nl/bewustwording/introductie-nieuwe-medewerkers/",
    ]:
        assert employee_client.get(path).status_code == 200, path


def test_thirteen_confidential_advisors_and_the_integrity_office(employee_client, demo_content):
    assert Contact.objects.filter(kind="confidential_advisor").count() == 13
    assert Contact.objects.filter(kind="integrity_office").count() == 1
    body = employee_client.get("/nl/melden/vertrouwenspersonen/").content.decode()
    assert body.count('class="home-contact"') == 13


def test_awareness_figures_of_2021(employee_client, demo_content):
    body = employee_client.get("/nl/bewustwording/introductie-nieuwe-medewerkers/").content.decode()
    assert "497" in body and "dertien introductiebijeenkomsten" in body and "227 deelnemers" in body


def test_demo_accounts_have_a_department(demo_content):
    assert EmployeeProfile.objects.filter(
        user__username="medewerker", department__name="Werk & Inkomen"
    ).exists()


def test_the_english_code_of_conduct_is_published(demo_content):
    english = CodeOfConductPage.objects.get(locale__language_code="en")
    assert english.live and english.title == "Code of conduct"


def test_reporting_page_says_what_the_portal_cannot_protect(employee_client, demo_content):
    """Before someone reports, the section page names the limits of anonymity and what to do about them."""
    body = employee_client.get("/nl/melden/").content.decode()
    assert 'id="wat-het-portaal-niet-kan-beschermen"' in body
    for advice in ("eigen apparaat", "wifi van het werk", "privévenster", "ontvangstcode"):
        assert advice in body, advice
