"""Wagtail hooks of the portal itself."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.cache import start_capture


@hooks.register("on_serve_page", order=100)
def render_pages_as_shells(serve):
    """Runs inside Wagtail's view-restriction check (order 0): only pages the person may see get here."""

    def inner(page, request, args, kwargs):
        start_capture(page, request)
        return serve(page, request, args, kwargs)

    return inner


class SecondFactorResetMenuItem(MenuItem):
    """Office leads and administrators find the reset of a colleague's second factor here."""

    def is_shown(self, request):
        from portal.mfa.reset import may_reset_anyone

        return may_reset_anyone(request.user)


@hooks.register("register_admin_menu_item")
def second_factor_reset_menu_item():
    return SecondFactorResetMenuItem(
        _("Tweede factor wissen"), reverse("mfa:reset_list"), icon_name="key", order=900
    )
