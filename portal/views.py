"""Views of the portal itself: sign-in, password reset, health check, and the error pages."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView, PasswordResetView
from django.db import connection
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import throttle, user_sessions
from portal.forms import SignInForm
from sso import conf


class SignInView(LoginView):
    """The Dutch sign-in page; after signing in people go back to where they were going."""

    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Why the previous session ended ("idle" or "absolute"), shown once.
        context["session_ended"] = self.request.session.pop(user_sessions.ENDED_NOTICE, None)
        context["sso_enabled"] = conf.enabled()
        context["sso_provider_name"] = settings.OIDC_PROVIDER_NAME
        context["local_login"] = conf.local_login_allowed()
        return context

    def post(self, request, *args, **kwargs):
        if not conf.local_login_allowed():  # break-glass sign-in switched off: the page, no form
            response = self.get(request, *args, **kwargs)
            response.status_code = 403
            return response
        return super().post(request, *args, **kwargs)


class ThrottledPasswordResetView(PasswordResetView):
    """Password reset requests, limited per client address and per e-mail address typed
    (portal/throttle.py); the same answer whether or not an account has that address."""

    def form_valid(self, form):
        if not throttle.password_reset_allowed(self.request, form.cleaned_data["email"]):
            return throttle.password_reset_refused(self.request)
        return super().form_valid(form)


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
def permission_denied(request, exception=None, *, admin=False):
    """The styled "no access" page with a way back (also for /admin/ without admin access)."""
    response = loader.render_to_string("403.html", {"admin": admin}, request)
    return HttpResponse(response, status=403)


@login_not_required
def server_error(request):
    # Rendered without a request context on purpose: nothing about the failure is shown, and
    # neither the session nor the database is needed. The language follows the address.
    language = "en" if request.path.startswith("/en/") else "nl"
    with translation.override(language):
        html = loader.get_template("500.html").render({"language": language})
    return HttpResponseServerError(html)


@login_not_required
def csrf_failure(request, reason=""):
    """A form that could not be checked (expired, cookies off): the styled page with a way back.
    The reason is Django's technical one; it is logged by Django, not shown."""
    back = request.META.get("HTTP_REFERER", "")
    back_url = back if back and url_has_allowed_host_and_scheme(back, {request.get_host()}) else ""
    html = loader.render_to_string("403_csrf.html", {"back_url": back_url}, request)
    return HttpResponseForbidden(html)
