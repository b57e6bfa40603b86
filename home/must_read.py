"""Must-read push: which code-of-conduct versions everyone must confirm, who gets the one reminder,
and how the confirmation rate of each department grew per week or month."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, DateField, Q
from django.db.models.functions import Trunc
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant

from home.models import CodeOfConductPage, Department, MustReadReminder, ReadConfirmation


@dataclass(frozen=True)
class MustReadItem:
    page_id: int  # the Dutch source page: confirmations are stored against it
    title: str
    version: str
    required_since: datetime.date  # the date of the version that asked everyone to confirm


def required_version(page: CodeOfConductPage) -> tuple[str, datetime.date]:
    """The version to confirm and since when (the same choice as `confirmation_version()`)."""
    asking = [change.value for change in page.changes if change.value.get("ask_confirmation")]
    if not asking:
        return page.version, page.effective_date
    latest = max(asking, key=lambda change: change["date"])
    return latest["version"], latest["date"]


def must_read_items() -> list[MustReadItem]:
    """The live codes of conduct in the default language, with the version to confirm (one query)."""
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    pages = (
        CodeOfConductPage.objects.live()
        .filter(locale__language_code=language)
        .defer("chapters", "body", "oath_text", "affirmation_text", "declaration_intro")
        .order_by("pk")
    )
    items = []
    for page in pages:
        version, since = required_version(page)
        items.append(MustReadItem(page.pk, page.title, version, since))
    return items


def reminder_days() -> int:
    return max(1, int(settings.PORTAL_MUST_READ_REMINDER_DAYS))


def people_to_remind(item: MustReadItem, now: datetime.datetime | None = None):
    """Active employees with an address who have had the version for `reminder_days()` (since it
    asked for confirmation, or since they joined) and neither confirmed it nor were reminded."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=reminder_days())
    if item.required_since > timezone.localtime(cutoff).date():
        return get_user_model().objects.none()
    confirmed = ReadConfirmation.objects.filter(page_id=item.page_id, version=item.version).values("user")
    reminded = MustReadReminder.objects.filter(page_id=item.page_id, version=item.version).values("user")
    return (
        get_user_model()
        .objects.filter(is_active=True, date_joined__lte=cutoff)
        .exclude(email="")
        .exclude(pk__in=confirmed)
        .exclude(pk__in=reminded)
        .order_by("pk")
    )


# -- the confirmation rate over time ---------------------------------------------------------------

PERIODS = {"week": 8, "month": 6}  # how many periods the managers' table shows


@dataclass(frozen=True)
class TrendRow:
    name: str
    employees: int
    percentages: list[int]


@dataclass(frozen=True)
class Trend:
    per: str
    period_ends: list[datetime.date]  # the last day of each period shown (the last one is today)
    rows: list[TrendRow]


def _period_starts(per: str, today: datetime.date) -> list[datetime.date]:
    count = PERIODS[per]
    if per == "week":
        monday = today - datetime.timedelta(days=today.weekday())
        return [monday - datetime.timedelta(weeks=n) for n in reversed(range(count))]
    starts, year, month = [], today.year, today.month
    for _ in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(starts))


def confirmation_trend(
    page: CodeOfConductPage, per: str = "month", today: datetime.date | None = None
) -> Trend:
    """Per department: the share of its current active employees who had confirmed the version in
    force by the end of each of the last weeks or months. Counts only, no names; three aggregate
    queries however many people or periods."""
    if per not in PERIODS:
        per = "month"
    today = today or timezone.localdate()
    starts = _period_starts(per, today)
    ends = [start - datetime.timedelta(days=1) for start in starts[1:]] + [today]
    source = page.source_page()
    version = page.confirmation_version()

    confirmed = (
        ReadConfirmation.objects.filter(page=source, version=version, user__is_active=True)
        .annotate(period=Trunc("confirmed_at", per, output_field=DateField()))
        .values("user__employee_profile__department", "period")
        .annotate(people=Count("user", distinct=True))
    )
    per_department: dict[int | None, dict[datetime.date, int]] = {}
    for row in confirmed:
        counts = per_department.setdefault(row["user__employee_profile__department"], {})
        counts[row["period"]] = counts.get(row["period"], 0) + row["people"]

    employees = {
        row["pk"]: (row["name"], row["employees"])
        for row in Department.objects.annotate(
            employees=Count("employee_profiles", filter=Q(employee_profiles__user__is_active=True))
        ).values("pk", "name", "employees")
    }
    without = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(employee_profile__isnull=True) | Q(employee_profile__department__isnull=True))
        .count()
    )
    rows = []
    for key, (name, total) in [*employees.items(), (None, ("", without))]:
        counts = per_department.get(key, {})
        percentages = []
        for end in ends:
            done = sum(people for period, people in counts.items() if period <= end)
            percentages.append(round(100 * done / total) if total else 0)
        rows.append(TrendRow(name, total, percentages))
    return Trend(per, ends, rows)
