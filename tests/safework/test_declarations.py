"""The declarations workflow: an employee declares, the manager decides within a deadline, the
office gives a second opinion where the position's profile requires it, the employee is told."""

import datetime

import pytest
from django.core import mail

from safework.models import Decision, Declaration, DeclarationStatus

pytestmark = pytest.mark.django_db
LIST = "/nl/geschenken-en-nevenwerk/"
GIFT = LIST + "melden/geschenk/"
OUTSIDE_WORK = LIST + "melden/nevenwerk/"


def gift_data(**overrides):
    return {
        "giver": "Adviesbureau Stadsrand",
        "value_estimate": "75,00",
        "received_on": "2026-03-01",
        "context": "Uitnodiging voor een voetbalwedstrijd na een offertetraject.",
        **overrides,
    }


def outside_work_data(**overrides):
    return {
        "organisation": "Beveiligingsbedrijf Noord",
        "hours_per_month": "16",
        "paid": "ja",
        "possible_conflict": "Het bedrijf werkt soms voor evenementen in de stad.",
        **overrides,
    }


def decide(client, declaration, **data):
    return client.post(f"{LIST}{declaration.reference}/besluit/", data)


def test_gift_goes_from_employee_to_manager_decision_to_notification(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.declarant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(GIFT, gift_data(), follow=True)
    declaration = Declaration.objects.get()
    assert declaration.employee == people.declarant
    assert declaration.manager == people.manager
    assert declaration.department == people.department
    assert declaration.status == DeclarationStatus.AWAITING_MANAGER
    assert declaration.decision_due == declaration.submitted_on + datetime.timedelta(days=14)
    assert declaration.reference in response.content.decode()
    # The manager is asked, with the reference only: not the giver or the value.
    [asked] = mail.outbox
    assert asked.to == [people.manager.email]
    assert declaration.reference in asked.body
    assert "Stadsrand" not in asked.body + asked.subject and "75" not in asked.body

    client.force_login(people.manager)
    assert declaration.reference in client.get(LIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, declaration, decision=Decision.REFUSED, reasons="Te hoge waarde; teruggeven.")
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.DECIDED
    assert declaration.decision == Decision.REFUSED
    assert declaration.manager_decided_by == people.manager
    told = mail.outbox[-1]
    assert told.to == [people.declarant.email]
    assert declaration.reference in told.body and "teruggeven" not in told.body

    client.force_login(people.declarant)
    page = client.get(f"{LIST}{declaration.reference}/").content.decode()
    assert "Geweigerd" in page and "Te hoge waarde; teruggeven." in page


def test_outside_work_of_a_raised_profile_needs_the_office_second_opinion(
    client, people, django_capture_on_commit_callbacks
):
    placement = people.declarant.safework_placement
    placement.position = people.raised_position
    placement.save()
    client.force_login(people.declarant)
    client.post(OUTSIDE_WORK, outside_work_data())
    declaration = Declaration.objects.get()
    assert declaration.needs_second_opinion

    client.force_login(people.manager)
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, declaration, decision=Decision.ACCEPTED, reasons="Geen raakvlak met het werk.")
    declaration.refresh_from_db()
    # Not final yet: the employee hears nothing, the office is asked.
    assert declaration.status == DeclarationStatus.AWAITING_OFFICE and declaration.decision == ""
    assert mail.outbox[-1].to == [people.office.email]
    assert people.declarant.email not in [address for message in mail.outbox for address in message.to]
    # The manager cannot decide again; the office decides.
    assert decide(client, declaration, decision=Decision.REFUSED, reasons="x").status_code == 403

    client.force_login(people.office)
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            client,
            declaration,
            decision=Decision.CONDITIONS,
            reasons="Alleen buiten het eigen handhavingsgebied.",
            conditions="Geen opdrachten in Utrecht.",
        )
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.DECIDED
    assert declaration.decision == Decision.CONDITIONS
    assert declaration.manager_decision == Decision.ACCEPTED
    assert declaration.conditions == "Geen opdrachten in Utrecht."
    assert mail.outbox[-1].to == [people.declarant.email]


def test_outside_work_of_a_light_profile_and_gifts_need_no_second_opinion(client, people):
    placement = people.declarant.safework_placement
    client.force_login(people.declarant)
    client.post(OUTSIDE_WORK, outside_work_data())
    placement.position = people.raised_position
    placement.save()
    client.post(GIFT, gift_data())
    assert not Declaration.objects.filter(needs_second_opinion=True).exists()  # control: one kind each
    assert Declaration.objects.count() == 2


def test_without_a_known_manager_the_office_decides(client, people):
    people.declarant.safework_placement.delete()
    client.force_login(people.declarant)
    client.post(GIFT, gift_data())
    declaration = Declaration.objects.get()
    assert declaration.manager is None
    client.force_login(people.office)
    assert declaration.reference in client.get(LIST).content.decode()
    decide(client, declaration, decision=Decision.ACCEPTED, reasons="Gebruikelijke attentie.")
    declaration.refresh_from_db()
    assert declaration.decision == Decision.ACCEPTED


def test_nobody_decides_on_their_own_declaration(client, people):
    client.force_login(people.manager)
    client.post(GIFT, gift_data())
    own = Declaration.objects.get()
    assert own.manager is None  # no placement: the office decides
    assert decide(client, own, decision=Decision.ACCEPTED, reasons="Prima").status_code == 403
    own.refresh_from_db()
    assert own.status == DeclarationStatus.AWAITING_MANAGER


@pytest.mark.parametrize(
    ("url", "data", "field", "message"),
    [
        (GIFT, gift_data(giver=""), "giver", "Vul in van wie het geschenk of de uitnodiging komt."),
        (GIFT, gift_data(value_estimate="veel"), "value_estimate", "Vul een bedrag in, bijvoorbeeld 25 of 25,50."),  # noqa: E501
        (GIFT, gift_data(value_estimate="-5"), "value_estimate", "De waarde kan niet negatief zijn."),
        (GIFT, gift_data(received_on="2999-01-01"), "received_on", "Deze datum ligt in de toekomst."),
        (OUTSIDE_WORK, outside_work_data(hours_per_month="0"), "hours_per_month", "Vul minstens 1 uur in."),
        (OUTSIDE_WORK, outside_work_data(paid=""), "paid", "Kies ja of nee."),
    ],
)  # fmt: skip
def test_bad_input_is_explained_beside_the_field_and_kept(client, people, url, data, field, message):
    client.force_login(people.declarant)
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    body = response.content.decode()
    assert message in body
    kept = next(value for name, value in data.items() if name != field and value)
    assert kept in body  # what the person typed is still there
    assert not Declaration.objects.exists()


def test_field_messages_are_english_on_the_english_site(client, people):
    client.force_login(people.declarant)
    response = client.post("/en/geschenken-en-nevenwerk/melden/geschenk/", gift_data(giver=""))
    assert "Enter who offered the gift or invitation." in response.content.decode()


def test_a_decision_needs_reasons_and_conditions_when_conditional(client, people):
    client.force_login(people.declarant)
    client.post(GIFT, gift_data())
    declaration = Declaration.objects.get()
    client.force_login(people.manager)
    response = decide(client, declaration, decision=Decision.CONDITIONS, reasons="")
    errors = response.context["form"].errors
    assert errors["reasons"] == ["Motiveer het besluit."]
    assert errors["conditions"] == ["Noem de voorwaarden."]
    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.AWAITING_MANAGER and declaration.manager_decision == ""


def test_a_second_decision_after_the_first_changes_nothing(client, people):
    client.force_login(people.declarant)
    client.post(GIFT, gift_data())
    declaration = Declaration.objects.get()
    client.force_login(people.manager)
    decide(client, declaration, decision=Decision.ACCEPTED, reasons="Prima")
    assert decide(client, declaration, decision=Decision.REFUSED, reasons="Toch niet").status_code == 403
    declaration.refresh_from_db()
    assert declaration.decision == Decision.ACCEPTED


def test_nothing_is_half_saved_when_the_notification_fails(client, people, monkeypatch):
    from safework import notifications

    def broken(declaration):
        raise RuntimeError("mail queue down")

    monkeypatch.setattr(notifications, "declaration_submitted", broken)
    client.force_login(people.declarant)
    client.raise_request_exception = False
    response = client.post(GIFT, gift_data())
    assert response.status_code == 500
    assert not Declaration.objects.exists()
