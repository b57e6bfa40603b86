"""The admin screens of a case's dated protocol events: record or correct one (date, note, document)
and download its document. Only the integrity office may open them; each use is audited."""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms import audit, protocol_events
from forms.attachments import clean_upload
from forms.case_events import CaseEvent, EventKind
from forms.models import IntegrityReport
from forms.permissions import can_handle_case


class EventForm(django_forms.Form):
    # ISO format: a date input shows nothing for any other.
    on = django_forms.DateField(
        label=gettext_lazy("Datum"),
        widget=django_forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Vul de datum in."),
            "invalid": gettext_lazy("Vul een geldige datum in, zoals 2026-03-31."),
        },
    )
    document = django_forms.FileField(
        label=gettext_lazy("Document"),
        required=False,
        help_text=gettext_lazy(
            "PDF, JPG of PNG, hoogstens 10 MB. Het bestand wordt opnieuw opgebouwd uit wat het laat zien "
            "en versleuteld bewaard."
        ),
    )
    note = django_forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        widget=django_forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Alleen zichtbaar voor het Integriteitsbureau."),
    )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        return clean_upload(upload)  # a ValidationError in plain Dutch when it cannot be rebuilt


def _case(request, pk: int, kind: str) -> IntegrityReport:
    if not can_handle_case(request.user):
        raise PermissionDenied
    if kind not in EventKind.values:
        raise Http404
    return get_object_or_404(IntegrityReport, pk=pk)


def event(request, pk: int, kind: str):
    report = _case(request, pk, kind)
    existing = CaseEvent.objects.filter(report=report, kind=kind).first()
    edit_url = reverse("integriteitsmeldingen:edit", args=[report.pk])
    label = EventKind(kind).label
    if request.method == "POST":
        form = EventForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                protocol_events.save_event(
                    report,
                    kind,
                    user=request.user,
                    on=data["on"],
                    note=data["note"],
                    document=data["document"],
                )
            except protocol_events.EventRefused as refused:
                form.add_error(refused.field if refused.field in form.fields else None, refused.message)
            else:
                messages.success(request, _("Vastgelegd: %(event)s.") % {"event": label})
                return redirect(edit_url)
        status = 422
    else:
        initial = {"on": timezone.localdate()}
        if existing:
            initial = {"on": existing.on, "note": existing.note}
        form = EventForm(initial=initial)
        status = 200
        audit.record(
            "protocolgebeurtenis geopend", user=request.user, report=report, detail={"gebeurtenis": kind}
        )
    for field_name in form.errors:
        if field_name in form.fields:  # the message is read with the field it concerns
            form.fields[field_name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"id_{field_name}-error"}
            )
    return TemplateResponse(
        request,
        "forms/admin/protocol_event.html",
        {"report": report, "label": label, "existing": existing, "form": form, "edit_url": edit_url},
        status=status,
    )


def document(request, pk: int, kind: str):
    report = _case(request, pk, kind)
    recorded = get_object_or_404(CaseEvent, report=report, kind=kind)
    if not recorded.has_document:
        raise Http404
    audit.record(
        "protocoldocument gedownload", user=request.user, report=report, detail={"gebeurtenis": kind}
    )
    response = HttpResponse(recorded.document_content(), content_type=recorded.document_type)
    extension = {"application/pdf": "pdf", "image/png": "png"}.get(recorded.document_type, "jpg")
    response["Content-Disposition"] = f"attachment; filename={kind}-{report.pk}.{extension}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
