"""The search app in the Wagtail admin: two reports for editors (popular and zero-result queries)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.permissions import can_view_search_report
from search.reports import PopularQueriesReport, ZeroResultQueriesReport

report_urls = (
    [
        path("populair/", PopularQueriesReport.as_view(), name="popular"),
        path("populair/results/", PopularQueriesReport.as_view(results_only=True), name="popular_results"),
        path("zonder-resultaat/", ZeroResultQueriesReport.as_view(), name="zero_results"),
        path(
            "zonder-resultaat/results/",
            ZeroResultQueriesReport.as_view(results_only=True),
            name="zero_results_results",
        ),
    ],
    "search_reports",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("reports/zoektermen/", include(report_urls, namespace="search_reports"))]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_search_report(request.user)


@hooks.register("register_reports_menu_item")
def register_popular_queries_menu_item():
    return SearchReportMenuItem(
        _("Populaire zoektermen"), reverse("search_reports:popular"), icon_name="search", order=1310
    )


@hooks.register("register_reports_menu_item")
def register_zero_result_queries_menu_item():
    return SearchReportMenuItem(
        _("Zoektermen zonder resultaat"),
        reverse("search_reports:zero_results"),
        icon_name="search",
        order=1320,
    )
