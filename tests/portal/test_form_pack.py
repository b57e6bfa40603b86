"""The project's crispy-forms template pack renders NL Design System markup with ARIA links."""

from django import forms
from django.template import Context, Template


class ExampleForm(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals in je account")
    kind = forms.ChoiceField(label="Soort", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    agree = forms.BooleanField(label="Akkoord")
    note = forms.CharField(label="Toelichting", widget=forms.Textarea, required=False)


def render(form):
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def test_labels_descriptions_and_optional_marks():
    html = render(ExampleForm())
    assert '<label class="utrecht-form-label" for="id_name">Naam' in html
    assert 'id="id_name_description"' in html
    assert 'aria-describedby="id_name_description"' in html
    assert "utrecht-textbox" in html
    assert "utrecht-textarea" in html
    assert "(niet verplicht)" in html  # the optional note
    assert "<legend" in html and "Soort" in html
    assert 'type="radio"' in html and 'id="id_kind_0"' in html


def test_errors_are_linked_to_their_field_and_input_is_kept():
    form = ExampleForm(data={"name": "Jan", "kind": "x"})
    html = render(form)
    assert 'id="id_kind_error"' in html
    assert 'id="id_agree_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="Jan"' in html
    # the error summary links to the fields
    assert 'href="#id_kind_0"' in html
    assert 'href="#id_agree"' in html


def test_required_fields_are_not_marked_invalid_before_the_first_submit():
    """No HTML `required`: the browser styles an empty required field :invalid (red) on page load.
    The field still tells assistive technology it is required."""
    html = render(ExampleForm())
    assert " required" not in html
    assert 'aria-required="true"' in html
