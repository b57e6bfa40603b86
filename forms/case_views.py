"""The admin screen of one protocol step: a short form (date, note, and where the step asks for it the
conclusion and consequence), checked by `forms.case_flow`. Only the integrity office may open it."""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms import case_flow, services
from forms.models import Conclusion, Consequence, IntegrityReport
from forms.permissions import can_handle_case


class StepForm(django_forms.Form):
    # ISO format: a date input shows nothing for any other (and the step would be sent without it).
    on = django_forms.DateField(
        label=gettext_lazy("Datum"),
        widget=django_forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    conclusion = django_forms.ChoiceField(
        label=gettext_lazy("Conclusie"),
        choices=[("", "—")]
        + [(value, label) for value, label in Conclusion.choices if value in case_flow.FINAL_CONCLUSIONS],
        required=False,
    )
    consequence = django_forms.ChoiceField(
        label=gettext_lazy("Gevolg"),
        choices=[("", "—")]
        + [
            (value, label)
            for value, label in Consequence.choices
            if value in case_flow.VIOLATION_CONSEQUENCES
        ],
        required=False,
        help_text=gettext_lazy("Alleen bij een vastgestelde integriteitsschending; anders blijft dit leeg."),
    )
    note = django_forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        widget=django_forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Alleen zichtbaar voor het Integriteitsbureau."),
    )

    def __init__(self, *args, transition: case_flow.Transition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = transition.date_label
        for name in ("conclusion", "consequence"):
            if name not in transition.asks:
                del self.fields[name]


def step(request, pk: int, name: str):
    if not can_handle_case(request.user):
        raise PermissionDenied
    transition = case_flow.BY_NAME.get(name)
    if transition is None:
        raise Http404
    report = get_object_or_404(IntegrityReport, pk=pk)
    edit_url = reverse("integriteitsmeldingen:edit", args=[report.pk])
    if transition not in case_flow.allowed(report):
        messages.error(
            request,
            _("Deze stap kan nu niet: de zaak heeft de status “%(status)s”.")
            % {"status": report.get_status_display()},
        )
        return redirect(edit_url)
    if request.method == "POST":
        form = StepForm(request.POST, transition=transition)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case_flow.apply(
                    report,
                    name,
                    user=request.user,
                    on=data["on"],
                    note=data.get("note", ""),
                    conclusion=data.get("conclusion", ""),
                    consequence=data.get("consequence", ""),
                )
            except case_flow.TransitionRefused as refused:
                field = refused.field if refused.field in form.fields else None
                form.add_error(field, refused.message)
            else:
                messages.success(request, _("Stap gezet: %(step)s.") % {"step": transition.label})
                return redirect(edit_url)
        status = 422
    else:
        form = StepForm(initial={"on": timezone.localdate()}, transition=transition)
        status = 200
        services.audit(report, request.user, "stap geopend")
    for field_name in form.errors:
        if field_name in form.fields:  # the message is read with the field it concerns
            form.fields[field_name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"id_{field_name}-error"}
            )
    return TemplateResponse(
        request,
        "forms/admin/step.html",
        {"report": report, "transition": transition, "form": form, "edit_url": edit_url},
        status=status,
    )
