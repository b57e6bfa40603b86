"""Resetting someone's second factor (a lost phone, a broken passkey).

Separation of duties: the office's own members (the integrity office, the confidential advisors,
and office leads) are reset only by an office lead; an administrator resets everyone else who needs
a second factor, never the office's members (else an administrator could reset an office member's
factor and, with a password reset, read reports). Nobody resets their own. Every reset is audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from forms import audit
from portal.mfa import is_verified, users_needing_second_factor
from portal.mfa.devices import remove_all
from portal.roles import OFFICE_ROLES, Role, has_role, is_office_lead
from portal.user_sessions import sign_out_everywhere


def is_office_member(user) -> bool:
    return any(has_role(user, role) for role in OFFICE_ROLES) or is_office_lead(user)


def is_administrator(user) -> bool:
    return user.is_active and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))


def can_reset(actor, target) -> bool:
    if not (actor.is_authenticated and actor.is_active) or actor.pk == target.pk:
        return False
    if is_office_member(target):
        return is_office_lead(actor)
    return is_administrator(actor)


def may_reset_anyone(actor) -> bool:
    return is_office_lead(actor) or is_administrator(actor)


def _require_verified_resetter(request):
    # The middleware holds unverified sessions already; checked here too, as this is a privilege.
    if not is_verified(request) or not may_reset_anyone(request.user):
        raise PermissionDenied


@never_cache
@require_GET
def reset_list(request):
    _require_verified_resetter(request)
    candidates = users_needing_second_factor().filter(is_active=True).order_by("username")
    users = [user for user in candidates if can_reset(request.user, user)]
    return render(request, "mfa/reset_list.html", {"people": users})


@never_cache
@require_POST
def reset_user(request, user_id: int):
    _require_verified_resetter(request)
    target = get_object_or_404(get_user_model(), pk=user_id)
    if not can_reset(request.user, target):
        raise PermissionDenied
    with transaction.atomic():
        removed = remove_all(target)
        audit.record(
            "mfa.reset",
            user=request.user,
            detail={
                "target_user_id": target.pk,
                "target_username": target.get_username(),
                "devices": removed,
            },
        )
    # Whoever holds the lost device may hold a session that proved it: end every session of theirs.
    sign_out_everywhere(target.pk)
    messages.success(
        request,
        _("De tweede factor van %(name)s is gewist; bij de volgende keer inloggen stelt die een nieuwe in.")
        % {"name": target.get_full_name() or target.get_username()},
    )
    return redirect("mfa:reset_list")
