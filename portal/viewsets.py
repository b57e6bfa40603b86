"""Wagtail's user and group screens with separation of duties (see portal/separation.py).

Installed as `portal.users_app.PortalUsersConfig` in place of `wagtail.users` (same app label), so every
path through Wagtail's user management goes through these views, forms and bulk actions:

- user create/edit: the office roles can be granted or removed only by the office lead, never held
  together with the administrator role or superuser status; the superuser box only by superusers;
  an account that holds an office role or the lead permission is edited (password, e-mail, active
  state) and deleted only by the office lead or its owner;
- groups: the office groups and any group with a report/advisor permission or the lead permission
  cannot be edited or deleted here; no group gets such a permission or an office role's name;
- bulk actions: "assign role" never offers or accepts an office role (except to the lead); "set
  active state", "delete" and "assign role" skip protected accounts.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import GroupForm, UserCreationForm, UserEditForm
from wagtail.users.views import groups as wagtail_groups
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, DeleteBulkAction, SetActiveStateBulkAction

from portal.roles import Role
from portal.separation import (
    OFFICE_ROLE_NAMES,
    is_office_role_name,
    may_change_account,
    may_grant_office_roles,
    sensitive_permissions,
)

ONLY_THE_LEAD = _(
    "De rollen Integriteitsbureau en Vertrouwenspersoon kent alleen de leiding van het "
    "integriteitsbureau toe of af."
)
NOT_WITH_ADMINISTRATOR = _(
    "Een beheerder of superuser kan geen rol van het integriteitsbureau of vertrouwenspersoon hebben."
)


# -- users --------------------------------------------------------------------------------------


class SeparationOfDutiesMixin:
    """Server-side rules for the groups and superuser fields; the checkboxes only show them."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.may_grant = bool(for_user) and may_grant_office_roles(for_user)
        if "is_superuser" in self.fields and not (for_user and for_user.is_superuser):
            self.fields["is_superuser"].disabled = True  # submitted values are ignored
        if "groups" in self.fields and not self.may_grant:
            self.fields["groups"].help_text = ONLY_THE_LEAD

    def clean(self):
        data = super().clean()
        groups = data.get("groups")
        if groups is None:
            return data
        chosen = {group.name for group in groups}
        # The office groups, and any group that carries the lead's or a report permission.
        locked = OFFICE_ROLE_NAMES | set(
            Group.objects.filter(permissions__in=sensitive_permissions()).values_list("name", flat=True)
        )
        before = set()
        if self.instance.pk:
            before = set(self.instance.groups.filter(name__in=locked).values_list("name", flat=True))
        if before != chosen & locked and not self.may_grant:
            self.add_error("groups", ONLY_THE_LEAD)
        superuser = data.get("is_superuser", self.instance.is_superuser)
        if chosen & locked and (str(Role.ADMINISTRATOR) in chosen or superuser):
            self.add_error("groups", NOT_WITH_ADMINISTRATOR)
        return data


class PortalUserCreationForm(SeparationOfDutiesMixin, UserCreationForm):
    pass


class PortalUserEditForm(SeparationOfDutiesMixin, UserEditForm):
    pass


class ForUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class ProtectedAccountMixin:
    """Protected accounts (office roles, office lead) are the office lead's and their own only."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not may_change_account(request.user, self.get_object()):
            raise PermissionDenied


class UserCreateView(ForUserFormMixin, wagtail_users.CreateView):
    pass


class UserEditView(ProtectedAccountMixin, ForUserFormMixin, wagtail_users.EditView):
    pass


class UserDeleteView(ProtectedAccountMixin, wagtail_users.DeleteView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.get_object().pk == request.user.pk:
            raise PermissionDenied


class PortalUserViewSet(wagtail_users.UserViewSet):
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    delete_view_class = UserDeleteView

    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm


# -- groups -------------------------------------------------------------------------------------


def is_locked_group(group) -> bool:
    """Office groups, and any group holding a report/advisor or lead permission (set by migrations
    or the management command), are not edited in the admin by anyone."""
    if group is None or group.pk is None:
        return False
    if group.name in OFFICE_ROLE_NAMES:
        return True
    return group.permissions.filter(pk__in=sensitive_permissions()).exists()


class PortalGroupForm(GroupForm):
    def clean_name(self):
        name = super().clean_name()
        if is_office_role_name(name):
            raise ValidationError(_("Deze naam is voorbehouden aan een rol van het integriteitsbureau."))
        return name

    def clean_permissions(self):
        permissions = self.cleaned_data.get("permissions")
        chosen = [permission.pk for permission in permissions or []]
        if sensitive_permissions().filter(pk__in=chosen).exists():
            raise ValidationError(
                _(
                    "Rechten op meldingen, registraties van vertrouwenspersonen, het auditlog of de leiding "
                    "van het integriteitsbureau kunnen hier niet worden toegekend."
                )
            )
        return permissions


class LockedGroupMixin:
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if is_locked_group(self.get_object()):
            raise PermissionDenied


class GroupEditView(LockedGroupMixin, wagtail_groups.EditView):
    pass


class GroupDeleteView(LockedGroupMixin, wagtail_groups.DeleteView):
    pass


class PortalGroupViewSet(wagtail_groups.GroupViewSet):
    edit_view_class = GroupEditView
    delete_view_class = GroupDeleteView

    def get_form_class(self, for_update=False):
        return PortalGroupForm


# -- bulk actions -------------------------------------------------------------------------------


class ProtectedAccountsSkipped:
    """Bulk actions leave protected accounts alone (listed as "no permission") unless the lead acts."""

    def check_perm(self, obj):
        return super().check_perm(obj) and may_change_account(self.request.user, obj)


class PortalAssignRoleBulkAction(ProtectedAccountsSkipped, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not may_grant_office_roles(self.request.user):
            form.fields["role"].queryset = Group.objects.exclude(name__in=OFFICE_ROLE_NAMES).exclude(
                pk__in=Group.objects.filter(permissions__in=sensitive_permissions()).values("pk")
            )
        return form

    def get_actionable_objects(self):
        objects, without_access = super().get_actionable_objects()
        form = getattr(self, "cleaned_form", None)
        role = form.cleaned_data.get("role") if form is not None else None
        if role is not None and role.name in OFFICE_ROLE_NAMES:
            # Never an office role for an administrator or superuser.
            kept = [user for user in objects if not _is_administrator(user)]
            if len(kept) != len(objects):
                without_access.setdefault("administrators", []).extend(u for u in objects if u not in kept)
            objects = kept
        return objects, without_access


def _is_administrator(user) -> bool:
    return user.is_superuser or user.groups.filter(name=str(Role.ADMINISTRATOR)).exists()


class PortalSetActiveStateBulkAction(ProtectedAccountsSkipped, SetActiveStateBulkAction):
    pass


class PortalDeleteBulkAction(ProtectedAccountsSkipped, DeleteBulkAction):
    pass


BULK_ACTIONS = [PortalAssignRoleBulkAction, PortalSetActiveStateBulkAction, PortalDeleteBulkAction]
