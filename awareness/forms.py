"""Forms of the awareness room: registering for a session, evaluating it, recording the declaration."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awareness.models import Declaration, Evaluation, IntroductionMeeting
from home.models import Department


class RegistrationForm(forms.Form):
    """A colleague's sign-up: name, e-mail and department, filled in from their account."""

    name = forms.CharField(label=_("Naam"), max_length=200, error_messages={"required": _("Vul je naam in.")})
    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        },
    )
    department = forms.ModelChoiceField(
        label=_("Organisatieonderdeel"), queryset=Department.objects.all(), required=False
    )


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["rating", "useful", "comment"]
        widgets = {
            "rating": forms.RadioSelect,
            "useful": forms.Textarea(attrs={"rows": 3}),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }


class IntroductionAttendanceForm(forms.Form):
    """A new colleague records attending an introduction meeting and taking the integrity declaration."""

    meeting = forms.ModelChoiceField(
        label=_("Bijeenkomst"),
        queryset=IntroductionMeeting.objects.none(),
        error_messages={"required": _("Kies de bijeenkomst waar je bij was.")},
    )
    department = forms.ModelChoiceField(
        label=_("Organisatieonderdeel"), queryset=Department.objects.all(), required=False
    )
    declaration = forms.ChoiceField(
        label=_("Verklaring"),
        choices=Declaration.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of je de eed of de belofte hebt afgelegd.")},
    )
    declaration_date = forms.DateField(
        label=_("Datum verklaring"),
        # A date input only takes ISO dates ("2026-12-02"); a localized value would be dropped.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
        error_messages={
            "required": _("Vul de datum van de verklaring in."),
            "invalid": _("Vul een bestaande datum in, zoals 2 december 2026."),
        },
    )
    administered_by = forms.CharField(
        label=_("Afgenomen door"),
        max_length=200,
        error_messages={"required": _("Vul in wie de verklaring heeft afgenomen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.now()
        self.fields["meeting"].queryset = IntroductionMeeting.objects.filter(
            start__lte=now, start__gte=now - datetime.timedelta(days=366)
        ).order_by("-start")

    def clean_declaration_date(self):
        value = self.cleaned_data["declaration_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("De datum kan niet in de toekomst liggen."))
        return value
