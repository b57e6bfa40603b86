"""Site views for the owner of an improvement action: my actions, and moving one's status along.

Owners are often team leads or employees without the admin; the daily reminder links here. The
coordinator and the department's managers edit everything of an action in the admin.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from safework.scans import ActionStatus, ImprovementAction


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies de status van de actie."),
            "invalid_choice": gettext_lazy("Kies open, in uitvoering of afgerond."),
        },
    )


def _own_actions(user):
    return ImprovementAction.objects.filter(owner_id=user.pk).select_related("scan__department")


def my_actions(request):
    if not (request.user.is_authenticated and request.user.is_active):
        raise PermissionDenied
    actions = _own_actions(request.user).order_by("status", "due_on", "pk")
    return render(request, "safework/action_list.html", {"actions": actions})


@require_http_methods(["GET", "POST"])
def action_status(request, pk):
    action = get_object_or_404(ImprovementAction.objects.select_related("scan__department"), pk=pk)
    if not (request.user.is_authenticated and request.user.is_active and action.owner_id == request.user.pk):
        raise PermissionDenied
    form = ActionStatusForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            action.status = form.cleaned_data["status"]
            action.save(update_fields=["status", "completed_on"])
        messages.success(request, _("De status van de actie is bijgewerkt."))
        return redirect("safework:action_list")
    return render(request, "safework/action_status.html", {"action": action, "form": form})
