"""The statistics service: every annual figure the portal shows or exports comes from here.

Providers (see `base.py` and `registry.py`) count a year's records with SQL aggregation. This module
adds what all sources share:

- historical figures (`HistoricalFigure`) for a source and year without records (records win);
- `previous`: the same figure for year - 1 (from records, else historical, else None);
- `change_percent`: whole numbers, rounded half away from zero; the survey percentage to one decimal;
- small-count suppression of department breakdowns (with secondary suppression);
- caching per year, with versioned keys in Django's cache (works with a cache shared by processes),
  invalidated by `post_save`/`post_delete` of each provider's models through `year_of`.
"""

from __future__ import annotations

import hashlib
import uuid
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from forms.statistics import disclosure
from forms.statistics.base import StatisticsProvider, computation, departments
from forms.statistics.registry import get_providers, provider_paths

#: The figure of a section whose previous-year value goes into the section's `previous` key.
HEADLINES = {
    "integrity_reports": "total",
    "confidential_advisors": "colleagues",
    "public_aggression": "total",
}
#: Sections whose export carries `change_percent` of the headline figure.
CHANGE_PERCENT_SECTIONS = frozenset({"public_aggression"})
#: The export's keys per section, in contract order (`../shared/STATISTICS.md`).
EXPORT_KEYS: dict[str, tuple[str, ...]] = {
    "awareness.introduction": ("sessions", "sessions_online", "attendees", "declarations_taken"),
    "awareness.resilience_week": ("programme_items", "registrations", "participants"),
    "awareness.team_sessions": ("sessions", "participants"),
    "awareness.year_round": ("activities", "registrations", "participants", "attended"),
    "integrity_reports": (
        "total",
        "previous",
        "by_category",
        "by_source",
        "by_department",
        "by_investigation",
        "by_conclusion",
        "by_consequence",
        "open_at_year_end",
    ),
    # A section inside a section: its own provider (forms/lessons/figures.py), nested in the export.
    "integrity_reports.lessons": ("measures", "by_status"),
    "confidential_advisors": (
        "advisors",
        "colleagues",
        "previous",
        "conversations",
        "by_topic",
        "by_subtopic",
        "by_department",
    ),
    "employee_survey": ("respondents", "experienced", "percentage", "previous_percentage"),
    "public_aggression": ("total", "previous", "change_percent", "by_type", "by_department"),
    "peer_support": ("conversations", "by_sequence", "referrals", "by_event", "by_department"),
    "gifts_and_outside_work.gifts": ("total", "by_decision", "by_department"),
    "gifts_and_outside_work.outside_work": ("total", "by_decision", "by_department"),
}
SURVEY = "employee_survey"
#: Lists of a section that are text for the page, not figures (neither exported nor compared).
TEXT_KEYS = frozenset({"cases", "items"})
CACHE_PREFIX = "statistics:1"
CACHE_TIMEOUT = 60 * 60 * 24 * 30


def threshold() -> int:
    """Counts below this are hidden in unit breakdowns (see `disclosure.py`)."""
    return disclosure.threshold()


# --- arithmetic -----------------------------------------------------------------------------------


def change_percent(current: int | None, previous: int | None) -> int | None:
    """The change from `previous` to `current` in whole percents, rounded half away from zero."""
    if current is None or not previous:
        return None
    change = Decimal(current - previous) * 100 / Decimal(previous)
    return int(change.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def survey_percentage(experienced: int | None, respondents: int | None) -> float | None:
    """The share of respondents who said yes, in percent with one decimal (half away from zero)."""
    if experienced is None or not respondents:
        return None
    share = Decimal(experienced) * 100 / Decimal(respondents)
    return float(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def direction(current: float | None, previous: float | None) -> str | None:
    """'up', 'down' or 'same'; None when either value is unknown."""
    if current is None or previous is None:
        return None
    if current > previous:
        return "up"
    if current < previous:
        return "down"
    return "same"


# --- caching --------------------------------------------------------------------------------------


def _registry_hash() -> str:
    return hashlib.sha256("|".join(provider_paths()).encode()).hexdigest()[:10]


def _version_key(year: int) -> str:
    return f"{CACHE_PREFIX}:version:{year}"


def _versions(*years: int) -> list[str]:
    """The current cache version of each year (a random token, replaced on every change)."""
    keys = [_version_key(year) for year in years]
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        cache.set_many(missing, None)
        found.update(missing)
    return [found[key] for key in keys]


def invalidate(year: int | None) -> None:
    """Forget the cached figures of `year` (and so of year + 1, which compares with it)."""
    if year is None:
        return
    cache.set(_version_key(int(year)), uuid.uuid4().hex, None)


def _cached(key: str, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_TIMEOUT)
    return value


# --- computing ------------------------------------------------------------------------------------


def section_key(provider: StatisticsProvider) -> str:
    return ".".join(provider.path)


def section_of(sections, key: str) -> str | None:
    """The section a figure key belongs to: the longest section name it starts with (the section
    `integrity_reports.lessons` lies inside `integrity_reports`)."""
    found = None
    for section in sections:
        if key.startswith(section + ".") and (found is None or len(section) > len(found)):
            found = section
    return found


def _historical_section(section: str, rows: list[tuple[str, int]], department_names: dict[str, str]):
    """A section's figures built from historical figures (keys relative to the section)."""
    data: dict[str, Any] = {}
    for key, value in rows:
        name, _, code = key.partition(".")
        if code:
            label = department_names.get(code, code) if name == "by_department" else code
            data.setdefault(name, []).append({"code": code, "label": label, "count": value})
        else:
            data[name] = value
    return data


def _compute_year(year: int) -> dict[str, Any]:
    """The exact figures of `year` per section (records, else historical figures), uncached."""
    with computation():  # the providers share one read of the department list
        return _compute_year_sections(year)


def _compute_year_sections(year: int) -> dict[str, Any]:
    from forms.statistics.models import HistoricalFigure

    providers = get_providers()
    historical = list(HistoricalFigure.objects.filter(year=year).values_list("key", "value"))
    department_names: dict[str, str] = {}
    if any(".by_department." in key for key, _ in historical):
        department_names = {slug: name for _pk, slug, name in departments()}
    sections: dict[str, Any] = {}
    sources: dict[str, str | None] = {}
    keys = [section_key(provider) for provider in providers]
    for provider in providers:
        key = section_key(provider)
        data = provider.compute(year)
        source = "records" if data is not None else None
        if data is None:
            rows = [(k[len(key) + 1 :], v) for k, v in historical if section_of(keys, k) == key]
            if rows:
                data = _historical_section(key, rows, department_names)
                source = "historical"
        if data is not None and key == SURVEY and data.get("percentage") is None:
            data["percentage"] = survey_percentage(data.get("experienced"), data.get("respondents"))
        if data is not None and key == SURVEY and data.get("percentage") is not None:
            data["percentage"] = float(data["percentage"])
        sections[key] = data
        sources[key] = source
    return {"year": year, "sections": sections, "sources": sources}


def year_figures(year: int) -> dict[str, Any]:
    """The exact figures of one year per section, cached under the year's version."""
    (version,) = _versions(year)
    return _cached(f"{CACHE_PREFIX}:year:{_registry_hash()}:{year}:{version}", lambda: _compute_year(year))


def _build_report(year: int) -> dict[str, Any]:
    current = year_figures(year)
    previous = year_figures(year - 1)
    sections: dict[str, Any] = {}
    for key, data in current["sections"].items():
        if data is None:
            sections[key] = None
            continue
        data = dict(data)
        before = previous["sections"].get(key)
        if key in HEADLINES:
            headline = HEADLINES[key]
            data["previous"] = before.get(headline) if before else None
            if key in CHANGE_PERCENT_SECTIONS:
                data["change_percent"] = change_percent(data.get(headline), data["previous"])
        if key == SURVEY:
            data["previous_percentage"] = before.get("percentage") if before else None
        sections[key] = data
    sections = disclosure.complete_units(sections)
    before = disclosure.complete_units(previous["sections"])
    return {
        "year": year,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "has_data": any(data is not None for data in sections.values()),
        "sections": sections,
        "previous": before,
        "sources": current["sources"],
        "hidden": disclosure.protect(sections),
        "previous_hidden": disclosure.protect(before),
    }


def report(year: int) -> dict[str, Any]:
    """Everything about `year`: exact figures per section with `previous`, the previous year's
    figures (for comparisons on the page) and where each section came from. Cached."""
    this_version, previous_version = _versions(year, year - 1)
    key = f"{CACHE_PREFIX}:report:{_registry_hash()}:{year}:{this_version}:{previous_version}"

    def build():
        with computation():  # both years share one read of the department list
            return _build_report(year)

    return _cached(key, build)


def years_with_data() -> list[int]:
    """Every year with records or historical figures, newest first."""
    from forms.statistics.models import HistoricalFigure

    years: set[int] = set(HistoricalFigure.objects.values_list("year", flat=True).distinct())
    for provider in get_providers():
        years |= set(provider.years())
    return sorted(years, reverse=True)


def has_records_for(figure_key: str, year: int) -> bool:
    """True when the provider owning `figure_key` has records for `year`."""
    providers = {section_key(provider): provider for provider in get_providers()}
    section = section_of(providers, figure_key)
    return section is not None and int(year) in providers[section].years()


# --- reading figures ------------------------------------------------------------------------------


def owning_section(sections: dict[str, Any], key: str) -> str | None:
    """The section of a figure key among the sections a report holds and every section the portal
    knows: a snapshot made before a section existed does not pass its key to the section around it."""
    known = set(sections) | set(EXPORT_KEYS) | {section_key(provider) for provider in get_providers()}
    return section_of(known, key)


def _lookup(sections: dict[str, Any], key: str):
    section = owning_section(sections, key)
    if section is None:
        return None
    data = sections.get(section)
    if data is None:
        return None
    name, _, code = key[len(section) + 1 :].partition(".")
    value = data.get(name)
    if code:
        for row in value or []:
            if row["code"] == code:
                return row["count"]
        return None
    return value


def value(the_report: dict[str, Any], key: str):
    """The exact value of a figure key such as `public_aggression.by_type.fysieke-agressie`."""
    return _lookup(the_report["sections"], key)


def compare(the_report: dict[str, Any], key: str) -> dict[str, Any]:
    """A figure with its previous-year value, the change in percent and its direction."""
    current = _lookup(the_report["sections"], key)
    previous = _lookup(the_report["previous"], key)
    change = None if key == f"{SURVEY}.percentage" else change_percent(current, previous)
    return {
        "key": key,
        "value": current,
        "previous": previous,
        "change_percent": change,
        "direction": direction(current, previous),
    }


def rows(the_report: dict[str, Any], key: str, exact: bool = False) -> list[dict[str, Any]] | None:
    """A breakdown's rows; the cells of unit breakdowns hidden in this report unless `exact`."""
    found = _lookup(the_report["sections"], key)
    if found is None:
        return None
    rows_ = [dict(row) for row in found]
    if not exact:
        rows_ = disclosure.apply(rows_, (the_report.get("hidden") or {}).get(key, ()))
    return rows_


def previous_rows(the_report: dict[str, Any], key: str, exact: bool = False) -> list[dict[str, Any]]:
    """The previous year's rows of a breakdown, hidden as that year was published (or would be)."""
    found = _lookup(the_report["previous"], key) or []
    rows_ = [dict(row) for row in found]
    if not exact:
        rows_ = disclosure.apply(rows_, (the_report.get("previous_hidden") or {}).get(key, ()))
    return rows_


def export(year: int, exact: bool = False) -> dict[str, Any] | None:
    """The live JSON export of `year` as in `../shared/STATISTICS.md`; None when the year has no data."""
    the_report = report(year)
    if not the_report["has_data"]:
        return None
    return export_report(the_report, exact=exact)


def export_report(the_report: dict[str, Any], exact: bool = False, publication=None) -> dict[str, Any]:
    """The export of a report (live, or a snapshot's). A key the report does not hold (a snapshot
    made before the key existed) is `null`; hidden cells are `null` unless `exact`."""
    year = the_report["year"]
    result: dict[str, Any] = {"year": year, "generated_at": the_report["generated_at"]}
    sections = the_report["sections"]
    order = list(EXPORT_KEYS) + [key for key in sections if key not in EXPORT_KEYS]
    for section in order:
        data = sections.get(section)
        keys = EXPORT_KEYS.get(section) or tuple(data or ())
        if data is None:
            out = None
        else:
            out = {}
            for name in keys:
                if name not in data:
                    out[name] = None
                    continue
                item = data[name]
                if isinstance(item, list):
                    item = rows(the_report, f"{section}.{name}", exact=exact) or []
                    item = [{"code": r["code"], "label": r["label"], "count": r["count"]} for r in item]
                out[name] = item
        target: dict[str, Any] | None = result
        *parents, last = section.split(".")
        for depth, part in enumerate(parents):
            if target.get(part) is None:
                parent = ".".join(parents[: depth + 1])
                if part in target and out is None:  # a section without figures: stays null whole
                    target = None
                    break
                # A year with figures of the inner section only: the outer section's keys are null.
                target[part] = dict.fromkeys(EXPORT_KEYS.get(parent, ()))
            target = target[part]
        if target is not None:
            target[last] = out
    from forms.statistics.trend import trend  # it reads published snapshots (publication imports us)

    result["trend"] = trend(year)
    result["publication"] = publication
    return result


# --- invalidation ---------------------------------------------------------------------------------


def _providers_by_model() -> dict[str, list[StatisticsProvider]]:
    index: dict[str, list[StatisticsProvider]] = {}
    for provider in get_providers():
        for label in provider.models:
            index.setdefault(label.lower(), []).append(provider)
    return index


def _is_current_model(sender) -> bool:
    """False for the historical models of migrations (their records have none of the model's methods)."""
    try:
        return apps.get_model(sender._meta.label) is sender
    except LookupError:
        return False


def _affected_years(sender, instance) -> set[int]:
    label = sender._meta.label_lower
    years: set[int] = set()
    if label in ("statistics.historicalfigure", "statistics.employeesurvey"):
        years.add(instance.year)
    for provider in _providers_by_model().get(label, ()):
        found = provider.year_of(instance)  # one year, or a set of them (an item's sessions)
        for year in found if isinstance(found, set | frozenset | list | tuple) else (found,):
            if year is not None:
                years.add(int(year))
    return years


def _remember_old_years(sender, instance, raw=False, **kwargs):
    """Before an update, note the years the record counted in (its year may change)."""
    if raw or instance.pk is None or not _is_current_model(sender):
        return
    label = sender._meta.label_lower
    if label not in _providers_by_model() and label not in (
        "statistics.historicalfigure",
        "statistics.employeesurvey",
    ):
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    if old is not None:
        instance._statistics_old_years = _affected_years(sender, old)


def _invalidate_for(sender, instance, **kwargs):
    if not _is_current_model(sender):
        return
    years = _affected_years(sender, instance) | getattr(instance, "_statistics_old_years", set())
    if not years:
        return
    for year in years:
        invalidate(year)
    # The annual reports that show these years' figures (portal/cache.py), once committed.
    from portal import cache as page_cache
    from portal import page_scopes

    page_cache.bump(*(page_scopes.statistics(year) for year in years))

    def again():  # a process may have recomputed from the uncommitted state in between
        for year in years:
            invalidate(year)

    transaction.on_commit(again)


def connect_signals() -> None:
    """Listen to every save and delete; only provider models and the statistics models matter."""
    pre_save.connect(_remember_old_years, dispatch_uid="statistics-remember-old-years")
    post_save.connect(_invalidate_for, dispatch_uid="statistics-invalidate-save")
    post_delete.connect(_invalidate_for, dispatch_uid="statistics-invalidate-delete")
