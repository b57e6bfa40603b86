"""Admin screens of safe public service: the coordinator's team overview and the registers.

Access is by role, not by Django model permissions alone: incidents are confidential to the VPD
coordinator (superusers hold no role implicitly), peer-support conversations are for the
peer-support team and the coordinator.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, CharField, DateField, Exists, OuterRef, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from home.models import Department
from portal.roles import Role, has_role
from portal.security_log import ExportLoggedIndexView
from vpd.models import (
    REVIEW_INTERVAL,
    ConversationSequence,
    EventKind,
    Incident,
    IncidentType,
    PeerSupportConversation,
    Team,
    TeamInstructionPage,
    WarningLetterTemplate,
)


class RolePermissionPolicy(BasePermissionPolicy):
    """Grants each action to the members of the listed roles, and to nobody else."""

    def __init__(self, model, roles_by_action: dict[str, tuple[Role, ...]]):
        super().__init__(model)
        self.roles_by_action = roles_by_action

    def user_has_permission(self, user, action) -> bool:
        return user.is_active and any(has_role(user, role) for role in self.roles_by_action.get(action, ()))

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        names = {str(role) for action in actions for role in self.roles_by_action.get(action, ())}
        return get_user_model().objects.filter(is_active=True, groups__name__in=names).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


# ---------------------------------------------------------------- team overview
class InstructionStatus:
    MISSING = "ontbreekt"
    DRAFT = "concept"
    PUBLISHED = "gepubliceerd"
    LABELS = {MISSING: _("Ontbreekt"), DRAFT: _("Concept"), PUBLISHED: _("Gepubliceerd")}


def teams_with_instruction_status(queryset=None):
    """Teams annotated with their instruction's status, review date and overdue flag (one query)."""
    pages = TeamInstructionPage.objects.filter(team=OuterRef("pk")).order_by("path")
    overdue_before = timezone.localdate() - REVIEW_INTERVAL
    queryset = (queryset if queryset is not None else Team.objects.all()).select_related("department")
    return queryset.annotate(
        has_instruction=Exists(pages),
        instruction_live=Subquery(pages.values("live")[:1], output_field=BooleanField()),
        last_reviewed=Subquery(pages.values("last_reviewed")[:1], output_field=DateField()),
    ).annotate(
        instruction_status=Case(
            When(has_instruction=False, then=Value(InstructionStatus.MISSING)),
            When(instruction_live=True, then=Value(InstructionStatus.PUBLISHED)),
            default=Value(InstructionStatus.DRAFT),
            output_field=CharField(),
        ),
        review_overdue=Case(
            When(has_instruction=False, then=Value(False)),
            When(last_reviewed__isnull=True, then=Value(True)),
            When(last_reviewed__lt=overdue_before, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


class TeamFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Organisatieonderdeel")
    )
    instruction_status = django_filters.ChoiceFilter(
        choices=list(InstructionStatus.LABELS.items()), label=_("Teaminstructie")
    )
    review_overdue = django_filters.BooleanFilter(label=_("Beoordeling te laat"))

    class Meta:
        model = Team
        fields = ["department"]


class TeamIndexView(IndexView):
    def get_base_queryset(self):
        from safework.scans import department_scan_status_annotation

        # Beside each team's instruction: its department's VPD-scan status (safework, seed 4.2).
        queryset = teams_with_instruction_status(super().get_base_queryset())
        return queryset.annotate(scan_status=department_scan_status_annotation("department"))


class StatusColumn(Column):
    def get_value(self, instance):
        return InstructionStatus.LABELS.get(instance.instruction_status, "")


class ScanStatusColumn(Column):
    def get_value(self, instance):
        from safework.scans import DepartmentScanStatus

        return DepartmentScanStatus.LABELS.get(getattr(instance, "scan_status", None), "")


class TeamViewSet(ModelViewSet):
    """The coordinator's overview: every team, its instruction's status and review date (CSV export)."""

    model = Team
    icon = "group"
    menu_label = _("Teams en teaminstructies")
    url_prefix = "vpd/teams"
    index_view_class = TeamIndexView
    filterset_class = TeamFilterSet
    list_display = [
        "name",
        Column("department", label=_("Organisatieonderdeel")),
        StatusColumn("instruction_status", label=_("Teaminstructie")),
        DateColumn("last_reviewed", label=_("Laatst beoordeeld")),
        BooleanColumn("review_overdue", label=_("Beoordeling te laat")),
        ScanStatusColumn("scan_status", label=_("VPD-scan van het organisatieonderdeel")),
    ]
    list_export = [
        "name",
        "department",
        "instruction_status",
        "last_reviewed",
        "review_overdue",
        "scan_status",
    ]
    export_headings = {
        "name": _("Team"),
        "department": _("Organisatieonderdeel"),
        "instruction_status": _("Teaminstructie"),
        "last_reviewed": _("Laatst beoordeeld"),
        "review_overdue": _("Beoordeling te laat"),
        "scan_status": _("VPD-scan van het organisatieonderdeel"),
    }
    export_filename = "teaminstructies-vpd"
    form_fields = ["department", "name", "slug", "managers"]
    copy_view_enabled = False


# ---------------------------------------------------------------- incidents (GIR)
class IncidentFilterSet(WagtailFilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Vanaf datum"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Tot en met datum"))
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Organisatieonderdeel")
    )
    incident_type = django_filters.ChoiceFilter(choices=IncidentType.choices, label=_("Soort incident"))
    aftercare_wanted = django_filters.BooleanFilter(label=_("Nazorg gewenst"))

    class Meta:
        model = Incident
        fields = ["department", "incident_type"]


class IncidentIndexView(ExportLoggedIndexView, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("department", "team__department", "reporter")


class IncidentViewSet(ModelViewSet):
    """Every registered incident, for the VPD coordinator only: read, filter and export (CSV)."""

    model = Incident
    icon = "warning"
    menu_label = _("Incidenten (GIR)")
    url_prefix = "vpd/incidenten"
    index_view_class = IncidentIndexView
    filterset_class = IncidentFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["reference", DateColumn("date", label=_("Datum")), "incident_type", "department", "team"]
    list_export = [
        "reference",
        "date",
        "start_time",
        "department",
        "team",
        "location",
        "incident_type",
        "police_called",
        "police_report",
        "warning_letter",
        "incident_conversation",
        "aftercare_wanted",
    ]
    export_filename = "incidenten-gir"
    form_fields = ["date"]
    inspect_view_fields = [
        "reference",
        "reporter",
        "date",
        "start_time",
        "end_time",
        "department",
        "team",
        "location",
        "incident_type",
        "description",
        "police_called",
        "police_report",
        "warning_letter",
        "incident_conversation",
        "aftercare_wanted",
        "created_at",
    ]


# ---------------------------------------------------------------- peer support (BOT)
class PeerSupportFilterSet(WagtailFilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Vanaf datum"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Tot en met datum"))
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Organisatieonderdeel")
    )
    sequence = django_filters.ChoiceFilter(choices=ConversationSequence.choices, label=_("Gesprek"))
    event = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Soort gebeurtenis"))
    referred = django_filters.BooleanFilter(label=_("Doorverwezen"))

    class Meta:
        model = PeerSupportConversation
        fields = ["department", "sequence", "event", "referred"]


class PeerSupportIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("department")


class PeerSupportViewSet(ModelViewSet):
    """Registered peer-support conversations, for the peer-support team and the coordinator (CSV)."""

    model = PeerSupportConversation
    icon = "help"
    menu_label = _("Opvanggesprekken (BOT)")
    url_prefix = "vpd/opvanggesprekken"
    index_view_class = PeerSupportIndexView
    filterset_class = PeerSupportFilterSet
    copy_view_enabled = False
    form_fields = ["date", "department", "sequence", "referred", "event"]
    list_display = [
        "reference",
        DateColumn("date", label=_("Datum")),
        "sequence",
        "event",
        "department",
        "referred",
    ]
    list_export = ["reference", "date", "department", "sequence", "event", "referred"]
    export_filename = "opvanggesprekken-bot"


#: Who may do what in these admin screens (registered with Wagtail, so every admin view uses them).
POLICIES = {
    Team: {
        "view": (Role.VPD_COORDINATOR, Role.ADMINISTRATOR),
        "add": (Role.VPD_COORDINATOR, Role.ADMINISTRATOR),
        "change": (Role.VPD_COORDINATOR, Role.ADMINISTRATOR),
        "delete": (Role.ADMINISTRATOR,),
    },
    Incident: {"view": (Role.VPD_COORDINATOR,)},
    PeerSupportConversation: {"view": (Role.PEER_SUPPORT, Role.VPD_COORDINATOR), "add": (Role.PEER_SUPPORT,)},
    WarningLetterTemplate: dict.fromkeys(("view", "add", "change", "delete"), (Role.VPD_COORDINATOR,)),
}


def register_policies() -> None:
    for model, roles_by_action in POLICIES.items():
        register_permission_policy(model, RolePermissionPolicy(model, roles_by_action), exact_class=True)


from vpd.perpetrator_viewsets import WarningLetterTemplateViewSet  # noqa: E402


class VpdViewSetGroup(ModelViewSetGroup):
    menu_label = _("Veilige publieke dienstverlening")
    menu_icon = "warning"
    items = (
        TeamViewSet("vpd_team"),
        IncidentViewSet("vpd_incident"),
        PeerSupportViewSet("vpd_peer_support"),
        WarningLetterTemplateViewSet("vpd_warning_letter_template"),
    )
