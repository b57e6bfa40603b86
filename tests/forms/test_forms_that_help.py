"""Forms that help (issue #17): Enter submits forward, the review step links back to each answer, no
duplicated or dead-end topic links, and every required field says what is missing in its own words."""

import re

import pytest
from django import forms as django_forms
from django.utils import translation

from awareness.forms import IntroductionAttendanceForm, RegistrationForm
from forms.forms import AboutYouForm, ReceiptCodeForm, WhatHappenedForm
from portal.forms import SignInForm
from tests.forms.helpers import ABOUT, WHAT, draft_of
from tests.home.factories import code_of_conduct

pytestmark = pytest.mark.django_db

GENERIC = {"nl": "Dit is een verplicht veld.", "en": "This field is required."}


def to_step(client, step: int):
    response = client.get("/nl/melding/")
    if step >= 2:
        response = client.post("/nl/melding/", {"step": "1", "draft": draft_of(response), **WHAT})
    if step >= 3:
        response = client.post("/nl/melding/", {"step": "2", "draft": draft_of(response), **ABOUT})
    assert response.context["step"] == step
    return response


def test_the_primary_button_comes_first_so_enter_submits_forward(client):
    html = to_step(client, 2).content.decode()
    # The browser's default button (Enter in a field or on a radio) is the form's first submit button.
    buttons = re.findall(r'<button class="utrecht-button ([^"]+)" type="submit"(?! form=)', html)
    assert buttons[0] == "utrecht-button--primary-action", buttons
    assert html.index("Volgende stap") < html.index("Vorige stap")


def test_the_review_step_has_a_change_link_per_answer_that_keeps_everything(client):
    response = to_step(client, 3)
    html = response.content.decode()
    assert html.count(">Wijzigen<") == 7
    # The change buttons belong to a form of their own, never the form that sends the report.
    assert html.count('form="report-edit" name="edit"') == 7
    assert html.index('id="report-edit"') < html.index("Melding versturen")

    edit = client.post("/nl/melding/", {"step": "3", "draft": draft_of(response), "edit": "1"})
    assert edit.context["step"] == 1
    assert WHAT["description"] in edit.content.decode()
    # ...and forward again the answers of step 2 are still there.
    step2 = client.post("/nl/melding/", {"step": "1", "draft": draft_of(edit), **WHAT})
    review = client.post("/nl/melding/", {"step": "2", "draft": draft_of(step2), **ABOUT})
    about = client.post("/nl/melding/", {"step": "3", "draft": draft_of(review), "edit": "2"})
    assert about.context["step"] == 2
    assert about.context["form"].initial["source"] == ABOUT["source"]


def test_step_one_lists_the_topics_once_and_no_link_sends_a_reporter_to_sign_in(client):
    html = client.get("/nl/melding/").content.decode()
    assert html.count("Omgaan met belangen") == 1  # the radio button, not a second list of links
    assert "/account/login/" not in html
    assert not re.search(r'href="[^"]*gedragscode[^"]*"', html)


def test_anonymous_reporters_get_no_link_into_the_intranet_and_employees_get_one(client, employee):
    code_of_conduct()
    assert not re.search(r'href="[^"]*gedragscode[^"]*"', client.get("/nl/melding/").content.decode())
    client.force_login(employee)
    html = client.get("/nl/melding/").content.decode()
    assert len(re.findall(r'href="[^"]*/gedragscode/"', html)) == 1
    assert html.count("Omgaan met belangen") == 1


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_required_field_says_what_is_missing(language):
    forms = [
        WhatHappenedForm(),
        AboutYouForm(),
        ReceiptCodeForm(),
        RegistrationForm(),
        IntroductionAttendanceForm(),
        SignInForm(),
    ]
    with translation.override(language):
        generic = str(django_forms.Field.default_error_messages["required"])
        assert generic == GENERIC[language]  # the control: this is what people used to get
        for form in forms:
            for name, field in form.fields.items():
                if field.required:
                    message = str(field.error_messages["required"])
                    assert message != generic, f"{type(form).__name__}.{name}"


def test_english_messages_are_translated():
    with translation.override("en"):
        assert str(ReceiptCodeForm().fields["code"].error_messages["required"]) == "Enter your receipt code."


def test_an_empty_receipt_code_is_asked_for_beside_the_field(client):
    response = client.post("/nl/melding/opvolging/", {"code": "  "})
    html = response.content.decode()
    assert "Vul je ontvangstcode in." in html
    assert "Deze ontvangstcode kennen we niet" not in html
    assert 'href="#id_code"' in html  # the error summary links to the field
    assert 'id="id_code_error"' in html and 'aria-describedby="id_code_error"' in html


def test_the_introduction_date_is_an_iso_value_a_date_input_accepts():
    html = str(IntroductionAttendanceForm()["declaration_date"])
    value = re.search(r'value="([^"]+)"', html).group(1)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), value
    assert 'type="date"' in html
