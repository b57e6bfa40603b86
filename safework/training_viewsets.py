"""The admin screen where HR records managers' integrity training (the office reads and exports it)."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from portal.roles import Role
from portal.security_log import ExportLoggedIndexView
from safework.training import ManagerTraining, TrainingProgramme


class ManagerTrainingForm(WagtailAdminModelForm):
    class Meta:
        model = ManagerTraining
        fields = ["manager", "programme", "completed_on"]
        error_messages = {
            "manager": {"required": _("Kies de leidinggevende.")},
            "programme": {"required": _("Kies het programma.")},
            "completed_on": {"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=str(Role.MANAGER))
            .order_by("last_name", "username")
        )

    def clean(self):
        cleaned = super().clean()
        manager, programme = cleaned.get("manager"), cleaned.get("programme")
        duplicate = ManagerTraining.objects.filter(manager=manager, programme=programme).exclude(
            pk=self.instance.pk
        )
        if manager and programme and duplicate.exists():
            # Beside the field (the database constraint would only say it at the top of the form).
            self.add_error("programme", _("Voor deze leidinggevende is dit programma al vastgelegd."))
        return cleaned


class TrainingFilterSet(WagtailFilterSet):
    programme = django_filters.ChoiceFilter(choices=TrainingProgramme.choices, label=_("Programma"))

    class Meta:
        model = ManagerTraining
        fields = ["programme"]


class TrainingIndexView(ExportLoggedIndexView, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("manager")


class TrainingCreateView(CreateView):
    def save_instance(self):
        self.form.instance.recorded_by = self.request.user
        return super().save_instance()


class TrainingEditView(EditView):
    def save_instance(self):
        self.form.instance.recorded_by = self.request.user
        return super().save_instance()


class ManagerTrainingViewSet(ModelViewSet):
    model = ManagerTraining
    icon = "user"
    menu_label = _("Integriteitstraining leidinggevenden")
    url_prefix = "veilige-werkomgeving/integriteitstraining"
    index_view_class = TrainingIndexView
    add_view_class = TrainingCreateView
    edit_view_class = TrainingEditView
    filterset_class = TrainingFilterSet
    copy_view_enabled = False
    form_fields = ManagerTrainingForm.Meta.fields
    list_display = ["manager", "programme", DateColumn("completed_on", label=_("Gevolgd op"))]
    list_export = ["manager", "programme", "completed_on"]
    export_filename = "integriteitstraining-leidinggevenden"
    search_fields = ["manager__username", "manager__first_name", "manager__last_name"]

    def get_form_class(self, for_update=False):
        return ManagerTrainingForm
