"""Wagtail hooks of the portal itself."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.cache import start_capture
from portal.lockout_admin import can_manage_lockouts


@hooks.register("on_serve_page", order=100)
def render_pages_as_shells(serve):
    """Runs inside Wagtail's view-restriction check (order 0): only pages the person may see get here."""

    def inner(page, request, args, kwargs):
        start_capture(page, request)
        return serve(page, request, args, kwargs)

    return inner


@hooks.register("register_admin_urls")
def register_office_roles_url():
    from django.urls import path

    from portal.office_roles import office_roles

    return [path("rollen-integriteit/", office_roles, name="portal_office_roles")]


@hooks.register("register_admin_menu_item")
def register_office_roles_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    from portal.roles import is_office_lead

    class LeadOnlyMenuItem(MenuItem):
        def is_shown(self, request):
            return is_office_lead(request.user)

    url = reverse("portal_office_roles")
    return LeadOnlyMenuItem(_("Rollen integriteit"), url, icon_name="group", order=260)


def _register_bulk_actions():
    """Wagtail's user bulk actions, replaced by ones that respect separation of duties (portal/viewsets.py):
    registered after Wagtail's own (order 1), so they take their place in the registry."""
    from portal.viewsets import BULK_ACTIONS

    for action_class in BULK_ACTIONS:
        hooks.register("register_bulk_action", action_class, order=1)


_register_bulk_actions()


@hooks.register("register_admin_urls")
def register_lockout_urls():
    from django.urls import path

    from portal.lockout_admin import LockoutsView

    return [path("inlogblokkades/", LockoutsView.as_view(), name="portal_lockouts")]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_lockouts(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(_("Inlogblokkades"), reverse("portal_lockouts"), icon_name="lock", order=900)


class SecondFactorResetMenuItem(MenuItem):
    """Office leads and administrators find the reset of a colleague's second factor here."""

    def is_shown(self, request):
        from portal.mfa.reset import may_reset_anyone

        return may_reset_anyone(request.user)


@hooks.register("register_admin_menu_item")
def second_factor_reset_menu_item():
    return SecondFactorResetMenuItem(
        _("Tweede factor wissen"), reverse("mfa:reset_list"), icon_name="key", order=900
    )


# Background tasks (portal/task_admin.py): administrators see what waits and what failed.
@hooks.register("register_admin_urls")
def register_tasks_urls():
    from django.urls import path

    from portal.task_admin import TasksView

    return [path("achtergrondtaken/", TasksView.as_view(), name="portal_tasks")]


class TasksMenuItem(MenuItem):
    def is_shown(self, request):
        from portal.task_admin import can_see_tasks

        return can_see_tasks(request.user)


@hooks.register("register_settings_menu_item")
def register_tasks_menu_item():
    return TasksMenuItem(_("Achtergrondtaken"), reverse("portal_tasks"), icon_name="cogs", order=910)


# Data-subject requests (portal/subject_requests.py): administrators export and erase one person's data.
@hooks.register("register_admin_urls")
def register_subject_request_urls():
    from django.urls import path

    from portal.subject_requests import SubjectEraseView, SubjectExportView, SubjectRequestsView

    return [
        path("betrokkenen/", SubjectRequestsView.as_view(), name="portal_subject_requests"),
        path("betrokkenen/<int:user_id>/export/", SubjectExportView.as_view(), name="portal_subject_export"),
        path("betrokkenen/<int:user_id>/wissen/", SubjectEraseView.as_view(), name="portal_subject_erase"),
    ]


class SubjectRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        from portal.subject_requests import can_handle_subject_requests

        return can_handle_subject_requests(request.user)


@hooks.register("register_settings_menu_item")
def register_subject_requests_menu_item():
    return SubjectRequestsMenuItem(
        _("Verzoeken van betrokkenen"), reverse("portal_subject_requests"), icon_name="user", order=920
    )
