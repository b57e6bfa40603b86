"""Just-in-time accounts: the identity provider's claims become a portal user, department and roles.

Called at every sign-in through the provider. The employee role is the portal's baseline for
everyone; the mapped roles follow the provider's groups, but only those the provider granted are
ever taken away, and the office's and advisors' roles are never touched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from forms import audit
from home.models import Department, EmployeeProfile
from portal.roles import OFFICE_ROLES, Role
from sso import conf
from sso.models import IdentityLink, ProviderRoleGrant

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claims:
    """The claims the portal uses, read through the configured claim names."""

    issuer: str
    subject: str
    employee_number: str
    given_name: str
    family_name: str
    email: str
    department: str
    groups: tuple[str, ...]

    @classmethod
    def from_token(cls, claims: dict, settings) -> Claims:
        def text(name: str) -> str:
            value = claims.get(name) if name else None
            return str(value).strip() if value not in (None, "") else ""

        raw_groups = claims.get(settings.OIDC_CLAIM_GROUPS) if settings.OIDC_CLAIM_GROUPS else None
        if isinstance(raw_groups, str):
            raw_groups = [raw_groups]
        return cls(
            issuer=text("iss"),
            subject=text("sub"),
            employee_number=text(settings.OIDC_CLAIM_EMPLOYEE_NUMBER),
            given_name=text(settings.OIDC_CLAIM_GIVEN_NAME),
            family_name=text(settings.OIDC_CLAIM_FAMILY_NAME),
            email=text(settings.OIDC_CLAIM_EMAIL),
            department=text(settings.OIDC_CLAIM_DEPARTMENT),
            groups=tuple(str(group) for group in raw_groups or ()),
        )


def _find_or_create_user(claims: Claims):
    User = get_user_model()
    link = (
        IdentityLink.objects.select_related("user")
        .filter(issuer=claims.issuer, subject=claims.subject)
        .first()
    )
    if link is not None:
        return link.user, link
    username = claims.employee_number or f"sso-{claims.subject}"[:150]
    user = User.objects.filter(username=username).first()
    if user is not None and IdentityLink.objects.filter(user=user).exists():
        # The name belongs to someone else at the provider: never merge two people.
        raise SuspiciousOperation(f"Username {username!r} is linked to another identity.")
    if user is None:
        user = User.objects.create_user(username)  # no usable password: only the provider signs in
        user.groups.add(Group.objects.get(name=str(Role.EMPLOYEE)))
        created = True
    else:
        created = False  # an account made ahead in the portal (e.g. roles granted before day one)
    link = IdentityLink.objects.create(
        user=user, issuer=claims.issuer, subject=claims.subject, employee_number=claims.employee_number
    )
    if created:
        audit.record("sso_user_created", user=user, detail={"username": username})
    return user, link


def _department_for(value: str) -> Department | None:
    if not value:
        return None
    slug = conf.departments().get(value)
    if slug:
        department = Department.objects.filter(slug=slug).first()
    else:
        department = Department.objects.filter(
            Q(slug__iexact=value) | Q(name__iexact=value) | Q(abbreviation__iexact=value)
        ).first()
    if department is None:
        logger.warning("No department for the identity provider's value %r (OIDC_DEPARTMENTS)", value)
    return department


def sync_roles(user, provider_groups) -> tuple[list[str], list[str]]:
    """Give the mapped roles the provider sends, take away provider-granted roles it no longer sends.

    Returns (added, removed) role names.
    """
    mapping = conf.group_roles()  # refuses office roles
    office = {str(role) for role in OFFICE_ROLES}
    wanted = {mapping[group] for group in provider_groups if group in mapping} - office
    held = set(user.groups.values_list("name", flat=True))
    grants = {grant.group.name: grant for grant in user.provider_role_grants.select_related("group")}
    added = sorted(wanted - held)
    removed = sorted(set(grants) - wanted)
    for group in Group.objects.filter(name__in=added):
        user.groups.add(group)
        ProviderRoleGrant.objects.get_or_create(user=user, group=group)
    for name in removed:
        grant = grants[name]
        if name not in office:
            user.groups.remove(grant.group)
        grant.delete()
    return added, removed


@transaction.atomic
def provision(token_claims: dict, settings):
    """Create or update the user for these claims; returns the user."""
    claims = Claims.from_token(token_claims, settings)
    if not claims.issuer or not claims.subject:
        raise SuspiciousOperation("The identity provider sent no issuer or subject.")
    user, link = _find_or_create_user(claims)

    changed = []
    for field, value in (
        ("first_name", claims.given_name[:150]),
        ("last_name", claims.family_name[:150]),
        ("email", claims.email[:254]),
    ):
        if value and getattr(user, field) != value:
            setattr(user, field, value)
            changed.append(field)
    if changed:
        user.save(update_fields=changed)

    link.employee_number = claims.employee_number
    link.last_sign_in = timezone.localdate()
    link.save(update_fields=["employee_number", "last_sign_in"])

    if settings.OIDC_CLAIM_DEPARTMENT:
        department = _department_for(claims.department)
        EmployeeProfile.objects.update_or_create(user=user, defaults={"department": department})

    from safework.placement import sync_from_claims

    sync_from_claims(user, token_claims)  # position and manager, where the provider sends them
    added, removed = sync_roles(user, claims.groups)
    if added or removed:
        audit.record(
            "sso_roles_changed",
            user=user,
            detail={
                "user": user.get_username(),
                "added": added,
                "removed": removed,
                "by": "identity provider",
            },
        )
    return user
