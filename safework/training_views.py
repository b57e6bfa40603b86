"""The overview of managers' integrity training per department (site page and CSV for HR and office)."""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.models import Department
from portal.security_log import event
from safework.training import TrainingProgramme
from safework.training_overview import (
    can_record_training,
    can_view_all_training,
    can_view_training_overview,
    overview,
    visible_department_ids,
)


class DepartmentFilterForm(forms.Form):
    department = forms.ModelChoiceField(
        label=gettext_lazy("Organisatieonderdeel"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("Alle organisatieonderdelen"),
        error_messages={"invalid_choice": gettext_lazy("Kies een organisatieonderdeel uit de lijst.")},
    )

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["department"].queryset = Department.objects.filter(pk__in=allowed).order_by("name")


def training_overview(request):
    user = request.user
    if not can_view_training_overview(user):
        raise PermissionDenied
    form = DepartmentFilterForm(request.GET or None, allowed=visible_department_ids(user))
    department = form.cleaned_data["department"] if form.is_valid() else None
    departments = overview(user, department.pk if department else None)
    if request.GET.get("export") == "csv":
        if not can_view_all_training(user):
            raise PermissionDenied
        event("export", user=user, request=request, model="safework.ManagerTraining", format="csv")
        return _csv(departments)
    return render(
        request,
        "safework/training_overview.html",
        {
            "form": form,
            "departments": departments,
            "programmes": list(TrainingProgramme),
            "can_export": can_view_all_training(user),
            "can_record": can_record_training(user),
        },
    )


def _cell(value: str) -> str:
    """A spreadsheet must not read a name as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _csv(departments) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="integriteitstraining-leidinggevenden.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [_("Organisatieonderdeel"), _("Leidinggevende")] + [str(p.label) for p in TrainingProgramme]
    )
    for item in departments:
        for row in item.rows:
            writer.writerow(
                [_cell(item.department.name), _cell(row.manager.get_full_name() or row.manager.username)]
                + [date.isoformat() if date else _("niet gevolgd") for _programme, date in row.cells]
            )
    return response
