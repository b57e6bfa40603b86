"""Receiving page feedback: one answer per person per page version (home/feedback.py)."""

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import Page

from home import feedback


class FeedbackForm(django_forms.Form):
    useful = django_forms.ChoiceField(
        label=gettext_lazy("Was deze pagina nuttig?"),
        choices=[("ja", gettext_lazy("Ja, nuttig")), ("nee", gettext_lazy("Nee, niet nuttig"))],
        widget=django_forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies of deze pagina nuttig was."),
            "invalid_choice": gettext_lazy("Kies ja of nee."),
        },
    )
    comment = django_forms.CharField(
        label=gettext_lazy("Toelichting (niet verplicht)"),
        help_text=gettext_lazy("We zien niet wie je bent. Schrijf geen namen of andere persoonsgegevens."),
        required=False,
        max_length=feedback.COMMENT_MAX_LENGTH,
        widget=django_forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": gettext_lazy(
                "Houd je toelichting korter dan %(limit_value)d tekens (nu %(show_value)d)."
            )
        },
    )


def _may_view(page: Page, request) -> bool:
    """The person may read the page: live, and every view restriction lets them in."""
    return page.live and all(
        restriction.accept_request(request) for restriction in page.get_view_restrictions()
    )


@require_POST
def page_feedback(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not _may_view(page, request) or not feedback.feedback_allowed(page):
        raise Http404  # no feedback here: as if the address did not exist
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, "home/page_feedback_form.html", {"form": form, "feedback_page": page})
    stored = feedback.record(
        user_id=request.user.pk,
        page=page,
        useful=form.cleaned_data["useful"] == "ja",
        comment=form.cleaned_data["comment"],
    )
    if stored:
        messages.success(request, _("Dank je wel voor je reactie."))
    else:
        messages.info(
            request, _("Je had al gereageerd op deze versie van de pagina; je eerste reactie telt.")
        )
    return redirect(page.get_url(request) + "#paginafeedback")
