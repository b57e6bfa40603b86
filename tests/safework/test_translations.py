from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "safework" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_string_of_safework_has_an_english_translation():
    po = polib.pofile(str(CATALOGUE))
    assert po.percent_translated() == 100
    assert not po.fuzzy_entries()
