"""`wagtail.users` with the portal's user and group screens (separation of duties, portal/users.py)."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersConfig(WagtailUsersAppConfig):
    user_viewset = "portal.users.PortalUserViewSet"
    group_viewset = "portal.users.PortalGroupViewSet"
