"""The demo reproduces the 2021 annual report's awareness figures."""

import pytest

from awareness.figures import IntroductionProvider, ResilienceWeekProvider
from awareness.models import (
    ProgrammeItemPage,
    Session,
)

pytestmark = pytest.mark.django_db

SEED_ITEMS = [
    "Expeditie Ondermijning in de stad",
    "Masterclass over agressie en geweld",
    "Masterclass over gegevensbescherming",
    "Gesprek over omgaan met druk in een ambtelijke setting",
    "Presentatie over de Omgevingswet in relatie tot de aanpak Ondermijning",
    "Bezoek aan een hennepcontainer",
]


def test_demo_reproduces_the_2021_figures(demo_content):
    assert IntroductionProvider().compute(2021) == {
        "sessions": 13,
        "sessions_online": 11,
        "attendees": 497,
        "declarations_taken": 497,
    }
    assert ResilienceWeekProvider().compute(2021) == {
        "programme_items": 15,
        "registrations": 298,
        "participants": 227,
    }
    week_titles = set(ProgrammeItemPage.objects.filter(edition__year=2021).values_list("title", flat=True))
    assert set(SEED_ITEMS) <= week_titles
    assert Session.objects.filter(item__edition__year=2021).count() > 15  # some offered several times
    # Activities from December 2026 into 2027 keep the calendar alive.
    assert Session.objects.filter(start__year=2026, start__month=12).exists()
    assert Session.objects.filter(start__year=2027).count() >= 5
    assert ResilienceWeekProvider().compute(2021)["registrations"] == 298
