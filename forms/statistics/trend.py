"""The multi-year view: each headline figure over every published and historical year.

Only figures that readers may already see go in: a published year's figure is its latest published
version, a historical year (before the portal, entered from earlier annual reports) its historical
figure. A year that is neither (the running year, or a year the office has not published) is never
in the trend, also not for the office: the trend is the same public series in every view.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

#: The headline figures with a trend, in page order, with the chart's title.
TREND_FIGURES = [
    ("awareness.introduction.attendees", _("Nieuwe collega's bij een introductiebijeenkomst")),
    ("awareness.resilience_week.participants", _("Deelnemers Week van de Weerbaarheid")),
    ("awareness.year_round.participants", _("Deelnemers aan activiteiten door het jaar heen")),
    ("awareness.team_sessions.sessions", _("Teamsessies over integriteit")),
    ("integrity_reports.total", _("Meldingen van vermeende integriteitsschendingen")),
    ("confidential_advisors.colleagues", _("Collega's die een vertrouwenspersoon benaderden")),
    ("employee_survey.percentage", _("Medewerkers die ongewenst gedrag ervoeren (%)")),
    ("public_aggression.total", _("Incidenten publieksagressie en geweld (GIR)")),
    ("peer_support.conversations", _("Gesprekken van het bedrijfsopvangteam")),
]
TREND_KEYS = [key for key, _label in TREND_FIGURES]
#: Sections that editors enter per year themselves (not records of the portal's forms).
ENTERED_SECTIONS = frozenset({"employee_survey"})


def _lookup(sections: dict[str, Any], key: str):
    from forms.statistics.service import _lookup

    return _lookup(sections, key)


def _published_sections(up_to: int) -> dict[int, dict[str, Any]]:
    """{year: sections of its latest published version} for every published year up to `up_to`."""
    from django.db.models import OuterRef, Subquery

    from forms.statistics.models import StatisticsSnapshot

    # Only each year's newest version is read (a snapshot holds a whole report: reading every
    # correction of every year would grow with the corrections).
    newest = (
        StatisticsSnapshot.objects.filter(status="published", year=OuterRef("year"))
        .order_by("-version")
        .values("version")[:1]
    )
    snapshots = StatisticsSnapshot.objects.filter(
        status="published", year__lte=up_to, version=Subquery(newest)
    ).values_list("year", "report")
    latest = {year: report.get("sections") or {} for year, report in snapshots}
    return latest


def _historical_sections(up_to: int, published: set[int]) -> dict[int, dict[str, Any]]:
    """{year: sections} of the historical years: years with historical figures that are not
    published, lie before every published year, and whose figures come from historical figures only
    (a year with records of the portal is an unpublished year, not a historical one). The survey,
    which editors enter per year, is shown for such a year too; a year with only a survey entry
    is not historical (editors enter the survey of the running year before it is published)."""
    from forms.statistics import service
    from forms.statistics.models import HistoricalFigure

    limit = min(published | {up_to})
    candidates = set(
        HistoricalFigure.objects.filter(year__lt=limit).values_list("year", flat=True).distinct()
    )
    found = {}
    for year in sorted(candidates - published):
        figures = service.year_figures(year)
        sources = figures["sources"]
        if any(source == "records" for section, source in sources.items() if section not in ENTERED_SECTIONS):
            continue
        found[year] = figures["sections"]
    return found


def trend(up_to: int) -> dict[str, list[dict[str, Any]]]:
    """The export's `trend`: {figure key: [{"year": Y, "count": N}, ...]} oldest first, over every
    published and historical year up to `up_to`; a year without the figure is left out."""
    published = _published_sections(up_to)
    years = published | _historical_sections(up_to, set(published))
    series: dict[str, list[dict[str, Any]]] = {}
    for key in TREND_KEYS:
        points = []
        for year in sorted(years):
            value = _lookup(years[year], key)
            if isinstance(value, int | float) and not isinstance(value, bool):
                points.append({"year": year, "count": value})
        series[key] = points
    return series
