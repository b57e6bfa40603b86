"""Queries of the content room: confirmation rates per department and pages overdue for review."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Locale

from home.models import CodeOfConductPage, ContentPage, Department, ReadConfirmation


@dataclass(frozen=True)
class DepartmentRate:
    name: str
    employees: int
    confirmed: int

    @property
    def percentage(self) -> int:
        return round(100 * self.confirmed / self.employees) if self.employees else 0


def confirmation_rates(page: CodeOfConductPage) -> list[DepartmentRate]:
    """Active employees and how many of them confirmed the current version, per department.

    Two aggregate queries, however many departments or employees there are. Employees without a
    department are counted in a last row.
    """
    source = page.source_page()
    version = page.confirmation_version()
    confirmed_here = Q(
        employee_profiles__user__read_confirmations__page=source,
        employee_profiles__user__read_confirmations__version=version,
        employee_profiles__user__is_active=True,
    )
    departments = Department.objects.annotate(
        employees=Count(
            "employee_profiles", filter=Q(employee_profiles__user__is_active=True), distinct=True
        ),
        confirmed=Count("employee_profiles__user", filter=confirmed_here, distinct=True),
    ).order_by("name")
    rates = [DepartmentRate(d.name, d.employees, d.confirmed) for d in departments]

    confirmed_users = ReadConfirmation.objects.filter(page=source, version=version).values("user")
    without = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(employee_profile__isnull=True) | Q(employee_profile__department__isnull=True))
    )
    totals = without.aggregate(
        employees=Count("pk", distinct=True),
        confirmed=Count("pk", filter=Q(pk__in=confirmed_users), distinct=True),
    )
    rates.append(DepartmentRate("", totals["employees"], totals["confirmed"]))
    return rates


def overdue_pages(today: datetime.date | None = None):
    """Live content pages in the default language whose next review date has passed."""
    today = today or timezone.localdate()
    return (
        ContentPage.objects.live()
        .filter(locale=Locale.get_default(), next_review_date__lt=today)
        .select_related("owner_user", "owner_group")
        .order_by("next_review_date", "title")
    )
