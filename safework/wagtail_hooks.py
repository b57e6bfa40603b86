from wagtail import hooks

from safework.viewsets import SafeworkViewSetGroup


@hooks.register("register_admin_viewset")
def register_safework_viewsets():
    return SafeworkViewSetGroup()
