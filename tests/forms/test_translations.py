"""The forms app's English catalogue is complete, and the report form speaks English under /en/."""

from pathlib import Path

import pytest

PO = Path(__file__).resolve().parents[2] / "forms" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_forms_catalogue_has_no_untranslated_or_fuzzy_strings():
    entries = PO.read_text().split("\n\n")[1:]
    untranslated = [entry for entry in entries if entry.rstrip().endswith('msgstr ""')]
    fuzzy = [entry for entry in entries if "#, fuzzy" in entry]
    assert not untranslated, "Untranslated strings:\n" + "\n\n".join(untranslated[:10])
    assert not fuzzy, "Fuzzy strings:\n" + "\n\n".join(fuzzy[:10])


@pytest.mark.django_db
def test_report_form_in_english(client):
    page = client.get("/en/melding/").content.decode()
    assert "Report of a suspected integrity violation" in page
    assert "Dealing with each other" in page
