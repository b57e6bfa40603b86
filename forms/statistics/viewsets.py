"""The statistics' admin viewsets: historical figures and the employee survey, grouped as 'Jaarcijfers'."""

import django_filters
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from forms.statistics.models import EmployeeSurvey, HistoricalFigure


class HistoricalFigureFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(label=gettext_lazy("jaar"))
    key = django_filters.CharFilter(lookup_expr="startswith", label=gettext_lazy("cijfer begint met"))

    class Meta:
        model = HistoricalFigure
        fields = ["year", "key"]


class HistoricalFigureViewSet(SnippetViewSet):
    model = HistoricalFigure
    icon = "history"
    menu_label = gettext_lazy("Historische cijfers")
    list_display = ["year", "key", "value", "note"]
    filterset_class = HistoricalFigureFilterSet
    ordering = ["-year", "key"]


class EmployeeSurveyFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(label=gettext_lazy("jaar"))

    class Meta:
        model = EmployeeSurvey
        fields = ["year"]


class EmployeeSurveyViewSet(SnippetViewSet):
    model = EmployeeSurvey
    icon = "list-ul"
    menu_label = gettext_lazy("Medewerkersonderzoek")
    list_display = ["year", "respondents", "experienced", "percentage"]
    filterset_class = EmployeeSurveyFilterSet


class StatisticsViewSetGroup(SnippetViewSetGroup):
    items = (HistoricalFigureViewSet, EmployeeSurveyViewSet)
    menu_icon = "table"
    menu_label = gettext_lazy("Jaarcijfers")
    menu_name = "statistics"
