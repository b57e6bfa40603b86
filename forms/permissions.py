"""Who may see and do what with reports and registrations. Group membership, never is_superuser."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import BasePermissionPolicy

from portal.roles import Role, has_role


def is_integrity_office(user) -> bool:
    """Members of the integrity office group; administrators and superusers only if they are members."""
    return bool(user and user.is_active and has_role(user, Role.INTEGRITY_OFFICE))


def is_confidential_advisor(user) -> bool:
    return bool(user and user.is_active and has_role(user, Role.CONFIDENTIAL_ADVISOR))


def can_handle_case(user, report=None) -> bool:
    return is_integrity_office(user)


def can_edit_registration(user, registration) -> bool:
    return is_confidential_advisor(user) and registration.advisor_id == user.pk


class RolePermissionPolicy(BasePermissionPolicy):
    """A Wagtail permission policy that grants `actions` to members of one role's group only.

    Django's model permissions (which superusers always hold) are deliberately not consulted.
    """

    def __init__(self, model, role: Role, actions: set[str]):
        super().__init__(model)
        self.role = role
        self.actions = set(actions)

    def user_has_permission(self, user, action) -> bool:
        return action in self.actions and bool(user and user.is_active and has_role(user, self.role))

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if not self.actions & set(actions):
            return User.objects.none()
        return User.objects.filter(is_active=True, groups__name=str(self.role)).distinct()


class OwnRecordsPolicy(RolePermissionPolicy):
    """As RolePermissionPolicy, and each record only for the user named in `owner_field`."""

    def __init__(self, model, role: Role, actions: set[str], owner_field: str):
        super().__init__(model, role, actions)
        self.owner_field = owner_field

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return (
            self.user_has_permission(user, action) and getattr(instance, f"{self.owner_field}_id") == user.pk
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(**{self.owner_field: user})

    def users_with_any_permission_for_instance(self, actions, instance):
        return (
            super().users_with_any_permission(actions).filter(pk=getattr(instance, f"{self.owner_field}_id"))
        )
