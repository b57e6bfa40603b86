"""The integrity office's publication screen in the Wagtail admin.

`/admin/jaarcijfers/publicatie/` lists the years with figures and their publication state;
`/admin/jaarcijfers/publicatie/<year>/` shows every figure live beside the published version with
the differences highlighted, and lets the office publish (a correction from version 2 on) or share a
draft with the editors for the page preview. Only the integrity office may open or post to it.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from forms.statistics import publication, service
from forms.statistics.permissions import can_publish_statistics
from forms.statistics.views import parse_year


def _check(request: HttpRequest) -> None:
    if not can_publish_statistics(request.user):
        raise PermissionDenied


def overview(request: HttpRequest) -> HttpResponse:
    _check(request)
    published = {
        snapshot.year: snapshot
        for snapshot in publication.StatisticsSnapshot.objects.filter(status="published").order_by("version")
    }
    years = [{"year": year, "published": published.get(year)} for year in service.years_with_data()]
    return TemplateResponse(request, "statistics/admin/publication_overview.html", {"years": years})


def comparison(year: int) -> list[dict[str, Any]]:
    """Every figure of `year`: exact live value beside the exact published one, changes flagged."""
    live = publication.public_figures(service.report(year), {})
    snapshot = publication.latest_published(year)
    published = publication.public_figures(snapshot.report, {}) if snapshot else {}
    hidden = {
        f"{table}.{code}" for table, codes in (snapshot.hidden if snapshot else {}).items() for code in codes
    }
    keys = list(published) + [key for key in live if key not in published]
    return [
        {
            "key": key,
            "label": publication.figure_label(key),
            "live": live.get(key),
            "published": published.get(key),
            "hidden": key in hidden,
            "changed": snapshot is not None and live.get(key) != published.get(key),
        }
        for key in keys
    ]


@require_http_methods(["GET", "POST"])
def year_view(request: HttpRequest, year: str) -> HttpResponse:
    _check(request)
    parsed = parse_year(year)
    if parsed is None or not service.report(parsed)["has_data"]:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        reason = request.POST.get("reason", "").strip()[:1000]
        try:
            if action == "publish":
                snapshot = publication.publish(parsed, request.user, reason=reason)
                messages.success(
                    request,
                    _("{year} is gepubliceerd (versie {version}).").format(
                        year=parsed, version=snapshot.version
                    ),
                )
            elif action == "share":
                publication.make_draft(parsed, request.user, share=True)
                messages.success(
                    request, _("Het concept van {year} is gedeeld met de redacteuren.").format(year=parsed)
                )
            else:
                messages.error(request, _("Onbekende handeling."))
        except publication.PublicationError as error:
            if str(error) == "unchanged":
                messages.error(
                    request,
                    _(
                        "De cijfers zijn niet veranderd sinds de laatste versie; "
                        "geef een toelichting om toch te publiceren."
                    ),
                )
            else:
                messages.error(request, _("Publiceren lukte niet; probeer het opnieuw."))
        return redirect("statistics_publication_year", year=parsed)
    rows = comparison(parsed)
    context = {
        "year": parsed,
        "rows": rows,
        "changed": sum(row["changed"] for row in rows),
        "versions": publication.published_versions(parsed),
        "draft": publication.latest_shared_draft(parsed),
    }
    return TemplateResponse(request, "statistics/admin/publication_year.html", context)
