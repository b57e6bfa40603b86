"""`wagtail.users` with the portal's user and group screens (separation of duties, portal/viewsets.py)."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersConfig(WagtailUsersAppConfig):
    user_viewset = "portal.viewsets.PortalUserViewSet"
    group_viewset = "portal.viewsets.PortalGroupViewSet"
