"""Sign-in lockouts in the Wagtail admin: administrators see which account is locked at which
address until when, and lift a lockout (portal/throttle.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from forms import audit
from portal import throttle
from portal.roles import Role, has_role


def can_manage_lockouts(user) -> bool:
    """Administrators (the Beheerder role) only; a superuser flag alone is not a role."""
    return user.is_authenticated and user.is_active and has_role(user, Role.ADMINISTRATOR)


class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Inlogblokkades")
    header_icon = "lock"
    template_name = "portal/admin/lockouts.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_lockouts(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lockouts"] = list(throttle.active_lockouts())
        return context

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        ip_address = request.POST.get("ip_address", "")
        if throttle.lift_lockout(username, ip_address):
            audit.record(
                "sign_in_lockout_lifted",
                user=request.user,
                detail={"username": username, "ip_address": ip_address},
            )
            text = _("De blokkade van %(username)s is opgeheven.") % {"username": username}
            messages.success(request, text)
        else:
            messages.info(request, _("Deze blokkade bestond niet meer."))
        return redirect("portal_lockouts")
