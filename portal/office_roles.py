"""The office lead's screen: who holds the integrity office's and confidential advisors' roles.

Only the office lead (`portal.roles.is_office_lead`) opens it; administrators and superusers get a
403. Adding and removing members goes through `user.groups`, so portal/role_audit.py writes the
audit entry (before/after) and mails the office, as for every other path.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from forms.models import AuditLogEntry
from portal.role_audit import GROUP_PERMISSIONS_CHANGED, PERMISSIONS_CHANGED, ROLE_CHANGED
from portal.roles import OFFICE_ROLES, Role, is_office_lead
from portal.viewsets import NOT_WITH_ADMINISTRATOR

ROLE_CHOICES = [(str(role), str(role)) for role in OFFICE_ROLES]


class GrantForm(forms.Form):
    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    role = forms.ChoiceField(label=_("Rol"), choices=ROLE_CHOICES)

    def clean_username(self):
        User = get_user_model()
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise forms.ValidationError(_("Er is geen account met deze gebruikersnaam."))
        if user.is_superuser or user.groups.filter(name=str(Role.ADMINISTRATOR)).exists():
            raise forms.ValidationError(NOT_WITH_ADMINISTRATOR)
        self.user = user
        return username


class RevokeForm(forms.Form):
    user_id = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=ROLE_CHOICES, widget=forms.HiddenInput)


@require_http_methods(["GET", "POST"])
def office_roles(request):
    if not is_office_lead(request.user):
        raise PermissionDenied
    grant = GrantForm(prefix="grant")
    if request.method == "POST":
        if "revoke" in request.POST:
            revoke = RevokeForm(request.POST)
            if revoke.is_valid():
                group = Group.objects.get(name=revoke.cleaned_data["role"])
                with transaction.atomic():
                    group.user_set.remove(revoke.cleaned_data["user_id"])
                messages.success(request, _("De rol is ingetrokken."))
                return redirect(reverse("portal_office_roles"))
        else:
            grant = GrantForm(request.POST, prefix="grant")
            if grant.is_valid():
                group = Group.objects.get(name=grant.cleaned_data["role"])
                with transaction.atomic():
                    grant.user.groups.add(group)
                messages.success(request, _("De rol is toegekend."))
                return redirect(reverse("portal_office_roles"))
    roles = [
        (str(role), Group.objects.get(name=str(role)).user_set.order_by("username")) for role in OFFICE_ROLES
    ]
    entries = (
        AuditLogEntry.objects.filter(
            report__isnull=True, action__in=[ROLE_CHANGED, PERMISSIONS_CHANGED, GROUP_PERMISSIONS_CHANGED]
        )
        .select_related("user")
        .order_by("-pk")[:50]
    )
    changes = [
        {
            "pk": entry.pk,
            "at": entry.at,
            "by": entry.user.get_username() if entry.user else entry.detail.get("via", ""),
            "action": entry.action,
            "subject": entry.detail.get("account") or entry.detail.get("group") or "",
            "added": ", ".join(entry.detail.get("added") or entry.detail.get("permissions") or []) or "—",
            "removed": ", ".join(entry.detail.get("removed") or []) or "—",
        }
        for entry in entries
    ]
    return render(
        request,
        "portal/admin/office_roles.html",
        {"roles": roles, "grant": grant, "changes": changes},
        status=400 if grant.is_bound and grant.errors else 200,
    )
