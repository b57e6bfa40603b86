"""Live figure blocks of the annual report page and the report's chapters.

Editors write the narrative of each chapter and may place figure blocks in it; the blocks show
figures from the statistics service for the page's year (never stored numbers). A chapter in which
the editors placed no figure block shows its standard figures, so a page without narrative still
shows everything.
"""

import uuid

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from forms.statistics import charts, service, trend
from forms.statistics.trend import TREND_FIGURES

# Figure keys (as in the export) with their Dutch labels.
NUMBERS = [
    ("awareness.introduction.sessions", _("Introductiebijeenkomsten")),
    ("awareness.introduction.sessions_online", _("waarvan online")),
    ("awareness.introduction.attendees", _("Nieuwe collega's bij een introductiebijeenkomst")),
    ("awareness.introduction.declarations_taken", _("Nieuwe collega's die de eed of belofte aflegden")),
    ("awareness.resilience_week.programme_items", _("Programma-onderdelen Week van de Weerbaarheid")),
    ("awareness.resilience_week.registrations", _("Aanmeldingen Week van de Weerbaarheid")),
    ("awareness.resilience_week.participants", _("Deelnemers Week van de Weerbaarheid")),
    ("awareness.team_sessions.sessions", _("Teamsessies over integriteit")),
    ("awareness.team_sessions.participants", _("Deelnemers aan teamsessies")),
    (
        "awareness.year_round.activities",
        _("Activiteiten door het jaar heen (buiten de Week van de Weerbaarheid)"),
    ),
    ("awareness.year_round.registrations", _("Aanmeldingen voor activiteiten door het jaar heen")),
    ("awareness.year_round.participants", _("Deelnemers aan activiteiten door het jaar heen")),
    (
        "awareness.year_round.attended",
        _("Aanwezig bij activiteiten door het jaar heen (bij de presentie geregistreerd)"),
    ),
    ("integrity_reports.total", _("Meldingen van vermeende integriteitsschendingen")),
    ("integrity_reports.open_at_year_end", _("Meldingen nog in onderzoek aan het eind van het jaar")),
    ("integrity_reports.lessons.measures", _("Maatregelen naar aanleiding van meldingen")),
    ("confidential_advisors.advisors", _("Actieve vertrouwenspersonen")),
    ("confidential_advisors.colleagues", _("Collega's die een vertrouwenspersoon benaderden")),
    ("confidential_advisors.conversations", _("Gesprekken met vertrouwenspersonen")),
    ("employee_survey.percentage", _("Medewerkers die ongewenst gedrag ervoeren (%)")),
    ("employee_survey.experienced", _("Medewerkers die 'ja' antwoordden")),
    ("employee_survey.respondents", _("Deelnemers aan het medewerkersonderzoek")),
    ("public_aggression.total", _("Incidenten publieksagressie en geweld (GIR)")),
    ("peer_support.conversations", _("Gesprekken van het bedrijfsopvangteam")),
    ("peer_support.referrals", _("Doorverwijzingen naar bedrijfsmaatschappelijk werk")),
    ("gifts_and_outside_work.gifts.total", _("Gemelde geschenken en uitnodigingen")),
    ("gifts_and_outside_work.outside_work.total", _("Gemelde nevenwerkzaamheden")),
]
BREAKDOWNS = [
    ("integrity_reports.by_category", _("Meldingen naar onderwerp")),
    ("integrity_reports.by_source", _("Meldingen naar bron")),
    ("integrity_reports.by_department", _("Meldingen naar organisatieonderdeel")),
    ("integrity_reports.by_investigation", _("Meldingen naar feitenonderzoek")),
    ("integrity_reports.by_conclusion", _("Meldingen naar conclusie")),
    ("integrity_reports.by_consequence", _("Meldingen naar consequentie")),
    ("integrity_reports.lessons.by_status", _("Maatregelen naar aanleiding van meldingen naar status")),
    ("confidential_advisors.by_topic", _("Collega's bij een vertrouwenspersoon naar onderwerp")),
    ("confidential_advisors.by_subtopic", _("Collega's bij een vertrouwenspersoon naar thema")),
    (
        "confidential_advisors.by_department",
        _("Collega's bij een vertrouwenspersoon naar organisatieonderdeel"),
    ),
    ("public_aggression.by_type", _("Incidenten publieksagressie naar soort")),
    ("public_aggression.by_department", _("Incidenten publieksagressie naar organisatieonderdeel")),
    ("peer_support.by_sequence", _("Gesprekken van het bedrijfsopvangteam naar volgorde")),
    ("peer_support.by_event", _("Gesprekken van het bedrijfsopvangteam naar gebeurtenis")),
    ("peer_support.by_department", _("Gesprekken van het bedrijfsopvangteam naar organisatieonderdeel")),
    ("gifts_and_outside_work.gifts.by_decision", _("Geschenken en uitnodigingen naar besluit")),
    (
        "gifts_and_outside_work.gifts.by_department",
        _("Geschenken en uitnodigingen naar organisatieonderdeel"),
    ),
    ("gifts_and_outside_work.outside_work.by_decision", _("Nevenwerkzaamheden naar besluit")),
    ("gifts_and_outside_work.outside_work.by_department", _("Nevenwerkzaamheden naar organisatieonderdeel")),
]
LABELS = dict(NUMBERS + BREAKDOWNS)

# The report's chapters (as in the 2021 report), with their standard figures:
# (slug, Dutch title, [("number"|"chart"|"cases", figure key)]).
SECTIONS = [
    ("vooraf", _("Vooraf"), []),
    (
        "bewustwording",
        _("Bewustwording"),
        [
            ("number", "awareness.introduction.sessions"),
            ("number", "awareness.introduction.sessions_online"),
            ("number", "awareness.introduction.attendees"),
            ("number", "awareness.introduction.declarations_taken"),
            ("number", "awareness.resilience_week.programme_items"),
            ("number", "awareness.resilience_week.registrations"),
            ("number", "awareness.resilience_week.participants"),
            ("number", "awareness.team_sessions.sessions"),
            ("number", "awareness.team_sessions.participants"),
            ("number", "awareness.year_round.activities"),
            ("number", "awareness.year_round.registrations"),
            ("number", "awareness.year_round.participants"),
            ("number", "awareness.year_round.attended"),
        ],
    ),
    ("heldere-afspraken", _("Heldere afspraken"), []),
    (
        "veilige-werkomgeving",
        _("Veilige werkomgeving"),
        [
            ("number", "gifts_and_outside_work.gifts.total"),
            ("chart", "gifts_and_outside_work.gifts.by_decision"),
            ("table", "gifts_and_outside_work.gifts.by_department"),
            ("number", "gifts_and_outside_work.outside_work.total"),
            ("chart", "gifts_and_outside_work.outside_work.by_decision"),
            ("table", "gifts_and_outside_work.outside_work.by_department"),
        ],
    ),
    (
        "meldingen",
        _("Meldingen van (vermoedens van) schendingen en opvolging"),
        [
            ("number", "integrity_reports.total"),
            ("chart", "integrity_reports.by_category"),
            ("chart", "integrity_reports.by_source"),
            ("table", "integrity_reports.by_department"),
            ("chart", "integrity_reports.by_investigation"),
            ("chart", "integrity_reports.by_conclusion"),
            ("chart", "integrity_reports.by_consequence"),
            ("number", "integrity_reports.open_at_year_end"),
            ("number", "integrity_reports.lessons.measures"),
            ("table", "integrity_reports.lessons.by_status"),
            ("lessons", "integrity_reports.lessons.items"),
        ],
    ),
    (
        "vertrouwenspersonen",
        _("Vertrouwenspersonen"),
        [
            ("number", "confidential_advisors.advisors"),
            ("number", "confidential_advisors.colleagues"),
            ("number", "confidential_advisors.conversations"),
            ("chart", "confidential_advisors.by_topic"),
            ("chart", "confidential_advisors.by_subtopic"),
            ("chart", "confidential_advisors.by_department"),
        ],
    ),
    (
        "medewerkersonderzoek",
        _("Medewerkersonderzoek"),
        [
            ("number", "employee_survey.percentage"),
            ("number", "employee_survey.experienced"),
            ("number", "employee_survey.respondents"),
        ],
    ),
    (
        "publieksagressie",
        _("Geregistreerde incidenten publieksagressie en geweld"),
        [
            ("number", "public_aggression.total"),
            ("chart", "public_aggression.by_type"),
            ("table", "public_aggression.by_department"),
        ],
    ),
    (
        "bedrijfsopvangteam",
        _("Collegiale opvang door het bedrijfsopvangteam (BOT)"),
        [
            ("number", "peer_support.conversations"),
            ("chart", "peer_support.by_sequence"),
            ("chart", "peer_support.by_event"),
            ("number", "peer_support.referrals"),
            ("table", "peer_support.by_department"),
        ],
    ),
    (
        "meerjarenoverzicht",
        _("Meerjarenoverzicht"),
        [("trend", key) for key in trend.TREND_KEYS],
    ),
    ("agenda", _("Agenda"), []),
    (
        "bijlage-meldingen",
        _("Bijlage: overzicht opvolging van meldingen"),
        [("cases", "integrity_reports.cases")],
    ),
]
SECTION_CHOICES = [(slug, title) for slug, title, _defaults in SECTIONS]


def _report(parent_context):
    return (parent_context or {}).get("statistics_report")


def breakdown_rows(report, key: str, exact: bool = False) -> list[dict] | None:
    """Rows of a breakdown with each row's previous-year count and change (both hidden alike: the
    previous year's cells as that year was published)."""
    current = service.rows(report, key, exact=exact)
    if current is None:
        return None
    previous = {row["code"]: row for row in service.previous_rows(report, key, exact=exact)}
    result = []
    for row in current:
        old = previous.get(row["code"])
        row["text"] = charts.display(row)
        row["previous"] = old["count"] if old else None
        row["previous_suppressed"] = bool(old and old.get("suppressed"))
        row["previous_text"] = charts.display(old) if old else None
        row["change_percent"] = service.change_percent(row["count"], row["previous"])
        row["change_text"] = charts.change_text(row["count"], row["previous"], row["change_percent"])
        row["direction"] = service.direction(row["count"], row["previous"])
        result.append(row)
    return result


class NumberFigureBlock(blocks.StructBlock):
    """One figure of the year, large, with the previous year's figure and the change in percent."""

    figure = blocks.ChoiceBlock(choices=NUMBERS, label=_("cijfer"))
    label = blocks.CharBlock(label=_("eigen omschrijving"), required=False)

    class Meta:
        icon = "order"
        label = _("Cijfer met vergelijking")
        description = _("Eén cijfer van het jaar met het cijfer van het jaar ervoor")
        template = "statistics/blocks/number.html"
        preview_value = {"figure": "integrity_reports.total", "label": ""}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        report = _report(parent_context)
        context["label"] = value.get("label") or LABELS.get(value["figure"], value["figure"])
        context["figure"] = service.compare(report, value["figure"]) if report else None
        context["is_percentage"] = value["figure"].endswith(".percentage")
        change = context["figure"]["change_percent"] if context["figure"] else None
        context["change"] = abs(change) if change is not None else None
        if context["figure"]:
            context["value_text"] = charts.number(context["figure"]["value"])
            context["previous_text"] = charts.number(context["figure"]["previous"])
        context["year"] = report["year"] if report else None
        return context


class BreakdownTableBlock(blocks.StructBlock):
    """A breakdown of a figure as a table (by category, department, ...), with the previous year."""

    figure = blocks.ChoiceBlock(choices=BREAKDOWNS, label=_("uitsplitsing"))
    title = blocks.CharBlock(label=_("eigen titel"), required=False)

    class Meta:
        icon = "table"
        label = _("Tabel met uitsplitsing")
        description = _("Een uitsplitsing van een cijfer als tabel")
        template = "statistics/blocks/table.html"
        preview_value = {"figure": "integrity_reports.by_category", "title": ""}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        report = _report(parent_context)
        context["title"] = value.get("title") or LABELS.get(value["figure"], value["figure"])
        context["rows"] = breakdown_rows(report, value["figure"]) if report else None
        context["year"] = report["year"] if report else None
        context["has_previous"] = any(row["previous"] is not None for row in context["rows"] or [])
        context["total"] = _total(report, value["figure"]) if report else None
        return context


def _total(report, key: str) -> str | None:
    exact = service.value(report, key)
    if not exact:
        return None
    return charts.number(sum(row["count"] or 0 for row in exact))


class BarChartBlock(BreakdownTableBlock):
    """A breakdown as an accessible bar chart (SVG, drawn on the server), with the same data as a table."""

    class Meta:
        icon = "bars"
        label = _("Staafdiagram")
        description = _("Een uitsplitsing als staafdiagram, met dezelfde cijfers als tabel")
        template = "statistics/blocks/chart.html"
        preview_value = {"figure": "integrity_reports.by_category", "title": ""}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if context["rows"]:
            context["chart"] = charts.bar_chart(
                context["rows"],
                title=context["title"],
                year=context["year"],
                chart_id=f"chart-{slugify(value['figure'])}-{uuid.uuid4().hex[:6]}",
            )
        return context


class CasesAppendixBlock(blocks.StructBlock):
    """The appendix table of the year's integrity reports, one row per report, from the cases."""

    title = blocks.CharBlock(label=_("eigen titel"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Bijlage: overzicht meldingen")
        description = _("De meldingen van het jaar met hun opvolging, één rij per melding")
        template = "statistics/blocks/cases.html"
        preview_value = {"title": ""}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        report = _report(parent_context)
        context["title"] = value.get("title") or _("Overzicht opvolging van meldingen")
        context["cases"] = service.value(report, "integrity_reports.cases") if report else None
        context["year"] = report["year"] if report else None
        return context


class LessonsListBlock(blocks.StructBlock):
    """The year's lessons learned: the organisational measures taken after reports, as a list of
    what changes and how far it is. Never the case, the department or the owner: the figures hold
    only the measure's text and status (forms/lessons/figures.py)."""

    title = blocks.CharBlock(label=_("eigen titel"), required=False)

    class Meta:
        icon = "list-ul"
        label = _("Lessen uit meldingen")
        description = _("De maatregelen die de organisatie nam naar aanleiding van meldingen")
        template = "statistics/blocks/lessons.html"
        preview_value = {"title": ""}

    def get_context(self, value, parent_context=None):
        from forms.lessons.models import LessonStatus

        context = super().get_context(value, parent_context)
        report = _report(parent_context)
        context["title"] = value.get("title") or _("Lessen uit meldingen")
        items = service.value(report, "integrity_reports.lessons.items") if report else None
        labels = dict(LessonStatus.choices)
        context["measures"] = [
            {"measure": item["measure"], "status": labels.get(item["status"], item["status"])}
            for item in items or []
        ]
        context["year"] = report["year"] if report else None
        return context


class TrendBlock(blocks.StructBlock):
    """A headline figure over every published and historical year: a chart and the same data as a
    table (`trend.py`; never an unpublished year)."""

    figure = blocks.ChoiceBlock(choices=TREND_FIGURES, label=_("cijfer"))
    title = blocks.CharBlock(label=_("eigen titel"), required=False)

    class Meta:
        icon = "history"
        label = _("Meerjarenoverzicht")
        description = _("Eén cijfer over alle gepubliceerde en historische jaren, als grafiek en tabel")
        template = "statistics/blocks/trend.html"
        preview_value = {"figure": "integrity_reports.total", "title": ""}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        report = _report(parent_context)
        key = value["figure"]
        context["title"] = value.get("title") or dict(TREND_FIGURES).get(key, key)
        series = (parent_context or {}).get("statistics_trend")
        if series is None and report and report.get("year"):
            series = trend.trend(report["year"])
        points = (series or {}).get(key) or []
        context["is_percentage"] = key.endswith(".percentage")
        context["rows"] = trend_rows(points, context["is_percentage"])
        if context["rows"]:
            context["chart"] = charts.bar_chart(
                context["rows"],
                title=context["title"],
                year=None,
                chart_id=f"trend-{slugify(key)}-{uuid.uuid4().hex[:6]}",
            )
            first, last = context["rows"][0]["label"], context["rows"][-1]["label"]
            context["period"] = first if first == last else f"{first}\u2013{last}"
        return context


def trend_rows(points: list[dict], is_percentage: bool = False) -> list[dict]:
    """Rows of a trend table: year, value and the change against the row before (when that is the
    year before; a gap in the series is no comparison)."""
    rows = []
    before = None
    for point in points:
        count = point["count"]
        text = charts.percentage(count) if is_percentage else charts.number(count)
        previous = before["count"] if before and before["year"] == point["year"] - 1 else None
        if is_percentage:
            change = None
            change_text = charts.points_text(count, previous)
        else:
            change = service.change_percent(count, previous)
            change_text = charts.change_text(count, previous, change)
        rows.append(
            {
                "code": str(point["year"]),
                "label": str(point["year"]),
                "count": count,
                "text": text,
                "change_text": change_text,
            }
        )
        before = point
    return rows


FIGURE_BLOCKS = ("number", "table", "chart", "cases", "trend", "lessons")


class SectionContentBlock(blocks.StructBlock):
    """A chapter of the annual report: the editors' text and, optionally, the figures they place."""

    section = blocks.ChoiceBlock(choices=SECTION_CHOICES, label=_("hoofdstuk"))
    content = blocks.StreamBlock(
        [
            (
                "text",
                blocks.RichTextBlock(label=_("tekst"), features=["h3", "bold", "italic", "link", "ul", "ol"]),
            ),
            ("number", NumberFigureBlock()),
            ("table", BreakdownTableBlock()),
            ("chart", BarChartBlock()),
            ("cases", CasesAppendixBlock()),
            ("trend", TrendBlock()),
            ("lessons", LessonsListBlock()),
        ],
        label=_("inhoud"),
        required=False,
    )

    class Meta:
        icon = "doc-full"
        label = _("Hoofdstuk")
        description = _("Tekst en cijfers van een hoofdstuk van het jaarverslag")
        template = "statistics/blocks/section_content.html"
        preview_value = {"section": "meldingen", "content": []}


DEFAULT_BLOCKS = {
    "number": NumberFigureBlock(),
    "table": BreakdownTableBlock(),
    "chart": BarChartBlock(),
    "cases": CasesAppendixBlock(),
    "trend": TrendBlock(),
    "lessons": LessonsListBlock(),
}


def default_figures(kind: str, key: str):
    """The block and value of a chapter's standard figure."""
    block = DEFAULT_BLOCKS[kind]
    if kind == "number":
        raw = {"figure": key, "label": ""}
    elif kind in ("cases", "lessons"):
        raw = {"title": ""}
    else:
        raw = {"figure": key, "title": ""}
    return block, block.to_python(raw)
