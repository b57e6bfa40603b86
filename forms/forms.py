"""Forms of the report form's steps and of the follow-up page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forms.models import Category, Source
from home.models import Department

MAX_TEXT = 10_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more files; each is checked by `forms.attachments.clean_uploads`."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        if not isinstance(data, list | tuple):
            data = [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in data]


class WhatHappenedForm(forms.Form):
    """Step 1: what happened."""

    category = forms.ChoiceField(
        label=_("Waar gaat je melding over?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        help_text=_("De onderwerpen van de gedragscode."),
        error_messages={"required": _("Kies waar je melding over gaat.")},
    )
    description = forms.CharField(
        label=_("Wat is er gebeurd?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Beschrijf wat je hebt gezien of gehoord. Noem je eigen naam niet als je anoniem wilt blijven."
        ),
        error_messages={"required": _("Beschrijf wat er is gebeurd.")},
    )
    occurred = forms.CharField(
        label=_("Wanneer gebeurde het?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld een datum, een periode of 'sinds maart'."),
    )
    department = forms.ModelChoiceField(
        label=_("Bij welk organisatieonderdeel?"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("Weet ik niet / zeg ik liever niet"),
    )
    persons_involved = forms.CharField(
        label=_("Wie zijn erbij betrokken?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AboutYouForm(forms.Form):
    """Step 2: the reporter's relation to the municipality and, only if they wish, contact details."""

    source = forms.ChoiceField(
        label=_("Wat is jouw relatie tot de gemeente?"),
        choices=Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat jouw relatie tot de gemeente is.")},
    )
    wants_contact = forms.TypedChoiceField(
        label=_("Wil je je contactgegevens achterlaten?"),
        choices=[
            ("nee", _("Nee, ik meld anoniem")),
            ("ja", _("Ja, het Integriteitsbureau mag contact opnemen")),
        ],
        widget=forms.RadioSelect,
        initial="nee",
        error_messages={"required": _("Kies of je je contactgegevens wilt achterlaten.")},
        help_text=_(
            "Ook anoniem kun je met je ontvangstcode berichten uitwisselen met het Integriteitsbureau."
        ),
    )
    contact_details = forms.CharField(
        label=_("Contactgegevens"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Naam, telefoonnummer of e-mailadres: alleen als je dat zelf wilt."),
    )

    def clean(self):
        data = super().clean()
        if data.get("wants_contact") == "ja" and not data.get("contact_details", "").strip():
            self.add_error("contact_details", _("Vul je contactgegevens in, of kies voor anoniem melden."))
        if data.get("wants_contact") != "ja":
            data["contact_details"] = ""
        return data


class AttachmentsForm(forms.Form):
    """On the review step: optional files."""

    files = MultipleFileField(
        label=_("Bijlagen"),
        required=False,
        help_text=_(
            "PDF, JPG of PNG, hoogstens 5 bestanden van elk 10 MB, een PDF hoogstens 20 pagina's. We bouwen "
            "elk bestand opnieuw op uit wat het laat zien: verborgen gegevens (zoals de maker en de locatie) "
            "gaan niet mee."
        ),
    )


class ReceiptCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Ontvangstcode"),
        max_length=60,
        error_messages={"required": _("Vul je ontvangstcode in.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )


class FollowUpMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Je bericht aan het Integriteitsbureau"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    files = MultipleFileField(
        label=_("Bestanden toevoegen"),
        required=False,
        help_text=_("PDF, JPG of PNG, hoogstens 5 bestanden van elk 10 MB."),
    )

    def clean(self):
        data = super().clean()
        if not (data.get("body") or "").strip() and not data.get("files") and not self.errors:
            raise forms.ValidationError(_("Schrijf een bericht of voeg een bestand toe."))
        return data
