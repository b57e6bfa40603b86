"""Evaluations: attendees rate a past session; the edition page shows the anonymous average from 5."""

import datetime

import pytest
from django.urls import reverse

from awareness.models import Evaluation
from tests.awareness.factories import (
    RegistrationFactory,
    SessionFactory,
    edition_page,
    in_days,
    programme_item,
)

pytestmark = pytest.mark.django_db


def past_session(**fields):
    return SessionFactory(start=in_days(-2), end=in_days(-2) + datetime.timedelta(hours=2), **fields)


def test_an_attendee_evaluates_a_past_session_once(employee_client, employee):
    registration = RegistrationFactory(session=past_session(), user=employee)
    url = reverse("awareness:evaluate", args=[registration.pk])
    assert employee_client.get(url).status_code == 200
    bad = employee_client.post(url, {"rating": "9", "useful": "Veel"})
    assert bad.status_code == 200 and "Veel" in bad.text
    assert not Evaluation.objects.exists()
    assert employee_client.post(url, {"rating": "4", "useful": "Veel geleerd"}).status_code == 302
    assert Evaluation.objects.get().rating == 4
    employee_client.post(url, {"rating": "1"})
    assert Evaluation.objects.count() == 1


def test_no_evaluation_before_the_session_or_of_someone_else(employee_client, employee):
    upcoming = RegistrationFactory(user=employee)
    assert (
        employee_client.post(reverse("awareness:evaluate", args=[upcoming.pk]), {"rating": "5"}).status_code
        == 302
    )
    other = RegistrationFactory(session=past_session())
    assert (
        employee_client.post(reverse("awareness:evaluate", args=[other.pk]), {"rating": "5"}).status_code
        == 403
    )
    assert not Evaluation.objects.exists()


def test_edition_page_shows_the_average_only_from_five_responses(employee_client):
    edition = edition_page(2021)
    item = programme_item(parent=edition, title="Masterclass over gegevensbescherming")
    session = past_session(item=item)
    for rating in [5, 4, 4, 3]:
        Evaluation.objects.create(registration=RegistrationFactory(session=session), rating=rating)
    assert "Waardering" not in employee_client.get(edition.url).text
    Evaluation.objects.create(registration=RegistrationFactory(session=session), rating=4)
    response = employee_client.get(edition.url)
    assert "Waardering 4,0 van 5 (5 evaluaties)" in response.text


def test_people_marked_absent_cannot_evaluate(employee_client, employee):
    registration = RegistrationFactory(session=past_session(), user=employee, attended=False)
    response = employee_client.post(reverse("awareness:evaluate", args=[registration.pk]), {"rating": "5"})
    assert response.status_code == 302
    assert not Evaluation.objects.exists()
