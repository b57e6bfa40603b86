"""Admin screens of VPD scans, their improvement actions, and building DRAs (seed 4.2).

Access is by role and by department (`safework.scan_permissions`), checked for the listing and
export (the queryset) and for every single object (inspect, edit, delete), never by Django model
permissions: superusers hold no role implicitly.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from home.models import Department
from portal.roles import Role
from portal.security_log import ExportLoggedIndexView
from safework import scan_permissions as access
from safework.dra import ThreatAssessment
from safework.permissions import managed_department_ids
from safework.scans import THEME_FIELDS, ActionStatus, ImprovementAction, ProtocolTheme, VpdScan
from vpd.models import TeamInstructionPage
from vpd.viewsets import RolePermissionPolicy


class InstanceCheckedMixin:
    """Refuses the object unless the permission policy allows `instance_action` on this instance."""

    instance_action = "view"

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.instance_action, instance
        ):
            raise PermissionDenied
        return instance


class CheckedInspectView(InstanceCheckedMixin, InspectView):
    instance_action = "view"


class CheckedEditView(InstanceCheckedMixin, EditView):
    instance_action = "change"


class CheckedDeleteView(InstanceCheckedMixin, DeleteView):
    instance_action = "delete"


class _PolicyBase(BasePermissionPolicy):
    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


# ---------------------------------------------------------------- scans
class ScanPermissionPolicy(_PolicyBase):
    def user_has_permission(self, user, action) -> bool:
        if action in ("view", "change"):
            return access.can_view_scans(user)
        return action in ("add", "delete") and access.is_vpd_coordinator(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action == "view":
            return access.can_view_scan(user, instance)
        if action == "change":
            return access.can_change_scan(user, instance)
        return action == "delete" and access.is_vpd_coordinator(user)


REVIEW_FIELDS = ["reviewed_on", "management_response"]


class ScanForm(WagtailAdminModelForm):
    """The coordinator records the whole scan; the department's managers only the management review."""

    class Meta:
        model = VpdScan
        fields = [
            "department",
            "scanned_on",
            "participants_employees",
            "participants_managers",
            "participants_experts",
            *THEME_FIELDS.values(),
            "findings",
            *REVIEW_FIELDS,
        ]
        widgets = dict.fromkeys(THEME_FIELDS.values(), forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or not access.is_vpd_coordinator(user):
            for name in list(self.fields):
                if name not in REVIEW_FIELDS:
                    del self.fields[name]
        for field in THEME_FIELDS.values():
            if field in self.fields:
                self.fields[field].choices = [c for c in self.fields[field].choices if c[0]]
                self.fields[field].error_messages["required"] = _(
                    "Kies goed geregeld of verbeterpunt voor dit thema."
                )

    def save(self, commit=True):
        scan = super().save(commit=False)
        if scan.pk is None and self.for_user is not None:
            scan.recorded_by = self.for_user
        if commit:
            scan.save()
            self.save_m2m()
        return scan


class ScanFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Organisatieonderdeel")
    )
    not_reviewed = django_filters.BooleanFilter(
        field_name="reviewed_on", lookup_expr="isnull", label=_("Nog niet besproken met het management")
    )

    class Meta:
        model = VpdScan
        fields = ["department"]


class ScanIndexView(ExportLoggedIndexView, IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("department")
        departments = access.scan_department_ids(self.request.user)
        if departments is not None:
            queryset = queryset.filter(department_id__in=departments)
        return queryset.annotate(
            open_actions=Count(
                "actions", filter=Q(actions__status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
            )
        )


class ScanViewSet(ModelViewSet):
    model = VpdScan
    icon = "clipboard-list"
    menu_label = _("VPD-scans")
    url_prefix = "veilige-werkomgeving/vpd-scans"
    index_view_class = ScanIndexView
    inspect_view_class = CheckedInspectView
    edit_view_class = CheckedEditView
    delete_view_class = CheckedDeleteView
    filterset_class = ScanFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ScanForm.Meta.fields
    list_display = [
        "department",
        DateColumn("scanned_on", label=_("Datum van de scan")),
        Column("open_actions", label=_("Open verbeteracties")),
        DateColumn("reviewed_on", label=_("Besproken met het management")),
    ]
    list_export = ["department", "scanned_on", *ScanForm.Meta.fields[2:]]
    export_filename = "vpd-scans"
    inspect_view_fields = ["department", "scanned_on", *ScanForm.Meta.fields[2:]]
    search_fields = ["department__name", "findings", "management_response"]
    search_backend_name = None  # the database, never the site's search index

    def get_form_class(self, for_update=False):
        return ScanForm

    @property
    def permission_policy(self):
        return ScanPermissionPolicy(VpdScan)


# ---------------------------------------------------------------- improvement actions
class ActionPermissionPolicy(_PolicyBase):
    def user_has_permission(self, user, action) -> bool:
        if action in ("view", "change"):
            return access.can_view_actions(user)
        if action == "add":
            return access.can_view_scans(user)
        return action == "delete" and access.is_vpd_coordinator(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if action == "view":
            return access.visible_actions(user, ImprovementAction.objects.filter(pk=instance.pk)).exists()
        if action == "change":
            return access.can_change_action(user, instance)
        return action == "delete" and access.is_vpd_coordinator(user)


class ActionForm(WagtailAdminModelForm):
    """The coordinator and the department's managers edit an action; its owner only moves the status."""

    class Meta:
        model = ImprovementAction
        fields = ["scan", "theme", "description", "owner", "due_on", "status", "team_instructions"]
        widgets = {"team_instructions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["owner"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username")
        )
        self.fields["owner"].required = True
        self.fields["owner"].error_messages["required"] = _("Kies wie deze actie uitvoert.")
        self.fields["description"].error_messages["required"] = _("Beschrijf wat er verbeterd wordt.")
        full = user is not None and (
            access.is_vpd_coordinator(user)
            or (self.instance.pk is None and managed_department_ids(user))
            or (self.instance.pk is not None and access.can_edit_action_fully(user, self.instance))
        )
        if not full:
            for name in list(self.fields):
                if name != "status":
                    del self.fields[name]
            return
        departments = access.scan_department_ids(user)
        scans = VpdScan.objects.select_related("department")
        instructions = TeamInstructionPage.objects.select_related("team__department").order_by("title")
        if departments is not None:
            scans = scans.filter(department_id__in=departments)
            instructions = instructions.filter(team__department_id__in=departments)
        self.fields["scan"].queryset = scans
        self.fields["team_instructions"].queryset = instructions

    def clean(self):
        cleaned = super().clean()
        scan = cleaned.get("scan")
        wrong = [
            page
            for page in cleaned.get("team_instructions") or ()
            if scan and page.team.department_id != scan.department_id
        ]
        if wrong:
            self.add_error(
                "team_instructions",
                _("Kies alleen teaminstructies van het organisatieonderdeel van de scan."),
            )
        return cleaned


class ActionFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        field_name="scan__department", queryset=Department.objects.all(), label=_("Organisatieonderdeel")
    )
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices, label=_("Status"))
    theme = django_filters.ChoiceFilter(choices=ProtocolTheme.choices, label=_("Thema"))
    still_open = django_filters.BooleanFilter(method="filter_still_open", label=_("Nog niet afgerond"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Te laat"))

    class Meta:
        model = ImprovementAction
        fields = ["status", "theme"]

    def filter_still_open(self, queryset, name, value):
        if value is None:
            return queryset
        done = Q(status=ActionStatus.DONE)
        return queryset.exclude(done) if value else queryset.filter(done)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = ImprovementAction.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class OverdueColumn(BooleanColumn):
    def get_value(self, instance):
        return instance.is_overdue()


class ActionIndexView(ExportLoggedIndexView, IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("scan__department", "owner")
        return access.visible_actions(self.request.user, queryset)


class ActionViewSet(ModelViewSet):
    """The open actions per department (filters), overdue ones marked; CSV/XLSX export."""

    model = ImprovementAction
    icon = "tasks"
    menu_label = _("Verbeteracties")
    url_prefix = "veilige-werkomgeving/verbeteracties"
    index_view_class = ActionIndexView
    inspect_view_class = CheckedInspectView
    edit_view_class = CheckedEditView
    delete_view_class = CheckedDeleteView
    filterset_class = ActionFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ActionForm.Meta.fields
    list_display = [
        "__str__",
        Column("department", label=_("Organisatieonderdeel"), accessor="scan.department"),
        "theme",
        "owner",
        DateColumn("due_on", label=_("Gereed op")),
        "status",
        OverdueColumn("overdue", label=_("Te laat")),
    ]
    list_export = ["scan", "theme", "description", "owner", "due_on", "status", "completed_on"]
    export_filename = "verbeteracties-vpd"
    inspect_view_fields = [
        "scan",
        "theme",
        "description",
        "owner",
        "due_on",
        "status",
        "completed_on",
        "team_instructions",
    ]
    search_fields = ["description", "scan__department__name"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return ActionForm

    @property
    def permission_policy(self):
        return ActionPermissionPolicy(ImprovementAction)


# ---------------------------------------------------------------- building DRAs
SECURITY = (Role.SECURITY_COORDINATOR,)
ASSESSMENT_POLICY = {"view": SECURITY, "add": SECURITY, "change": SECURITY, "delete": SECURITY}


class AssessmentFilterSet(WagtailFilterSet):
    reassessment_due = django_filters.BooleanFilter(method="filter_due", label=_("Herbeoordeling verstreken"))

    class Meta:
        model = ThreatAssessment
        fields = ["building"]

    def filter_due(self, queryset, name, value):
        if value is None:
            return queryset
        due = Q(reassess_on__lte=timezone.localdate())
        return queryset.filter(due) if value else queryset.exclude(due)


class AssessmentIndexView(ExportLoggedIndexView, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("measures")


class ThreatAssessmentViewSet(ModelViewSet):
    model = ThreatAssessment
    icon = "warning"
    menu_label = _("Dreigings- en risicoassessments")
    url_prefix = "veilige-werkomgeving/dra"
    index_view_class = AssessmentIndexView
    filterset_class = AssessmentFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "building",
        DateColumn("assessed_on", label=_("Datum van het assessment")),
        DateColumn("reassess_on", label=_("Opnieuw beoordelen op")),
        Column("open_measures", label=_("Open maatregelen")),
    ]
    list_export = ["building", "assessed_on", "scope", "reassess_on", "risk_list", "measure_list"]
    export_filename = "dreigings-en-risicoassessments"
    inspect_view_fields = ["building", "assessed_on", "reassess_on", "scope", "risk_list", "measure_list"]
    search_fields = ["building", "scope"]
    search_backend_name = None


def register_policies() -> None:
    register_permission_policy(VpdScan, ScanPermissionPolicy(VpdScan), exact_class=True)
    register_permission_policy(ImprovementAction, ActionPermissionPolicy(ImprovementAction), exact_class=True)
    register_permission_policy(
        ThreatAssessment, RolePermissionPolicy(ThreatAssessment, ASSESSMENT_POLICY), exact_class=True
    )


class ScansAndAssessmentsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Scans en risico's")
    menu_icon = "clipboard-list"
    items = (
        ScanViewSet("safework_vpd_scan"),
        ActionViewSet("safework_improvement_action"),
        ThreatAssessmentViewSet("safework_threat_assessment"),
    )
