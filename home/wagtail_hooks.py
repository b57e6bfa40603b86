"""Admin screens of the content room: contacts and employees' departments (home/viewsets.py), the
review report and a link to the confirmation rates."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import PageReportView
from wagtail.snippets.models import register_snippet

from home.permissions import can_view_confirmation_rates, can_view_review_report
from home.services import overdue_pages
from home.viewsets import ContactViewSet, EmployeeProfileViewSet

register_snippet(ContactViewSet)


@hooks.register("register_admin_viewset")
def register_employee_profiles():
    return EmployeeProfileViewSet("employee_profiles")


class OverdueReviewView(PageReportView):
    """Pages whose owner should have reviewed them by now."""

    page_title = _("Herziening verlopen")
    header_icon = "time"
    index_url_name = "home_review_report"
    index_results_url_name = "home_review_report_results"
    results_template_name = "home/admin/review_report_results.html"
    list_export = ["title", "next_review_date", "owner_user", "owner_group"]
    export_headings = {
        "next_review_date": _("Volgende herziening"),
        "owner_user": _("Eigenaar (persoon)"),
        "owner_group": _("Eigenaar (groep)"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_review_report(request.user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return overdue_pages(timezone.localdate())


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("reports/herziening/", OverdueReviewView.as_view(), name="home_review_report"),
        path(
            "reports/herziening/results/",
            OverdueReviewView.as_view(results_only=True),
            name="home_review_report_results",
        ),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_review_report(request.user)


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Herziening verlopen"), reverse("home_review_report"), icon_name="time", order=50
    )


class ConfirmationRatesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_confirmation_rates(request.user)


@hooks.register("register_reports_menu_item")
def register_confirmation_rates_menu_item():
    return ConfirmationRatesMenuItem(
        _("Leesbevestigingen gedragscode"), reverse("home:confirmation_rates"), icon_name="tick", order=60
    )


@hooks.register("register_admin_urls")
def register_page_feedback_urls():
    from home.feedback_admin import feedback_report_view

    return [path("reports/paginafeedback/", feedback_report_view, name="home_page_feedback")]


class PageFeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        from home.feedback_admin import may_view_feedback

        return may_view_feedback(request.user)


@hooks.register("register_reports_menu_item")
def register_page_feedback_menu_item():
    return PageFeedbackMenuItem(
        _("Paginafeedback"), reverse("home_page_feedback"), icon_name="help", order=70
    )
