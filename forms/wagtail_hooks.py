"""Admin menu and permission policies of the forms app."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from forms.case_tasks import CaseTemplate
from forms.lessons import permissions as lessons_permissions
from forms.models import AdvisorRegistration, IntegrityReport, LessonMeasure
from forms.permissions import OwnRecordsPolicy, RolePermissionPolicy
from forms.template_viewsets import OfficeLeadPolicy
from forms.viewsets import IntegrityViewSetGroup
from portal.roles import Role

register_permission_policy(
    IntegrityReport, RolePermissionPolicy(IntegrityReport, Role.INTEGRITY_OFFICE, {"add", "change", "view"})
)
register_permission_policy(LessonMeasure, lessons_permissions.permission_policy())
register_permission_policy(
    AdvisorRegistration,
    OwnRecordsPolicy(
        AdvisorRegistration, Role.CONFIDENTIAL_ADVISOR, {"add", "change", "delete", "view"}, "advisor"
    ),
)

register_permission_policy(CaseTemplate, OfficeLeadPolicy(CaseTemplate))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return IntegrityViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_office_dashboard_panel(request, panels):
    from forms.dashboard import add_panel

    add_panel(request, panels)
