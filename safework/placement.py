"""An employee's position and manager from the identity provider's claims, where configured.

`OIDC_CLAIM_POSITION` names the claim with the position's code (`Position.code`) and
`OIDC_CLAIM_MANAGER` the claim with the manager's employee number (or username). When neither is
set, HR keeps placements in the admin and sign-in leaves them alone. A claim whose value the portal
does not know leaves that part empty (and is logged), so a wrong value never keeps a stale manager.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from safework.models import Placement, PlacementSource, Position

logger = logging.getLogger(__name__)


def _claim(claims: dict, name: str) -> str:
    value = claims.get(name) if name else None
    return str(value).strip() if value not in (None, "") else ""


def _manager(value: str, user):
    if not value:
        return None
    manager = (
        get_user_model()
        .objects.filter(Q(identity_link__employee_number=value) | Q(username=value), is_active=True)
        .exclude(pk=user.pk)
        .first()
    )
    if manager is None:
        logger.warning("No manager for the identity provider's value %r (OIDC_CLAIM_MANAGER)", value)
    return manager


def sync_from_claims(user, claims: dict) -> Placement | None:
    """Update the user's placement from the claims; None when the provider sends no placement."""
    position_claim = getattr(settings, "OIDC_CLAIM_POSITION", "")
    manager_claim = getattr(settings, "OIDC_CLAIM_MANAGER", "")
    if not (position_claim or manager_claim):
        return None
    placement = Placement.objects.filter(user=user).first() or Placement(user=user)
    if position_claim:
        code = _claim(claims, position_claim)
        placement.position = Position.objects.filter(code=code).first() if code else None
        if code and placement.position is None:
            logger.warning("No position for the identity provider's value %r (OIDC_CLAIM_POSITION)", code)
    if manager_claim:
        placement.manager = _manager(_claim(claims, manager_claim), user)
    placement.source = PlacementSource.IDENTITY_PROVIDER
    placement.updated_on = timezone.localdate()
    placement.save()
    return placement
