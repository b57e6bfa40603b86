"""Admin reports for editors: the most used search terms, and the terms that found nothing.

Counts come from wagtail.contrib.search_promotions' `QueryDailyHits` and our `ZeroResultDailyHits`;
neither says who searched.
"""

import datetime

import django_filters
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query

from search.permissions import can_view_search_report

PERIODS = [("7", _("Afgelopen 7 dagen")), ("30", _("Afgelopen 30 dagen")), ("90", _("Afgelopen 90 dagen"))]
DEFAULT_PERIOD = "30"


def period_start(value: str) -> datetime.date:
    days = int(value) if value in dict(PERIODS) else int(DEFAULT_PERIOD)
    return timezone.localdate() - datetime.timedelta(days=days - 1)


class PeriodFilterSet(WagtailFilterSet):
    # Applied in the view's base queryset (the sums must count only the period's days).
    period = django_filters.ChoiceFilter(
        label=_("Periode"), choices=PERIODS, empty_label=_("Afgelopen 30 dagen"), method="keep"
    )

    class Meta:
        model = Query
        fields = []

    def keep(self, queryset, name, value):
        return queryset


class SearchReportView(ReportView):
    """Shared behaviour: permission for editors, a period filter, sums per query in SQL."""

    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    filterset_class = PeriodFilterSet
    default_ordering = "-_hits"
    hits_relation = ""
    columns_label = _("Aantal keer")

    def dispatch(self, request, *args, **kwargs):
        if not can_view_search_report(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs

    def get_base_queryset(self):
        since = period_start(self.request.GET.get("period", DEFAULT_PERIOD))
        in_period = Q(**{f"{self.hits_relation}__date__gte": since})
        return (
            Query.objects.filter(in_period)
            .annotate(
                _hits=Sum(f"{self.hits_relation}__hits", filter=in_period),
                _last=Max(f"{self.hits_relation}__date", filter=in_period),
            )
            .distinct()
            .order_by("-_hits", "query_string")
        )


class PopularQueriesReport(SearchReportView):
    page_title = _("Populaire zoektermen")
    index_url_name = "search_reports:popular"
    index_results_url_name = "search_reports:popular_results"
    hits_relation = "daily_hits"
    columns = [
        Column("query_string", label=_("Zoekterm"), sort_key="query_string"),
        NumberColumn("_hits", label=_("Aantal keer gezocht"), sort_key="_hits"),
        Column("_last", label=_("Laatst gezocht"), sort_key="_last"),
    ]
    list_export = ["query_string", "_hits", "_last"]
    export_headings = {"query_string": _("Zoekterm"), "_hits": _("Aantal keer gezocht"), "_last": _("Laatst")}


class ZeroResultQueriesReport(SearchReportView):
    page_title = _("Zoektermen zonder resultaat")
    index_url_name = "search_reports:zero_results"
    index_results_url_name = "search_reports:zero_results_results"
    hits_relation = "zero_result_daily_hits"
    columns = [
        Column("query_string", label=_("Zoekterm"), sort_key="query_string"),
        NumberColumn("_hits", label=_("Aantal keer zonder resultaat"), sort_key="_hits"),
        Column("_last", label=_("Laatst gezocht"), sort_key="_last"),
    ]
    list_export = ["query_string", "_hits", "_last"]
    export_headings = {
        "query_string": _("Zoekterm"),
        "_hits": _("Aantal keer zonder resultaat"),
        "_last": _("Laatst"),
    }
