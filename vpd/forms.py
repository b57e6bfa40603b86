"""The registration forms of safe public service: an incident (GIR) and a peer-support conversation (BOT)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Department
from vpd.models import ConversationSequence, EventKind, Incident, IncidentType, PeerSupportConversation, Team

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]
FOLLOW_UP_CHOICES = [
    ("police_report", _("Aangifte gedaan")),
    ("warning_letter", _("Waarschuwingsbrief gestuurd")),
    ("incident_conversation", _("Incidentgesprek gevoerd")),
    ("none", _("Nog niets")),
]
FOLLOW_UP_FIELDS = ("police_report", "warning_letter", "incident_conversation")


class YesNoField(forms.TypedChoiceField):
    """A required yes/no question as two radio buttons (a missing answer is an error, not a 'no')."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO,
            coerce=lambda value: value == "ja",
            widget=forms.RadioSelect,
            error_messages={"required": _("Kies ja of nee.")},
            **kwargs,
        )


def not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
    return value


class IncidentForm(forms.ModelForm):
    """Register an incident of public aggression. The description stays with the coordinator."""

    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Vul de datum in.")},
    )
    start_time = forms.TimeField(
        label=_("Begintijd"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Vul de begintijd in.")},
    )
    end_time = forms.TimeField(
        label=_("Eindtijd"), widget=forms.TimeInput(attrs={"type": "time"}), required=False
    )
    department = forms.ModelChoiceField(
        label=_("Organisatieonderdeel"),
        queryset=Department.objects.all(),
        error_messages={"required": _("Kies het organisatieonderdeel.")},
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.select_related("department"),
        required=False,
        help_text=_("Het team moet bij het gekozen organisatieonderdeel horen."),
    )
    incident_type = forms.ChoiceField(
        label=_("Soort incident"),
        choices=IncidentType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort incident.")},
    )
    police_called = YesNoField(label=_("Is de politie ingeschakeld?"))
    follow_up = forms.MultipleChoiceField(
        label=_("Welke vervolgstappen zijn er gezet?"),
        choices=FOLLOW_UP_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één vervolgstap, of 'Nog niets'.")},
    )
    aftercare_wanted = YesNoField(
        label=_("Wil je nazorg?"),
        help_text=_(
            "Bij 'ja' krijgt het bedrijfsopvangteam bericht, zonder je beschrijving van het incident."
        ),
    )

    class Meta:
        model = Incident
        fields = [
            "date",
            "start_time",
            "end_time",
            "department",
            "team",
            "location",
            "incident_type",
            "description",
        ]
        labels = {"location": _("Locatie"), "description": _("Wat is er gebeurd?")}
        help_texts = {"location": _("Bijvoorbeeld: balie 3, Stadskantoor.")}
        error_messages = {
            "location": {"required": _("Vul de locatie in.")},
            "description": {"required": _("Beschrijf wat er is gebeurd.")},
        }

    field_order = [
        "date", "start_time", "end_time", "department", "team", "location", "incident_type",
        "description", "police_called", "follow_up", "aftercare_wanted",
    ]  # fmt: skip

    def clean_date(self):
        return not_in_future(self.cleaned_data.get("date"))

    def clean_follow_up(self):
        chosen = self.cleaned_data.get("follow_up") or []
        if "none" in chosen and len(chosen) > 1:
            raise forms.ValidationError(_("'Nog niets' kan niet samen met een andere vervolgstap."))
        return chosen

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end < start:
            self.add_error("end_time", _("De eindtijd ligt voor de begintijd."))
        date = cleaned.get("date")
        if date and start and date == timezone.localdate() and start > timezone.localtime().time():
            self.add_error("start_time", _("Deze tijd ligt in de toekomst."))
        department, team = cleaned.get("department"), cleaned.get("team")
        if department and team and team.department_id != department.pk:
            self.add_error("team", _("Dit team hoort niet bij het gekozen organisatieonderdeel."))
        return cleaned

    def save(self, commit=True):
        incident = super().save(commit=False)
        chosen = set(self.cleaned_data["follow_up"])
        for name in FOLLOW_UP_FIELDS:
            setattr(incident, name, name in chosen)
        incident.police_called = self.cleaned_data["police_called"]
        incident.aftercare_wanted = self.cleaned_data["aftercare_wanted"]
        if commit:
            incident.save()
        return incident


class PeerSupportForm(forms.ModelForm):
    """Record a peer-support conversation: only what is counted, nothing that identifies anyone."""

    date = forms.DateField(
        label=_("Datum van het gesprek"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Vul de datum in.")},
    )
    department = forms.ModelChoiceField(
        label=_("Organisatieonderdeel"),
        queryset=Department.objects.all(),
        error_messages={"required": _("Kies het organisatieonderdeel.")},
    )
    sequence = forms.ChoiceField(
        label=_("Welk gesprek was dit?"),
        choices=ConversationSequence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies het eerste, tweede of derde gesprek.")},
    )
    referred = YesNoField(label=_("Doorverwezen naar bedrijfsmaatschappelijk werk?"))
    event = forms.ChoiceField(
        label=_("Soort gebeurtenis"),
        choices=EventKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort gebeurtenis.")},
    )

    class Meta:
        model = PeerSupportConversation
        fields = ["date", "department", "sequence", "referred", "event"]

    def clean_date(self):
        return not_in_future(self.cleaned_data.get("date"))
