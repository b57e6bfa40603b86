"""Registering, the waitlist, cancelling (also by the e-mailed link) and what people see on bad input."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from icalendar import Calendar

from awareness import services
from awareness.models import Registration
from tests.awareness.factories import RegistrationFactory, SessionFactory, department, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def employee(make_user):
    return make_user(username="medewerker-test", email="mila@portaal.invalid")


@pytest.fixture(autouse=True)
def commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the e-mails) as a real commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def sign_up(client, session, **data):
    from django.test.testcases import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("awareness:register", args=[session.pk]),
            {"name": "Mila de Medewerker", "email": "mila@portaal.invalid", **data},
        )


def test_the_form_is_filled_in_from_the_account(employee_client, employee):
    employee.first_name, employee.last_name, employee.email = "Mila", "Jansen", "mila@portaal.invalid"
    employee.save()
    session = SessionFactory()
    response = employee_client.get(reverse("awareness:register", args=[session.pk]))
    assert response.status_code == 200
    assert 'value="Mila Jansen"' in response.text
    assert 'value="mila@portaal.invalid"' in response.text


def test_registering_confirms_and_mails_an_ics_attachment(employee_client, employee):
    session = SessionFactory(capacity=2)
    unit = department()
    response = sign_up(employee_client, session, department=unit.pk)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.user == employee
    assert registration.department == unit
    [message] = mail.outbox
    assert message.to == ["mila@portaal.invalid"]
    assert "bevestigd" in message.subject
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["summary"]) == session.item.title
    assert event.decoded("dtstart") == session.start
    assert "/afmelden/link/" in message.body


def test_a_full_session_puts_people_on_the_waitlist(employee_client):
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session)
    sign_up(employee_client, session)
    assert Registration.objects.get(email="mila@portaal.invalid").status == "waitlisted"
    assert "wachtlijst" in mail.outbox[0].subject.lower()
    assert not mail.outbox[0].attachments


def test_registering_twice_is_refused_with_a_message(employee_client):
    session = SessionFactory()
    sign_up(employee_client, session)
    response = sign_up(employee_client, session)
    assert response.status_code == 200
    assert "Je bent al aangemeld voor deze sessie." in response.text
    assert Registration.objects.count() == 1


def test_the_same_address_in_other_capitals_is_the_same_person():
    session = SessionFactory()
    services.register(session.pk, services.Applicant(name="Mila", email="mila@portaal.invalid"))
    with pytest.raises(services.RegistrationError):
        services.register(session.pk, services.Applicant(name="Mila", email="MILA@portaal.invalid"))
    assert Registration.objects.count() == 1


def test_the_address_comes_from_the_account_not_the_form(employee_client):
    session = SessionFactory()
    sign_up(employee_client, session, email="iemand-anders@portaal.invalid")
    assert Registration.objects.get().email == "mila@portaal.invalid"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"cancelled": True}, "Deze sessie gaat niet door."),
        ({"start": in_days(-2), "end": in_days(-2) + datetime.timedelta(hours=1)}, "al voorbij"),
        ({"registration_closes": in_days(-1)}, "De aanmelding voor deze sessie is gesloten."),
    ],
)
def test_closed_cancelled_and_past_sessions_refuse_sign_ups(employee_client, fields, message):
    session = SessionFactory(**fields)
    assert message in employee_client.get(reverse("awareness:register", args=[session.pk])).text
    response = sign_up(employee_client, session)
    assert response.status_code == 200
    assert message in response.text
    assert not Registration.objects.exists()


def test_bad_input_keeps_what_was_typed(employee_client):
    session = SessionFactory()
    response = sign_up(employee_client, session, name="Mila", department="999999")
    assert response.status_code == 200
    assert 'value="Mila"' in response.text
    assert not Registration.objects.exists()


def test_unknown_session_is_a_404(employee_client):
    assert employee_client.get(reverse("awareness:register", args=[999999])).status_code == 404


def test_cancelling_promotes_the_first_on_the_waitlist_with_an_email(employee_client, employee, commit):
    session = SessionFactory(capacity=1)
    mine = RegistrationFactory(session=session, user=employee)
    first = RegistrationFactory(session=session, status="waitlisted")
    second = RegistrationFactory(session=session, status="waitlisted")
    response = commit(employee_client.post, reverse("awareness:cancel", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db(), first.refresh_from_db(), second.refresh_from_db()
    assert (mine.status, first.status, second.status) == ("cancelled", "confirmed", "waitlisted")
    [message] = mail.outbox
    assert message.to == [first.email]
    assert "plaats vrij" in message.subject
    assert message.attachments


def test_people_cannot_cancel_someone_elses_registration(employee_client):
    other = RegistrationFactory()
    assert employee_client.post(reverse("awareness:cancel", args=[other.pk])).status_code == 403
    other.refresh_from_db()
    assert other.status == "confirmed"


def test_cancel_link_from_the_email_works_signed_out(client, employee_client, commit):
    session = SessionFactory()
    sign_up(employee_client, session)
    link = re.search(r"http://testserver(/\S+/afmelden/link/\S+/)", mail.outbox[0].body).group(1)
    employee_client.logout()
    page = client.get(link)
    assert page.status_code == 200  # @login_not_required: the signed token is the proof
    assert "Ja, meld me af" in page.text
    assert Registration.objects.get().status == "confirmed"  # a GET changes nothing
    done = commit(client.post, link)
    assert "Je bent afgemeld" in done.text
    assert Registration.objects.get().status == "cancelled"


def test_cancel_links_cannot_be_guessed_or_forged(client):
    registration = RegistrationFactory()
    for token in [str(registration.pk), signing.dumps(registration.pk, salt="other"), "abc:def"]:
        assert client.get(reverse("awareness:cancel_by_link", args=[token])).status_code == 404
    tampered = services.cancel_token(registration)[:-2] + "xx"
    assert client.post(reverse("awareness:cancel_by_link", args=[tampered])).status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_a_cancelled_person_can_register_again(employee_client, employee):
    session = SessionFactory()
    RegistrationFactory(session=session, email="mila@portaal.invalid", status="cancelled")
    sign_up(employee_client, session)
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_my_registrations_lists_upcoming_and_past(employee_client, employee):
    upcoming = RegistrationFactory(user=employee)
    past = RegistrationFactory(
        user=employee,
        session=SessionFactory(start=in_days(-3), end=in_days(-3) + datetime.timedelta(hours=2)),
    )
    response = employee_client.get(reverse("awareness:my_registrations"))
    assert response.status_code == 200
    assert upcoming.session.item.title in response.text
    assert past.session.item.title in response.text
    assert reverse("awareness:evaluate", args=[past.pk]) in response.text
    assert reverse("awareness:evaluate", args=[upcoming.pk]) not in response.text


def test_registration_pages_need_a_signed_in_user(client):
    session = SessionFactory()
    for url in [reverse("awareness:register", args=[session.pk]), reverse("awareness:my_registrations")]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response["Location"] or "inloggen" in response["Location"]
