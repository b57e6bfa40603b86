"""Answer 403 when someone opens another team's instruction in the Wagtail admin.

Wagtail's admin turns a refused page view into a redirect to the dashboard with a message; for team
instructions the portal answers plainly with 403 Forbidden, so a manager who follows a link to
another team's draft knows it is not theirs (and tests can tell refusal from success).
"""

import re

from django.shortcuts import render
from django.utils.deprecation import MiddlewareMixin

ADMIN_PAGE_VIEW = re.compile(
    r"^/admin/pages/(?P<page_id>\d+)/(?P<view>edit|view_draft|history|revisions|preview|unpublish|delete|move|copy)/"
)


class TeamInstructionAdminGuard(MiddlewareMixin):
    def process_view(self, request, view_func, view_args, view_kwargs):
        match = ADMIN_PAGE_VIEW.match(request.path_info)
        if match is None or not request.user.is_authenticated:
            return None
        from vpd.models import TeamInstructionPage

        page = TeamInstructionPage.objects.filter(pk=match["page_id"]).first()
        if page is None:
            return None
        permissions = page.permissions_for_user(request.user)
        allowed = {
            "delete": permissions.can_delete,
            "unpublish": permissions.can_unpublish,
            "move": permissions.can_move,
            "copy": permissions.can_copy,
        }.get(match["view"], permissions.can_edit)()
        if allowed:
            return None
        return render(request, "vpd/admin_forbidden.html", {"page_title": page.title}, status=403)
