import math

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class CodeForm(forms.Form):
    """One field for a six-digit authenticator code or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )

    def __init__(self, *args, check=None, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check
        self.result = None
        if help_text:
            self.fields["code"].help_text = help_text

    def clean_code(self):
        from portal.mfa.devices import Throttled

        code = self.cleaned_data["code"]
        try:
            self.result = self.check(code) if self.check else None
        except Throttled as throttled:
            seconds = 1
            if throttled.until is not None:
                seconds = max(1, math.ceil((throttled.until - timezone.now()).total_seconds()))
            raise forms.ValidationError(
                ngettext(
                    "Te vaak een verkeerde code. Wacht %(seconds)s seconde en probeer het opnieuw.",
                    "Te vaak een verkeerde code. Wacht %(seconds)s seconden en probeer het opnieuw.",
                    seconds,
                )
                % {"seconds": seconds}
            ) from None
        if not self.result:
            raise forms.ValidationError(
                _(
                    "Deze code klopt niet of is al gebruikt. Typ de code die je app nu toont, "
                    "of een herstelcode die je nog niet hebt gebruikt."
                )
            )
        return code
