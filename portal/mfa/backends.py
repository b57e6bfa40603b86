"""Django's ModelBackend, loading with the user whether they must prove a second factor.

`SecondFactorMiddleware` asks that on every request of a session without a proven factor, which is
every request of most people. Loading it as subqueries of the user row Django reads anyway keeps
that at no extra query (a cached page still costs only the session, the user and the generation).
"""

from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from portal.mfa import required_roles
from portal.prepared import PreparedQuery
from portal.roles import OFFICE_LEAD_PERMISSION


def _user_row(user_id: int, roles: list[str]):
    """The user row and whether a role, a permission or a group's permission asks for a second
    factor: one query, as Django reads the user row anyway."""
    app_label, codename = OFFICE_LEAD_PERMISSION.split(".")
    lead = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    model = get_user_model()
    return (
        model._default_manager.filter(pk=user_id)
        .annotate(
            _mfa_role=Exists(Group.objects.filter(user=OuterRef("pk"), name__in=roles)),
            _mfa_lead=Exists(lead.filter(user=OuterRef("pk"))),
            _mfa_group_lead=Exists(lead.filter(group__user=OuterRef("pk"))),
        )
        .values_list(*_attnames(), "_mfa_role", "_mfa_lead", "_mfa_group_lead")
    )


def _attnames() -> list[str]:
    return [field.attname for field in get_user_model()._meta.concrete_fields]


# Every request of a signed-in person loads the user: building this query (three subqueries) cost
# about 1.6 ms of CPU each time, several times what the database needs to answer it.
_USER_ROW = PreparedQuery(_user_row)


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        rows = _USER_ROW(pk, sorted(required_roles()))
        if not rows:
            return None
        names = _attnames()
        row = rows[0]
        user = model.from_db(model._default_manager.db, names, row[: len(names)])
        if not self.user_can_authenticate(user):
            return None
        role, lead, group_lead = row[len(names) :]
        user._portal_needs_second_factor = bool(user.is_superuser or role or lead or group_lead)
        return user
