"""The personal part of page feedback (see portal/holes.py): the form, or thanks once answered."""

from django.utils.html import format_html
from django.utils.translation import gettext

from home.feedback import COMMENT_MAX_LENGTH, PageFeedback, respondent_key
from portal import holes
from portal.prepared import PreparedQuery

# Asked on every view of every page with feedback: compiled once (portal/prepared.py).
_GIVEN = PreparedQuery(
    lambda page_id, revision_id, respondent: PageFeedback.objects.filter(
        page_id=page_id, revision_id=revision_id, respondent=respondent
    ).values_list("pk")[:1]
)


@holes.register("home.page_feedback")
def page_feedback(person: holes.Person, page_id: str, revision_id: str) -> str:
    """One query: has this person answered this version of the page? Else the question's form."""
    if person.pk is None:
        return ""
    if _GIVEN(int(page_id), int(revision_id or 0), respondent_key(person.pk)):
        return _thanks()
    return _question(int(page_id))


@holes.same_for_everyone
def _thanks() -> str:
    return format_html(
        '<p class="utrecht-paragraph">{}</p>',
        gettext("Dank je wel. Je hebt al gereageerd op deze versie van de pagina."),
    )


@holes.same_for_everyone
def _question(page_id: int) -> str:
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
        action=holes.url("home:page_feedback", page_id),
        csrf=holes.CSRF,
        label=gettext("Toelichting (niet verplicht)"),
        help=gettext("We zien niet wie je bent. Schrijf geen namen of andere persoonsgegevens."),
        max=COMMENT_MAX_LENGTH,
        yes=gettext("Ja, nuttig"),
        no=gettext("Nee, niet nuttig"),
    )
