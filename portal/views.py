"""Views of the portal itself: sign-in, health check, and the error pages."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.forms import SignInForm
from sso import conf


class SignInView(LoginView):
    """The Dutch sign-in page; after signing in people go back to where they were going."""

    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "sso_enabled": conf.enabled(),
            "sso_provider_name": settings.OIDC_PROVIDER_NAME,
            "local_login": conf.local_login_allowed(),
        }

    def post(self, request, *args, **kwargs):
        if not conf.local_login_allowed():  # break-glass sign-in switched off: the page, no form
            response = self.get(request, *args, **kwargs)
            response.status_code = 403
            return response
        return super().post(request, *args, **kwargs)


@login_not_required
@require_GET
@never_cache
def healthz(request):
    """For load balancers and uptime checks: the process runs and the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@login_not_required
def page_not_found(request, exception=None):
    response = loader.render_to_string("404.html", {"request_path": request.path}, request)
    return HttpResponse(response, status=404)


@login_not_required
def server_error(request):
    # Rendered without a request context on purpose: nothing about the failure is shown.
    return HttpResponseServerError(loader.get_template("500.html").render())
