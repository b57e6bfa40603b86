"""Admin viewsets of the content room: contacts (a snippet) and employees' departments."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import Contact, EmployeeProfile


class ContactFilterSet(WagtailFilterSet):
    class Meta:
        model = Contact
        fields = ["kind", "department"]


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacten")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "role", "department", "phone", "email"]
    search_fields = ["name", "role", "email"]
    filterset_class = ContactFilterSet


class EmployeeProfileFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        field_name="department",
        queryset=lambda request: EmployeeProfile._meta.get_field("department").related_model.objects.all(),
    )

    class Meta:
        model = EmployeeProfile
        fields = ["department"]


class EmployeeProfileViewSet(ModelViewSet):
    model = EmployeeProfile
    icon = "group"
    menu_label = _("Medewerkersprofielen")
    add_to_settings_menu = True
    form_fields = ["user", "department"]
    list_display = ["user", "department"]
    filterset_class = EmployeeProfileFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name"]

    def get_queryset(self, request):
        return EmployeeProfile.objects.select_related("user", "department")
