"""Forms of the declarations register: declare a gift or outside work, decide, give a second opinion."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safework.models import Decision, Declaration, DeclarationKind

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


def _required(message):
    return {"required": message}


class GiftDeclarationForm(forms.ModelForm):
    giver = forms.CharField(
        label=_("Van wie"),
        max_length=200,
        help_text=_("De persoon of organisatie die het geschenk of de uitnodiging aanbood."),
        error_messages=_required(_("Vul in van wie het geschenk of de uitnodiging komt.")),
    )
    value_estimate = forms.DecimalField(
        label=_("Geschatte waarde in euro"),
        max_digits=9,
        decimal_places=2,
        min_value=Decimal("0"),
        localize=True,  # "25,50" on the Dutch site
        error_messages={
            "required": _("Schat de waarde in euro's, ook als die laag is."),
            "invalid": _("Vul een bedrag in, bijvoorbeeld 25 of 25,50."),
            "min_value": _("De waarde kan niet negatief zijn."),
            "max_digits": _("Dit bedrag is te groot."),
            "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
            "max_whole_digits": _("Dit bedrag is te groot."),
        },
    )
    received_on = forms.DateField(
        label=_("Datum ontvangen of aangeboden"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
    )
    context = forms.CharField(
        label=_("Aanleiding"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom kreeg je het aangeboden? Heeft de gever een zakelijke relatie met de gemeente?"),
        error_messages=_required(_("Beschrijf de aanleiding.")),
    )

    class Meta:
        model = Declaration
        fields = ["giver", "value_estimate", "received_on", "context"]

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return value

    def save(self, commit=True):
        self.instance.kind = DeclarationKind.GIFT
        return super().save(commit)


class OutsideWorkDeclarationForm(forms.ModelForm):
    organisation = forms.CharField(
        label=_("Werkgever of organisatie"),
        max_length=200,
        error_messages=_required(_("Vul de werkgever of organisatie in.")),
    )
    hours_per_month = forms.IntegerField(
        label=_("Uren per maand"),
        min_value=1,
        max_value=400,
        error_messages={
            "required": _("Vul het aantal uren per maand in."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Vul minstens 1 uur in."),
            "max_value": _("Vul hoogstens 400 uur per maand in."),
        },
    )
    paid = forms.TypedChoiceField(
        label=_("Betaald"),
        choices=YES_NO,
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        error_messages=_required(_("Kies ja of nee.")),
    )
    possible_conflict = forms.CharField(
        label=_("Mogelijke belangenverstrengeling"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Raakt het werk aan je functie bij de gemeente? Schrijf 'geen' als je dat niet ziet."),
        error_messages=_required(_("Beschrijf een mogelijke belangenverstrengeling, of schrijf 'geen'.")),
    )

    class Meta:
        model = Declaration
        fields = ["organisation", "hours_per_month", "paid", "possible_conflict"]

    def save(self, commit=True):
        self.instance.kind = DeclarationKind.OUTSIDE_WORK
        return super().save(commit)


class DecisionForm(forms.Form):
    """The manager's decision, or the office's second opinion: always with reasons."""

    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Kies een besluit.")),
    )
    conditions = forms.CharField(
        label=_("Voorwaarden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen bij 'toegestaan onder voorwaarden'."),
    )
    reasons = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required(_("Motiveer het besluit.")),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.CONDITIONS and not (cleaned.get("conditions") or "").strip():
            self.add_error("conditions", _("Noem de voorwaarden."))
        return cleaned
