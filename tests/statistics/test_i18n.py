"""The statistics in English: a complete catalogue and the report page under /en/."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

from forms.statistics.blocks import SECTIONS

CATALOGUE = (
    Path(__file__).resolve().parents[2]
    / "forms"
    / "statistics"
    / "locale"
    / "en"
    / "LC_MESSAGES"
    / "django.po"
)


def test_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE))
    assert not po.untranslated_entries()
    assert not po.fuzzy_entries()


@pytest.mark.django_db
def test_chapter_titles_are_translated():
    with translation.override("en"):
        titles = [str(title) for _slug, title, _defaults in SECTIONS]
    assert "Awareness" in titles and "Confidential advisors" in titles
