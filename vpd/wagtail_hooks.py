from wagtail import hooks

from vpd.viewsets import VpdViewSetGroup


@hooks.register("register_admin_viewset")
def register_vpd_viewsets():
    return VpdViewSetGroup()
