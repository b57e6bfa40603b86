"""Data-subject requests in the Wagtail admin (Instellingen → Verzoeken van betrokkenen).

An administrator (the Beheerder role, with a second factor proven in this session) looks up one
account, downloads everything the portal holds about it (JSON or PDF, each download audited) and
erases or anonymises what may go after a confirmation step. The data come from the registry in
portal/subject_data.py; integrity reports and the audit log are never part of it.
"""

import io
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from xhtml2pdf import pisa

from portal import subject_data
from portal.mfa import second_factor_method
from portal.roles import Role, has_role

FORMATS = ("json", "pdf")
EMPTY = "\u2013"  # an en dash where a value is empty


def can_handle_subject_requests(user) -> bool:
    """Administrators (the Beheerder role) only; a superuser flag alone is not a role."""
    return user.is_authenticated and user.is_active and has_role(user, Role.ADMINISTRATOR)


class SubjectLookupForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("Gebruikersnaam van de medewerker"),
        max_length=150,
        error_messages={"required": gettext_lazy("Vul de gebruikersnaam van de medewerker in.")},
    )

    def clean_username(self):
        value = self.cleaned_data["username"].strip()
        subject = get_user_model()._default_manager.filter(username__iexact=value).first()
        if subject is None:
            raise ValidationError(
                _("Er is geen account met de gebruikersnaam “%(username)s”. Controleer de spelling."),
                params={"username": value},
                code="unknown",
            )
        self.subject = subject
        return value


class ErasureConfirmForm(forms.Form):
    confirmation = forms.CharField(
        label=gettext_lazy("Typ de gebruikersnaam om te bevestigen"),
        max_length=150,
        error_messages={"required": gettext_lazy("Typ de gebruikersnaam om het wissen te bevestigen.")},
    )

    def __init__(self, *args, subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = subject

    def clean_confirmation(self):
        value = self.cleaned_data["confirmation"].strip()
        if value != self.subject.username:
            raise ValidationError(
                _("Dit is niet de gebruikersnaam van dit account. Typ precies: %(username)s"),
                params={"username": self.subject.username},
                code="mismatch",
            )
        return value


class SubjectRequestMixin(WagtailAdminTemplateMixin):
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        # The middleware already holds a sensitive role's session at "verify"; checked again here so
        # this page never depends on it alone.
        if not can_handle_subject_requests(request.user) or not second_factor_method(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("portal_subject_requests"), "label": _("Verzoeken van betrokkenen")},
        ]

    def subject(self):
        return get_object_or_404(get_user_model(), pk=self.kwargs["user_id"])


def overview(subject) -> list[dict]:
    """Per holding: how many records, and what an erasure does with it."""
    return [
        {
            "label": holding.label,
            "count": len(holding.collect(subject)),
            "erasable": holding.erase is not None,
            "kept_because": holding.kept_because,
        }
        for holding in subject_data.holdings()
    ]


class SubjectRequestsView(SubjectRequestMixin, TemplateView):
    page_title = gettext_lazy("Verzoeken van betrokkenen")
    template_name = "portal/admin/subject_requests.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SubjectLookupForm(self.request.GET if "username" in self.request.GET else None)
        context.update(form=form, not_included=subject_data.NOT_INCLUDED, formats=FORMATS)
        if form.is_bound and form.is_valid():
            subject = form.subject
            context.update(
                subject=subject,
                erased=subject_data.is_erased(subject),
                holdings=overview(subject),
                refusal=subject_data.refusal(subject, self.request.user),
            )
        return context


class SubjectExportView(SubjectRequestMixin, TemplateView):
    """POST only: a download is an audited act, never triggered by following a link."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        subject = self.subject()
        file_format = request.POST.get("format", "")
        if file_format not in FORMATS:
            messages.error(request, _("Kies JSON of PDF als formaat van het overzicht."))
            return redirect(
                f"{reverse('portal_subject_requests')}?{urlencode({'username': subject.username})}"
            )
        data = subject_data.export(subject)
        subject_data.record_export(subject, actor=request.user, file_format=file_format)
        stamp = timezone.localdate().isoformat()
        if file_format == "json":
            response = HttpResponse(
                subject_data.export_json(data), content_type="application/json; charset=utf-8"
            )
        else:
            response = HttpResponse(render_pdf(data, request), content_type="application/pdf")
        name = f"persoonsgegevens-{subject.pk}-{stamp}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response


def _text(value) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_text(item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value) or EMPTY
    return str(value) if value != "" else EMPTY


def render_pdf(data: dict, request) -> bytes:
    """A readable version of the JSON export: one section per kind of record, one table per record."""
    sections = [
        {
            **holding,
            "records": [
                [(key, _text(value)) for key, value in record.items()] for record in holding["records"]
            ],
        }
        for holding in data["holdings"]
    ]
    html = render_to_string(
        "portal/admin/subject_export_pdf.html", {"data": data, "sections": sections}, request=request
    )
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8")
    if result.err:  # pragma: no cover - xhtml2pdf reports errors instead of raising
        raise RuntimeError("the PDF could not be generated")
    return output.getvalue()


class SubjectEraseView(SubjectRequestMixin, TemplateView):
    page_title = gettext_lazy("Gegevens wissen")
    template_name = "portal/admin/subject_erase.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        subject = self.subject()
        context.update(
            subject=subject,
            holdings=overview(subject),
            refusal=subject_data.refusal(subject, self.request.user),
            form=form or ErasureConfirmForm(subject=subject),
        )
        return context

    def post(self, request, *args, **kwargs):
        subject = self.subject()
        form = ErasureConfirmForm(request.POST, subject=subject)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        username = subject.username
        try:
            subject_data.erase(subject, actor=request.user)
        except subject_data.ErasureRefused as refused:
            messages.error(request, str(refused))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            request,
            _("De gegevens van %(username)s zijn gewist of geanonimiseerd; het account heet nu %(now)s.")
            % {"username": username, "now": subject.username},
        )
        return redirect("portal_subject_requests")
