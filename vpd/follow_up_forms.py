"""The form of a perpetrator-focused follow-up task: what, who, by when, done when (and the letter)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vpd.perpetrator import FollowUpKind, FollowUpTask, WarningLetterTemplate
from vpd.team_incidents import possible_owners


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class FollowUpTaskForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Vervolgstap"),
        choices=FollowUpKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de vervolgstap."), "invalid_choice": _("Kies de vervolgstap.")},
    )
    owner = OwnerChoiceField(
        label=_("Eigenaar"),
        queryset=None,
        help_text=_("Een leidinggevende van het team of de VPD-coördinator."),
        error_messages={
            "required": _("Kies wie deze stap uitvoert."),
            "invalid_choice": _("Kies een leidinggevende van het team of de VPD-coördinator."),
        },
    )
    due_on = forms.DateField(
        label=_("Uiterlijk op"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Vul in wanneer de stap uiterlijk gedaan is."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    template = forms.ModelChoiceField(
        label=_("Sjabloon voor de brief"),
        queryset=WarningLetterTemplate.objects.filter(active=True),
        required=False,
        help_text=_(
            "Alleen bij een waarschuwingsbrief: de brief wordt met de gegevens van het incident gevuld."
        ),
        error_messages={"invalid_choice": _("Kies een sjabloon uit de lijst.")},
    )
    done_on = forms.DateField(
        label=_("Gedaan op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leeg zolang de stap nog niet gedaan is."),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    letter = forms.CharField(
        label=_("Tekst van de brief"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=10000,
        error_messages={"max_length": _("De brief is te lang (hoogstens %(limit_value)d tekens).")},
    )

    class Meta:
        model = FollowUpTask
        fields = ["kind", "owner", "due_on", "done_on", "letter"]

    def __init__(self, *args, incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.incident = incident
        self.fields["owner"].queryset = possible_owners(incident)
        if self.instance.pk:
            # The kind of an existing task does not change; its letter is edited, not regenerated.
            del self.fields["kind"], self.fields["template"]
            if self.instance.kind != FollowUpKind.WARNING_LETTER:
                del self.fields["letter"]
        else:
            del self.fields["letter"]

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        if due_on and due_on < self.incident.date:
            raise forms.ValidationError(_("Deze datum ligt voor de datum van het incident."))
        return due_on

    def clean_done_on(self):
        done_on = self.cleaned_data.get("done_on")
        if done_on and done_on > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        if done_on and done_on < self.incident.date:
            raise forms.ValidationError(_("Deze datum ligt voor de datum van het incident."))
        return done_on

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") if not self.instance.pk else self.instance.kind
        if not self.instance.pk and kind:
            if FollowUpTask.objects.filter(incident=self.incident, kind=kind).exists():
                self.add_error("kind", _("Deze vervolgstap staat al bij dit incident."))
            if (
                kind == FollowUpKind.WARNING_LETTER
                and not cleaned.get("template")
                and "template" not in self.errors
            ):
                self.add_error("template", _("Kies een sjabloon voor de waarschuwingsbrief."))
        letter_missing = not (cleaned.get("letter") or "").strip() and "letter" not in self.errors
        if self.instance.pk and kind == FollowUpKind.WARNING_LETTER and letter_missing:
            self.add_error("letter", _("Vul de tekst van de brief in."))
        return cleaned

    def save(self, commit=True):
        task = super().save(commit=False)
        task.incident = self.incident
        template = self.cleaned_data.get("template")
        if not task.pk and task.kind == FollowUpKind.WARNING_LETTER and template:
            task.letter = template.render(self.incident)
        if commit:
            task.save()
        return task
