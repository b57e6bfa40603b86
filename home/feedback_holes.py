"""The personal part of page feedback (see portal/holes.py): the form, or thanks once answered."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from home.feedback import COMMENT_MAX_LENGTH, already_given
from portal import holes


@holes.register("home.page_feedback")
def page_feedback(person: holes.Person, page_id: str, revision_id: str) -> str:
    """One query: has this person answered this version of the page? Else the question's form."""
    if person.pk is None:
        return ""
    if already_given(person.pk, int(page_id), int(revision_id or 0)):
        return format_html(
            '<p class="utrecht-paragraph">{}</p>',
            gettext("Dank je wel. Je hebt al gereageerd op deze versie van de pagina."),
        )
    return format_html(
        '<form method="post" action="{action}" class="portal-feedback__form">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
        '<div class="utrecht-form-field utrecht-form-field--textarea">'
        '<p class="utrecht-form-field__label"><label class="utrecht-form-label" for="id_feedback_comment">'
        "{label}</label></p>"
        '<div class="utrecht-form-field-description" id="id_feedback_comment_description">{help}</div>'
        '<div class="utrecht-form-field__input">'
        '<textarea class="utrecht-textarea utrecht-textarea--html-textarea" '
        'id="id_feedback_comment" name="comment" rows="3" maxlength="{max}" '
        'aria-describedby="id_feedback_comment_description"></textarea></div></div>'
        '<div class="utrecht-button-group portal-feedback__buttons">'
        '<button class="utrecht-button utrecht-button--secondary-action" type="submit" '
        'name="useful" value="ja">'
        "{yes}</button>"
        '<button class="utrecht-button utrecht-button--secondary-action" type="submit" '
        'name="useful" value="nee">'
        "{no}</button></div></form>",
        action=reverse("home:page_feedback", args=[int(page_id)]),
        csrf=person.csrf_token(),
        label=gettext("Toelichting (niet verplicht)"),
        help=gettext("We zien niet wie je bent. Schrijf geen namen of andere persoonsgegevens."),
        max=COMMENT_MAX_LENGTH,
        yes=gettext("Ja, nuttig"),
        no=gettext("Nee, niet nuttig"),
    )
