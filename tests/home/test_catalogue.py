"""The content room's English catalogue is complete: no untranslated or fuzzy strings."""

from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "home" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_english_catalogue_has_no_untranslated_or_fuzzy_strings():
    entries = PO.read_text().split("\n\n")[1:]
    untranslated = [e for e in entries if e.rstrip().endswith('msgstr ""') and "msgid_plural" not in e]
    untranslated += [e for e in entries if "msgid_plural" in e and 'msgstr[1] ""' in e]
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    assert not untranslated, "Untranslated strings:\n" + "\n\n".join(untranslated[:10])
    assert not fuzzy, "Fuzzy strings:\n" + "\n\n".join(fuzzy[:10])
