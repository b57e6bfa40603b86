"""The legally required texts at fixed addresses everyone can open, also signed out.

The texts are Wagtail pages (`home.LegalPage`, one per kind and language, written by editors); the
footer of every page and the report form link to these addresses. The reporters' texts live under
`/melding/`, so they get the report pages' anonymity (forms/anonymity.py: no address, no session).
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from home.models import LegalKind, LegalPage

# kind → URL name (home/urls.py)
URL_NAMES = {
    LegalKind.EXTERNAL_REPORTING: "legal_external_reporting",
    LegalKind.PRIVACY_REPORTERS: "legal_privacy_reporters",
    LegalKind.PRIVACY_EMPLOYEES: "legal_privacy_employees",
    LegalKind.ACCESSIBILITY: "legal_accessibility",
}


def legal_url(kind: str, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        return reverse(f"home:{URL_NAMES[kind]}")


def legal_page(kind: str) -> LegalPage | None:
    """The live page of this kind in the active language, else the Dutch one (it shows a notice)."""
    pages = LegalPage.objects.live().filter(kind=kind).select_related("locale").order_by("path")
    active = Locale.get_active()
    return pages.filter(locale=active).first() or pages.filter(locale=Locale.get_default()).first()


@login_not_required
def legal_text(request, kind: str):
    """Open to everyone: a reporter who is not signed in must be able to read where else to report
    and what happens to their data, and the accessibility statement must be public."""
    page = legal_page(kind)
    if page is None:
        raise Http404
    return render(request, "home/legal_page.html", {"page": page, "self": page})
