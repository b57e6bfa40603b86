"""The search form: what to search for and, optionally, in which section."""

from django import forms
from django.utils.translation import gettext_lazy as _

from search.sections import SECTIONS


class SearchForm(forms.Form):
    """Search terms and a section filter; an unknown section is an error beside the field."""

    q = forms.CharField(label=_("Zoekterm"), required=False, strip=True)
    section = forms.ChoiceField(label=_("Onderdeel"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("Alle onderdelen")), *SECTIONS.items()]
        self.fields["q"].widget.attrs.update({"autocomplete": "off"})
        self.fields["q"].widget.input_type = "search"
        self.fields["section"].error_messages["invalid_choice"] = _(
            "Dit onderdeel kennen we niet. We zoeken in alle onderdelen."
        )
