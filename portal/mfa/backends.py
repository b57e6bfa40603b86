"""Django's ModelBackend, loading with the user whether they must prove a second factor.

`SecondFactorMiddleware` asks that on every request of a session without a proven factor, which is
every request of most people. Loading it as subqueries of the user row Django reads anyway keeps
that at no extra query (a cached page still costs only the session, the user and the generation).
"""

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, OuterRef

from portal.mfa import required_roles
from portal.roles import OFFICE_LEAD_PERMISSION


def _annotated_users():
    app_label, codename = OFFICE_LEAD_PERMISSION.split(".")
    lead = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return get_user_model()._default_manager.annotate(
        _mfa_role=Exists(Group.objects.filter(user=OuterRef("pk"), name__in=required_roles())),
        _mfa_lead=Exists(lead.filter(user=OuterRef("pk"))),
        _mfa_group_lead=Exists(lead.filter(group__user=OuterRef("pk"))),
    )


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        try:
            user = _annotated_users().get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        user._portal_needs_second_factor = bool(
            user.is_superuser or user._mfa_role or user._mfa_lead or user._mfa_group_lead
        )
        return user
