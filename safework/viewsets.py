"""Admin screens of the safe-workplace registers, by role (not by Django model permissions alone).

- The declarations register: the integrity office and HR read, filter and export it (decisions are
  taken on the site, by the manager and the office).
- Positions and placements: HR keeps them; the office reads them.
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from home.models import Department
from portal.roles import Role, has_role
from safework import permissions
from safework.models import (
    ApprovalStatus,
    ControlMeasure,
    Decision,
    Declaration,
    DeclarationKind,
    DeclarationStatus,
    ManagerTraining,
    Placement,
    Position,
    RiskFactor,
    ScreeningProfile,
    ScreeningRule,
    gift_threshold,
)
from safework.training_viewsets import ManagerTrainingViewSet
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
    approval_status = django_filters.ChoiceFilter(choices=ApprovalStatus.choices, label=_("Goedkeuring"))

    class Meta:
        model = Position
        fields = ["department", "screening_profile", "approval_status"]


class PositionForm(WagtailAdminModelForm):
    """Managers see only their own departments; every save is a draft unless the office approves."""

    approve = forms.BooleanField(
        label=_("Goedkeuren"), required=False, help_text=_("Alleen het integriteitsbureau keurt goed.")
    )

    class Meta:
        model = Position
        fields = [
            "department",
            "title",
            "code",
            "risk_factors",
            "control_measures",
            "screening_profile",
            "justification",
        ]
        widgets = {
            "risk_factors": forms.CheckboxSelectMultiple,
            "control_measures": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not (permissions.is_office(user) or has_role(user, Role.HR)):
            self.fields["department"].queryset = Department.objects.filter(
                pk__in=permissions.managed_department_ids(user)
            )
        if user is None or not permissions.can_approve_positions(user):
            del self.fields["approve"]

    def save(self, commit=True):
        position = super().save(commit=False)
        if self.cleaned_data.get("approve"):
            position.approval_status = ApprovalStatus.APPROVED
            position.approved_on = timezone.localdate()
        else:
            position.approval_status = ApprovalStatus.DRAFT
            position.approved_on = None
        if commit:
            with transaction.atomic():
                position.save()
                self.save_m2m()
        return position


def _own_positions(view, queryset):
    user = view.request.user
    if permissions.is_office(user) or has_role(user, Role.HR):
        return queryset
    return queryset.filter(department_id__in=permissions.managed_department_ids(user))


class PositionIndexView(IndexView):
    def get_base_queryset(self):
        return _own_positions(self, super().get_base_queryset().select_related("department"))


class PositionEditView(EditView):
    def get_object(self, queryset=None):
        position = super().get_object(queryset)
        if not permissions.can_edit_position(self.request.user, position):
            raise PermissionDenied
        return position


class PositionPermissionPolicy(BasePermissionPolicy):
    """The office and HR: every position; a manager: those of their own departments; HR deletes."""

    def user_has_permission(self, user, action) -> bool:
        if action == "delete":
            return user.is_active and has_role(user, Role.HR)
        if action in ("view", "add", "change"):
            return permissions.can_view_inventory(user)
        return False

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action == "delete":
            return self.user_has_permission(user, action)
        return action in ("view", "change") and permissions.can_edit_position(user, instance)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class PositionViewSet(ModelViewSet):
    model = Position
    icon = "tag"
    menu_label = _("Kwetsbare functies")
    url_prefix = "veilige-werkomgeving/functies"
    filterset_class = PositionFilterSet
    index_view_class = PositionIndexView
    edit_view_class = PositionEditView
    copy_view_enabled = False
    form_fields = PositionForm.Meta.fields
    list_display = [
        "title",
        Column("department", label=_("Organisatieonderdeel")),
        "screening_profile",
        "approval_status",
    ]
    list_export = ["title", "code", "department", "screening_profile", "justification", "approval_status"]
    export_filename = "kwetsbare-functies"

    def get_form_class(self, for_update=False):
        return PositionForm

    @property
    def permission_policy(self):
        return PositionPermissionPolicy(Position)


class RiskFactorViewSet(ModelViewSet):
    model = RiskFactor
    icon = "warning"
    menu_label = _("Risicofactoren")
    url_prefix = "veilige-werkomgeving/risicofactoren"
    form_fields = ["name", "description"]
    copy_view_enabled = False


class ControlMeasureViewSet(ModelViewSet):
    model = ControlMeasure
    icon = "lock"
    menu_label = _("Beheersmaatregelen")
    url_prefix = "veilige-werkomgeving/beheersmaatregelen"
    form_fields = ["name", "description"]
    copy_view_enabled = False


class ScreeningRuleViewSet(ModelViewSet):
    model = ScreeningRule
    icon = "list-ul"
    menu_label = _("Screeningsinstrumenten")
    url_prefix = "veilige-werkomgeving/screeningsinstrumenten"
    form_fields = ["profile", "certificate_of_conduct", "integrity_interview", "rescreen_months"]
    list_display = ["profile", "certificate_of_conduct", "integrity_interview", "rescreen_months"]
    copy_view_enabled = False


class PlacementViewSet(ModelViewSet):
    model = Placement
    icon = "user"
    menu_label = _("Plaatsingen (functie en leidinggevende)")
    url_prefix = "veilige-werkomgeving/plaatsingen"
    copy_view_enabled = False
    form_fields = ["user", "position", "manager", "last_screened_on"]
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
    RiskFactor: {"view": (OFFICE, HR), "add": (OFFICE, HR), "change": (OFFICE, HR), "delete": (OFFICE,)},
    ControlMeasure: {"view": (OFFICE, HR), "add": (OFFICE, HR), "change": (OFFICE, HR), "delete": (OFFICE,)},
    ScreeningRule: {"view": (OFFICE, HR), "add": (OFFICE, HR), "change": (OFFICE, HR)},
    Placement: {"view": (OFFICE, HR), "add": (HR,), "change": (HR,), "delete": (HR,)},
    ManagerTraining: {"view": (OFFICE, HR), "add": (HR,), "change": (HR,), "delete": (HR,)},
}


def register_policies() -> None:
    for model, roles_by_action in POLICIES.items():
        register_permission_policy(model, RolePermissionPolicy(model, roles_by_action), exact_class=True)
    register_permission_policy(Position, PositionPermissionPolicy(Position), exact_class=True)


class SafeworkViewSetGroup(ModelViewSetGroup):
    menu_label = _("Veilige werkomgeving")
    menu_icon = "locked"
    items = (
        DeclarationViewSet("safework_declaration"),
        PositionViewSet("safework_position"),
        RiskFactorViewSet("safework_risk_factor"),
        ControlMeasureViewSet("safework_control_measure"),
        ScreeningRuleViewSet("safework_screening_rule"),
        PlacementViewSet("safework_placement"),
        ManagerTrainingViewSet("safework_manager_training"),
    )
