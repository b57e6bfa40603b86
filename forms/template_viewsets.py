"""Case templates in the Wagtail admin: the office lead keeps the checklists per category.

Only office leads (`portal.roles.is_office_lead`) may list, add, change or delete templates; the
check is a permission policy, so every view of the viewset (and the menu item) asks it.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy

from forms.case_tasks import CaseTemplate
from portal.roles import OFFICE_LEAD_PERMISSION, is_office_lead


class OfficeLeadPolicy(BasePermissionPolicy):
    """Every action for office leads, nothing for anyone else (superusers included)."""

    def user_has_permission(self, user, action) -> bool:
        return bool(user) and is_office_lead(user)

    def users_with_any_permission(self, actions):
        from django.db.models import Q

        app_label, codename = OFFICE_LEAD_PERMISSION.split(".")
        granted = Q(
            user_permissions__content_type__app_label=app_label, user_permissions__codename=codename
        ) | Q(groups__permissions__content_type__app_label=app_label, groups__permissions__codename=codename)
        return get_user_model().objects.filter(granted, is_active=True).distinct()


class CaseTemplateViewSet(ModelViewSet):
    model = CaseTemplate
    icon = "tasks"
    menu_label = _("Zaaksjablonen")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", "category", "active"]
    list_filter = ["category", "active"]
    search_fields = []
    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("active"),
        InlinePanel("tasks", heading=_("Taken"), label=_("Taak"), min_num=1),
    ]
