"""Views of the content room that are not Wagtail pages: the code of conduct as PDF, the read
confirmation and the confirmation rates per department."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from xhtml2pdf import pisa

from home.models import CodeOfConductPage, ReadConfirmation
from home.must_read import confirmation_trend
from home.permissions import can_confirm_reading, can_view_confirmation_rates
from home.services import confirmation_rates


def _live_code(page_id: int) -> CodeOfConductPage:
    return get_object_or_404(CodeOfConductPage.objects.live(), pk=page_id)


def code_of_conduct_pdf(request, page_id: int) -> HttpResponse:
    """The code of conduct rendered from the page itself as a PDF (never a separately uploaded file)."""
    page = _live_code(page_id)
    html = render_to_string(
        "home/code_of_conduct_pdf.html", {"page": page, "toc": page.table_of_contents()}, request=request
    )
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8")
    if result.err:  # pragma: no cover - xhtml2pdf reports errors instead of raising
        raise Http404("PDF could not be generated")
    response = HttpResponse(output.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-{page.version}.pdf"'
    return response


@require_POST
def confirm_read(request, page_id: int) -> HttpResponse:
    """One click at the end of the page: the employee confirms the current version."""
    page = _live_code(page_id)
    if not can_confirm_reading(request.user):
        raise PermissionDenied
    version = page.confirmation_version()
    try:
        with transaction.atomic():
            ReadConfirmation.objects.get_or_create(
                user=request.user, page=page.source_page(), version=version
            )
    except IntegrityError:  # a double click: the confirmation is there already
        pass
    messages.success(
        request,
        _("Dank je wel. Je hebt bevestigd dat je versie %(version)s hebt gelezen.") % {"version": version},
    )
    return redirect(page.get_url(request) + "#bevestigen")


def confirmation_rates_view(request) -> HttpResponse:
    """Counts per department of who confirmed the current code of conduct (no names)."""
    if not can_view_confirmation_rates(request.user):
        raise PermissionDenied
    pages = list(CodeOfConductPage.objects.live().filter(locale__language_code=request.LANGUAGE_CODE))
    if not pages:
        pages = list(CodeOfConductPage.objects.live())
    per = "week" if request.GET.get("per") == "week" else "month"
    reports = [
        {
            "page": page,
            "version": page.confirmation_version(),
            "rates": confirmation_rates(page),
            "trend": confirmation_trend(page, per),  # the rate over time (home/must_read.py)
        }
        for page in pages
    ]
    return render(request, "home/confirmation_rates.html", {"reports": reports, "per": per})
