"""Render Django form widgets with NL Design System (Utrecht) markup and ARIA links.

Used by the project's crispy-forms template pack `nlds`; every form in the portal goes through it,
so labels, descriptions and error messages look and behave the same everywhere.
"""

from django import forms, template

register = template.Library()

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    forms.ClearableFileInput: "portal-file-input",
    forms.FileInput: "portal-file-input",
}
INVALID_MODIFIERS = {
    "utrecht-textarea": "utrecht-textarea--invalid",
    "utrecht-select": "utrecht-select--invalid",
    "utrecht-checkbox": "utrecht-checkbox--invalid",
    "utrecht-textbox": "utrecht-textbox--invalid",
}


def widget_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


@register.filter
def nlds_kind(field) -> str:
    return widget_kind(field)


def described_by(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_description")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def nlds_describedby(field) -> str:
    return described_by(field)


@register.filter
def nlds_widget(field):
    """The field's widget with NLDS classes, aria-describedby and aria-invalid."""
    widget = field.field.widget
    css = next(
        (classes for widget_type, classes in WIDGET_CLASSES.items() if isinstance(widget, widget_type)),
        "utrecht-textbox utrecht-textbox--html-input",
    )
    attrs = {}
    if field.errors:
        base = css.split()[0]
        css = f"{css} {INVALID_MODIFIERS.get(base, '')}".strip()
        attrs["aria-invalid"] = "true"
    existing = widget.attrs.get("class", "")
    attrs["class"] = f"{css} {existing}".strip()
    if describedby := described_by(field):
        attrs["aria-describedby"] = describedby
    if field.field.required and not isinstance(widget, forms.CheckboxInput):
        attrs["aria-required"] = "true"
    # No HTML `required`: the browser would mark an untouched field :invalid (red) before anyone
    # typed; the server's message after submitting says what is missing (aria-required tells AT).
    field.form.use_required_attribute = False
    return field.as_widget(attrs=attrs)


@register.filter
def nlds_option_attrs(field, index) -> str:
    """id for the n-th option of a radio/checkbox group (matches Django's own ids)."""
    return f"{field.auto_id}_{index}"
