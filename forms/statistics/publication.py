"""Publication of a year's figures: frozen, versioned snapshots made by the integrity office.

- `publish(year, user)` freezes the live figures as the next published version. From the second
  version on it is a correction, with a note of what changed ("incidenten 121 → 122"), listing
  only figures that are public in both versions (a note never reveals a hidden cell).
- `make_draft(year, user, share)` freezes them as a draft; a shared draft shows in the page preview
  of the editors who write the report's text.
- `visible_report(year, user, preview)` is the one place that decides which figures someone sees:
  everyone but the office sees the latest published version (or, in a page preview, a shared
  draft); the office sees the latest published version, or the live figures of a year not yet
  published. None means: not for this person (the views answer 404).

The previous year's figures in a snapshot are that year's published ones when it was published
(with its hidden cells), so a comparison never shows other numbers than the publication it cites.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone

from forms.statistics import disclosure, service
from forms.statistics.models import StatisticsSnapshot
from forms.statistics.permissions import can_see_exact_figures


class PublicationError(Exception):
    """Publishing could not be done (nothing to publish, or someone published at the same moment)."""


def published_versions(year: int) -> list[StatisticsSnapshot]:
    """Every published version of `year`, oldest first."""
    return list(StatisticsSnapshot.objects.filter(year=year, status="published").order_by("version"))


def latest_published(year: int) -> StatisticsSnapshot | None:
    return StatisticsSnapshot.objects.filter(year=year, status="published").order_by("-version").first()


def latest_shared_draft(year: int) -> StatisticsSnapshot | None:
    return (
        StatisticsSnapshot.objects.filter(year=year, status="draft", shared_with_editors=True)
        .order_by("-created_at", "-pk")
        .first()
    )


def published_years() -> set[int]:
    return set(StatisticsSnapshot.objects.filter(status="published").values_list("year", flat=True))


def data_version(report: dict[str, Any]) -> str:
    """A fingerprint of the exact figures (which data the snapshot was made from)."""
    canonical = json.dumps(report["sections"], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _frozen_report(year: int) -> tuple[dict[str, Any], dict[str, list[str]], dict[str, list[str]]]:
    """The live report of `year` as a snapshot holds it, its hidden cells and the previous year's."""
    live = copy.deepcopy(service.report(year))  # the cached report stays as it was
    if not live["has_data"]:
        raise PublicationError("no data")
    report = {
        key: live[key] for key in ("year", "generated_at", "has_data", "sections", "previous", "sources")
    }
    earlier = disclosure.merge(*(version.hidden for version in published_versions(year)))
    hidden = disclosure.protect(report["sections"], earlier=earlier)
    previous_hidden = live.get("previous_hidden") or {}
    before = latest_published(year - 1)
    if before is not None:
        report["previous"] = before.report["sections"]
        previous_hidden = before.hidden
        for section, data in report["sections"].items():  # `previous` keys follow the cited publication
            cited = report["previous"].get(section)
            if data is None:
                continue
            headline = service.HEADLINES.get(section)
            if headline and "previous" in data:
                data["previous"] = (cited or {}).get(headline)
                if section in service.CHANGE_PERCENT_SECTIONS:
                    data["change_percent"] = service.change_percent(data.get(headline), data["previous"])
            if section == service.SURVEY and "previous_percentage" in data:
                data["previous_percentage"] = (cited or {}).get("percentage")
    report["generated_at"] = timezone.localtime().isoformat(timespec="seconds")
    return report, hidden, previous_hidden


def publish(year: int, user, reason: str = "") -> StatisticsSnapshot:
    """Freeze the live figures of `year` as its next published version (a correction from v2 on)."""
    report, hidden, previous_hidden = _frozen_report(year)
    with transaction.atomic():
        last = latest_published(year)
        if last is not None and last.data_version == data_version(report) and not reason:
            raise PublicationError("unchanged")
        number = (StatisticsSnapshot.objects.filter(year=year).aggregate(top=Max("version"))["top"] or 0) + 1
        note = correction_note(last, report, hidden) if last is not None else ""
        try:
            with transaction.atomic():
                snapshot = StatisticsSnapshot.objects.create(
                    year=year,
                    status="published",
                    version=number,
                    report=report,
                    hidden=hidden,
                    previous_hidden=previous_hidden,
                    data_version=data_version(report),
                    note=note,
                    reason=reason,
                    created_by=user if getattr(user, "pk", None) else None,
                )
        except IntegrityError as error:  # someone published the same version at the same moment
            raise PublicationError("concurrent") from error
        from forms.audit import record

        record(
            "statistics_published",
            user=user if getattr(user, "pk", None) else None,
            detail={"year": year, "version": number, "data_version": snapshot.data_version},
        )
    return snapshot


def make_draft(year: int, user, share: bool = False) -> StatisticsSnapshot:
    """Freeze the live figures of `year` as a draft, shared with the editors when `share`."""
    report, hidden, previous_hidden = _frozen_report(year)
    return StatisticsSnapshot.objects.create(
        year=year,
        status="draft",
        report=report,
        hidden=hidden,
        previous_hidden=previous_hidden,
        data_version=data_version(report),
        shared_with_editors=share,
        created_by=user if getattr(user, "pk", None) else None,
    )


# --- what changed -----------------------------------------------------------------------------------


def public_figures(report: dict[str, Any], hidden: dict[str, list[str]]) -> dict[str, Any]:
    """Every figure of a report as the public sees it: {figure key: value}, hidden cells None."""
    figures: dict[str, Any] = {}
    for section, data in (report.get("sections") or {}).items():
        for name, item in (data or {}).items():
            if name in service.TEXT_KEYS:
                continue
            key = f"{section}.{name}"
            if isinstance(item, list):
                for row in disclosure.apply(item, hidden.get(key, ())):
                    figures[f"{key}.{row['code']}"] = row["count"]
            elif isinstance(item, int | float) or item is None:
                figures[key] = item
    return figures


def figure_label(key: str) -> str:
    """A figure key in words for a correction note (the page's label where it has one)."""
    from forms.statistics.blocks import LABELS

    if key in LABELS:
        return str(LABELS[key]).lower()
    table, _dot, code = key.rpartition(".")
    if table in LABELS:
        return f"{str(LABELS[table]).lower()}: {code}"
    return key


def differences(
    before: dict[str, Any], after: dict[str, Any], before_hidden=None, after_hidden=None
) -> list[tuple[str, Any, Any]]:
    """(figure key, old, new) for every figure that differs and is public in both versions."""
    old = public_figures(before, before_hidden or {})
    new = public_figures(after, after_hidden or {})
    changes = []
    for key in new:
        if key not in old or old[key] is None or new[key] is None:
            continue
        if old[key] != new[key]:
            changes.append((key, old[key], new[key]))
    return changes


def correction_note(last: StatisticsSnapshot, report: dict[str, Any], hidden) -> str:
    changes = differences(last.report, report, last.hidden, hidden)
    if not changes:
        return ""
    return "; ".join(f"{figure_label(key)} {old} → {new}" for key, old, new in changes)


def publication_info(snapshot: StatisticsSnapshot | None) -> dict[str, Any] | None:
    """The export's `publication` object: version, when, and every correction up to this version."""
    if snapshot is None:
        return None
    if snapshot.status != "published":
        return {"version": None, "published_at": None, "draft": True, "corrections": []}
    versions = StatisticsSnapshot.objects.filter(
        year=snapshot.year, status="published", version__lte=snapshot.version
    ).order_by("version")
    first, *later = list(versions)
    return {
        "version": snapshot.version,
        "published_at": timezone.localtime(first.created_at).isoformat(timespec="seconds"),
        "corrections": [
            {
                "at": timezone.localtime(version.created_at).isoformat(timespec="seconds"),
                "note": version.note or version.reason,
            }
            for version in later
        ],
    }


def correction_lines(snapshot: StatisticsSnapshot | None) -> list[str]:
    """The corrections as shown on the page: "gecorrigeerd op 3 december 2026: incidenten 121 → 122"."""
    from django.utils.translation import gettext as _

    info = publication_info(snapshot)
    lines = []
    for correction in (info or {}).get("corrections", []):
        when = formats.date_format(timezone.datetime.fromisoformat(correction["at"]), "j F Y")
        lines.append(_("gecorrigeerd op {date}: {note}").format(date=when, note=correction["note"]))
    return lines


# --- who sees what ----------------------------------------------------------------------------------


def snapshot_report(snapshot: StatisticsSnapshot) -> dict[str, Any]:
    """A snapshot's figures in the service's report shape (for blocks and exports)."""
    report = dict(snapshot.report)
    report["hidden"] = snapshot.hidden
    report["previous_hidden"] = snapshot.previous_hidden
    return report


def visible_report(year: int, user, preview: bool = False, live: bool = False):
    """(report, snapshot) that `user` may see for `year`, or None (answer 404).

    The office: the live figures when `live` or the year is not published, else the latest
    published version. Everyone else: the latest published version; in a page preview, a shared
    draft first."""
    office = can_see_exact_figures(user)
    if preview:
        draft = latest_shared_draft(year)
        if draft is not None:
            return snapshot_report(draft), draft
    snapshot = latest_published(year)
    if office and (live or snapshot is None):
        return service.report(year), None
    if snapshot is None:
        return None
    return snapshot_report(snapshot), snapshot


def export_for(year: int, user, live: bool = False) -> dict[str, Any] | None:
    """The JSON export `user` may have for `year` (`../shared/STATISTICS.md`), or None (404)."""
    found = visible_report(year, user, live=live)
    if found is None:
        return None
    report, snapshot = found
    if not report["has_data"]:
        return None
    from portal.security_log import event

    event("export", user=user, model="statistics", year=year, live=live, published=snapshot is not None)
    return service.export_report(
        report, exact=can_see_exact_figures(user), publication=publication_info(snapshot)
    )
