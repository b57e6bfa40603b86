"""The integrity office's screens of the lessons-learned register in the Wagtail admin.

The list is the office's overview (filters by year, status, department, owner and overdue; CSV/XLSX
export). Every change is written to the audit log of the case the measure came from, and not to
Wagtail's own log entries: those show in the site history report, which administrators read.
"""

import django_filters
from django import forms as django_forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from forms.audit import record
from forms.lessons.models import FINISHED, LessonMeasure, LessonStatus
from forms.models import IntegrityReport
from home.models import Department


def case_label(report: IntegrityReport) -> str:
    return f"{report.reference} · {report.subject or report.get_category_display()}"


class LessonMeasureForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "case" in self.fields:
            field = self.fields["case"]
            field.queryset = IntegrityReport.objects.order_by("-received_on", "-pk")
            field.label_from_instance = case_label
            field.error_messages["required"] = _("Kies de melding waaruit de maatregel voortkwam.")
        if "owner" in self.fields:
            self.fields["owner"].queryset = (
                get_user_model()
                .objects.filter(is_active=True)
                .order_by("last_name", "first_name", "username")
            )
        if "measure" in self.fields:
            self.fields["measure"].error_messages["required"] = _("Beschrijf de maatregel.")
            self.fields["measure"].widget = django_forms.Textarea(attrs={"rows": 3})
        if "agreed_on" in self.fields:
            self.fields["agreed_on"].error_messages["required"] = _(
                "Vul de datum in waarop de maatregel is afgesproken."
            )

    def _post_clean(self):
        # A date that could not be read is not compared with the other (the model's default would be).
        if self.has_error("agreed_on"):
            self.instance.agreed_on = None
        super()._post_clean()

    def save(self, commit=True):
        created = self.instance.pk is None
        changed = list(self.changed_data)
        with transaction.atomic():  # the measure and its audit entry together, or neither
            measure = super().save(commit=commit)
            if commit:
                record(
                    "maatregel toegevoegd" if created else "maatregel gewijzigd",
                    user=getattr(self, "for_user", None),
                    report=measure.case,
                    detail={"maatregel": measure.pk, "status": measure.status, "velden": changed},
                )
        return measure


class LessonFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(label=_("Jaar"), field_name="agreed_on", lookup_expr="year")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=LessonStatus.choices)
    department = django_filters.ModelChoiceFilter(
        label=_("Organisatieonderdeel"), queryset=Department.objects.all()
    )
    mine = django_filters.BooleanFilter(label=_("Mijn maatregelen"), method="filter_mine")
    overdue = django_filters.BooleanFilter(label=_("Over de uiterste datum"), method="filter_overdue")

    class Meta:
        model = LessonMeasure
        fields = ["year", "status", "department"]

    def filter_mine(self, queryset, name, value):
        if value is None or self.request is None:
            return queryset
        mine = Q(owner=self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(due_on__lt=timezone.localdate()) & ~Q(status__in=FINISHED)
        return queryset.filter(late) if value else queryset.exclude(late)


class OverdueColumn(Column):
    def get_value(self, instance):
        return _("over de uiterste datum") if instance.is_overdue() else "—"


class LessonIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("case", "department", "owner")


class LessonCreateView(generic.CreateView):
    def save_instance(self):
        return self.form.save()  # audited by the form; no Wagtail log entry (see the module)


class LessonEditView(generic.EditView):
    def save_instance(self):
        return self.form.save()


class LessonDeleteView(generic.DeleteView):
    def delete_action(self):
        measure = self.object
        with transaction.atomic():
            record(
                "maatregel verwijderd",
                user=self.request.user,
                report=measure.case,
                detail={"maatregel": measure.pk},
            )
            measure.delete()


class LessonMeasureViewSet(ModelViewSet):
    model = LessonMeasure
    icon = "clipboard-list"
    menu_label = _("Lessen uit meldingen")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = LessonIndexView
    add_view_class = LessonCreateView
    edit_view_class = LessonEditView
    delete_view_class = LessonDeleteView
    filterset_class = LessonFilterSet
    list_per_page = 50
    search_fields = []
    list_display = [
        "measure",
        Column("case_reference", label=_("Melding")),
        "department",
        "owner",
        DateColumn("due_on", label=_("Uitgevoerd uiterlijk")),
        "status",
        OverdueColumn("overdue", label=_("Termijn")),
    ]
    list_export = [
        "measure",
        "case_reference",
        "department",
        "owner",
        "agreed_on",
        "due_on",
        "get_status_display",
        "finished_on",
    ]
    export_headings = {
        "measure": _("Maatregel"),
        "case_reference": _("Melding"),
        "department": _("Organisatieonderdeel"),
        "owner": _("Eigenaar"),
        "agreed_on": _("Afgesproken op"),
        "due_on": _("Uitgevoerd uiterlijk"),
        "get_status_display": _("Status"),
        "finished_on": _("Afgerond op"),
    }
    export_filename = "lessen-uit-meldingen"
    edit_handler = ObjectList(
        [
            FieldPanel("measure"),
            FieldPanel("case"),
            FieldPanel("department"),
            FieldPanel("owner"),
            FieldPanel("agreed_on"),
            FieldPanel("due_on"),
            FieldPanel("status"),
        ],
        base_form_class=LessonMeasureForm,
    )
