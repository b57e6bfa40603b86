from wagtail import hooks

from safework.scan_viewsets import ScansAndAssessmentsViewSetGroup
from safework.viewsets import SafeworkViewSetGroup


@hooks.register("register_admin_viewset")
def register_safework_viewsets():
    return SafeworkViewSetGroup()


@hooks.register("register_admin_viewset")
def register_scan_and_assessment_viewsets():
    return ScansAndAssessmentsViewSetGroup()
