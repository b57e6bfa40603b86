"""Dutch first, English second: URL prefixes, the language switcher and complete translations."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_home_page_in_dutch_and_english(employee_client, demo_content):
    dutch = employee_client.get("/nl/").content.decode()
    assert '<html lang="nl"' in dutch
    assert "Integriteit en ongewenst gedrag" in dutch
    assert "Heldere afspraken" in dutch

    english = employee_client.get("/en/").content.decode()
    assert '<html lang="en"' in english
    assert "Integrity and unwanted behaviour" in english
    assert "Clear agreements" in english
    assert "Sign out" in english


def test_language_switcher_links_to_the_translated_page(employee_client, demo_content):
    body = employee_client.get("/nl/heldere-afspraken/").content.decode()
    assert 'href="/en/heldere-afspraken/"' in body
    body = employee_client.get("/en/heldere-afspraken/").content.decode()
    assert 'href="/nl/heldere-afspraken/"' in body


def test_language_switcher_on_a_view_keeps_the_path(employee_client):
    body = employee_client.get("/nl/zoeken/?q=melden").content.decode()
    assert 'href="/en/zoeken/' in body


def test_english_catalogue_has_no_untranslated_or_fuzzy_strings():
    po = (ROOT / "portal" / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    entries = po.split("\n\n")[1:]
    untranslated = [
        entry for entry in entries if entry.rstrip().endswith('msgstr ""') and "msgid_plural" not in entry
    ]
    fuzzy = [entry for entry in entries if "#, fuzzy" in entry]
    assert not untranslated, "Untranslated strings:\n" + "\n\n".join(untranslated[:10])
    assert not fuzzy, "Fuzzy strings:\n" + "\n\n".join(fuzzy[:10])
