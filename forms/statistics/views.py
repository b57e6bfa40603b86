"""The JSON export, the CSV download and the context of the annual report page."""

import csv
import io
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from forms.statistics import publication, trend
from forms.statistics.blocks import FIGURE_BLOCKS, LABELS, SECTIONS, default_figures
from forms.statistics.models import FIRST_YEAR, max_year
from forms.statistics.permissions import can_see_exact_figures, can_view_statistics


def parse_year(raw: str) -> int | None:
    """The year in a URL, or None when it is not a plausible report year."""
    if not raw.isdigit() or len(raw) != 4:
        return None
    year = int(raw)
    return year if FIRST_YEAR <= year <= max_year() else None


def not_found() -> JsonResponse:
    return JsonResponse({"detail": "Geen cijfers voor dit jaar."}, status=404)


def export_json(request: HttpRequest, year: str) -> JsonResponse:
    """`GET /api/statistics/<year>.json`: the year's figures as in `../shared/STATISTICS.md`."""
    if not can_view_statistics(request.user):
        raise PermissionDenied
    parsed = parse_year(year)
    if parsed is None:
        return not_found()
    data = publication.export_for(parsed, request.user, live=wants_live(request))
    if data is None:
        return not_found()
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def wants_live(request: HttpRequest) -> bool:
    """`?live=1`: the office asks for the live figures (ignored for everyone else)."""
    return request.GET.get("live") == "1" and can_see_exact_figures(request.user)


def csv_rows(data: dict[str, Any], prefix: str = ""):
    """(figure key, code, label, count) for every figure of an export, in export order."""
    for name, item in data.items():
        if name in ("year", "generated_at", "publication"):
            continue
        key = f"{prefix}{name}"
        if name == "trend" and not prefix:  # {figure key: [{"year", "count"}]}: one row per year
            for figure, points in item.items():
                for point in points:
                    yield f"trend.{figure}", str(point["year"]), str(LABELS.get(figure, "")), point["count"]
            continue
        if isinstance(item, dict):
            yield from csv_rows(item, prefix=f"{key}.")
        elif isinstance(item, list):
            for row in item:
                yield key, row["code"], row["label"], row["count"]
        else:
            yield key, "", str(LABELS.get(key, "")), item


def csv_response(year: int, user, live: bool = False) -> HttpResponse | None:
    """The year's figures as CSV (the export's rule: the published version; exact for the office)."""
    if not can_view_statistics(user):
        raise PermissionDenied
    data = publication.export_for(year, user, live=live)
    if data is None:
        return None
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("cijfer"), _("code"), _("omschrijving"), _("aantal")])
    for key, code, label, count in csv_rows(data):
        writer.writerow([key, code, label, "" if count is None else count])
    for correction in (data.get("publication") or {}).get("corrections") or []:
        writer.writerow(["publication.correction", correction["at"], correction["note"], ""])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="jaarcijfers-{year}.csv"'
    return response


def xlsx_response(year: int, user, live: bool = False) -> HttpResponse | None:
    """The year's figures as XLSX, one sheet per chapter (the same rule as the CSV)."""
    from forms.statistics.spreadsheet import workbook_bytes

    if not can_view_statistics(user):
        raise PermissionDenied
    data = publication.export_for(year, user, live=live)
    if data is None:
        return None
    response = HttpResponse(
        workbook_bytes(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="jaarcijfers-{year}.xlsx"'
    return response


def report_context(page, request: HttpRequest) -> dict[str, Any]:
    """The year's figures and the report's chapters, each with its narrative and figure blocks."""
    if not page.year:  # a preview of a page still being written
        return {"statistics_report": {"has_data": False}, "sections": []}
    preview = bool(getattr(request, "is_preview", False))
    found = publication.visible_report(page.year, request.user, preview=preview)
    if found is None:
        if preview:  # the editors write the text before any figures are shared with them
            return {"statistics_report": {"has_data": False}, "sections": [], "unpublished": True}
        raise Http404
    report, snapshot = found
    prose_lang = page.locale.language_code  # Dutch prose on the English page says so (lang="nl")
    series = trend.trend(page.year)  # once for every trend block of the page
    block_context = {
        "statistics_report": report,
        "statistics_trend": series,
        "request": request,
        "page": page,
    }
    written: dict[str, list] = {}
    for chapter in page.body:
        written.setdefault(chapter.value["section"], []).append(chapter.value["content"])
    sections = []
    for slug, title, defaults in SECTIONS:
        parts = []
        placed_figures = False
        for content in written.get(slug, []):
            for child in content:
                html = child.render(context=block_context)
                if child.block_type == "text":  # the editors' prose, in the page's language
                    html = format_html('<div class="portal-rich-text" lang="{}">{}</div>', prose_lang, html)
                parts.append(html)
                placed_figures = placed_figures or child.block_type in FIGURE_BLOCKS
        missing = False
        if defaults and not placed_figures:
            shown = [
                (kind, key)
                for kind, key in defaults
                if (series.get(key) if kind == "trend" else _has_section(report, key))
            ]
            missing = not shown
            for kind, key in shown:
                block, value = default_figures(kind, key)
                parts.append(block.render(value, context=block_context))
        if parts or defaults:
            sections.append({"slug": slug, "title": title, "parts": group_numbers(parts), "missing": missing})
    return {
        "statistics_report": report,
        "sections": sections,
        "snapshot": snapshot,
        "corrections": publication.correction_lines(snapshot),
        "is_live": snapshot is None,
    }


def _has_section(report: dict[str, Any], key: str) -> bool:
    from forms.statistics.service import owning_section

    section = owning_section(report["sections"], key)
    return section is not None and report["sections"].get(section) is not None


def group_numbers(parts: list[str]) -> list[str]:
    """Consecutive key figures side by side as one grid (a list, so screen readers count them)."""
    grouped: list[str] = []
    run: list[str] = []

    def flush():
        if run:
            items = mark_safe("".join(f'<li class="statistics-numbers__item">{part}</li>' for part in run))  # noqa: S308 - parts are rendered, escaped HTML
            grouped.append(format_html('<ul class="statistics-numbers" role="list">{}</ul>', items))
            run.clear()

    for part in parts:
        if 'class="statistics-number"' in str(part)[:40]:
            run.append(str(part))
        else:
            flush()
            grouped.append(part)
    flush()
    return grouped
