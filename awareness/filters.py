"""Filters of the calendar (django-filter): theme, format, audience, department, month, places left."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from awareness.models import Audience, Format, Session
from home.models import Department, Theme

SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class MonthInput(forms.TextInput):
    """The browser's month picker (a wheel on phones); the value is "2027-01" either way."""

    input_type = "month"


def theme_choices():
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = Locale.get_default()
    return list(Theme.objects.filter(locale=locale).values_list("slug", "name"))


class CalendarFilter(django_filters.FilterSet):
    """What employees narrow the calendar by. Field names are Dutch: they appear in the URL."""

    wanneer = django_filters.ChoiceFilter(
        label=_("Wanneer"),
        choices=[("komend", _("Komende activiteiten")), ("voorbij", _("Voorbije activiteiten"))],
        method="filter_when",
        empty_label=_("Alles"),
        widget=forms.Select(attrs=SELECT),
    )
    # Every choice list starts with a real label ("Alle thema's"), never "---------".
    thema = django_filters.ChoiceFilter(
        label=_("Thema"),
        choices=theme_choices,
        method="filter_theme",
        empty_label=_("Alle thema's"),
        widget=forms.Select(attrs=SELECT),
    )
    vorm = django_filters.ChoiceFilter(
        label=_("Vorm"),
        field_name="format",
        choices=Format.choices,
        empty_label=_("Alle vormen"),
        widget=forms.Select(attrs=SELECT),
    )
    doelgroep = django_filters.ChoiceFilter(
        label=_("Doelgroep"),
        field_name="item__audience",
        choices=Audience.choices,
        empty_label=_("Alle doelgroepen"),
        widget=forms.Select(attrs=SELECT),
    )
    afdeling = django_filters.ModelChoiceFilter(
        label=_("Organisatieonderdeel"),
        queryset=Department.objects.all(),
        method="filter_department",
        empty_label=_("Alle organisatieonderdelen"),
        widget=forms.Select(attrs=SELECT),
    )
    maand = django_filters.CharFilter(
        label=_("Maand"),
        method="filter_month",
        widget=MonthInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )
    plaatsen = django_filters.BooleanFilter(
        label=_("Alleen met vrije plaatsen"),
        method="filter_places",
        widget=forms.CheckboxInput(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"}
        ),
    )

    class Meta:
        model = Session
        fields: list[str] = []

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "komend":
            return queryset.filter(end__gte=now)
        if value == "voorbij":
            return queryset.filter(end__lt=now).order_by("-start")
        return queryset

    def filter_theme(self, queryset, name, value):
        return queryset.filter(item__themes__slug=value).distinct()

    def filter_department(self, queryset, name, value):
        return queryset.filter(Q(item__departments=value) | Q(item__departments__isnull=True)).distinct()

    def filter_month(self, queryset, name, value):
        month = parse_month(value)
        if month is None:
            return queryset
        return queryset.filter(start__year=month[0], start__month=month[1])

    def filter_places(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(cancelled=False).filter(
            Q(capacity__isnull=True) | Q(capacity__gt=F("confirmed_count"))
        )


def parse_month(value: str | None) -> tuple[int, int] | None:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
    except ValueError:
        return None
    if 1900 < year < 3000 and 1 <= month <= 12:
        return year, month
    return None


def month_label(year: int, month: int) -> str:
    import datetime

    return formats.date_format(datetime.date(year, month, 1), "F Y")
