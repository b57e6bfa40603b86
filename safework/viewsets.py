"""Admin screens of the safe-workplace registers, by role (not by Django model permissions alone).

- The declarations register: the integrity office and HR read, filter and export it (decisions are
  taken on the site, by the manager and the office).
- Positions and placements: HR keeps them; the office reads them.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from home.models import Department
from portal.roles import Role
from safework.models import (
    Decision,
    Declaration,
    DeclarationKind,
    DeclarationStatus,
    Placement,
    Position,
    ScreeningProfile,
    gift_threshold,
)
from vpd.viewsets import RolePermissionPolicy


class DeclarationFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Organisatieonderdeel")
    )
    kind = django_filters.ChoiceFilter(choices=DeclarationKind.choices, label=_("Soort"))
    decision = django_filters.ChoiceFilter(choices=Decision.choices, label=_("Besluit"))
    status = django_filters.ChoiceFilter(choices=DeclarationStatus.choices, label=_("Status"))
    above_threshold = django_filters.BooleanFilter(
        method="filter_above_threshold", label=_("Waarde boven de grens van de gedragscode")
    )
    submitted_from = django_filters.DateFilter(
        field_name="submitted_on", lookup_expr="gte", label=_("Gemeld vanaf")
    )
    submitted_to = django_filters.DateFilter(
        field_name="submitted_on", lookup_expr="lte", label=_("Gemeld tot en met")
    )

    class Meta:
        model = Declaration
        fields = ["department", "kind", "decision", "status"]

    def filter_above_threshold(self, queryset, name, value):
        above = Q(value_estimate__gt=gift_threshold())
        if value is None:
            return queryset
        return queryset.filter(above) if value else queryset.exclude(above)


class DeclarationIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("department", "employee", "manager")


class DeclarationViewSet(ModelViewSet):
    model = Declaration
    icon = "doc-full"
    menu_label = _("Geschenken en nevenwerk")
    url_prefix = "veilige-werkomgeving/meldingen"
    index_view_class = DeclarationIndexView
    filterset_class = DeclarationFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["kind"]
    list_display = [
        "reference",
        "kind",
        DateColumn("submitted_on", label=_("Gemeld op")),
        Column("department", label=_("Organisatieonderdeel")),
        "value_estimate",
        "status",
        "decision",
    ]
    list_export = [
        "reference",
        "kind",
        "submitted_on",
        "decision_due",
        "employee",
        "department",
        "manager",
        "giver",
        "value_estimate",
        "organisation",
        "hours_per_month",
        "paid",
        "screening_profile",
        "needs_second_opinion",
        "status",
        "manager_decision",
        "office_decision",
        "decision",
    ]
    export_filename = "geschenken-en-nevenwerk"
    inspect_view_fields = [
        "reference",
        "kind",
        "employee",
        "department",
        "manager",
        "submitted_on",
        "decision_due",
        "giver",
        "value_estimate",
        "received_on",
        "context",
        "organisation",
        "hours_per_month",
        "paid",
        "possible_conflict",
        "screening_profile",
        "needs_second_opinion",
        "status",
        "manager_decision",
        "manager_reasons",
        "conditions",
        "manager_decided_on",
        "office_decision",
        "office_reasons",
        "office_decided_on",
        "decision",
    ]


class PositionFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Organisatieonderdeel")
    )
    screening_profile = django_filters.ChoiceFilter(
        choices=ScreeningProfile.choices, label=_("Screeningsprofiel")
    )

    class Meta:
        model = Position
        fields = ["department", "screening_profile"]


class PositionViewSet(ModelViewSet):
    model = Position
    icon = "tag"
    menu_label = _("Functies")
    url_prefix = "veilige-werkomgeving/functies"
    filterset_class = PositionFilterSet
    copy_view_enabled = False
    form_fields = ["department", "title", "code", "screening_profile"]
    list_display = [
        "title",
        "code",
        Column("department", label=_("Organisatieonderdeel")),
        "screening_profile",
    ]
    list_export = ["title", "code", "department", "screening_profile"]
    export_filename = "functies"


class PlacementViewSet(ModelViewSet):
    model = Placement
    icon = "user"
    menu_label = _("Plaatsingen (functie en leidinggevende)")
    url_prefix = "veilige-werkomgeving/plaatsingen"
    copy_view_enabled = False
    form_fields = ["user", "position", "manager"]
    list_display = [
        "user",
        "position",
        "manager",
        "source",
        DateColumn("updated_on", label=_("Bijgewerkt op")),
    ]
    list_export = ["user", "position", "manager", "source", "updated_on"]
    export_filename = "plaatsingen"
    search_fields = ["user__username", "user__first_name", "user__last_name"]


OFFICE, HR = Role.INTEGRITY_OFFICE, Role.HR

#: Who may do what in these admin screens (registered with Wagtail, so every admin view uses them).
POLICIES = {
    Declaration: {"view": (OFFICE, HR)},
    Position: {"view": (OFFICE, HR), "add": (HR,), "change": (HR,), "delete": (HR,)},
    Placement: {"view": (OFFICE, HR), "add": (HR,), "change": (HR,), "delete": (HR,)},
}


def register_policies() -> None:
    for model, roles_by_action in POLICIES.items():
        register_permission_policy(model, RolePermissionPolicy(model, roles_by_action), exact_class=True)


class SafeworkViewSetGroup(ModelViewSetGroup):
    menu_label = _("Veilige werkomgeving")
    menu_icon = "locked"
    items = (
        DeclarationViewSet("safework_declaration"),
        PositionViewSet("safework_position"),
        PlacementViewSet("safework_placement"),
    )
