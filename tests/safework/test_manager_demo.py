"""The demo of the manager's part: trainings followed and not, and the follow-up of GIR-2026-0001."""

import pytest
from django.contrib.auth import get_user_model

from vpd.perpetrator import FollowUpTask

pytestmark = pytest.mark.django_db


def test_the_demo_shows_managers_who_have_and_have_not_followed_the_training(client, demo_content):
    client.force_login(get_user_model().objects.get(username="hr"))
    page = client.get("/nl/leidinggevenden/integriteitstraining/").content.decode()
    assert "Tessa Toezicht" in page and "Wim Werk" in page and "Lars Leidinggevende" in page
    assert "gevolgd op 12 oktober 2021" in page and "niet gevolgd" in page
    client.force_login(get_user_model().objects.get(username="leidinggevende"))
    page = client.get("/nl/leidinggevenden/integriteitstraining/").content.decode()
    assert "Lars Leidinggevende" in page and "Wim Werk" not in page  # their own department only


def test_the_demo_manager_follows_up_the_demo_incident(client, demo_content):
    tasks = FollowUpTask.objects.filter(incident__reference="GIR-2026-0001")
    assert sorted(tasks.values_list("kind", flat=True)) == ["incidentgesprek", "waarschuwingsbrief"]
    letter = tasks.get(kind="waarschuwingsbrief").letter
    assert "GIR-2026-0001" in letter and "{" not in letter
    client.force_login(get_user_model().objects.get(username="leidinggevende"))
    page = client.get("/nl/vpd/team-incidenten/").content.decode()
    assert "GIR-2026-0001" in page
    detail = client.get("/nl/vpd/team-incidenten/GIR-2026-0001/").content.decode()
    assert "Incidentgesprek met de dader" in detail and "te laat" in detail
    assert "Stadskantoor, balie 7" not in detail  # the reporter's location is not shown
